/**
 * @module
 * Event streams (`queue/data`, `call/{name}/{id}`, `heartbeat`) with a cap on
 * how many one client may hold open on this instance, ended cleanly when the
 * instance stops.
 */
import type { Context } from "fresh";
import { UserFacingError } from "../../lib/errors.ts";
import { sseResponse } from "../../lib/gradio/sse.ts";
import type { State } from "../../utils.ts";
import { shutdownSignal } from "../lifecycle.ts";

/** Streams one client may hold open at once (per instance). */
export const MAX_STREAMS_PER_CLIENT = 16;

const open = new Map<string, number>();

/**
 * Starts an SSE answer from `frames`, counting it against the client's cap
 * until it ends; the signal `frames` gets aborts when the client goes away or
 * the instance stops.
 *
 * @example
 * ```ts
 * return openStream(ctx, (signal) => frames(events.read(session, { signal })));
 * ```
 */
export function openStream(
  ctx: Context<State>,
  frames: (signal: AbortSignal) => AsyncIterable<string>,
): Response {
  const client = ctx.state.client;
  const n = open.get(client) ?? 0;
  if (n >= MAX_STREAMS_PER_CLIENT) {
    throw new UserFacingError(
      429,
      "too_many_streams",
      "Too many open event streams from your address. Close some and try again.",
      5,
    );
  }
  open.set(client, n + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const left = (open.get(client) ?? 1) - 1;
    if (left > 0) open.set(client, left);
    else open.delete(client);
  };
  return sseResponse((gone) => {
    const signal = AbortSignal.any([gone, shutdownSignal]);
    return (async function* () {
      try {
        yield* frames(signal);
      } finally {
        release();
      }
    })();
  });
}
