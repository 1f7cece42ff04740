import { define } from "../../utils.ts";

export const handler = define.handlers((ctx) =>
  ctx.redirect(`/${ctx.params.path ?? ""}`, 301)
);
