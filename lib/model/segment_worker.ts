/**
 * @module
 * The inference worker: owns the ONNX session and runs the whole pipeline
 * (decode, resize, inference, mask, PNG) so the server's event loop never blocks.
 */
/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
import { loadModelFiles } from "./load.ts";
import { createRunner } from "./session.ts";
import { type ModelRunner, segmentImage } from "../segment/segment.ts";
import type { FromWorker, ToWorker, WireError } from "./worker_protocol.ts";
import type { ModelManifest } from "./manifest.ts";

let manifest: ModelManifest | undefined;
let run: ModelRunner | undefined;

function toWire(err: unknown): WireError {
  const e = err as { name?: string; code?: string; message?: string };
  return {
    name: e?.name ?? "Error",
    code: e?.code,
    message: e?.message ?? String(err),
  };
}

function post(msg: FromWorker, transfer: Transferable[] = []) {
  self.postMessage(msg, transfer);
}

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === "init") {
    try {
      const files = await loadModelFiles(new URL(msg.modelDir));
      run = await createRunner(files.manifest, files.model, {
        threads: msg.threads,
      });
      manifest = files.manifest;
      // The first run allocates and JITs the kernels: pay for it before the first photo.
      const { width, height } = manifest.input;
      await run(new Float32Array(3 * width * height));
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
    const result = await segmentImage(msg.bytes, manifest, run, msg.opts);
    const transfer: Transferable[] = [result.maskPng.buffer as ArrayBuffer];
    if (result.thumbnail) {
      transfer.push(result.thumbnail.jpeg.buffer as ArrayBuffer);
    }
    post({ type: "result", id: msg.id, result }, transfer);
  } catch (err) {
    post({ type: "error", id: msg.id, error: toWire(err) });
  }
};
