import { Head } from "../../../runtime/shared.ts";
import { define } from "../utils.ts";

export default define.page(({ state }) => (
  <>
    <Head>
      <title>About us</title>
      <meta name="description" content="about" />
    </Head>
    <h1>About</h1>
    <p id="trail">{state.trail.join(">")}</p>
  </>
));
