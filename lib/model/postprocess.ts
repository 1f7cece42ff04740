/**
 * @module
 * Model logits → a gray class mask at the photo's own size.
 */

/** A class mask: one gray value per pixel, and how much of the photo each class covers. */
export interface ClassMask {
  /** Gray levels (the manifest's class values), row-major, `width * height`. */
  gray: Uint8Array;
  width: number;
  height: number;
  /** Fraction of pixels per class, in class order; sums to 1. */
  fractions: number[];
}

/** Softmax over the channel axis of an NCHW logits tensor (batch 1), in place into a new array. */
export function softmaxChannels(
  logits: Float32Array,
  classes: number,
  plane: number,
): Float32Array {
  const out = new Float32Array(logits.length);
  for (let p = 0; p < plane; p++) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) {
      max = Math.max(max, logits[c * plane + p]);
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const e = Math.exp(logits[c * plane + p] - max);
      out[c * plane + p] = e;
      sum += e;
    }
    for (let c = 0; c < classes; c++) out[c * plane + p] /= sum;
  }
  return out;
}

/** Source index pairs and weights for bilinear sampling (half-pixel centres, edge clamped). */
function axisTaps(outSize: number, inSize: number) {
  const i0 = new Int32Array(outSize);
  const i1 = new Int32Array(outSize);
  const w1 = new Float32Array(outSize);
  const scale = inSize / outSize;
  for (let o = 0; o < outSize; o++) {
    const s = Math.min(Math.max((o + 0.5) * scale - 0.5, 0), inSize - 1);
    const lo = Math.floor(s);
    i0[o] = lo;
    i1[o] = Math.min(lo + 1, inSize - 1);
    w1[o] = s - lo;
  }
  return { i0, i1, w1 };
}

/** A mask produced row by row, with the class counts so far. */
export interface MaskRows {
  /** Writes row `y` (gray values) into `out`; rows must come in increasing order. */
  row(y: number, out: Uint8Array): void;
  /** Pixels per class written so far. */
  counts: Float64Array;
}

/**
 * The mask at `outW × outH`, one row at a time: class probabilities are
 * upsampled bilinearly and the most likely class per pixel gives its gray
 * value. Only the two source rows a row needs are kept (interpolated across),
 * so memory does not grow with the photo.
 *
 * @example
 * ```ts
 * const rows = maskRows(probs, 176, 176, [0, 127, 255], 6000, 4000);
 * const line = new Uint8Array(6000);
 * rows.row(0, line);
 * ```
 */
export function maskRows(
  probs: Float32Array,
  inW: number,
  inH: number,
  values: readonly number[],
  outW: number,
  outH: number,
): MaskRows {
  const classes = values.length;
  const plane = inW * inH;
  const xs = axisTaps(outW, inW);
  const ys = axisTaps(outH, inH);
  const lut = Uint8Array.from(values);
  const counts = new Float64Array(classes);
  // Horizontally interpolated source rows, by source row index (at most two).
  const cache = new Map<number, Float32Array>();
  const across = (r: number): Float32Array => {
    let line = cache.get(r);
    if (line) return line;
    if (cache.size >= 2) cache.delete(Math.min(...cache.keys()));
    line = new Float32Array(classes * outW);
    for (let c = 0; c < classes; c++) {
      const src = c * plane + r * inW;
      const dst = c * outW;
      for (let x = 0; x < outW; x++) {
        const a = probs[src + xs.i0[x]];
        line[dst + x] = a + (probs[src + xs.i1[x]] - a) * xs.w1[x];
      }
    }
    cache.set(r, line);
    return line;
  };
  return {
    counts,
    row(y, out) {
      const wy = ys.w1[y];
      const top = across(ys.i0[y]);
      const bottom = across(ys.i1[y]);
      for (let x = 0; x < outW; x++) {
        let best = 0;
        let bestP = -1;
        for (let c = 0; c < classes; c++) {
          const i = c * outW + x;
          const a = top[i];
          const p = a + (bottom[i] - a) * wy;
          if (p > bestP) {
            bestP = p;
            best = c;
          }
        }
        out[x] = lut[best];
        counts[best]++;
      }
    },
  };
}

/**
 * Upsamples class probabilities bilinearly to `outW × outH` and takes the most
 * likely class per pixel, writing each class's gray value.
 *
 * Working on probabilities at full size (instead of upscaling a small argmax
 * mask) gives smooth outlines on large photos. For masks of large photos use
 * {@link maskRows} with a streaming encoder instead of holding it whole.
 *
 * @example
 * ```ts
 * const mask = probabilitiesToMask(probs, 128, 128, [0, 127, 255], 1600, 1200);
 * mask.gray.length; // 1_920_000
 * ```
 */
export function probabilitiesToMask(
  probs: Float32Array,
  inW: number,
  inH: number,
  values: readonly number[],
  outW: number,
  outH: number,
): ClassMask {
  const rows = maskRows(probs, inW, inH, values, outW, outH);
  const gray = new Uint8Array(outW * outH);
  for (let y = 0; y < outH; y++) {
    rows.row(y, gray.subarray(y * outW, (y + 1) * outW));
  }
  const total = outW * outH;
  return {
    gray,
    width: outW,
    height: outH,
    fractions: Array.from(rows.counts, (n) => n / total),
  };
}
