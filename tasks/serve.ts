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
import {
  COLD_START_THREADS,
  startModelWorkerEarly,
} from "../lib/segment/worker_start.ts";

const settings = loadSettings();
const { port, hostname } = settings;
// The model loads in its worker while the app's modules load (cold start).
startModelWorkerEarly(resolveModelDir(settings.modelDir), COLD_START_THREADS);
// A computed specifier: a literal one would make Deno prepare the app's whole
// module graph before this file runs, i.e. before the model starts loading.
const entry = new URL("../_fresh/server.js", import.meta.url).href;
const server = (await import(entry)) as {
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
