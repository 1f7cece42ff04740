import assert from "node:assert/strict";
import { quantise16, resizeBilinearImgly, toInput } from "./isnet.ts";

Deno.test("quantise16: 16 levels, 0 and 255 only below 0.02 and above 0.98", () => {
  const all = quantise16(Uint8Array.from({ length: 256 }, (_, v) => v));
  assert.deepEqual(
    [...new Set(all)],
    Array.from({ length: 16 }, (_, k) => 17 * k),
  );
  for (let v = 0; v < 256; v++) {
    const p = v / 255;
    if (p < 0.02) assert.equal(all[v], 0, `v=${v}`);
    else if (p > 0.98) assert.equal(all[v], 255, `v=${v}`);
    else {
      assert.ok(all[v] >= 17 && all[v] <= 238, `v=${v}`);
      assert.ok(Math.abs(all[v] - v) <= 17, `v=${v}`);
    }
  }
});

Deno.test("resizeBilinearImgly follows the package: corner-aligned, Math.round", () => {
  const src = {
    width: 2,
    height: 1,
    channels: 1,
    data: new Uint8Array([0, 255]),
  };
  assert.deepEqual([...resizeBilinearImgly(src, 4, 1).data], [
    0,
    128,
    255,
    255,
  ]);
  const rgba = {
    width: 2,
    height: 2,
    channels: 4,
    data: new Uint8Array([
      0,
      0,
      0,
      255,
      100,
      0,
      0,
      255,
      0,
      200,
      0,
      255,
      100,
      200,
      0,
      255,
    ]),
  };
  const out = resizeBilinearImgly(rgba, 3, 3);
  // x = 1 maps to source 2/3: 100 * 2/3 = 66.67 → 67.
  assert.deepEqual([...out.data.subarray(4, 8)], [67, 0, 0, 255]);
  assert.deepEqual([...out.data.subarray(16, 20)], [67, 133, 0, 255]);
});

Deno.test("toInput: NCHW, (v - 128) / 256", () => {
  assert.deepEqual(
    [...toInput(new Uint8Array([128, 0, 255, 255, 0, 128, 64, 9]), 2)],
    [0, -0.5, -0.5, 0, 0.49609375, -0.25],
  );
});
