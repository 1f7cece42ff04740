import { HttpError } from "fresh";
import { define } from "../utils.ts";
import { securityHeaders } from "../http/security_headers.ts";
import { ErrorPage } from "../components/ErrorPage.tsx";

/**
 * Security headers on every response (static files and error pages too);
 * framing depends on the page. Registered first in `main.ts`.
 */
export const siteMiddleware = define.middleware(async (ctx) => {
  let res: Response;
  try {
    res = await ctx.next();
  } catch (err) {
    // Render the error page here so it gets the same headers as any page.
    const status = err instanceof HttpError ? err.status : 500;
    if (status >= 500) console.error(err);
    res = await ctx.render(<ErrorPage error={err} />, { status });
  }
  const embeddable = ctx.url.pathname === "/embed";
  securityHeaders(res.headers, {
    frameAncestors: embeddable
      ? ctx.state.services.config.embedFrameAncestors
      : "'self'",
  });
  return res;
});
