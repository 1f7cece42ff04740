/**
 * @module
 * HEIC and AVIF for `decodeImage`: what a decode will cost in memory (from
 * the checked headers, before any decoder starts) and the decode itself,
 * through the codec the file needs. Grids of HEIC tiles are made at the
 * size the caller needs; single pictures and AVIF at full size.
 */

import { decodeAvif } from "./decode_avif.ts";
import { decodeHeic } from "./decode_heic.ts";
import type { HeifInfo } from "./heif_header.ts";
import type { RgbaImage } from "./rgba_image.ts";
import { TileCanvas } from "./tile_canvas.ts";

/**
 * Bytes per coded pixel a decoder holds at once, measured (peak RSS over a
 * 12 MP picture, see BENCHMARKS.md): libheif's YCbCr planes, its RGBA and
 * our copy; libavif's larger frame buffers, its RGBA and the JS copy.
 * Deeper samples take two bytes each.
 */
const BYTES_PER_PIXEL = { heic: 14, avif: 22 } as const;
const EXTRA_PER_DEEP_PIXEL = 6;

/** A HEIF decode's output size and memory cost. */
export interface HeifPlan {
  /** Size of the picture the decoder returns (stored orientation). */
  width: number;
  height: number;
  /** Bytes the decode holds at once (compare with the decode budget). */
  bytes: number;
}

/**
 * Plans a decode: a HEIC grid is made at the smallest size that covers
 * `needW`×`needH` (stored orientation; 0 for full size), anything else at
 * full size; `bytes` is what that holds at once — one coded picture (a tile,
 * or the whole image), the output, and the file the decoder keeps a copy of.
 *
 * @example
 * ```ts
 * import { planHeifDecode } from "./decode_heif.ts";
 * import { readHeifInfo } from "./heif_header.ts";
 * const plan = planHeifDecode(readHeifInfo(bytes), bytes.length, 176, 176);
 * plan.bytes <= 96 * 1024 * 1024; // true for a 12 MP iPhone photo
 * ```
 */
export function planHeifDecode(
  info: HeifInfo,
  fileBytes: number,
  needW: number,
  needH: number,
): HeifPlan {
  const perPixel = BYTES_PER_PIXEL[info.format] +
    (info.bitDepth > 8 ? EXTRA_PER_DEEP_PIXEL : 0);
  const file = 2 * fileBytes;
  if (info.format === "heic" && info.tiles) {
    const s = needW || needH
      ? Math.min(1, Math.max(needW / info.width, needH / info.height))
      : 1;
    const width = Math.ceil(info.width * s),
      height = Math.ceil(info.height * s);
    const canvas = TileCanvas.bytesFor(width, height, s === 1);
    return {
      width,
      height,
      bytes: file + canvas + info.codedWidth * info.codedHeight * perPixel,
    };
  }
  // libavif assembles a grid whole, so every tile counts.
  const tiles = info.tiles?.length ?? 1;
  return {
    width: info.width,
    height: info.height,
    bytes: file + tiles * info.codedWidth * info.codedHeight * perPixel,
  };
}

/**
 * Decodes a HEIC or AVIF as planned (`info` from `readHeifInfo` on the same
 * bytes; budgets already checked). `oriented` says whether the decoder
 * already applied `irot`/`imir` (libheif does for a single picture).
 *
 * @example
 * ```ts
 * import { decodeHeif, planHeifDecode } from "./decode_heif.ts";
 * import { readHeifInfo } from "./heif_header.ts";
 * const info = readHeifInfo(bytes);
 * const { image } = await decodeHeif(bytes, info, planHeifDecode(info, bytes.length, 0, 0));
 * ```
 */
export async function decodeHeif(
  bytes: Uint8Array,
  info: HeifInfo,
  plan: HeifPlan,
  pause?: () => Promise<void>,
): Promise<{ image: RgbaImage; oriented: boolean }> {
  if (info.format === "heic") {
    return await decodeHeic(bytes, info, plan.width, plan.height, pause);
  }
  return {
    image: await decodeAvif(bytes, info.width, info.height),
    oriented: false,
  };
}
