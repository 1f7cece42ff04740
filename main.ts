/**
 * @module
 * The app: static files, services in `ctx.state`, then the file routes.
 * `_fresh/server.js` (made by `deno task build`) imports `app` and listens.
 */
import { App, staticFiles } from "fresh";
import type { State } from "./utils.ts";
import { loadConfig } from "./lib/config.ts";
import { createServices } from "./lib/services.ts";

/** Built once per process: the model worker and the share store. */
export const services = createServices(loadConfig());

export const app = new App<State>();
app.use(async (ctx) => {
  ctx.state.services = services;
  return await ctx.next();
});
app.use(staticFiles());
app.fsRoutes();
