/**
 * @module
 * Per-client rate limits, counted in KV so they hold across instances. One
 * table says which requests count against which limit; the middleware
 * applies it before a route reads any body.
 *
 * | requests                                                        | limit (setting)        |
 * | --------------------------------------------------------------- | ---------------------- |
 * | `POST /api/segment`, app calls (`…/api/<fn>`, Gradio join/call/run) | `RATE_LIMIT_PER_MIN`   |
 * | `POST …/upload`, `POST …/gradio_api/upload`                     | `UPLOAD_RATE_PER_MIN`  |
 * | share links created (`POST /api/share`, `?share=1`)             | `SHARE_RATE_PER_HOUR`  |
 *
 * Share links are counted where one is about to be created (`http/share_guard.ts`
 * calls {@link hit}), since a share request is only known after reading the form.
 */
import type { Context } from "fresh";
import { RateLimitedError } from "../lib/errors.ts";
import { addInWindow } from "../lib/kv/counters.ts";
import type { Services } from "../lib/services.ts";
import type { State } from "../utils.ts";

/** A named limit. */
export interface Limit {
  scope: string;
  /** How the 429 message names what was counted. */
  what: string;
  perWindow: number;
  windowMs: number;
}

/** The limits, from the settings. */
export function limits(services: Services): Record<string, Limit> {
  const s = services.settings;
  return {
    calls: {
      scope: "calls",
      what: "requests",
      perWindow: s.rateLimitPerMinute,
      windowMs: 60_000,
    },
    uploads: {
      scope: "uploads",
      what: "uploads",
      perWindow: s.uploadRatePerMinute,
      windowMs: 60_000,
    },
    shares: {
      scope: "shares",
      what: "share links",
      perWindow: s.shareRatePerHour,
      windowMs: 3600_000,
    },
  };
}

/** Which limit a request counts against (null: none). */
export function limitFor(method: string, pathname: string): string | null {
  if (method !== "POST") return null;
  if (/(^|\/)(gradio_api\/)?upload\/?$/.test(pathname)) return "uploads";
  if (
    pathname === "/api/segment" ||
    /\/gradio_api\/(queue\/join|call\/[^/]+|run\/[^/]+)\/?$/.test(pathname) ||
    /(^|\/)api\/(?!share(\/|$))[^/]+\/?$/.test(pathname) ||
    /(^|\/)api\/_fn\/\d+\/?$/.test(pathname)
  ) return "calls";
  return null;
}

/**
 * Counts one hit of `name` for `client`; throws {@link RateLimitedError}
 * past the limit. A KV failure lets the request through (and is logged):
 * an outage must not take the service down with it.
 */
export async function hit(
  services: Services,
  name: string,
  client: string,
): Promise<void> {
  const limit = limits(services)[name];
  if (!limit || limit.perWindow <= 0) return;
  let res;
  try {
    res = await addInWindow(
      services.kv,
      ["rl", limit.scope, client],
      1,
      limit.perWindow,
      limit.windowMs,
    );
  } catch (err) {
    console.warn(`Rate limit not checked (${(err as Error).message})`);
    return;
  }
  if (!res.ok) throw new RateLimitedError(res.retryAfterS, limit.what);
}

/** The middleware: applies {@link limitFor} to every request. */
export async function rateLimit(ctx: Context<State>): Promise<Response> {
  const name = limitFor(ctx.req.method, ctx.url.pathname);
  if (name) {
    try {
      await hit(ctx.state.services, name, ctx.state.client);
    } catch (err) {
      await ctx.req.body?.cancel().catch(() => {});
      throw err;
    }
  }
  return await ctx.next();
}
