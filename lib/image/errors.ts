/**
 * @module
 * The one error type of `lib/image/`. Every failure to read an uploaded
 * photo (unknown format, broken file, too big, too small) becomes an
 * {@linkcode ImageError} with a machine-readable `code` and a message a
 * person can act on, so the HTTP layer can map codes to statuses once and
 * show the message as is.
 */

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
export class ImageError extends Error {
  /** The machine-readable reason; the message is for people. */
  readonly code: ImageErrorCode;

  constructor(code: ImageErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ImageError";
    this.code = code;
  }
}

/** The formats named in "please upload …" messages. */
export const SUPPORTED_NAMES = "JPEG, PNG, GIF or WebP";

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
