/**
 * @module
 * Creating, reading and deleting share links on top of a {@link ShareStore},
 * with a global daily quota so shares cannot fill the store.
 */
import type { SegmentResult } from "../segment/segment.ts";
import { QuotaExceededError, UserFacingError } from "../errors.ts";
import { addInWindow } from "../kv/counters.ts";
import type { Kv } from "../kv/kv.ts";
import { hashToken, isValidId, newId, timingSafeEqual } from "./ids.ts";
import {
  ShareNotFoundError,
  type ShareRecord,
  type ShareStore,
  ShareUnavailableError,
} from "./store.ts";

/** What the creator of a share gets back. */
export interface CreatedShare {
  id: string;
  /** Secret that lets the creator delete the share; shown once, stored only hashed. */
  deleteToken: string;
  expiresAt: number;
}

/** A result to share: the mask and a downscaled photo with its overlay. */
export type ShareableResult =
  & Pick<SegmentResult, "width" | "height" | "maskPng" | "classes" | "timing">
  & { thumbnail: NonNullable<SegmentResult["thumbnail"]> };

/** The creator's delete token did not match. */
export class ShareForbiddenError extends UserFacingError {
  override name = "ShareForbiddenError";
  constructor() {
    super(403, "forbidden", "This delete token does not match the share link.");
  }
}

/** Settings of a {@link ShareService}. */
export interface ShareServiceOptions {
  /** Lifetime of a link. */
  ttlMs: number;
  /** Links created per day, all clients together; 0 = no quota. */
  quotaPerDay?: number;
  /** KV for the quota counter. */
  kv?: Kv;
}

/**
 * Share links with a fixed lifetime.
 *
 * @example
 * ```ts
 * const shares = new ShareService(new KvShareStore(kv), { ttlMs: 3600_000, kv, quotaPerDay: 2000 });
 * const { id } = await shares.create(result);
 * ```
 */
export class ShareService {
  constructor(
    private store: ShareStore,
    private opts: ShareServiceOptions,
  ) {}

  /** Stores a segmentation result (with its thumbnail) and returns its new id. */
  async create(
    result: ShareableResult,
    now = Date.now(),
  ): Promise<CreatedShare> {
    const { kv, quotaPerDay } = this.opts;
    if (kv && quotaPerDay) {
      let hit;
      try {
        hit = await addInWindow(
          kv,
          ["q", "shares"],
          1,
          quotaPerDay,
          24 * 3600_000,
          now,
        );
      } catch (err) {
        throw new ShareUnavailableError(err);
      }
      if (!hit.ok) {
        throw new QuotaExceededError(
          "Today's share links are used up. Your result was not shared; please try again tomorrow.",
          hit.retryAfterS,
        );
      }
    }
    const id = newId();
    const deleteToken = newId();
    const record: ShareRecord = {
      id,
      createdAt: now,
      expiresAt: now + this.opts.ttlMs,
      width: result.width,
      height: result.height,
      classes: result.classes,
      timing: result.timing,
      deleteTokenHash: await hashToken(deleteToken),
      mask: result.maskPng,
      photo: result.thumbnail.jpeg,
      overlay: result.thumbnail.overlayJpeg,
      photoWidth: result.thumbnail.width,
      photoHeight: result.thumbnail.height,
    };
    await this.store.put(record);
    return { id, deleteToken, expiresAt: record.expiresAt };
  }

  /** Loads a share; throws ShareNotFoundError / ShareExpiredError / ShareUnavailableError. */
  get(id: string, now = Date.now()): Promise<ShareRecord> {
    if (!isValidId(id)) return Promise.reject(new ShareNotFoundError());
    return this.store.get(id, now);
  }

  /** Deletes a share if `token` is its delete token. */
  async delete(id: string, token: string): Promise<void> {
    if (!isValidId(id)) throw new ShareNotFoundError();
    const rec = await this.store.get(id, 0); // expired shares may still be deleted
    if (!timingSafeEqual(rec.deleteTokenHash, await hashToken(token))) {
      throw new ShareForbiddenError();
    }
    await this.store.delete(id);
  }
}
