/**
 * @module
 * Resizing for model input and previews. Downscaling averages the exact
 * source area under each output pixel (a box filter with fractional edge
 * weights), which is what shrinking a photo by a large factor needs: no
 * aliasing, and integer factors give exact block means. Upscaling uses
 * bilinear interpolation. The two axes are handled separately, each
 * with its own method, using typed arrays only.
 */

import { pixelWords, type RgbaImage } from "./rgba_image.ts";

/**
 * Per output index, the source indices and weights that make it up.
 * `start[j]`..`start[j+1]` index into `src`/`weight`; `total[j]` is the sum of weights.
 */
interface Taps {
  start: Int32Array;
  src: Int32Array;
  weight: Float64Array;
  total: Float64Array;
}

/**
 * Resizes to exactly `width`×`height`: area average on axes that shrink,
 * bilinear on axes that grow. Channels are averaged independently (inputs
 * from `decodeImage` are opaque, so no premultiplication is needed).
 *
 * @example
 * ```ts
 * import { resizeArea } from "./resize.ts";
 * // 2×1 → 1×1: the mean of the two pixels.
 * const img = { width: 2, height: 1, data: new Uint8Array([0, 100, 200, 255, 100, 200, 0, 255]) };
 * resizeArea(img, 1, 1).data; // Uint8Array [50, 150, 100, 255]
 * ```
 */
export function resizeArea(
  src: RgbaImage,
  width: number,
  height: number,
): RgbaImage {
  if (
    !(Number.isInteger(width) && Number.isInteger(height) && width > 0 &&
      height > 0)
  ) {
    throw new RangeError(
      `resizeArea: target size must be positive integers, got ${width}×${height}`,
    );
  }
  const { width: sw, height: sh, data } = src;
  if (sw === width && sh === height) {
    return { width, height, data: data.slice() };
  }
  const tx = taps(sw, width);
  const ty = taps(sh, height);

  // Pass 1, horizontal: every source row → `width` accumulated pixels.
  // Float32 keeps integer sums exact (they stay far below 2^24).
  // With the width unchanged the source rows serve as they are.
  const mid = width === sw
    ? data
    : width < sw
    ? shrinkRows(data, sw, sh, width)
    : stretchRows(data, sw, sh, width, tx);

  // Pass 2, vertical, then divide by the total weight of both passes. Using
  // a division (not a precomputed reciprocal) keeps exact .5 means exact,
  // and `(v + 0.5) | 0` is Math.round for v ≥ 0, several times faster here.
  const out = new Uint8Array(width * height * 4);
  const { start: ys, src: ysrc, weight: yw, total: yt } = ty;
  const xt = tx.total;
  const rowLen = width * 4;
  const acc = new Float64Array(rowLen);
  for (let i = 0; i < height; i++) {
    const o = i * rowLen;
    acc.fill(0);
    for (let k = ys[i], end = ys[i + 1]; k < end; k++) {
      const wk = yw[k];
      const from = ysrc[k] * rowLen;
      for (let c = 0; c < rowLen; c++) acc[c] += mid[from + c] * wk;
    }
    for (let c = 0; c < rowLen; c++) {
      const v = (acc[c] / (yt[i] * xt[c >> 2]) + 0.5) | 0;
      out[o + c] = v > 255 ? 255 : v;
    }
  }
  return { width, height, data: out };
}

/**
 * Shrinks to fit within `maxSide`×`maxSide`, keeping the aspect ratio (the
 * long side becomes exactly `maxSide`). Never upscales: an image that already
 * fits is returned as is.
 *
 * @example
 * ```ts
 * import { resizeToFit } from "./resize.ts";
 * const img = { width: 400, height: 100, data: new Uint8Array(400 * 100 * 4) };
 * const small = resizeToFit(img, 128);
 * [small.width, small.height]; // [128, 32]
 * ```
 */
export function resizeToFit(src: RgbaImage, maxSide: number): RgbaImage {
  const long = Math.max(src.width, src.height);
  if (long <= maxSide) return src;
  const scale = maxSide / long;
  const w = src.width >= src.height
    ? maxSide
    : Math.max(1, Math.round(src.width * scale));
  const h = src.height > src.width
    ? maxSide
    : Math.max(1, Math.round(src.height * scale));
  return resizeArea(src, w, h);
}

/**
 * Horizontal area pass for shrinking: each output pixel sums a contiguous run
 * of source pixels, the two end ones weighted by how much of them it covers.
 * Reads whole pixels as 32-bit words and adds the run's inner pixels with
 * integer arithmetic: this loop touches every source pixel, so it decides
 * the speed of shrinking a 12 MP photo.
 */
function shrinkRows(
  data: Uint8Array,
  sw: number,
  sh: number,
  width: number,
): Float32Array {
  const words = pixelWords(data);
  // Byte order decides which bits of a word hold R; every platform Deno runs on is little-endian.
  const [rs, gs, bs, as] = LITTLE_ENDIAN ? [0, 8, 16, 24] : [24, 16, 8, 0];
  const scale = sw / width;
  const first = new Int32Array(width), last = new Int32Array(width);
  const wFirst = new Float64Array(width), wLast = new Float64Array(width);
  for (let j = 0; j < width; j++) {
    const x0 = j * scale, x1 = Math.min((j + 1) * scale, sw);
    first[j] = Math.floor(x0);
    last[j] = Math.max(first[j], Math.ceil(x1) - 1);
    wFirst[j] = Math.min(first[j] + 1, x1) - x0;
    wLast[j] = last[j] > first[j] ? x1 - last[j] : 0;
  }
  const mid = new Float32Array(width * sh * 4);
  for (let y = 0, m = 0; y < sh; y++) {
    const row = y * sw;
    for (let j = 0; j < width; j++, m += 4) {
      let v = words[row + first[j]];
      let wf = wFirst[j];
      let r = ((v >>> rs) & 255) * wf, g = ((v >>> gs) & 255) * wf;
      let b = ((v >>> bs) & 255) * wf, a = ((v >>> as) & 255) * wf;
      let ri = 0, gi = 0, bi = 0, ai = 0;
      const end = row + last[j];
      for (let q = row + first[j] + 1; q < end; q++) {
        v = words[q];
        ri += (v >>> rs) & 255;
        gi += (v >>> gs) & 255;
        bi += (v >>> bs) & 255;
        ai += (v >>> as) & 255;
      }
      if (last[j] > first[j]) {
        v = words[end];
        wf = wLast[j];
        r += ((v >>> rs) & 255) * wf;
        g += ((v >>> gs) & 255) * wf;
        b += ((v >>> bs) & 255) * wf;
        a += ((v >>> as) & 255) * wf;
      }
      mid[m] = r + ri;
      mid[m + 1] = g + gi;
      mid[m + 2] = b + bi;
      mid[m + 3] = a + ai;
    }
  }
  return mid;
}

/** Horizontal pass for growing: the generic tap loop (two taps per pixel). */
function stretchRows(
  data: Uint8Array,
  sw: number,
  sh: number,
  width: number,
  tx: Taps,
): Float32Array {
  const mid = new Float32Array(width * sh * 4);
  const { start: xs, src: xsrc, weight: xw } = tx;
  for (let y = 0, m = 0; y < sh; y++) {
    const row = y * sw * 4;
    for (let j = 0; j < width; j++, m += 4) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let k = xs[j], end = xs[j + 1]; k < end; k++) {
        const p = row + xsrc[k] * 4;
        const wk = xw[k];
        r += data[p] * wk;
        g += data[p + 1] * wk;
        b += data[p + 2] * wk;
        a += data[p + 3] * wk;
      }
      mid[m] = r;
      mid[m + 1] = g;
      mid[m + 2] = b;
      mid[m + 3] = a;
    }
  }
  return mid;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Weights mapping `n` source samples to `m` output samples along one axis. */
function taps(n: number, m: number): Taps {
  const start = new Int32Array(m + 1);
  const total = new Float64Array(m);
  const srcIdx: number[] = [];
  const weights: number[] = [];
  const scale = n / m;
  for (let j = 0; j < m; j++) {
    start[j] = srcIdx.length;
    if (m <= n) {
      // Area: source interval [j*scale, (j+1)*scale), partial pixels at the ends.
      const x0 = j * scale, x1 = (j + 1) * scale;
      for (let x = Math.floor(x0); x < x1 && x < n; x++) {
        const w = Math.min(x + 1, x1) - Math.max(x, x0);
        if (w <= 1e-9) continue;
        srcIdx.push(x);
        weights.push(w);
        total[j] += w;
      }
    } else {
      // Bilinear, pixel centres aligned (x+0.5 in output ↔ source), clamped.
      const pos = Math.min(Math.max((j + 0.5) * scale - 0.5, 0), n - 1);
      const x = Math.floor(pos);
      const f = pos - x;
      srcIdx.push(x);
      weights.push(1 - f);
      if (f > 0) {
        srcIdx.push(x + 1);
        weights.push(f);
      }
      total[j] = 1;
    }
  }
  start[m] = srcIdx.length;
  return {
    start,
    src: Int32Array.from(srcIdx),
    weight: Float64Array.from(weights),
    total,
  };
}
