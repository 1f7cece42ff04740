/**
 * @module
 * `POST {P}/gradio_api/queue/join`: `{data, fn_index, session_hash, …}` →
 * `{event_id}`; the messages then flow on `GET /queue/data`. 503 with
 * Gradio's queue-full answer when the queue is full.
 */
import { GradioInputError } from "../../lib/gradio/host.ts";
import { QueueFullError } from "../../lib/gradio/queue.ts";
import {
  eventIdBody,
  parsePredictBody,
  queueFullBody,
  WireFormatError,
} from "../../lib/gradio/wire.ts";
import type { Endpoint } from "../../lib/gradio/endpoints.ts";
import {
  checkAdmission,
  GradioHttpError,
  type GradioRequest,
  json,
  readJson,
} from "./respond.ts";

/**
 * Enqueues one call for the session.
 *
 * @example
 * ```ts
 * // POST /gradio_api/queue/join {"data":["Linh",3],"fn_index":0,"session_hash":"abc"} → {"event_id":"…"}
 * ```
 */
export async function postQueueJoin(r: GradioRequest): Promise<Response> {
  const body = parse(await readJson(r.req));
  if (!body.sessionHash) {
    throw new GradioHttpError(400, "Session hash not found.");
  }
  if (body.fnIndex === undefined) {
    throw new GradioHttpError(400, "`fn_index` is required.");
  }
  const endpoint = r.host.endpointByIndex(body.fnIndex);
  if (!endpoint) {
    throw new GradioHttpError(
      404,
      `No API endpoint has fn_index ${body.fnIndex}.`,
    );
  }
  checkAdmission(r, endpoint.name);
  return json(eventIdBody(enqueue(r, endpoint, body.data, body.sessionHash)));
}

/** Validates and enqueues; maps the adapter's errors to HTTP ones. */
export function enqueue(
  { host, root }: GradioRequest,
  endpoint: Endpoint,
  data: unknown[],
  sessionHash: string,
  eventId?: string,
): string {
  try {
    return host.join({ endpoint, data, sessionHash, root }, eventId);
  } catch (err) {
    throw toHttp(err);
  }
}

/**
 * The shared start of `/call/{name}` and `/run/{name}`: the named endpoint
 * (404 if none), the admission check, and the parsed `{data}` body.
 */
export async function namedCall(
  r: GradioRequest,
): Promise<{ endpoint: Endpoint; data: unknown[] }> {
  const endpoint = r.host.endpoint(r.match[1]);
  if (!endpoint) {
    throw new GradioHttpError(404, `No API endpoint named /${r.match[1]}.`);
  }
  checkAdmission(r, endpoint.name);
  return { endpoint, data: parse(await readJson(r.req)).data };
}

/** Parses a predict body or throws a 400/422. */
export function parse(json: unknown) {
  try {
    return parsePredictBody(json);
  } catch (err) {
    if (err instanceof WireFormatError) {
      throw new GradioHttpError(422, err.message);
    }
    throw err;
  }
}

/** Maps queue-full and bad-input errors to HTTP errors; rethrows others. */
export function toHttp(err: unknown): unknown {
  if (err instanceof QueueFullError) {
    return new GradioHttpError(
      503,
      "Queue is full.",
      { "Retry-After": "5" },
      queueFullBody(),
    );
  }
  if (err instanceof GradioInputError) {
    return new GradioHttpError(400, err.message);
  }
  return err;
}
