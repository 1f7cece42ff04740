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

/**
 * Places `frame` with its top-left corner at (`x`, `y`) on a new
 * `width`×`height` canvas of opaque white, clipping what falls outside.
 * Used for the first frame of animations, which may cover only part of the
 * picture. Transparent frame pixels are copied as they are, for the caller
 * to composite.
 *
 * @example
 * ```ts
 * import { pasteOnWhite } from "./rgba_image.ts";
 * const dot = { width: 1, height: 1, data: new Uint8Array([0, 0, 0, 255]) };
 * pasteOnWhite(dot, 1, 0, 2, 1).data; // [255,255,255,255, 0,0,0,255]
 * ```
 */
export function pasteOnWhite(
  frame: RgbaImage,
  x: number,
  y: number,
  width: number,
  height: number,
): RgbaImage {
  const data = new Uint8Array(width * height * 4).fill(255);
  const x0 = Math.min(Math.max(x, 0), width),
    y0 = Math.min(Math.max(y, 0), height);
  const cols = Math.max(0, Math.min(frame.width, width - x0));
  const rows = Math.max(0, Math.min(frame.height, height - y0));
  for (let r = 0; r < rows; r++) {
    const from = r * frame.width * 4;
    data.set(
      frame.data.subarray(from, from + cols * 4),
      ((y0 + r) * width + x0) * 4,
    );
  }
  return { width, height, data };
}
