/**
 * @module
 * Which HEIF flavour an ISO-BMFF file announces in its `ftyp` box: HEIC
 * (HEVC pictures, the iPhone camera's format) or AVIF (AV1 pictures), or
 * neither (MP4, MOV, 3GP …). Reads at most the first 4 KB.
 */

const HEIC_BRANDS = [
  "heic",
  "heix",
  "hevc",
  "hevx",
  "heim",
  "heis",
  "hevm",
  "hevs",
];
const AVIF_BRANDS = ["avif", "avis"];
/** Brands that say "HEIF image" without naming a codec. */
const GENERIC_BRANDS = ["mif1", "msf1", "mif2", "miaf"];

/**
 * "heic", "avif" or null, from the `ftyp` box's major and compatible
 * brands. A file that names only the generic HEIF brands counts as HEIC
 * (the item table says what it really holds).
 *
 * @example
 * ```ts
 * import { heifBrand } from "./heif_brands.ts";
 * heifBrand(await Deno.readFile("tests/fixtures/images/quadrants.avif")); // "avif"
 * ```
 */
export function heifBrand(bytes: Uint8Array): "heic" | "avif" | null {
  if (
    bytes.length < 16 || String.fromCharCode(...bytes.subarray(4, 8)) !== "ftyp"
  ) {
    return null;
  }
  const size = bytes[0] * 0x1000000 +
    ((bytes[1] << 16) | (bytes[2] << 8) | bytes[3]);
  const end = Math.min(bytes.length, size || bytes.length, 4096);
  const brands: string[] = [];
  // Major brand at 8, minor version at 12, compatible brands from 16.
  for (let at = 8; at + 4 <= end; at += at === 8 ? 8 : 4) {
    brands.push(String.fromCharCode(...bytes.subarray(at, at + 4)));
  }
  if (brands.some((b) => AVIF_BRANDS.includes(b))) return "avif";
  if (brands.some((b) => HEIC_BRANDS.includes(b))) return "heic";
  if (brands.some((b) => GENERIC_BRANDS.includes(b))) return "heic";
  return null;
}
