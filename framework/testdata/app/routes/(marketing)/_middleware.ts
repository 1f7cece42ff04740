import { define } from "../../utils.ts";

export default [
  define.middleware((ctx) => {
    ctx.state.trail.push("marketing1");
    return ctx.next();
  }),
  define.middleware((ctx) => {
    ctx.state.trail.push("marketing2");
    return ctx.next();
  }),
];
