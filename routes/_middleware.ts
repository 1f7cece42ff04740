import { define } from "../utils.ts";
import { securityHeaders } from "../http/security_headers.ts";

/** Security headers on every response; framing rules depend on the page. */
export default define.middleware(async (ctx) => {
  const res = await ctx.next();
  const embeddable = ctx.url.pathname === "/embed";
  securityHeaders(res.headers, {
    frameAncestors: embeddable
      ? ctx.state.services.config.embedFrameAncestors
      : "'self'",
  });
  return res;
});
