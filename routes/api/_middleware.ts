import { define } from "../../utils.ts";
import { errorResponse } from "../../http/errors.ts";

/** API errors are JSON `{error: {code, message}}`, never HTML, never a bare 500. */
export default define.middleware(async (ctx) => {
  try {
    return await ctx.next();
  } catch (err) {
    return errorResponse(err);
  }
});
