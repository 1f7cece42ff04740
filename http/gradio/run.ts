/**
 * @module
 * `POST {P}/gradio_api/run/{name}`: a synchronous call (`{data}` →
 * `{data, duration, …}`), still subject to the endpoint's concurrency limit
 * and the bounded queue.
 */
import { namedCall, toHttp } from "./queue_join.ts";
import { runErrorBody, runResultBody } from "../../lib/gradio/wire.ts";
import { type GradioRequest, json } from "./respond.ts";

/**
 * Runs the endpoint and answers its outputs (500 `{error}` when it fails).
 *
 * @example
 * ```ts
 * // curl -H 'Content-Type: application/json' -d '{"data":["Linh",3]}' \
 * //   http://localhost:8000/demos/greet/gradio_api/run/greet → {"data":["Hello, Linh!!!"],...}
 * ```
 */
export async function postRun(r: GradioRequest): Promise<Response> {
  const { endpoint, data } = await namedCall(r);
  let outcome;
  try {
    outcome = await r.host.run({
      endpoint,
      data,
      sessionHash: "",
      root: r.root,
    });
  } catch (err) {
    throw toHttp(err);
  }
  if ("error" in outcome) {
    return json(runErrorBody(outcome.error, outcome.title), 500);
  }
  return json(
    runResultBody(outcome.data, outcome.durationS, outcome.averageDurationS),
  );
}
