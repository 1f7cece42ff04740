import assert from "node:assert/strict";
import { orient, orientedSize } from "./orientation.ts";
import type { RgbaImage } from "./rgba_image.ts";

/** 3×2 image whose pixel (x, y) has red = 10*y + x, so every pixel is distinct. */
function numbered(): RgbaImage {
  const data = new Uint8Array(3 * 2 * 4);
  for (let y = 0; y < 2; y++) {
    for (let x = 0; x < 3; x++) {
      data.set([10 * y + x, 0, 0, 255], (y * 3 + x) * 4);
    }
  }
  return { width: 3, height: 2, data };
}

const reds = (img: RgbaImage) => {
  const rows: number[][] = [];
  for (let y = 0; y < img.height; y++) {
    rows.push(
      Array.from(
        { length: img.width },
        (_, x) => img.data[(y * img.width + x) * 4],
      ),
    );
  }
  return rows;
};

Deno.test("image - orient matches the EXIF orientation table", () => {
  // Stored:  0  1  2
  //         10 11 12
  const expected: Record<number, number[][]> = {
    1: [[0, 1, 2], [10, 11, 12]],
    2: [[2, 1, 0], [12, 11, 10]], // mirrored left-right
    3: [[12, 11, 10], [2, 1, 0]], // rotated 180°
    4: [[10, 11, 12], [0, 1, 2]], // mirrored top-bottom
    5: [[0, 10], [1, 11], [2, 12]], // transposed
    6: [[10, 0], [11, 1], [12, 2]], // rotated 90° clockwise
    7: [[12, 2], [11, 1], [10, 0]], // transversed
    8: [[2, 12], [1, 11], [0, 10]], // rotated 90° counter-clockwise
  };
  for (let o = 1; o <= 8; o++) {
    const out = orient(numbered(), o);
    assert.deepEqual(reds(out), expected[o], `orientation ${o}`);
    assert.deepEqual([out.width, out.height], orientedSize(3, 2, o));
    assert.equal(out.data.length, 3 * 2 * 4);
  }
});

Deno.test("image - orient leaves 1 and unknown values alone", () => {
  const img = numbered();
  for (const o of [1, 0, 9, -1, 2.5, NaN]) {
    assert.equal(orient(img, o), img, `orientation ${o}`);
  }
});

Deno.test("image - orient copes with unaligned pixel buffers", () => {
  const backing = new Uint8Array(3 * 2 * 4 + 1);
  backing.set(numbered().data, 1);
  const img = { width: 3, height: 2, data: backing.subarray(1) };
  assert.deepEqual(reds(orient(img, 6)), [[10, 0], [11, 1], [12, 2]]);
});
