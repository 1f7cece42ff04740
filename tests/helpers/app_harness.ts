/**
 * @module
 * The app's real request path — site middleware, rate limits, Blocks apps
 * mounted as sub-apps on real services (Deno KV `:memory:`, the scheduler)
 * — around any set of Blocks apps, in process. For protocol tests with
 * fixture apps; tests of the whole site start the real server instead
 * (`server.ts`).
 */
import { App, type Middleware } from "fresh";
import type { State } from "../../utils.ts";
import type { AppEntry } from "../../apps/mod.ts";
import { loadSettings } from "../../lib/settings.ts";
import { createServices, type Services } from "../../lib/services.ts";
import { siteMiddleware } from "../../http/site.tsx";
import { rateLimit } from "../../http/rate_limit.ts";
import { hostApps, type HostedApp } from "../../http/apps/hosted_app.ts";
import { appRoutes } from "../../http/apps/app_routes.ts";

/** A running in-process app. */
export interface Harness extends AsyncDisposable {
  handler: (req: Request, info?: Deno.ServeHandlerInfo) => Promise<Response>;
  services: Services;
  /** Serves the handler on a free port (for real clients); closed with the harness. */
  serve(): string;
  close(): Promise<void>;
}

/**
 * Mounts `entries` on fresh services configured by `env` (settings as
 * environment variables); each app's page is `page(hosted)` (by default a
 * plain marker).
 *
 * @example
 * ```ts
 * const h = await harness([{ path: "/demos/greet", name: "greet", app: greetApp() }]);
 * try { await h.handler(new Request("http://localhost/demos/greet/config")); } finally { await h.close(); }
 * ```
 */
export async function harness(
  entries: AppEntry[],
  env: Record<string, string> = {},
  page: (hosted: HostedApp) => Middleware<State> = (hosted) => () =>
    new Response(`page of ${hosted.name}`),
): Promise<Harness> {
  const settings = loadSettings((k) =>
    ({ KV_PATH: ":memory:", HEARTBEAT_SECONDS: "0.2", ...env })[k]
  );
  const services = await createServices(settings, { preloadModel: false });
  const apps = hostApps(entries, services);
  const app = new App<State>()
    .use(siteMiddleware(services, apps))
    .use(rateLimit);
  for (const hosted of apps) {
    app.mountApp(
      hosted.path || "/",
      appRoutes(hosted, page(hosted)),
    );
  }
  const handler = app.handler();
  const servers: { ac: AbortController; server: Deno.HttpServer }[] = [];
  const close = async () => {
    for (const s of servers) {
      s.ac.abort();
      await s.server.finished;
    }
    await services.scheduler.idle(2_000);
    await services.close();
  };
  return {
    [Symbol.asyncDispose]: close,
    handler,
    services,
    serve() {
      const ac = new AbortController();
      const server = Deno.serve({
        port: 0,
        hostname: "127.0.0.1",
        signal: ac.signal,
        onListen: () => {},
      }, (req, info) => handler(req, info));
      servers.push({ ac, server });
      return `http://127.0.0.1:${server.addr.port}`;
    },
    close,
  };
}
