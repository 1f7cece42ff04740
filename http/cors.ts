/**
 * @module
 * CORS for the Gradio API (`/config`, `{P}/gradio_api/*`), set by
 * `CORS_ORIGINS`:
 *
 * - unset or `*`: any origin may call it from a browser, never with
 *   credentials (`Access-Control-Allow-Origin: *`);
 * - a list of origins: those are echoed back with
 *   `Access-Control-Allow-Credentials: true` (what Gradio's own server
 *   answers, and what Gradio 5's web component needs: it fetches `/config`
 *   with `credentials: "include"`); other origins get no CORS headers.
 *
 * `*` never goes with credentials, and an opaque `null` origin (sandboxed
 * frames, `file:` pages) never gets CORS headers.
 */

const ALLOW_METHODS = "GET, POST, HEAD, OPTIONS";
const ALLOW_HEADERS = "Content-Type, X-Gradio-User, Range, Authorization";
const EXPOSE_HEADERS = "Content-Length, Content-Range, Retry-After";

/** Who may call: any origin without credentials, or these with credentials. */
export type CorsPolicy = "*" | ReadonlySet<string>;

/**
 * The policy of a `CORS_ORIGINS` list (see `lib/settings.ts`): empty or
 * containing `*` → `"*"`; else the origins, normalised (`https://A.example/`
 * → `https://a.example`). Throws on an entry that is not an origin.
 *
 * @example
 * ```ts
 * corsPolicy([]);                        // "*"
 * corsPolicy(["https://a.example/"]);    // Set { "https://a.example" }
 * corsPolicy(["https://a.example/app"]); // throws
 * ```
 */
export function corsPolicy(origins: readonly string[]): CorsPolicy {
  if (!origins.length || origins.includes("*")) return "*";
  return new Set(origins.map((o) => {
    const url = URL.canParse(o) ? new URL(o) : undefined;
    if (!url || url.origin === "null" || url.href !== `${url.origin}/`) {
      throw new Error(
        `CORS_ORIGINS takes origins like https://a.example, not "${o}"`,
      );
    }
    return url.origin;
  }));
}

/** The Allow-Origin value for `origin` under `policy`, or undefined. */
function allowed(origin: string | null, policy: CorsPolicy) {
  if (!origin || origin === "null") return undefined;
  if (policy === "*") return "*";
  return policy.has(origin) ? origin : undefined;
}

/**
 * Adds the CORS headers of a cross-origin request with a real origin.
 *
 * @example
 * ```ts
 * const h = new Headers();
 * corsHeaders(new Request("http://x/", { headers: { Origin: "https://a.example" } }), h, corsPolicy(["https://a.example"]));
 * h.get("access-control-allow-origin");      // "https://a.example"
 * h.get("access-control-allow-credentials"); // "true"
 * ```
 */
export function corsHeaders(
  req: Request,
  headers: Headers,
  policy: CorsPolicy = "*",
): void {
  if (policy !== "*") headers.append("Vary", "Origin");
  headers.delete("Access-Control-Allow-Credentials");
  const allow = allowed(req.headers.get("origin"), policy);
  if (!allow) return;
  headers.set("Access-Control-Allow-Origin", allow);
  headers.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
  if (allow !== "*") headers.set("Access-Control-Allow-Credentials", "true");
}

/**
 * The answer to a CORS preflight: 204 with the allowed methods and headers,
 * or 403 without CORS headers for the `null` origin and origins not listed.
 */
export function preflight(req: Request, policy: CorsPolicy = "*"): Response {
  const origin = req.headers.get("origin");
  const allow = allowed(origin, policy);
  const vary: Record<string, string> = policy === "*" ? {} : { Vary: "Origin" };
  if (!allow) {
    return new Response(null, {
      status: origin ? 403 : 204,
      headers: { Allow: ALLOW_METHODS, ...vary },
    });
  }
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": allow,
      ...(allow === "*" ? {} : { "Access-Control-Allow-Credentials": "true" }),
      "Access-Control-Allow-Methods": ALLOW_METHODS,
      "Access-Control-Allow-Headers": ALLOW_HEADERS,
      "Access-Control-Max-Age": "600",
      Allow: ALLOW_METHODS,
      ...vary,
    },
  });
}
