/**
 * @module
 * JPEG pixels through imagescript's WebAssembly JPEG decoder (no FFI, so it
 * runs on Deno Deploy), converted to RGBA: grayscale is expanded, and CMYK
 * (including Adobe/Photoshop files, whose inverted values the decoder
 * already undoes) is converted to RGB. Supports decoding at 1/2, 1/4 or 1/8
 * scale straight from the DCT coefficients, which is far cheaper than
 * decoding full size and shrinking.
 */

import jpegCodec from "imagescript/wasm/node/jpeg.js";
import { corrupt, ImageError } from "./errors.ts";
import type { JpegHeader } from "./jpeg_header.ts";
import type { RgbaImage } from "./rgba_image.ts";

interface JpegFramebuffer {
  width: number;
  height: number;
  /** 0 gray (1 byte/px), 1 RGB (3), 2 CMYK (4). */
  format: number;
  buffer: Uint8Array;
}

interface JpegLib {
  decode(bytes: Uint8Array, width?: number, height?: number): JpegFramebuffer;
}

const codec = jpegCodec as { init(): Promise<JpegLib> };
/**
 * One decoder per thread, reused: a fresh WASM instance per photo freed its
 * memory only when the garbage collector got to it, so eight 12 MP photos
 * in a row held eight decoders' memory (peak RSS 348–405 MB vs 302–316 MB).
 */
let decoder: Promise<JpegLib> | undefined;

/** DCT scale denominators the decoder supports. */
export type JpegScale = 1 | 2 | 4 | 8;

/**
 * Decodes a JPEG to RGBA at `1/scale` of its stored size (rounded up, like
 * libjpeg). The caller must have checked the pixel budget on the header.
 *
 * @example
 * ```ts
 * import { readJpegHeader } from "./jpeg_header.ts";
 * import { decodeJpeg } from "./decode_jpeg.ts";
 * const bytes = await Deno.readFile("tests/fixtures/images/quadrants.jpg");
 * const img = await decodeJpeg(bytes, readJpegHeader(bytes), 2);
 * [img.width, img.height]; // [24, 16]
 * ```
 */
export async function decodeJpeg(
  bytes: Uint8Array,
  header: JpegHeader,
  scale: JpegScale = 1,
): Promise<RgbaImage> {
  // Arithmetic-coded (SOF9..11) and hierarchical (SOF5..7, 13..15) JPEGs are
  // legal but almost never seen; the decoder rejects them.
  if (header.sofType > 3) {
    throw new ImageError(
      "unsupported_type",
      "This JPEG uses a rare compression mode (arithmetic or hierarchical coding) that we cannot read. " +
        "Open it in any photo editor, save it as a standard JPEG or PNG, and upload that copy.",
    );
  }
  const w = Math.ceil(header.width / scale);
  const h = Math.ceil(header.height / scale);
  let fb: JpegFramebuffer;
  try {
    const lib = await (decoder ??= codec.init());
    fb = scale === 1 ? lib.decode(bytes) : lib.decode(bytes, w, h);
  } catch (err) {
    decoder = undefined; // a trap may leave the instance in a bad state
    throw corrupt("JPEG", err); // includes wasm traps (RuntimeError: unreachable)
  }
  const channels = fb.format === 0
    ? 1
    : fb.format === 1
    ? 3
    : fb.format === 2
    ? 4
    : 0;
  // The decoder trusts the data, not our header; insist they agree so a
  // lying header cannot hand out a buffer of unexpected size.
  if (
    channels === 0 || fb.width !== w || fb.height !== h ||
    fb.buffer.length < w * h * channels
  ) throw corrupt("JPEG");
  return { width: w, height: h, data: toRgba(fb.buffer, w * h, channels) };
}

function toRgba(src: Uint8Array, pixels: number, channels: number): Uint8Array {
  const out = new Uint8Array(pixels * 4);
  if (channels === 1) {
    for (let i = 0, o = 0; i < pixels; i++, o += 4) {
      const v = src[i];
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
      out[o + 3] = 255;
    }
  } else if (channels === 3) {
    for (let i = 0, o = 0; o < out.length; i += 3, o += 4) {
      out[o] = src[i];
      out[o + 1] = src[i + 1];
      out[o + 2] = src[i + 2];
      out[o + 3] = 255;
    }
  } else {
    // For Adobe (Photoshop-style, inverted) files the decoder hands back
    // plain CMYK, 0 = no ink; imagescript's own converter assumes the
    // opposite and turns red into black.
    // Naive conversion, no ICC profile: close enough for segmentation.
    for (let o = 0; o < out.length; o += 4) {
      const k = 255 - src[o + 3];
      out[o] = ((255 - src[o]) * k + 127) / 255;
      out[o + 1] = ((255 - src[o + 1]) * k + 127) / 255;
      out[o + 2] = ((255 - src[o + 2]) * k + 127) / 255;
      out[o + 3] = 255;
    }
  }
  return out;
}
