import { define } from "../../utils.ts";

export default define.layout(({ Component, state }) => (
  <div class="blog-layout" data-trail={state.trail.join(">")}>
    <Component />
  </div>
));
