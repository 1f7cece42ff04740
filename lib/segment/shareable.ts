/**
 * @module
 * Sharing a result the page already has: the page sends its (downscaled)
 * photo and the mask it was given, and this checks the mask is one of ours —
 * an image holding only the model's class values, read row by row — and
 * makes the share page's thumbnail and overlay, without running the model
 * again.
 */
import { decodeImage, DEFAULT_MAX_PIXELS } from "../image/decode.ts";
import { readPngRows } from "../image/png_stream.ts";
import { resizeToFit } from "../image/resize.ts";
import { sniffImage } from "../image/sniff.ts";
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
  /** Memory budget of decoding the photo (see `decodeImage`). */
  maxDecodeBytes?: number;
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
  const info = sniffImage(maskPng);
  if (info.format !== "png") {
    throw new ImageError("unsupported_type", "The mask must be a PNG.");
  }
  const { width, height } = info;
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (width * height > maxPixels) {
    throw new ImageError(
      "too_many_pixels",
      `This mask is too large (${width}×${height} pixels).`,
    );
  }
  const decoded = await decodeImage(photo, {
    maxPixels: opts.maxPixels,
    maxDecodeBytes: opts.maxDecodeBytes,
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
  const small = resizeToFit(decoded.image, SHARE_PHOTO_MAX_SIDE);
  const tw = small.width, th = small.height;
  // The mask is read row by row: checked, counted, and sampled at the
  // thumbnail's size (nearest pixel), never held whole.
  const grid = new Uint8Array(tw * th);
  const rowsWanted = new Map<number, number[]>();
  for (let ty = 0; ty < th; ty++) {
    const y = Math.min(height - 1, Math.floor(((ty + 0.5) * height) / th));
    rowsWanted.set(y, [...(rowsWanted.get(y) ?? []), ty]);
  }
  const cols = Int32Array.from(
    { length: tw },
    (_, tx) => Math.min(width - 1, Math.floor(((tx + 0.5) * width) / tw)),
  );
  const allowed = new Uint8Array(256);
  for (const v of values) allowed[v] = 1;
  const counts = new Float64Array(256);
  const row = new Uint8Array(width);
  await readPngRows(maskPng, (rgba, n, y, x0, dx) => {
    for (let i = 0; i < n; i++) {
      const s = i * 4;
      const v = rgba[s];
      if (!allowed[v] || rgba[s + 1] !== v || rgba[s + 2] !== v) {
        throw new ImageError(
          "corrupt_image",
          "This mask was not made by this app (it has values other than the model's classes).",
        );
      }
      counts[v]++;
      row[x0 + i * dx] = v;
    }
    // Interlaced masks fill rows in passes: sample only complete rows.
    if (dx === 1) {
      for (const ty of rowsWanted.get(y) ?? []) {
        for (let tx = 0; tx < tw; tx++) grid[ty * tw + tx] = row[cols[tx]];
      }
    }
  });
  const total = width * height;
  const fractions = values.map((v) => counts[v] / total);
  const thumbnail = await makeThumbnail(
    small,
    { gray: grid, width: tw, height: th, fractions },
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
