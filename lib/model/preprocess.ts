/**
 * @module
 * Photo → model input tensor, following the manifest (size, mean, std).
 */
import type { RgbaImage } from "../image/decode.ts";
import { resizeArea } from "../image/resize.ts";
import type { ModelManifest } from "./manifest.ts";

/**
 * Stretches the whole photo to the model's input size with an area-average
 * resize (the model was trained on stretched photos, so no letterboxing), then
 * normalises RGB on 0..1 with the manifest's mean/std into an NCHW float array.
 *
 * @example
 * ```ts
 * const input = toInputTensor(decoded.image, manifest); // length 3 * W * H
 * ```
 */
export function toInputTensor(
  img: RgbaImage,
  manifest: ModelManifest,
): Float32Array {
  const { width: w, height: h, mean, std } = manifest.input;
  const small = img.width === w && img.height === h
    ? img
    : resizeArea(img, w, h);
  const plane = w * h;
  const out = new Float32Array(3 * plane);
  const src = small.data;
  // Fold /255, -mean and /std into one multiply-add per channel.
  const scale = std.map((s) => 1 / (255 * s));
  const offset = mean.map((m, c) => -m / std[c]);
  for (let i = 0, p = 0; p < plane; p++, i += 4) {
    out[p] = src[i] * scale[0] + offset[0];
    out[plane + p] = src[i + 1] * scale[1] + offset[1];
    out[2 * plane + p] = src[i + 2] * scale[2] + offset[2];
  }
  return out;
}
