/**
 * @module
 * Every Blocks app this server hosts, with the path it is mounted at.
 * The page, the app's JSON API and the Gradio protocol all come from these
 * declarations.
 */
import type { BlocksApp } from "../lib/blocks/blocks_app.ts";
import type { Services } from "../lib/services.ts";
import { greetInterface } from "./greet_interface.ts";
import { greetBlocks } from "./greet_blocks.ts";
import { greetRow } from "./greet_row.ts";
import { greetColumns } from "./greet_columns.ts";
import { componentsDemo } from "./components.ts";
import { petSegmentation } from "./pet_segmentation.ts";

/** An app and where it lives: `""` is the site root, else e.g. `/demos/blocks`. */
export interface MountedApp {
  path: string;
  /** Short name for links and logs, e.g. "blocks". */
  name: string;
  app: BlocksApp;
}

/** Builds the hosted apps (the pet app needs the services for inference). */
export function createApps(services: Services): MountedApp[] {
  return [
    { path: "", name: "pet", app: petSegmentation(services) },
    { path: "/demos/interface", name: "interface", app: greetInterface() },
    { path: "/demos/blocks", name: "blocks", app: greetBlocks() },
    { path: "/demos/row", name: "row", app: greetRow() },
    { path: "/demos/columns", name: "columns", app: greetColumns() },
    { path: "/demos/components", name: "components", app: componentsDemo() },
    { path: "/demos/pet", name: "pet-kit", app: petSegmentation(services) },
  ];
}
