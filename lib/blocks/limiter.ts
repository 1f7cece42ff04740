/**
 * @module
 * A small concurrency limiter with a bounded wait queue (Gradio's
 * per-event `concurrency_limit`).
 */
import { BlocksBusyError } from "./types.ts";

/**
 * Runs at most `limit` tasks at once; up to `maxQueue` more wait in order,
 * beyond that `run` fails with {@link BlocksBusyError}.
 *
 * @example
 * ```ts
 * const l = new Limiter(1, 10);
 * await Promise.all([l.run(a), l.run(b)]); // b starts after a ends
 * ```
 */
export class Limiter {
  #active = 0;
  #waiting: (() => void)[] = [];

  constructor(readonly limit: number, readonly maxQueue: number) {}

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Runs `task` when a slot is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.limit) {
      if (this.#waiting.length >= this.maxQueue) {
        throw new BlocksBusyError(
          "Too many requests are waiting; try again in a moment.",
        );
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else this.#active++;
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    }
  }
}
