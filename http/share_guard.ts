/**
 * @module
 * Who may create a share link. Sharing stores data for days, so a page on
 * another site must not make its visitors' browsers create shares silently:
 * a browser request from another origin needs an API key (`X-Api-Key`, one
 * of `SHARE_API_KEYS`); the app's own pages (same origin, also inside the
 * `/embed` iframe) and non-browser clients are fine. Every share counts
 * against the client's `SHARE_RATE_PER_HOUR`.
 */
import type { Context } from "fresh";
import { UserFacingError } from "../lib/errors.ts";
import type { State } from "../utils.ts";
import { hit } from "./rate_limit.ts";

/** A cross-site request tried to create a share without a key. */
export class CrossSiteShareError extends UserFacingError {
  override name = "CrossSiteShareError";
  constructor() {
    super(
      403,
      "cross_site_share",
      "Share links can only be created from this app's own pages, or with an API key (X-Api-Key).",
    );
  }
}

/** Whether the request comes from a page of another site (as the browser reports it). */
export function isCrossSite(req: Request, publicUrl?: string): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin" || site === "none") return false;
  const origin = req.headers.get("origin");
  if (!origin) return site === "cross-site" || site === "same-site";
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  const own = [req.headers.get("host"), publicUrl && new URL(publicUrl).host];
  return !own.includes(host);
}

/**
 * Lets a share be created, or throws ({@link CrossSiteShareError} 403,
 * `RateLimitedError` 429).
 *
 * @example
 * ```ts
 * if (wantsShare) await admitShare(ctx);
 * ```
 */
export async function admitShare(ctx: Context<State>): Promise<void> {
  const { settings } = ctx.state.services;
  if (isCrossSite(ctx.req, settings.publicUrl)) {
    const key = ctx.req.headers.get("x-api-key");
    if (!key || !settings.shareApiKeys.includes(key)) {
      throw new CrossSiteShareError();
    }
  }
  await hit(ctx.state.services, "shares", ctx.state.client);
}
