import { define } from "../utils.ts";
import { ErrorPage } from "../components/ErrorPage.tsx";
import { toUserFacing } from "../lib/errors.ts";

/**
 * The framework's last resort: the site middleware renders every error
 * itself, so this shows only if that middleware failed.
 */
export default define.page(({ error }) => (
  <ErrorPage error={toUserFacing(error)} />
));
