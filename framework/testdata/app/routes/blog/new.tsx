import { define } from "../../utils.ts";

export default define.page(() => <p>new post</p>);
