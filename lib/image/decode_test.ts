import { encodeRgbaPng } from "./png.ts";
import assert from "node:assert/strict";
import { decodeImage, jpegScaleFor } from "./decode.ts";
import {
  EXAMPLES,
  fixture,
  near,
  QUADRANTS,
  rgbAt,
  tiffWithOrientation,
  withExif,
} from "./testing.ts";

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

  // Small PNGs decode whole (as a browser does); large ones stream straight
  // to the asked size, averaging pixels and keeping the regions' colours.
  const small = await decodeImage(await fixture("quadrants.png"), {
    minDecodeWidth: 4,
    minDecodeHeight: 4,
  });
  assert.deepEqual([small.image.width, small.image.height], [48, 32]);
  const big = new Uint8Array(2400 * 1800 * 4);
  for (let y = 0; y < 1800; y++) {
    for (let x = 0; x < 2400; x++) {
      const o = (y * 2400 + x) * 4;
      big[o] = x < 1200 ? 200 : 10;
      big[o + 1] = y < 900 ? 150 : 20;
      big[o + 3] = 255;
    }
  }
  const bigPng = encodeRgbaPng({ width: 2400, height: 1800, data: big });
  const png = await decodeImage(bigPng, {
    minDecodeWidth: 320,
    minDecodeHeight: 320,
  });
  assert.deepEqual([png.image.width, png.image.height], [427, 320]);
  assert.deepEqual([png.width, png.height], [2400, 1800]);
  const full = await decodeImage(bigPng);
  assert.deepEqual(
    rgbAt(png.image, 0, 0),
    rgbAt(full.image, 0, 0),
    "a corner quadrant keeps its colour",
  );
});

Deno.test({
  name: "image - DCT-scaled decode of the example photos stays ≥ 128²",
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
