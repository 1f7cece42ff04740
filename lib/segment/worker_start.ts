/**
 * @module
 * Starting the model's worker: a Web Worker, an inline stand-in where the
 * platform has none, or one started early by the process's entry point.
 *
 * Starting early matters for cold start. Loading the app is mostly the
 * runtime reading modules (the main thread idles), loading the model is
 * mostly WASM work in the worker: when `tasks/serve.ts` calls
 * {@link startModelWorkerEarly} before importing the app, the two overlap,
 * and the segmenter adopts that worker if its settings match.
 */
import type { FromWorker, ToWorker } from "./worker_protocol.ts";

/** The worker module the server runs. */
export const MODEL_WORKER_URL: URL = new URL(
  "./segment_worker.ts",
  import.meta.url,
);

/**
 * WASM threads of the first worker after a process starts: one thread is
 * ready sooner (no thread pool to start); the segmenter moves to the
 * configured threads once a second worker has loaded them.
 */
export const COLD_START_THREADS = 1;

/** A worker already told to load a model, and what it said before anyone listened. */
export interface StartedWorker {
  worker: Worker;
  /** Messages and errors that arrived before the owner's handlers were set. */
  held: (MessageEvent<FromWorker> | ErrorEvent)[];
}

let early: { key: string; started: StartedWorker } | undefined;

const keyOf = (workerUrl: URL, modelDir: URL, threads: number) =>
  `${workerUrl.href} ${modelDir.href} ${threads}`;

/**
 * Starts loading the model in a worker now, for the segmenter to adopt
 * later ({@link adoptEarlyWorker}). Does nothing without Web Workers.
 *
 * @example
 * ```ts
 * startModelWorkerEarly(resolveModelDir(settings.modelDir), COLD_START_THREADS);
 * const server = await import("../_fresh/server.js");
 * ```
 */
export function startModelWorkerEarly(modelDir: URL, threads: number): void {
  if (early || typeof globalThis.Worker !== "function") return;
  const worker = new Worker(MODEL_WORKER_URL, { type: "module" });
  const held: StartedWorker["held"] = [];
  worker.onmessage = (ev) => held.push(ev);
  worker.onerror = (ev) => {
    ev.preventDefault();
    held.push(ev);
  };
  const init: ToWorker = { type: "init", modelDir: modelDir.href, threads };
  worker.postMessage(init);
  early = {
    key: keyOf(MODEL_WORKER_URL, modelDir, threads),
    started: { worker, held },
  };
}

/**
 * The early worker if it was started for exactly this worker module, model
 * and thread count (then the caller owns it); otherwise undefined, and an
 * unsuitable early worker is stopped.
 */
export function adoptEarlyWorker(
  workerUrl: URL,
  modelDir: URL,
  threads: number,
): StartedWorker | undefined {
  const e = early;
  early = undefined;
  if (!e) return undefined;
  if (e.key === keyOf(workerUrl, modelDir, threads)) return e.started;
  e.started.worker.terminate();
  return undefined;
}

/**
 * A stand-in with a Worker's surface that runs inference in this thread, for
 * platforms without Web Workers. It yields to the event loop between the
 * pipeline's stages (each bounded by the pixel budget of this mode) and
 * cannot be stopped mid-stage, so it is only a fallback. The runtime and
 * codecs load on its first message, so processes with Workers never load
 * them on the main thread.
 */
export function inlineWorker(): Worker {
  let handle: ((msg: ToWorker) => Promise<void>) | undefined;
  const fake = {
    onmessage: null as ((ev: MessageEvent<FromWorker>) => void) | null,
    onerror: null as ((ev: ErrorEvent) => void) | null,
    postMessage(msg: ToWorker) {
      setTimeout(async () => {
        if (!handle) {
          const { createInferenceHost } = await import("./inference_host.ts");
          handle ??= createInferenceHost(
            (out) =>
              fake.onmessage?.({ data: out } as MessageEvent<FromWorker>),
            () => new Promise((r) => setTimeout(r, 0)),
          );
        }
        await handle(msg);
      }, 0);
    },
    terminate() {
      fake.onmessage = null;
    },
  };
  return fake as unknown as Worker;
}
