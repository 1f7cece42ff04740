/**
 * @module
 * The share panel's two actions as plain async functions: each returns the
 * panel's next state, never throws. Sharing sends the result the page
 * already shows (a small copy of the photo and the mask): no second upload
 * of the original, no second inference.
 */
import { ClientApiError, deleteShare, postShare } from "./share_api.ts";
import type { ShareState } from "../../components/pet/SharePanel.tsx";

/**
 * Shares `photo` with its `mask` and returns the resulting state.
 *
 * @example
 * ```ts
 * share.value = { status: "creating" };
 * share.value = await createShareLink(smallPhoto, maskPng, 240);
 * ```
 */
export async function createShareLink(
  photo: Blob,
  mask: Blob,
  totalMs?: number,
): Promise<ShareState> {
  try {
    const res = await postShare(photo, mask, totalMs);
    return {
      status: "ready",
      url: new URL(res.shareUrl, location.href).href,
      deleteUrl: res.shareDeleteUrl,
      expiresAt: res.shareExpiresAt,
    };
  } catch (err) {
    return {
      status: "error",
      message: err instanceof ClientApiError
        ? err.message
        : "Could not create the link.",
    };
  }
}

/** Deletes a ready share with its delete URL; returns the next state. */
export async function removeShareLink(state: ShareState): Promise<ShareState> {
  if (state.status !== "ready" || !state.deleteUrl) return state;
  try {
    await deleteShare(state.deleteUrl);
    return { status: "deleted" };
  } catch (err) {
    return { status: "error", message: (err as Error).message };
  }
}
