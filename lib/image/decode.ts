/**
 * @module
 * The front door for uploaded photos: bytes in, upright opaque RGBA out.
 * Sniffs the header first and refuses images outside the pixel budget
 * before any decoder allocates memory, decodes JPEGs at a reduced DCT scale
 * when the caller only needs a small picture, composites transparency over
 * white and applies the EXIF orientation. Every failure is an `ImageError`.
 */

import { flattenOnWhite } from "./alpha.ts";
import { ImageError, SUPPORTED_NAMES } from "./errors.ts";
import { decodeGif, firstGifFrameSize } from "./decode_gif.ts";
import { decodeHeif, planHeifDecode } from "./decode_heif.ts";
import { readHeifInfo } from "./heif_header.ts";
import { decodeJpeg, type JpegScale } from "./decode_jpeg.ts";
import { decodePngScaled } from "./png_stream.ts";
import { decodeWebp } from "./decode_webp.ts";
import { countJpegScans, readJpegHeader } from "./jpeg_header.ts";
import { orient, orientedSize } from "./orientation.ts";
import type { RgbaImage } from "./rgba_image.ts";
import { type ImageFormat, sniffImage } from "./sniff.ts";

export type { RgbaImage } from "./rgba_image.ts";

/** Limits and size hints for {@linkcode decodeImage}. */
export interface DecodeOptions {
  /** Largest accepted width×height, checked on the header before decoding. Default 40_000_000. */
  maxPixels?: number;
  /** Smallest accepted side in pixels. Default 16. */
  minSide?: number;
  /**
   * With `minDecodeHeight`: the smallest upright size the caller needs. When
   * given, a JPEG may be decoded at 1/2, 1/4 or 1/8 scale, the smallest that
   * still covers this size (never smaller unless the photo itself is). Other
   * formats decode at full size, except PNG, which streams straight to the
   * needed size (averaging pixels), and a HEIC grid, whose tiles are
   * averaged into the needed size one by one.
   */
  minDecodeWidth?: number;
  /** See `minDecodeWidth`. */
  minDecodeHeight?: number;
  /** Called between pieces of work in long decodes (inline, it lets the event loop run). */
  pause?: () => Promise<void>;
  /**
   * Memory one decode may need (bytes), by format: a progressive JPEG holds
   * all its coefficients, WebP and GIF their full frame, AVIF and a single
   * HEIC picture their planes and RGBA, a HEIC grid one tile; PNG streams and
   * baseline JPEG decodes row by row. Default {@link DEFAULT_MAX_DECODE_BYTES}.
   */
  maxDecodeBytes?: number;
}

/** A decoded photo. */
export interface DecodedImage {
  /** Upright (EXIF applied), opaque pixels; smaller than width×height when DCT-scaled. */
  image: RgbaImage;
  /** Full-size upright width of the original photo. */
  width: number;
  /** Full-size upright height of the original photo. */
  height: number;
  /** The format the bytes were in. */
  format: ImageFormat;
}

/** Default pixel budget: a 40 MP photo decodes to 160 MB of RGBA. */
export const DEFAULT_MAX_PIXELS = 40_000_000;
/**
 * Default memory budget of one decode: what the decoder must hold at once
 * (a progressive JPEG's coefficients, a WebP's or GIF's full frame).
 */
export const DEFAULT_MAX_DECODE_BYTES = 96 * 1024 * 1024;
/** Scans a progressive JPEG may have: each one re-reads every coefficient. */
export const MAX_JPEG_SCANS = 100;

/** PNGs up to this many pixels decode at full size (16 MB of RGBA at most). */
export const PNG_FULL_PIXELS = 4_000_000;
/** Default smallest side: anything smaller cannot show a pet. */
export const DEFAULT_MIN_SIDE = 16;

/**
 * Decodes an uploaded JPEG, PNG, GIF (first frame), WebP, HEIC or AVIF (the
 * primary image) into upright, opaque RGBA.
 *
 * Throws `ImageError`: `empty_image`, `unsupported_type`, `corrupt_image`,
 * `too_many_pixels` (checked on the header, before decoding) or `too_small`.
 *
 * @example
 * ```ts
 * import { decodeImage } from "./decode.ts";
 * const bytes = await Deno.readFile("static/examples/Abyssinian_105.jpg");
 * const { image, width, height } = await decodeImage(bytes, { minDecodeWidth: 128, minDecodeHeight: 128 });
 * [width, height]; // [500, 375]
 * [image.width, image.height]; // [250, 188] (decoded at 1/2 scale)
 * ```
 */
export async function decodeImage(
  bytes: Uint8Array,
  opts: DecodeOptions = {},
): Promise<DecodedImage> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const minSide = opts.minSide ?? DEFAULT_MIN_SIDE;
  // A NaN budget would compare false and let every bomb through.
  for (const [name, v] of Object.entries(opts)) {
    if (name === "pause") continue;
    if (v !== undefined && !(typeof v === "number" && v >= 0)) {
      throw new RangeError(
        `decodeImage: ${name} must be a number ≥ 0, got ${v}`,
      );
    }
  }
  const info = sniffImage(bytes);
  const [width, height] = orientedSize(
    info.width,
    info.height,
    info.orientation,
  );
  checkSize(info.width, info.height, maxPixels, minSide);
  const maxDecodeBytes = opts.maxDecodeBytes ?? DEFAULT_MAX_DECODE_BYTES;

  let stored: RgbaImage;
  /** Set when the decoder already turned the picture upright (libheif does). */
  let upright: RgbaImage | undefined;
  switch (info.format) {
    case "jpeg": {
      const header = readJpegHeader(bytes);
      if (header.sofType === 2 || header.sofType === 6) {
        // Progressive: every coefficient is held, and re-read per scan.
        checkCost("progressive JPEG", header.blocks * 128, maxDecodeBytes);
        if (countJpegScans(bytes) > MAX_JPEG_SCANS) {
          throw new ImageError(
            "too_many_pixels",
            `This progressive JPEG has more than ${MAX_JPEG_SCANS} scans, too costly to decode. ` +
              "Save it again as a standard JPEG and upload that copy.",
          );
        }
      }
      // The caller's minimum is upright; the decoder works in stored orientation.
      const [needW, needH] = orientedSize(
        opts.minDecodeWidth ?? 0,
        opts.minDecodeHeight ?? 0,
        info.orientation,
      );
      const scale = opts.minDecodeWidth || opts.minDecodeHeight
        ? jpegScaleFor(info.width, info.height, needW, needH)
        : 1;
      stored = await decodeJpeg(bytes, header, scale);
      break;
    }
    case "png": {
      // Streamed: large PNGs are averaged down to the needed size while
      // inflating, so memory stays small. Up to PNG_FULL_PIXELS they decode
      // whole, exactly as a browser does, so "Run on this device" and the
      // server start from the same pixels and give the same mask.
      const [needW, needH] = orientedSize(
        opts.minDecodeWidth ?? 0,
        opts.minDecodeHeight ?? 0,
        info.orientation,
      );
      const s = (needW || needH) && info.width * info.height > PNG_FULL_PIXELS
        ? Math.min(1, Math.max(needW / info.width, needH / info.height))
        : 1;
      stored = await decodePngScaled(
        bytes,
        Math.ceil(info.width * s),
        Math.ceil(info.height * s),
        opts.pause,
      );
      break;
    }
    case "gif": {
      const frame = firstGifFrameSize(bytes);
      checkSize(frame.width, frame.height, maxPixels, 0);
      checkCost("GIF", info.width * info.height * 8, maxDecodeBytes);
      stored = await decodeGif(bytes, info.width, info.height);
      break;
    }
    case "webp":
      // Decoded whole (RGBA), and copied once out of the decoder.
      checkCost("WebP", info.width * info.height * 8, maxDecodeBytes);
      stored = await decodeWebp(bytes, info.width, info.height);
      break;
    case "heic":
    case "avif": {
      // The headers were checked against the bitstream by sniffImage; the
      // decoder holds one coded picture (or tile) and the output at once.
      const heif = readHeifInfo(bytes);
      checkSize(
        heif.codedWidth * (heif.tiles ? heif.columns : 1),
        heif.codedHeight *
          (heif.tiles ? Math.ceil(heif.tiles.length / heif.columns) : 1),
        maxPixels,
        0,
      );
      const [needW, needH] = orientedSize(
        opts.minDecodeWidth ?? 0,
        opts.minDecodeHeight ?? 0,
        info.orientation,
      );
      const plan = planHeifDecode(heif, bytes.length, needW, needH);
      checkCost(info.format.toUpperCase(), plan.bytes, maxDecodeBytes);
      const out = await decodeHeif(bytes, heif, plan, opts.pause);
      stored = out.image;
      if (out.oriented) upright = stored;
      break;
    }
    default: // sniffImage already rejects the formats we only recognise
      throw new ImageError(
        "unsupported_type",
        `${info.format.toUpperCase()} images cannot be read here. ` +
          `Upload a ${SUPPORTED_NAMES} photo.`,
      );
  }
  // JPEG has no alpha; the others may, and a cut-out pet belongs on white.
  if (info.format !== "jpeg") flattenOnWhite(stored.data);
  if (upright) {
    // libheif also applies a crop (`clap`), so its size is the photo's.
    return {
      image: upright,
      width: upright.width,
      height: upright.height,
      format: info.format,
    };
  }
  return {
    image: orient(stored, info.orientation),
    width,
    height,
    format: info.format,
  };
}

/**
 * The largest DCT scale denominator (8, 4, 2 or 1) whose output, rounded up
 * like libjpeg does, still covers `needW`×`needH`.
 *
 * @example
 * ```ts
 * import { jpegScaleFor } from "./decode.ts";
 * jpegScaleFor(4000, 3000, 128, 128); // 8  (500×375)
 * jpegScaleFor(500, 375, 128, 128); // 2  (250×188; 1/4 would be 125×94)
 * ```
 */
export function jpegScaleFor(
  width: number,
  height: number,
  needW: number,
  needH: number,
): JpegScale {
  for (const d of [8, 4, 2] as const) {
    if (Math.ceil(width / d) >= needW && Math.ceil(height / d) >= needH) {
      return d;
    }
  }
  return 1;
}

/** Refuses a decode that would need more than `budget` bytes at once. */
function checkCost(what: string, bytes: number, budget: number): void {
  if (bytes <= budget) return;
  throw new ImageError(
    "too_many_pixels",
    `This ${what} is too large to decode here (it needs about ${
      Math.ceil(bytes / 1048576)
    } MB at once; the limit is ${Math.floor(budget / 1048576)} MB). ` +
      "Upload a smaller copy, or save it as a standard JPEG.",
  );
}

function checkSize(
  width: number,
  height: number,
  maxPixels: number,
  minSide: number,
): void {
  if (width * height > maxPixels) {
    const mp = (width * height / 1e6).toFixed(1);
    const limit = Math.floor(maxPixels / 1e6) || (maxPixels / 1e6).toFixed(2);
    throw new ImageError(
      "too_many_pixels",
      `This picture is too large (${width}×${height} pixels, ${mp} megapixels). ` +
        `Upload a photo of at most ${limit} megapixels, for example a resized copy or a screenshot.`,
    );
  }
  if (Math.min(width, height) < minSide) {
    throw new ImageError(
      "too_small",
      `This picture is too small (${width}×${height} pixels). ` +
        `Upload a photo at least ${minSide} pixels wide and high.`,
    );
  }
}
