/**
 * @module
 * WebP pixels through `@jsquash/webp` (libwebp compiled to WebAssembly, from
 * the Squoosh app; no FFI, no native addon). imagescript cannot decode WebP.
 * Lossy, lossless and alpha files decode; for animated files libwebp's
 * simple API used here fails, which surfaces as corrupt_image.
 */

import webpDecode from "@jsquash/webp/decode.js";
import { corrupt } from "./errors.ts";
import type { RgbaImage } from "./rgba_image.ts";

/**
 * Decodes a WebP to RGBA (alpha kept as stored). The caller must have checked
 * the pixel budget against the header size first.
 *
 * @example
 * ```ts
 * import { decodeWebp } from "./decode_webp.ts";
 * const img = await decodeWebp(await Deno.readFile("tests/fixtures/images/quadrants_lossless.webp"), 48, 32);
 * [img.width, img.height]; // [48, 32]
 * ```
 */
export async function decodeWebp(
  bytes: Uint8Array,
  width: number,
  height: number,
): Promise<RgbaImage> {
  let out: { width: number; height: number; data: Uint8ClampedArray };
  try {
    // The decoder wants an ArrayBuffer holding exactly the file.
    const buf =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? bytes.buffer as ArrayBuffer
        : bytes.slice().buffer;
    out = await webpDecode(buf);
  } catch (err) {
    throw corrupt("WebP", err);
  }
  if (
    out.width !== width || out.height !== height ||
    out.data.length !== width * height * 4
  ) {
    throw corrupt("WebP");
  }
  return {
    width,
    height,
    data: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.length),
  };
}
