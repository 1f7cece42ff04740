import { HttpError } from "../../../mod.ts";
import { define } from "../utils.ts";

export default define.page(({ error }) => {
  const status = error instanceof HttpError ? error.status : 500;
  return (
    <h1 id="error">Error {status}: {status === 404 ? "not found" : "oops"}</h1>
  );
});
