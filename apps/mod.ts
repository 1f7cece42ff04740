/**
 * @module
 * Every Blocks app this server hosts, with the path it is mounted at. The
 * page, the app's JSON API and the Gradio protocol all come from these
 * declarations (`http/apps/app_routes.tsx` mounts each as a sub-app).
 */
import type { BlocksApp } from "../lib/blocks/blocks_app.ts";
import { greetInterface } from "./greet_interface.ts";
import { greetBlocks } from "./greet_blocks.ts";
import { greetRow } from "./greet_row.ts";
import { greetColumns } from "./greet_columns.ts";
import { componentsDemo } from "./components.ts";
import { type PetAppDeps, petSegmentation } from "./pet_segmentation.ts";

/** A declared app and where it lives: `""` is the site root, else e.g. `/demos/blocks`. */
export interface AppEntry {
  path: string;
  /** Short name for links, logs and its file namespace, e.g. "blocks". */
  name: string;
  app: BlocksApp;
}

/**
 * The hosted apps. The pet app is built once and mounted twice: as the site
 * itself (`/`, with its own page) and as a plain kit demo (`/demos/pet`).
 *
 * @example
 * ```ts
 * declareApps(services).map((e) => e.path); // ["", "/demos/interface", …, "/demos/pet"]
 * ```
 */
export function declareApps(deps: PetAppDeps): AppEntry[] {
  const pet = petSegmentation(deps);
  return [
    { path: "", name: "pet", app: pet },
    { path: "/demos/interface", name: "interface", app: greetInterface() },
    { path: "/demos/blocks", name: "blocks", app: greetBlocks() },
    { path: "/demos/row", name: "row", app: greetRow() },
    { path: "/demos/columns", name: "columns", app: greetColumns() },
    { path: "/demos/components", name: "components", app: componentsDemo() },
    { path: "/demos/pet", name: "pet", app: pet },
  ];
}
