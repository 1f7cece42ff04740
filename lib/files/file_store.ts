/**
 * @module
 * Files users upload and files apps produce, kept in Deno KV so that every
 * instance can serve and use them (an upload on one instance, the call on a
 * second, the download on a third). Each file is stored as chunks plus a
 * small metadata entry written last (the commit point), expires after `ttlMs`,
 * and counts against a global quota of bytes and files over the same time,
 * so a flood of uploads fails with a clear 503 instead of filling the store.
 * Files are served back only by the ids the store issued: a client-given
 * path is never opened.
 *
 * @example
 * ```ts
 * const store = new KvFileStore(kv, "demos/components", { maxFileBytes: 15e6 });
 * const f = await store.put(bytes, "cat.png", "image/png");
 * (await store.get(f.id))?.bytes; // the bytes
 * await store.get("../../etc/passwd"); // undefined
 * ```
 */
import { encodeBase64Url } from "../base64.ts";
import { QuotaExceededError, UserFacingError } from "../errors.ts";
import { readBlob, writeBlob } from "../kv/blobs.ts";
import { addToRollingQuotas } from "../kv/counters.ts";
import type { Kv } from "../kv/kv.ts";

/** One stored file. */
export interface StoredFile {
  /** Opaque id: `<22-char random>/<safe name>`. */
  id: string;
  name: string;
  mimeType: string;
  size: number;
  createdAt: number;
  bytes: Uint8Array;
}

/** What a call may do with files: read issued ones, store new ones. */
export interface FileAccess {
  /** Largest single file accepted. */
  readonly maxFileBytes: number;
  put(bytes: Uint8Array, name: string, mimeType?: string): Promise<StoredFile>;
  /** A file this store issued (or a call's own input), else `undefined`. */
  get(id: string): Promise<StoredFile | undefined>;
}

/** The file is over the per-file limit. */
export class FileTooLargeError extends UserFacingError {
  override name = "FileTooLargeError";
  constructor(limit: number) {
    super(
      413,
      "payload_too_large",
      `File exceeds the maximum allowed size of ${
        limit >= 1048576
          ? `${Math.round(limit / 1048576 * 10) / 10} MB`
          : `${Math.round(limit / 1024 * 10) / 10} KB`
      }.`,
    );
  }
}

/** Limits shared by every app's store on one KV database. */
export interface FileQuota {
  /** Bytes stored in any `ttlMs` window, all apps together. */
  maxBytes: number;
  /** Files stored in any `ttlMs` window, all apps together. */
  maxFiles: number;
}

/** Settings of a {@link KvFileStore}. */
export interface FileStoreOptions {
  /** Default 15 MB. */
  maxFileBytes?: number;
  /** Lifetime of a file. Default 1 hour. */
  ttlMs?: number;
  /** Global quota; default 512 MB and 4 000 files per `ttlMs`. */
  quota?: FileQuota;
}

interface Meta {
  name: string;
  mimeType: string;
  size: number;
  createdAt: number;
  chunks: number;
}

/** Strips anything path-like or odd from a client-given file name. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // deno-lint-ignore no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "").replace(
    /^\.+/,
    "",
  ).trim().slice(0, 120);
  return clean || "file";
}

/** A new opaque file id for `name`. */
export function newFileId(name: string): string {
  const rand = encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  return `${rand}/${safeFileName(name)}`;
}

const ID = /^[A-Za-z0-9_-]{22}\/[^/\\]{1,120}$/;

/**
 * A file held only for the duration of one call (e.g. a photo sent inline
 * with the call): never written to KV.
 */
export function transientFile(
  bytes: Uint8Array,
  name: string,
  mimeType = "application/octet-stream",
): StoredFile {
  return {
    id: newFileId(name),
    name: safeFileName(name),
    mimeType,
    size: bytes.length,
    createdAt: Date.now(),
    bytes,
  };
}

/** The part of the file quota uploads may fill; the rest is kept for answers. */
export const UPLOAD_SHARE = 0.75;

/** An app's file store on Deno KV. */
export class KvFileStore implements FileAccess {
  readonly maxFileBytes: number;
  readonly ttlMs: number;
  #quota: FileQuota;

  constructor(
    private kv: Kv,
    private namespace: string,
    opts: FileStoreOptions = {},
  ) {
    this.maxFileBytes = opts.maxFileBytes ?? 15 * 1024 * 1024;
    this.ttlMs = opts.ttlMs ?? 3600_000;
    this.#quota = opts.quota ?? { maxBytes: 512 * 1024 * 1024, maxFiles: 4000 };
  }

  /** Stores bytes (a call's output) and returns the entry with its new id. */
  put(
    bytes: Uint8Array,
    name: string,
    mimeType = "application/octet-stream",
  ): Promise<StoredFile> {
    return this.#store(bytes, name, mimeType, 1);
  }

  /**
   * Stores a file a client uploaded. Uploads may fill only part of the
   * quota ({@link UPLOAD_SHARE}), so a flood of them cannot stop the apps
   * from storing their answers.
   */
  putUpload(
    bytes: Uint8Array,
    name: string,
    mimeType = "application/octet-stream",
  ): Promise<StoredFile> {
    return this.#store(bytes, name, mimeType, UPLOAD_SHARE);
  }

  async #store(
    bytes: Uint8Array,
    name: string,
    mimeType: string,
    share: number,
  ): Promise<StoredFile> {
    if (bytes.length > this.maxFileBytes) {
      throw new FileTooLargeError(this.maxFileBytes);
    }
    await this.#charge(bytes.length, share);
    const file: StoredFile = { ...transientFile(bytes, name, mimeType) };
    const prefix = ["f", this.namespace, file.id];
    const expireIn = this.ttlMs + 60_000;
    const chunks = await writeBlob(this.kv, prefix, bytes, { expireIn });
    const meta: Meta = {
      name: file.name,
      mimeType: file.mimeType,
      size: file.size,
      createdAt: file.createdAt,
      chunks,
    };
    await this.kv.set([...prefix, "meta"], meta, { expireIn });
    return file;
  }

  /** Looks up an id this store issued; anything else (paths, URLs, traversal) is undefined. */
  async get(id: string, now = Date.now()): Promise<StoredFile | undefined> {
    if (!ID.test(id)) return undefined;
    const prefix = ["f", this.namespace, id];
    const meta = (await this.kv.get<Meta>([...prefix, "meta"])).value;
    // KV expires entries lazily: the lifetime is decided here.
    if (!meta || now - meta.createdAt > this.ttlMs) return undefined;
    const bytes = await readBlob(this.kv, prefix, meta.chunks);
    if (!bytes) return undefined;
    return {
      id,
      name: meta.name,
      mimeType: meta.mimeType,
      size: meta.size,
      createdAt: meta.createdAt,
      bytes,
    };
  }

  async #charge(size: number, share: number) {
    const q = this.#quota;
    const hit = await addToRollingQuotas(this.kv, [
      {
        key: ["q", "file-count"],
        amount: 1,
        limit: Math.floor(q.maxFiles * share),
      },
      {
        key: ["q", "file-bytes"],
        amount: size,
        limit: Math.floor(q.maxBytes * share),
      },
    ], this.ttlMs);
    if (!hit.ok) {
      throw new QuotaExceededError(
        "The server is holding as many files as it can right now. Please try again later.",
        hit.retryAfterS,
      );
    }
  }
}

/**
 * A view of `store` that also knows `local` files (a call's inline inputs),
 * which are read from memory and never stored.
 *
 * @example
 * ```ts
 * const photo = transientFile(bytes, "cat.jpg", "image/jpeg");
 * const files = withLocalFiles(store, [photo]);
 * (await files.get(photo.id))?.bytes === bytes; // true
 * ```
 */
export function withLocalFiles(
  store: FileAccess,
  local: StoredFile[],
): FileAccess {
  const byId = new Map(local.map((f) => [f.id, f]));
  return {
    maxFileBytes: store.maxFileBytes,
    put: (bytes, name, mimeType) => store.put(bytes, name, mimeType),
    get: async (id) => byId.get(id) ?? await store.get(id),
  };
}
