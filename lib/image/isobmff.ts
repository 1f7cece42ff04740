/**
 * @module
 * Bounds-checked reading of ISO base media file format boxes (the container
 * of HEIC and AVIF): box headers, big-endian integers and four-character
 * codes. Every read is checked against the end of the box it belongs to, so
 * a truncated or lying file throws {@linkcode BoxError} instead of reading
 * out of range.
 */

/** One box: its type and where its header, body and end are in the file. */
export interface Box {
  /** Four-character code, e.g. "meta". */
  type: string;
  /** Offset of the box header. */
  start: number;
  /** Offset of the first byte after the header. */
  body: number;
  /** Offset just past the box. */
  end: number;
}

/** A box or field that does not fit where it should (caller maps it to `corrupt_image`). */
export class BoxError extends Error {
  override name = "BoxError";
}

/**
 * The boxes laid one after another in `bytes[start, end)`. A box whose size
 * runs past `end` throws {@linkcode BoxError}; a size of 0 means "to the end".
 *
 * @example
 * ```ts
 * import { boxes } from "./isobmff.ts";
 * const ftyp = new Uint8Array([0, 0, 0, 12, 0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66]);
 * [...boxes(ftyp, 0, ftyp.length)].map((b) => b.type); // ["ftyp"]
 * ```
 */
export function* boxes(
  bytes: Uint8Array,
  start: number,
  end: number,
): Generator<Box> {
  let pos = start;
  while (pos < end) {
    if (pos + 8 > end) throw new BoxError("box header cut off");
    let size = u32(bytes, pos, end);
    const type = fourcc(bytes, pos + 4, end);
    let body = pos + 8;
    if (size === 1) {
      // 64-bit size; anything past 2^53 is a lie in a file we hold in memory.
      size = u32(bytes, pos + 8, end) * 0x100000000 + u32(bytes, pos + 12, end);
      body += 8;
    } else if (size === 0) {
      size = end - pos;
    }
    if (size < body - pos || pos + size > end) {
      throw new BoxError(`box ${JSON.stringify(type)} runs past its parent`);
    }
    yield { type, start: pos, body, end: pos + size };
    pos += size;
  }
}

/**
 * The first child box of `type` in `bytes[start, end)`, or undefined.
 *
 * @example
 * ```ts
 * import { findBox } from "./isobmff.ts";
 * findBox(file, 0, file.length, "meta")?.body;
 * ```
 */
export function findBox(
  bytes: Uint8Array,
  start: number,
  end: number,
  type: string,
): Box | undefined {
  for (const b of boxes(bytes, start, end)) if (b.type === type) return b;
  return undefined;
}

/**
 * Unsigned big-endian integer of `size` bytes (1, 2, 4 or 8; 0 gives 0) at
 * `at`, which must end by `end`.
 *
 * @example
 * ```ts
 * import { uint } from "./isobmff.ts";
 * uint(new Uint8Array([1, 0]), 0, 2, 2); // 256
 * ```
 */
export function uint(
  bytes: Uint8Array,
  at: number,
  size: number,
  end: number,
): number {
  if (size === 0) return 0;
  if (at < 0 || at + size > end || at + size > bytes.length) {
    throw new BoxError("field cut off");
  }
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + bytes[at + i];
  return v;
}

/** Big-endian u8 at `at`, within `end`. */
export function u8(bytes: Uint8Array, at: number, end: number): number {
  return uint(bytes, at, 1, end);
}

/** Big-endian u16 at `at`, within `end`. */
export function u16(bytes: Uint8Array, at: number, end: number): number {
  return uint(bytes, at, 2, end);
}

/** Big-endian u32 at `at`, within `end`. */
export function u32(bytes: Uint8Array, at: number, end: number): number {
  return uint(bytes, at, 4, end);
}

/** Four ASCII characters at `at`, within `end`. */
export function fourcc(bytes: Uint8Array, at: number, end: number): string {
  if (at < 0 || at + 4 > end || at + 4 > bytes.length) {
    throw new BoxError("four-character code cut off");
  }
  return String.fromCharCode(
    bytes[at],
    bytes[at + 1],
    bytes[at + 2],
    bytes[at + 3],
  );
}
