/**
 * @module
 * PNG encoding with imagescript's pure-JS encoder (fflate inside; no FFI, no
 * WebAssembly): single-channel gray for masks and RGBA for pictures. Rows
 * are written unfiltered and deflated at a fast level, which suits masks
 * (long runs of a few values) very well.
 */

import pngCodec from "imagescript/png/node.js";
import type { RgbaImage } from "./rgba_image.ts";

interface PngEncoder {
  encode(
    data: Uint8Array,
    opts: {
      width: number;
      height: number;
      channels: 1 | 2 | 3 | 4;
      level?: number;
    },
  ): Uint8Array;
}

const codec = pngCodec as PngEncoder;

/**
 * Encodes 8-bit gray pixels (one byte each, row-major) as a PNG of colour
 * type 0. Meant for segmentation masks: a 2 MP mask of a few values encodes
 * in tens of milliseconds to a few kilobytes.
 *
 * @example
 * ```ts
 * import { encodeGrayPng } from "./png.ts";
 * const png = encodeGrayPng(new Uint8Array([0, 128, 255, 0]), 2, 2);
 * png.subarray(1, 4); // "PNG"
 * ```
 */
export function encodeGrayPng(
  gray: Uint8Array,
  width: number,
  height: number,
): Uint8Array {
  checkSize(gray.length, width, height, 1);
  return codec.encode(gray, { width, height, channels: 1, level: 1 });
}

/**
 * Encodes an RGBA image as an 8-bit RGBA PNG (colour type 6).
 *
 * @example
 * ```ts
 * import { encodeRgbaPng } from "./png.ts";
 * const png = encodeRgbaPng({ width: 1, height: 1, data: new Uint8Array([255, 0, 0, 255]) });
 * png[25]; // 6 (colour type RGBA in IHDR)
 * ```
 */
export function encodeRgbaPng(img: RgbaImage): Uint8Array {
  checkSize(img.data.length, img.width, img.height, 4);
  return codec.encode(img.data, {
    width: img.width,
    height: img.height,
    channels: 4,
    level: 1,
  });
}

function checkSize(
  length: number,
  width: number,
  height: number,
  channels: number,
): void {
  if (
    !(Number.isInteger(width) && Number.isInteger(height) && width > 0 &&
      height > 0)
  ) {
    throw new RangeError(
      `PNG size must be positive integers, got ${width}×${height}`,
    );
  }
  if (length !== width * height * channels) {
    throw new RangeError(
      `PNG data has ${length} bytes, expected ${width}×${height}×${channels}`,
    );
  }
}
