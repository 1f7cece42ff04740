/**
 * @module
 * {@link ShareStore} on Deno KV: a local SQLite file, `:memory:` in tests, or
 * the managed KV on Deno Deploy. Values are capped at 64 KiB, so blobs are
 * split into chunks; the metadata entry is written last and acts as the commit.
 */
import { concatBytes } from "../bytes.ts";
import {
  ShareExpiredError,
  ShareNotFoundError,
  type ShareRecord,
  type ShareStore,
  ShareUnavailableError,
} from "./store.ts";

/** Bytes per KV value for blob chunks (the hard limit is 65 536). */
export const CHUNK_BYTES = 60_000;
/** Chunks per atomic commit, keeping each commit well under KV's 800 KB total-size limit. */
const CHUNKS_PER_COMMIT = 10;
/** Expired records stay readable as "expired" (410) for this long before KV drops them. */
const TOMBSTONE_MS = 30 * 24 * 3600 * 1000;

/** The blobs of a share, each stored as chunks under `[prefix, id, kind, i]`. */
const BLOBS = ["mask", "photo", "overlay"] as const;
type BlobKind = typeof BLOBS[number];
type Meta = Omit<ShareRecord, BlobKind> & { chunks: Record<BlobKind, number> };

/**
 * Splits bytes into pieces of at most `size` bytes (views, not copies).
 *
 * @example
 * ```ts
 * chunk(new Uint8Array(130_000)).map((c) => c.length); // [60000, 60000, 10000]
 * ```
 */
export function chunk(bytes: Uint8Array, size = CHUNK_BYTES): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    out.push(bytes.subarray(i, i + size));
  }
  return out;
}

/**
 * Share store backed by a `Deno.Kv`.
 *
 * @example
 * ```ts
 * const store = new KvShareStore(await Deno.openKv(":memory:"));
 * await store.put(record);
 * (await store.get(record.id)).width;
 * ```
 */
export class KvShareStore implements ShareStore {
  constructor(private kv: Deno.Kv, private prefix: Deno.KvKeyPart = "share") {}

  async put(record: ShareRecord): Promise<void> {
    const { mask: _m, photo: _p, overlay: _o, ...rest } = record;
    // Blobs go when the link expires; the metadata stays a while so the link answers 410.
    const blobLife = Math.max(1, record.expiresAt - Date.now()) + 60_000;
    const keep = blobLife + TOMBSTONE_MS;
    const writes: [Deno.KvKey, Uint8Array][] = [];
    const chunks = {} as Record<BlobKind, number>;
    for (const kind of BLOBS) {
      const parts = chunk(record[kind]);
      chunks[kind] = parts.length;
      parts.forEach((p, i) =>
        writes.push([[this.prefix, record.id, kind, i], p])
      );
    }
    try {
      for (let i = 0; i < writes.length; i += CHUNKS_PER_COMMIT) {
        const op = this.kv.atomic();
        for (const [key, value] of writes.slice(i, i + CHUNKS_PER_COMMIT)) {
          op.set(key, value, { expireIn: blobLife });
        }
        const res = await op.commit();
        if (!res.ok) throw new Error("KV commit was rejected");
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
      const keys: Deno.KvKey[] = [];
      for (const kind of BLOBS) {
        for (let i = 0; i < (meta.chunks[kind] ?? 0); i++) {
          keys.push([this.prefix, id, kind, i]);
        }
      }
      for (let i = 0; i < keys.length; i += 100) {
        const op = this.kv.atomic();
        for (const k of keys.slice(i, i + 100)) op.delete(k);
        await op.commit();
      }
      return true;
    } catch (err) {
      throw new ShareUnavailableError(err);
    }
  }

  close(): void {
    try {
      this.kv.close();
    } catch { /* already closed */ }
  }

  async #blob(
    id: string,
    kind: BlobKind,
    count: number,
  ): Promise<Uint8Array> {
    const keys: Deno.KvKey[] = Array.from(
      { length: count },
      (_, i) => [this.prefix, id, kind, i],
    );
    const parts: Uint8Array[] = [];
    // getMany takes at most 10 keys per call.
    for (let i = 0; i < keys.length; i += 10) {
      const entries = await this.kv.getMany<Uint8Array[]>(
        keys.slice(i, i + 10),
      );
      for (const e of entries) {
        if (!e.value) throw new ShareNotFoundError();
        parts.push(e.value);
      }
    }
    return concatBytes(parts);
  }
}
