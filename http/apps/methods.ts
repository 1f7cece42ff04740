/**
 * @module
 * Method dispatch for API routes: the app, not the framework, answers a
 * wrong method with `405` and an `Allow` header (Fresh's router turns it into
 * a bare error), and `OPTIONS` with `204` and `Allow`.
 */
import type { Context } from "fresh";
import { UserFacingError } from "../../lib/errors.ts";

type Handler<S> = (ctx: Context<S>) => Response | Promise<Response>;

/** The request method is not one this route takes. */
export class MethodNotAllowedError extends UserFacingError {
  override name = "MethodNotAllowedError";
  constructor(allow: string) {
    super(405, "method_not_allowed", `Use ${allow} here.`);
    this.headers = { Allow: allow };
  }
}

/**
 * One handler for all methods that dispatches on the method (`HEAD` runs
 * `GET`). Register it with `app.all(path, …)`.
 *
 * @example
 * ```ts
 * app.all("/api/segment", byMethod({ POST: segment }));
 * // GET → 405 {"error":{"code":"method_not_allowed",…}} with Allow: POST
 * ```
 */
export function byMethod<S>(
  handlers: Partial<Record<"GET" | "POST" | "DELETE", Handler<S>>>,
): Handler<S> {
  const methods = Object.keys(handlers);
  if (handlers.GET) methods.push("HEAD");
  const allow = methods.join(", ");
  return async (ctx) => {
    const m = ctx.req.method === "HEAD" ? "GET" : ctx.req.method;
    const h = handlers[m as keyof typeof handlers];
    if (h) return await h(ctx);
    await ctx.req.body?.cancel().catch(() => {});
    if (ctx.req.method === "OPTIONS") {
      return new Response(null, { status: 204, headers: { Allow: allow } });
    }
    throw new MethodNotAllowedError(allow);
  };
}
