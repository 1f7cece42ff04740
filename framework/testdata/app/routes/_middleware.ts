import { define } from "../utils.ts";

export default define.middleware((ctx) => {
  ctx.state.trail.push("root");
  return ctx.next();
});
