import { HttpError } from "../../../mod.ts";
import { define } from "../utils.ts";

export const handler = define.handlers({
  GET(ctx) {
    if (ctx.url.searchParams.has("teapot")) throw new HttpError(418);
    throw new Error("boom");
  },
});

export default define.page(() => <p>never</p>);
