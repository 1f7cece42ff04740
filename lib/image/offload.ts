/**
 * @module
 * Image work on untrusted files, off the event loop: one worker per process
 * runs {@link ImageOp}s one at a time; a time limit or an abort terminates
 * the worker — the only way to stop a decode mid-way — and the next job gets
 * a fresh one. Without Web Workers the job runs inline (its pixel budget
 * bounds it).
 *
 * @example
 * ```ts
 * const { png } = await runImageOp({ op: "mirror", bytes, maxPixels: 24e6, maxSide: 640 }, signal);
 * ```
 */
import { ImageError, type ImageErrorCode } from "./errors.ts";
import { type ImageOp, imageOp, type ImageOpResults } from "./ops.ts";
import { UserFacingError } from "../errors.ts";
import { INLINE_MAX_DECODE_BYTES, INLINE_MAX_PIXELS } from "./inline_limits.ts";

/** An image job ran past its time limit and was stopped. */
export class ImageTimeoutError extends UserFacingError {
  override name = "ImageTimeoutError";
  constructor(ms: number) {
    super(
      504,
      "time_limit",
      `Reading this image took longer than ${
        Math.round(ms / 100) / 10
      } s and was stopped. Try a smaller or simpler image.`,
    );
  }
}

let worker: Worker | undefined;
let nextId = 1;
let chain: Promise<unknown> = Promise.resolve();

/**
 * Stops the image worker (a later job starts a new one); called at shutdown
 * so nothing keeps the process alive.
 */
export function stopImageWorker(): void {
  worker?.terminate();
  worker = undefined;
}

/**
 * Runs `job` in the image worker, at most `timeLimitMs` (default 10 s);
 * rejects with `signal.reason` when aborted.
 */
export function runImageOp<K extends ImageOp["op"]>(
  job: Extract<ImageOp, { op: K }>,
  signal?: AbortSignal,
  timeLimitMs = 10_000,
): Promise<ImageOpResults[K]> {
  const run = chain.then(() => once(job, signal, timeLimitMs));
  chain = run.catch(() => {});
  return run as Promise<ImageOpResults[K]>;
}

function once(
  job: ImageOp,
  signal: AbortSignal | undefined,
  timeLimitMs: number,
): Promise<unknown> {
  signal?.throwIfAborted();
  if (typeof globalThis.Worker !== "function") return imageOp(inline(job));
  worker ??= new Worker(new URL("./image_worker.ts", import.meta.url), {
    type: "module",
  });
  const w = worker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const stop = (err: unknown) => {
      cleanup();
      // Stopping the work means stopping the worker.
      w.terminate();
      if (worker === w) worker = undefined;
      reject(err);
    };
    const timer = setTimeout(
      () => stop(new ImageTimeoutError(timeLimitMs)),
      timeLimitMs,
    );
    const onAbort = () => stop(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      w.removeEventListener("message", onMessage);
      w.removeEventListener("error", onError);
    };
    const onMessage = (ev: MessageEvent) => {
      if (ev.data?.id !== id) return;
      cleanup();
      if (ev.data.error) {
        const e = ev.data.error;
        reject(
          e.name === "ImageError"
            ? new ImageError(e.code as ImageErrorCode, e.message)
            : new Error(e.message),
        );
      } else resolve(ev.data.result);
    };
    const onError = (ev: ErrorEvent) => {
      ev.preventDefault();
      stop(new Error("The image worker crashed."));
    };
    w.addEventListener("message", onMessage);
    w.addEventListener("error", onError);
    w.postMessage({ id, job });
  });
}

/** The job with the budgets of work on the event loop. */
function inline(job: ImageOp): ImageOp {
  return {
    ...job,
    maxPixels: Math.min(job.maxPixels, INLINE_MAX_PIXELS),
    maxDecodeBytes: Math.min(
      job.maxDecodeBytes ?? INLINE_MAX_DECODE_BYTES,
      INLINE_MAX_DECODE_BYTES,
    ),
  };
}
