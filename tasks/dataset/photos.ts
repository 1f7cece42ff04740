/**
 * @module
 * What happens to each Oxford-IIIT Pet file on its way into the layout.
 * Pixels are read with the app's decoder (`lib/image`: JPEG, PNG, GIF, CMYK
 * and grayscale JPEGs — a few of the data set's ".jpg" files are PNG or
 * GIF), **as stored** (EXIF orientation is not applied: the trimaps were
 * drawn on the stored pixels, and the prepared copy was made that way),
 * and JPEGs are written with MozJPEG (`@jsquash/jpeg`):
 *
 * - `real-train` photo: Pillow-exact bilinear to 224×224, baseline JPEG q90
 *   with the standard (Annex K) tables, like the prepared copy;
 * - `real-train` trimap: Pillow-exact nearest to 224×224, 8-bit gray PNG of
 *   the values 1/2/3;
 * - `real-test`: bytes copied untouched; a "jpg" that is really another
 *   format is re-encoded as baseline JPEG q95 (the one case, Abyssinian_5,
 *   is a PNG in the archive);
 * - `pseudo` photo: stretched to 224×224, progressive MozJPEG q82 (its
 *   default tables, as in the prepared copy).
 */

import { encodeJpeg } from "../../lib/segment/jpeg.ts";
import { decodeImage } from "../../lib/image/decode.ts";
import { orient } from "../../lib/image/orientation.ts";
import { encodeGrayPng } from "../../lib/image/png.ts";
import type { RgbaImage } from "../../lib/image/rgba_image.ts";
import { sniffImage } from "../../lib/image/sniff.ts";
import { resizeBilinearPil, resizeNearestPil } from "./resample.ts";

/** Side of the resized `real-train` and `pseudo` photos. */
export const SIDE = 224;

/** EXIF orientation that undoes orientation `o` (6 and 8 are each other's inverse). */
const INVERSE = [1, 1, 2, 3, 4, 5, 8, 7, 6];

/**
 * Decodes any photo of the data set to RGBA as stored, ignoring EXIF
 * orientation (`decodeImage` applies it; this undoes it). With `minSide`,
 * a JPEG may be decoded at a reduced DCT scale that still covers it.
 *
 * @example
 * ```ts
 * import { decodeStored } from "./photos.ts";
 * const img = await decodeStored(await Deno.readFile("static/examples/cat.jpg"));
 * ```
 */
export async function decodeStored(
  bytes: Uint8Array,
  minSide = 0,
): Promise<RgbaImage> {
  const { orientation } = sniffImage(bytes);
  const { image } = await decodeImage(bytes, {
    minDecodeWidth: minSide,
    minDecodeHeight: minSide,
  });
  return orient(image, INVERSE[orientation] ?? 1);
}

/**
 * A `real-train` photo: bilinear to 224×224, JPEG q90.
 *
 * @example
 * ```ts
 * import { trainPhoto } from "./photos.ts";
 * const jpg = await trainPhoto(await Deno.readFile("static/examples/cat.jpg"));
 * ```
 */
export async function trainPhoto(bytes: Uint8Array): Promise<Uint8Array> {
  const img = resizeBilinearPil(await decodeStored(bytes), SIDE, SIDE);
  return encodeJpeg(img, 90, { baseline: true });
}

/**
 * A `real-train` trimap: nearest to 224×224, gray PNG keeping the values 1/2/3.
 *
 * @example
 * ```ts
 * import { trainTrimap } from "./photos.ts";
 * const png = await trainTrimap(trimapPngBytes);
 * ```
 */
export async function trainTrimap(bytes: Uint8Array): Promise<Uint8Array> {
  const img = resizeNearestPil(await decodeStored(bytes), SIDE, SIDE);
  const gray = new Uint8Array(SIDE * SIDE);
  for (let i = 0; i < gray.length; i++) gray[i] = img.data[i * 4];
  return encodeGrayPng(gray, SIDE, SIDE);
}

/**
 * A `real-test` photo: the original bytes when they are a JPEG, else the
 * decoded pixels as baseline JPEG q95.
 *
 * @example
 * ```ts
 * import { testPhoto } from "./photos.ts";
 * const jpg = await testPhoto(await Deno.readFile("static/examples/cat.jpg"));
 * ```
 */
export async function testPhoto(bytes: Uint8Array): Promise<Uint8Array> {
  if (sniffImage(bytes).format === "jpeg") return bytes;
  return encodeJpeg(await decodeStored(bytes), 95, { baseline: true });
}

/**
 * A `pseudo` photo: stretched to 224×224, MozJPEG q82.
 *
 * @example
 * ```ts
 * import { pseudoPhoto } from "./photos.ts";
 * const jpg = await pseudoPhoto(await Deno.readFile("static/examples/dog.jpg"));
 * ```
 */
export async function pseudoPhoto(bytes: Uint8Array): Promise<Uint8Array> {
  const img = resizeBilinearPil(await decodeStored(bytes, SIDE), SIDE, SIDE);
  return encodeJpeg(img, 82);
}
