/**
 * @module
 * Photos the browser cannot show but the server reads — HEIC in Chromium
 * and Firefox, AVIF in older browsers: recognised by their first bytes and
 * shown through the server's preview (`POST /api/preview`, an upright
 * JPEG). While a photo must stay on the device, `device_heic.ts` reads a
 * HEIC in the page instead.
 */
import { heifBrand } from "../../lib/image/heif_brands.ts";

/** Where the server turns a photo into an upright JPEG. */
export const PREVIEW_API = "/api/preview";

/**
 * Whether `file` is a HEIC or AVIF, by its first bytes (browsers often
 * leave `File.type` empty for them).
 *
 * @example
 * ```ts
 * await isHeif(input.files[0]); // true for IMG_0001.HEIC
 * ```
 */
export async function isHeif(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  return heifBrand(head) !== null;
}

/**
 * Whether this browser can decode `file` itself.
 *
 * @example
 * ```ts
 * await browserCanDecode(heic); // false in Chromium
 * ```
 */
export async function browserCanDecode(file: Blob): Promise<boolean> {
  try {
    (await createImageBitmap(file)).close();
    return true;
  } catch {
    return false;
  }
}

/** The server's picture of a photo, and the photo's own upright size. */
export interface ServerPreview {
  /** Upright JPEG, at most `maxSide` pixels per side. */
  blob: Blob;
  width: number;
  height: number;
}

/**
 * Asks the server for an upright JPEG of `file`. Throws an `Error` with the
 * server's explanation (damaged, too large, busy …) when it cannot.
 *
 * @example
 * ```ts
 * const { blob, width, height } = await serverPreview(heic, 1600);
 * img.src = URL.createObjectURL(blob);
 * ```
 */
export async function serverPreview(
  file: Blob,
  maxSide = 1600,
): Promise<ServerPreview> {
  const res = await fetch(`${PREVIEW_API}?max=${maxSide}`, {
    method: "POST",
    body: file,
    headers: { "Content-Type": file.type || "application/octet-stream" },
  });
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    throw new Error(
      body?.error?.message ??
        `The server could not read this photo (${res.status}).`,
    );
  }
  return {
    blob: await res.blob(),
    width: Number(res.headers.get("x-image-width")) || 0,
    height: Number(res.headers.get("x-image-height")) || 0,
  };
}
