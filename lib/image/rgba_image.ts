/**
 * @module
 * The in-memory picture every `lib/image/` function passes around: 8-bit
 * RGBA, row-major, no padding. Kept in its own module so decode, resize and
 * orientation can share it without importing each other.
 */

/**
 * 8-bit RGBA pixels, row-major, `data.length === width * height * 4`.
 *
 * @example
 * ```ts
 * import type { RgbaImage } from "./rgba_image.ts";
 * const img: RgbaImage = { width: 2, height: 1, data: new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255]) };
 * ```
 */
export interface RgbaImage {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** RGBA bytes, row-major, length width*height*4. */
  data: Uint8Array;
}

/**
 * A view of an image's pixels as one 32-bit word each, for loops that move
 * whole pixels (rotation, copying). Copies only when the bytes are not
 * 4-byte aligned, which typed-array views require.
 *
 * @example
 * ```ts
 * import { pixelWords } from "./rgba_image.ts";
 * pixelWords(new Uint8Array(8)).length; // 2
 * ```
 */
export function pixelWords(data: Uint8Array): Uint32Array {
  const bytes = data.byteOffset % 4 === 0 ? data : data.slice();
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
}
