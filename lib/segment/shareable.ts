/**
 * @module
 * Sharing a result the page already has: the page sends its (downscaled)
 * photo and the mask it was given, and this checks the mask is one of ours —
 * an 8-bit gray image holding only the model's class values — and makes the
 * share page's thumbnail and overlay, without running the model again.
 */
import { decodeImage } from "../image/decode.ts";
import { ImageError } from "../image/errors.ts";
import type { ModelManifest } from "../model/manifest.ts";
import { makeThumbnail } from "./segment.ts";
import type { ShareableResult } from "../share/shares.ts";

/** Longest side of the photo kept with a share link. */
export const SHARE_PHOTO_MAX_SIDE = 720;

/** Limits of {@link shareableFromMask}. */
export interface ShareableOptions {
  /** Largest mask (pixels) accepted. */
  maxPixels?: number;
  /** Processing time the page measured, shown on the share page (clamped). */
  totalMs?: number;
}

/**
 * Validates `maskPng` against the manifest's classes and builds what a share
 * link stores. Throws `ImageError` for a photo or mask we cannot use.
 *
 * @example
 * ```ts
 * const shareable = await shareableFromMask(photoJpeg, maskPng, manifest);
 * await shares.create(shareable);
 * ```
 */
export async function shareableFromMask(
  photo: Uint8Array,
  maskPng: Uint8Array,
  manifest: ModelManifest,
  opts: ShareableOptions = {},
): Promise<ShareableResult> {
  const values = manifest.classes.map((c) => c.value);
  const maskImg = (await decodeImage(maskPng, { maxPixels: opts.maxPixels }))
    .image;
  const { width, height } = maskImg;
  const gray = new Uint8Array(width * height);
  const counts = new Map<number, number>(values.map((v) => [v, 0]));
  for (let i = 0, p = 0; p < gray.length; i += 4, p++) {
    const v = maskImg.data[i];
    if (
      !counts.has(v) || maskImg.data[i + 1] !== v || maskImg.data[i + 2] !== v
    ) {
      throw new ImageError(
        "corrupt_image",
        "This mask was not made by this app (it has values other than the model's classes).",
      );
    }
    counts.set(v, counts.get(v)! + 1);
    gray[p] = v;
  }
  const decoded = await decodeImage(photo, {
    maxPixels: opts.maxPixels,
    minDecodeWidth: SHARE_PHOTO_MAX_SIDE,
    minDecodeHeight: SHARE_PHOTO_MAX_SIDE,
  });
  const ratio = (decoded.width / decoded.height) / (width / height);
  if (ratio < 0.97 || ratio > 1.03) {
    throw new ImageError(
      "corrupt_image",
      "The photo and the mask have different shapes; segment the photo again and share that.",
    );
  }
  const fractions = values.map((v) => counts.get(v)! / gray.length);
  const thumbnail = await makeThumbnail(
    decoded.image,
    { gray, width, height, fractions },
    SHARE_PHOTO_MAX_SIDE,
  );
  const totalMs = Math.max(0, Math.min(600_000, Number(opts.totalMs) || 0));
  return {
    width,
    height,
    maskPng,
    classes: manifest.classes.map((c, i) => ({
      name: c.name,
      value: c.value,
      fraction: Math.round(fractions[i] * 1e6) / 1e6,
    })),
    timing: { decodeMs: 0, inferenceMs: 0, postprocessMs: 0, totalMs },
    thumbnail,
  };
}
