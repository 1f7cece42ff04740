import assert from "node:assert/strict";
import { ImageTimeoutError, runImageOp, stopImageWorker } from "./offload.ts";
import { decodeImage } from "./decode.ts";
import { encodeRgbaPng } from "./png.ts";
import { seededRandom } from "./testing.ts";
import { ImageError } from "./errors.ts";

/** A noisy RGBA PNG, so decoding it takes real work. */
function noisePng(width: number, height: number): Uint8Array {
  const rand = seededRandom(7);
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = (rand() * 256) | 0;
  return encodeRgbaPng({ width, height, data });
}

/** 2×1: red then blue. */
const redBlue = encodeRgbaPng({
  width: 2,
  height: 1,
  data: new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255]),
});

Deno.test("runImageOp mirrors in the worker", async () => {
  try {
    const { png, width, height } = await runImageOp({
      op: "mirror",
      bytes: redBlue,
      maxPixels: 100,
      maxSide: 640,
    });
    assert.deepEqual([width, height], [2, 1]);
    const { image } = await decodeImage(png, { minSide: 1 });
    assert.deepEqual([...image.data], [0, 0, 255, 255, 255, 0, 0, 255]);
  } finally {
    stopImageWorker();
  }
});

Deno.test("a job past its time limit is stopped, and the next job still runs", async () => {
  try {
    const big = noisePng(2500, 2500);
    const started = performance.now();
    await assert.rejects(
      runImageOp(
        { op: "mirror", bytes: big, maxPixels: 24e6, maxSide: 4000 },
        undefined,
        50,
      ),
      (e) =>
        e instanceof ImageTimeoutError && /took longer than/.test(e.message),
    );
    // Stopped at the limit, not when the decode would have finished.
    assert(performance.now() - started < 2_000);
    const { ink } = await runImageOp({
      op: "ink",
      bytes: redBlue,
      maxPixels: 100,
    });
    assert.deepEqual(ink, 1);
  } finally {
    stopImageWorker();
  }
});

Deno.test("an abort stops the job with the caller's reason", async () => {
  try {
    const ctl = new AbortController();
    const run = runImageOp(
      { op: "ink", bytes: noisePng(2500, 2500), maxPixels: 24e6 },
      ctl.signal,
    );
    setTimeout(() => ctl.abort(new Error("client left")), 20);
    await assert.rejects(run, /client left/);
  } finally {
    stopImageWorker();
  }
});

Deno.test("a bad file comes back as the decoder's error", async () => {
  try {
    await assert.rejects(
      runImageOp({
        op: "ink",
        bytes: new TextEncoder().encode("not an image"),
        maxPixels: 100,
      }),
      (e) => e instanceof ImageError && e.code !== undefined,
    );
  } finally {
    stopImageWorker();
  }
});
