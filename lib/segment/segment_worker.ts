/**
 * @module
 * The inference worker: owns the ONNX session and runs the whole pipeline
 * (decode, resize, inference, mask, PNG) so the server's event loop never blocks.
 */
/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
import { createInferenceHost } from "./inference_host.ts";
import type { ToWorker } from "./worker_protocol.ts";

const handle = createInferenceHost((msg, transfer = []) =>
  self.postMessage(msg, transfer)
);
self.onmessage = (ev: MessageEvent<ToWorker>) => handle(ev.data);
