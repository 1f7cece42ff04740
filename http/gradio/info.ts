/**
 * @module
 * `GET {P}/gradio_api/info`: endpoints with parameters and return values
 * (`?all_endpoints=true` also lists undocumented aliases, as Gradio 6 does).
 */
import type { Context } from "fresh";
import { buildApiInfo } from "../../lib/gradio/api_info.ts";
import type { State } from "../../utils.ts";
import { hostedOf, json } from "./respond.ts";

/**
 * Answers `{named_endpoints, unnamed_endpoints}` for the app.
 *
 * @example
 * ```ts
 * // curl http://localhost:8000/demos/greet/gradio_api/info → {"named_endpoints":{"/greet":{...}},...}
 * ```
 */
export function getInfo(ctx: Context<State>): Response {
  const all = /^(1|true|yes)$/i.test(
    ctx.url.searchParams.get("all_endpoints") ?? "",
  );
  return json(buildApiInfo(hostedOf(ctx).app, { allEndpoints: all }));
}
