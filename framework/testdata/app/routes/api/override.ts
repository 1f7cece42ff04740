import type { RouteConfig } from "../../../../mod.ts";
import { define } from "../../utils.ts";

export const config: RouteConfig = { routeOverride: "/custom/:id" };

export const handler = define.handlers((ctx) =>
  new Response(`custom ${ctx.params.id}`)
);
