/**
 * @module
 * A picture assembled from tiles decoded one at a time (a HEIC grid), made
 * directly at the size the caller needs: each tile is averaged into the
 * smaller picture as it arrives and then dropped, so a 12 MP photo of 48
 * tiles never sits in memory at full size.
 */

import type { RgbaImage } from "./rgba_image.ts";

/**
 * Collects tiles of a `width`×`height` picture into a `targetWidth`×
 * `targetHeight` one (at most the full size): each output pixel is the
 * average of the source pixels that fall into it, weighted by alpha so that
 * transparency composites later like the full-size picture. Parts no tile
 * covers stay transparent.
 *
 * @example
 * ```ts
 * import { TileCanvas } from "./tile_canvas.ts";
 * const canvas = new TileCanvas(1024, 512, 256, 128);
 * canvas.paste(leftTile, 0, 0);   // 512×512 RGBA
 * canvas.paste(rightTile, 512, 0);
 * canvas.image().width; // 256
 * ```
 */
export class TileCanvas {
  readonly targetWidth: number;
  readonly targetHeight: number;
  #full: Uint8Array | null = null;
  #sums: Uint32Array | null = null;
  #colX: Int32Array;
  #rowY: Int32Array;

  constructor(
    readonly width: number,
    readonly height: number,
    targetWidth = width,
    targetHeight = height,
  ) {
    this.targetWidth = Math.max(1, Math.min(width, Math.ceil(targetWidth)));
    this.targetHeight = Math.max(1, Math.min(height, Math.ceil(targetHeight)));
    const full = this.targetWidth === width && this.targetHeight === height;
    if (full) this.#full = new Uint8Array(width * height * 4);
    // Four sums (r·a, g·a, b·a, a) and a count per output pixel.
    else this.#sums = new Uint32Array(this.targetWidth * this.targetHeight * 5);
    this.#colX = Int32Array.from(
      { length: width },
      (_, x) => Math.floor(x * this.targetWidth / width),
    );
    this.#rowY = Int32Array.from(
      { length: height },
      (_, y) => Math.floor(y * this.targetHeight / height),
    );
  }

  /** Bytes this canvas holds, for decode budgets. */
  static bytesFor(targetWidth: number, targetHeight: number, full: boolean) {
    return targetWidth * targetHeight * (full ? 4 : 20);
  }

  /** Adds a tile whose top-left corner is at (`x`, `y`); parts outside are cut off. */
  paste(tile: RgbaImage, x: number, y: number): void {
    const cols = Math.min(tile.width, this.width - x);
    const rows = Math.min(tile.height, this.height - y);
    if (x < 0 || y < 0 || cols <= 0 || rows <= 0) return;
    const src = tile.data;
    if (this.#full) {
      for (let r = 0; r < rows; r++) {
        const from = r * tile.width * 4;
        this.#full.set(
          src.subarray(from, from + cols * 4),
          ((y + r) * this.width + x) * 4,
        );
      }
      return;
    }
    const sums = this.#sums!;
    for (let r = 0; r < rows; r++) {
      const rowBase = this.#rowY[y + r] * this.targetWidth;
      let s = r * tile.width * 4;
      for (let c = 0; c < cols; c++, s += 4) {
        const d = (rowBase + this.#colX[x + c]) * 5;
        const a = src[s + 3];
        sums[d] += src[s] * a;
        sums[d + 1] += src[s + 1] * a;
        sums[d + 2] += src[s + 2] * a;
        sums[d + 3] += a;
        sums[d + 4]++;
      }
    }
  }

  /** The picture so far. */
  image(): RgbaImage {
    const w = this.targetWidth, h = this.targetHeight;
    if (this.#full) return { width: w, height: h, data: this.#full };
    const sums = this.#sums!;
    const out = new Uint8Array(w * h * 4);
    for (let i = 0, d = 0; i < w * h; i++, d += 5) {
      const a = sums[d + 3], n = sums[d + 4];
      if (!n || !a) continue;
      out[i * 4] = Math.round(sums[d] / a);
      out[i * 4 + 1] = Math.round(sums[d + 1] / a);
      out[i * 4 + 2] = Math.round(sums[d + 2] / a);
      out[i * 4 + 3] = Math.round(a / n);
    }
    return { width: w, height: h, data: out };
  }
}
