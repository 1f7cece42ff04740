/**
 * @module
 * A per-client fixed-window rate limiter (in memory, per process).
 */

/**
 * Allows `perMinute` hits per key per minute; 0 disables it.
 *
 * @example
 * ```ts
 * const rl = new RateLimiter(2);
 * rl.hit("1.2.3.4"); // 0 (allowed)
 * rl.hit("1.2.3.4"); // 0
 * rl.hit("1.2.3.4"); // > 0: seconds until the window resets
 * ```
 */
export class RateLimiter {
  #windows = new Map<string, { start: number; count: number }>();
  #lastSweep = 0;

  constructor(readonly perMinute: number, private windowMs = 60_000) {}

  /** Records a hit; returns 0 when allowed, else the seconds to wait. */
  hit(key: string, now = Date.now()): number {
    if (this.perMinute <= 0) return 0;
    // Forget finished windows at most once per window, so a flood of
    // addresses costs one pass per minute, not one per request.
    if (this.#windows.size > 10_000 && now - this.#lastSweep >= this.windowMs) {
      this.#lastSweep = now;
      this.#sweep(now);
    }
    const w = this.#windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.#windows.set(key, { start: now, count: 1 });
      return 0;
    }
    if (w.count < this.perMinute) {
      w.count++;
      return 0;
    }
    return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
  }

  #sweep(now: number) {
    for (const [k, w] of this.#windows) {
      if (now - w.start >= this.windowMs) this.#windows.delete(k);
    }
  }
}
