/**
 * @module
 * {@link ShareStore} on Deno KV: a local SQLite file, `:memory:` in tests, or
 * the managed KV on Deno Deploy. Values are capped at 64 KiB, so blobs are
 * split into chunks; the metadata entry is written last and acts as the commit.
 */
import type { Kv } from "../kv/kv.ts";
import { deleteBlob, readBlob, writeBlob } from "../kv/blobs.ts";
import {
  ShareExpiredError,
  ShareNotFoundError,
  type ShareRecord,
  type ShareStore,
  ShareUnavailableError,
} from "./store.ts";

/** Expired records stay readable as "expired" (410) for this long before KV drops them. */
const TOMBSTONE_MS = 30 * 24 * 3600 * 1000;

/** The blobs of a share, each stored as chunks under `[prefix, id, kind]`. */
const BLOBS = ["mask", "photo", "overlay"] as const;
type BlobKind = typeof BLOBS[number];
type Meta = Omit<ShareRecord, BlobKind> & { chunks: Record<BlobKind, number> };

/**
 * Share store backed by Deno KV.
 *
 * @example
 * ```ts
 * const store = new KvShareStore(await openKv(":memory:"));
 * await store.put(record);
 * (await store.get(record.id)).width;
 * ```
 */
export class KvShareStore implements ShareStore {
  constructor(private kv: Kv, private prefix: Deno.KvKeyPart = "share") {}

  async put(record: ShareRecord): Promise<void> {
    const { mask: _m, photo: _p, overlay: _o, ...rest } = record;
    // Blobs go when the link expires; the metadata stays a while so the link answers 410.
    const blobLife = Math.max(1, record.expiresAt - Date.now()) + 60_000;
    const keep = blobLife + TOMBSTONE_MS;
    try {
      const chunks = {} as Record<BlobKind, number>;
      for (const kind of BLOBS) {
        chunks[kind] = await writeBlob(
          this.kv,
          [this.prefix, record.id, kind],
          record[kind],
          { expireIn: blobLife },
        );
      }
      const meta: Meta = { ...rest, chunks };
      const res = await this.kv.atomic()
        .check({ key: [this.prefix, record.id, "meta"], versionstamp: null })
        .set([this.prefix, record.id, "meta"], meta, { expireIn: keep })
        .commit();
      if (!res.ok) throw new Error("A share with this id already exists");
    } catch (err) {
      throw new ShareUnavailableError(err);
    }
  }

  async get(id: string, now = Date.now()): Promise<ShareRecord> {
    let meta: Meta | null;
    try {
      meta = (await this.kv.get<Meta>([this.prefix, id, "meta"])).value;
    } catch (err) {
      throw new ShareUnavailableError(err);
    }
    if (!meta) throw new ShareNotFoundError();
    // KV sweeps expireIn lazily (about once a minute), so expiry is decided here.
    if (now >= meta.expiresAt) throw new ShareExpiredError(meta.expiresAt);
    try {
      const chunks = meta.chunks;
      const [mask, photo, overlay] = await Promise.all(
        BLOBS.map((k) => this.#blob(id, k, chunks[k] ?? 0)),
      );
      const { chunks: _c, ...rest } = meta;
      return { ...rest, mask, photo, overlay };
    } catch (err) {
      if (err instanceof ShareNotFoundError) throw err;
      throw new ShareUnavailableError(err);
    }
  }

  async delete(id: string): Promise<boolean> {
    try {
      const meta = (await this.kv.get<Meta>([this.prefix, id, "meta"])).value;
      if (!meta) return false;
      // Meta first: once it is gone the share reads as deleted even if chunk cleanup fails.
      await this.kv.delete([this.prefix, id, "meta"]);
      for (const kind of BLOBS) {
        await deleteBlob(
          this.kv,
          [this.prefix, id, kind],
          meta.chunks[kind] ?? 0,
        );
      }
      return true;
    } catch (err) {
      throw new ShareUnavailableError(err);
    }
  }

  async #blob(id: string, kind: BlobKind, count: number): Promise<Uint8Array> {
    const bytes = await readBlob(this.kv, [this.prefix, id, kind], count);
    if (!bytes) throw new ShareNotFoundError();
    return bytes;
  }
}
