/**
 * @module
 * Which server instances are alive. Each instance renews a short lease in KV
 * every few seconds; work one instance accepted (a Gradio event) names its
 * owner, so any other instance can tell a slow job from a dead one and give
 * the client a clean error instead of waiting forever.
 *
 * @example
 * ```ts
 * const me = new InstanceLease(kv);
 * me.start();
 * await isAlive(kv, me.id); // true
 * me.stop();
 * ```
 */
import type { Kv } from "./kv.ts";

/** How long a lease lasts without renewal. */
export const LEASE_MS = 6_000;
/** How often a lease is renewed. */
export const RENEW_MS = 2_000;

/** This instance's lease. */
export class InstanceLease {
  /** A random id, unique per process. */
  readonly id: string = crypto.randomUUID().slice(0, 8);
  #timer?: ReturnType<typeof setInterval>;

  constructor(private kv: Kv) {}

  /** Writes the lease now and renews it every {@link RENEW_MS} (the timer does not keep the process alive). */
  start(): void {
    if (this.#timer) return;
    const renew = () =>
      this.kv.set(["inst", this.id], Date.now() + LEASE_MS, {
        expireIn: LEASE_MS * 10,
      }).catch(() => {});
    renew();
    this.#timer = setInterval(renew, RENEW_MS);
    Deno.unrefTimer(this.#timer);
  }

  /** Stops renewing and gives the lease up at once (a clean stop). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.kv.delete(["inst", this.id]).catch(() => {});
  }
}

/** Whether instance `id` holds a live lease. */
export async function isAlive(
  kv: Kv,
  id: string,
  now = Date.now(),
): Promise<boolean> {
  const until = (await kv.get<number>(["inst", id])).value;
  return typeof until === "number" && until > now;
}
