import assert from "node:assert/strict";
import { resizeArea, resizeToFit } from "./resize.ts";
import type { RgbaImage } from "./rgba_image.ts";
import { seededRandom } from "./testing.ts";

function randomImage(width: number, height: number, seed: number): RgbaImage {
  const rand = seededRandom(seed);
  return {
    width,
    height,
    data: Uint8Array.from(
      { length: width * height * 4 },
      () => Math.floor(rand() * 256),
    ),
  };
}

function constantImage(
  width: number,
  height: number,
  rgba: number[],
): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  new Uint32Array(data.buffer).fill(
    new Uint32Array(Uint8Array.from(rgba).buffer)[0],
  );
  return { width, height, data };
}

Deno.test("image - resizeArea is the exact block mean for integer factors", () => {
  for (
    const [w, h, fx, fy] of [[12, 8, 3, 4], [64, 48, 8, 8], [10, 10, 10, 1], [
      7,
      9,
      1,
      3,
    ], [30, 20, 2, 2]]
  ) {
    const src = randomImage(w, h, w * h);
    const ow = w / fx, oh = h / fy;
    const out = resizeArea(src, ow, oh);
    assert.deepEqual([out.width, out.height], [ow, oh]);
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        for (let c = 0; c < 4; c++) {
          let sum = 0;
          for (let dy = 0; dy < fy; dy++) {
            for (let dx = 0; dx < fx; dx++) {
              sum += src.data[((y * fy + dy) * w + x * fx + dx) * 4 + c];
            }
          }
          assert.equal(
            out.data[(y * ow + x) * 4 + c],
            Math.round(sum / (fx * fy)),
            `${w}x${h}/${fx}x${fy} at ${x},${y},${c}`,
          );
        }
      }
    }
  }
});

Deno.test("image - resizeArea keeps a constant image constant", () => {
  const colour = [17, 128, 254, 255];
  const src = constantImage(37, 23, colour);
  for (
    const [w, h] of [[10, 7], [1, 1], [36, 22], [37, 5], [80, 50], [100, 23], [
      37,
      23,
    ], [3, 60]]
  ) {
    const out = resizeArea(src, w, h);
    assert.equal(out.data.length, w * h * 4);
    for (let i = 0; i < out.data.length; i += 4) {
      assert.deepEqual(
        Array.from(out.data.subarray(i, i + 4)),
        colour,
        `${w}×${h}`,
      );
    }
  }
});

Deno.test("image - resizeArea keeps the mean for non-integer factors", () => {
  const src = randomImage(101, 77, 5);
  const out = resizeArea(src, 33, 20);
  const mean = (img: RgbaImage, c: number) => {
    let s = 0;
    for (let i = c; i < img.data.length; i += 4) s += img.data[i];
    return s / (img.width * img.height);
  };
  for (let c = 0; c < 4; c++) {
    assert.ok(Math.abs(mean(src, c) - mean(out, c)) < 1, `channel ${c}`);
  }
});

Deno.test("image - resizeArea interpolates bilinearly when growing", () => {
  const src = {
    width: 2,
    height: 1,
    data: new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255]),
  };
  const out = resizeArea(src, 4, 1);
  assert.deepEqual(Array.from(out.data.filter((_, i) => i % 4 === 0)), [
    0,
    64,
    191,
    255,
  ]);
  const tall = resizeArea(src, 1, 3); // shrink x, grow y
  assert.deepEqual(Array.from(tall.data), [
    128,
    128,
    128,
    255,
    128,
    128,
    128,
    255,
    128,
    128,
    128,
    255,
  ]);
});

Deno.test("image - resizeArea returns a copy at the same size and rejects bad sizes", () => {
  const src = randomImage(4, 3, 1);
  const out = resizeArea(src, 4, 3);
  assert.deepEqual(out.data, src.data);
  assert.notEqual(out.data, src.data);
  for (const [w, h] of [[0, 3], [3, -1], [2.5, 2], [NaN, 1]]) {
    assert.throws(() => resizeArea(src, w, h), RangeError);
  }
});

Deno.test("image - resizeToFit keeps the aspect ratio and never upscales", () => {
  const wide = constantImage(400, 100, [1, 2, 3, 255]);
  assert.deepEqual([
    resizeToFit(wide, 128).width,
    resizeToFit(wide, 128).height,
  ], [128, 32]);
  const tall = constantImage(100, 400, [1, 2, 3, 255]);
  assert.deepEqual([
    resizeToFit(tall, 128).width,
    resizeToFit(tall, 128).height,
  ], [32, 128]);
  const thin = constantImage(3000, 2, [1, 2, 3, 255]);
  assert.deepEqual([
    resizeToFit(thin, 128).width,
    resizeToFit(thin, 128).height,
  ], [128, 1]);
  const small = constantImage(50, 20, [1, 2, 3, 255]);
  assert.equal(resizeToFit(small, 128), small);
  assert.equal(resizeToFit(small, 50), small);
});

Deno.test("image - resizeArea shrinks 12 MP to 128² quickly", () => {
  const src = constantImage(4000, 3000, [90, 60, 30, 255]);
  resizeArea(src, 128, 128); // warm up the JIT
  const started = performance.now();
  const out = resizeArea(src, 128, 128);
  const ms = performance.now() - started;
  assert.deepEqual(Array.from(out.data.subarray(0, 4)), [90, 60, 30, 255]);
  // Typically 15–40 ms; the bound is loose because CI machines are shared.
  assert.ok(ms < 250, `took ${ms.toFixed(1)} ms`);
});
