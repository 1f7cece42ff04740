/**
 * @module
 * `deno task start` / `deno task serve`: serves the built app
 * (`_fresh/server.js`, whose default export is a `deno serve` handler) on
 * `PORT` (default 8000) and `LISTEN_HOST` (default 0.0.0.0). On Deno Deploy
 * or with `deno serve _fresh/server.js` this file is not needed; stopping
 * cleanly on SIGINT/SIGTERM is the app's own (`http/lifecycle.ts`).
 */
import { loadSettings } from "../lib/settings.ts";
import { resolveModelDir } from "../lib/model/check.ts";
import { startModelWorkerEarly } from "../lib/segment/worker_start.ts";

const settings = loadSettings();
const { port, hostname } = settings;
// The model loads in its worker while the app's modules load (cold start).
startModelWorkerEarly(resolveModelDir(settings.modelDir), settings.threads);
const server = (await import("../_fresh/server.js")) as {
  default: { fetch: Deno.ServeHandler };
};

Deno.serve({
  port,
  hostname,
  onListen(addr) {
    const host = addr.hostname === "0.0.0.0" || addr.hostname === "::"
      ? "localhost"
      : addr.hostname;
    console.log(`Listening on http://${host}:${addr.port}/`);
  },
}, server.default.fetch);
