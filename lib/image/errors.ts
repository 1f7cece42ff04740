/**
 * @module
 * The one error type of `lib/image/`. Every failure to read an uploaded
 * photo (unknown format, broken file, too big, too small) becomes an
 * {@linkcode ImageError} with a machine-readable `code` and a message a
 * person can act on, so the HTTP layer can map codes to statuses once and
 * show the message as is.
 */

import { UserFacingError } from "../errors.ts";

/** Why an image could not be used. */
export type ImageErrorCode =
  | "empty_image"
  | "unsupported_type"
  | "corrupt_image"
  | "too_many_pixels"
  | "too_small";

/**
 * An upload that cannot be turned into pixels.
 *
 * @example
 * ```ts
 * import { ImageError } from "./errors.ts";
 * const err = new ImageError("empty_image", "The uploaded file is empty. Choose a photo and try again.");
 * err.code; // "empty_image"
 * err instanceof Error; // true
 * ```
 */
export class ImageError extends UserFacingError {
  /** The machine-readable reason; the message is for people. */
  declare readonly code: ImageErrorCode;

  constructor(code: ImageErrorCode, message: string, options?: ErrorOptions) {
    super(IMAGE_STATUS[code], code, message, undefined, options);
    this.name = "ImageError";
  }
}

/** HTTP status per reason: bad bytes are 400, a wrong kind 415, a wrong size 422. */
const IMAGE_STATUS: Record<ImageErrorCode, number> = {
  empty_image: 400,
  corrupt_image: 400,
  unsupported_type: 415,
  too_many_pixels: 422,
  too_small: 422,
};

/** The formats named in "please upload …" messages. */
export const SUPPORTED_NAMES = "JPEG, PNG, GIF, WebP, HEIC or AVIF";

/**
 * The standard "this file is damaged" error, keeping the low-level cause for logs.
 *
 * @example
 * ```ts
 * import { corrupt } from "./errors.ts";
 * corrupt("JPEG").code; // "corrupt_image"
 * ```
 */
export function corrupt(formatName: string, cause?: unknown): ImageError {
  return new ImageError(
    "corrupt_image",
    `This ${formatName} file is damaged or incomplete, so we cannot read it. ` +
      `Try exporting or saving the photo again, then upload the new copy.`,
    cause === undefined ? undefined : { cause },
  );
}
