/**
 * @module
 * Verified, resumable downloads of large files. A file is fetched onto
 * `<dest>.part` (resumed with an HTTP `Range` request when a `.part` is
 * already there; started again cleanly when the server ignores the range),
 * its SHA-256 is checked, and only then is it renamed to `dest`. A file
 * already at `dest` with the right hash is not fetched again. A download
 * whose hash is wrong is deleted and reported as a {@linkcode ChecksumError}.
 */

import { createHash } from "node:crypto";
import { progress, type ProgressOptions } from "./progress.ts";

/** A file whose SHA-256 is not the pinned one. */
export class ChecksumError extends Error {
  /** The file's name. */
  readonly file: string;
  /** The pinned SHA-256 (hex). */
  readonly expected: string;
  /** The SHA-256 of what was downloaded (hex). */
  readonly actual: string;

  constructor(file: string, expected: string, actual: string) {
    super(
      `${file}: SHA-256 mismatch: expected ${expected}, got ${actual} (the download was deleted; run the command again to retry)`,
    );
    this.name = "ChecksumError";
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }
}

/** What to fetch and how to check it. */
export interface DownloadOptions {
  /** Where to fetch from (redirects are followed). */
  url: string;
  /** The verified file's path; `<dest>.part` holds it while it downloads. */
  dest: string;
  /** Expected SHA-256, hex. */
  sha256: string;
  /** Expected size in bytes, when known (checked before hashing). */
  size?: number;
  /** Progress output (see `progress`). */
  progress?: ProgressOptions;
  /** Stops the download; the `.part` file stays for the next run to resume. */
  signal?: AbortSignal;
}

/**
 * SHA-256 of a file, read as a stream (never whole in memory).
 *
 * @example
 * ```ts
 * import { sha256File } from "./download.ts";
 * await sha256File("deno.json"); // "3f…" (64 hex digits)
 * ```
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  using file = await Deno.open(path);
  for await (const chunk of file.readable) hash.update(chunk);
  return hash.digest("hex");
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await Deno.stat(path)).size;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return undefined;
    throw err;
  }
}

/**
 * Makes sure `dest` holds the verified file: returns `"present"` when it was
 * already there with the right hash, `"downloaded"` after fetching it.
 * Throws {@linkcode ChecksumError} (after deleting the bad download) when
 * the hash is wrong, or an `Error` naming the URL and HTTP status.
 *
 * @example
 * ```ts
 * import { downloadVerified } from "./download.ts";
 * await downloadVerified({
 *   url: "https://www.robots.ox.ac.uk/~vgg/data/pets/data/annotations.tar.gz",
 *   dest: "data/downloads/annotations.tar.gz",
 *   sha256: "52425fb6de5c424942b7626b428656fcbd798db970a937df61750c0f1d358e91",
 * });
 * ```
 */
export async function downloadVerified(
  opts: DownloadOptions,
): Promise<"present" | "downloaded"> {
  const { url, dest, sha256, size } = opts;
  const name = dest.split("/").pop()!;
  const expected = sha256.toLowerCase();
  if (await sizeOf(dest) !== undefined) {
    if (size === undefined || await sizeOf(dest) === size) {
      if (await sha256File(dest) === expected) return "present";
    }
    // A stale or damaged file where the verified one should be: fetch anew.
    await Deno.remove(dest);
  }
  const part = `${dest}.part`;
  let have = await sizeOf(part) ?? 0;
  if (size !== undefined && have > size) {
    await Deno.remove(part);
    have = 0;
  }
  if (size === undefined || have < size) {
    await fetchInto(url, part, have, size, opts);
  }
  const got = await sizeOf(part) ?? 0;
  if (size !== undefined && got < size) {
    throw new Error(
      `${name}: the download stopped at ${got} of ${size} bytes; run the command again to resume`,
    );
  }
  if (size !== undefined && got > size) {
    await Deno.remove(part);
    throw new Error(
      `${name}: the download has ${got} bytes, expected ${size} (deleted; run the command again to retry)`,
    );
  }
  const actual = await sha256File(part);
  if (actual !== expected) {
    await Deno.remove(part);
    throw new ChecksumError(name, expected, actual);
  }
  await Deno.rename(part, dest);
  return "downloaded";
}

/** Appends the rest of `url` to `part` (from byte `have`), or rewrites it when the server sends it whole. */
async function fetchInto(
  url: string,
  part: string,
  have: number,
  size: number | undefined,
  opts: DownloadOptions,
): Promise<void> {
  const name = opts.dest.split("/").pop()!;
  const headers: HeadersInit = have > 0 ? { Range: `bytes=${have}-` } : {};
  const res = await fetch(url, { headers, signal: opts.signal });
  if (res.status === 416 && have > 0) {
    // Nothing left to send: the .part is complete (its hash decides).
    await res.body?.cancel();
    return;
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new Error(
      `${name}: download failed: HTTP ${res.status} ${res.statusText} from ${url}`,
    );
  }
  const resumed = res.status === 206 &&
    res.headers.get("content-range")?.startsWith(`bytes ${have}-`);
  if (!resumed) have = 0; // the server sent the whole file: start over
  const length = Number(res.headers.get("content-length")) || undefined;
  const total = size ?? (length !== undefined ? have + length : undefined);
  const bar = progress(`download ${name}`, total, {
    bytes: true,
    ...opts.progress,
  });
  if (resumed) {
    (opts.progress?.write ?? console.error)(
      `resuming ${name} at ${(have / 1e6).toFixed(1)} MB\n`,
    );
  }
  using file = await Deno.open(part, {
    write: true,
    create: true,
    append: resumed,
    truncate: !resumed,
  });
  let done = have;
  for await (const chunk of res.body) {
    let off = 0;
    while (off < chunk.length) off += await file.write(chunk.subarray(off));
    done += chunk.length;
    bar.update(done);
  }
  bar.done();
}
