/**
 * @module
 * Image I/O for uploaded pet photos: identify (`sniffImage`), decode to
 * upright opaque RGBA within a pixel budget (`decodeImage`), resize
 * (`resizeArea`, `resizeToFit`), orient (`orient`) and encode masks
 * (`encodeGrayPng`, `encodeRgbaPng`). Pure domain code: no HTTP, no Preact,
 * no FFI or subprocesses, so it runs on Deno Deploy. Every failure to read
 * an upload is an `ImageError` with a `code` and a message for people.
 *
 * @example
 * ```ts
 * import { decodeImage, resizeArea } from "./mod.ts";
 * const bytes = await Deno.readFile("static/examples/Bengal_110.jpg");
 * const { image } = await decodeImage(bytes, { minDecodeWidth: 128, minDecodeHeight: 128 });
 * const input = resizeArea(image, 128, 128);
 * ```
 */

export { ImageError, type ImageErrorCode } from "./errors.ts";
export {
  type ImageFormat,
  type ImageInfo,
  sniffImage,
  SUPPORTED_TYPES,
} from "./sniff.ts";
export {
  type DecodedImage,
  decodeImage,
  type DecodeOptions,
  DEFAULT_MAX_PIXELS,
  DEFAULT_MIN_SIDE,
  type RgbaImage,
} from "./decode.ts";
export { resizeArea, resizeToFit } from "./resize.ts";
export { orient } from "./orientation.ts";
export { encodeGrayPng, encodeRgbaPng } from "./png.ts";
