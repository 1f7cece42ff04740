// What sniffImage refuses, and how it names the reason.
import assert from "node:assert/strict";
import { ImageError, type ImageErrorCode } from "./errors.ts";
import { sniffImage, SUPPORTED_TYPES } from "./sniff.ts";
import {
  ascii,
  buildPng,
  concat,
  fixture,
  seededRandom,
  tiffWithOrientation,
  withExif,
} from "./testing.ts";

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
    assert.match(err.message, /JPEG, PNG, GIF, WebP, HEIC or AVIF/, name);
  }
});

Deno.test("image - sniff names BMP in its refusal, and HEIC/AVIF headers without images as damaged", async () => {
  const ftyp = (major: string, ...compatible: string[]) =>
    concat(
      new Uint8Array([0, 0, 0, 16 + 4 * compatible.length]),
      ascii("ftyp" + major),
      new Uint8Array(4),
      ascii(compatible.join("")),
    );
  const bmp = await fixture("quadrants.bmp");
  assertImageError(() => sniffImage(bmp), "unsupported_type", /BMP/);
  // An ftyp box alone: a HEIF brand, but no item table.
  const cases: [string, Uint8Array, RegExp][] = [
    ["ftyp heic", ftyp("heic", "mif1", "heic"), /HEIC/],
    ["ftyp mif1 + heic", ftyp("mif1", "mif1", "heic"), /HEIC/],
    ["ftyp mif1 + avif", ftyp("mif1", "mif1", "avif"), /AVIF/],
    ["ftyp avis", ftyp("avis", "avis", "msf1"), /AVIF/],
  ];
  for (const [name, bytes, message] of cases) {
    const e = assertImageError(() => sniffImage(bytes), "corrupt_image");
    assert.match(e.message, message, name);
  }
  assert.ok(SUPPORTED_TYPES.includes("image/heic"));
  assert.ok(SUPPORTED_TYPES.includes("image/avif"));
});

Deno.test("image - sniff reports truncated headers as corrupt", async () => {
  const jpeg = await fixture("quadrants.jpg");
  // Every cut before the first scan leaves an incomplete header.
  const sos = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xda);
  // [file, first and past-last cut length, what the message names]
  const cuts: [Uint8Array, number, number, RegExp][] = [
    [jpeg, 3, sos + 4, /JPEG/],
    [await fixture("quadrants.png"), 8, 33, /PNG/],
    [await fixture("quadrants.gif"), 6, 13, /GIF/],
  ];
  for (const [bytes, from, to, names] of cuts) {
    for (let n = from; n < to; n++) {
      assertImageError(
        () => sniffImage(bytes.subarray(0, n)),
        "corrupt_image",
        names,
      );
    }
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
