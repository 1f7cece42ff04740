/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
// A stand-in inference worker for Segmenter tests: the first byte of a job
// picks its behaviour — 1 hangs forever, 2 crashes the worker, 3 is a bad
// photo, anything else answers at once.
import type { FromWorker, ToWorker } from "../worker_protocol.ts";
import { testManifest } from "../../model/testdata/manifest.ts";

const manifest = testManifest({ name: "flaky" });

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  const post = (m: FromWorker) => self.postMessage(m);
  if (msg.type === "init") {
    return post({ type: "ready", manifest });
  }
  const mode = msg.type === "segment" ? msg.bytes[0] : 0;
  if (mode === 1) return; // hang
  if (mode === 2) {
    setTimeout(() => {
      throw new Error("worker blew up");
    });
    return;
  }
  if (mode === 3) {
    return post({
      type: "error",
      id: msg.id,
      error: {
        name: "ImageError",
        code: "corrupt_image",
        message: "bad photo",
      },
    });
  }
  post({
    type: "result",
    id: msg.id,
    result: {
      width: 1,
      height: 1,
      maskPng: new Uint8Array([mode]),
      classes: [],
      timing: { decodeMs: 0, inferenceMs: 0, postprocessMs: 0, totalMs: 1 },
    },
  });
};
