import { HttpError, page } from "../../../../mod.ts";
import { define } from "../../utils.ts";

export const handler = define.handlers({
  GET(ctx) {
    if (ctx.params.slug === "missing") throw new HttpError(404);
    return page({ slug: ctx.params.slug }, {
      headers: { "X-Slug": ctx.params.slug },
    });
  },
});

export default define.page<typeof handler>(({ data, route }) => (
  <article data-route={route ?? ""}>{data.slug}</article>
));
