/**
 * @module
 * Kit apps on the app's real request path (site middleware, mounted
 * sub-apps, KV `:memory:`), with the kit's generic page at each app's path.
 */
import type { Context } from "fresh";
import type { State } from "../../utils.ts";
import type { AppEntry } from "../../apps/mod.ts";
import type { BlocksApp } from "../../lib/blocks/blocks_app.ts";
import { BlocksPage } from "../../components/blocks/BlocksPage.tsx";
import { type Harness, harness } from "../helpers/app_harness.ts";

/** Serves `apps` (pages under their path, APIs below it). */
export function kitHarness(apps: AppEntry[]): Promise<Harness> {
  return harness(
    apps,
    {},
    (hosted) => (ctx: Context<State>) =>
      ctx.render(<BlocksPage app={hosted.app} root={hosted.path} />),
  );
}

/** Mounts one app at `/demos/t`. */
export function one(app: BlocksApp, path = "/demos/t"): Promise<Harness> {
  return kitHarness([{ path, name: "t", app }]);
}

/** `http://localhost` + path. */
export const url = (path: string) => `http://localhost${path}`;
