/**
 * @module
 * Content types for stored files, decided by the bytes (magic numbers) and
 * never by what a client claims, plus the list of types that are safe to
 * serve inline (no HTML, no SVG, no scripts).
 */

const SIGNATURES: [string, (b: Uint8Array) => boolean][] = [
  [
    "image/png",
    (b) => at(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  ],
  ["image/jpeg", (b) => at(b, 0, [0xff, 0xd8, 0xff])],
  ["image/gif", (b) => ascii(b, 0, "GIF8")],
  ["image/webp", (b) => ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")],
  ["image/bmp", (b) => ascii(b, 0, "BM") && b.length > 26],
  ["audio/wav", (b) => ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")],
  ["audio/ogg", (b) => ascii(b, 0, "OggS")],
  ["audio/flac", (b) => ascii(b, 0, "fLaC")],
  [
    "audio/mpeg",
    (b) => ascii(b, 0, "ID3") || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0),
  ],
  ["video/webm", (b) => at(b, 0, [0x1a, 0x45, 0xdf, 0xa3])],
  ["video/mp4", (b) => ascii(b, 4, "ftyp")],
  ["application/pdf", (b) => ascii(b, 0, "%PDF-")],
];

/** Types served inline by `GET {app}/file/{id}`; anything else is a download. */
export const INLINE_SAFE: ReadonlySet<string> = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/bmp",
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

function at(b: Uint8Array, offset: number, sig: number[]): boolean {
  return sig.every((x, i) => b[offset + i] === x);
}

function ascii(b: Uint8Array, offset: number, s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (b[offset + i] !== s.charCodeAt(i)) return false;
  }
  return true;
}
