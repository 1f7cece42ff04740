/**
 * @module
 * Browser-side calls to the app's own API (`/api/segment`, `/api/share/:id`).
 */

/** Per-class share of the photo, as the API reports it. */
export interface ClassShare {
  name: string;
  value: number;
  fraction: number;
}

/** The `/api/segment` JSON answer. */
export interface SegmentResponse {
  mask: string;
  width: number;
  height: number;
  classes: ClassShare[];
  timing: { decodeMs: number; inferenceMs: number; totalMs: number };
  shareUrl?: string;
  shareDeleteUrl?: string;
  shareExpiresAt?: string;
  shareError?: { code: string; message: string };
}

/** An API error with the server's sentence. */
export class ClientApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(message);
  }
}

/**
 * Uploads a photo to `/api/segment` (optionally asking for a share link).
 *
 * @example
 * ```ts
 * const res = await segmentPhoto(file, { share: false });
 * res.width; // photo width in pixels
 * ```
 */
export async function segmentPhoto(
  photo: Blob,
  opts: { share?: boolean; signal?: AbortSignal; name?: string } = {},
): Promise<SegmentResponse> {
  const form = new FormData();
  form.append("image", photo, opts.name ?? "photo");
  if (opts.share) form.append("share", "1");
  let res: Response;
  try {
    res = await fetch("/api/segment", {
      method: "POST",
      body: form,
      headers: { Accept: "application/json" },
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ClientApiError(
      "network",
      "Could not reach the server. Check your connection and try again.",
      0,
    );
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const e = json?.error;
    throw new ClientApiError(
      e?.code ?? "http_error",
      e?.message ?? `The server answered ${res.status}. Please try again.`,
      res.status,
    );
  }
  return json as SegmentResponse;
}

/** Deletes a share link with the URL the API returned at creation. */
export async function deleteShare(shareDeleteUrl: string): Promise<void> {
  const u = new URL(shareDeleteUrl, location.href);
  const id = u.pathname.split("/").pop();
  const res = await fetch(`/api/share/${id}${u.search}`, { method: "DELETE" });
  if (!res.ok && res.status !== 404) {
    const json = await res.json().catch(() => null);
    throw new ClientApiError(
      json?.error?.code ?? "http_error",
      json?.error?.message ?? "Could not delete the link.",
      res.status,
    );
  }
}

/** Turns a `data:` URL into a Blob without a network round trip. */
export function dataUrlToBlob(dataUrl: string): Blob {
  const [head, b64] = dataUrl.split(",", 2);
  const type = head.match(/^data:([^;]+)/)?.[1] ?? "application/octet-stream";
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}
