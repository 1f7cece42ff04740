/**
 * @module
 * A clean stop within Deno Deploy's 5 seconds (SIGINT, then SIGKILL): on
 * SIGINT or SIGTERM the instance stops taking requests (503 with
 * `Retry-After`, so a front can retry elsewhere), lets requests in flight
 * and running jobs finish for up to ~3.5 s, ends open event streams, gives
 * up its lease, and exits. KV writes are atomic commits whose metadata is
 * written last, so whatever is cut off leaves nothing half-written.
 */
import type { Context } from "fresh";

/** Longest wait for requests and jobs in flight after a stop signal. */
export const DRAIN_MS = 3_500;

const stopping = new AbortController();
let inFlight = 0;
let installed = false;
const hooks: (() => Promise<void>)[] = [];

/** Aborts when the instance starts stopping (event streams end on it). */
export const shutdownSignal: AbortSignal = stopping.signal;

/**
 * Runs `fn` while stopping, after the requests in flight finished (or the
 * drain time passed), e.g. to wait for jobs or close the worker.
 */
export function onShutdown(fn: () => Promise<void>): void {
  hooks.push(fn);
}

/**
 * Counts requests in flight, refuses new ones while stopping, and installs
 * the signal handlers on first use. Register it first.
 */
export async function lifecycle<S>(ctx: Context<S>): Promise<Response> {
  if (!installed) install();
  if (stopping.signal.aborted) {
    await ctx.req.body?.cancel().catch(() => {});
    return new Response("This server is restarting; try again shortly.", {
      status: 503,
      headers: { "Retry-After": "1", Connection: "close" },
    });
  }
  inFlight++;
  try {
    return await ctx.next();
  } finally {
    inFlight--;
  }
}

function install() {
  installed = true;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    try {
      Deno.addSignalListener(sig, stop);
    } catch { /* no signals on this platform */ }
  }
}

async function stop() {
  if (stopping.signal.aborted) Deno.exit(1); // a second signal: stop now
  stopping.abort();
  const deadline = Date.now() + DRAIN_MS;
  while (inFlight > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.race([
    Promise.allSettled(hooks.map((h) => h())),
    new Promise((r) => setTimeout(r, Math.max(300, deadline - Date.now()))),
  ]);
  Deno.exit(0);
}
