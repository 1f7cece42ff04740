/**
 * @module
 * The share panel's two actions as plain async functions: each returns the
 * panel's next state, never throws.
 */
import { ClientApiError, deleteShare, segmentPhoto } from "./client_api.ts";
import type { ShareState } from "./SharePanel.tsx";

/**
 * Segments the photo again with `share=1` and returns the resulting state.
 *
 * @example
 * ```ts
 * share.value = { status: "creating" };
 * share.value = await createShareLink(photo, "cat.jpg");
 * ```
 */
export async function createShareLink(
  photo: Blob | Promise<Blob>,
  name?: string,
): Promise<ShareState> {
  try {
    const res = await segmentPhoto(await photo, { share: true, name });
    return res.shareUrl
      ? {
        status: "ready",
        url: res.shareUrl,
        deleteUrl: res.shareDeleteUrl,
        expiresAt: res.shareExpiresAt,
      }
      : {
        status: "error",
        message: res.shareError?.message ?? "Sharing is unavailable right now.",
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
