/**
 * @module
 * `GET/HEAD {P}/gradio_api/file={id}`: serves only files the app's store
 * issued (uploads and outputs). Anything else — server paths, traversal,
 * URLs, UNC names — is a 403 without touching the filesystem or the network.
 * Inline only for XSS-safe media types; everything else downloads.
 */
import { isInlineSafe } from "../../lib/blocks/mime.ts";
import { GradioHttpError, type GradioRequest } from "./respond.ts";

/**
 * Answers the stored bytes (with single-range support).
 *
 * @example
 * ```ts
 * // curl http://localhost:8000/gradio_api/file=<id> → the PNG
 * // curl http://localhost:8000/gradio_api/file=/etc/passwd → 403 {"detail":"File not allowed."}
 * ```
 */
export function getFile({ req, host, match }: GradioRequest): Response {
  let id: string;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    throw new GradioHttpError(403, "File not allowed.");
  }
  const file = host.app.files.get(id);
  if (!file) throw new GradioHttpError(403, "File not allowed.");
  const inline = isInlineSafe(file.mimeType);
  const headers: Record<string, string> = {
    "Content-Type": inline ? file.mimeType : "application/octet-stream",
    "Content-Disposition": `${
      inline ? "inline" : "attachment"
    }; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "Cache-Control": "private, max-age=3600, immutable",
    "Accept-Ranges": "bytes",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  };
  const size = file.bytes.length;
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
    return new Response(file.bytes.slice(start, end + 1) as BodyInit, {
      status: 206,
      headers: { ...headers, "Content-Range": `bytes ${start}-${end}/${size}` },
    });
  }
  return new Response(file.bytes as BodyInit, {
    headers: { ...headers, "Content-Length": String(size) },
  });
}
