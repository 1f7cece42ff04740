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
  /**
   * 8×8 blocks of coefficients over all components at full size: what a
   * progressive decoder must hold at once (64 coefficients × 2 bytes each).
   */
  blocks: number;
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
      if (segLen < 8 + 3 * components) throw corrupt("JPEG");
      let hMax = 1, vMax = 1;
      const factors: [number, number][] = [];
      for (let c = 0; c < components; c++) {
        const hv = bytes[body + 7 + 3 * c];
        const f: [number, number] = [
          Math.max(1, hv >> 4),
          Math.max(1, hv & 15),
        ];
        factors.push(f);
        hMax = Math.max(hMax, f[0]);
        vMax = Math.max(vMax, f[1]);
      }
      let blocks = 0;
      for (const [hf, vf] of factors) {
        blocks += Math.ceil(Math.ceil((width * hf) / hMax) / 8) *
          Math.ceil(Math.ceil((height * vf) / vMax) / 8);
      }
      header = {
        width,
        height,
        orientation: 1,
        sofType: marker & 0x0f,
        components,
        adobeTransform: null,
        blocks,
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

/**
 * Counts the scans (SOS markers) of a JPEG by walking its segments and the
 * entropy-coded data between them. A progressive decoder re-reads its whole
 * coefficient buffer for every scan, so this is what decoding costs.
 *
 * @example
 * ```ts
 * countJpegScans(baseline); // 1
 * countJpegScans(progressive); // typically 6–12
 * ```
 */
export function countJpegScans(bytes: Uint8Array): number {
  let scans = 0;
  let pos = 2;
  const len = bytes.length;
  while (pos + 4 <= len) {
    if (bytes[pos] !== 0xff) {
      pos++;
      continue;
    }
    const marker = bytes[pos + 1];
    if (
      marker === 0xff || marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7)
    ) {
      pos++;
      continue;
    }
    if (marker === 0xd9) break; // EOI
    const segLen = (bytes[pos + 2] << 8) | bytes[pos + 3];
    pos += 2 + segLen;
    if (marker === 0xda) {
      scans++;
      // Entropy-coded data: 0xFF is escaped as FF00; restart markers are FFD0..D7.
      while (pos + 1 < len) {
        if (bytes[pos] === 0xff) {
          const m = bytes[pos + 1];
          if (m !== 0x00 && !(m >= 0xd0 && m <= 0xd7) && m !== 0xff) break;
        }
        pos++;
      }
    }
  }
  return scans;
}
