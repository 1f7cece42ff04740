/**
 * @module
 * Gradio events and their messages, shared by every instance through KV, so
 * that `queue/join` on one instance, `queue/data` on a second and `cancel` on
 * a third all see the same event. The instance that accepts an event runs it
 * and appends its messages (`estimation`, `process_starts`, `progress`,
 * `process_completed`) in order; a reader on any instance *claims* each
 * message with an atomic delete before sending it, so every message reaches
 * the client once, in order, even with two readers racing. Exactly one
 * `process_completed` is written per event (finishing is a compare-and-set
 * on the event record): by its runner, by `/cancel`, or — when the runner's
 * instance died (its lease ran out) — by whichever reader notices.
 *
 * Keys: `["g","ev",id]` record · `["g","sess",session,id]` the session's
 * open events · `["g","msg",id,seq]` messages · `["g","bump",session]` a
 * change marker readers watch · `["g","cancel",id]` · `["g","client",client,session]`.
 *
 * @example
 * ```ts
 * const events = new EventStore(kv, lease.id);
 * await events.create("ev1", { session: "s1", client: "1.2.3.4" });
 * await events.finish("ev1", processCompletedMessage("ev1", outcome));
 * for await (const m of events.read("s1", { signal })) console.log(m.msg); // process_completed, close_stream
 * ```
 */
import type { Kv } from "../kv/kv.ts";
import { isAlive } from "../kv/instances.ts";
import { changeWaiter } from "../kv/wait.ts";
import { QuotaExceededError } from "../errors.ts";
import {
  closeStreamMessage,
  type EventMessage,
  heartbeatMessage,
  messageKind,
  processCompletedMessage,
} from "./wire.ts";

/** What KV keeps about one event. */
export interface EventRecord {
  session: string;
  /** Instance running it. */
  owner: string;
  state: "queued" | "running" | "done";
  createdAt: number;
  /** Caller's address key (for per-client limits). */
  client: string;
}

/** Settings of an {@link EventStore}. */
export interface EventStoreOptions {
  /** Life of events and unread messages. Default 10 minutes. */
  ttlMs?: number;
  /** Longest wait between looks at KV while streaming. Default 40 ms. */
  pollMs?: number;
  /** Sessions with open events one client may hold. Default 64. */
  maxSessionsPerClient?: number;
}

/** Options of one {@link EventStore.read}. */
export interface ReadOptions {
  /** Only this event's messages; the stream ends after its completion (for `/call`). */
  eventId?: string;
  signal?: AbortSignal;
  /** Idle time before a heartbeat message. Default 15 s. */
  heartbeatMs?: number;
  /** Called when the reader stops early (client gone) with events still open. */
  onAbandon?: (openEventIds: string[]) => void;
}

const DEAD_RUNNER =
  "The server that was running this request stopped before it finished. Please try again.";

/** Events of every app on one KV database. */
export class EventStore {
  readonly ttlMs: number;
  readonly pollMs: number;
  readonly maxSessionsPerClient: number;
  #seq = 0;

  constructor(
    private kv: Kv,
    /** This instance's lease id: the owner of events it creates. */
    readonly instanceId: string,
    opts: EventStoreOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 10 * 60_000;
    this.pollMs = opts.pollMs ?? 40;
    this.maxSessionsPerClient = opts.maxSessionsPerClient ?? 64;
  }

  /** A new event owned by this instance, queued in `session`. */
  async create(
    eventId: string,
    { session, client }: { session: string; client: string },
    now = Date.now(),
  ): Promise<void> {
    const expireIn = this.ttlMs;
    const clientKey = ["g", "client", client, session];
    if (!(await this.kv.get(clientKey)).versionstamp) {
      if (
        (await this.#clientSessions(client)) >= this.maxSessionsPerClient
      ) {
        throw new QuotaExceededError(
          "Too many open sessions from your address. Finish or close some and try again.",
          30,
        );
      }
    }
    const rec: EventRecord = {
      session,
      owner: this.instanceId,
      state: "queued",
      createdAt: now,
      client,
    };
    const res = await this.kv.atomic()
      .check({ key: ["g", "ev", eventId], versionstamp: null })
      .set(["g", "ev", eventId], rec, { expireIn })
      .set(["g", "sess", session, eventId], now, { expireIn })
      .set(clientKey, now, { expireIn })
      .set(["g", "bump", session], now, { expireIn })
      .commit();
    if (!res.ok) throw new Error(`Event ${eventId} exists already.`);
  }

  /** Appends a non-final message of an open event. */
  async append(eventId: string, session: string, msg: EventMessage) {
    await this.kv.atomic()
      .set(["g", "msg", eventId, this.#nextSeq()], msg, {
        expireIn: this.ttlMs,
      })
      .set(["g", "bump", session], Date.now(), { expireIn: this.ttlMs })
      .commit();
  }

  /**
   * How many sessions of `client` still have open events. Sessions whose
   * events were all read drop out of the count (their marks are removed
   * here, lazily, once the count reaches the cap).
   */
  async #clientSessions(client: string): Promise<number> {
    const cap = this.maxSessionsPerClient;
    const marks: Deno.KvKey[] = [];
    for await (
      const e of this.kv.list({ prefix: ["g", "client", client] }, {
        limit: cap,
      })
    ) marks.push(e.key);
    if (marks.length < cap) return marks.length;
    let n = 0;
    for (const key of marks) {
      if (await this.hasSession(key[3] as string)) n++;
      else await this.kv.delete(key);
    }
    return n;
  }

  /** Marks a queued event as running (no-op once finished). */
  async markRunning(eventId: string): Promise<void> {
    const entry = await this.kv.get<EventRecord>(["g", "ev", eventId]);
    if (!entry.value || entry.value.state !== "queued") return;
    await this.kv.atomic().check(entry)
      .set(["g", "ev", eventId], { ...entry.value, state: "running" }, {
        expireIn: this.ttlMs,
      })
      .commit();
  }

  /**
   * Writes the event's `process_completed` unless it is finished already;
   * returns whether this call finished it.
   */
  async finish(eventId: string, msg: EventMessage): Promise<boolean> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const entry = await this.kv.get<EventRecord>(["g", "ev", eventId]);
      const rec = entry.value;
      if (!rec || rec.state === "done") return false;
      const res = await this.kv.atomic().check(entry)
        .set(["g", "ev", eventId], { ...rec, state: "done" }, {
          expireIn: this.ttlMs,
        })
        .set(["g", "msg", eventId, this.#nextSeq()], msg, {
          expireIn: this.ttlMs,
        })
        .set(["g", "bump", rec.session], Date.now(), { expireIn: this.ttlMs })
        .commit();
      if (res.ok) return true;
    }
    return false;
  }

  /** Asks the owner to stop an event (it polls {@link EventStore.cancelled}). */
  async requestCancel(eventId: string): Promise<void> {
    await this.kv.set(["g", "cancel", eventId], true, { expireIn: this.ttlMs });
  }

  /** Which of `eventIds` were asked to stop. */
  async cancelled(eventIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < eventIds.length; i += 10) {
      const ids = eventIds.slice(i, i + 10);
      const entries = await this.kv.getMany(
        ids.map((id) => ["g", "cancel", id]),
      );
      entries.forEach((e, j) => e.versionstamp && out.add(ids[j]));
    }
    return out;
  }

  /** The event's record, or null when unknown or expired. */
  async get(eventId: string): Promise<EventRecord | null> {
    return (await this.kv.get<EventRecord>(["g", "ev", eventId])).value;
  }

  /** Whether the session has open events (events whose completion was not read yet). */
  async hasSession(session: string): Promise<boolean> {
    for await (
      const _ of this.kv.list({ prefix: ["g", "sess", session] }, { limit: 1 })
    ) return true;
    return false;
  }

  /** Whether `eventId` is open in `session`. */
  async hasEvent(session: string, eventId: string): Promise<boolean> {
    return !!(await this.kv.get(["g", "sess", session, eventId])).versionstamp;
  }

  /**
   * The session's messages as they come, with heartbeats while idle. Ends
   * with `close_stream` once the session has no open events (sse_v3), or
   * after the one event's completion when `eventId` is given.
   */
  async *read(
    session: string,
    opts: ReadOptions = {},
  ): AsyncGenerator<EventMessage> {
    const heartbeatMs = opts.heartbeatMs ?? 15_000;
    const waiter = changeWaiter(this.kv, [["g", "bump", session]], {
      pollMs: this.pollMs,
      signal: opts.signal,
    });
    let lastSent = Date.now();
    let open: string[] = [];
    let finished = false;
    try {
      while (!opts.signal?.aborted) {
        open = await this.#openEvents(session, opts.eventId);
        if (!open.length) {
          finished = true;
          if (opts.eventId === undefined) yield closeStreamMessage();
          return;
        }
        let sent = false;
        for (const id of open) {
          for await (const msg of this.#claim(id)) {
            yield msg;
            sent = true;
            if (messageKind(msg) === "process_completed") {
              await this.kv.delete(["g", "sess", session, id]);
            }
          }
        }
        if (sent) {
          lastSent = Date.now();
          continue;
        }
        await this.#reapDead(session, open);
        if (Date.now() - lastSent >= heartbeatMs) {
          yield heartbeatMessage();
          lastSent = Date.now();
        }
        await waiter.wait();
      }
    } finally {
      waiter.close();
      if (!finished && open.length) opts.onAbandon?.(open);
    }
  }

  async #openEvents(session: string, only?: string): Promise<string[]> {
    if (only !== undefined) {
      return (await this.hasEvent(session, only)) ? [only] : [];
    }
    const out: { id: string; at: number }[] = [];
    for await (
      const e of this.kv.list<number>({ prefix: ["g", "sess", session] })
    ) out.push({ id: e.key[3] as string, at: e.value });
    return out.sort((a, b) => a.at - b.at).map((e) => e.id);
  }

  /** Yields the event's unread messages in order, each claimed (deleted) first. */
  async *#claim(eventId: string): AsyncGenerator<EventMessage> {
    const entries: Deno.KvEntry<EventMessage>[] = [];
    for await (
      const e of this.kv.list<EventMessage>({ prefix: ["g", "msg", eventId] })
    ) entries.push(e);
    for (const e of entries) {
      const res = await this.kv.atomic().check(e).delete(e.key).commit();
      if (!res.ok) continue; // another reader took it
      yield e.value;
      if (messageKind(e.value) === "process_completed") return;
    }
  }

  /** Finishes open events whose runner's instance is gone. */
  async #reapDead(session: string, ids: string[]) {
    const alive = new Map<string, boolean>();
    for (const id of ids) {
      const rec = await this.get(id);
      if (!rec) {
        // Expired: nothing will ever complete it.
        await this.kv.delete(["g", "sess", session, id]);
        continue;
      }
      if (rec.state === "done") continue;
      let ok = alive.get(rec.owner);
      if (ok === undefined) {
        ok = await isAlive(this.kv, rec.owner);
        alive.set(rec.owner, ok);
      }
      if (!ok) {
        await this.finish(
          id,
          processCompletedMessage(id, { error: DEAD_RUNNER }),
        );
      }
    }
  }

  #nextSeq(): string {
    this.#seq = (this.#seq + 1) % 1e9;
    return `${Date.now().toString(36).padStart(9, "0")}.${
      this.#seq.toString(36).padStart(6, "0")
    }.${this.instanceId}`;
  }
}
