/**
 * @module
 * The app: static files, services in `ctx.state`, then the file routes.
 * `_fresh/server.js` (made by `deno task build`) imports `app` and listens.
 */
import { App, staticFiles } from "fresh";
import type { State } from "./utils.ts";
import { loadConfig } from "./lib/config.ts";
import { createServices } from "./lib/services.ts";
import { createApps } from "./apps/mod.ts";
import { siteMiddleware } from "./http/site_middleware.tsx";
import { blocksMiddleware } from "./http/blocks/middleware.ts";
import { gradioMiddleware } from "./http/gradio/mount.ts";

/** Built once per process: the model worker and the share store. */
export const services = createServices(loadConfig());
/** The Blocks apps (demos and the pet app), each with its page and API. */
export const apps = createApps(services);

export const app = new App<State>();
app.use(async (ctx) => {
  ctx.state.services = services;
  return await ctx.next();
});
app.use(siteMiddleware);
app.use(staticFiles());
app.use(gradioMiddleware(apps, {
  publicUrl: services.config.publicUrl,
  // RATE_LIMIT_PER_MIN also covers calls through the Gradio protocol.
  admit: ({ clientAddress }) => services.rateLimiter.hit(clientAddress),
}));
app.use(blocksMiddleware(apps, {
  admit: ({ clientAddress }) => services.rateLimiter.hit(clientAddress),
}));
app.fsRoutes();
