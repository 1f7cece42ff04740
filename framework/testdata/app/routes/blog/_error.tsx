import { define } from "../../utils.ts";

export default define.page(() => <p id="blog-error">blog error</p>);
