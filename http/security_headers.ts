/**
 * @module
 * Security headers for every response.
 */

/** Options for {@link securityHeaders}. */
export interface SecurityHeaderOptions {
  /** CSP `frame-ancestors` source list, e.g. `'self'` or `*`. */
  frameAncestors: string;
}

/**
 * Sets CSP, `X-Content-Type-Options`, `Referrer-Policy` and friends, leaving
 * headers a route already chose alone.
 *
 * @example
 * ```ts
 * securityHeaders(res.headers, { frameAncestors: "'self'" });
 * ```
 */
export function securityHeaders(h: Headers, opts: SecurityHeaderOptions): void {
  const csp = [
    "default-src 'self'",
    // Island boot scripts are inline modules; wasm for in-browser inference.
    "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "connect-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${opts.frameAncestors}`,
  ].join("; ");
  if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", csp);
  h.set("X-Content-Type-Options", "nosniff");
  if (!h.has("Referrer-Policy")) {
    h.set("Referrer-Policy", "strict-origin-when-cross-origin");
  }
  if (opts.frameAncestors === "'self'") h.set("X-Frame-Options", "SAMEORIGIN");
  h.set("Cross-Origin-Opener-Policy", "same-origin-allow-popups");
  h.set(
    "Permissions-Policy",
    "camera=(self), microphone=(self), geolocation=()",
  );
}
