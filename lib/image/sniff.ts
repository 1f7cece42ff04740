/**
 * @module
 * Cheap identification of an uploaded image from its bytes: format (by magic
 * bytes, never by file name or Content-Type), stored width and height, and
 * EXIF orientation. Reads headers only and never decodes pixels, so it is
 * safe to call on anything, including decompression bombs, before deciding
 * whether decoding is affordable.
 */

import { hasBytesAt, PNG_SIGNATURE } from "../bytes.ts";
import { corrupt, ImageError, SUPPORTED_NAMES } from "./errors.ts";
import { readTiffOrientation } from "./exif.ts";
import { readJpegHeader } from "./jpeg_header.ts";
import { heifBrand } from "./heif_brands.ts";
import { readHeifInfo } from "./heif_header.ts";

/** Image formats we can recognise (BMP does not decode; see {@linkcode SUPPORTED_TYPES}). */
export type ImageFormat =
  | "jpeg"
  | "png"
  | "gif"
  | "webp"
  | "bmp"
  | "heic"
  | "avif";

/** What an image's headers say about it. */
export interface ImageInfo {
  /** The format, from magic bytes. */
  format: ImageFormat;
  /** Width as stored, before EXIF orientation is applied. */
  width: number;
  /** Height as stored, before EXIF orientation is applied. */
  height: number;
  /**
   * EXIF orientation 1..8; 1 when there is none. Values 5..8 swap width and
   * height on display. For HEIC and AVIF, the `irot`/`imir` properties
   * expressed as an EXIF value (their Exif block's tag is ignored, as the
   * HEIF standard and browsers do: the container's transform is the truth).
   */
  orientation: number;
  /** The format's MIME type, e.g. "image/jpeg". */
  mimeType: string;
}

/**
 * MIME types {@linkcode decodeImage} can decode, e.g. for an `<input accept>`.
 *
 * @example
 * ```ts
 * import { SUPPORTED_TYPES } from "./sniff.ts";
 * SUPPORTED_TYPES.includes("image/png"); // true
 * ```
 */
export const SUPPORTED_TYPES: readonly string[] = Object.freeze([
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "image/heic",
  "image/avif",
]);

const MIME: Record<ImageFormat, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  heic: "image/heic",
  avif: "image/avif",
};

const NOT_AN_IMAGE =
  `This file is not an image we can read. Upload a ${SUPPORTED_NAMES} photo.`;

/**
 * Identifies an image from its header bytes.
 *
 * Throws `ImageError` with code `empty_image` for no bytes, `unsupported_type`
 * for anything that is not a JPEG, PNG, GIF, WebP, HEIC or AVIF (BMP gets a
 * message of its own), `corrupt_image` when a known format's header is
 * truncated or inconsistent (for HEIC and AVIF: also when the bitstream
 * codes a larger picture than the header claims), and `too_many_pixels`
 * for a HEIC/AVIF grid of more tiles than we read.
 *
 * @example
 * ```ts
 * import { sniffImage } from "./sniff.ts";
 * const info = sniffImage(await Deno.readFile("tests/fixtures/images/quadrants.png"));
 * info; // { format: "png", width: 48, height: 32, orientation: 1, mimeType: "image/png" }
 * ```
 */
export function sniffImage(bytes: Uint8Array): ImageInfo {
  if (bytes.length === 0) {
    throw new ImageError(
      "empty_image",
      "The uploaded file is empty. Choose a photo and try again.",
    );
  }
  if (hasBytesAt(bytes, 0, [0xff, 0xd8, 0xff])) {
    const h = readJpegHeader(bytes);
    return info("jpeg", h.width, h.height, h.orientation);
  }
  if (hasBytesAt(bytes, 0, PNG_SIGNATURE)) {
    return sniffPng(bytes);
  }
  if (hasBytesAt(bytes, 0, "GIF87a") || hasBytesAt(bytes, 0, "GIF89a")) {
    return sniffGif(bytes);
  }
  if (hasBytesAt(bytes, 0, "RIFF") && hasBytesAt(bytes, 8, "WEBP")) {
    return sniffWebp(bytes);
  }
  if (hasBytesAt(bytes, 4, "ftyp")) return sniffHeif(bytes);
  if (hasBytesAt(bytes, 0, "BM") && bytes.length >= 26 && isBmpHeader(bytes)) {
    throw new ImageError(
      "unsupported_type",
      `BMP images are not supported. Save the picture as PNG or JPEG and upload it again.`,
    );
  }
  throw new ImageError("unsupported_type", NOT_AN_IMAGE);
}

function info(
  format: ImageFormat,
  width: number,
  height: number,
  orientation = 1,
): ImageInfo {
  return { format, width, height, orientation, mimeType: MIME[format] };
}

function sniffPng(bytes: Uint8Array): ImageInfo {
  // IHDR must be the first chunk and exactly 13 bytes long.
  if (
    bytes.length < 33 || u32be(bytes, 8) !== 13 ||
    !hasBytesAt(bytes, 12, "IHDR")
  ) {
    throw corrupt("PNG");
  }
  const width = u32be(bytes, 16);
  const height = u32be(bytes, 20);
  const depth = bytes[24];
  const colorType = bytes[25];
  const allowedDepths = PNG_DEPTHS[colorType];
  if (
    width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff ||
    !allowedDepths || !allowedDepths.includes(depth) || bytes[28] > 1
  ) throw corrupt("PNG");
  // An eXIf chunk, if present, sits before the image data; stop at IDAT so a
  // large file costs a few chunk hops at most.
  let orientation = 1;
  for (let pos = 33; pos + 8 <= bytes.length;) {
    const len = u32be(bytes, pos);
    if (
      hasBytesAt(bytes, pos + 4, "IDAT") || hasBytesAt(bytes, pos + 4, "IEND")
    ) break;
    if (hasBytesAt(bytes, pos + 4, "eXIf")) {
      orientation = readTiffOrientation(bytes, pos + 8, pos + 8 + len);
      break;
    }
    pos += 12 + len;
  }
  return info("png", width, height, orientation);
}

/** Bit depths the PNG spec allows for each colour type. */
const PNG_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16], // gray
  2: [8, 16], // RGB
  3: [1, 2, 4, 8], // palette
  4: [8, 16], // gray + alpha
  6: [8, 16], // RGBA
};

function sniffGif(bytes: Uint8Array): ImageInfo {
  if (bytes.length < 13) throw corrupt("GIF");
  const width = u16le(bytes, 6);
  const height = u16le(bytes, 8);
  if (width === 0 || height === 0) throw corrupt("GIF");
  return info("gif", width, height);
}

function sniffWebp(bytes: Uint8Array): ImageInfo {
  if (bytes.length < 30) throw corrupt("WebP");
  let width: number;
  let height: number;
  if (hasBytesAt(bytes, 12, "VP8 ")) {
    // Lossy: a 3-byte frame tag, the start code 9d 01 2a, then 14-bit sizes.
    if (!hasBytesAt(bytes, 23, [0x9d, 0x01, 0x2a])) throw corrupt("WebP");
    width = u16le(bytes, 26) & 0x3fff;
    height = u16le(bytes, 28) & 0x3fff;
  } else if (hasBytesAt(bytes, 12, "VP8L")) {
    // Lossless: signature 0x2f, then width-1 and height-1 packed in 14 bits each.
    if (bytes[20] !== 0x2f) throw corrupt("WebP");
    const bits = u32le(bytes, 21);
    width = (bits & 0x3fff) + 1;
    height = ((bits >>> 14) & 0x3fff) + 1;
  } else if (hasBytesAt(bytes, 12, "VP8X")) {
    // Extended (alpha, animation, metadata): 24-bit canvas width-1 and height-1.
    width = (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16)) + 1;
    height = (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16)) + 1;
  } else {
    throw corrupt("WebP");
  }
  if (width === 0 || height === 0) throw corrupt("WebP");
  // A WebP's EXIF chunk is not read: the container puts it after the image
  // data, and browsers ignore orientation metadata that comes that late
  // (CSS Images 3), so the picture is shown as stored — and so do we.
  return info("webp", width, height);
}

/**
 * A HEIC or AVIF (its item table read and checked against its bitstream);
 * any other ISO-BMFF file (MP4, MOV …) is not an image we read.
 */
function sniffHeif(bytes: Uint8Array): ImageInfo {
  if (!heifBrand(bytes)) {
    throw new ImageError("unsupported_type", NOT_AN_IMAGE);
  }
  const h = readHeifInfo(bytes);
  return info(h.format, h.width, h.height, h.orientation);
}

function isBmpHeader(bytes: Uint8Array): boolean {
  // "BM" alone is too weak (plain text can start with it); require a known
  // DIB header size as well.
  return [12, 40, 52, 56, 64, 108, 124].includes(u32le(bytes, 14));
}

function u16le(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function u32le(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
}

function u32be(b: Uint8Array, at: number): number {
  return b[at] * 0x1000000 + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
}
