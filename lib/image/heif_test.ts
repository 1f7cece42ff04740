// HEIC and AVIF: what the headers say, what decodes, and what is refused.
import assert from "node:assert/strict";
import {
  type DecodedImage,
  decodeImage,
  type DecodeOptions,
} from "./decode.ts";
import { ImageError, type ImageErrorCode } from "./errors.ts";
import { readHeifInfo } from "./heif_header.ts";
import { sniffImage } from "./sniff.ts";
import { TileCanvas } from "./tile_canvas.ts";
import { fixture, near, QUADRANTS, rgbAt } from "./testing.ts";
import {
  codedPicture,
  gridData,
  gridFile,
  imir,
  ispe,
  pixi,
  writeHeif,
} from "../../tests/fixtures/images/heif_writer.ts";

const PHOTO = new URL(
  "../../static/examples/Abyssinian_105.jpg",
  import.meta.url,
);

/** Mean absolute difference per channel between two same-sized images. */
function meanDiff(a: DecodedImage, b: DecodedImage): number {
  assert.deepEqual(
    [a.image.width, a.image.height],
    [b.image.width, b.image.height],
  );
  let d = 0;
  for (let i = 0; i < a.image.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      d += Math.abs(a.image.data[i + c] - b.image.data[i + c]);
    }
  }
  return d / (a.image.data.length / 4 * 3);
}

async function assertRefused(
  bytes: Uint8Array,
  code: ImageErrorCode,
  name: string,
  opts: DecodeOptions = {},
): Promise<void> {
  try {
    await decodeImage(bytes, opts);
  } catch (err) {
    assert.ok(err instanceof ImageError, `${name}: ${err}`);
    assert.equal(err.code, code, `${name}: ${err.message}`);
    return;
  }
  assert.fail(`${name}: decoded`);
}

Deno.test("heif - the small fixtures decode to their quadrants", async () => {
  for (const name of ["quadrants.heic", "quadrants.avif"]) {
    const d = await decodeImage(await fixture(name));
    assert.deepEqual([d.width, d.height, d.format], [48, 32, name.slice(-4)]);
    const at = [[6, 6], [42, 6], [6, 26], [42, 26]];
    at.forEach(([x, y], q) =>
      assert.ok(near(rgbAt(d.image, x, y), QUADRANTS[q], 12), `${name} q${q}`)
    );
  }
});

Deno.test("heif - every photo fixture shows the JPEG's picture, upright", async () => {
  const jpeg = await decodeImage(await Deno.readFile(PHOTO));
  // [file, format, bit depth, stored orientation]
  const cases: [string, string, number, number][] = [
    ["pet.heic", "heic", 8, 1],
    ["pet.avif", "avif", 8, 1],
    ["pet_10bit.heic", "heic", 10, 1],
    ["pet_10bit_mirrored.avif", "avif", 10, 2],
    ["pet_12bit.heic", "heic", 12, 1],
    ["pet_12bit_444.avif", "avif", 12, 1],
    ["pet_grid_rotated.heic", "heic", 8, 6], // irot 3; its Exif 6 is ignored
    ["pet_two_images.heic", "heic", 8, 1], // the primary, not the first item
  ];
  for (const [name, format, depth, orientation] of cases) {
    const bytes = await fixture(name);
    const info = readHeifInfo(bytes);
    assert.deepEqual([info.format, info.bitDepth], [format, depth], name);
    assert.equal(sniffImage(bytes).orientation, orientation, name);
    const d = await decodeImage(bytes);
    assert.deepEqual([d.width, d.height], [500, 375], name);
    // Lossy at low quality: a few levels off on average, never a wrong picture
    // (a mirrored or rotated one differs by ~60).
    assert.ok(meanDiff(d, jpeg) < 8, `${name}: ${meanDiff(d, jpeg)}`);
  }
});

Deno.test("heif - a grid decodes straight to the needed size", async () => {
  const bytes = await fixture("pet_grid_rotated.heic");
  const small = await decodeImage(bytes, {
    minDecodeWidth: 176,
    minDecodeHeight: 176,
  });
  assert.deepEqual([small.width, small.height], [500, 375]);
  assert.deepEqual([small.image.width, small.image.height], [235, 176]);
});

Deno.test("heif - tile canvas averages tiles into a smaller picture", () => {
  const tile = (v: number) => ({
    width: 2,
    height: 2,
    data: new Uint8Array(16).map((_, i) => (i % 4 === 3 ? 255 : v)),
  });
  const c = new TileCanvas(4, 2, 2, 1);
  c.paste(tile(10), 0, 0);
  c.paste(tile(30), 2, 0);
  assert.deepEqual([...c.image().data], [10, 10, 10, 255, 30, 30, 30, 255]);
});

Deno.test("heif - truncated files are refused as damaged, at every cut", async () => {
  for (const name of ["pet.heic", "pet.avif", "pet_grid_rotated.heic"]) {
    const bytes = await fixture(name);
    for (let n = 1; n < bytes.length; n += n < 600 ? 7 : 1499) {
      const cut = bytes.subarray(0, n);
      try {
        await decodeImage(cut);
        assert.fail(`${name} cut at ${n} decoded`);
      } catch (err) {
        assert.ok(err instanceof ImageError, `${name} @${n}: ${err}`);
        assert.ok(
          ["corrupt_image", "unsupported_type"].includes(err.code),
          `${name} @${n}: ${err.code}`,
        );
      }
    }
  }
});

Deno.test("heif - headers that lie about the size are refused before decoding", async () => {
  const heic = codedPicture(await fixture("pet.heic")); // 500×376 coded
  const avif = codedPicture(await fixture("pet.avif")); // 500×375
  const single = (p: typeof heic, brand: string, w: number, h: number) =>
    writeHeif([brand, "mif1"], 1, [{
      id: 1,
      type: p.type,
      data: p.data,
      props: [
        ispe(w, h),
        ...[...p.props].filter(([t]) => t !== "ispe").map(
          ([, b]) => b,
        ),
      ],
    }]);
  await assertRefused(
    single(heic, "heic", 64, 48),
    "corrupt_image",
    "HEIC 64×48",
  );
  await assertRefused(
    single(avif, "avif", 64, 48),
    "corrupt_image",
    "AVIF 64×48",
  );
  // Claiming more than the budget is refused on the claim.
  await assertRefused(
    single(avif, "avif", 9000, 9000),
    "too_many_pixels",
    "81 MP",
  );
  // Claiming more than the picture holds: the decoder finds out.
  await assertRefused(
    single(avif, "avif", 3000, 3000),
    "corrupt_image",
    "AVIF 9 MP",
  );
  // Beyond the memory one decode may take (here a tiny budget).
  for (const name of ["pet.avif", "pet.heic"]) {
    await assertRefused(
      await fixture(name),
      "too_many_pixels",
      name,
      { maxDecodeBytes: 1_000_000 },
    );
  }
});

Deno.test("heif - grids of many tiles are refused before decoding", async () => {
  const tile = codedPicture(await fixture("tile512.heic"));
  const grid = (rows: number, cols: number, w: number, h: number) =>
    gridFile(
      ["heic", "mif1"],
      [tile],
      rows,
      cols,
      w,
      h,
      [],
      Array(rows * cols).fill(0), // one tile named rows×cols times
    );
  // 65 536 references to one 448-byte tile: 17 gigapixels of decoding.
  await assertRefused(
    grid(256, 256, 131072, 131072),
    "too_many_pixels",
    "256×256",
  );
  // A small picture over many tiles: the tiles outside it are refused.
  await assertRefused(grid(32, 32, 600, 600), "corrupt_image", "32×32 → 600²");
  // 1024 tile items that all point at one tile's data: scanning them would
  // cost 1024 reads of the same bytes; refused as soon as they overlap.
  const shared = writeHeif(["heic", "mif1"], 1, [
    {
      id: 1,
      type: "grid",
      data: gridData(32, 32, 16384, 16384),
      props: [ispe(16384, 16384)],
      refs: { dimg: Array.from({ length: 1024 }, (_, i) => i + 2) },
    },
    ...Array.from({ length: 1024 }, (_, i) => ({
      id: i + 2,
      type: tile.type,
      data: tile.data,
      props: [...tile.props.values()],
      hidden: true,
      sameDataAs: i === 0 ? undefined : 2,
    })),
  ]);
  await assertRefused(shared, "corrupt_image", "tiles sharing data");
  // A plausible grid past the pixel budget.
  await assertRefused(grid(14, 14, 7000, 7000), "too_many_pixels", "49 MP");
  // A small honest grid of four tiles decodes (flat gray, cut to 600×520);
  // naming one tile four times is refused by libheif itself.
  await assertRefused(grid(2, 2, 600, 520), "corrupt_image", "double refs");
  const ok = await decodeImage(
    gridFile(["heic", "mif1"], [tile, tile, tile, tile], 2, 2, 600, 520),
  );
  assert.deepEqual([ok.width, ok.height], [600, 520]);
  assert.ok(near(rgbAt(ok.image, 599, 519), [128, 128, 128], 6));
});

Deno.test("heif - odd structures: missing parts, wrong references, video", async () => {
  const avif = codedPicture(await fixture("pet.avif"));
  const props = [...avif.props.values()];
  const cases: [string, Uint8Array, ImageErrorCode][] = [
    [
      "primary not listed",
      writeHeif(["avif"], 7, [{ id: 1, type: "av01", data: avif.data, props }]),
      "corrupt_image",
    ],
    [
      "no av1C",
      writeHeif(["avif"], 1, [{
        id: 1,
        type: "av01",
        data: avif.data,
        props: [ispe(500, 375)],
      }]),
      "corrupt_image",
    ],
    [
      "no ispe",
      writeHeif(["avif"], 1, [{
        id: 1,
        type: "av01",
        data: avif.data,
        props: props.filter((p) => p[7] !== 0x65),
      }]),
      "corrupt_image",
    ],
    [
      "overlay",
      writeHeif(["avif"], 1, [{
        id: 1,
        type: "iovl",
        data: new Uint8Array(8),
        props,
      }]),
      "unsupported_type",
    ],
    [
      "grid naming itself",
      gridFile(["avif"], [avif], 1, 1, 500, 375, [], [-1]),
      "corrupt_image",
    ],
    [
      "mirror on a grid of one",
      gridFile(["avif"], [avif], 1, 1, 500, 375, [pixi(8), imir(1)]),
      "corrupt_image",
    ],
  ];
  for (const [name, bytes, code] of cases.slice(0, 5)) {
    await assertRefused(bytes, code, name);
  }
  // A grid of one AVIF tile with a mirror decodes (libavif assembles it).
  const mirrored = await decodeImage(cases[5][1]);
  assert.deepEqual([mirrored.width, mirrored.height], [500, 375]);
  // MP4 shares the container but is no picture.
  const mp4 = new Uint8Array([
    0,
    0,
    0,
    16,
    ...new TextEncoder().encode("ftypisom"),
    0,
    0,
    0,
    0,
  ]);
  await assertRefused(mp4, "unsupported_type", "mp4");
});
