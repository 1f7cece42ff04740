import assert from "node:assert/strict";
import { constants, deflateSync } from "node:zlib";
import { decodeImage, type DecodeOptions, jpegScaleFor } from "./decode.ts";
import { ImageError, type ImageErrorCode } from "./errors.ts";
import { encodeGrayPng } from "./png.ts";
import {
  buildPng,
  EXAMPLES,
  fixture,
  haveExamples,
  near,
  QUADRANTS,
  rgbAt,
  seededRandom,
  tiffWithOrientation,
  withExif,
} from "./testing.ts";

async function assertRejects(
  bytes: Uint8Array,
  code: ImageErrorCode,
  opts?: DecodeOptions,
  label: string = code,
): Promise<ImageError> {
  try {
    await decodeImage(bytes, opts);
  } catch (err) {
    assert.ok(
      err instanceof ImageError,
      `${label}: expected ImageError, got ${err}`,
    );
    assert.equal(err.code, code, `${label}: ${err.message}`);
    return err;
  }
  assert.fail(`${label}: expected ImageError(${code}), it decoded`);
}

/** Colour at the centre of each quadrant of a 48×32-shaped picture. */
function quadrantCentres(
  img: { width: number; height: number; data: Uint8Array },
): number[][] {
  const { width: w, height: h } = img;
  return [
    rgbAt(img, Math.floor(w / 4), Math.floor(h / 4)),
    rgbAt(img, Math.floor(3 * w / 4), Math.floor(h / 4)),
    rgbAt(img, Math.floor(w / 4), Math.floor(3 * h / 4)),
    rgbAt(img, Math.floor(3 * w / 4), Math.floor(3 * h / 4)),
  ];
}

/** Rec. 709 luma, which ImageMagick's `-colorspace Gray` used to make the gray fixtures. */
const gray = ([r, g, b]: readonly number[]) =>
  Math.round(0.2126 * r + 0.7152 * g + 0.0722 * b);

Deno.test("image - decodes every supported colour variant", async () => {
  const colour: [string, number][] = [
    ["quadrants.jpg", 6],
    ["quadrants_progressive.jpg", 6],
    ["quadrants_cmyk.jpg", 8], // Adobe inverted CMYK must come back as the same RGB
    ["quadrants.png", 0],
    ["quadrants_palette.png", 0],
    ["quadrants_palette4.png", 0],
    ["quadrants_rgb16.png", 1],
    ["quadrants_interlaced.png", 0],
    ["quadrants.gif", 0],
    ["quadrants_lossy.webp", 10],
    ["quadrants_lossless.webp", 0],
  ];
  for (const [name, tolerance] of colour) {
    const { image, width, height, format } = await decodeImage(
      await fixture(name),
    );
    assert.deepEqual([width, height, image.width, image.height], [
      48,
      32,
      48,
      32,
    ], name);
    assert.equal(image.data.length, 48 * 32 * 4);
    assert.equal(
      format,
      name.endsWith(".jpg") ? "jpeg" : name.split(".").pop(),
    );
    quadrantCentres(image).forEach((rgb, q) =>
      assert.ok(
        near(rgb, QUADRANTS[q], tolerance),
        `${name} quadrant ${q}: ${rgb} vs ${QUADRANTS[q]}`,
      )
    );
    for (let i = 3; i < image.data.length; i += 4) {
      assert.equal(image.data[i], 255, `${name} opaque`);
    }
  }
  for (const name of ["quadrants_gray.jpg", "quadrants_gray.png"]) {
    const { image } = await decodeImage(await fixture(name));
    quadrantCentres(image).forEach(([r, g, b], q) => {
      assert.ok(r === g && g === b, `${name} is gray`);
      assert.ok(
        Math.abs(r - gray(QUADRANTS[q])) <= 4,
        `${name} quadrant ${q}: ${r} vs ${gray(QUADRANTS[q])}`,
      );
    });
  }
  const { image: bw } = await decodeImage(await fixture("quadrants_gray1.png"));
  assert.deepEqual(quadrantCentres(bw), [
    [0, 0, 0],
    [255, 255, 255],
    [0, 0, 0],
    [255, 255, 255],
  ]);
});

Deno.test("image - transparency is composited over white", async () => {
  for (
    const name of [
      "transparent.png",
      "transparent_palette.png",
      "transparent_rgba16.png",
      "transparent_gray_alpha.png",
      "transparent.gif",
      "transparent.webp",
      "transparent_lossy.webp",
      "animated_alpha.webp", // first frame: a 32×32 crop of the disc at (4, 4)
    ]
  ) {
    const { image } = await decodeImage(await fixture(name));
    assert.deepEqual(rgbAt(image, 0, 0), [255, 255, 255], `${name} background`);
    assert.deepEqual(
      rgbAt(image, 39, 39),
      [255, 255, 255],
      `${name} background`,
    );
    const centre = rgbAt(image, 20, 20);
    const disc = name.includes("gray") ? [58, 58, 58] : [200, 20, 20];
    assert.ok(near(centre, disc, 3), `${name} disc ${centre}`);
    for (let i = 3; i < image.data.length; i += 4) {
      assert.equal(image.data[i], 255, `${name} opaque`);
    }
  }
  // The half-transparent rim (alpha 128 in the PNG) lands halfway to white.
  const { image } = await decodeImage(await fixture("transparent.png"));
  assert.deepEqual(rgbAt(image, 20, 6), [227, 137, 137]);
  const webp = await decodeImage(await fixture("animated_alpha.webp"));
  assert.ok(near(rgbAt(webp.image, 20, 6), [227, 137, 137], 3));
});

Deno.test("image - an animated WebP decodes to its first frame", async () => {
  const { image, width, height } = await decodeImage(
    await fixture("animated.webp"), // frame 2 is all black
  );
  assert.deepEqual([width, height], [48, 32]);
  quadrantCentres(image).forEach((rgb, q) =>
    assert.deepEqual(rgb, [...QUADRANTS[q]])
  );
});

Deno.test("image - a GIF decodes to its first frame", async () => {
  const { image } = await decodeImage(await fixture("animated.gif")); // frame 2 is all black
  quadrantCentres(image).forEach((rgb, q) =>
    assert.deepEqual(rgb, [...QUADRANTS[q]])
  );
});

Deno.test("image - odd sizes decode at their size", async () => {
  for (
    const [name, w, h] of [["small_64x48.jpg", 64, 48], [
      "wide_3000x200.jpg",
      3000,
      200,
    ]] as const
  ) {
    const { image, width, height } = await decodeImage(await fixture(name));
    assert.deepEqual(
      [width, height, image.width, image.height],
      [w, h, w, h],
      name,
    );
    assert.equal(image.data.length, w * h * 4);
  }
});

/** Where displayed pixel (x, y) comes from in the stored w×h image, per the EXIF spec. */
function storedPixelFor(
  o: number,
  x: number,
  y: number,
  w: number,
  h: number,
): [number, number] {
  switch (o) {
    case 2:
      return [w - 1 - x, y];
    case 3:
      return [w - 1 - x, h - 1 - y];
    case 4:
      return [x, h - 1 - y];
    case 5:
      return [y, x];
    case 6:
      return [y, h - 1 - x];
    case 7:
      return [w - 1 - y, h - 1 - x];
    case 8:
      return [w - 1 - y, x];
    default:
      return [x, y];
  }
}

Deno.test("image - applies all 8 EXIF orientations", async () => {
  const jpeg = await fixture("quadrants.jpg");
  const { image: stored } = await decodeImage(jpeg);
  for (const order of ["II", "MM"] as const) {
    for (let o = 1; o <= 8; o++) {
      const { image, width, height } = await decodeImage(
        withExif(jpeg, tiffWithOrientation(o, order)),
      );
      const swap = o >= 5;
      assert.deepEqual(
        [width, height],
        swap ? [32, 48] : [48, 32],
        `orientation ${o}`,
      );
      assert.deepEqual([image.width, image.height], [width, height]);
      for (let y = 0; y < image.height; y++) {
        for (let x = 0; x < image.width; x++) {
          const [sx, sy] = storedPixelFor(o, x, y, 48, 32);
          assert.deepEqual(
            rgbAt(image, x, y),
            rgbAt(stored, sx, sy),
            `orientation ${o} at ${x},${y}`,
          );
        }
      }
    }
  }
  // Spot-check the meaning: 6 = "rotate 90° clockwise to view", so the
  // stored top-left (red) ends up top-right and bottom-left (blue) top-left.
  const { image } = await decodeImage(
    withExif(jpeg, tiffWithOrientation(6, "II")),
  );
  assert.ok(near(rgbAt(image, 24, 4), QUADRANTS[0], 6));
  assert.ok(near(rgbAt(image, 4, 4), QUADRANTS[2], 6));
});

Deno.test("image - DCT-scaled decode covers the requested size", async () => {
  assert.equal(jpegScaleFor(4000, 3000, 128, 128), 8);
  assert.equal(jpegScaleFor(500, 375, 128, 128), 2);
  assert.equal(jpegScaleFor(3000, 200, 128, 128), 1);
  assert.equal(jpegScaleFor(100, 100, 13, 0), 8); // ceil(100 / 8) = 13
  assert.equal(jpegScaleFor(100, 100, 14, 0), 4);

  const wide = await fixture("wide_3000x200.jpg");
  const a = await decodeImage(wide, {
    minDecodeWidth: 128,
    minDecodeHeight: 128,
  });
  assert.deepEqual([a.image.width, a.image.height], [3000, 200]); // 1/2 would be 100 high
  const b = await decodeImage(wide, {
    minDecodeWidth: 300,
    minDecodeHeight: 20,
  });
  assert.deepEqual([b.image.width, b.image.height, b.width, b.height], [
    375,
    25,
    3000,
    200,
  ]);

  // The request is in the upright frame: the photo turned upright by
  // orientation 6 is 200×3000; asked for ≥ 20 wide × 300 high it can be
  // decoded at 1/8 (stored 375×25). Mixing up the frames would need 300 of
  // the stored 200 rows and decode full size.
  const rotated = withExif(wide, tiffWithOrientation(6, "MM"));
  const c = await decodeImage(rotated, {
    minDecodeWidth: 20,
    minDecodeHeight: 300,
  });
  assert.deepEqual([c.width, c.height], [200, 3000]);
  assert.deepEqual([c.image.width, c.image.height], [25, 375]);

  // Other formats ignore the hint and decode full size.
  const png = await decodeImage(await fixture("quadrants.png"), {
    minDecodeWidth: 4,
    minDecodeHeight: 4,
  });
  assert.deepEqual([png.image.width, png.image.height], [48, 32]);
});

Deno.test({
  name: "image - DCT-scaled decode of the example photos stays ≥ 128²",
  ignore: !haveExamples(),
  async fn() {
    for (const entry of Deno.readDirSync(EXAMPLES)) {
      const bytes = await Deno.readFile(new URL(entry.name, EXAMPLES));
      const full = await decodeImage(bytes);
      const small = await decodeImage(bytes, {
        minDecodeWidth: 128,
        minDecodeHeight: 128,
      });
      assert.deepEqual(
        [small.width, small.height],
        [full.width, full.height],
        entry.name,
      );
      assert.ok(
        small.image.width >= 128 && small.image.height >= 128,
        entry.name,
      );
      assert.ok(
        small.image.width < full.image.width,
        `${entry.name} was scaled`,
      );
    }
  },
});

Deno.test("image - a PNG header claiming 30000×30000 is refused before decoding", async () => {
  const err = await assertRejects(
    buildPng({ width: 30000, height: 30000, colorType: 6 }),
    "too_many_pixels",
  );
  assert.match(err.message, /30000×30000/);
});

Deno.test("image - a real 12000×12000 PNG bomb is refused at the default budget", async () => {
  // 144 MP of black compresses to ~140 KB; decoding it would need 576 MB.
  const side = 12000;
  const idat = deflateSync(new Uint8Array(side * (side + 1)), {
    level: 4,
    strategy: constants.Z_RLE,
  });
  const bomb = buildPng({ width: side, height: side }, [["IDAT", idat]]);
  assert.ok(bomb.length < 200_000);
  const started = performance.now();
  await assertRejects(bomb, "too_many_pixels");
  assert.ok(performance.now() - started < 100, "refused from the header alone");
  // The same image passes a budget that allows it only if asked to: use a
  // cheap small one to show the PNG itself is valid.
  const ok = buildPng({ width: 20, height: 20 }, [[
    "IDAT",
    deflateSync(new Uint8Array(20 * 21)),
  ]]);
  assert.equal((await decodeImage(ok)).image.width, 20);
});

Deno.test("image - a GIF frame larger than its screen is checked too", async () => {
  // A 48×32 screen whose first frame claims 60000×60000: the decoder would
  // size its buffers from the frame, so the budget must see the frame.
  const gif = (await fixture("quadrants.gif")).slice();
  const flags = gif[10];
  let at = 13 + (flags & 0x80 ? 3 << ((flags & 7) + 1) : 0);
  while (gif[at] === 0x21) { // skip extensions
    at += 2;
    while (gif[at] !== 0) at += gif[at] + 1;
    at++;
  }
  assert.equal(gif[at], 0x2c);
  new DataView(gif.buffer).setUint16(at + 5, 60000, true);
  new DataView(gif.buffer).setUint16(at + 7, 60000, true);
  await assertRejects(gif, "too_many_pixels");
});

Deno.test("image - pixel budget and minimum side are options", async () => {
  const jpeg = await fixture("quadrants.jpg"); // 48×32 = 1536 px
  await assertRejects(jpeg, "too_many_pixels", { maxPixels: 1535 });
  assert.equal((await decodeImage(jpeg, { maxPixels: 1536 })).width, 48);
  const err = await assertRejects(jpeg, "too_small", { minSide: 33 });
  assert.match(err.message, /48×32/);
  const tiny = encodeGrayPng(new Uint8Array(15 * 40), 15, 40);
  await assertRejects(tiny, "too_small");
  assert.equal((await decodeImage(tiny, { minSide: 1 })).image.width, 15);
});

Deno.test("image - nonsense options are a programming error", async () => {
  const jpeg = await fixture("quadrants.jpg");
  for (
    const opts of [{ maxPixels: NaN }, { minSide: -1 }, {
      minDecodeWidth: "128" as unknown as number,
    }]
  ) {
    await assert.rejects(() => decodeImage(jpeg, opts), RangeError);
  }
});

Deno.test("image - every JPEG variant decodes DCT-scaled", async () => {
  for (
    const name of [
      "quadrants.jpg",
      "quadrants_progressive.jpg",
      "quadrants_cmyk.jpg",
      "quadrants_gray.jpg",
    ]
  ) {
    // 12×8 is exactly 1/4 of 48×32.
    const { image } = await decodeImage(await fixture(name), {
      minDecodeWidth: 12,
      minDecodeHeight: 8,
    });
    assert.deepEqual([image.width, image.height], [12, 8], name);
    quadrantCentres(image).forEach((rgb, q) => {
      const want = name.includes("gray")
        ? Array(3).fill(gray(QUADRANTS[q]))
        : QUADRANTS[q];
      assert.ok(near(rgb, want, 10), `${name} quadrant ${q}: ${rgb}`);
    });
  }
});

Deno.test("image - unsupported and empty inputs keep their codes", async () => {
  await assertRejects(new Uint8Array(0), "empty_image");
  for (
    const name of [
      "quadrants.heic",
      "quadrants.avif",
      "quadrants.bmp",
      "quadrants_arithmetic.jpg",
    ]
  ) {
    await assertRejects(
      await fixture(name),
      "unsupported_type",
      undefined,
      name,
    );
  }
});

Deno.test("image - damaged files become corrupt_image", async () => {
  const jpeg = await fixture("small_64x48.jpg");
  const png = await fixture("quadrants_interlaced.png");
  const sos = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xda);
  const rand = seededRandom(3);
  const garbled = jpeg.slice();
  for (let i = sos + 14; i < garbled.length - 2; i++) garbled[i] = rand() * 256;
  const badIdat = png.slice();
  const idatAt = badIdat.findIndex((_, i) =>
    String.fromCharCode(...badIdat.subarray(i, i + 4)) === "IDAT"
  );
  badIdat.fill(0x55, idatAt + 4, idatAt + 40);
  const cases: [string, Uint8Array][] = [
    ["jpeg cut after the header", jpeg.subarray(0, sos + 20)],
    ["jpeg scan replaced with noise", garbled],
    ["png cut in the middle", png.subarray(0, png.length >> 1)],
    ["png with a garbled IDAT", badIdat],
    ["png without IDAT", buildPng({ width: 20, height: 20 })],
    ["gif cut in the middle", (await fixture("quadrants.gif")).subarray(0, 60)],
    ["gif without frames", (await fixture("quadrants.gif")).subarray(0, 13)],
    ["webp lossy cut", (await fixture("quadrants_lossy.webp")).subarray(0, 60)],
    [
      "webp lossless cut",
      (await fixture("quadrants_lossless.webp")).subarray(0, 40),
    ],
    ...(await lyingWebps()),
  ];
  for (const [name, bytes] of cases) {
    await assertRejects(bytes, "corrupt_image", undefined, name);
  }
});

/** WebPs whose container header disagrees with the bitstream inside. */
async function lyingWebps(): Promise<[string, Uint8Array][]> {
  const vp8x = await fixture("transparent_lossy.webp"); // VP8X 40×40 + ALPH + VP8
  const smallCanvas = vp8x.slice();
  smallCanvas[24] = smallCanvas[27] = 19; // canvas 20×20
  const hugeFrame = vp8x.slice();
  const at = hugeFrame.findIndex((_, i) =>
    String.fromCharCode(...hugeFrame.subarray(i, i + 4)) === "VP8 "
  );
  new DataView(hugeFrame.buffer).setUint16(at + 14, 16000, true);
  new DataView(hugeFrame.buffer).setUint16(at + 16, 16000, true);
  const vp8l = (await fixture("transparent.webp")).slice(); // VP8L 40×40
  const view = new DataView(vp8l.buffer);
  const bits = view.getUint32(21, true);
  view.setUint32(21, (bits & ~0xfffffff) | 3999 | (2999 << 14), true);
  const anim = (await fixture("animated_alpha.webp")).slice();
  const anmf = anim.findIndex((_, i) =>
    String.fromCharCode(...anim.subarray(i, i + 4)) === "ANMF"
  );
  anim[anmf + 8 + 6] = 127; // first frame 128 wide on a 40-wide canvas
  return [
    ["webp canvas smaller than its bitstream", smallCanvas],
    ["webp 16000² bitstream in a 40×40 canvas", hugeFrame],
    ["webp lossless data of 40×40 claiming 4000×3000", vp8l],
    ["webp animation frame outside the canvas", anim],
  ];
}

Deno.test("image - random damage never escapes as a non-ImageError", async () => {
  const rand = seededRandom(11);
  for (
    const name of [
      "small_64x48.jpg",
      "quadrants_progressive.jpg",
      "quadrants_interlaced.png",
      "quadrants.gif",
      "quadrants_lossy.webp",
      "animated_alpha.webp",
    ]
  ) {
    const original = await fixture(name);
    for (let round = 0; round < 40; round++) {
      const bytes = original.slice();
      for (let k = 0; k < 8; k++) {
        bytes[Math.floor(rand() * bytes.length)] = rand() * 256;
      }
      try {
        const { image } = await decodeImage(bytes, {
          maxPixels: 1e6,
          minSide: 1,
        });
        assert.equal(image.data.length, image.width * image.height * 4);
      } catch (err) {
        assert.ok(err instanceof ImageError, `${name} round ${round}: ${err}`);
      }
    }
  }
});
