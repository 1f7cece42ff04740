import assert from "node:assert/strict";
import { probabilitiesToMask, softmaxChannels } from "./postprocess.ts";

Deno.test("postprocess - softmax sums to one per pixel", () => {
  const logits = Float32Array.from([1, 5, 2, 0, -3, 12]); // 3 classes × 2 pixels
  const p = softmaxChannels(logits, 3, 2);
  for (let i = 0; i < 2; i++) {
    assert.ok(Math.abs(p[i] + p[2 + i] + p[4 + i] - 1) < 1e-6);
  }
  assert.ok(p[4 + 1] > 0.99, "pixel 1 is class 2");
});

Deno.test("postprocess - upsampling keeps class regions and writes gray values", () => {
  // 2×1 input: left pixel certainly class 0, right pixel certainly class 2.
  const probs = Float32Array.from([1, 0, 0, 0, 0, 1]);
  const mask = probabilitiesToMask(probs, 2, 1, [0, 127, 255], 8, 3);
  assert.equal(mask.gray.length, 24);
  for (let y = 0; y < 3; y++) {
    assert.deepEqual([...mask.gray.subarray(y * 8, y * 8 + 8)], [
      0,
      0,
      0,
      0,
      255,
      255,
      255,
      255,
    ]);
  }
  assert.deepEqual(mask.fractions, [0.5, 0, 0.5]);
});

Deno.test("postprocess - same size is the plain argmax", () => {
  const probs = Float32Array.from([0.2, 0.7, 0.5, 0.1, 0.3, 0.2, 0.1, 0.2]); // 2 classes × 2×2
  const mask = probabilitiesToMask(probs, 2, 2, [10, 20], 2, 2);
  assert.deepEqual([...mask.gray], [20, 10, 10, 20]);
});

Deno.test("postprocess - a large photo gets a mask of its own size", () => {
  const probs = new Float32Array(3 * 4 * 4).fill(1 / 3);
  probs.fill(0.9, 16, 32); // class 1 wins everywhere
  const mask = probabilitiesToMask(probs, 4, 4, [0, 127, 255], 1999, 1001);
  assert.equal(mask.gray.length, 1999 * 1001);
  assert.ok(mask.gray.every((v) => v === 127));
  assert.deepEqual(mask.fractions, [0, 1, 0]);
});
