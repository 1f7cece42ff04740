import { define } from "../../utils.ts";

export const handler = define.handlers({
  GET: (ctx) => Response.json({ q: ctx.url.searchParams.get("q") }),
  async POST(ctx) {
    return new Response(await ctx.req.text(), { status: 201 });
  },
});
