/**
 * What `decodeImage` refuses, and how: pixel budgets and bombs, options,
 * unsupported or empty input, and damaged files (always an `ImageError`).
 */
import assert from "node:assert/strict";
import { constants, deflateSync } from "node:zlib";
import { decodeImage, type DecodeOptions } from "./decode.ts";
import { ImageError, type ImageErrorCode } from "./errors.ts";
import { encodeGrayPng } from "./png.ts";
import { buildPng, fixture, seededRandom } from "./testing.ts";

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

Deno.test("image - unsupported and empty inputs keep their codes", async () => {
  await assertRejects(new Uint8Array(0), "empty_image");
  for (
    const name of [
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
