/**
 * @module
 * CORS for the Gradio API only: any origin may call it from a browser, never
 * with credentials (no cookies are involved), and an opaque `null` origin
 * (sandboxed frames, `file:` pages) gets no CORS headers at all.
 */

const ALLOW_METHODS = "GET, POST, HEAD, OPTIONS";
const ALLOW_HEADERS = "Content-Type, X-Gradio-User, Range";

/**
 * Adds `Access-Control-Allow-Origin: *` for a cross-origin request with a
 * real origin.
 *
 * @example
 * ```ts
 * corsHeaders(new Request("http://x/", { headers: { Origin: "https://a.example" } }), res.headers);
 * ```
 */
export function corsHeaders(req: Request, headers: Headers): void {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return;
  headers.set("Access-Control-Allow-Origin", "*");
  headers.set(
    "Access-Control-Expose-Headers",
    "Content-Length, Content-Range, Retry-After",
  );
  headers.delete("Access-Control-Allow-Credentials");
}

/** The answer to a CORS preflight (204, or 403 for the `null` origin). */
export function preflight(req: Request): Response {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") {
    return new Response(null, {
      status: origin ? 403 : 204,
      headers: { Allow: ALLOW_METHODS },
    });
  }
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": ALLOW_METHODS,
      "Access-Control-Allow-Headers": ALLOW_HEADERS,
      "Access-Control-Max-Age": "600",
      Allow: ALLOW_METHODS,
    },
  });
}
