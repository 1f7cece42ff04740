/**
 * @module
 * Composites transparent pixels over white. A cut-out pet on a transparent
 * PNG should reach the model looking like the pet on a white page (as a
 * person sees it in most viewers), not on black, which is what simply
 * dropping the alpha channel of premultiplied-to-zero pixels would give.
 */

/**
 * Blends every pixel of RGBA `data` over an opaque white background, in
 * place, and sets alpha to 255. Returns false (touching nothing) when the
 * image was already fully opaque.
 *
 * @example
 * ```ts
 * import { flattenOnWhite } from "./alpha.ts";
 * const px = new Uint8Array([0, 0, 0, 0, 200, 0, 0, 128]);
 * flattenOnWhite(px); // true
 * px; // [255,255,255,255, 227,127,127,255]
 * ```
 */
export function flattenOnWhite(data: Uint8Array): boolean {
  let i = 3;
  const n = data.length;
  while (i < n && data[i] === 255) i += 4;
  if (i >= n) return false;
  for (i -= 3; i < n; i += 4) {
    const a = data[i + 3];
    if (a === 255) continue;
    const bg = 255 * (255 - a) + 127; // +127 rounds the /255 below
    data[i] = ((data[i] * a + bg) / 255) | 0;
    data[i + 1] = ((data[i + 1] * a + bg) / 255) | 0;
    data[i + 2] = ((data[i + 2] * a + bg) / 255) | 0;
    data[i + 3] = 255;
  }
  return true;
}
