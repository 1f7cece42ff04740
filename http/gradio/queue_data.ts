/**
 * @module
 * `GET {P}/gradio_api/queue/data?session_hash=…`: the session's event stream
 * (sse_v3), read from KV on whichever instance the client reaches. Every
 * message is a `data: {json}` frame — heartbeats included, never `:`
 * comments — and the stream ends with `close_stream` once no event of the
 * session is open. A client that leaves early cancels its open events.
 */
import type { Context } from "fresh";
import { UserFacingError } from "../../lib/errors.ts";
import { sseFrame, sseResponse } from "../../lib/gradio/sse.ts";
import {
  type EventMessage,
  sessionHashParam,
  unexpectedErrorMessage,
} from "../../lib/gradio/wire.ts";
import type { State } from "../../utils.ts";
import { hostedOf } from "./respond.ts";
import { openStream } from "./streams.ts";

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
export async function getQueueData(ctx: Context<State>): Promise<Response> {
  const session = sessionHashParam(ctx.url);
  if (!session) {
    throw new UserFacingError(
      422,
      "invalid_input",
      "The query parameter `session_hash` is required.",
    );
  }
  const { gradio } = hostedOf(ctx);
  const { events } = gradio;
  if (!(await events.hasSession(session))) {
    return sseResponse((async function* () {
      yield sseFrame(
        JSON.stringify(unexpectedErrorMessage("Session not found.", true)),
      );
    })());
  }
  return openStream(ctx, (signal) =>
    frames(events.read(session, {
      signal,
      heartbeatMs: ctx.state.services.settings.heartbeatMs,
      onAbandon: (ids) => {
        for (const id of ids) gradio.cancel(id).catch(() => {});
      },
    })));
}

async function* frames(
  messages: AsyncGenerator<EventMessage>,
): AsyncGenerator<string> {
  try {
    for await (const m of messages) yield sseFrame(JSON.stringify(m));
  } finally {
    await messages.return(undefined);
  }
}
