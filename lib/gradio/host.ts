/**
 * @module
 * One Blocks app served over Gradio's protocol: its endpoints, queue,
 * session buffers and file store, and the two ways a call enters the queue
 * (`join` for `/queue/join` and `/call`, `run` for `/run`).
 *
 * @example
 * ```ts
 * const host = new GradioHost({ path: "/demos/greet", name: "greet", app });
 * const eventId = host.join({ endpoint: host.endpoint("greet")!, data: ["Linh", 3], sessionHash: "s1",
 *   root: "http://localhost:8000/demos/greet" });
 * for await (const m of host.hub.messages("s1")) console.log(m.msg);
 * ```
 */
import type { BlocksApp } from "../blocks/blocks_app.ts";
import {
  BlocksBusyError,
  BlocksError,
  BlocksInputError,
  BlocksTimeoutError,
} from "../blocks/types.ts";
import { FileRefusedError, toKitInputs, toWireOutputs } from "./file_data.ts";
import { type Endpoint, listEndpoints } from "./endpoints.ts";
import { EventQueue, TimeLimitError } from "./queue.ts";
import { SessionHub } from "./sessions.ts";
import { type Outcome, progressMessage } from "./wire.ts";
import { API_PREFIX } from "./config.ts";

/** An app and the path it is mounted at (`""` = site root). */
export interface HostedApp {
  path: string;
  name: string;
  app: BlocksApp;
}

/** Settings shared by every hosted app. */
export interface GradioHostOptions {
  /** Events allowed to wait per app before `503 queue_full`. Default 64. */
  maxQueueSize?: number;
  /** Calls at once per endpoint name, overriding the dependency's `concurrencyLimit`. */
  concurrency?: Record<string, number>;
  /** Idle time before a heartbeat on event streams. Default 15 000 ms. */
  heartbeatMs?: number;
  /** Message shown for errors the adapter does not know (domain errors, bugs). */
  describeError?: (err: unknown) => { message: string; title?: string };
}

/** A call's input is malformed (wrong count, refused file…): a 4xx for the caller. */
export class GradioInputError extends Error {
  override name = "GradioInputError";
}

/** What `join`/`run` need to know about one call. */
export interface CallRequest {
  endpoint: Endpoint;
  data: unknown[];
  sessionHash: string;
  /** Absolute URL of the app (for FileData `url`s). */
  root: string;
}

/** A hosted app with its queue. */
export class GradioHost {
  readonly path: string;
  readonly name: string;
  readonly app: BlocksApp;
  readonly hub: SessionHub;
  readonly queue: EventQueue;
  readonly endpoints: readonly Endpoint[];
  readonly heartbeatMs: number;
  #concurrency: Record<string, number>;

  constructor(hosted: HostedApp, opts: GradioHostOptions = {}) {
    this.path = hosted.path;
    this.name = hosted.name;
    this.app = hosted.app;
    this.endpoints = listEndpoints(hosted.app);
    this.heartbeatMs = opts.heartbeatMs ?? 15_000;
    this.#concurrency = opts.concurrency ?? {};
    this.hub = new SessionHub({
      onAbandon: (session, ids) => {
        for (const id of this.queue.cancel(session, ids)) {
          this.hub.forget(session, id);
        }
      },
    });
    this.queue = new EventQueue({
      maxSize: opts.maxQueueSize ?? 64,
      send: (session, msg) => this.hub.send(session, msg),
      describeError: (err) => describeError(err, opts.describeError),
    });
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

  /**
   * Validates the inputs and enqueues the call; messages go to the session.
   * Throws {@link GradioInputError} or `QueueFullError`.
   */
  join(
    req: CallRequest,
    eventId: string = crypto.randomUUID().replaceAll("-", ""),
  ): string {
    const inputs = this.#checkInputs(req);
    const ep = req.endpoint;
    this.hub.open(req.sessionHash, eventId);
    try {
      this.queue.push({
        eventId,
        sessionHash: req.sessionHash,
        lane: ep.dep.apiName ?? ep.name,
        limit: this.#limit(ep),
        timeLimitMs: ep.dep.timeLimitMs,
        run: (signal) => this.#run(req, inputs, eventId, signal),
      });
    } catch (err) {
      this.hub.forget(req.sessionHash, eventId);
      throw err;
    }
    return eventId;
  }

  /** Runs a call through the queue and waits for its outcome (for `/run`). */
  run(req: CallRequest): Promise<Outcome> {
    const inputs = this.#checkInputs(req);
    const ep = req.endpoint;
    const eventId = crypto.randomUUID().replaceAll("-", "");
    return new Promise((resolve) => {
      this.queue.push({
        eventId,
        sessionHash: `run:${eventId}`,
        lane: ep.dep.apiName ?? ep.name,
        limit: this.#limit(ep),
        timeLimitMs: ep.dep.timeLimitMs,
        run: (signal) => this.#run(req, inputs, undefined, signal),
        done: resolve,
      });
    });
  }

  #limit(ep: Endpoint): number {
    return this.#concurrency[ep.dep.apiName ?? ""] ??
      this.#concurrency[ep.name] ?? ep.dep.concurrencyLimit;
  }

  #checkInputs(req: CallRequest): unknown[] {
    const dep = req.endpoint.dep;
    if (req.data.length !== dep.inputs.length) {
      throw new GradioInputError(
        `The endpoint /${req.endpoint.name} takes ${dep.inputs.length} input value(s), got ${req.data.length}.`,
      );
    }
    try {
      return toKitInputs(req.data, req.endpoint.fileInputs, this.app.files);
    } catch (err) {
      if (err instanceof FileRefusedError) {
        throw new GradioInputError(err.message);
      }
      throw err;
    }
  }

  async #run(
    req: CallRequest,
    inputs: unknown[],
    eventId: string | undefined,
    signal: AbortSignal,
  ) {
    const fileUrl = (id: string) => this.fileUrl(req.root, id);
    // `call` shares the dependency's concurrency and time limits with the kit's own API.
    const out = await this.app.call(req.endpoint.dep, inputs, {
      signal,
      fileUrl,
      progress: eventId
        ? (fraction, desc) =>
          this.hub.send(
            req.sessionHash,
            progressMessage(eventId, fraction, desc),
          )
        : undefined,
    });
    return toWireOutputs(out, this.app.files, fileUrl);
  }
}

/** What a user is shown for an error: our own errors as-is, others via `fallback`. */
export function describeError(
  err: unknown,
  fallback?: (err: unknown) => { message: string; title?: string },
): { message: string; title?: string } {
  if (
    err instanceof BlocksError || err instanceof BlocksInputError ||
    err instanceof GradioInputError
  ) {
    return { message: err.message };
  }
  if (err instanceof FileRefusedError || err instanceof TimeLimitError) {
    return { message: err.message };
  }
  if (err instanceof BlocksBusyError || err instanceof BlocksTimeoutError) {
    return { message: err.message };
  }
  if (fallback) return fallback(err);
  // deno-lint-ignore no-console
  console.error("Gradio endpoint error:", err);
  return { message: "Something went wrong on our side. Please try again." };
}
