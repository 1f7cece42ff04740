/**
 * @module
 * An in-memory app for kit tests: the Blocks middleware, a page route
 * rendering {@link BlocksPage}, and this project's islands (crawled).
 */
import { App } from "fresh";
import { crawlBuildCache, setBuildCache } from "../../framework/internal.ts";
import type { MountedApp } from "../../apps/mod.ts";
import {
  blocksMiddleware,
  mountedAppOf,
} from "../../http/blocks/middleware.ts";
import { BlocksPage } from "../../components/blocks/BlocksPage.tsx";
import type { BlocksApp } from "../../lib/blocks/blocks_app.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/** A request handler serving `apps` (pages under their path, APIs below it). */
export function kitHandler(
  apps: MountedApp[],
): (req: Request) => Promise<Response> {
  const app = new App<unknown>()
    .use(blocksMiddleware(apps))
    .get("/*", (ctx) => {
      const m = mountedAppOf(ctx.req);
      if (!m) return new Response("Not found", { status: 404 });
      return ctx.render(<BlocksPage app={m.app} root={m.path} />);
    });
  setBuildCache(app, crawlBuildCache(ROOT, { buildId: "test" }));
  const handler = app.handler();
  return (req) => handler(req);
}

/** Mounts one app at `/demos/t`. */
export function one(
  app: BlocksApp,
  path = "/demos/t",
): (req: Request) => Promise<Response> {
  return kitHandler([{ path, name: "t", app }]);
}

/** `http://localhost` + path. */
export const url = (path: string) => `http://localhost${path}`;
