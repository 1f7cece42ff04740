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

/**
 * Upsamples class probabilities bilinearly to `outW × outH` and takes the most
 * likely class per pixel, writing each class's gray value.
 *
 * Working on probabilities at full size (instead of upscaling a small argmax
 * mask) gives smooth outlines on large photos.
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
  const classes = values.length;
  const plane = inW * inH;
  const xs = axisTaps(outW, inW);
  const ys = axisTaps(outH, inH);
  // Horizontal pass once per source row and class: classes × inH × outW floats.
  const rows = new Float32Array(classes * inH * outW);
  for (let c = 0; c < classes; c++) {
    for (let r = 0; r < inH; r++) {
      const src = c * plane + r * inW;
      const dst = (c * inH + r) * outW;
      for (let x = 0; x < outW; x++) {
        const a = probs[src + xs.i0[x]];
        rows[dst + x] = a + (probs[src + xs.i1[x]] - a) * xs.w1[x];
      }
    }
  }
  const gray = new Uint8Array(outW * outH);
  const counts = new Float64Array(classes);
  const lut = Uint8Array.from(values);
  for (let y = 0; y < outH; y++) {
    const wy = ys.w1[y];
    const r0 = ys.i0[y] * outW;
    const r1 = ys.i1[y] * outW;
    const o = y * outW;
    for (let x = 0; x < outW; x++) {
      let best = 0;
      let bestP = -1;
      for (let c = 0; c < classes; c++) {
        const base = c * inH * outW;
        const a = rows[base + r0 + x];
        const p = a + (rows[base + r1 + x] - a) * wy;
        if (p > bestP) {
          bestP = p;
          best = c;
        }
      }
      gray[o + x] = lut[best];
      counts[best]++;
    }
  }
  const total = outW * outH;
  return {
    gray,
    width: outW,
    height: outH,
    fractions: Array.from(counts, (n) => n / total),
  };
}
