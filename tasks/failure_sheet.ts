/**
 * @module
 * A contact sheet for the model card's failure cases: one row per photo,
 * photo | human trimap | the app's mask, each stretched to a small square
 * tile (the model sees photos stretched the same way). Used by
 * `deno task eval --failures PATH`.
 */

import pngCodec from "imagescript/png/node.js";
import { resizeArea } from "../lib/image/resize.ts";
import type { RgbaImage } from "../lib/image/rgba_image.ts";

/** One row of the sheet: the photo and two label maps as RGBA images. */
export interface SheetRow {
  photo: RgbaImage;
  /** Human trimap drawn in the app's grays (pet 0, background 127, border 255). */
  truth: RgbaImage;
  /** The app's mask for the photo, same grays. */
  mask: RgbaImage;
}

interface PngEncoder {
  encode(
    data: Uint8Array,
    opts: { width: number; height: number; channels: 3; level: number },
  ): Uint8Array;
}

/** Nearest-neighbour resize: label maps must keep their three exact grays. */
function resizeNearest(src: RgbaImage, w: number, h: number): RgbaImage {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(src.height - 1, Math.floor((y + 0.5) * src.height / h));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(src.width - 1, Math.floor((x + 0.5) * src.width / w));
      data.set(
        src.data.subarray(
          (sy * src.width + sx) * 4,
          (sy * src.width + sx + 1) * 4,
        ),
        (y * w + x) * 4,
      );
    }
  }
  return { width: w, height: h, data };
}

/**
 * Lays the rows out as `tile`-pixel squares and encodes the sheet as an RGB
 * PNG (maximum deflate level: it is written once and committed).
 *
 * @example
 * ```ts
 * import { failureSheet } from "./failure_sheet.ts";
 * const px = { width: 1, height: 1, data: new Uint8Array([0, 0, 0, 255]) };
 * failureSheet([{ photo: px, truth: px, mask: px }], 8).subarray(1, 4); // "PNG"
 * ```
 */
export function failureSheet(rows: SheetRow[], tile = 112): Uint8Array {
  const width = 3 * tile, height = rows.length * tile;
  const rgb = new Uint8Array(width * height * 3);
  rows.forEach((row, r) => {
    const tiles = [
      resizeArea(row.photo, tile, tile),
      resizeNearest(row.truth, tile, tile),
      resizeNearest(row.mask, tile, tile),
    ];
    tiles.forEach((t, c) => {
      for (let y = 0; y < tile; y++) {
        for (let x = 0; x < tile; x++) {
          const from = (y * tile + x) * 4;
          const to = ((r * tile + y) * width + c * tile + x) * 3;
          rgb[to] = t.data[from];
          rgb[to + 1] = t.data[from + 1];
          rgb[to + 2] = t.data[from + 2];
        }
      }
    });
  });
  return (pngCodec as PngEncoder).encode(rgb, {
    width,
    height,
    channels: 3,
    level: 9,
  });
}
