import assert from "node:assert/strict";
import { decodePngScaled, pngRawBytes, readPngHeader } from "./png_stream.ts";
import { encodeGrayPngRows, encodeRgbaPng } from "./png.ts";
import { buildPng } from "./testing.ts";

Deno.test("png stream - a 40-megapixel PNG decodes to a small picture in little memory", async () => {
  // 6000×6600 gray, all one value: a tiny file that inflates to 40 MB.
  const png = await encodeGrayPngRows(6000, 6600, (_, row) => row.fill(200));
  assert.ok(png.length < 200_000, `${png.length} bytes`);
  const h = readPngHeader(png);
  assert.deepEqual([h.width, h.height, h.bitDepth, h.colorType], [
    6000,
    6600,
    8,
    0,
  ]);
  assert.equal(pngRawBytes(h), 6600 * 6001);
  const before = Deno.memoryUsage().rss;
  const small = await decodePngScaled(png, 600, 660);
  const grew = Deno.memoryUsage().rss - before;
  assert.deepEqual([small.width, small.height], [600, 660]);
  assert.deepEqual([...small.data.subarray(0, 4)], [200, 200, 200, 255]);
  assert.ok(
    grew < 80 * 1024 * 1024,
    `RSS grew ${(grew / 1048576).toFixed(0)} MB`,
  );
});

Deno.test("png stream - averaging keeps transparency weighting and exact sizes", async () => {
  // 2×1: opaque red next to transparent green → one pixel, red at half alpha.
  const png = encodeRgbaPng({
    width: 2,
    height: 1,
    data: new Uint8Array([255, 0, 0, 255, 0, 255, 0, 0]),
  });
  const one = await decodePngScaled(png, 1, 1);
  assert.deepEqual([...one.data], [255, 0, 0, 128]);
  const exact = await decodePngScaled(png, 2, 1);
  assert.deepEqual([...exact.data], [255, 0, 0, 255, 0, 255, 0, 0]);
});

Deno.test("png stream - truncated or damaged data is a corrupt_image error", async () => {
  const png = encodeRgbaPng({
    width: 64,
    height: 64,
    data: new Uint8Array(64 * 64 * 4).map((_, i) => (i * 7) & 255),
  });
  for (const bad of [png.subarray(0, png.length - 40), png.subarray(0, 60)]) {
    await assert.rejects(
      decodePngScaled(bad, 8, 8),
      (e) => (e as { code?: string }).code === "corrupt_image",
    );
  }
  const noData = buildPng({ width: 4, height: 4, colorType: 0, depth: 8 });
  await assert.rejects(
    decodePngScaled(noData, 4, 4),
    (e) => (e as { code?: string }).code === "corrupt_image",
  );
});

Deno.test("png stream - the row encoder writes a PNG the decoder reads back", async () => {
  const png = await encodeGrayPngRows(300, 200, (y, row) => {
    for (let x = 0; x < 300; x++) row[x] = (x + y) % 3 === 0 ? 0 : 255;
  });
  const img = await decodePngScaled(png, 300, 200);
  for (const [x, y] of [[0, 0], [1, 0], [2, 1], [299, 199]]) {
    assert.equal(img.data[(y * 300 + x) * 4], (x + y) % 3 === 0 ? 0 : 255);
  }
});
