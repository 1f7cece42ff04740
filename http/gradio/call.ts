/**
 * @module
 * The curl-friendly pair: `POST {P}/gradio_api/call/{name}` with `{"data": [...]}`
 * answers `{event_id}`; `GET {P}/gradio_api/call/{name}/{event_id}` streams
 * `event: complete|error|heartbeat` + `data: …` frames. Results wait in the
 * app's session buffers (an LRU) until read.
 */
import { sseFrame, sseResponse } from "../../lib/gradio/sse.ts";
import {
  completedData,
  completedError,
  eventIdBody,
  type EventMessage,
  messageKind,
} from "../../lib/gradio/wire.ts";
import { enqueue, namedCall } from "./queue_join.ts";
import { GradioHttpError, type GradioRequest, json } from "./respond.ts";

/**
 * Starts a call; the event id doubles as its session.
 *
 * @example
 * ```ts
 * // curl -X POST -H 'Content-Type: application/json' -d '{"data":["Linh",3]}' \
 * //   http://localhost:8000/demos/greet/gradio_api/call/greet → {"event_id":"…"}
 * ```
 */
export async function postCall(r: GradioRequest): Promise<Response> {
  const { endpoint, data } = await namedCall(r);
  const eventId = crypto.randomUUID().replaceAll("-", "");
  enqueue(r, endpoint, data, `call:${eventId}`, eventId);
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
export function getCallResult({ host, match }: GradioRequest): Response {
  const endpoint = host.endpoint(match[1]);
  const eventId = match[2];
  const session = `call:${eventId}`;
  if (!endpoint || !host.hub.hasEvent(session, eventId)) {
    throw new GradioHttpError(
      404,
      "No such event: it is unknown, was already read, or expired.",
    );
  }
  return sseResponse((signal) =>
    frames(
      host.hub.messages(session, {
        heartbeatMs: host.heartbeatMs,
        eventId,
        signal,
      }),
    )
  );
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
