import assert from "node:assert/strict";
import { decodePngScaled } from "./png_stream.ts";
import { encodeGrayPng, encodeRgbaPng } from "./png.ts";
import { seededRandom } from "./testing.ts";

Deno.test("image - gray PNG round-trips exactly", async () => {
  const rand = seededRandom(9);
  const [w, h] = [37, 23];
  const gray = Uint8Array.from(
    { length: w * h },
    () => Math.floor(rand() * 256),
  );
  const png = encodeGrayPng(gray, w, h);
  assert.equal(png[25], 0, "colour type 0 (gray)");
  assert.equal(png[24], 8, "bit depth 8");
  const back = await decodePngScaled(png, w, h);
  for (let i = 0; i < w * h; i++) {
    assert.deepEqual(Array.from(back.data.subarray(i * 4, i * 4 + 4)), [
      gray[i],
      gray[i],
      gray[i],
      255,
    ]);
  }
});

Deno.test("image - a 2 MP three-value mask encodes small", async () => {
  const [w, h] = [1632, 1224];
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const d = (x - 800) ** 2 + (y - 600) ** 2;
      mask[y * w + x] = d < 400 ** 2 ? 255 : d < 420 ** 2 ? 128 : 0;
    }
  }
  const png = encodeGrayPng(mask, w, h);
  assert.ok(png.length < 30_000, `${png.length} bytes`);
  const back = await decodePngScaled(png, w, h);
  assert.equal(back.data[(600 * w + 800) * 4], 255);
  assert.equal(back.data[(600 * w + 1210) * 4], 128);
  assert.equal(back.data[0], 0);
});

Deno.test("image - RGBA PNG round-trips exactly", async () => {
  const rand = seededRandom(4);
  const img = {
    width: 9,
    height: 5,
    data: Uint8Array.from(
      { length: 9 * 5 * 4 },
      () => Math.floor(rand() * 256),
    ),
  };
  const png = encodeRgbaPng(img);
  assert.equal(png[25], 6, "colour type 6 (RGBA)");
  assert.deepEqual((await decodePngScaled(png, 9, 5)).data, img.data);
});

Deno.test("image - PNG encoders reject data of the wrong size", () => {
  assert.throws(() => encodeGrayPng(new Uint8Array(5), 2, 2), RangeError);
  assert.throws(() => encodeGrayPng(new Uint8Array(0), 0, 0), RangeError);
  assert.throws(
    () => encodeRgbaPng({ width: 2, height: 2, data: new Uint8Array(15) }),
    RangeError,
  );
});
