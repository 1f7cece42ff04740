// The fixture imports the subset by path, not through the `fresh`
// import-map entry, so framework/'s tests keep testing the subset after
// deno.json is switched to real Fresh (framework/README.md).
import { App, staticFiles } from "../../mod.ts";
import type { State } from "./utils.ts";

export const app = new App<State>();
app.use(staticFiles());
app.use(async (ctx) => {
  ctx.state.trail = ["app"];
  const res = await ctx.next();
  res.headers.set("X-Trail", ctx.state.trail.join(">"));
  return res;
});
app.get("/api2/:name", (ctx) => new Response(`Hello, ${ctx.params.name}!`));
app.fsRoutes();
