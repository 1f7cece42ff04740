/**
 * @module
 * The segmentation pipeline: photo bytes in, gray class mask PNG out.
 * Shared by the inference worker and by `deno task eval`, so what is measured
 * is exactly what the server does.
 */
import { decodeImage } from "../image/decode.ts";
import { ImageError } from "../image/errors.ts";
import { sniffImage } from "../image/sniff.ts";
import type { RgbaImage } from "../image/rgba_image.ts";
import { encodeGrayPngRows } from "../image/png.ts";
import { resizeToFit } from "../image/resize.ts";
import type { ModelManifest } from "../model/manifest.ts";
import { toInputTensor } from "../model/preprocess.ts";
import { type Forward, infer } from "../model/infer.ts";
import {
  type ClassMask,
  maskRows,
  probabilitiesToMask,
  softmaxChannels,
} from "../model/postprocess.ts";
import { encodeJpeg } from "./jpeg.ts";

/** Limits and extras for one segmentation. */
export interface SegmentOptions {
  /** Refuse photos above this many pixels (checked on the header). Default 40 MP. */
  maxPixels?: number;
  /** Refuse photos whose shorter side is below this. Default 16. */
  minSide?: number;
  /** Refuse photos with a side longer than this (memory for the full-size mask grows with it). Default 30 000. */
  maxSide?: number;
  /** Also return a JPEG of the photo fitting in this many pixels per side (for share pages). */
  thumbnailMaxSide?: number;
  /** Memory budget of decoding the photo (see `decodeImage`). */
  maxDecodeBytes?: number;
}

/** Share of the photo one class covers. */
export interface ClassFraction {
  name: string;
  value: number;
  fraction: number;
}

/** Milliseconds spent per stage. */
export interface SegmentTiming {
  decodeMs: number;
  inferenceMs: number;
  postprocessMs: number;
  totalMs: number;
}

/** What one segmentation produces. */
export interface SegmentResult {
  /** Full-size oriented photo dimensions; the mask has exactly this size. */
  width: number;
  height: number;
  /** 8-bit gray PNG with one class value per pixel. */
  maskPng: Uint8Array;
  classes: ClassFraction[];
  timing: SegmentTiming;
  /** Downscaled photo and the same photo with the classes tinted on it (for share pages). */
  thumbnail?: {
    jpeg: Uint8Array;
    overlayJpeg: Uint8Array;
    width: number;
    height: number;
  };
}

const round2 = (ms: number) => Math.round(ms * 100) / 100;

/**
 * Decodes a photo, runs the model and builds the mask at the photo's size.
 * `pause` runs between stages (inline, it lets the event loop breathe).
 *
 * @example
 * ```ts
 * const result = await segmentImage(bytes, manifest, (x) => session.run(x));
 * await Deno.writeFile("mask.png", result.maskPng);
 * ```
 */
export async function segmentImage(
  bytes: Uint8Array,
  manifest: ModelManifest,
  run: Forward,
  opts: SegmentOptions = {},
  pause: () => Promise<void> = async () => {},
): Promise<SegmentResult> {
  const t0 = performance.now();
  const { width: inW, height: inH } = manifest.input;
  const info = sniffImage(bytes);
  const maxSide = opts.maxSide ?? 30_000;
  if (Math.max(info.width, info.height) > maxSide) {
    throw new ImageError(
      "too_many_pixels",
      `This image is ${info.width}×${info.height} pixels; each side may be at most ${maxSide} pixels. Crop or resize it and try again.`,
    );
  }
  const thumbSide = opts.thumbnailMaxSide ?? 0;
  // Decode only as large as needed: JPEGs decode DCT-scaled, 5–10× cheaper.
  const need = Math.max(inW, inH, thumbSide);
  const decoded = await decodeImage(bytes, {
    maxPixels: opts.maxPixels,
    minSide: opts.minSide,
    minDecodeWidth: need,
    minDecodeHeight: need,
    maxDecodeBytes: opts.maxDecodeBytes,
    pause,
  });
  const input = toInputTensor(decoded.image, manifest);
  const t1 = performance.now();
  await pause();
  const logits = await infer(run, input, manifest);
  const t2 = performance.now();
  await pause();
  const probs = classProbabilities(logits, manifest);
  const values = manifest.classes.map((c) => c.value);
  // The full-size mask is made and compressed row by row: never held whole.
  const rows = maskRows(
    probs,
    inW,
    inH,
    values,
    decoded.width,
    decoded.height,
  );
  const maskPng = await encodeGrayPngRows(
    decoded.width,
    decoded.height,
    rows.row,
    pause,
  );
  const total = decoded.width * decoded.height;
  let thumbnail;
  if (thumbSide > 0) {
    const small = resizeToFit(decoded.image, thumbSide);
    const mask = probabilitiesToMask(
      probs,
      inW,
      inH,
      values,
      small.width,
      small.height,
    );
    thumbnail = await makeThumbnail(small, mask, thumbSide);
  }
  const t3 = performance.now();
  return {
    width: decoded.width,
    height: decoded.height,
    maskPng,
    classes: manifest.classes.map((c, i) => ({
      name: c.name,
      value: c.value,
      fraction: Math.round((rows.counts[i] / total) * 1e6) / 1e6,
    })),
    timing: {
      decodeMs: round2(t1 - t0),
      inferenceMs: round2(t2 - t1),
      postprocessMs: round2(t3 - t2),
      totalMs: round2(t3 - t0),
    },
    thumbnail,
  };
}

/** Class probabilities (softmax over the channels) from raw logits, checked against the manifest. */
function classProbabilities(
  logits: Float32Array,
  manifest: ModelManifest,
): Float32Array {
  const { width: inW, height: inH } = manifest.input;
  const classes = manifest.classes.length;
  if (logits.length !== classes * inW * inH) {
    throw new Error(
      `Model output has ${logits.length} values; the manifest expects ${classes}×${inH}×${inW}.`,
    );
  }
  return softmaxChannels(logits, classes, inW * inH);
}

/** Tint per gray value: pet orange, border yellow, background untouched. */
const TINT: Record<number, [number, number, number, number]> = {
  0: [255, 99, 71, 0.55],
  255: [255, 215, 0, 0.8],
};

/**
 * A downscaled JPEG of the photo and the same photo with the mask's classes
 * tinted on it (what a share page shows).
 */
export async function makeThumbnail(
  img: RgbaImage,
  mask: ClassMask,
  maxSide: number,
) {
  const small = img.width > maxSide || img.height > maxSide
    ? resizeToFit(img, maxSide)
    : img;
  const { width: w, height: h } = small;
  const tinted = new Uint8Array(small.data);
  for (let y = 0; y < h; y++) {
    const my = Math.min(
      mask.height - 1,
      Math.floor(((y + 0.5) * mask.height) / h),
    );
    for (let x = 0; x < w; x++) {
      const mx = Math.min(
        mask.width - 1,
        Math.floor(((x + 0.5) * mask.width) / w),
      );
      const t = TINT[mask.gray[my * mask.width + mx]];
      if (!t) continue;
      const o = (y * w + x) * 4;
      for (let c = 0; c < 3; c++) {
        tinted[o + c] = Math.round(tinted[o + c] * (1 - t[3]) + t[c] * t[3]);
      }
    }
  }
  const [jpeg, overlayJpeg] = await Promise.all([
    encodeJpeg(small, 82),
    encodeJpeg({ width: w, height: h, data: tinted }, 82),
  ]);
  return { jpeg, overlayJpeg, width: w, height: h };
}
