import assert from "node:assert/strict";
import { flipRows, infer } from "./infer.ts";
import { testManifest } from "./testdata/manifest.ts";

const manifest = (flip: boolean) =>
  testManifest({
    input: {
      name: "input",
      width: 3,
      height: 1,
      mean: [0, 0, 0],
      std: [1, 1, 1],
    },
    classes: [{ name: "a", value: 0 }, { name: "b", value: 255 }],
    testTimeFlip: flip,
  });

Deno.test("infer - flipRows mirrors each row", () => {
  assert.deepEqual([...flipRows(Float32Array.from([1, 2, 3, 4, 5, 6]), 3)], [
    3,
    2,
    1,
    6,
    5,
    4,
  ]);
});

Deno.test("infer - test-time flip averages the photo and its mirror, aligned back", async () => {
  // A "model" that answers with its input plus the column index: not mirror-symmetric.
  const run = (x: Float32Array) =>
    Promise.resolve(x.map((v, i) => v + (i % 3)));
  const input = Float32Array.from([10, 20, 30, 1, 2, 3]);
  assert.deepEqual([...await infer(run, input, manifest(false))], [
    10,
    21,
    32,
    1,
    3,
    5,
  ]);
  // Mirror pass gives v + (2 - x) after flipping back, so the mean is v + 1 everywhere.
  assert.deepEqual([...await infer(run, input, manifest(true))], [
    11,
    21,
    31,
    2,
    3,
    4,
  ]);
});
