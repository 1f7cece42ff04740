/**
 * @module
 * Applies an EXIF orientation (1..8) to pixels, so a photo taken with the
 * phone on its side comes out upright — the same way browsers show it.
 */

import { pixelWords, type RgbaImage } from "./rgba_image.ts";

/**
 * Returns the image as it should be displayed for the given EXIF
 * orientation. Orientations 5..8 swap width and height. Orientation 1 (and
 * any value outside 1..8) returns `img` itself; others return a new image.
 *
 * @example
 * ```ts
 * import { orient } from "./orientation.ts";
 * // 2×1 image: red, blue. Orientation 6 means "rotate 90° clockwise to view".
 * const img = { width: 2, height: 1, data: new Uint8Array([255,0,0,255, 0,0,255,255]) };
 * const up = orient(img, 6);
 * [up.width, up.height]; // [1, 2]  (red on top, blue below)
 * ```
 */
export function orient(img: RgbaImage, orientation: number): RgbaImage {
  if (!Number.isInteger(orientation) || orientation < 2 || orientation > 8) {
    return img;
  }
  const { width: w, height: h } = img;
  const swap = orientation >= 5;
  const outW = swap ? h : w;
  const src = pixelWords(img.data);
  const out = new Uint8Array(w * h * 4);
  const dst = new Uint32Array(out.buffer);
  // Where stored pixel (x, y) lands in the output: base + x*stepX + y*stepY.
  // Derived from the EXIF spec's table of what each value means on screen.
  const [base, stepX, stepY] = ({
    2: [w - 1, -1, w],
    3: [h * w - 1, -1, -w],
    4: [(h - 1) * w, 1, -w],
    5: [0, h, 1],
    6: [h - 1, h, -1],
    7: [w * h - 1, -h, -1],
    8: [(w - 1) * h, -h, 1],
  } as Record<number, [number, number, number]>)[orientation];
  let i = 0;
  for (let y = 0; y < h; y++) {
    let d = base + y * stepY;
    for (let x = 0; x < w; x++, d += stepX) dst[d] = src[i++];
  }
  return { width: outW, height: swap ? w : h, data: out };
}

/**
 * Width and height as displayed, given the stored size and EXIF orientation.
 *
 * @example
 * ```ts
 * import { orientedSize } from "./orientation.ts";
 * orientedSize(4000, 3000, 6); // [3000, 4000]
 * ```
 */
export function orientedSize(
  width: number,
  height: number,
  orientation: number,
): [number, number] {
  return orientation >= 5 && orientation <= 8
    ? [height, width]
    : [width, height];
}
