import assert from "node:assert/strict";
import { resizeBilinearPil, resizeNearestPil } from "./resample.ts";

/** 7×5 RGB test card; the expected values come from Pillow 9.4 (`Image.resize`). */
function card() {
  const w = 7, h = 5;
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 4;
      data[o] = (x * 37 + y * 11) % 256;
      data[o + 1] = (x * x * 5 + y * 29) % 256;
      data[o + 2] = (((255 - x * 30 - y * 7) % 256) + 256) % 256;
      data[o + 3] = 255;
    }
  }
  return { width: w, height: h, data };
}

const rgb = (d: Uint8Array) => [...d].filter((_, i) => i % 4 !== 3);

Deno.test("resizeBilinearPil shrinks exactly like Pillow's BILINEAR", () => {
  const out = resizeBilinearPil(card(), 3, 4);
  assert.deepEqual(rgb(out.data), [
    35,
    13,
    227,
    114,
    57,
    163,
    193,
    142,
    99,
    48,
    47,
    219,
    127,
    91,
    155,
    206,
    176,
    91,
    60,
    81,
    211,
    139,
    125,
    147,
    218,
    157,
    83,
    73,
    115,
    203,
    152,
    159,
    139,
    163,
    153,
    75,
  ]);
});

Deno.test("resizeBilinearPil grows exactly like Pillow's BILINEAR", () => {
  const out = resizeBilinearPil(card(), 9, 8);
  // First two rows of Pillow's 9×8 result.
  assert.deepEqual(rgb(out.data).slice(0, 54), [
    0,
    0,
    255,
    25,
    3,
    235,
    53,
    12,
    212,
    82,
    26,
    188,
    111,
    45,
    165,
    140,
    72,
    142,
    169,
    105,
    118,
    197,
    143,
    95,
    222,
    180,
    75,
    5,
    13,
    252,
    30,
    16,
    232,
    58,
    25,
    209,
    87,
    39,
    185,
    116,
    58,
    162,
    145,
    85,
    139,
    174,
    118,
    115,
    202,
    156,
    92,
    227,
    193,
    72,
  ]);
});

Deno.test("resizeNearestPil picks Pillow's pixels at exact ties (192 → 224)", () => {
  const w = 192, h = 3;
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) data.fill((i % w) % 3 + 1, i * 4, i * 4 + 4);
  const out = resizeNearestPil({ width: w, height: h, data }, 224, 2);
  const row = [...out.data].filter((_, i) => i % 4 === 0).slice(0, 40);
  assert.deepEqual(row, [
    1,
    2,
    3,
    1,
    1,
    2,
    3,
    1,
    2,
    3,
    1,
    1,
    2,
    3,
    1,
    2,
    3,
    1,
    1,
    2,
    3,
    1,
    2,
    3,
    1,
    1,
    2,
    3,
    1,
    2,
    3,
    1,
    1,
    2,
    3,
    1,
    2,
    3,
    1,
    1,
  ]);
});
