import assert from "node:assert/strict";
import { segmentImage } from "./segment.ts";
import { decodeImage } from "../image/decode.ts";
import { encodeRgbaPng } from "../image/png.ts";
import { testManifest } from "../model/testdata/manifest.ts";

const manifest = testManifest();

/** A "model" that calls bright pixels pet and dark ones background, from the normalised input. */
const brightIsPet = (input: Float32Array) => {
  const plane = 64;
  const out = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    const bright = input[p] > 0; // red channel above mid-gray
    out[p] = bright ? 5 : -5;
    out[plane + p] = bright ? -5 : 5;
    out[2 * plane + p] = -10;
  }
  return Promise.resolve(out);
};

function halfBright(w: number, h: number) {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = x < w / 2 ? 255 : 0;
      data.set([v, v, v, 255], (y * w + x) * 4);
    }
  }
  return encodeRgbaPng({ width: w, height: h, data });
}

Deno.test("segment - mask has the photo's size and the model's classes where they are", async () => {
  const result = await segmentImage(
    halfBright(300, 200),
    manifest,
    brightIsPet,
    { thumbnailMaxSide: 100 },
  );
  assert.deepEqual([result.width, result.height], [300, 200]);
  const mask = (await decodeImage(result.maskPng)).image;
  assert.deepEqual([mask.width, mask.height], [300, 200]);
  assert.equal(mask.data[(100 * 300 + 20) * 4], 0, "left is pet");
  assert.equal(mask.data[(100 * 300 + 280) * 4], 127, "right is background");
  assert.ok(Math.abs(result.classes[0].fraction - 0.5) < 0.05);
  assert.equal(result.classes[2].fraction, 0);
  assert.deepEqual([result.thumbnail!.width, result.thumbnail!.height], [
    100,
    67,
  ]);
  assert.deepEqual([...result.thumbnail!.jpeg.subarray(0, 2)], [0xff, 0xd8]);
  for (
    const k of ["decodeMs", "inferenceMs", "postprocessMs", "totalMs"] as const
  ) {
    assert.ok(result.timing[k] >= 0);
  }
});

Deno.test("segment - a model whose output does not match the manifest is an error, not a wrong mask", async () => {
  await assert.rejects(
    segmentImage(
      halfBright(32, 32),
      manifest,
      () => Promise.resolve(new Float32Array(10)),
    ),
    /manifest expects 3×8×8/,
  );
});
