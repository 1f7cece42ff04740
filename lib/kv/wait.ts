/**
 * @module
 * Waiting for another instance's write. Managed KV (Deno Deploy) delivers
 * `watch` across instances; a local SQLite file shared by several processes
 * does not (only the writing process's own watchers fire), so every wait is
 * also bounded by a short poll: the caller re-reads after at most `pollMs`.
 */
import type { Kv } from "./kv.ts";

/** Options of {@link changeWaiter}. */
export interface WaitOptions {
  /** Longest wait before the caller looks again anyway. Default 40 ms. */
  pollMs?: number;
  /** Ends every wait (and the watch) at once. */
  signal?: AbortSignal;
}

/** Waits for a change of some keys; close it when done. */
export interface ChangeWaiter {
  /** Resolves on a change of a watched key, after `pollMs`, or on abort. */
  wait(): Promise<void>;
  close(): void;
}

/**
 * Watches up to 10 keys; each `wait()` returns as soon as one of them
 * changes, or after `pollMs` at the latest.
 *
 * @example
 * ```ts
 * const w = changeWaiter(kv, [["bump", session]], { signal });
 * while (!signal.aborted) { await readMessages(); await w.wait(); }
 * w.close();
 * ```
 */
export function changeWaiter(
  kv: Kv,
  keys: Deno.KvKey[],
  opts: WaitOptions = {},
): ChangeWaiter {
  const pollMs = opts.pollMs ?? 40;
  const waker: { wake: (() => void) | null } = { wake: null };
  let changed = false;
  let closed = false;
  const stream = kv.watch(keys);
  const reader = stream.getReader();
  // The first batch reports the current values: not a change.
  let first = true;
  (async () => {
    try {
      while (!closed) {
        const { done } = await reader.read();
        if (done) break;
        if (first) {
          first = false;
          continue;
        }
        changed = true;
        waker.wake?.();
      }
    } catch { /* the stream ends when closed */ }
  })();
  const onAbort = () => waker.wake?.();
  opts.signal?.addEventListener("abort", onAbort);
  return {
    wait() {
      if (changed || closed || opts.signal?.aborted) {
        changed = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, pollMs);
        function done() {
          clearTimeout(timer);
          waker.wake = null;
          changed = false;
          resolve();
        }
        waker.wake = done;
      });
    },
    close() {
      if (closed) return;
      closed = true;
      opts.signal?.removeEventListener("abort", onAbort);
      waker.wake?.();
      reader.cancel().catch(() => {});
    },
  };
}
