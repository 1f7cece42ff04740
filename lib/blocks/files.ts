/**
 * @module
 * A bounded, in-memory file store per app: uploads and function outputs live
 * here and are served back only by the ids it issued. No client-given path is
 * ever opened (works on Deno Deploy's read-only filesystem too).
 */
import { encodeBase64Url } from "../base64.ts";

/** One stored file. */
export interface StoredFile {
  id: string;
  name: string;
  mimeType: string;
  bytes: Uint8Array;
  createdAt: number;
}

/** Settings for {@link FileStore}. */
export interface FileStoreOptions {
  /** Largest single file accepted. Default 15 MB. */
  maxFileBytes?: number;
  /** Total bytes kept; the oldest files are dropped beyond it. Default 256 MB. */
  maxTotalBytes?: number;
  /** Files older than this are dropped. Default 1 hour. */
  ttlMs?: number;
}

/** The file is over the store's per-file limit. */
export class FileTooLargeError extends Error {
  override name = "FileTooLargeError";
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

/**
 * Files by opaque id (`<22-char random>/<safe name>`), LRU-bounded.
 *
 * @example
 * ```ts
 * const store = new FileStore();
 * const f = store.put(bytes, "cat.png", "image/png");
 * store.get(f.id)?.bytes === bytes; // true
 * store.get("../../etc/passwd");    // undefined
 * ```
 */
export class FileStore {
  #files = new Map<string, StoredFile>();
  #total = 0;
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
  readonly ttlMs: number;

  constructor(opts: FileStoreOptions = {}) {
    this.maxFileBytes = opts.maxFileBytes ?? 15 * 1024 * 1024;
    this.maxTotalBytes = opts.maxTotalBytes ?? 256 * 1024 * 1024;
    this.ttlMs = opts.ttlMs ?? 3600_000;
  }

  /** Stores bytes and returns the entry with its new id. */
  put(
    bytes: Uint8Array,
    name: string,
    mimeType = "application/octet-stream",
    now = Date.now(),
  ): StoredFile {
    if (bytes.length > this.maxFileBytes) {
      throw new FileTooLargeError(
        `The file is larger than the ${
          Math.round(this.maxFileBytes / 1048576)
        } MB limit.`,
      );
    }
    const rand = encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    const file: StoredFile = {
      id: `${rand}/${safeFileName(name)}`,
      name: safeFileName(name),
      mimeType,
      bytes,
      createdAt: now,
    };
    this.#files.set(file.id, file);
    this.#total += bytes.length;
    this.#evict(now);
    return file;
  }

  /** Looks up an id this store issued; anything else (paths, URLs, traversal) is undefined. */
  get(id: string, now = Date.now()): StoredFile | undefined {
    const f = this.#files.get(id);
    if (!f) return undefined;
    if (now - f.createdAt > this.ttlMs) {
      this.#drop(f);
      return undefined;
    }
    return f;
  }

  /** Number of files held. */
  get size(): number {
    return this.#files.size;
  }

  #drop(f: StoredFile) {
    if (this.#files.delete(f.id)) this.#total -= f.bytes.length;
  }

  #evict(now: number) {
    for (const f of this.#files.values()) {
      if (
        this.#total <= this.maxTotalBytes && now - f.createdAt <= this.ttlMs
      ) break;
      this.#drop(f); // Map iteration order is insertion order: oldest first
    }
  }
}
