/**
 * @module
 * Browser-side calls to the app's share API (`POST /api/share`,
 * `DELETE /api/share/:id`). The answer's shape is the server's own type.
 */
import type { ShareResponse } from "../../lib/api/segment_api.ts";

/** An API error with the server's sentence. */
export class ClientApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(message);
  }
}

/**
 * Shares a result the page has: the photo (downscaled is fine) and its mask.
 *
 * @example
 * ```ts
 * const links = await postShare(photoJpeg, maskPng, 240);
 * links.shareUrl; // "https://…/s/<id>"
 * ```
 */
export async function postShare(
  photo: Blob,
  mask: Blob,
  totalMs?: number,
): Promise<ShareResponse> {
  const form = new FormData();
  form.append("photo", photo, "photo.jpg");
  form.append("mask", mask, "mask.png");
  if (totalMs !== undefined) form.append("totalMs", String(totalMs));
  let res: Response;
  try {
    res = await fetch("/api/share", {
      method: "POST",
      body: form,
      headers: { Accept: "application/json" },
    });
  } catch {
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
  return json as ShareResponse;
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
