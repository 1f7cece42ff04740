/**
 * @module
 * What a share link keeps, and the store contract every backend fulfils.
 */
import type { ClassFraction, SegmentTiming } from "../segment/segment.ts";
import { UserFacingError } from "../errors.ts";

/** One shared segmentation result. */
export interface ShareRecord {
  id: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms after which the link answers "expired". */
  expiresAt: number;
  /** Photo size (the mask's size). */
  width: number;
  height: number;
  classes: ClassFraction[];
  timing: SegmentTiming;
  /** SHA-256 hex of the creator's delete token. */
  deleteTokenHash: string;
  /** Gray class mask PNG at full size. */
  mask: Uint8Array;
  /** Downscaled photo (JPEG). */
  photo: Uint8Array;
  /** The downscaled photo with the mask's classes tinted on it (JPEG). */
  overlay: Uint8Array;
  photoWidth: number;
  photoHeight: number;
}

/** No share with this id (never existed, or deleted). */
export class ShareNotFoundError extends UserFacingError {
  override name = "ShareNotFoundError";
  constructor() {
    super(
      404,
      "share_not_found",
      "This share link does not exist. It may have been deleted, or the address is mistyped.",
    );
  }
}

/** The share existed but its lifetime is over. */
export class ShareExpiredError extends UserFacingError {
  override name = "ShareExpiredError";
  constructor(readonly expiredAt: number) {
    super(
      410,
      "share_expired",
      "This share link has expired. Share links last a limited time; ask for a new one.",
    );
  }
}

/** The store cannot be reached or failed; segmentation still works without it. */
export class ShareUnavailableError extends UserFacingError {
  override name = "ShareUnavailableError";
  constructor(cause?: unknown) {
    super(
      503,
      "share_unavailable",
      "Sharing is unavailable right now. Your result was not shared; please try again later.",
      30,
      { cause },
    );
  }
}

/** Storage for share records. Implementations throw the errors above. */
export interface ShareStore {
  /** Saves a record (its `id` must be new). */
  put(record: ShareRecord): Promise<void>;
  /** Loads a record; throws {@link ShareNotFoundError} or {@link ShareExpiredError}. */
  get(id: string, now?: number): Promise<ShareRecord>;
  /** Deletes a record; returns false when it did not exist. */
  delete(id: string): Promise<boolean>;
}
