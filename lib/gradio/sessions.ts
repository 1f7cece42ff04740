/**
 * @module
 * Per-session message buffers behind `/queue/data` (sse_v3) and `/call`.
 * Messages wait here until a stream reads them, so a client that opens the
 * stream late (or a `GET /call/{name}/{id}` after the result) still gets
 * everything. Bounded: an LRU of sessions, a cap on messages per session,
 * and a time-to-live for sessions nobody reads.
 *
 * @example
 * ```ts
 * const hub = new SessionHub();
 * hub.open("s1", "ev1");
 * hub.send("s1", processCompletedMessage("ev1", { data: [1], durationS: 0, averageDurationS: null }));
 * for await (const m of hub.messages("s1")) console.log(m.msg); // process_completed, close_stream
 * ```
 */
import {
  closeStreamMessage,
  type EventMessage,
  heartbeatMessage,
  messageEventId,
  messageKind,
} from "./wire.ts";

/** Settings for {@link SessionHub}. */
export interface SessionHubOptions {
  /** Sessions kept at once (least recently used dropped first). Default 2000, like Gradio's /call LRU. */
  maxSessions?: number;
  /** Messages buffered per session; older queue estimations are dropped first. Default 256. */
  maxMessages?: number;
  /** A session untouched this long is dropped. Default 10 minutes. */
  ttlMs?: number;
  /** Called when a stream of a session with pending events is abandoned by its client. */
  onAbandon?: (sessionHash: string, pendingEventIds: string[]) => void;
}

interface Session {
  messages: EventMessage[];
  pending: Set<string>;
  wake: (() => void) | null;
  touched: number;
}

/** Options of one read. */
export interface ReadOptions {
  /** Idle time before a heartbeat message. Default 15 s (as Gradio). */
  heartbeatMs?: number;
  /** Stop reading. */
  signal?: AbortSignal;
  /** Only messages of this event (for `/call`); the stream ends after its completion. */
  eventId?: string;
}

/** Message buffers by session hash. */
export class SessionHub {
  #sessions = new Map<string, Session>();
  #maxSessions: number;
  #maxMessages: number;
  #ttlMs: number;
  #onAbandon?: SessionHubOptions["onAbandon"];

  constructor(opts: SessionHubOptions = {}) {
    this.#maxSessions = opts.maxSessions ?? 2000;
    this.#maxMessages = opts.maxMessages ?? 256;
    this.#ttlMs = opts.ttlMs ?? 10 * 60_000;
    this.#onAbandon = opts.onAbandon;
  }

  /** Registers a pending event of a session (creating the session). */
  open(sessionHash: string, eventId: string, now = Date.now()): void {
    this.#sweep(now);
    const s = this.#touch(sessionHash, now) ?? this.#create(sessionHash, now);
    s.pending.add(eventId);
  }

  /** Whether the session exists (has pending events or unread messages). */
  has(sessionHash: string, now = Date.now()): boolean {
    const s = this.#sessions.get(sessionHash);
    if (s && now - s.touched > this.#ttlMs) {
      this.#sessions.delete(sessionHash);
      return false;
    }
    return s !== undefined;
  }

  /** Whether `eventId` is pending or has unread messages in the session. */
  hasEvent(sessionHash: string, eventId: string): boolean {
    const s = this.#sessions.get(sessionHash);
    return !!s &&
      (s.pending.has(eventId) ||
        s.messages.some((m) => messageEventId(m) === eventId));
  }

  /** Number of sessions held. */
  get size(): number {
    return this.#sessions.size;
  }

  /** Queues a message for the session's stream (ignored when the session is gone). */
  send(sessionHash: string, msg: EventMessage): void {
    const s = this.#sessions.get(sessionHash);
    if (!s) return;
    s.messages.push(msg);
    if (s.messages.length > this.#maxMessages) {
      // Drop the oldest stale estimation; never a completion.
      const i = s.messages.findIndex((m) =>
        messageKind(m) === "estimation" || messageKind(m) === "progress"
      );
      s.messages.splice(i >= 0 ? i : 0, 1);
    }
    const wake = s.wake;
    s.wake = null;
    wake?.();
  }

  /**
   * Reads the session's messages as they come, with heartbeats while idle.
   * Ends with `close_stream` once no event of the session is pending
   * (sse_v3), or after the one event's completion when `eventId` is given.
   * A session that does not exist yields one `unexpected_error`-worthy
   * `undefined` result: check {@link SessionHub.has} first.
   */
  async *messages(
    sessionHash: string,
    opts: ReadOptions = {},
  ): AsyncGenerator<EventMessage> {
    const heartbeatMs = opts.heartbeatMs ?? 15_000;
    let finished = false;
    try {
      while (!opts.signal?.aborted) {
        const s = this.#sessions.get(sessionHash);
        if (!s) return;
        s.touched = Date.now();
        const idx = opts.eventId === undefined
          ? 0
          : s.messages.findIndex((m) => messageEventId(m) === opts.eventId);
        if (idx >= 0 && idx < s.messages.length) {
          const [msg] = s.messages.splice(idx, 1);
          yield msg;
          const eventId = messageEventId(msg);
          if (
            messageKind(msg) === "process_completed" && eventId !== undefined
          ) {
            s.pending.delete(eventId);
            if (opts.eventId !== undefined || s.pending.size === 0) {
              finished = true;
              if (opts.eventId === undefined) yield closeStreamMessage();
              if (s.pending.size === 0 && s.messages.length === 0) {
                this.#sessions.delete(sessionHash);
              }
              return;
            }
          }
          continue;
        }
        if (opts.eventId !== undefined && !s.pending.has(opts.eventId)) return;
        const got = await this.#wait(s, heartbeatMs, opts.signal);
        if (!got && !opts.signal?.aborted) yield heartbeatMessage();
      }
    } finally {
      if (!finished) {
        const s = this.#sessions.get(sessionHash);
        const ids = opts.eventId !== undefined
          ? [opts.eventId]
          : [...(s?.pending ?? [])];
        const pending = ids.filter((id) => s?.pending.has(id));
        if (pending.length) this.#onAbandon?.(sessionHash, pending);
      }
    }
  }

  /** Forgets an event (after cancellation), sending nothing more for it. */
  forget(sessionHash: string, eventId: string): void {
    const s = this.#sessions.get(sessionHash);
    if (!s) return;
    s.pending.delete(eventId);
    s.messages = s.messages.filter((m) => messageEventId(m) !== eventId);
    if (s.pending.size === 0 && s.messages.length === 0) {
      this.#sessions.delete(sessionHash);
    }
  }

  #wait(s: Session, ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (v: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        if (s.wake === wake) s.wake = null;
        resolve(v);
      };
      const wake = () => done(true);
      const onAbort = () => done(false);
      const timer = setTimeout(() => done(false), ms);
      signal?.addEventListener("abort", onAbort, { once: true });
      s.wake = wake;
    });
  }

  #touch(sessionHash: string, now: number): Session | undefined {
    const s = this.#sessions.get(sessionHash);
    if (!s) return undefined;
    // Re-insert: Map order is the LRU order.
    this.#sessions.delete(sessionHash);
    this.#sessions.set(sessionHash, s);
    s.touched = now;
    return s;
  }

  #create(sessionHash: string, now: number): Session {
    const s: Session = {
      messages: [],
      pending: new Set(),
      wake: null,
      touched: now,
    };
    this.#sessions.set(sessionHash, s);
    while (this.#sessions.size > this.#maxSessions) {
      const oldest = this.#sessions.keys().next().value!;
      this.#sessions.delete(oldest);
    }
    return s;
  }

  #sweep(now: number) {
    for (const [k, s] of this.#sessions) {
      if (now - s.touched <= this.#ttlMs) break;
      this.#sessions.delete(k);
    }
  }
}
