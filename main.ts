/**
 * @module
 * The app. A request passes, in order: `lifecycle` (drain on stop) → the
 * site middleware (services and client into `ctx.state`; errors rendered in
 * their surface's format; security headers) → the rate limits → the
 * model files (`MODEL_DIR`'s, for on-device inference) → static files → one of the mounted Blocks apps (`http/apps/app_routes.ts`: page,
 * kit API, files, Gradio protocol) or a file route in `routes/`. See
 * ARCHITECTURE.md. `_fresh/server.js` (made by `deno task build`) imports
 * `app` and default-exports its handler for `deno serve`.
 */
import { App, staticFiles } from "fresh";
import type { State } from "./utils.ts";
import { loadSettings } from "./lib/settings.ts";
import { createServices } from "./lib/services.ts";
import { declareApps } from "./apps/mod.ts";
import { lifecycle, onShutdown } from "./http/lifecycle.ts";
import { siteMiddleware } from "./http/site.tsx";
import { rateLimit } from "./http/rate_limit.ts";
import { hostApps } from "./http/apps/hosted_app.ts";
import { appRoutes } from "./http/apps/app_routes.ts";
import { appPage } from "./http/apps/pages.tsx";
import { stopImageWorker } from "./lib/image/offload.ts";
import { modelFiles } from "./http/model_files.ts";
import { resolveModelDir } from "./lib/model/check.ts";

/** Built once per process: KV, the scheduler, the model worker, shares, events. */
export const services = await createServices(loadSettings());
/** The hosted Blocks apps (the pet app and the demos). */
export const apps = hostApps(declareApps(services), services);

onShutdown(async () => {
  await services.scheduler.idle(3_000);
  await services.close();
  stopImageWorker();
});

export const app = new App<State>()
  .use(lifecycle)
  .use(siteMiddleware(services, apps))
  .use(rateLimit)
  .use(modelFiles(resolveModelDir(services.settings.modelDir)))
  .use(staticFiles())
  // Before the mounts: in Fresh a route is wrapped in the `_app` registered
  // before it, and the mounted pages need routes/_app.tsx too.
  .fsRoutes();
for (const hosted of apps) {
  app.mountApp(hosted.path || "/", appRoutes(hosted, appPage(hosted)));
}
