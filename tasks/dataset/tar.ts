/**
 * @module
 * Streaming reads of `.tar.gz` archives (the web `DecompressionStream` +
 * `modern-tar`'s decoder): one entry at a time, so a 790 MB archive never
 * sits in memory. macOS resource-fork files (`._name`) are skipped.
 */

import { createTarDecoder } from "modern-tar";

/** One regular file read from an archive. */
export interface ArchiveFile {
  /** Path inside the archive, e.g. `images/Abyssinian_1.jpg`. */
  path: string;
  /** The file's bytes. */
  bytes: Uint8Array;
}

/**
 * Yields the regular files of the `.tar.gz` at `path` for which `want(path)`
 * is true, in archive order; other entries are skipped without being kept.
 *
 * @example
 * ```ts
 * import { readTarGz } from "./tar.ts";
 * for await (const f of readTarGz("data/downloads/annotations.tar.gz", (p) => p.endsWith(".txt"))) {
 *   console.log(f.path, f.bytes.length);
 * }
 * ```
 */
export async function* readTarGz(
  path: string,
  want: (path: string) => boolean,
  signal?: AbortSignal,
): AsyncGenerator<ArchiveFile> {
  const file = await Deno.open(path);
  const entries = file.readable
    .pipeThrough(new DecompressionStream("gzip"))
    .pipeThrough(createTarDecoder());
  const reader = entries.getReader();
  try {
    while (true) {
      signal?.throwIfAborted();
      const { done, value: entry } = await reader.read();
      if (done) break;
      const name = entry.header.name.replace(/^\.\//, "");
      const type = entry.header.type ?? "file";
      const base = name.split("/").pop() ?? "";
      if (type !== "file" || base.startsWith("._") || !want(name)) {
        await entry.body.cancel();
        continue;
      }
      yield {
        path: name,
        bytes: new Uint8Array(await new Response(entry.body).arrayBuffer()),
      };
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
