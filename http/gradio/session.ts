/**
 * @module
 * Supporting routes clients call around a session: `/heartbeat/{session}`
 * (kept open by `gradio_client`), `/cancel` (works from any instance) and
 * `/reset`.
 */
import type { Context } from "fresh";
import { sseFrame } from "../../lib/gradio/sse.ts";
import {
  parseCancelBody,
  processCompletedMessage,
  successBody,
} from "../../lib/gradio/wire.ts";
import type { State } from "../../utils.ts";
import { hostedOf, json, readJson } from "./respond.ts";
import { openStream } from "./streams.ts";

/**
 * An idle keep-alive stream (`data: ALIVE` every heartbeat interval).
 *
 * @example
 * ```ts
 * // curl -N http://localhost:8000/gradio_api/heartbeat/abc → data: ALIVE …
 * ```
 */
export function getHeartbeat(ctx: Context<State>): Response {
  return openStream(
    ctx,
    (signal) => alive(ctx.state.services.settings.heartbeatMs, signal),
  );
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
 * Cancels a waiting or running event of a session. As Gradio does, the
 * cancelled event completes (with no outputs) so the client's stream closes;
 * the instance running it sees the request and stops the work.
 *
 * @example
 * ```ts
 * // POST /gradio_api/cancel {"event_id":"…","session_hash":"abc","fn_index":0} → {"success":true}
 * ```
 */
export async function postCancel(ctx: Context<State>): Promise<Response> {
  const body = parseCancelBody(await readJson(ctx, 64 * 1024));
  const { gradio } = hostedOf(ctx);
  const { events } = gradio;
  if (body.sessionHash && body.eventId) {
    const rec = await events.get(body.eventId);
    if (rec && rec.session === body.sessionHash && rec.state !== "done") {
      await gradio.cancel(body.eventId);
      await events.finish(
        body.eventId,
        processCompletedMessage(body.eventId, {
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
export async function postReset(ctx: Context<State>): Promise<Response> {
  await ctx.req.body?.cancel().catch(() => {});
  return json(successBody());
}
