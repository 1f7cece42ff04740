/**
 * @module
 * Byte-array helpers.
 */

/**
 * Joins byte arrays into one new array.
 *
 * @example
 * ```ts
 * concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])]); // Uint8Array [1, 2, 3]
 * ```
 */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The eight bytes every PNG file starts with. */
export const PNG_SIGNATURE: readonly number[] = [
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
];

/**
 * Whether `bytes` holds `magic` at `offset`: byte values, or an ASCII string
 * such as a file signature or chunk name. False when `bytes` is too short.
 *
 * @example
 * ```ts
 * hasBytesAt(png, 0, PNG_SIGNATURE); // true
 * hasBytesAt(webp, 8, "WEBP");      // true
 * ```
 */
export function hasBytesAt(
  bytes: Uint8Array,
  offset: number,
  magic: readonly number[] | string,
): boolean {
  if (offset < 0 || offset + magic.length > bytes.length) return false;
  for (let i = 0; i < magic.length; i++) {
    const want = typeof magic === "string" ? magic.charCodeAt(i) : magic[i];
    if (bytes[offset + i] !== want) return false;
  }
  return true;
}
