/**
 * @module
 * `GET {P}/gradio_api/queue/data?session_hash=…`: the session's event stream
 * (sse_v3). Every message is a `data: {json}` frame — heartbeats included,
 * never `:` comments — and the stream ends with `close_stream` once no event
 * of the session is pending.
 */
import { sseFrame, sseResponse } from "../../lib/gradio/sse.ts";
import {
  sessionHashParam,
  unexpectedErrorMessage,
} from "../../lib/gradio/wire.ts";
import { GradioHttpError, type GradioRequest } from "./respond.ts";

/**
 * Streams `estimation`, `process_starts`, `progress`, `process_completed`,
 * `heartbeat` and finally `close_stream`.
 *
 * @example
 * ```ts
 * // curl -N 'http://localhost:8000/gradio_api/queue/data?session_hash=abc'
 * // data: {"msg":"estimation","event_id":"…","rank":0,"queue_size":1,"rank_eta":null,"success":true}
 * ```
 */
export function getQueueData({ url, host }: GradioRequest): Response {
  const session = sessionHashParam(url);
  if (!session) {
    throw new GradioHttpError(
      422,
      "The query parameter `session_hash` is required.",
    );
  }
  if (!host.hub.has(session)) {
    return sseResponse(
      once(
        sseFrame(
          JSON.stringify(unexpectedErrorMessage("Session not found.", true)),
        ),
      ),
    );
  }
  return sseResponse((signal) =>
    frames(
      host.hub.messages(session, { heartbeatMs: host.heartbeatMs, signal }),
    )
  );
}

async function* frames(
  messages: AsyncGenerator<Record<string, unknown>>,
): AsyncGenerator<string> {
  try {
    for await (const m of messages) yield sseFrame(JSON.stringify(m));
  } finally {
    await messages.return(undefined);
  }
}

async function* once(frame: string): AsyncGenerator<string> {
  yield frame;
}
