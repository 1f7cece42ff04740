/**
 * @module
 * `GET {P}/gradio_api/info`: endpoints with parameters and return values.
 */
import { buildApiInfo } from "../../lib/gradio/api_info.ts";
import { type GradioRequest, json } from "./respond.ts";

/**
 * Answers `{named_endpoints, unnamed_endpoints}` for the app.
 *
 * @example
 * ```ts
 * // curl http://localhost:8000/demos/greet/gradio_api/info → {"named_endpoints":{"/greet":{...}},...}
 * ```
 */
export function getInfo({ host }: GradioRequest): Response {
  return json(buildApiInfo(host.app));
}
