import assert from "node:assert/strict";
import { ImageError, type ImageErrorCode } from "./errors.ts";
import { type ImageFormat, sniffImage, SUPPORTED_TYPES } from "./sniff.ts";
import {
  buildPng,
  concat,
  fixture,
  seededRandom,
  tiffWithOrientation,
  withExif,
} from "./testing.ts";

const ascii = (s: string) => new TextEncoder().encode(s);

function assertImageError(
  fn: () => unknown,
  code: ImageErrorCode,
  message?: RegExp,
): ImageError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ImageError, `expected ImageError, got ${err}`);
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected ImageError(${code}), nothing was thrown`);
}

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

Deno.test("image - sniff rejects empty input", () => {
  assertImageError(() => sniffImage(new Uint8Array(0)), "empty_image", /empty/);
});

Deno.test("image - sniff rejects things that are not images", () => {
  const rand = seededRandom(7);
  const noise = Uint8Array.from(
    { length: 2048 },
    () => Math.floor(rand() * 256),
  );
  noise[0] = 0x00;
  const cases: [string, Uint8Array][] = [
    [
      "svg",
      ascii(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
      ),
    ],
    ["html", ascii("<!doctype html><html><body>hello</body></html>")],
    ["text", ascii("just some text")],
    ["text starting with BM", ascii("BMW owners club newsletter, issue 4")],
    ["pdf", ascii("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")],
    ["zip", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0])],
    ["tiff", new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0])],
    [
      "mp4",
      concat(
        new Uint8Array([0, 0, 0, 0x18]),
        ascii("ftypisom"),
        new Uint8Array(4),
        ascii("isomiso2"),
      ),
    ],
    ["random bytes", noise],
    ["one byte", new Uint8Array([0xff])],
  ];
  for (const [name, bytes] of cases) {
    const err = assertImageError(() => sniffImage(bytes), "unsupported_type");
    assert.match(err.message, /JPEG, PNG, GIF or WebP/, name);
  }
});

Deno.test("image - sniff names HEIC, AVIF and BMP in its refusal", async () => {
  const ftyp = (major: string, ...compatible: string[]) =>
    concat(
      new Uint8Array([0, 0, 0, 16 + 4 * compatible.length]),
      ascii("ftyp" + major),
      new Uint8Array(4),
      ascii(compatible.join("")),
    );
  const cases: [string, Uint8Array, RegExp][] = [
    ["quadrants.heic", await fixture("quadrants.heic"), /HEIC/],
    ["quadrants.avif", await fixture("quadrants.avif"), /AVIF/],
    ["quadrants.bmp", await fixture("quadrants.bmp"), /BMP/],
    ["ftyp heic", ftyp("heic", "mif1", "heic"), /HEIC/],
    ["ftyp mif1 + heic", ftyp("mif1", "mif1", "heic"), /HEIC/],
    ["ftyp mif1 + avif", ftyp("mif1", "mif1", "avif"), /AVIF/],
    ["ftyp avis", ftyp("avis", "avis", "msf1"), /AVIF/],
  ];
  for (const [name, bytes, message] of cases) {
    const err = assertImageError(() => sniffImage(bytes), "unsupported_type");
    assert.match(err.message, message, name);
  }
  assert.ok(!SUPPORTED_TYPES.includes("image/heic"));
});

Deno.test("image - sniff reports truncated headers as corrupt", async () => {
  const jpeg = await fixture("quadrants.jpg");
  // Every cut before the first scan leaves an incomplete header.
  const sos = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xda);
  for (let n = 3; n < sos + 4; n++) {
    assertImageError(
      () => sniffImage(jpeg.subarray(0, n)),
      "corrupt_image",
      /JPEG/,
    );
  }
  const png = await fixture("quadrants.png");
  for (let n = 8; n < 33; n++) {
    assertImageError(
      () => sniffImage(png.subarray(0, n)),
      "corrupt_image",
      /PNG/,
    );
  }
  const gif = await fixture("quadrants.gif");
  for (let n = 6; n < 13; n++) {
    assertImageError(
      () => sniffImage(gif.subarray(0, n)),
      "corrupt_image",
      /GIF/,
    );
  }
  for (
    const name of [
      "quadrants_lossy.webp",
      "quadrants_lossless.webp",
      "transparent.webp",
    ]
  ) {
    const webp = await fixture(name);
    for (let n = 12; n < 30; n++) {
      assertImageError(
        () => sniffImage(webp.subarray(0, n)),
        "corrupt_image",
        /WebP/,
      );
    }
  }
});

Deno.test("image - sniff rejects impossible headers as corrupt", () => {
  const bad: [string, Uint8Array][] = [
    ["png width 0", buildPng({ width: 0, height: 10 })],
    ["png 2^31 wide", buildPng({ width: 0x80000000, height: 10 })],
    [
      "png rgb 4-bit",
      buildPng({ width: 10, height: 10, colorType: 2, depth: 4 }),
    ],
    ["png colour type 5", buildPng({ width: 10, height: 10, colorType: 5 })],
    ["png interlace 2", buildPng({ width: 10, height: 10, interlace: 2 })],
    ["jpeg EOI before frame", new Uint8Array([0xff, 0xd8, 0xff, 0xd9])],
    [
      "jpeg SOS before frame",
      new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2, 0, 0]),
    ],
    [
      "jpeg segment length 1",
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1, 0, 0]),
    ],
    [
      "jpeg height 0 (DNL)",
      new Uint8Array([
        0xff,
        0xd8,
        0xff,
        0xc0,
        0,
        11,
        8,
        0,
        0,
        0,
        10,
        1,
        1,
        0x11,
        0,
        0xff,
        0xda,
        0,
        2,
      ]),
    ],
    ["gif 0×0", concat(ascii("GIF89a"), new Uint8Array(8))],
    [
      "webp unknown chunk",
      concat(
        ascii("RIFF"),
        new Uint8Array(4),
        ascii("WEBPVP8Z"),
        new Uint8Array(20),
      ),
    ],
  ];
  for (const [name, bytes] of bad) {
    try {
      sniffImage(bytes);
      assert.fail(`${name}: no error`);
    } catch (err) {
      assert.ok(err instanceof ImageError, `${name}: ${err}`);
      assert.equal(err.code, "corrupt_image", name);
    }
  }
});

Deno.test("image - sniff survives random damage to headers", async () => {
  // Flip bytes in the header region; sniffImage must return or throw an
  // ImageError, never a RangeError/TypeError from reading out of bounds.
  const rand = seededRandom(42);
  for (
    const name of [
      "quadrants.jpg",
      "quadrants.png",
      "quadrants.gif",
      "quadrants_lossy.webp",
    ]
  ) {
    const original = await fixture(name);
    const exif = name.endsWith(".jpg")
      ? withExif(original, tiffWithOrientation(6, "II"))
      : original;
    for (let round = 0; round < 500; round++) {
      const bytes = exif.slice(0, 4 + Math.floor(rand() * exif.length));
      for (let k = 0; k < 3; k++) {
        bytes[Math.floor(rand() * Math.min(bytes.length, 200))] = rand() * 256;
      }
      try {
        const info = sniffImage(bytes);
        assert.ok(info.width > 0 && info.height > 0);
        assert.ok(info.orientation >= 1 && info.orientation <= 8);
      } catch (err) {
        assert.ok(err instanceof ImageError, `${name} round ${round}: ${err}`);
      }
    }
  }
});
