/**
 * @module
 * The one queue a call waits in. Work is grouped in lanes (Gradio's
 * "concurrency id"): a lane runs at most `limit` tasks at once and lets at
 * most `maxWaiting` more wait; each task has a time limit that aborts it.
 * Everything that runs the model shares the lane {@link MODEL_LANE}, so
 * `/api/segment`, the page's Process Image and Gradio clients queue once,
 * together, and see honest positions.
 *
 * @example
 * ```ts
 * const scheduler = new Scheduler();
 * scheduler.lane("greet", { limit: 2 });
 * const out = await scheduler.run("greet", async (signal) => greet("Linh"), {
 *   timeLimitMs: 10_000,
 *   onWait: ({ rank, etaS }) => console.log(rank, etaS),
 * });
 * ```
 */
import { UserFacingError } from "../errors.ts";

/** The lane of everything that runs the segmentation model. */
export const MODEL_LANE = "model";

/** The lane holds `maxWaiting` waiting tasks already. */
export class QueueFullError extends UserFacingError {
  override name = "QueueFullError";
  constructor(retryAfterS: number) {
    super(
      503,
      "overloaded",
      "The server is busy with other requests. Please try again in a few seconds.",
      retryAfterS,
    );
  }
}

/** A task ran past its time limit (and was aborted). */
export class TimeLimitError extends UserFacingError {
  override name = "TimeLimitError";
  constructor(readonly limitMs: number) {
    super(
      504,
      "time_limit",
      `This took longer than its ${
        Math.round(limitMs / 100) / 10
      } s time limit and was stopped. Try a smaller input.`,
    );
  }
}

/** A task was cancelled by its caller before it finished. */
export class CancelledError extends UserFacingError {
  override name = "CancelledError";
  constructor() {
    super(409, "cancelled", "The call was cancelled.");
  }
}

/** Where a waiting task stands. */
export interface QueuePosition {
  /** Tasks ahead of it in its lane (0 = next). */
  rank: number;
  /** Tasks waiting in the lane. */
  queueSize: number;
  /** Estimated seconds until it starts, or null before any task finished. */
  etaS: number | null;
}

/** Options of one {@link Scheduler.run}. */
export interface RunOptions {
  /** Aborts the task (waiting: removed; running: its signal aborts). */
  signal?: AbortSignal;
  /** Default 60 s. */
  timeLimitMs?: number;
  /** Told whenever the task's position changes while it waits. */
  onWait?: (pos: QueuePosition) => void;
  /** Told when the task starts, with the lane's average duration (s) so far. */
  onStart?: (averageS: number | null) => void;
}

/** Settings of a lane. */
export interface LaneOptions {
  /** Tasks at once. Default 1. */
  limit?: number;
  /** Tasks allowed to wait. Default 64. */
  maxWaiting?: number;
}

interface Waiter {
  start: () => void;
  fail: (err: Error) => void;
  onWait?: (pos: QueuePosition) => void;
}

interface Lane {
  limit: number;
  maxWaiting: number;
  running: number;
  waiting: Waiter[];
  durations: number[];
}

/** Lanes of tasks on this instance. */
export class Scheduler {
  #lanes = new Map<string, Lane>();
  #active = new Set<Promise<unknown>>();

  /**
   * Declares or widens a lane (a lane declared twice keeps the larger
   * limits, so two apps naming the same lane share it).
   */
  lane(name: string, opts: LaneOptions = {}): void {
    const limit = Math.max(1, opts.limit ?? 1);
    const maxWaiting = Math.max(0, opts.maxWaiting ?? 64);
    const lane = this.#lanes.get(name);
    if (!lane) {
      this.#lanes.set(name, {
        limit,
        maxWaiting,
        running: 0,
        waiting: [],
        durations: [],
      });
    } else {
      lane.limit = Math.max(lane.limit, limit);
      lane.maxWaiting = Math.max(lane.maxWaiting, maxWaiting);
    }
  }

  /** Tasks waiting in `lane` (or in all lanes). */
  waiting(lane?: string): number {
    if (lane !== undefined) return this.#lanes.get(lane)?.waiting.length ?? 0;
    let n = 0;
    for (const l of this.#lanes.values()) n += l.waiting.length;
    return n;
  }

  /** Tasks running in `lane` (or in all lanes). */
  running(lane?: string): number {
    if (lane !== undefined) return this.#lanes.get(lane)?.running ?? 0;
    let n = 0;
    for (const l of this.#lanes.values()) n += l.running;
    return n;
  }

  /** Whether a new task of `lane` would be refused now. */
  full(lane: string): boolean {
    const l = this.#lanes.get(lane);
    return !!l && l.running >= l.limit && l.waiting.length >= l.maxWaiting;
  }

  /** Mean duration (s) of the lane's recent tasks, or null. */
  averageS(lane: string): number | null {
    const d = this.#lanes.get(lane)?.durations ?? [];
    return d.length ? d.reduce((a, b) => a + b, 0) / d.length : null;
  }

  /**
   * Runs `task` in `lane` once a slot is free. Rejects with
   * {@link QueueFullError} at once when the lane is full, with
   * {@link TimeLimitError} past the time limit, or with
   * {@link CancelledError} when `signal` aborts first.
   */
  async run<T>(
    laneName: string,
    task: (signal: AbortSignal) => Promise<T>,
    opts: RunOptions = {},
  ): Promise<T> {
    if (!this.#lanes.has(laneName)) this.lane(laneName);
    const lane = this.#lanes.get(laneName)!;
    if (opts.signal?.aborted) throw new CancelledError();
    if (lane.running >= lane.limit) {
      if (lane.waiting.length >= lane.maxWaiting) {
        throw new QueueFullError(this.#retryAfter(lane));
      }
      await new Promise<void>((start, fail) => {
        const w: Waiter = { start, fail, onWait: opts.onWait };
        lane.waiting.push(w);
        const onAbort = () => {
          const i = lane.waiting.indexOf(w);
          if (i < 0) return;
          lane.waiting.splice(i, 1);
          fail(new CancelledError());
          this.#tell(laneName, lane, i);
        };
        opts.signal?.addEventListener("abort", onAbort, { once: true });
        w.start = () => {
          opts.signal?.removeEventListener("abort", onAbort);
          start();
        };
        this.#tell(laneName, lane, lane.waiting.length - 1);
      });
    } else lane.running++;
    opts.onStart?.(this.averageS(laneName));
    const t0 = performance.now();
    const ac = new AbortController();
    const onAbort = () => ac.abort(new CancelledError());
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const limitMs = opts.timeLimitMs ?? 60_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const work = (async () => await task(ac.signal))();
    this.#active.add(work);
    try {
      const stopped = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const err = new TimeLimitError(limitMs);
          ac.abort(err);
          reject(err);
        }, limitMs);
        ac.signal.addEventListener("abort", () => reject(ac.signal.reason), {
          once: true,
        });
      });
      const out = await Promise.race([work, stopped]);
      lane.durations.push((performance.now() - t0) / 1000);
      if (lane.durations.length > 20) lane.durations.shift();
      return out;
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      work.catch(() => {}).finally(() => this.#active.delete(work));
      const next = lane.waiting.shift();
      if (next) {
        next.start(); // the slot passes on; `running` stays the same
        this.#tell(laneName, lane, 0);
      } else lane.running--;
    }
  }

  /** Resolves when no task runs any more, or after `ms`. */
  async idle(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.#active.size && Date.now() < deadline) {
      await Promise.race([
        Promise.allSettled([...this.#active]),
        new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now()))),
      ]);
    }
  }

  #retryAfter(lane: Lane): number {
    const avg = lane.durations.length
      ? lane.durations.reduce((a, b) => a + b, 0) / lane.durations.length
      : 1;
    return Math.max(
      1,
      Math.ceil(((lane.waiting.length + 1) * avg) / lane.limit),
    );
  }

  /** Tells waiters from index `from` on where they now stand. */
  #tell(name: string, lane: Lane, from: number) {
    const avg = this.averageS(name);
    for (let i = Math.max(0, from); i < lane.waiting.length; i++) {
      lane.waiting[i].onWait?.({
        rank: i,
        queueSize: lane.waiting.length,
        etaS: avg === null
          ? null
          : Math.round(avg * (Math.floor(i / lane.limit) + 1) * 1000) / 1000,
      });
    }
  }
}
