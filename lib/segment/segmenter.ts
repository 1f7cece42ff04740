/**
 * @module
 * Runs the segmentation pipeline off the event loop: in a dedicated Web
 * Worker that owns the model, one photo at a time. Waiting and admission are
 * the scheduler's job (`lib/jobs/scheduler.ts`, lane "model"); this class
 * only runs what it is given. Aborting a photo (time limit, cancellation)
 * terminates the worker — the only way to stop WASM mid-run — and starts a
 * fresh one, which also hands the worker's memory back.
 *
 * Where there are no Web Workers (Deno Deploy Classic) it runs inline, with
 * one WASM thread, yielding to the event loop between stages.
 */
import type { SegmentOptions, SegmentResult } from "./segment.ts";
import type { ShareableOptions } from "./shareable.ts";
import type { ShareableResult } from "../share/shares.ts";
import { ImageError, type ImageErrorCode } from "../image/errors.ts";
import {
  INLINE_MAX_DECODE_BYTES,
  INLINE_MAX_PIXELS,
} from "../image/inline_limits.ts";
import { UserFacingError } from "../errors.ts";
import type { ModelManifest } from "../model/manifest.ts";
import { DEFAULT_MODEL_DIR } from "../model/load.ts";
import type { FromWorker, ToWorker, WireError } from "./worker_protocol.ts";
import {
  adoptEarlyWorker,
  COLD_START_THREADS,
  inlineWorker,
  MODEL_WORKER_URL,
  type StartedWorker,
} from "./worker_start.ts";

/** The model is unavailable (failed to load, or the worker crashed mid-photo). */
export class ModelUnavailableError extends UserFacingError {
  override name = "ModelUnavailableError";
  constructor(message: string) {
    super(503, "model_unavailable", message, 10);
  }
}

/** Quiet time after which a cold-started model moves to its configured threads. */
export const UPGRADE_AFTER_IDLE_MS = 3_000;

/** Longest wait for the configured threads' worker (photos wait meanwhile). */
export const UPGRADE_TIMEOUT_MS = 15_000;

/** Settings of a {@link Segmenter}. */
export interface SegmenterOptions {
  /** Directory holding `manifest.json` and the `.onnx` file. */
  modelDir?: URL;
  /** WASM threads inside the worker. Default 2 (1 when running inline). */
  threads?: number;
  /** Worker module; tests point this at a misbehaving worker. */
  workerUrl?: URL;
  /** Time allowed for loading the model, in ms. Default 60 000. */
  loadTimeoutMs?: number;
  /** Pixel budget when running inline (no Web Workers). Default 8 000 000. */
  inlineMaxPixels?: number;
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

/** Whether this runtime can start a module Web Worker. */
export function workersAvailable(): boolean {
  return typeof globalThis.Worker === "function";
}

interface Pending {
  id: number;
  resolve: (r: unknown) => void;
  reject: (e: Error) => void;
}

/** A job for the worker, without its id. */
type Job =
  | { type: "segment"; bytes: Uint8Array; opts: SegmentOptions }
  | {
    type: "shareable";
    photo: Uint8Array;
    mask: Uint8Array;
    opts: ShareableOptions;
  };

/**
 * The model's runner.
 *
 * @example
 * ```ts
 * const segmenter = new Segmenter();
 * const manifest = await segmenter.ready();
 * const result = await segmenter.segment(bytes, { maxPixels: 12e6 }, signal);
 * segmenter.close();
 * ```
 */
export class Segmenter {
  readonly mode: "worker" | "inline";
  readonly threads: number;
  #opts: Required<Omit<SegmenterOptions, "threads">>;
  #worker?: Worker;
  /** Threads of a worker started after a crash or an abort. */
  #restartThreads: number;
  #upgradeTimer?: ReturnType<typeof setTimeout>;
  /** Stops each model load in progress (on close). */
  #loading = new Set<() => void>();
  /** Photos waiting or running, and when the last one ended. */
  #queued = 0;
  #lastJobAt = 0;
  #ready?: Promise<ModelManifest>;
  #loaded = false;
  #failed = false;
  #closed = false;
  #pending?: Pending;
  #chain: Promise<unknown> = Promise.resolve();
  #nextId = 1;
  /** How many times a worker was (re)started; for logs and tests. */
  starts = 0;
  /** WASM threads of the worker running photos now. */
  activeThreads: number;

  constructor(opts: SegmenterOptions = {}) {
    this.mode = workersAvailable() ? "worker" : "inline";
    // ORT's extra threads need worker threads too; inline there is one.
    this.threads = this.mode === "inline" ? 1 : opts.threads ?? 2;
    this.activeThreads = Math.min(this.threads, COLD_START_THREADS);
    this.#restartThreads = this.threads;
    this.#opts = {
      modelDir: opts.modelDir ?? DEFAULT_MODEL_DIR,
      workerUrl: opts.workerUrl ?? MODEL_WORKER_URL,
      loadTimeoutMs: opts.loadTimeoutMs ?? 60_000,
      inlineMaxPixels: opts.inlineMaxPixels ?? INLINE_MAX_PIXELS,
    };
  }

  /** Starts the worker if needed; resolves with the manifest once the model is loaded. */
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

  /**
   * Segments one photo (calls run one after another). Rejects with
   * `ImageError` for a bad photo, {@link ModelUnavailableError} when the
   * model cannot run, or `signal.reason` when aborted.
   */
  segment(
    bytes: Uint8Array,
    opts: SegmentOptions = {},
    signal?: AbortSignal,
  ): Promise<SegmentResult> {
    return this.#enqueue<SegmentResult>(
      { type: "segment", bytes, opts },
      signal,
    );
  }

  /**
   * Checks a mask the page already has and makes the share page's images
   * from it and the photo (decoding both off the event loop).
   */
  shareable(
    photo: Uint8Array,
    mask: Uint8Array,
    opts: ShareableOptions = {},
    signal?: AbortSignal,
  ): Promise<ShareableResult> {
    return this.#enqueue<ShareableResult>(
      { type: "shareable", photo, mask, opts },
      signal,
    );
  }

  #enqueue<T>(job: Job, signal?: AbortSignal): Promise<T> {
    if (this.mode === "inline") {
      // On the event loop every stage must stay short: admit less. Decodes
      // that cannot pause midway (progressive JPEG, WebP, GIF, a HEIC or
      // AVIF picture) take about as long as the memory they need.
      const cap = this.#opts.inlineMaxPixels;
      const bytes = INLINE_MAX_DECODE_BYTES;
      job = {
        ...job,
        opts: {
          ...job.opts,
          maxPixels: Math.min(job.opts.maxPixels ?? cap, cap),
          maxDecodeBytes: Math.min(job.opts.maxDecodeBytes ?? bytes, bytes),
        },
      } as Job;
    }
    this.#queued++;
    const run = this.#chain.then(() => this.#run(job, signal)).finally(() => {
      this.#queued--;
      this.#lastJobAt = Date.now();
    });
    this.#chain = run.catch(() => {});
    return run as Promise<T>;
  }

  /** Stops the worker and fails the photo in flight. */
  close(): void {
    this.#closed = true;
    this.#loaded = false;
    clearTimeout(this.#upgradeTimer);
    for (const stop of [...this.#loading]) stop();
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#pending?.reject(
      new ModelUnavailableError("The server is shutting down."),
    );
    this.#pending = undefined;
  }

  async #run(job: Job, signal?: AbortSignal): Promise<unknown> {
    signal?.throwIfAborted();
    try {
      await this.ready();
    } catch (err) {
      throw err instanceof UserFacingError ? err : new ModelUnavailableError(
        "The segmentation model is unavailable.",
      );
    }
    signal?.throwIfAborted();
    const worker = this.#worker;
    if (!worker || this.#closed) {
      throw new ModelUnavailableError("The segmentation model is unavailable.");
    }
    const id = this.#nextId++;
    return await new Promise<unknown>((resolve, reject) => {
      const onAbort = () => {
        if (this.#pending?.id !== id) return;
        this.#pending = undefined;
        reject(signal!.reason);
        // WASM cannot be interrupted: replace the worker.
        if (this.mode === "worker") this.#restart();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#pending = {
        id,
        resolve: (r) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(r);
        },
        reject: (e) => {
          signal?.removeEventListener("abort", onAbort);
          reject(e);
        },
      };
      const msg: ToWorker = { ...job, id };
      worker.postMessage(msg);
    });
  }

  #start(): Promise<ModelManifest> {
    this.starts++;
    // A cold start loads the model on one thread, which is ready sooner;
    // the configured threads take over once their worker is ready.
    const cold = this.mode === "worker" && this.starts === 1;
    const threads = cold ? COLD_START_THREADS : this.#restartThreads;
    this.activeThreads = this.mode === "worker" ? threads : 1;
    // The first start may find the model already loading (tasks/serve.ts).
    const early = cold
      ? adoptEarlyWorker(this.#opts.workerUrl, this.#opts.modelDir, threads)
      : undefined;
    const worker = early?.worker ??
      (this.mode === "worker"
        ? new Worker(this.#opts.workerUrl, { type: "module" })
        : inlineWorker());
    this.#worker = worker;
    this.#failed = false;
    const ready = this.#load(worker, threads, early);
    if (cold && this.threads > threads) {
      ready.then(() => {
        this.#lastJobAt = Date.now();
        this.#upgradeWhenIdle();
      }, () => {});
    }
    return ready;
  }

  /** Wires `worker` to this segmenter and resolves once its model is loaded. */
  #load(
    worker: Worker,
    threads: number,
    early?: StartedWorker,
    timeoutMs = this.#opts.loadTimeoutMs,
  ): Promise<ModelManifest> {
    return new Promise<ModelManifest>((resolve, reject) => {
      let loaded = false;
      const loadFailed = (why: string) => {
        clearTimeout(loadTimer);
        settle();
        if (loaded) return;
        worker.terminate();
        if (this.#worker === worker) {
          this.#failed = true;
          this.#loaded = false;
          this.#worker = undefined;
          this.#ready = undefined;
        }
        reject(new ModelUnavailableError(`The model failed to load: ${why}`));
      };
      const loadTimer = setTimeout(() => loadFailed("timed out"), timeoutMs);
      const stop = () => loadFailed("the server is shutting down");
      this.#loading.add(stop);
      const settle = () => this.#loading.delete(stop);
      worker.onmessage = (ev: MessageEvent<FromWorker>) => {
        const msg = ev.data;
        if (msg.type === "ready") {
          clearTimeout(loadTimer);
          settle();
          loaded = true;
          if (this.#worker === worker) this.#loaded = true;
          resolve(msg.manifest);
        } else if (msg.type === "fatal") loadFailed(msg.error.message);
        else if (this.#worker === worker && this.#pending?.id === msg.id) {
          const p = this.#pending;
          this.#pending = undefined;
          if (msg.type === "result") p.resolve(msg.result);
          else p.reject(fromWire(msg.error));
        }
      };
      worker.onerror = (ev) => {
        ev.preventDefault();
        if (!loaded) return loadFailed(ev.message);
        if (this.#worker !== worker) return; // already replaced
        const p = this.#pending;
        this.#pending = undefined;
        p?.reject(
          new ModelUnavailableError(
            "The model worker crashed; please try again.",
          ),
        );
        this.#restart();
      };
      if (early) {
        for (const ev of early.held) {
          if (ev instanceof ErrorEvent) worker.onerror(ev);
          else worker.onmessage(ev);
        }
        return;
      }
      const init: ToWorker = {
        type: "init",
        modelDir: this.#opts.modelDir.href,
        threads,
      };
      worker.postMessage(init);
    });
  }

  /**
   * Waits for a quiet moment (no photo for {@link UPGRADE_AFTER_IDLE_MS}):
   * photos that arrive during the swap wait for it, so it should not happen
   * while people are using the app.
   */
  #upgradeWhenIdle() {
    if (this.#closed) return;
    const quietFor = Date.now() - this.#lastJobAt;
    if (this.#queued === 0 && quietFor >= UPGRADE_AFTER_IDLE_MS) {
      this.#upgrade();
      return;
    }
    this.#upgradeTimer = setTimeout(
      () => this.#upgradeWhenIdle(),
      Math.max(100, UPGRADE_AFTER_IDLE_MS - quietFor),
    );
  }

  /**
   * Replaces the one-thread worker with one of the configured threads.
   * Photos that arrive meanwhile wait for it (at most
   * {@link UPGRADE_TIMEOUT_MS}); the old worker stops first, so two models
   * never share the memory. If the new one fails to load, the model goes
   * back to one thread.
   */
  async #upgrade() {
    if (this.#closed || !this.#worker) return;
    let open = () => {};
    const gate = new Promise<void>((r) => (open = r));
    this.#chain = this.#chain.then(() => gate);
    this.#worker.terminate();
    const worker = new Worker(this.#opts.workerUrl, { type: "module" });
    this.#worker = worker;
    try {
      await this.#load(worker, this.threads, undefined, UPGRADE_TIMEOUT_MS);
      this.activeThreads = this.threads;
    } catch (err) {
      console.error(
        `Model back on ${COLD_START_THREADS} thread: ${(err as Error).message}`,
      );
      this.#restartThreads = COLD_START_THREADS;
    } finally {
      open();
    }
  }

  /** Replaces the worker (after an abort or a crash); the next photo waits for the new one. */
  #restart() {
    this.#loaded = false;
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#ready = undefined;
    if (!this.#closed) this.ready().catch(() => {});
  }
}
