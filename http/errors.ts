/**
 * @module
 * Turning any thrown value into an answer, in the format of the surface it
 * came from. The mapping itself (status, code, message) is the one table in
 * `lib/errors.ts`; this module only renders it:
 *
 * - `json` — the app's APIs (`/api/…`, a kit app's `…/api/…`, `…/upload`,
 *   `…/file/…`): `{"error": {"code", "message"}}`;
 * - `gradio` — Gradio's protocol (`…/gradio_api/…`, `…/config`): FastAPI's
 *   `{"detail": "…"}`, as Gradio clients read it;
 * - `html` — pages: the error page (rendered by the site middleware).
 */
import { toUserFacing, type UserFacingError } from "../lib/errors.ts";

/** The three answer formats. */
export type ErrorFormat = "json" | "gradio" | "html";

/**
 * Which format a path answers errors in.
 *
 * @example
 * ```ts
 * errorFormatFor("/api/segment"); // "json"
 * errorFormatFor("/demos/greet/gradio_api/queue/join"); // "gradio"
 * errorFormatFor("/s/abc"); // "html"
 * ```
 */
export function errorFormatFor(pathname: string): ErrorFormat {
  if (/\/gradio_api(\/|$)|\/config\/?$/.test(pathname)) return "gradio";
  if (/(^|\/)api(\/|$)|\/upload\/?$|\/file\//.test(pathname)) return "json";
  return "html";
}

/** Headers every error answer carries: no caching, and `Retry-After` when known. */
export function errorHeaders(e: UserFacingError): Record<string, string> {
  const h: Record<string, string> = {
    "Cache-Control": "no-store",
    ...e.headers,
  };
  if (e.retryAfterS !== undefined) h["Retry-After"] = String(e.retryAfterS);
  return h;
}

/**
 * An error as a JSON answer: `{"error": {...}}` or, for Gradio, `{"detail": ...}`.
 *
 * @example
 * ```ts
 * errorJson(new ShareNotFoundError(), "json").status; // 404
 * ```
 */
export function errorJson(
  err: unknown,
  format: Exclude<ErrorFormat, "html">,
): Response {
  const e = toUserFacing(err);
  const body = format === "gradio"
    ? { detail: e.message }
    : { error: { code: e.code, message: e.message } };
  return Response.json(body, { status: e.status, headers: errorHeaders(e) });
}
