/**
 * @module
 * Serving a stored file (kit `…/file/<id>` and Gradio's `…/file=<id>`): shown
 * inline only for media types that cannot run script, downloaded otherwise,
 * sandboxed by CSP, with single-range support (audio and video seek).
 */
import { isInlineSafe } from "../../lib/files/mime.ts";
import type { StoredFile } from "../../lib/files/file_store.ts";

/**
 * The answer for `file` to `req` (`HEAD` gets the headers only).
 *
 * @example
 * ```ts
 * return fileResponse(ctx.req, await hosted.files.get(id) ?? notFound());
 * ```
 */
export function fileResponse(req: Request, file: StoredFile): Response {
  const inline = isInlineSafe(file.mimeType);
  const headers: Record<string, string> = {
    "Content-Type": inline ? file.mimeType : "application/octet-stream",
    "Content-Disposition": `${
      inline ? "inline" : "attachment"
    }; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    // Ids are never reused, so a file never changes.
    "Cache-Control": "private, max-age=3600, immutable",
    "Accept-Ranges": "bytes",
    "Content-Security-Policy":
      "default-src 'none'; img-src 'self'; media-src 'self'; sandbox",
  };
  const size = file.bytes.length;
  const head = req.method === "HEAD";
  const range = req.headers.get("range")?.match(/^bytes=(\d*)-(\d*)$/);
  if (range && (range[1] || range[2])) {
    let start = range[1]
      ? Number(range[1])
      : Math.max(0, size - Number(range[2]));
    let end = range[1] && range[2] ? Number(range[2]) : size - 1;
    end = Math.min(end, size - 1);
    if (start > end || start >= size) {
      return new Response(null, {
        status: 416,
        headers: { ...headers, "Content-Range": `bytes */${size}` },
      });
    }
    start = Math.max(0, start);
    return new Response(
      head ? null : file.bytes.slice(start, end + 1) as BodyInit,
      {
        status: 206,
        headers: {
          ...headers,
          "Content-Range": `bytes ${start}-${end}/${size}`,
          "Content-Length": String(end - start + 1),
        },
      },
    );
  }
  return new Response(head ? null : file.bytes as BodyInit, {
    headers: { ...headers, "Content-Length": String(size) },
  });
}
