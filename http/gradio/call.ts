/**
 * @module
 * The curl-friendly pair: `POST {P}/gradio_api/call/{name}` with
 * `{"data": [...]}` answers `{event_id}`; `GET {P}/gradio_api/call/{name}/{event_id}`
 * (on any instance) streams `event: complete|error|heartbeat` + `data: …`
 * frames. Results wait in KV until read.
 */
import type { Context } from "fresh";
import { UserFacingError } from "../../lib/errors.ts";
import { sseFrame } from "../../lib/gradio/sse.ts";
import {
  completedData,
  completedError,
  eventIdBody,
  type EventMessage,
  messageKind,
} from "../../lib/gradio/wire.ts";
import type { State } from "../../utils.ts";
import { namedCall } from "./queue_join.ts";
import { appRoot, hostedOf, json } from "./respond.ts";
import { openStream } from "./streams.ts";

/**
 * Starts a call; the event id doubles as its session.
 *
 * @example
 * ```ts
 * // curl -X POST -H 'Content-Type: application/json' -d '{"data":["Linh",3]}' \
 * //   http://localhost:8000/demos/greet/gradio_api/call/greet → {"event_id":"…"}
 * ```
 */
export async function postCall(ctx: Context<State>): Promise<Response> {
  const { endpoint, data } = await namedCall(ctx);
  const eventId = crypto.randomUUID().replaceAll("-", "");
  await hostedOf(ctx).gradio.join({
    endpoint,
    data,
    sessionHash: `call:${eventId}`,
    root: appRoot(ctx),
    client: ctx.state.client,
  }, eventId);
  return json(eventIdBody(eventId));
}

/**
 * Streams the call's result.
 *
 * @example
 * ```ts
 * // curl -N http://localhost:8000/demos/greet/gradio_api/call/greet/<event_id>
 * // event: complete
 * // data: ["Hello, Linh!!!"]
 * ```
 */
export async function getCallResult(ctx: Context<State>): Promise<Response> {
  const { gradio } = hostedOf(ctx);
  const endpoint = gradio.endpoint(ctx.params.name);
  const eventId = ctx.params.event;
  const session = `call:${eventId}`;
  if (
    !endpoint || !/^[A-Za-z0-9]{1,64}$/.test(eventId) ||
    !(await gradio.events.hasEvent(session, eventId))
  ) {
    throw new UserFacingError(
      404,
      "not_found",
      "No such event: it is unknown, was already read, or expired.",
    );
  }
  return openStream(ctx, (signal) =>
    frames(gradio.events.read(session, {
      eventId,
      signal,
      heartbeatMs: ctx.state.services.settings.heartbeatMs,
    })));
}

async function* frames(
  messages: AsyncGenerator<EventMessage>,
): AsyncGenerator<string> {
  try {
    for await (const m of messages) {
      const kind = messageKind(m);
      if (kind === "heartbeat") yield sseFrame("null", "heartbeat");
      else if (kind === "process_completed") {
        const data = completedData(m);
        yield data !== undefined
          ? sseFrame(JSON.stringify(data), "complete")
          : sseFrame(JSON.stringify(completedError(m)), "error");
      }
    }
  } finally {
    await messages.return(undefined);
  }
}
