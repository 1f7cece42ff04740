/**
 * @module
 * Every Blocks app this server hosts, with the path it is mounted at.
 * The page, the app's JSON API and the Gradio protocol all come from these
 * declarations.
 */
import type { BlocksApp } from "../lib/blocks/blocks.ts";
import type { Services } from "../lib/services.ts";

/** An app and where it lives: `""` is the site root, else e.g. `/demos/blocks`. */
export interface MountedApp {
  path: string;
  /** Short name for links and logs, e.g. "blocks". */
  name: string;
  app: BlocksApp;
}

/** Builds the hosted apps (the pet app needs the services for inference). */
export function createApps(_services: Services): MountedApp[] {
  return [];
}
