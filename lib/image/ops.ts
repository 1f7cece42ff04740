/**
 * @module
 * Small image operations the demo apps offer (mirror, ink share) and the
 * page's preview of formats browsers cannot show, written as plain
 * functions of bytes. They decode untrusted files, so they run in
 * `image_worker.ts` (see `offload.ts`), never on the server's event loop.
 */
import { decodeImage } from "./decode.ts";
import { encodeRgbaPng } from "./png.ts";
import { resizeToFit } from "./resize.ts";
import { encodeJpeg } from "../segment/jpeg.ts";

/** One operation and its input. */
export type ImageOp =
  | {
    op: "mirror";
    bytes: Uint8Array;
    /** Pixel budget of the photo. */
    maxPixels: number;
    /** The mirrored copy fits in this many pixels per side. */
    maxSide: number;
    /** Memory budget of the decode (see `decodeImage`). */
    maxDecodeBytes?: number;
  }
  | { op: "ink"; bytes: Uint8Array; maxPixels: number; maxDecodeBytes?: number }
  | {
    op: "preview";
    bytes: Uint8Array;
    maxPixels: number;
    maxDecodeBytes: number;
    /** The preview fits in this many pixels per side. */
    maxSide: number;
  };

/** What each operation returns. */
export interface ImageOpResults {
  mirror: { png: Uint8Array; width: number; height: number };
  ink: { ink: number };
  /** An upright JPEG of the photo, and the photo's own upright size. */
  preview: { jpeg: Uint8Array; width: number; height: number };
}

/**
 * Runs one operation in this thread (callers on the event loop use
 * `runImageOp` instead).
 *
 * @example
 * ```ts
 * const { png } = await imageOp({ op: "mirror", bytes, maxPixels: 24e6, maxSide: 640 });
 * ```
 */
export async function imageOp(
  job: ImageOp,
): Promise<ImageOpResults[ImageOp["op"]]> {
  if (job.op === "preview") {
    // What a browser that cannot read the format (HEIC in Chromium) shows.
    const { image, width, height } = await decodeImage(job.bytes, {
      maxPixels: job.maxPixels,
      maxDecodeBytes: job.maxDecodeBytes,
      minDecodeWidth: job.maxSide,
      minDecodeHeight: job.maxSide,
    });
    const jpeg = await encodeJpeg(resizeToFit(image, job.maxSide), 88);
    return { jpeg, width, height };
  }
  if (job.op === "mirror") {
    const { image: px, width, height } = await decodeImage(job.bytes, {
      maxPixels: job.maxPixels,
      maxDecodeBytes: job.maxDecodeBytes,
      minSide: 1,
      minDecodeWidth: job.maxSide,
      minDecodeHeight: job.maxSide,
    });
    const out = new Uint8Array(px.data.length);
    for (let y = 0; y < px.height; y++) {
      for (let x = 0; x < px.width; x++) {
        const s = (y * px.width + x) * 4;
        const d = (y * px.width + (px.width - 1 - x)) * 4;
        out.set(px.data.subarray(s, s + 4), d);
      }
    }
    const png = encodeRgbaPng({
      width: px.width,
      height: px.height,
      data: out,
    });
    return { png, width, height };
  }
  const { image: px } = await decodeImage(job.bytes, {
    minSide: 1,
    maxPixels: job.maxPixels,
    maxDecodeBytes: job.maxDecodeBytes,
  });
  let ink = 0;
  for (let i = 0; i < px.data.length; i += 4) {
    if (px.data[i] + px.data[i + 1] + px.data[i + 2] < 600) ink++;
  }
  return { ink: ink / (px.width * px.height) };
}
