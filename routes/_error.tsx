import { define } from "../utils.ts";
import { ErrorPage } from "../components/ErrorPage.tsx";

/** Error pages for the whole site (API routes answer JSON instead). */
export default define.page(({ error }) => <ErrorPage error={error} />);
