import assert from "node:assert/strict";
import { pasteOnWhite, pixelWords } from "./rgba_image.ts";

Deno.test("image - pasteOnWhite places and clips a frame on a white canvas", () => {
  const black = (w: number, h: number) => ({
    width: w,
    height: h,
    data: new Uint8Array(w * h * 4).fill(0),
  });
  const out = pasteOnWhite(black(2, 2), 2, 1, 3, 3); // only column 2 of rows 1..2 fits
  const alpha0 = (x: number, y: number) => out.data[(y * 3 + x) * 4 + 3];
  const shade = (x: number, y: number) => out.data[(y * 3 + x) * 4];
  assert.deepEqual([out.width, out.height], [3, 3]);
  for (let y = 0; y < 3; y++) {
    for (let x = 0; x < 3; x++) {
      const inFrame = x === 2 && y >= 1;
      assert.equal(shade(x, y), inFrame ? 0 : 255, `${x},${y}`);
      assert.equal(alpha0(x, y), inFrame ? 0 : 255, `${x},${y}`);
    }
  }
  const outside = pasteOnWhite(black(2, 2), 5, 5, 3, 3);
  assert.ok(outside.data.every((v) => v === 255));
});

Deno.test("image - pixelWords views whole pixels, copying only unaligned bytes", () => {
  const aligned = new Uint8Array(8);
  assert.equal(pixelWords(aligned).buffer, aligned.buffer);
  const unaligned = new Uint8Array(9).subarray(1);
  const words = pixelWords(unaligned);
  assert.equal(words.length, 2);
  assert.notEqual(words.buffer, unaligned.buffer);
});
