import type { RouteConfig } from "../../../../mod.ts";
import { define } from "../../utils.ts";

// With `routeOverride`, Fresh loads the file eagerly and registers only the
// handler's methods: other methods are 405 with `Allow`.
export const config: RouteConfig = { routeOverride: "/api/strict" };

export const handler = define.handlers({
  GET: () => new Response("strict get"),
  POST: () => new Response("strict post"),
});
