/**
 * @module
 * One Blocks app served over Gradio's protocol on this instance: its
 * endpoints, and the two ways a call runs — `join` (for `/queue/join` and
 * `/call`: the event lives in KV, any instance can stream or cancel it, this
 * one runs it) and `run` (for `/run`: one request, one answer). Calls wait
 * in the scheduler's lanes like every other call, so the app's concurrency
 * limits and the model's capacity are decided in one place.
 *
 * @example
 * ```ts
 * const host = new GradioHost({ app, path: "/demos/greet", files, events, site });
 * const eventId = await host.join({ endpoint: host.endpoint("greet")!, data: ["Linh", 3],
 *   sessionHash: "s1", root: "http://localhost:8000/demos/greet", client: "1.2.3.4" });
 * ```
 */
import type { BlocksApp, CallSite } from "../blocks/blocks_app.ts";
import { toUserFacing, UserFacingError } from "../errors.ts";
import type { FileAccess } from "../files/file_store.ts";
import { CancelledError, QueueFullError } from "../jobs/scheduler.ts";
import { type Endpoint, listEndpoints } from "./endpoints.ts";
import type { EventStore } from "./events.ts";
import { toKitInputs, toWireOutputs } from "./file_data.ts";
import { fromGradioValues, toGradioValues } from "./component_values.ts";
import {
  estimationMessage,
  type Outcome,
  processCompletedMessage,
  processStartsMessage,
  progressMessage,
} from "./wire.ts";
import { API_PREFIX } from "./app_config.ts";

/** A call's input is malformed (wrong count…): shown to the caller. */
export class GradioInputError extends UserFacingError {
  override name = "GradioInputError";
  constructor(message: string) {
    super(422, "invalid_input", message);
  }
}

/** The app's lane is full: Gradio's own answer (clients show "queue full"). */
export class GradioQueueFullError extends UserFacingError {
  override name = "GradioQueueFullError";
  constructor() {
    super(503, "queue_full", "Queue is full.", 5);
  }
}

/** What a {@link GradioHost} needs. */
export interface GradioHostOptions {
  app: BlocksApp;
  /** Mount path (`""` = site root); also the prefix of the app's lanes. */
  path: string;
  files: FileAccess;
  events: EventStore;
  site: CallSite;
  /** How often this instance looks for cancellations of its events. Default 150 ms. */
  cancelPollMs?: number;
}

/** What `join`/`run` need to know about one call. */
export interface CallRequest {
  endpoint: Endpoint;
  data: unknown[];
  sessionHash: string;
  /** Absolute URL of the app (for FileData `url`s). */
  root: string;
  /** Caller's address key. */
  client: string;
}

/** A hosted app on this instance. */
export class GradioHost {
  readonly app: BlocksApp;
  readonly path: string;
  readonly files: FileAccess;
  readonly events: EventStore;
  readonly endpoints: readonly Endpoint[];
  #site: CallSite;
  #live = new Map<string, AbortController>();
  #cancelPollMs: number;
  #polling = false;

  constructor(opts: GradioHostOptions) {
    this.app = opts.app;
    this.path = opts.path;
    this.files = opts.files;
    this.events = opts.events;
    this.#site = opts.site;
    this.#cancelPollMs = opts.cancelPollMs ?? 150;
    this.endpoints = listEndpoints(opts.app);
  }

  /** The endpoint called `name` (with or without a leading slash). */
  endpoint(name: string): Endpoint | undefined {
    const n = name.replace(/^\//, "");
    return this.endpoints.find((e) => e.name === n);
  }

  /** The endpoint with this `fn_index`. */
  endpointByIndex(fnIndex: number): Endpoint | undefined {
    return this.endpoints.find((e) => e.fnIndex === fnIndex);
  }

  /** URL of a stored file on this app's `file=` route. */
  fileUrl(root: string, id: string): string {
    return `${root}${API_PREFIX}/file=${
      id.split("/").map(encodeURIComponent).join("/")
    }`;
  }

  /** Events of this app running or waiting on this instance. */
  get live(): number {
    return this.#live.size;
  }

  /**
   * Accepts a call as an event of the session and starts it here; its
   * messages go to KV. A full lane throws `QueueFullError` (503, nothing
   * created); a malformed call is accepted and completes at once with the
   * reason, as Gradio reports errors, so every client shows the message.
   */
  async join(
    req: CallRequest,
    eventId: string = crypto.randomUUID().replaceAll("-", ""),
  ): Promise<string> {
    const lane = this.app.laneOf(req.endpoint.dep, this.path);
    const { scheduler } = this.#site;
    if (scheduler.full(lane)) throw new GradioQueueFullError();
    await this.events.create(eventId, {
      session: req.sessionHash,
      client: req.client,
    });
    // As Gradio: every event starts with its place in the queue.
    const waiting = scheduler.running(lane) > 0 ? scheduler.waiting(lane) : 0;
    const avg = scheduler.averageS(lane);
    await this.events.append(
      eventId,
      req.sessionHash,
      estimationMessage(eventId, {
        rank: waiting,
        queueSize: waiting + 1,
        rankEtaS: avg === null ? null : round(avg * (waiting + 1)),
      }),
    );
    const ac = new AbortController();
    this.#live.set(eventId, ac);
    this.#watchCancels();
    this.#execute(req, eventId, ac.signal).finally(() =>
      this.#live.delete(eventId)
    );
    return eventId;
  }

  /**
   * Asks for an event to stop: in KV, for whichever instance runs it, and
   * at once when it runs here.
   */
  async cancel(eventId: string): Promise<void> {
    this.#live.get(eventId)?.abort(new CancelledError());
    await this.events.requestCancel(eventId);
  }

  /** Runs a call and waits for its outcome (for `/run`). */
  async run(req: CallRequest, signal?: AbortSignal): Promise<Outcome> {
    const t0 = performance.now();
    try {
      const data = await this.#call(req, undefined, signal);
      return {
        data,
        durationS: round((performance.now() - t0) / 1000),
        averageDurationS: this.#average(req),
      };
    } catch (err) {
      if (err instanceof QueueFullError) throw new GradioQueueFullError();
      return { error: toUserFacing(err).message };
    }
  }

  async #execute(req: CallRequest, eventId: string, signal: AbortSignal) {
    const t0 = performance.now();
    let outcome: Outcome;
    try {
      const data = await this.#call(req, eventId, signal);
      outcome = {
        data,
        durationS: round((performance.now() - t0) / 1000),
        averageDurationS: this.#average(req),
      };
    } catch (err) {
      // Cancelled: complete with no outputs, as Gradio does (a no-op when
      // `/cancel` completed it already).
      outcome = err instanceof CancelledError
        ? { data: [], durationS: 0, averageDurationS: null }
        : { error: toUserFacing(err).message };
    }
    await this.events.finish(
      eventId,
      processCompletedMessage(eventId, outcome),
    ).catch((err) => console.error("Could not finish event:", err));
  }

  async #call(
    req: CallRequest,
    eventId: string | undefined,
    signal?: AbortSignal,
  ): Promise<unknown[]> {
    const dep = req.endpoint.dep;
    if (req.data.length !== dep.inputs.length) {
      throw new GradioInputError(
        `The endpoint /${req.endpoint.name} takes ${dep.inputs.length} input value(s), got ${req.data.length}.`,
      );
    }
    const types = (ids: number[]) =>
      ids.map((id) => this.app.components.get(id)?.type);
    const inputs = await toKitInputs(
      fromGradioValues(types(dep.inputs), req.data),
      req.endpoint.fileInputs,
      this.files,
    );
    const fileUrl = (id: string) => this.fileUrl(req.root, id);
    const session = req.sessionHash;
    const send = eventId
      ? (msg: Record<string, unknown> & { msg: string }) =>
        this.events.append(eventId, session, msg).catch(() => {})
      : undefined;
    let lastRank = -1;
    const out = await this.app.call(this.#site, dep, inputs, {
      files: this.files,
      signal,
      fileUrl,
      progress: send
        ? (fraction, desc) => send(progressMessage(eventId!, fraction, desc))
        : undefined,
    }, {
      onWait: send
        ? (pos) => {
          if (pos.rank === lastRank) return;
          lastRank = pos.rank;
          send(estimationMessage(eventId!, {
            rank: pos.rank,
            queueSize: pos.queueSize,
            rankEtaS: pos.etaS,
          }));
        }
        : undefined,
      onStart: eventId
        ? (avg) => {
          send!(
            processStartsMessage(eventId, avg === null ? null : round(avg)),
          );
          this.events.markRunning(eventId).catch(() => {});
        }
        : undefined,
    });
    return toGradioValues(types(dep.outputs), toWireOutputs(out, fileUrl));
  }

  #average(req: CallRequest): number | null {
    const avg = this.#site.scheduler.averageS(
      this.app.laneOf(req.endpoint.dep, this.path),
    );
    return avg === null ? null : round(avg);
  }

  /** While events of this app live here, looks for cancellations in KV. */
  #watchCancels() {
    if (this.#polling) return;
    this.#polling = true;
    const tick = async () => {
      while (this.#live.size) {
        try {
          const ids = [...this.#live.keys()];
          for (const id of await this.events.cancelled(ids)) {
            this.#live.get(id)?.abort(new CancelledError());
          }
        } catch { /* KV hiccup: look again next tick */ }
        await new Promise((r) => setTimeout(r, this.#cancelPollMs));
      }
      this.#polling = false;
    };
    tick();
  }
}

function round(s: number): number {
  return Math.round(s * 10000) / 10000;
}
