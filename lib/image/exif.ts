/**
 * @module
 * Reads the one EXIF field we need, Orientation (tag 0x0112 in IFD0), from a
 * TIFF-structured EXIF block as found in a JPEG APP1 "Exif\0\0" segment, a
 * PNG eXIf chunk or a WebP EXIF chunk. Hand-written (~40 lines) instead of
 * pulling in a full EXIF library: it reads a handful of bytes and is bounds
 * checked everywhere, so hostile metadata can never read out of range.
 */

/**
 * The EXIF orientation (1..8) stored in a TIFF block, or 1 when there is none.
 *
 * Metadata that is garbled is ignored (returns 1) rather than rejected:
 * browsers show such photos fine, so refusing them would only confuse people.
 *
 * @example
 * ```ts
 * import { readTiffOrientation } from "./exif.ts";
 * // "MM\0*", IFD0 at 8, one entry: tag 0x0112, SHORT, count 1, value 6
 * const tiff = new Uint8Array([0x4d,0x4d,0,42, 0,0,0,8, 0,1, 0x01,0x12, 0,3, 0,0,0,1, 0,6,0,0, 0,0,0,0]);
 * readTiffOrientation(tiff); // 6
 * ```
 */
export function readTiffOrientation(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
): number {
  end = Math.min(end, bytes.length);
  if (start < 0 || end - start < 8) return 1;
  let little: boolean;
  if (bytes[start] === 0x49 && bytes[start + 1] === 0x49) little = true;
  else if (bytes[start] === 0x4d && bytes[start + 1] === 0x4d) little = false;
  else return 1;
  const u16 = (at: number) =>
    little
      ? bytes[at] | (bytes[at + 1] << 8)
      : (bytes[at] << 8) | bytes[at + 1];
  const u32 = (at: number) =>
    little
      ? (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) +
        bytes[at + 3] * 0x1000000
      : bytes[at] * 0x1000000 +
        ((bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]);
  if (u16(start + 2) !== 42) return 1;
  const ifd = start + u32(start + 4);
  if (ifd + 2 > end) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (u16(entry) !== 0x0112) continue;
    const type = u16(entry + 2);
    // SHORT is the standard type; a few writers use LONG. Both keep the
    // value inline, in the first bytes of the value field.
    const value = type === 3 ? u16(entry + 8) : type === 4 ? u32(entry + 8) : 0;
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}
