import { extname, join, normalize, sep } from "node:path";
import { getInternals } from "./context.ts";
import type { Middleware } from "./types.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
  ".onnx": "application/octet-stream",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".pdf": "application/pdf",
  ".webmanifest": "application/manifest+json",
};

const IMMUTABLE = "public, max-age=31536000, immutable";
/** Fresh's header for files whose URL is not versioned. */
const NOT_CACHED = "no-cache, no-store, max-age=0, must-revalidate";

/**
 * Serve files from `static/` and the client bundles from
 * `/_fresh/js/<BUILD_ID>/…`, with Fresh's headers: in production a weak
 * SHA-256 `ETag` (`W/"…"`, `If-None-Match` answers 304) and
 * `Cache-Control: public, max-age=31536000, immutable` for bundles and
 * URLs made with `asset()`, else `no-cache, no-store, max-age=0,
 * must-revalidate` (also for everything in development, without ETags). A
 * file asked for with another method than GET/HEAD is a plain 405; a missing
 * `/favicon.ico` a bare 404. Paths that escape the folder and folders fall
 * through to `ctx.next()`.
 *
 * @example
 * ```ts
 * import { App, staticFiles } from "fresh";
 * const app = new App().use(staticFiles()).fsRoutes();
 * ```
 */
export function staticFiles<State>(): Middleware<State> {
  const etags = new Map<string, { key: string; etag: string }>();
  return async (ctx) => {
    const { req, url } = ctx;
    const { cache, env } = getInternals(ctx);
    const buildId = env().buildId;
    const production = ctx.config.mode === "production";

    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return await ctx.next();
    }
    const missing = () =>
      rel === "/favicon.ico" ? new Response(null, { status: 404 }) : ctx.next();
    if (rel.includes("\0") || rel.includes("\\")) return await ctx.next();
    if (rel.split("/").some((seg) => seg === "..")) return await ctx.next();

    let dir = cache.staticDir;
    let immutable = false;
    const jsPrefix = `/_fresh/js/${buildId}/`;
    if (rel.startsWith(jsPrefix)) {
      dir = (await cache.load()).jsDir;
      rel = rel.slice(jsPrefix.length);
      immutable = true;
    } else if (rel.startsWith("/_fresh/")) {
      return await ctx.next();
    }
    const file = normalize(join(dir, rel));
    if (!file.startsWith(normalize(dir) + sep)) return await ctx.next();

    let stat: Deno.FileInfo;
    try {
      stat = await Deno.stat(file);
    } catch {
      return await missing();
    }
    if (!stat.isFile) return await missing();
    if (req.method !== "GET" && req.method !== "HEAD") {
      return new Response("Method Not Allowed", { status: 405 });
    }

    const cacheBust = url.searchParams.get("__frsh_c");
    if (cacheBust !== null && cacheBust !== buildId) {
      // A stale asset() URL: send the client to the current one.
      const target = new URL(url);
      target.searchParams.delete("__frsh_c");
      return new Response(null, {
        status: 307,
        headers: { Location: target.pathname + target.search },
      });
    }
    if (cacheBust === buildId) immutable = true;

    const headers = new Headers({
      "Content-Type": CONTENT_TYPES[extname(file).toLowerCase()] ??
        "application/octet-stream",
      Vary: "If-None-Match",
    });
    if (production) {
      const key = `${stat.mtime?.getTime()}:${stat.size}`;
      let entry = etags.get(file);
      if (!entry || entry.key !== key) {
        const digest = await crypto.subtle.digest(
          "SHA-256",
          await Deno.readFile(file),
        );
        const hex = [...new Uint8Array(digest)]
          .map((b) => b.toString(16).padStart(2, "0")).join("");
        entry = { key, etag: hex };
        etags.set(file, entry);
      }
      const ifNoneMatch = req.headers.get("If-None-Match");
      if (ifNoneMatch && etagMatches(ifNoneMatch, entry.etag)) {
        return new Response(null, { status: 304, headers });
      }
      headers.set("ETag", `W/"${entry.etag}"`);
    }
    headers.set(
      "Cache-Control",
      production && immutable ? IMMUTABLE : NOT_CACHED,
    );
    headers.set("Content-Length", String(stat.size));
    if (req.method === "HEAD") {
      return new Response(null, { status: 200, headers });
    }
    const fh = await Deno.open(file);
    return new Response(fh.readable, { status: 200, headers });
  };
}

/** Whether an `If-None-Match` list names `hash` (weak or strong, or `*`). */
function etagMatches(header: string, hash: string): boolean {
  if (header.trim() === "*") return true;
  return header.split(",").some((t) =>
    t.trim().replace(/^W\//, "").replace(/^"|"$/g, "") === hash
  );
}
