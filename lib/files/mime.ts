/**
 * @module
 * Content types for stored files, decided by the bytes (magic numbers) and
 * never by what a client claims, plus the list of types that are safe to
 * serve inline (no HTML, no SVG, no scripts).
 */
import { hasBytesAt, PNG_SIGNATURE } from "../bytes.ts";
import { heifBrand } from "../image/heif_brands.ts";

const SIGNATURES: [string, (b: Uint8Array) => boolean][] = [
  [
    "image/png",
    (b) => hasBytesAt(b, 0, PNG_SIGNATURE),
  ],
  ["image/jpeg", (b) => hasBytesAt(b, 0, [0xff, 0xd8, 0xff])],
  ["image/gif", (b) => hasBytesAt(b, 0, "GIF8")],
  ["image/webp", (b) => hasBytesAt(b, 0, "RIFF") && hasBytesAt(b, 8, "WEBP")],
  ["image/bmp", (b) => hasBytesAt(b, 0, "BM") && b.length > 26],
  ["audio/wav", (b) => hasBytesAt(b, 0, "RIFF") && hasBytesAt(b, 8, "WAVE")],
  ["audio/ogg", (b) => hasBytesAt(b, 0, "OggS")],
  ["audio/flac", (b) => hasBytesAt(b, 0, "fLaC")],
  [
    "audio/mpeg",
    (b) => hasBytesAt(b, 0, "ID3") || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0),
  ],
  ["video/webm", (b) => hasBytesAt(b, 0, [0x1a, 0x45, 0xdf, 0xa3])],
  // HEIC and AVIF share MP4's container: tell them apart by their brands first.
  ["image/heic", (b) => heifBrand(b) === "heic"],
  ["image/avif", (b) => heifBrand(b) === "avif"],
  ["video/mp4", (b) => hasBytesAt(b, 4, "ftyp")],
  ["application/pdf", (b) => hasBytesAt(b, 0, "%PDF-")],
];

/** Types served inline by `GET {app}/file/{id}`; anything else is a download. */
export const INLINE_SAFE: ReadonlySet<string> = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/bmp",
  "image/heic",
  "image/avif",
  "audio/wav",
  "audio/ogg",
  "audio/flac",
  "audio/mpeg",
  "audio/webm",
  "video/webm",
  "video/mp4",
]);

/**
 * The content type of `bytes` by signature; `application/octet-stream`
 * when unknown. A WebM/Matroska file is `audio/webm` when `hint` says audio.
 *
 * @example
 * ```ts
 * sniffMime(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])); // "image/png"
 * sniffMime(new TextEncoder().encode("<svg/>"));                       // "application/octet-stream"
 * ```
 */
export function sniffMime(bytes: Uint8Array, hint = ""): string {
  for (const [type, test] of SIGNATURES) {
    if (bytes.length >= 4 && test(bytes)) {
      if (type === "video/webm" && hint.startsWith("audio/")) {
        return "audio/webm";
      }
      if (type === "video/mp4" && hint.startsWith("audio/")) return "audio/mp4";
      return type;
    }
  }
  return "application/octet-stream";
}

/** Whether `mime` may be shown inline from our origin. */
export function isInlineSafe(mime: string): boolean {
  return INLINE_SAFE.has(mime);
}
