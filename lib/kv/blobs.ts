/**
 * @module
 * Byte blobs larger than one KV value (64 KiB): split into chunks under
 * `[...prefix, i]`, written at most {@link CHUNKS_PER_COMMIT} per atomic
 * commit (well under KV's 800 KiB per commit). Callers write a small
 * metadata entry *after* the chunks; that entry is the commit point, so a
 * reader never sees half a blob.
 */
import { concatBytes } from "../bytes.ts";
import type { Kv } from "./kv.ts";

/** Bytes per chunk (KV's hard limit is 65 536 per value). */
export const CHUNK_BYTES = 60_000;
/** Chunks per atomic commit: 10 × 60 000 B stays under 800 KiB. */
export const CHUNKS_PER_COMMIT = 10;

/**
 * Splits bytes into views of at most `size` bytes.
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

/** The number of chunks {@link writeBlob} uses for `size` bytes. */
export function chunkCount(size: number): number {
  return Math.ceil(size / CHUNK_BYTES);
}

/**
 * Writes `bytes` as chunks under `prefix`; returns the chunk count.
 *
 * @example
 * ```ts
 * const n = await writeBlob(kv, ["f", "app", id], bytes, { expireIn: 3600_000 });
 * await kv.set(["f", "app", id, "meta"], { chunks: n }); // the commit point
 * ```
 */
export async function writeBlob(
  kv: Kv,
  prefix: Deno.KvKey,
  bytes: Uint8Array,
  opts: { expireIn?: number } = {},
): Promise<number> {
  const parts = chunk(bytes);
  for (let i = 0; i < parts.length; i += CHUNKS_PER_COMMIT) {
    const op = kv.atomic();
    parts.slice(i, i + CHUNKS_PER_COMMIT).forEach((p, j) =>
      op.set([...prefix, i + j], p, opts)
    );
    const res = await op.commit();
    if (!res.ok) throw new Error("KV rejected a blob commit");
  }
  return parts.length;
}

/**
 * Reads `count` chunks under `prefix`; `null` when any is missing
 * (expired or deleted).
 *
 * @example
 * ```ts
 * const bytes = await readBlob(kv, ["f", "app", id], meta.chunks);
 * ```
 */
export async function readBlob(
  kv: Kv,
  prefix: Deno.KvKey,
  count: number,
): Promise<Uint8Array | null> {
  const parts: Uint8Array[] = [];
  // getMany takes at most 10 keys per call.
  for (let i = 0; i < count; i += 10) {
    const keys = Array.from(
      { length: Math.min(10, count - i) },
      (_, j) => [...prefix, i + j],
    );
    for (const e of await kv.getMany<Uint8Array[]>(keys)) {
      if (!(e.value instanceof Uint8Array)) return null;
      parts.push(e.value);
    }
  }
  return concatBytes(parts);
}

/** Deletes `count` chunks under `prefix` (100 per commit). */
export async function deleteBlob(
  kv: Kv,
  prefix: Deno.KvKey,
  count: number,
): Promise<void> {
  for (let i = 0; i < count; i += 100) {
    const op = kv.atomic();
    for (let j = i; j < Math.min(count, i + 100); j++) {
      op.delete([...prefix, j]);
    }
    await op.commit();
  }
}
