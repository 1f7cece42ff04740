/**
 * @module
 * Reads a HEIC in the page, for browsers that cannot (Chromium, Firefox)
 * while the photo must stay on the device ("Run on this device"). The same
 * libheif-js build and header checks as the server, loaded from
 * `/heif/` (copied there by `deno task build`) only when such a photo is
 * chosen: about 2 MB, once per page.
 */
import { asset } from "fresh/runtime";
import { decodeHeicWith, type LibHeif } from "../../lib/image/heic_pixels.ts";
import { readHeifInfo } from "../../lib/image/heif_header.ts";
import { orient, orientedSize } from "../../lib/image/orientation.ts";
import { sniffImage } from "../../lib/image/sniff.ts";
import type { RgbaImage } from "../../lib/image/rgba_image.ts";
import type { ServerPreview } from "./image_preview.ts";

const LIBHEIF = "/heif/libheif-bundle.mjs";

let libheif: Promise<LibHeif> | undefined;

function load(): Promise<LibHeif> {
  // A computed specifier keeps the bundler from inlining 2 MB into the island.
  const spec = asset(LIBHEIF);
  libheif ??= import(spec).then((m) => (m.default as () => LibHeif)());
  libheif.catch(() => (libheif = undefined)); // a later photo may retry
  return libheif;
}

/**
 * An upright JPEG of a HEIC, at most `maxSide` pixels per side, made in
 * this browser (nothing is sent), with the photo's own upright size — the
 * same answer as the server's preview. Throws an `Error` saying why when
 * the file is not a HEIC this can read.
 *
 * @example
 * ```ts
 * const { blob, width, height } = await devicePreview(heic, 1600);
 * ```
 */
export async function devicePreview(
  file: Blob,
  maxSide = 1600,
): Promise<ServerPreview> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let image: RgbaImage;
  let width: number, height: number;
  try {
    const info = sniffImage(bytes);
    if (info.format !== "heic") {
      throw new Error(`This browser cannot read this ${info.format} photo.`);
    }
    const heif = readHeifInfo(bytes);
    [width, height] = orientedSize(info.width, info.height, info.orientation);
    const scale = Math.min(1, maxSide / Math.max(width, height));
    // A grid is assembled at the size needed (stored orientation).
    const [needW, needH] = orientedSize(
      Math.ceil(width * scale),
      Math.ceil(height * scale),
      info.orientation,
    );
    const out = await decodeHeicWith(await load(), bytes, heif, needW, needH);
    image = out.oriented ? out.image : orient(out.image, info.orientation);
    // libheif applies a crop (`clap`) to a single picture: its size is the photo's.
    if (out.oriented) [width, height] = [image.width, image.height];
  } catch (err) {
    throw new Error(
      `This HEIC photo could not be read on this device (${
        (err as Error).message
      }). Turn off “Run on this device” to have the server read it, or save it as a JPEG.`,
    );
  }
  return { blob: await toJpeg(image, maxSide), width, height };
}

/** The picture as a JPEG of at most `maxSide` per side, transparency on white. */
async function toJpeg(image: RgbaImage, maxSide: number): Promise<Blob> {
  const full = new OffscreenCanvas(image.width, image.height);
  // ImageData takes an array over a plain ArrayBuffer: copy when it is not one.
  const px = image.data.buffer instanceof ArrayBuffer
    ? new Uint8ClampedArray(
      image.data.buffer,
      image.data.byteOffset,
      image.data.byteLength,
    )
    : Uint8ClampedArray.from(image.data);
  full.getContext("2d")!.putImageData(
    new ImageData(
      px as Uint8ClampedArray<ArrayBuffer>,
      image.width,
      image.height,
    ),
    0,
    0,
  );
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  const out = new OffscreenCanvas(
    Math.max(1, Math.round(image.width * scale)),
    Math.max(1, Math.round(image.height * scale)),
  );
  const ctx = out.getContext("2d")!;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(full, 0, 0, out.width, out.height);
  return await out.convertToBlob({ type: "image/jpeg", quality: 0.92 });
}
