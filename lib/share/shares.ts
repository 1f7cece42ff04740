/**
 * @module
 * Creating, reading and deleting share links on top of a {@link ShareStore}.
 */
import type { SegmentResult } from "../segment/segment.ts";
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

/** The creator's delete token did not match. */
export class ShareForbiddenError extends Error {
  override name = "ShareForbiddenError";
  constructor() {
    super("This delete token does not match the share link.");
  }
}

/**
 * Share links with a fixed lifetime. The store is opened lazily and reopened
 * after a failure, so a KV outage only disables sharing, never segmentation.
 *
 * @example
 * ```ts
 * const shares = new ShareService(async () => new KvShareStore(await Deno.openKv(":memory:")), 3600_000);
 * const { id } = await shares.create(result);
 * ```
 */
export class ShareService {
  #store?: Promise<ShareStore>;

  constructor(private open: () => Promise<ShareStore>, private ttlMs: number) {}

  async #get(): Promise<ShareStore> {
    this.#store ??= this.open();
    try {
      return await this.#store;
    } catch (err) {
      this.#store = undefined;
      throw new ShareUnavailableError(err);
    }
  }

  async #use<T>(fn: (s: ShareStore) => Promise<T>): Promise<T> {
    const store = await this.#get();
    try {
      return await fn(store);
    } catch (err) {
      if (err instanceof ShareUnavailableError) {
        // Reopen next time, releasing this handle first.
        this.#store = undefined;
        store.close();
      }
      throw err;
    }
  }

  /** Stores a segmentation result (it must carry a thumbnail) and returns its new id. */
  async create(result: SegmentResult, now = Date.now()): Promise<CreatedShare> {
    if (!result.thumbnail) {
      throw new Error("A shared result needs a photo thumbnail.");
    }
    const id = newId();
    const deleteToken = newId();
    const record: ShareRecord = {
      id,
      createdAt: now,
      expiresAt: now + this.ttlMs,
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
    await this.#use((s) => s.put(record));
    return { id, deleteToken, expiresAt: record.expiresAt };
  }

  /** Loads a share; throws ShareNotFoundError / ShareExpiredError / ShareUnavailableError. */
  get(id: string, now = Date.now()): Promise<ShareRecord> {
    if (!isValidId(id)) return Promise.reject(new ShareNotFoundError());
    return this.#use((s) => s.get(id, now));
  }

  /** Deletes a share if `token` is its delete token. */
  async delete(id: string, token: string): Promise<void> {
    if (!isValidId(id)) throw new ShareNotFoundError();
    await this.#use(async (s) => {
      const rec = await s.get(id, 0); // expired shares may still be deleted
      if (!timingSafeEqual(rec.deleteTokenHash, await hashToken(token))) {
        throw new ShareForbiddenError();
      }
      await s.delete(id);
    });
  }

  /** Closes the store if it was opened. */
  async close(): Promise<void> {
    try {
      (await this.#store)?.close();
    } catch { /* never opened */ }
  }
}
