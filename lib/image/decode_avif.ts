/**
 * @module
 * AVIF pixels through `@jsquash/avif` (libavif with libaom's decoder,
 * compiled to WebAssembly, from the Squoosh app; Apache-2.0 / BSD-2; no
 * FFI). libavif assembles grids and converts 10- and 12-bit pictures to
 * 8-bit RGBA; it leaves `irot`/`imir` to the caller, so the picture comes
 * back as stored and `decodeImage` turns it upright.
 */

import { corrupt } from "./errors.ts";
import type { RgbaImage } from "./rgba_image.ts";

/**
 * Past this many pixels the next decode starts a fresh libavif instance:
 * WebAssembly memory only grows, so without this one large upload would
 * keep its buffers alive for the life of the worker.
 */
const RECYCLE_AFTER_PIXELS = 4_000_000;
let recycle = false;

type AvifCodec = typeof import("@jsquash/avif/decode.js");
// Loaded when the first AVIF arrives, not with every worker that imports this.
let codec: Promise<AvifCodec> | undefined;

/**
 * Decodes an AVIF's primary image to RGBA of `width`×`height` (its stored
 * size, from `readHeifInfo`), alpha as stored. The caller must have
 * checked the decode budget first.
 *
 * @example
 * ```ts
 * import { decodeAvif } from "./decode_avif.ts";
 * const img = await decodeAvif(await Deno.readFile("tests/fixtures/images/quadrants.avif"), 48, 32);
 * [img.width, img.height]; // [48, 32]
 * ```
 */
export async function decodeAvif(
  bytes: Uint8Array,
  width: number,
  height: number,
): Promise<RgbaImage> {
  let out: { width: number; height: number; data: Uint8ClampedArray } | null;
  try {
    codec ??= import("@jsquash/avif/decode.js");
    const avif = await codec;
    if (recycle) {
      recycle = false;
      avif.init(); // the old instance, and its memory, becomes garbage
    }
    // The decoder wants an ArrayBuffer holding exactly the file.
    out = await avif.default(bytes.slice().buffer);
  } catch (err) {
    recycle = true; // after a trap the instance may be in any state
    throw corrupt("AVIF", err);
  }
  if (width * height > RECYCLE_AFTER_PIXELS) recycle = true;
  // The header check already bounded the size; insist on it, so a surprise
  // can never hand out a buffer of the wrong size.
  if (
    !out || out.width !== width || out.height !== height ||
    out.data.length !== width * height * 4
  ) {
    throw corrupt("AVIF");
  }
  return {
    width,
    height,
    data: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.length),
  };
}
