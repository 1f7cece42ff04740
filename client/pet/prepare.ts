/**
 * @module
 * Prepares a photo for upload in the browser: large photos and formats other
 * than JPEG/PNG/GIF are redrawn to a JPEG of at most {@link UPLOAD_MAX_SIDE}
 * pixels per side, keeping the aspect ratio and EXIF orientation, so a 12 MP
 * photo uploads and segments about as fast as a small one. A HEIC (or AVIF)
 * the browser cannot read is turned into that JPEG by the server
 * (`/api/preview`) or, when the photo must stay on the device, by libheif
 * in this page.
 */
import { isHeif, serverPreview } from "../kit/image_preview.ts";

/** Longest side of a photo re-encoded before upload. */
export const UPLOAD_MAX_SIDE = 1600;
/** Photos up to this many pixels (and in a server format) are uploaded untouched. */
const DIRECT_MAX_PIXELS = 2_500_000;
const SERVER_TYPES = ["image/jpeg", "image/png", "image/gif"];

/** Options of {@link prepareUpload}. */
export interface PrepareOptions {
  /**
   * May the server read a photo the browser cannot (HEIC)? False while
   * "Run on this device" is on: such a photo is then read in the page.
   */
  serverPreview?: boolean;
}

/** What to upload, and the size the mask should be shown and downloaded at. */
export interface PreparedUpload {
  blob: Blob;
  name: string;
  /** Oriented size of the original photo. */
  width: number;
  height: number;
  /** Whether `blob` is a downsized copy (the mask must be scaled back up). */
  resized: boolean;
}

/**
 * Returns the photo as-is when the server can take it directly, else a
 * downsized JPEG copy (made by the server, or in the page while the photo
 * must stay on the device, for a HEIC this browser cannot read). Throws an
 * `Error` saying what to do when neither can read it.
 *
 * @example
 * ```ts
 * const up = await prepareUpload(file, 15 * 1024 * 1024);
 * ```
 */
export async function prepareUpload(
  file: Blob,
  maxBytes: number,
  name = "photo",
  opts: PrepareOptions = {},
): Promise<PreparedUpload> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    if (await isHeif(file)) return await viaServer(file, maxBytes, name, opts);
    // The browser cannot read it either: let the server explain what it takes.
    return { blob: file, name, width: 0, height: 0, resized: false };
  }
  const { width, height } = bitmap;
  const direct = SERVER_TYPES.includes(file.type) && file.size <= maxBytes &&
    width * height <= DIRECT_MAX_PIXELS;
  if (direct) {
    bitmap.close();
    return { blob: file, name, width, height, resized: false };
  }
  const scale = Math.min(1, UPLOAD_MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#fff"; // transparent areas become white, as on the server
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((r) =>
    canvas.toBlob(r, "image/jpeg", 0.92)
  );
  if (!blob) return { blob: file, name, width, height, resized: false };
  return {
    blob,
    name: name.replace(/\.[^.]*$/, "") + ".jpg",
    width,
    height,
    resized: true,
  };
}

/** A HEIC this browser cannot read: an upright JPEG of it, from the server or made here. */
async function viaServer(
  file: Blob,
  maxBytes: number,
  name: string,
  opts: PrepareOptions,
): Promise<PreparedUpload> {
  const jpegName = name.replace(/\.[^.]*$/, "") + ".jpg";
  if (opts.serverPreview === false) {
    // Its header readers load with the first such photo, not with the page.
    const { devicePreview } = await import("../kit/device_heic.ts");
    return {
      ...await devicePreview(file, UPLOAD_MAX_SIDE),
      name: jpegName,
      resized: true,
    };
  }
  if (file.size > maxBytes) {
    throw new Error(
      `This photo is larger than ${
        Math.round(maxBytes / 1048576)
      } MB. Save a smaller copy as a JPEG.`,
    );
  }
  const preview = await serverPreview(file, UPLOAD_MAX_SIDE);
  // The copy may be the photo's own size; the mask is then not scaled.
  return { ...preview, name: jpegName, resized: true };
}

/**
 * Scales a mask PNG up to `width × height` without blending class values
 * (nearest neighbour), returning a PNG blob.
 */
export async function upscaleMask(
  maskUrl: string,
  width: number,
  height: number,
): Promise<Blob> {
  const img = new Image();
  img.src = maskUrl;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d")!;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(img, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((r) =>
    canvas.toBlob(r, "image/png")
  );
  if (!blob) throw new Error("Could not scale the mask");
  return blob;
}

/**
 * A JPEG of `photo` at most `maxSide` pixels on its longer side (upright), for
 * sharing: the share page never needs more.
 */
export async function shrinkForShare(
  photo: Blob,
  maxSide = 720,
): Promise<Blob> {
  const bitmap = await createImageBitmap(photo, {
    imageOrientation: "from-image",
  });
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((r) =>
    canvas.toBlob(r, "image/jpeg", 0.85)
  );
  if (!blob) throw new Error("Could not prepare the photo for sharing.");
  return blob;
}
