/**
 * @module
 * The first middleware of every request (registered in `main.ts`): it puts
 * the services and the client key into `ctx.state`, answers CORS preflights
 * of Gradio's API, renders every error in its surface's format (from the one
 * error table), and sets the security headers — once, here, for every
 * response, static files and errors included.
 */
import type { Context } from "fresh";
import { ErrorPage } from "../components/ErrorPage.tsx";
import { toUserFacing } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import type { State } from "../utils.ts";
import type { HostedApp } from "./apps/hosted_app.ts";
import { corsHeaders, corsPolicy, preflight } from "./cors.ts";
import { errorFormatFor, errorHeaders, errorJson } from "./errors.ts";
import { clientKey } from "./request.ts";
import { securityHeaders } from "./security_headers.ts";

/**
 * The site middleware for `services`.
 *
 * @example
 * ```ts
 * app.use(lifecycle).use(siteMiddleware(services, apps));
 * ```
 */
export function siteMiddleware(
  services: Services,
  apps: readonly HostedApp[],
) {
  const cors = corsPolicy(services.settings.corsOrigins);
  return async function site(ctx: Context<State>): Promise<Response> {
    ctx.state.services = services;
    ctx.state.apps = apps;
    ctx.state.client = clientKey(ctx, services.settings.trustProxy);
    const format = errorFormatFor(ctx.url.pathname);
    let res: Response;
    if (format === "gradio" && ctx.req.method === "OPTIONS") {
      res = preflight(ctx.req, cors);
    } else {
      try {
        res = await ctx.next();
      } catch (err) {
        if (format !== "html") res = errorJson(err, format);
        else {
          const e = toUserFacing(err);
          res = await ctx.render(<ErrorPage error={e} />, {
            status: e.status,
            headers: errorHeaders(e),
          });
        }
      }
    }
    // Some responses (Response.redirect, fetch results) have immutable headers.
    try {
      res.headers.set("X-Content-Type-Options", "nosniff");
    } catch {
      res = new Response(res.body, res);
    }
    if (format === "gradio") corsHeaders(ctx.req, res.headers, cors);
    securityHeaders(res.headers, {
      frameAncestors: ctx.state.frameAncestors ?? "'self'",
    });
    return res;
  };
}
