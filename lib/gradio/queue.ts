/**
 * @module
 * Gradio's event queue: one lane per endpoint (concurrency id) running at
 * most `limit` calls at once, one bound on how many events may wait across
 * the app, and the messages a waiting client sees: `estimation` (rank,
 * queue size, ETA) while waiting, `process_starts`, then `process_completed`.
 *
 * @example
 * ```ts
 * const q = new EventQueue({ maxSize: 8, send: (session, msg) => hub.send(session, msg) });
 * q.push({ eventId: "e1", sessionHash: "s1", lane: "greet", limit: 1, timeLimitMs: 60_000,
 *          run: async () => ["Hello"] });
 * ```
 */
import {
  estimationMessage,
  type EventMessage,
  type Outcome,
  processCompletedMessage,
  processStartsMessage,
} from "./wire.ts";

/** The queue holds `maxSize` waiting events already. */
export class QueueFullError extends Error {
  override name = "QueueFullError";
  constructor() {
    super("Queue is full.");
  }
}

/** A call ran past its endpoint's time limit. */
export class TimeLimitError extends Error {
  override name = "TimeLimitError";
  constructor(readonly limitMs: number) {
    super(
      `The function did not finish within its ${
        Math.round(limitMs / 100) / 10
      } s time limit.`,
    );
  }
}

/** A call was cancelled by its client (`/cancel`, or the stream went away). */
export class CancelledError extends Error {
  override name = "CancelledError";
  constructor() {
    super("The call was cancelled.");
  }
}

/** One queued call. */
export interface Job {
  eventId: string;
  sessionHash: string;
  /** Concurrency id: calls in the same lane share `limit`. */
  lane: string;
  /** Calls of this lane allowed at once. */
  limit: number;
  /** Aborts the call (and reports a {@link TimeLimitError}) after this long. */
  timeLimitMs: number;
  /** Runs the call; resolves to the output wire values. */
  run(signal: AbortSignal): Promise<unknown[]>;
  /** Called with the outcome (also sent as `process_completed`). */
  done?(outcome: Outcome): void;
}

/** Settings for {@link EventQueue}. */
export interface EventQueueOptions {
  /** Events allowed to wait (not counting running ones), across lanes. */
  maxSize: number;
  /** Delivers a message to the session's stream. */
  send(sessionHash: string, msg: EventMessage): void;
  /** Turns a thrown error into what the user is shown. */
  describeError?(err: unknown): { message: string; title?: string };
}

interface Lane {
  limit: number;
  running: number;
  waiting: Job[];
  durations: number[];
  controllers: Map<string, AbortController>;
}

/** The app's queue. */
export class EventQueue {
  #lanes = new Map<string, Lane>();
  #waiting = 0;
  #opts: EventQueueOptions;

  constructor(opts: EventQueueOptions) {
    this.#opts = opts;
  }

  /** Events waiting (not yet running). */
  get waiting(): number {
    return this.#waiting;
  }

  /** Events running now. */
  get running(): number {
    let n = 0;
    for (const l of this.#lanes.values()) n += l.running;
    return n;
  }

  /** Mean duration (s) of the lane's recent calls, or null before the first one. */
  averageDuration(lane: string): number | null {
    const d = this.#lanes.get(lane)?.durations ?? [];
    return d.length ? d.reduce((a, b) => a + b, 0) / d.length : null;
  }

  /** Enqueues a call; throws {@link QueueFullError} when `maxSize` events wait already. */
  push(job: Job): void {
    if (this.#waiting >= this.#opts.maxSize) throw new QueueFullError();
    const lane = this.#lane(job.lane, job.limit);
    lane.waiting.push(job);
    this.#waiting++;
    this.#broadcast(job.lane, lane);
    this.#pump(job.lane, lane);
  }

  /** Removes waiting events and aborts running ones of a session (client gone). Returns the ids. */
  cancel(sessionHash: string, eventIds?: string[]): string[] {
    const hit = (j: Job) =>
      j.sessionHash === sessionHash &&
      (!eventIds || eventIds.includes(j.eventId));
    const out: string[] = [];
    for (const [name, lane] of this.#lanes) {
      const before = lane.waiting.length;
      lane.waiting = lane.waiting.filter((j) => {
        if (!hit(j)) return true;
        out.push(j.eventId);
        return false;
      });
      this.#waiting -= before - lane.waiting.length;
      if (before !== lane.waiting.length) this.#broadcast(name, lane);
      for (const [id, ac] of lane.controllers) {
        if (ac.signal.aborted || !(id.startsWith(`${sessionHash}\u0000`))) {
          continue;
        }
        if (eventIds && !eventIds.includes(id.slice(sessionHash.length + 1))) {
          continue;
        }
        ac.abort(new CancelledError());
        out.push(id.slice(sessionHash.length + 1));
      }
    }
    return out;
  }

  #lane(name: string, limit: number): Lane {
    let lane = this.#lanes.get(name);
    if (!lane) {
      lane = {
        limit: Math.max(1, limit),
        running: 0,
        waiting: [],
        durations: [],
        controllers: new Map(),
      };
      this.#lanes.set(name, lane);
    }
    return lane;
  }

  #eta(lane: Lane, rank: number): number | null {
    if (!lane.durations.length) return null;
    const avg = lane.durations.reduce((a, b) => a + b, 0) /
      lane.durations.length;
    return Math.round(
      avg *
        (Math.floor(rank / lane.limit) + (lane.running >= lane.limit ? 1 : 0)) *
        1000,
    ) / 1000;
  }

  #broadcast(_name: string, lane: Lane) {
    lane.waiting.forEach((j, rank) => {
      this.#opts.send(
        j.sessionHash,
        estimationMessage(j.eventId, {
          rank,
          queueSize: lane.waiting.length,
          rankEtaS: this.#eta(lane, rank),
        }),
      );
    });
  }

  #pump(name: string, lane: Lane) {
    let started = false;
    while (lane.running < lane.limit && lane.waiting.length) {
      const job = lane.waiting.shift()!;
      this.#waiting--;
      lane.running++;
      started = true;
      this.#start(name, lane, job);
    }
    if (started && lane.waiting.length) this.#broadcast(name, lane);
  }

  async #start(name: string, lane: Lane, job: Job) {
    const avg = this.averageDuration(name);
    this.#opts.send(
      job.sessionHash,
      processStartsMessage(job.eventId, avg === null ? null : round(avg)),
    );
    const t0 = performance.now();
    const ac = new AbortController();
    const key = `${job.sessionHash}\u0000${job.eventId}`;
    lane.controllers.set(key, ac);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let outcome: Outcome;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const err = new TimeLimitError(job.timeLimitMs);
          ac.abort(err);
          reject(err);
        }, job.timeLimitMs);
      });
      const data = await Promise.race([job.run(ac.signal), timeout]);
      const durationS = (performance.now() - t0) / 1000;
      lane.durations.push(durationS);
      if (lane.durations.length > 20) lane.durations.shift();
      outcome = {
        data,
        durationS: round(durationS),
        averageDurationS: round(this.averageDuration(name)!),
      };
    } catch (err) {
      const d = this.#opts.describeError?.(err) ??
        { message: err instanceof Error ? err.message : String(err) };
      outcome = { error: d.message, title: d.title };
    } finally {
      clearTimeout(timer);
      lane.controllers.delete(key);
      lane.running--;
    }
    // A cancelled call's client was already told (or is gone).
    if (!(ac.signal.reason instanceof CancelledError)) {
      this.#opts.send(
        job.sessionHash,
        processCompletedMessage(job.eventId, outcome),
      );
    }
    try {
      job.done?.(outcome);
    } finally {
      this.#pump(name, lane);
    }
  }
}

function round(s: number): number {
  return Math.round(s * 10000) / 10000;
}
