/**
 * @module
 * Supporting routes clients call around a session: `/heartbeat/{session}`
 * (kept open by `gradio_client`), `/cancel`, `/reset` and `/app_id`.
 */
import { sseFrame, sseResponse } from "../../lib/gradio/sse.ts";
import {
  parseCancelBody,
  processCompletedMessage,
  successBody,
} from "../../lib/gradio/wire.ts";
import { type GradioRequest, json, readJson } from "./respond.ts";

/**
 * An idle keep-alive stream (`data: ALIVE` every heartbeat interval).
 *
 * @example
 * ```ts
 * // curl -N http://localhost:8000/gradio_api/heartbeat/abc → data: ALIVE …
 * ```
 */
export function getHeartbeat({ host }: GradioRequest): Response {
  return sseResponse((signal) => alive(host.heartbeatMs, signal));
}

async function* alive(ms: number, signal: AbortSignal): AsyncGenerator<string> {
  while (!signal.aborted) {
    yield sseFrame("ALIVE");
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done, { once: true });
    });
  }
}

/**
 * Cancels a waiting or running event of a session.
 *
 * @example
 * ```ts
 * // POST /gradio_api/cancel {"event_id":"…","session_hash":"abc","fn_index":0} → {"success":true}
 * ```
 */
export async function postCancel(
  { host, req }: GradioRequest,
): Promise<Response> {
  const body = parseCancelBody(await readJson(req, 64 * 1024));
  if (body.sessionHash && body.eventId) {
    // As Gradio: the cancelled event completes (with no outputs) so the client's stream can close.
    for (const id of host.queue.cancel(body.sessionHash, [body.eventId])) {
      host.hub.send(
        body.sessionHash,
        processCompletedMessage(id, {
          data: [],
          durationS: 0,
          averageDurationS: null,
        }),
      );
    }
  }
  return json(successBody());
}

/** `POST /reset`: a no-op kept for clients (cancellation is `/cancel`). */
export async function postReset({ req }: GradioRequest): Promise<Response> {
  await req.body?.cancel().catch(() => {});
  return json(successBody());
}
