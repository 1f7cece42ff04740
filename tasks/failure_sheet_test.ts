import assert from "node:assert/strict";
import { decodeImage } from "../lib/image/decode.ts";
import type { RgbaImage } from "../lib/image/rgba_image.ts";
import { failureSheet } from "./failure_sheet.ts";

/** A w×h image whose left half is gray `a` and right half gray `b`. */
function halves(w: number, h: number, a: number, b: number): RgbaImage {
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    data.fill(i % w < w / 2 ? a : b, i * 4, i * 4 + 3);
    data[i * 4 + 3] = 255;
  }
  return { width: w, height: h, data };
}

Deno.test("failure sheet - one row per photo; label tiles keep their exact grays", async () => {
  const tile = 40;
  const rows = [
    // Odd sizes: the label maps shrink by non-integer factors.
    {
      photo: halves(333, 250, 10, 200),
      truth: halves(333, 250, 0, 127),
      mask: halves(333, 250, 255, 0),
    },
    {
      photo: halves(90, 120, 50, 50),
      truth: halves(90, 120, 127, 255),
      mask: halves(90, 120, 0, 0),
    },
  ];
  const { image } = await decodeImage(failureSheet(rows, tile));
  assert.equal(image.width, 3 * tile);
  assert.equal(image.height, 2 * tile);
  const grays = (col: number, row: number) => {
    const seen = new Set<number>();
    for (let y = row * tile; y < (row + 1) * tile; y++) {
      for (let x = col * tile; x < (col + 1) * tile; x++) {
        seen.add(image.data[(y * image.width + x) * 4]);
      }
    }
    return [...seen].sort((a, b) => a - b);
  };
  assert.deepEqual(grays(1, 0), [0, 127]);
  assert.deepEqual(grays(2, 0), [0, 255]);
  assert.deepEqual(grays(1, 1), [127, 255]);
  assert.deepEqual(grays(2, 1), [0]);
  // The photo is area-averaged: its halves stay distinct, no label grays leak in.
  assert.deepEqual(grays(0, 1), [50]);
  const left = image.data[(tile / 2 * image.width + 2) * 4];
  const right = image.data[(tile / 2 * image.width + tile - 3) * 4];
  assert.deepEqual([left, right], [10, 200]);
});
