/**
 * @module
 * The two resizes that made the prepared Oxford-IIIT Pet copy, reproduced
 * bit for bit on decoded pixels: Pillow's `Image.resize(size, BILINEAR)`
 * (a triangle filter widened by the scale factor when shrinking, 22-bit
 * fixed-point weights, horizontal pass then vertical, each rounded to 8
 * bits) for photos, and Pillow's `NEAREST` for trimaps, whose values are
 * class labels and must never be blended. `lib/image`'s `resizeArea` is a
 * box filter meant for the app's model input; the data set's `real-train`
 * photos were made with Pillow's bilinear filter, so this is what rebuilds
 * them (same pixels before JPEG encoding, given the same decoded source).
 */

import type { RgbaImage } from "../../lib/image/rgba_image.ts";

const PRECISION_BITS = 32 - 8 - 2;
const ONE = 2 ** PRECISION_BITS;
const HALF = 2 ** (PRECISION_BITS - 1);

/** Per output pixel: first source index, tap count, fixed-point weights. */
interface Coeffs {
  ksize: number;
  first: Int32Array;
  count: Int32Array;
  weights: Float64Array;
}

/** Pillow's `precompute_coeffs` + `normalize_coeffs_8bpc` for the bilinear filter. */
function coeffs(inSize: number, outSize: number): Coeffs {
  const scale = inSize / outSize;
  const filterscale = Math.max(scale, 1);
  const support = 1 * filterscale; // bilinear support is 1
  const ksize = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * ksize);
  const pre = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const ss = 1 / filterscale;
    // C casts truncate toward zero.
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      const t = Math.abs((x + xmin - center + 0.5) * ss);
      const w = t < 1 ? 1 - t : 0;
      pre[x] = w;
      ww += w;
    }
    for (let x = 0; x < xmax; x++) {
      const v = ww !== 0 ? pre[x] / ww : pre[x];
      weights[xx * ksize + x] = v < 0
        ? Math.trunc(-0.5 + v * ONE)
        : Math.trunc(0.5 + v * ONE);
    }
    first[xx] = xmin;
    count[xx] = xmax;
  }
  return { ksize, first, count, weights };
}

function clip8(ss: number): number {
  const v = Math.floor(ss / ONE);
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/**
 * Resizes RGBA pixels exactly like Pillow's `Image.resize((w, h),
 * Image.BILINEAR)` on an RGB image (alpha is resized the same way).
 *
 * @example
 * ```ts
 * import { resizeBilinearPil } from "./resample.ts";
 * const img = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 255, 200, 200, 200, 255]) };
 * resizeBilinearPil(img, 1, 1).data; // Uint8Array [100, 100, 100, 255]
 * ```
 */
export function resizeBilinearPil(
  src: RgbaImage,
  width: number,
  height: number,
): RgbaImage {
  checkSize(width, height);
  const { width: sw, height: sh, data } = src;
  const cx = coeffs(sw, width);
  const cy = coeffs(sh, height);
  // Only the source rows the vertical pass reads are resized horizontally.
  const yFirst = cy.first[0];
  const yLast = cy.first[height - 1] + cy.count[height - 1];
  let rows = data, rowsFirst = 0;
  if (width !== sw) {
    const tmpH = yLast - yFirst;
    rows = new Uint8Array(width * tmpH * 4);
    for (let y = 0; y < tmpH; y++) {
      const inRow = (y + yFirst) * sw * 4;
      const outRow = y * width * 4;
      for (let xx = 0; xx < width; xx++) {
        const xmin = cx.first[xx], n = cx.count[xx], k = xx * cx.ksize;
        let r = HALF, g = HALF, b = HALF, a = HALF;
        for (let x = 0; x < n; x++) {
          const w = cx.weights[k + x];
          const p = inRow + (x + xmin) * 4;
          r += data[p] * w;
          g += data[p + 1] * w;
          b += data[p + 2] * w;
          a += data[p + 3] * w;
        }
        const o = outRow + xx * 4;
        rows[o] = clip8(r);
        rows[o + 1] = clip8(g);
        rows[o + 2] = clip8(b);
        rows[o + 3] = clip8(a);
      }
    }
    rowsFirst = yFirst;
  }
  if (height === sh) {
    return { width, height, data: rows === data ? data.slice() : rows };
  }
  const out = new Uint8Array(width * height * 4);
  const rowLen = width * 4;
  for (let yy = 0; yy < height; yy++) {
    const ymin = cy.first[yy] - rowsFirst, n = cy.count[yy];
    const k = yy * cy.ksize;
    const o = yy * rowLen;
    for (let c = 0; c < rowLen; c++) {
      let ss = HALF;
      for (let y = 0; y < n; y++) {
        ss += rows[(y + ymin) * rowLen + c] * cy.weights[k + y];
      }
      out[o + c] = clip8(ss);
    }
  }
  return { width, height, data: out };
}

/**
 * Resizes RGBA pixels like Pillow's `Image.resize((w, h), Image.NEAREST)`:
 * output pixel `x` takes source pixel `floor((x + 0.5) * srcWidth / width)`,
 * that position summed step by step as Pillow does.
 * For label images (trimaps), whose values must stay exactly 1, 2 or 3.
 *
 * @example
 * ```ts
 * import { resizeNearestPil } from "./resample.ts";
 * const img = { width: 2, height: 1, data: new Uint8Array([1, 1, 1, 255, 3, 3, 3, 255]) };
 * resizeNearestPil(img, 4, 1).data.filter((_, i) => i % 4 === 0); // [1, 1, 3, 3]
 * ```
 */
export function resizeNearestPil(
  src: RgbaImage,
  width: number,
  height: number,
): RgbaImage {
  checkSize(width, height);
  const { width: sw, height: sh } = src;
  const words = new Uint32Array(
    src.data.slice().buffer,
    0,
    sw * sh,
  );
  const out = new Uint32Array(width * height);
  const xs = nearestIndex(sw, width);
  const ys = nearestIndex(sh, height);
  for (let y = 0; y < height; y++) {
    const row = ys[y] * sw;
    for (let x = 0; x < width; x++) out[y * width + x] = words[row + xs[x]];
  }
  return { width, height, data: new Uint8Array(out.buffer) };
}

/**
 * Pillow's `ImagingScaleAffine` source positions: it starts at half a step
 * and adds the step once per pixel, so the rounding of that running sum
 * (not `(x + 0.5) * step`) decides which pixel is taken at exact ties.
 */
function nearestIndex(inSize: number, outSize: number): Int32Array {
  const step = inSize / outSize;
  const idx = new Int32Array(outSize);
  let pos = step * 0.5;
  for (let x = 0; x < outSize; x++) {
    idx[x] = Math.min(Math.trunc(pos), inSize - 1);
    pos += step;
  }
  return idx;
}

function checkSize(width: number, height: number): void {
  if (
    !(Number.isInteger(width) && Number.isInteger(height) && width > 0 &&
      height > 0)
  ) {
    throw new RangeError(
      `target size must be positive integers, got ${width}×${height}`,
    );
  }
}
