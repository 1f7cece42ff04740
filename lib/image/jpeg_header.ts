/**
 * @module
 * Walks a JPEG's marker segments up to the first scan (SOS) and reports what
 * the decoder needs to know before spending memory: the frame size from the
 * SOFn segment, the EXIF orientation, the colour components and the Adobe
 * APP14 transform (which tells how CMYK data is stored). Reads headers only,
 * never entropy-coded data, and never indexes past the end of the bytes.
 */

import { corrupt } from "./errors.ts";
import { readTiffOrientation } from "./exif.ts";

/** What the headers of a JPEG say. */
export interface JpegHeader {
  /** Frame width as stored (before EXIF orientation). */
  width: number;
  /** Frame height as stored (before EXIF orientation). */
  height: number;
  /** EXIF orientation 1..8; 1 when absent or unreadable. */
  orientation: number;
  /** The SOF marker's low nibble: 0 baseline, 1 extended, 2 progressive, 3 lossless, 9.. arithmetic. */
  sofType: number;
  /** Number of colour components: 1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK. */
  components: number;
  /** Adobe APP14 colour transform (0 none, 1 YCbCr, 2 YCCK), or null without an Adobe segment. */
  adobeTransform: number | null;
}

const EXIF_ID = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
const ADOBE_ID = [0x41, 0x64, 0x6f, 0x62, 0x65]; // "Adobe"

/**
 * Reads a JPEG's headers; throws `ImageError("corrupt_image")` when the
 * marker structure is truncated or broken before the first scan.
 *
 * @example
 * ```ts
 * import { readJpegHeader } from "./jpeg_header.ts";
 * const h = readJpegHeader(await Deno.readFile("tests/fixtures/images/quadrants.jpg"));
 * [h.width, h.height, h.orientation]; // [48, 32, 1]
 * ```
 */
export function readJpegHeader(bytes: Uint8Array): JpegHeader {
  const len = bytes.length;
  if (len < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw corrupt("JPEG");
  let header: JpegHeader | null = null;
  let orientation = 1;
  let sawExif = false;
  let adobeTransform: number | null = null;
  let pos = 2;
  for (;;) {
    // Like libjpeg, skip stray bytes between segments instead of failing:
    // some writers leave padding there and browsers show those photos fine.
    while (pos < len && bytes[pos] !== 0xff) pos++;
    while (pos < len && bytes[pos] === 0xff) pos++; // fill bytes
    if (pos >= len) throw corrupt("JPEG");
    const marker = bytes[pos++];
    if (
      marker === 0x00 || marker === 0x01 || marker === 0xd8 ||
      (marker >= 0xd0 && marker <= 0xd7)
    ) continue; // markers without a length field
    if (marker === 0xd9) throw corrupt("JPEG"); // EOI before any image data
    if (pos + 2 > len) throw corrupt("JPEG");
    const segLen = (bytes[pos] << 8) | bytes[pos + 1];
    const body = pos + 2;
    const end = pos + segLen;
    if (segLen < 2 || end > len) throw corrupt("JPEG");

    if (marker === 0xda) { // SOS: pixel data follows; headers are done.
      if (!header) throw corrupt("JPEG");
      return { ...header, orientation, adobeTransform };
    }
    const isSof = marker >= 0xc0 && marker <= 0xcf &&
      marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof && !header) {
      if (segLen < 8) throw corrupt("JPEG");
      const height = (bytes[body + 1] << 8) | bytes[body + 2];
      const width = (bytes[body + 3] << 8) | bytes[body + 4];
      const components = bytes[body + 5];
      // Height 0 means "defined later by a DNL marker", which nobody writes
      // any more and our decoder cannot handle.
      if (width === 0 || height === 0 || components === 0) {
        throw corrupt("JPEG");
      }
      header = {
        width,
        height,
        orientation: 1,
        sofType: marker & 0x0f,
        components,
        adobeTransform: null,
      };
    } else if (
      marker === 0xe1 && !sawExif && startsWith(bytes, body, end, EXIF_ID)
    ) {
      sawExif = true; // only the first EXIF block counts, as in browsers
      orientation = readTiffOrientation(bytes, body + 6, end);
    } else if (
      marker === 0xee && segLen >= 14 && startsWith(bytes, body, end, ADOBE_ID)
    ) {
      adobeTransform = bytes[body + 11];
    }
    pos = end;
  }
}

function startsWith(
  bytes: Uint8Array,
  at: number,
  end: number,
  id: number[],
): boolean {
  if (at + id.length > end) return false;
  for (let i = 0; i < id.length; i++) if (bytes[at + i] !== id[i]) return false;
  return true;
}
