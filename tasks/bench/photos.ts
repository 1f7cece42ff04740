/**
 * @module
 * Test photos for the benchmarks, made on the fly: the example photo
 * resized to common sizes, and synthetic worst cases the limits admit.
 */
import { decodeImage } from "../../lib/image/decode.ts";
import { resizeArea } from "../../lib/image/resize.ts";
import { encodeJpeg } from "../../lib/segment/jpeg.ts";
import { encodeRgbaPng } from "../../lib/image/png.ts";
import mozEncode from "@jsquash/jpeg/encode.js";

let example: Awaited<ReturnType<typeof decodeImage>> | undefined;

/** The Abyssinian example resized to `w`×`h`, as a (progressive) JPEG. */
export async function photo(w: number, h: number): Promise<Uint8Array> {
  example ??= await decodeImage(
    await Deno.readFile(
      new URL("../../static/examples/Abyssinian_105.jpg", import.meta.url),
    ),
  );
  return encodeJpeg(resizeArea(example.image, w, h), 88);
}

/** A photo-like gradient, with noise unless `smooth`, `w`×`h` RGBA. */
function synthetic(w: number, h: number, smooth = false) {
  const data = new Uint8Array(w * h * 4);
  let seed = 7;
  for (let i = 0, p = 0; p < w * h; i += 4, p++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const x = p % w, y = (p / w) | 0;
    data[i] = ((x * 255) / w + (smooth ? 0 : seed & 7)) & 255;
    data[i + 1] = ((y * 255) / h) & 255;
    data[i + 2] = 96 + (smooth ? 0 : seed >>> 29);
    data[i + 3] = 255;
  }
  return { width: w, height: h, data };
}

/**
 * A smooth `w`×`h` PNG: it compresses well, so the most pixels the body
 * limit admits (the format decoded in full by most servers).
 */
export function syntheticPng(w: number, h: number): Uint8Array {
  return encodeRgbaPng(synthetic(w, h, true));
}

/** A `w`×`h` JPEG, baseline (as cameras write) or progressive. */
export async function syntheticJpeg(
  w: number,
  h: number,
  progressive: boolean,
): Promise<Uint8Array> {
  const img = synthetic(w, h);
  return new Uint8Array(
    await mozEncode({
      width: w,
      height: h,
      data: new Uint8ClampedArray(img.data.buffer),
      colorSpace: "srgb",
    } as ImageData, { quality: 85, progressive, optimize_coding: true }),
  );
}
