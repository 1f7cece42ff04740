/**
 * @module
 * PNG pixels through imagescript's WebAssembly PNG decoder (no FFI). It
 * handles every colour type and bit depth (1..16-bit, palette with tRNS,
 * gray+alpha) and Adam7 interlacing, always returning 8-bit RGBA. (The
 * package's pure-JS PNG decoder handles far fewer variants, so it is only
 * used for encoding, in `png.ts`.)
 */

import pngCodec from "imagescript/wasm/node/png.js";
import { corrupt } from "./errors.ts";
import type { RgbaImage } from "./rgba_image.ts";

interface PngLib {
  decode(
    bytes: Uint8Array,
  ): { width: number; height: number; framebuffer: Uint8Array };
}

const codec = pngCodec as { init(): Promise<PngLib> };

/**
 * Decodes a PNG to RGBA (alpha kept as stored). The caller must have checked
 * the pixel budget against the IHDR size first: the decoder itself would
 * happily allocate gigabytes for a small file.
 *
 * @example
 * ```ts
 * import { decodePng } from "./decode_png.ts";
 * const img = await decodePng(await Deno.readFile("tests/fixtures/images/quadrants.png"), 48, 32);
 * img.data.length; // 48 * 32 * 4
 * ```
 */
export async function decodePng(
  bytes: Uint8Array,
  width: number,
  height: number,
): Promise<RgbaImage> {
  let out;
  try {
    out = (await codec.init()).decode(bytes); // fresh wasm instance per call
  } catch (err) {
    throw corrupt("PNG", err);
  }
  if (
    out.width !== width || out.height !== height ||
    out.framebuffer.length !== width * height * 4
  ) {
    throw corrupt("PNG");
  }
  return { width, height, data: out.framebuffer };
}
