/**
 * @module
 * Test-only helpers for `lib/image/`: fixture loading and builders for the
 * odd byte streams (EXIF-tagged JPEGs, hand-made PNGs) that the tests feed
 * to the sniffer and decoder. Not imported by production code.
 */

import type { RgbaImage } from "./rgba_image.ts";
import { concatBytes, PNG_SIGNATURE } from "../bytes.ts";
import { pngChunk } from "./png.ts";

const FIXTURES = new URL("../../tests/fixtures/images/", import.meta.url);

/** The app's example pet photos (committed, CC BY-SA 4.0). */
export const EXAMPLES = new URL("../../static/examples/", import.meta.url);

/**
 * Reads a committed fixture from `tests/fixtures/images/`.
 *
 * @example
 * ```ts
 * import { fixture } from "./testing.ts";
 * const bytes = await fixture("quadrants.jpg");
 * ```
 */
export function fixture(name: string): Promise<Uint8Array> {
  return Deno.readFile(new URL(name, FIXTURES));
}

/** Quadrant colours of `quadrants.*` (top-left, top-right, bottom-left, bottom-right), as drawn by make_fixtures.ts. */
export const QUADRANTS = [
  [230, 30, 30],
  [30, 200, 30],
  [30, 30, 230],
  [240, 240, 40],
] as const;

/**
 * RGB of one pixel.
 *
 * @example
 * ```ts
 * import { rgbAt } from "./testing.ts";
 * rgbAt({ width: 1, height: 1, data: new Uint8Array([1, 2, 3, 255]) }, 0, 0); // [1, 2, 3]
 * ```
 */
export function rgbAt(img: RgbaImage, x: number, y: number): number[] {
  const i = (y * img.width + x) * 4;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
}

/**
 * Whether two colours differ by at most `tolerance` in every channel.
 *
 * @example
 * ```ts
 * import { near } from "./testing.ts";
 * near([230, 30, 30], [228, 31, 30], 4); // true
 * ```
 */
export function near(
  a: readonly number[],
  b: readonly number[],
  tolerance: number,
): boolean {
  return a.every((v, i) => Math.abs(v - b[i]) <= tolerance);
}

/**
 * A TIFF block holding only IFD0 with an Orientation entry, in either byte order.
 *
 * @example
 * ```ts
 * import { tiffWithOrientation } from "./testing.ts";
 * tiffWithOrientation(6, "II").length; // 38
 * ```
 */
export function tiffWithOrientation(
  orientation: number,
  order: "II" | "MM",
): Uint8Array {
  const le = order === "II";
  const b = new Uint8Array(8 + 2 + 2 * 12 + 4);
  const v = new DataView(b.buffer);
  b[0] = b[1] = le ? 0x49 : 0x4d;
  v.setUint16(2, 42, le);
  v.setUint32(4, 8, le); // IFD0 right after the header
  v.setUint16(8, 2, le); // two entries: an unrelated tag first, then Orientation
  v.setUint16(10, 0x010f, le); // Make, ASCII, count 4, "Pet\0" inline
  v.setUint16(12, 2, le);
  v.setUint32(14, 4, le);
  b.set([0x50, 0x65, 0x74, 0], 18);
  v.setUint16(22, 0x0112, le); // Orientation, SHORT, count 1, value inline
  v.setUint16(24, 3, le);
  v.setUint32(26, 1, le);
  v.setUint16(30, orientation, le);
  return b; // next-IFD offset stays 0
}

/**
 * Inserts an APP1 "Exif" segment right after a JPEG's SOI marker.
 *
 * @example
 * ```ts
 * import { fixture, withExif, tiffWithOrientation } from "./testing.ts";
 * const rotated = withExif(await fixture("quadrants.jpg"), tiffWithOrientation(6, "MM"));
 * ```
 */
export function withExif(jpeg: Uint8Array, tiff: Uint8Array): Uint8Array {
  const payload = new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff]);
  const seg = new Uint8Array(4 + payload.length);
  seg.set([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255]);
  seg.set(payload, 4);
  return concat(jpeg.subarray(0, 2), seg, jpeg.subarray(2));
}

/**
 * Builds a PNG from an IHDR and optional extra chunks (each `[type, data]`),
 * with correct CRCs, so tests can make headers that lie.
 *
 * @example
 * ```ts
 * import { buildPng } from "./testing.ts";
 * const bomb = buildPng({ width: 30000, height: 30000 }); // header only, no IDAT
 * ```
 */
export function buildPng(
  ihdr: {
    width: number;
    height: number;
    depth?: number;
    colorType?: number;
    interlace?: number;
  },
  chunks: [string, Uint8Array][] = [],
): Uint8Array {
  const head = new Uint8Array(13);
  const v = new DataView(head.buffer);
  v.setUint32(0, ihdr.width);
  v.setUint32(4, ihdr.height);
  head[8] = ihdr.depth ?? 8;
  head[9] = ihdr.colorType ?? 0;
  head[12] = ihdr.interlace ?? 0;
  const parts = [
    Uint8Array.from(PNG_SIGNATURE),
    pngChunk("IHDR", head),
  ];
  for (const [type, data] of chunks) parts.push(pngChunk(type, data));
  parts.push(pngChunk("IEND", new Uint8Array(0)));
  return concat(...parts);
}

/**
 * Concatenates byte arrays.
 *
 * @example
 * ```ts
 * import { concat } from "./testing.ts";
 * concat(new Uint8Array([1]), new Uint8Array([2])); // Uint8Array [1, 2]
 * ```
 */
export function concat(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(parts);
}

/**
 * The bytes of an ASCII string, for hand-built headers and non-image payloads.
 *
 * @example
 * ```ts
 * import { ascii } from "./testing.ts";
 * ascii("GIF89a"); // Uint8Array [71, 73, 70, 56, 57, 97]
 * ```
 */
export const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * A seeded pseudo-random generator (mulberry32), so fuzz-style tests repeat exactly.
 *
 * @example
 * ```ts
 * import { seededRandom } from "./testing.ts";
 * const rand = seededRandom(1);
 * rand() < 1; // true
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
