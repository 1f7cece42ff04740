/**
 * @module
 * `POST {P}/gradio_api/run/{name}`: a synchronous call (`{data}` →
 * `{data, duration, …}`), waiting in the same queue as every other call.
 */
import type { Context } from "fresh";
import { runErrorBody, runResultBody } from "../../lib/gradio/wire.ts";
import type { State } from "../../utils.ts";
import { namedCall } from "./queue_join.ts";
import { appRoot, hostedOf, json } from "./respond.ts";

/**
 * Runs the endpoint and answers its outputs (500 `{error}` when it fails).
 *
 * @example
 * ```ts
 * // curl -H 'Content-Type: application/json' -d '{"data":["Linh",3]}' \
 * //   http://localhost:8000/demos/greet/gradio_api/run/greet → {"data":["Hello, Linh!!!"],...}
 * ```
 */
export async function postRun(ctx: Context<State>): Promise<Response> {
  const { endpoint, data } = await namedCall(ctx);
  const outcome = await hostedOf(ctx).gradio.run({
    endpoint,
    data,
    sessionHash: "",
    root: appRoot(ctx),
    client: ctx.state.client,
  }, ctx.req.signal);
  if ("error" in outcome) {
    return json(runErrorBody(outcome.error, outcome.title), 500);
  }
  return json(
    runResultBody(outcome.data, outcome.durationS, outcome.averageDurationS),
  );
}
