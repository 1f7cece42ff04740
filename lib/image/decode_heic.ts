/**
 * @module
 * HEIC pixels through `libheif-js` (libheif with libde265, compiled to
 * WebAssembly; LGPL-3.0, used unmodified as an npm dependency; no FFI).
 * A single picture is decoded whole, with libheif applying `irot`/`imir`/
 * `clap`; a grid (how phones store photos: 512×512 tiles) is decoded tile by
 * tile into a {@linkcode TileCanvas} at the size the caller needs, so memory
 * holds one tile and the small picture, never the full photo. 10- and 12-bit
 * pictures come out as 8-bit RGBA (libheif's colour conversion).
 */

import { corrupt, ImageError } from "./errors.ts";
import type { HeifInfo } from "./heif_header.ts";
import {
  decodeHeicWith,
  type HeicPixels,
  type LibHeif,
} from "./heic_pixels.ts";

export type { HeicPixels } from "./heic_pixels.ts";

/**
 * When libheif's memory has grown past this, the next decode starts a fresh
 * instance: WebAssembly memory only grows, so one large single picture
 * would otherwise keep its buffers for the life of the worker. Tiles of a
 * grid stay well below it, so phone photos reuse the instance (a fresh one
 * costs a WASM compile, about 0.2–1 s).
 */
const RECYCLE_ABOVE_BYTES = 48 * 1024 * 1024;
let module: Promise<LibHeif> | undefined;
let recycle = false;

// The module carries its 1.4 MB of WASM inline: load it only when a HEIC arrives.
function libheif(): Promise<LibHeif> {
  if (recycle) {
    recycle = false;
    module = undefined;
  }
  module ??= import("libheif-js/libheif-wasm/libheif-bundle.mjs").then(
    (m) => (m.default as () => LibHeif)(),
  );
  return module;
}

/**
 * Decodes a HEIC's primary image. `info` must come from `readHeifInfo` on
 * the same bytes, and the caller must have checked its budgets. A grid is
 * made at `targetWidth`×`targetHeight` (stored orientation; at most its
 * full size), a single picture at full size. `pause` runs between tiles.
 *
 * @example
 * ```ts
 * import { decodeHeic } from "./decode_heic.ts";
 * import { readHeifInfo } from "./heif_header.ts";
 * const bytes = await Deno.readFile("tests/fixtures/images/quadrants.heic");
 * const { image } = await decodeHeic(bytes, readHeifInfo(bytes), 48, 32);
 * [image.width, image.height]; // [48, 32]
 * ```
 */
export async function decodeHeic(
  bytes: Uint8Array,
  info: HeifInfo,
  targetWidth: number,
  targetHeight: number,
  pause?: () => Promise<void>,
): Promise<HeicPixels> {
  const heif = await libheif();
  try {
    return await decodeHeicWith(
      heif,
      bytes,
      info,
      targetWidth,
      targetHeight,
      pause,
    );
  } catch (err) {
    // A trap inside the WASM (a damaged bitstream) may leave libheif in any
    // state: the next file gets a fresh instance.
    if (err instanceof ImageError) throw err;
    recycle = true;
    throw corrupt("HEIC", err);
  } finally {
    if ((heif.HEAPU8?.byteLength ?? 0) > RECYCLE_ABOVE_BYTES) recycle = true;
  }
}
