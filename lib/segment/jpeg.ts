/**
 * @module
 * JPEG encoding without FFI (imagescript's JPEG encoder is native-only), for
 * the photo previews kept with share links and the data set's photos: MozJPEG compiled to WebAssembly
 * (`@jsquash/jpeg`). Measured 4× faster than pure-JS jpeg-js and 25% smaller.
 */
import mozEncode from "@jsquash/jpeg/encode.js";
import type { RgbaImage } from "../image/rgba_image.ts";

/** MozJPEG settings close to libjpeg's (Pillow's) baseline output. */
const BASELINE = {
  baseline: true,
  progressive: false,
  optimize_coding: true, // lossless; with false, 4:2:0 output is corrupt (mozjpeg-wasm)
  quant_table: 0,
  auto_subsample: false,
  chroma_subsample: 2, // 4:2:0, as libjpeg
};

/**
 * Encodes an RGBA image as a JPEG (alpha dropped): MozJPEG's defaults
 * (progressive, its own tables), or with `baseline` a Pillow-like baseline
 * JPEG with the standard tables (the training data's format).
 *
 * @example
 * ```ts
 * const bytes = await encodeJpeg({ width: 2, height: 1, data: new Uint8Array(8) }, 80);
 * const pillowLike = await encodeJpeg({ width: 2, height: 1, data: new Uint8Array(8) }, 90, { baseline: true });
 * ```
 */
export async function encodeJpeg(
  img: RgbaImage,
  quality = 82,
  opts: { baseline?: boolean } = {},
): Promise<Uint8Array> {
  const data = new Uint8ClampedArray(
    img.data.buffer,
    img.data.byteOffset,
    img.data.byteLength,
  );
  const pixels = {
    width: img.width,
    height: img.height,
    data,
    colorSpace: "srgb",
  } as ImageData;
  const settings = opts.baseline ? { quality, ...BASELINE } : { quality };
  return new Uint8Array(await mozEncode(pixels, settings));
}
