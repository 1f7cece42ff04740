// What sniffImage reads from headers; what it refuses is in sniff_refusals_test.ts.
import assert from "node:assert/strict";
import { type ImageFormat, sniffImage, SUPPORTED_TYPES } from "./sniff.ts";
import {
  ascii,
  buildPng,
  concat,
  fixture,
  tiffWithOrientation,
  withExif,
} from "./testing.ts";

Deno.test("image - sniff identifies formats by magic bytes", async () => {
  const table: [string, ImageFormat, number, number][] = [
    ["quadrants.jpg", "jpeg", 48, 32],
    ["quadrants_progressive.jpg", "jpeg", 48, 32],
    ["quadrants_gray.jpg", "jpeg", 48, 32],
    ["quadrants_cmyk.jpg", "jpeg", 48, 32],
    ["small_64x48.jpg", "jpeg", 64, 48],
    ["wide_3000x200.jpg", "jpeg", 3000, 200],
    ["quadrants.png", "png", 48, 32],
    ["quadrants_palette4.png", "png", 48, 32],
    ["quadrants_rgb16.png", "png", 48, 32],
    ["quadrants_gray1.png", "png", 48, 32],
    ["quadrants_interlaced.png", "png", 48, 32],
    ["transparent.png", "png", 40, 40],
    ["quadrants.gif", "gif", 48, 32],
    ["animated.gif", "gif", 48, 32],
    ["quadrants_lossy.webp", "webp", 48, 32],
    ["quadrants_lossless.webp", "webp", 48, 32],
    ["transparent.webp", "webp", 40, 40],
    ["transparent_lossy.webp", "webp", 40, 40],
    ["animated.webp", "webp", 48, 32],
  ];
  for (const [name, format, width, height] of table) {
    const info = sniffImage(await fixture(name));
    assert.deepEqual(info, {
      format,
      width,
      height,
      orientation: 1,
      mimeType: `image/${format}`,
    }, name);
    assert.ok(SUPPORTED_TYPES.includes(info.mimeType), name);
  }
});

Deno.test("image - sniff reads EXIF orientation in both byte orders", async () => {
  const jpeg = await fixture("quadrants.jpg");
  for (const order of ["II", "MM"] as const) {
    for (let o = 1; o <= 8; o++) {
      const info = sniffImage(withExif(jpeg, tiffWithOrientation(o, order)));
      assert.equal(info.orientation, o, `${order} ${o}`);
      assert.deepEqual(
        [info.width, info.height],
        [48, 32],
        "stored size, not rotated",
      );
    }
  }
});

Deno.test("image - sniff reads orientation from a PNG eXIf chunk", () => {
  const png = buildPng({ width: 20, height: 10 }, [[
    "eXIf",
    tiffWithOrientation(8, "II"),
  ]]);
  assert.equal(sniffImage(png).orientation, 8);
});

Deno.test("image - sniff ignores garbled or out-of-range EXIF", async () => {
  const jpeg = await fixture("quadrants.jpg");
  const good = tiffWithOrientation(6, "MM");
  const cases: Uint8Array[] = [
    tiffWithOrientation(0, "MM"),
    tiffWithOrientation(9, "II"),
    ascii("not a tiff block at all"),
    good.subarray(0, 30), // entry cut in half
    good.subarray(0, 5),
    concat(ascii("XX"), good.subarray(2)), // bad byte-order mark
    (() => { // IFD offset pointing far outside the block
      const t = good.slice();
      new DataView(t.buffer).setUint32(4, 0xfffffff0);
      return t;
    })(),
    (() => { // entry count claiming thousands of entries, Orientation tag missing
      const t = good.slice();
      new DataView(t.buffer).setUint16(8, 0xffff);
      t[22] = 0x77;
      return t;
    })(),
  ];
  for (const [i, tiff] of cases.entries()) {
    const info = sniffImage(withExif(jpeg, tiff));
    assert.equal(info.orientation, 1, `case ${i}`);
    assert.equal(info.width, 48);
  }
});

Deno.test("image - sniff finds the SOF among all JPEG frame types", () => {
  // SOI, a DHT whose bytes would read as 999×999 if mistaken for a frame, then SOFn, SOS.
  const dht = [0xff, 0xc4, 0x00, 0x08, 0x00, 0x03, 0xe7, 0x03, 0xe7, 0x03];
  const sos = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00];
  for (
    const marker of [
      0xc0,
      0xc1,
      0xc2,
      0xc3,
      0xc5,
      0xc6,
      0xc7,
      0xc9,
      0xca,
      0xcb,
      0xcd,
      0xce,
      0xcf,
    ]
  ) {
    const sof = [
      0xff,
      marker,
      0x00,
      0x0b,
      0x08,
      0x01,
      0x2c,
      0x02,
      0x58,
      0x01,
      0x01,
      0x11,
      0x00,
    ];
    const bytes = new Uint8Array([
      0xff,
      0xd8,
      ...dht,
      ...sof,
      ...sos,
      0,
      0,
      0xff,
      0xd9,
    ]);
    const info = sniffImage(bytes);
    assert.deepEqual(
      [info.width, info.height],
      [600, 300],
      marker.toString(16),
    );
  }
});
