/**
 * @module
 * The worker behind `offload.ts`: runs image operations off the server's
 * event loop, one at a time; the main thread terminates it past a time limit.
 */
/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
import { type ImageOp, imageOp } from "./ops.ts";

self.onmessage = async (ev: MessageEvent<{ id: number; job: ImageOp }>) => {
  const { id, job } = ev.data;
  try {
    self.postMessage({ id, result: await imageOp(job) });
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string };
    self.postMessage({
      id,
      error: {
        name: e?.name,
        code: e?.code,
        message: e?.message ?? String(err),
      },
    });
  }
};
