/**
 * @module
 * The browser's copy of the model ("Run on this device") comes from
 * `/model/`. With the shipped model that is `static/model/`, served by the
 * static files. With `MODEL_DIR` set, this middleware answers `/model/`
 * from that folder instead, so the page runs the same model as the server.
 */
import type { Context } from "fresh";
import { DEFAULT_MODEL_DIR } from "../lib/model/load.ts";
import { parseManifest } from "../lib/model/manifest.ts";
import type { State } from "../utils.ts";

const PREFIX = "/model/";

/**
 * Middleware serving `manifest.json` and the `.onnx` it names from `dir`
 * under `/model/`; other names there are 404. For the shipped folder it
 * steps aside (the static files serve it, cached as immutable).
 *
 * @example
 * ```ts
 * app.use(modelFiles(resolveModelDir(settings.modelDir))).use(staticFiles());
 * ```
 */
export function modelFiles(dir: URL) {
  if (dir.href === DEFAULT_MODEL_DIR.href) {
    return (ctx: Context<State>) => ctx.next();
  }
  return async (ctx: Context<State>) => {
    const path = ctx.url.pathname;
    if (!path.startsWith(PREFIX)) return ctx.next();
    if (ctx.req.method !== "GET" && ctx.req.method !== "HEAD") {
      return new Response(null, {
        status: 405,
        headers: { Allow: "GET, HEAD" },
      });
    }
    // Read per request: the folder was checked at start, and a user who
    // swaps its files should not need a restart to see them in the page.
    const manifestUrl = new URL("manifest.json", dir);
    const { file } = parseManifest(
      JSON.parse(await Deno.readTextFile(manifestUrl)),
    );
    const name = path.slice(PREFIX.length);
    const target = name === "manifest.json"
      ? manifestUrl
      : name === file
      ? new URL(file, dir)
      : undefined;
    if (!target) return new Response("Not found", { status: 404 });
    const info = await Deno.stat(target);
    // Not immutable (the page's asset() query does not change with the
    // folder's contents): revalidate, cheaply, by size and time.
    const etag = `W/"${info.size.toString(36)}-${
      (info.mtime?.getTime() ?? 0).toString(36)
    }"`;
    const headers = new Headers({
      "Content-Type": name === "manifest.json"
        ? "application/json; charset=utf-8"
        : "application/octet-stream",
      "Cache-Control": "no-cache",
      ETag: etag,
    });
    if (ctx.req.headers.get("If-None-Match") === etag) {
      return new Response(null, { status: 304, headers });
    }
    headers.set("Content-Length", String(info.size));
    if (ctx.req.method === "HEAD") return new Response(null, { headers });
    const f = await Deno.open(target);
    return new Response(f.readable, { headers });
  };
}
