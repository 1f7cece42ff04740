/**
 * @module
 * WebP pixels through `@jsquash/webp` (libwebp compiled to WebAssembly, from
 * the Squoosh app; no FFI, no native addon), since imagescript cannot decode
 * WebP. Lossy, lossless and alpha files decode directly; for an animated
 * file the first frame is cut out into a still WebP and decoded, matching
 * what we do for GIFs.
 */

import webpDecode, { init as webpInit } from "@jsquash/webp/decode.js";
import { corrupt } from "./errors.ts";
import { pasteOnWhite, type RgbaImage } from "./rgba_image.ts";

/**
 * Above this many pixels, the next decode starts a fresh libwebp instance:
 * WebAssembly memory only grows, so without this one large upload would
 * keep its buffers alive for the life of the process.
 */
const RECYCLE_AFTER_PIXELS = 4_000_000;
let recycle = false;

/**
 * Decodes a WebP (the first frame, if animated) to RGBA of its canvas size,
 * alpha kept as stored. The caller must have checked the pixel budget
 * against the header size first.
 *
 * @example
 * ```ts
 * import { decodeWebp } from "./decode_webp.ts";
 * const img = await decodeWebp(await Deno.readFile("tests/fixtures/images/quadrants_lossless.webp"), 48, 32);
 * [img.width, img.height]; // [48, 32]
 * ```
 */
export async function decodeWebp(
  bytes: Uint8Array,
  width: number,
  height: number,
): Promise<RgbaImage> {
  const frame = isAnimated(bytes) ? firstFrame(bytes, width, height) : null;
  const still = frame ? frame.still : bytes;
  const [w, h] = frame ? [frame.width, frame.height] : [width, height];
  let out: { width: number; height: number; data: Uint8ClampedArray };
  try {
    if (recycle) {
      recycle = false;
      webpInit(); // the old instance, and its memory, becomes garbage
    }
    // The decoder wants an ArrayBuffer holding exactly the file.
    out = await webpDecode(still.slice().buffer);
  } catch (err) {
    throw corrupt("WebP", err);
  }
  if (w * h > RECYCLE_AFTER_PIXELS) recycle = true;
  // libwebp itself refuses a canvas that disagrees with the bitstream; check
  // anyway so a surprise can never hand out a buffer of the wrong size.
  if (out.width !== w || out.height !== h || out.data.length !== w * h * 4) {
    throw corrupt("WebP");
  }
  const pixels = {
    width: w,
    height: h,
    data: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.length),
  };
  return frame ? pasteOnWhite(pixels, frame.x, frame.y, width, height) : pixels;
}

/** VP8X header with the animation flag set. */
function isAnimated(bytes: Uint8Array): boolean {
  return fourcc(bytes, 12) === "VP8X" && (bytes[20] & 0x02) !== 0;
}

interface FirstFrame {
  /** A standalone still WebP holding just the frame's bitstream. */
  still: Uint8Array;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Finds the first ANMF chunk and rewraps its bitstream (optional ALPH, then
 * VP8 or VP8L) as a still WebP the simple libwebp API can decode.
 */
function firstFrame(
  bytes: Uint8Array,
  canvasW: number,
  canvasH: number,
): FirstFrame {
  const end = Math.min(bytes.length, 8 + u32le(bytes, 4));
  for (let pos = 12; pos + 8 <= end;) {
    const size = u32le(bytes, pos + 4);
    const body = pos + 8;
    if (fourcc(bytes, pos) === "ANMF") {
      if (size < 24 || body + size > end) break;
      const x = 2 * u24le(bytes, body), y = 2 * u24le(bytes, body + 3);
      const width = u24le(bytes, body + 6) + 1;
      const height = u24le(bytes, body + 9) + 1;
      // The spec keeps frames inside the canvas; insisting on it also keeps
      // the pixel budget (checked on the canvas) valid for the frame.
      if (x + width > canvasW || y + height > canvasH) break;
      const frameData = bytes.subarray(body + 16, body + size);
      const hasAlpha = fourcc(frameData, 0) === "ALPH";
      const vp8x = hasAlpha
        ? chunk("VP8X", vp8xPayload(width, height))
        : new Uint8Array(0);
      const riffSize = 4 + vp8x.length + frameData.length;
      const still = new Uint8Array(8 + riffSize);
      still.set([0x52, 0x49, 0x46, 0x46]); // "RIFF"
      new DataView(still.buffer).setUint32(4, riffSize, true);
      still.set([0x57, 0x45, 0x42, 0x50], 8); // "WEBP"
      still.set(vp8x, 12);
      still.set(frameData, 12 + vp8x.length);
      return { still, x, y, width, height };
    }
    pos = body + size + (size & 1); // chunks are padded to an even size
  }
  throw corrupt("WebP");
}

function vp8xPayload(width: number, height: number): Uint8Array {
  const p = new Uint8Array(10);
  p[0] = 0x10; // alpha flag
  p.set([(width - 1) & 255, ((width - 1) >> 8) & 255, (width - 1) >> 16], 4);
  p.set([(height - 1) & 255, ((height - 1) >> 8) & 255, (height - 1) >> 16], 7);
  return p;
}

function chunk(type: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  for (let i = 0; i < 4; i++) out[i] = type.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, payload.length, true);
  out.set(payload, 8);
  return out;
}

function fourcc(b: Uint8Array, at: number): string {
  return at + 4 <= b.length
    ? String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3])
    : "";
}

function u24le(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
}

function u32le(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
}
