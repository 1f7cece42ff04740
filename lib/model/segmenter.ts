/**
 * @module
 * The server-side face of inference: one worker, a bounded queue in front of
 * it, a time limit per job, and automatic restart when the worker dies or hangs.
 */
import type { SegmentOptions, SegmentResult } from "../segment/segment.ts";
import { ImageError, type ImageErrorCode } from "../image/errors.ts";
import type { ModelManifest } from "./manifest.ts";
import { DEFAULT_MODEL_DIR } from "./load.ts";
import type { FromWorker, ToWorker, WireError } from "./worker_protocol.ts";
import { inlineWorker } from "./inference_host.ts";

/** The queue is full; try again later. */
export class OverloadedError extends Error {
  override name = "OverloadedError";
  constructor(readonly retryAfterSeconds: number) {
    super(
      "The server is busy segmenting other photos. Please try again in a few seconds.",
    );
  }
}

/** A job ran past the per-request time limit (the worker is restarted). */
export class InferenceTimeoutError extends Error {
  override name = "InferenceTimeoutError";
}

/** The model is unavailable (failed to load, or the worker crashed mid-job). */
export class ModelUnavailableError extends Error {
  override name = "ModelUnavailableError";
}

/** Settings of a {@link Segmenter}. */
export interface SegmenterOptions {
  /** Directory holding `manifest.json` and the `.onnx` file. */
  modelDir?: URL;
  /** WASM threads inside the worker. Default 2. */
  threads?: number;
  /** Jobs allowed to wait behind the running one before new ones are refused. Default 16. */
  maxQueue?: number;
  /** Per-job time limit in ms, from the moment the worker starts it. Default 20 000. */
  timeoutMs?: number;
  /** Worker module; tests point this at a misbehaving worker. */
  workerUrl?: URL;
  /** Time allowed for loading the model, in ms. Default 60 000. */
  loadTimeoutMs?: number;
}

interface Job {
  bytes: Uint8Array;
  opts: SegmentOptions;
  signal?: AbortSignal;
  resolve: (r: SegmentResult) => void;
  reject: (e: Error) => void;
}

const IMAGE_CODES = new Set<ImageErrorCode>([
  "empty_image",
  "unsupported_type",
  "corrupt_image",
  "too_many_pixels",
  "too_small",
]);

function fromWire(e: WireError): Error {
  if (IMAGE_CODES.has(e.code as ImageErrorCode)) {
    return new ImageError(e.code as ImageErrorCode, e.message);
  }
  return new ModelUnavailableError(e.message);
}

/**
 * Runs segmentations one at a time in a dedicated worker.
 *
 * @example
 * ```ts
 * const segmenter = new Segmenter({ maxQueue: 8 });
 * const manifest = await segmenter.ready();
 * const result = await segmenter.segment(bytes);
 * segmenter.close();
 * ```
 */
export class Segmenter {
  #opts: Required<SegmenterOptions>;
  #worker?: Worker;
  #ready?: Promise<ModelManifest>;
  #queue: Job[] = [];
  #current?: { job: Job; id: number; timer: ReturnType<typeof setTimeout> };
  #nextId = 1;
  #closed = false;
  /** The current worker has loaded the model (jobs can be sent without waiting). */
  #loaded = false;
  /** The last load attempt failed (reset by the next attempt). */
  #failed = false;
  #avgMs = 150;
  /** How many times the worker was (re)started; for logs and tests. */
  starts = 0;

  constructor(opts: SegmenterOptions = {}) {
    this.#opts = {
      modelDir: opts.modelDir ?? DEFAULT_MODEL_DIR,
      threads: opts.threads ?? 2,
      maxQueue: opts.maxQueue ?? 16,
      timeoutMs: opts.timeoutMs ?? 20_000,
      workerUrl: opts.workerUrl ??
        new URL("./segment_worker.ts", import.meta.url),
      loadTimeoutMs: opts.loadTimeoutMs ?? 60_000,
    };
  }

  /** Starts the worker if needed and resolves with the model's manifest once it is loaded. */
  ready(): Promise<ModelManifest> {
    if (this.#closed) {
      return Promise.reject(new ModelUnavailableError("Segmenter closed."));
    }
    this.#ready ??= this.#start();
    return this.#ready;
  }

  /** Where the model stands, without starting anything (for health checks). */
  get state(): "idle" | "loading" | "ready" | "failed" {
    if (this.#loaded) return "ready";
    if (this.#ready) return "loading";
    return this.#failed ? "failed" : "idle";
  }

  /** Jobs waiting (not counting the one running). */
  get queued(): number {
    return this.#queue.length;
  }

  /** Whether a new job would be refused right now. */
  get full(): boolean {
    return this.#queue.length >= this.#opts.maxQueue;
  }

  /** The error for a full queue, with a Retry-After estimate from recent job times. */
  overloadError(): OverloadedError {
    const wait = Math.ceil(((this.#queue.length + 1) * this.#avgMs) / 1000);
    return new OverloadedError(Math.max(1, wait));
  }

  /**
   * Queues one photo. Rejects at once with {@link OverloadedError} when the
   * queue is full, with `ImageError` for bad photos, {@link InferenceTimeoutError}
   * or {@link ModelUnavailableError} when the worker fails.
   */
  segment(
    bytes: Uint8Array,
    opts: SegmentOptions = {},
    signal?: AbortSignal,
  ): Promise<SegmentResult> {
    if (this.#closed) {
      return Promise.reject(new ModelUnavailableError("Segmenter closed."));
    }
    if (this.full) return Promise.reject(this.overloadError());
    return new Promise((resolve, reject) => {
      const job: Job = { bytes, opts, signal, resolve, reject };
      // A caller that goes away while waiting gives its place back.
      signal?.addEventListener("abort", () => {
        const i = this.#queue.indexOf(job);
        if (i >= 0) {
          this.#queue.splice(i, 1);
          reject(new ModelUnavailableError("The request was cancelled."));
        }
      }, { once: true });
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** Stops the worker and fails every waiting job. */
  close(): void {
    this.#closed = true;
    this.#loaded = false;
    this.#worker?.terminate();
    this.#worker = undefined;
    const err = new ModelUnavailableError("The server is shutting down.");
    if (this.#current) {
      clearTimeout(this.#current.timer);
      this.#current.job.reject(err);
      this.#current = undefined;
    }
    for (const job of this.#queue.splice(0)) job.reject(err);
  }

  #start(): Promise<ModelManifest> {
    this.starts++;
    let worker: Worker;
    try {
      worker = new Worker(this.#opts.workerUrl, { type: "module" });
    } catch (err) {
      // No Web Workers on this platform: run inline rather than not at all.
      console.warn(
        `Web Workers unavailable (${
          (err as Error).message
        }); running inference inline.`,
      );
      worker = inlineWorker();
    }
    this.#worker = worker;
    this.#failed = false;
    return new Promise<ModelManifest>((resolve, reject) => {
      let loaded = false;
      // A load that fails or hangs gives up (waiting jobs get an error) instead
      // of restarting in a loop; the next request tries again.
      const loadFailed = (why: string) => {
        clearTimeout(loadTimer);
        if (loaded || this.#worker !== worker) return;
        this.#failed = true;
        reject(new ModelUnavailableError(`The model failed to load: ${why}`));
        this.#restart(false);
      };
      const loadTimer = setTimeout(
        () => loadFailed("timed out"),
        this.#opts.loadTimeoutMs,
      );
      worker.onmessage = (ev: MessageEvent<FromWorker>) => {
        const msg = ev.data;
        if (msg.type === "ready") {
          clearTimeout(loadTimer);
          loaded = true;
          this.#loaded = true;
          resolve(msg.manifest);
          this.#pump();
        } else if (msg.type === "fatal") loadFailed(msg.error.message);
        else this.#settle(msg);
      };
      worker.onerror = (ev) => {
        ev.preventDefault();
        if (!loaded) return loadFailed(ev.message);
        this.#fail(
          new ModelUnavailableError(
            "The model worker crashed; please try again.",
          ),
        );
      };
      const init: ToWorker = {
        type: "init",
        modelDir: this.#opts.modelDir.href,
        threads: this.#opts.threads,
      };
      worker.postMessage(init);
    });
  }

  #settle(msg: FromWorker) {
    if (msg.type !== "result" && msg.type !== "error") return;
    const cur = this.#current;
    if (!cur || cur.id !== msg.id) return;
    clearTimeout(cur.timer);
    this.#current = undefined;
    if (msg.type === "result") {
      this.#avgMs = this.#avgMs * 0.8 + msg.result.timing.totalMs * 0.2;
      cur.job.resolve(msg.result);
    } else cur.job.reject(fromWire(msg.error));
    this.#pump();
  }

  /** Rejects the running job and restarts the worker. */
  #fail(err: Error) {
    const cur = this.#current;
    this.#current = undefined;
    if (cur) {
      clearTimeout(cur.timer);
      cur.job.reject(err);
    }
    this.#restart(true);
  }

  #restart(keepGoing: boolean) {
    this.#loaded = false;
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#ready = undefined;
    if (this.#closed) return;
    if (!keepGoing) {
      // The model itself cannot load: fail the waiting jobs rather than retry forever.
      for (const job of this.#queue.splice(0)) {
        job.reject(
          new ModelUnavailableError("The segmentation model is unavailable."),
        );
      }
      return;
    }
    this.ready().catch(() => {});
  }

  async #pump(): Promise<void> {
    if (this.#current || this.#queue.length === 0 || this.#closed) return;
    if (!this.#loaded) {
      try {
        await this.ready();
      } catch {
        for (const job of this.#queue.splice(0)) {
          job.reject(
            new ModelUnavailableError("The segmentation model is unavailable."),
          );
        }
        return;
      }
    }
    if (this.#current || !this.#worker || !this.#loaded) return;
    const job = this.#queue.shift();
    if (!job) return;
    if (job.signal?.aborted) return this.#pump();
    const id = this.#nextId++;
    const timer = setTimeout(() => {
      this.#fail(
        new InferenceTimeoutError(
          "Segmenting this photo took too long and was stopped. Try a smaller photo.",
        ),
      );
    }, this.#opts.timeoutMs);
    this.#current = { job, id, timer };
    const msg: ToWorker = {
      type: "segment",
      id,
      bytes: job.bytes,
      opts: job.opts,
    };
    this.#worker.postMessage(msg);
  }
}
