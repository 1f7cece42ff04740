/**
 * @module
 * The inference side of the worker protocol, independent of where it runs:
 * inside the worker (`segment_worker.ts`) or, where a platform offers no Web
 * Workers, inline in the server process (see `worker_start.ts`).
 */
import { loadModelFiles } from "../model/load.ts";
import { createRunner } from "../model/session.ts";
import type { Forward } from "../model/infer.ts";
import { segmentImage } from "./segment.ts";
import { shareableFromMask } from "./shareable.ts";
import type { FromWorker, ToWorker, WireError } from "./worker_protocol.ts";
import type { ModelManifest } from "../model/manifest.ts";
import { WARMUP_JPEG } from "./warmup_photo.ts";

function toWire(err: unknown): WireError {
  const e = err as { name?: string; code?: string; message?: string };
  return {
    name: e?.name ?? "Error",
    code: e?.code,
    message: e?.message ?? String(err),
  };
}

/**
 * Creates a message handler that owns one model session.
 *
 * @example
 * ```ts
 * const handle = createInferenceHost((msg, transfer) => self.postMessage(msg, transfer));
 * self.onmessage = (ev) => handle(ev.data);
 * ```
 */
export function createInferenceHost(
  post: (msg: FromWorker, transfer?: Transferable[]) => void,
  pause?: () => Promise<void>,
): (msg: ToWorker) => Promise<void> {
  let manifest: ModelManifest | undefined;
  let run: Forward | undefined;
  return async (msg) => {
    if (msg.type === "init") {
      try {
        const files = await loadModelFiles(new URL(msg.modelDir));
        run = await createRunner(files.manifest, files.model, {
          threads: msg.threads,
        });
        manifest = files.manifest;
        // The first photo pays for allocating kernels and compiling codecs: pay it now.
        await segmentImage(WARMUP_JPEG, manifest, run);
        post({ type: "ready", manifest });
      } catch (err) {
        post({ type: "fatal", error: toWire(err) });
      }
      return;
    }
    if (!manifest || !run) {
      post({
        type: "error",
        id: msg.id,
        error: { name: "Error", message: "Model not loaded." },
      });
      return;
    }
    try {
      if (msg.type === "shareable") {
        const result = await shareableFromMask(
          msg.photo,
          msg.mask,
          manifest,
          msg.opts,
        );
        post({ type: "result", id: msg.id, result });
        return;
      }
      const result = await segmentImage(
        msg.bytes,
        manifest,
        run,
        msg.opts,
        pause,
      );
      const transfer: Transferable[] = [result.maskPng.buffer as ArrayBuffer];
      if (result.thumbnail) {
        transfer.push(
          result.thumbnail.jpeg.buffer as ArrayBuffer,
          result.thumbnail.overlayJpeg.buffer as ArrayBuffer,
        );
      }
      post({ type: "result", id: msg.id, result }, transfer);
    } catch (err) {
      post({ type: "error", id: msg.id, error: toWire(err) });
    }
  };
}
