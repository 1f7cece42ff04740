/**
 * @module
 * Counters in fixed time windows, shared by every instance through KV: the
 * basis of rate limits ("60 per minute per address") and of quotas ("at most
 * 512 MB of uploads in the last hour"). Each window is one KV entry that
 * expires on its own; increments are compare-and-set, so concurrent
 * instances never lose a count.
 */
import type { Kv } from "./kv.ts";

/** One increment's outcome. */
export interface Hit {
  /** Whether the increment was within the limit (and was counted). */
  ok: boolean;
  /** The window's total after this increment (or the total that refused it). */
  total: number;
  /** Seconds until the current window ends. */
  retryAfterS: number;
}

/**
 * Adds `amount` to the window of `key` unless that would pass `limit`.
 *
 * @example
 * ```ts
 * const hit = await addInWindow(kv, ["rl", "segment", "1.2.3.4"], 1, 60, 60_000);
 * if (!hit.ok) throw new RateLimitedError(hit.retryAfterS);
 * ```
 */
export async function addInWindow(
  kv: Kv,
  key: Deno.KvKey,
  amount: number,
  limit: number,
  windowMs: number,
  now = Date.now(),
): Promise<Hit> {
  const win = Math.floor(now / windowMs);
  const full = [...key, win];
  const retryAfterS = Math.max(
    1,
    Math.ceil(((win + 1) * windowMs - now) / 1000),
  );
  for (let attempt = 0; attempt < 20; attempt++) {
    const cur = await kv.get<number>(full);
    const total = (cur.value ?? 0) + amount;
    if (total > limit) return { ok: false, total, retryAfterS };
    const res = await kv.atomic().check(cur)
      .set(full, total, { expireIn: windowMs * 2 })
      .commit();
    if (res.ok) return { ok: true, total, retryAfterS };
  }
  // Heavy contention on one key: refuse rather than over-admit.
  return { ok: false, total: limit, retryAfterS };
}

/** One counter of a {@link addToRollingQuotas} call. */
export interface QuotaAdd {
  key: Deno.KvKey;
  amount: number;
  limit: number;
}

/**
 * Rolling quotas over several windows (e.g. 12 windows of 5 minutes for a
 * 1-hour life): what was added in the windows still "alive" counts. All
 * counters are added together in one atomic commit, or none is (the first
 * that would pass its limit refuses the whole add).
 *
 * @example
 * ```ts
 * const hit = await addToRollingQuotas(kv, [
 *   { key: ["q", "file-bytes"], amount: size, limit: 512e6 },
 *   { key: ["q", "file-count"], amount: 1, limit: 4000 },
 * ], 3600_000);
 * ```
 */
export async function addToRollingQuotas(
  kv: Kv,
  adds: QuotaAdd[],
  lifeMs: number,
  now = Date.now(),
  windows = 12,
): Promise<Hit> {
  const windowMs = Math.max(1000, Math.ceil(lifeMs / windows));
  const cur = Math.floor(now / windowMs);
  const retryAfterS = Math.max(
    1,
    Math.ceil(((cur + 1) * windowMs - now) / 1000),
  );
  for (let attempt = 0; attempt < 20; attempt++) {
    const op = kv.atomic();
    let total = 0;
    for (const add of adds) {
      const keys = Array.from(
        { length: windows },
        (_, i) => [...add.key, cur - i],
      );
      let earlier = 0;
      for (let i = 1; i < keys.length; i += 10) {
        for (const e of await kv.getMany<number[]>(keys.slice(i, i + 10))) {
          earlier += e.value ?? 0;
        }
      }
      const entry = await kv.get<number>(keys[0]);
      total = earlier + (entry.value ?? 0) + add.amount;
      if (total > add.limit) return { ok: false, total, retryAfterS };
      op.check(entry).set(keys[0], (entry.value ?? 0) + add.amount, {
        expireIn: windowMs * (windows + 1),
      });
    }
    if ((await op.commit()).ok) return { ok: true, total, retryAfterS };
  }
  return { ok: false, total: 0, retryAfterS };
}

/** {@link addToRollingQuotas} for one counter. */
export function addToRollingQuota(
  kv: Kv,
  key: Deno.KvKey,
  amount: number,
  limit: number,
  lifeMs: number,
  now = Date.now(),
  windows = 12,
): Promise<Hit> {
  return addToRollingQuotas(kv, [{ key, amount, limit }], lifeMs, now, windows);
}
