/**
 * @module
 * PNG encoding with imagescript's pure-JS encoder (fflate inside; no FFI, no
 * WebAssembly): single-channel gray for masks and RGBA for pictures. Rows
 * are written unfiltered and deflated at a fast level, which suits masks
 * (long runs of a few values) very well.
 */

import pngCodec from "imagescript/png/node.js";
import type { RgbaImage } from "./rgba_image.ts";

interface PngEncoder {
  encode(
    data: Uint8Array,
    opts: {
      width: number;
      height: number;
      channels: 1 | 2 | 3 | 4;
      level?: number;
    },
  ): Uint8Array;
}

const codec = pngCodec as PngEncoder;

/**
 * Encodes 8-bit gray pixels (one byte each, row-major) as a PNG of colour
 * type 0. Meant for segmentation masks: a 2 MP mask of a few values encodes
 * in tens of milliseconds to a few kilobytes.
 *
 * @example
 * ```ts
 * import { encodeGrayPng } from "./png.ts";
 * const png = encodeGrayPng(new Uint8Array([0, 128, 255, 0]), 2, 2);
 * png.subarray(1, 4); // "PNG"
 * ```
 */
export function encodeGrayPng(
  gray: Uint8Array,
  width: number,
  height: number,
): Uint8Array {
  checkSize(gray.length, width, height, 1);
  return codec.encode(gray, { width, height, channels: 1, level: 1 });
}

/**
 * Encodes an RGBA image as an 8-bit RGBA PNG (colour type 6).
 *
 * @example
 * ```ts
 * import { encodeRgbaPng } from "./png.ts";
 * const png = encodeRgbaPng({ width: 1, height: 1, data: new Uint8Array([255, 0, 0, 255]) });
 * png[25]; // 6 (colour type RGBA in IHDR)
 * ```
 */
export function encodeRgbaPng(img: RgbaImage): Uint8Array {
  checkSize(img.data.length, img.width, img.height, 4);
  return codec.encode(img.data, {
    width: img.width,
    height: img.height,
    channels: 4,
    level: 1,
  });
}

function checkSize(
  length: number,
  width: number,
  height: number,
  channels: number,
): void {
  if (
    !(Number.isInteger(width) && Number.isInteger(height) && width > 0 &&
      height > 0)
  ) {
    throw new RangeError(
      `PNG size must be positive integers, got ${width}×${height}`,
    );
  }
  if (length !== width * height * channels) {
    throw new RangeError(
      `PNG data has ${length} bytes, expected ${width}×${height}×${channels}`,
    );
  }
}

/** CRC-32 (ISO 3309) table, as PNG chunks use. */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      c = CRC_TABLE[(c ^ p[i]) & 0xff] ^ (c >>> 8);
    }
  }
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * One PNG chunk: length, type, data and CRC (for encoders and hand-built
 * test files).
 *
 * @example
 * ```ts
 * pngChunk("IEND", new Uint8Array(0)).length; // 12
 * ```
 */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  const dv = new DataView(head.buffer);
  dv.setUint32(0, data.length);
  const name = new TextEncoder().encode(type);
  head.set(name, 4);
  const out = new Uint8Array(12 + data.length);
  out.set(head);
  out.set(data, 8);
  new DataView(out.buffer).setUint32(8 + data.length, crc32([name, data]));
  return out;
}

/**
 * Encodes an 8-bit gray PNG whose rows are produced one at a time by
 * `rowAt(y, out)`, deflating as it goes (the platform's `CompressionStream`):
 * a 40-megapixel mask is never held uncompressed. `pause` runs between
 * batches of rows.
 *
 * @example
 * ```ts
 * const png = await encodeGrayPngRows(6000, 4000, (y, row) => row.fill(y % 2 ? 0 : 255));
 * ```
 */
export async function encodeGrayPngRows(
  width: number,
  height: number,
  rowAt: (y: number, out: Uint8Array) => void,
  pause: () => Promise<void> = async () => {},
): Promise<Uint8Array> {
  checkSize(width * height, width, height, 1);
  const cs = new CompressionStream("deflate");
  const writer = cs.writable.getWriter();
  const compressed: Uint8Array[] = [];
  const reading = (async () => {
    for await (const part of cs.readable) compressed.push(part);
  })();
  const stride = width + 1; // filter byte 0 (none) + pixels
  const rowsPerBatch = Math.max(1, Math.floor((256 * 1024) / stride));
  const row = new Uint8Array(width);
  for (let y = 0; y < height; y += rowsPerBatch) {
    const n = Math.min(rowsPerBatch, height - y);
    const batch = new Uint8Array(n * stride);
    for (let r = 0; r < n; r++) {
      rowAt(y + r, row);
      batch.set(row, r * stride + 1);
    }
    await writer.write(batch);
    await pause();
  }
  await writer.close();
  await reading;
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // gray
  const idat = new Uint8Array(compressed.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of compressed) {
    idat.set(p, o);
    o += p.length;
  }
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", idat),
    pngChunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
