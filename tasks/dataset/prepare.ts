/**
 * @module
 * `deno task data` without the command line: makes sure a folder holds the
 * project's Oxford-IIIT Pet layout, fetching the official archives (pinned
 * by SHA-256) or reading a local source (`from`), then building it (see
 * `build.ts`). An output that is already complete is left alone.
 */

import { join } from "node:path";
import { type BuildCounts, buildFromOfficial, copyPrepared } from "./build.ts";
import { ChecksumError, downloadVerified, sha256File } from "./download.ts";
import { layoutProblems } from "./layout.ts";
import type { ProgressOptions } from "./progress.ts";
import { archiveSource, folderSource } from "./source.ts";
import { BREEDS } from "./splits.ts";
import { exists } from "./staging.ts";

/** One official archive: its file name and pinned checksum. */
export interface ArchivePin {
  /** File name, also the last part of its URL. */
  name: string;
  /** Size in bytes, when known. */
  size?: number;
  /** SHA-256, hex. */
  sha256: string;
}

/** The official download location (it redirects to thor.robots.ox.ac.uk). */
export const OXFORD_PETS_URL =
  "https://www.robots.ox.ac.uk/~vgg/data/pets/data/";

/** The two official archives, pinned (images first, annotations second). */
export const OXFORD_PETS_ARCHIVES: readonly [ArchivePin, ArchivePin] = [
  {
    name: "images.tar.gz",
    size: 791_918_971,
    sha256: "67195c5e1c01f1ab5f9b6a5d22b8c27a580d896ece458917e61d459337fa318d",
  },
  {
    name: "annotations.tar.gz",
    size: 19_173_078,
    sha256: "52425fb6de5c424942b7626b428656fcbd798db970a937df61750c0f1d358e91",
  },
];

/** What to prepare and from where. */
export interface PrepareOptions {
  /** The layout folder to make, e.g. `data/pets`. */
  out: string;
  /** The pseudo photo names (`readPseudoNames()`). */
  pseudoNames: readonly string[];
  /**
   * A local source instead of downloading: a folder holding the two
   * archives, an extracted official folder (`images/`, `annotations/`), or a
   * prepared copy of the layout.
   */
  from?: string;
  /** Where to download from (default {@linkcode OXFORD_PETS_URL}). */
  baseUrl?: string;
  /** Where downloaded archives are kept (default `data/downloads`). */
  downloads?: string;
  /** Rebuild even when `out` is complete (its `pseudo/soft` is kept). */
  force?: boolean;
  /** The archives and their checksums (default {@linkcode OXFORD_PETS_ARCHIVES}). */
  archives?: readonly [ArchivePin, ArchivePin];
  /** The real-train/real-test breeds (default `BREEDS`). */
  breeds?: readonly string[];
  /** Progress output. */
  progress?: ProgressOptions;
  /** One-line status messages (default: standard error). */
  log?: (line: string) => void;
  /** Stops everything; nothing half-built is left (downloads resume later). */
  signal?: AbortSignal;
}

/** What {@linkcode prepareData} did. */
export interface PrepareResult {
  /** `"present"`: `out` was already complete; `"built"`: it was made now. */
  status: "present" | "built";
  /** Counts of the built layout (when built). */
  counts?: BuildCounts;
  /** How it was made, for the summary line. */
  source: string;
}

/**
 * Makes `opts.out` hold the layout. Throws `ChecksumError` for an archive
 * whose SHA-256 is wrong, and `Error` with a one-line message for anything
 * else (unreachable server, incomplete source, an incomplete `out`).
 *
 * @example
 * ```ts
 * import { prepareData } from "./prepare.ts";
 * import { readPseudoNames } from "./splits.ts";
 * await prepareData({ out: "data/pets", pseudoNames: await readPseudoNames() });
 * ```
 */
export async function prepareData(
  opts: PrepareOptions,
): Promise<PrepareResult> {
  const log = opts.log ?? ((l: string) => console.error(l));
  const breeds = opts.breeds ?? BREEDS;
  const [images, annotations] = opts.archives ?? OXFORD_PETS_ARCHIVES;
  let replace = false;
  if (await exists(opts.out)) {
    const problems = await layoutProblems(opts.out, opts.pseudoNames, breeds);
    if (!problems.length && !opts.force) {
      return { status: "present", source: opts.out };
    }
    if ((await Deno.lstat(opts.out)).isSymlink) {
      throw new Error(
        `${opts.out} is a symbolic link${
          problems.length ? ` to an incomplete copy (${problems[0]})` : ""
        }; remove the link or choose another --out`,
      );
    }
    if (problems.length && !opts.force) {
      throw new Error(
        `${opts.out} exists but is incomplete (${
          problems.join("; ")
        }); pass --force to rebuild it (its pseudo/soft labels are kept)`,
      );
    }
    replace = true;
  }
  const build = { ...opts, breeds, replace };

  if (opts.from) {
    const from = opts.from;
    if (await exists(join(from, images.name))) {
      for (const pin of [images, annotations]) {
        const path = join(from, pin.name);
        if (!await exists(path)) throw new Error(`${from} has no ${pin.name}`);
        log(`checking ${path}`);
        const actual = await sha256File(path);
        if (actual !== pin.sha256) {
          throw new ChecksumError(path, pin.sha256, actual);
        }
      }
      const src = archiveSource(
        join(from, images.name),
        join(from, annotations.name),
        breeds,
      );
      const counts = await buildFromOfficial(src, build);
      return { status: "built", counts, source: `archives in ${from}` };
    }
    if (
      await exists(join(from, "images")) &&
      await exists(join(from, "annotations"))
    ) {
      const counts = await buildFromOfficial(folderSource(from), build);
      return { status: "built", counts, source: `extracted folder ${from}` };
    }
    if (await exists(join(from, "real-train"))) {
      const counts = await copyPrepared(from, build);
      return { status: "built", counts, source: `prepared copy ${from}` };
    }
    throw new Error(
      `${from} holds neither ${images.name} + ${annotations.name}, nor images/ + annotations/, nor a prepared copy (real-train/, real-test/, pseudo/)`,
    );
  }

  const downloads = opts.downloads ?? "data/downloads";
  await Deno.mkdir(downloads, { recursive: true });
  const base = (opts.baseUrl ?? OXFORD_PETS_URL).replace(/\/?$/, "/");
  const paths: string[] = [];
  // Annotations first: small, and a bad base URL shows up at once.
  for (const pin of [annotations, images]) {
    const dest = join(downloads, pin.name);
    const how = await downloadVerified({
      url: new URL(pin.name, base).href,
      dest,
      sha256: pin.sha256,
      size: pin.size,
      progress: opts.progress,
      signal: opts.signal,
    });
    log(
      `${pin.name}: ${
        how === "present" ? "already here, verified" : "downloaded, verified"
      }`,
    );
    paths.push(dest);
  }
  const src = archiveSource(paths[1], paths[0], breeds);
  const counts = await buildFromOfficial(src, build);
  return { status: "built", counts, source: base };
}
