import { define } from "../utils.ts";

export default define.page(async ({ url }) => {
  await new Promise((r) => setTimeout(r, 1));
  return <p id="async">async {url.pathname}</p>;
});
