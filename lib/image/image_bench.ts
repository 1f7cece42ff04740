/**
 * @module
 * Benchmarks for the hot paths of an upload: decode (full and DCT-scaled),
 * shrink to model size, encode the mask. Run with
 * `deno bench --allow-read --allow-env lib/image/image_bench.ts`; set
 * IMAGE_BENCH_JPEG to a large photo's path to time that instead of the
 * shared 500×375 example.
 */

import { decodeImage } from "./decode.ts";
import { encodeGrayPng } from "./png.ts";
import { resizeArea } from "./resize.ts";
import { EXAMPLES } from "./testing.ts";

const path = Deno.env.get("IMAGE_BENCH_JPEG") ??
  new URL("Abyssinian_105.jpg", EXAMPLES);
const jpeg = await Deno.readFile(path);

Deno.bench("image - decode JPEG full size", async () => {
  await decodeImage(jpeg);
});

Deno.bench("image - decode JPEG DCT-scaled to ≥ 128²", async () => {
  await decodeImage(jpeg, { minDecodeWidth: 128, minDecodeHeight: 128 });
});

const photo12mp = {
  width: 4000,
  height: 3000,
  data: new Uint8Array(4000 * 3000 * 4),
};
for (let i = 0; i < photo12mp.data.length; i++) {
  photo12mp.data[i] = (i * 31) & 255;
}

Deno.bench("image - resizeArea 12 MP → 128²", () => {
  resizeArea(photo12mp, 128, 128);
});

const [mw, mh] = [1632, 1224];
const mask = new Uint8Array(mw * mh);
for (let y = 0; y < mh; y++) {
  for (let x = 0; x < mw; x++) {
    const d = (x - 800) ** 2 + (y - 600) ** 2;
    mask[y * mw + x] = d < 400 ** 2 ? 255 : d < 420 ** 2 ? 128 : 0;
  }
}

Deno.bench("image - encodeGrayPng 2 MP three-value mask", () => {
  encodeGrayPng(mask, mw, mh);
});
