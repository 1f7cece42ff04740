/**
 * @module
 * `POST {P}/gradio_api/queue/join`: `{data, fn_index, session_hash, …}` →
 * `{event_id}`; the messages then flow on `GET /queue/data` (any instance).
 * 503 with Gradio's queue-full answer when the lane is full. A call that is
 * malformed (a refused file, the wrong number of values) is accepted and
 * completes at once with the reason, so Gradio clients show it.
 */
import type { Context } from "fresh";
import { UserFacingError } from "../../lib/errors.ts";
import {
  eventIdBody,
  parsePredictBody,
  WireFormatError,
} from "../../lib/gradio/wire.ts";
import type { Endpoint } from "../../lib/gradio/endpoints.ts";
import type { State } from "../../utils.ts";
import { appRoot, hostedOf, json, readJson } from "./respond.ts";

/**
 * Enqueues one call for the session.
 *
 * @example
 * ```ts
 * // POST /gradio_api/queue/join {"data":["Linh",3],"fn_index":0,"session_hash":"abc"} → {"event_id":"…"}
 * ```
 */
export async function postQueueJoin(ctx: Context<State>): Promise<Response> {
  const body = parse(await readJson(ctx));
  if (!body.sessionHash) {
    throw new UserFacingError(400, "bad_request", "Session hash not found.");
  }
  if (body.fnIndex === undefined) {
    throw new UserFacingError(400, "bad_request", "`fn_index` is required.");
  }
  const h = hostedOf(ctx);
  const endpoint = h.gradio.endpointByIndex(body.fnIndex);
  if (!endpoint) {
    throw new UserFacingError(
      404,
      "not_found",
      `No API endpoint has fn_index ${body.fnIndex}.`,
    );
  }
  const eventId = await h.gradio.join({
    endpoint,
    data: body.data,
    sessionHash: body.sessionHash,
    root: appRoot(ctx),
    client: ctx.state.client,
  });
  return json(eventIdBody(eventId));
}

/**
 * The shared start of `/call/{name}` and `/run/{name}`: the named endpoint
 * (404 if none) and the parsed `{data}` body.
 */
export async function namedCall(
  ctx: Context<State>,
): Promise<{ endpoint: Endpoint; data: unknown[] }> {
  const endpoint = hostedOf(ctx).gradio.endpoint(ctx.params.name);
  if (!endpoint) {
    await ctx.req.body?.cancel().catch(() => {});
    throw new UserFacingError(
      404,
      "not_found",
      `No API endpoint named /${ctx.params.name}.`,
    );
  }
  return { endpoint, data: parse(await readJson(ctx)).data };
}

/** Parses a predict body or throws a 422. */
function parse(json: unknown) {
  try {
    return parsePredictBody(json);
  } catch (err) {
    if (err instanceof WireFormatError) {
      throw new UserFacingError(422, "invalid_input", err.message);
    }
    throw err;
  }
}
