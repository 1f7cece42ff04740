/**
 * @module
 * Where the official Oxford-IIIT Pet files come from: the two archives
 * (`images.tar.gz`, `annotations.tar.gz`, read as streams) or an extracted
 * copy (`images/`, `annotations/`). `build.ts` reads either through
 * {@linkcode OfficialSource}.
 */

import { basename, join } from "node:path";
import { breedOf, BREEDS } from "./splits.ts";
import { readTarGz } from "./tar.ts";

/** A named file's bytes. */
export interface NamedBytes {
  /** Image name without extension, e.g. `Abyssinian_1`. */
  name: string;
  /** The file's bytes. */
  bytes: Uint8Array;
}

/** The official data set, wherever it is: archives or an extracted folder. */
export interface OfficialSource {
  /** Says where the files come from, for messages. */
  describe: string;
  /** The texts of `annotations/trainval.txt` and `annotations/test.txt`. */
  lists(): Promise<{ trainval: string; test: string }>;
  /** The trimaps (`annotations/trimaps/NAME.png`) of `names`, in any order. */
  trimaps(names: Set<string>): AsyncIterable<NamedBytes>;
  /** The photos (`images/NAME.jpg`) of `names`, in any order. */
  photos(names: Set<string>, signal?: AbortSignal): AsyncIterable<NamedBytes>;
}

const stem = (path: string) => basename(path).replace(/\.[^.]+$/, "");

/**
 * The official source read straight from `images.tar.gz` and
 * `annotations.tar.gz` (streamed; the annotations' lists and the three
 * breeds' trimaps are kept in memory, about 3 MB).
 *
 * @example
 * ```ts
 * import { archiveSource } from "./source.ts";
 * const src = archiveSource("data/downloads/images.tar.gz", "data/downloads/annotations.tar.gz");
 * ```
 */
export function archiveSource(
  imagesTarGz: string,
  annotationsTarGz: string,
  breeds: readonly string[] = BREEDS,
): OfficialSource {
  let annotations:
    | Promise<{ lists: Map<string, string>; trimaps: Map<string, Uint8Array> }>
    | undefined;
  const readAnnotations = () =>
    annotations ??= (async () => {
      const lists = new Map<string, string>();
      const trimaps = new Map<string, Uint8Array>();
      const want = (p: string) =>
        /^annotations\/(trainval|test)\.txt$/.test(p) ||
        (/^annotations\/trimaps\/[^/]+\.png$/.test(p) &&
          breeds.includes(breedOf(stem(p))));
      for await (const f of readTarGz(annotationsTarGz, want)) {
        if (f.path.endsWith(".txt")) {
          lists.set(basename(f.path), new TextDecoder().decode(f.bytes));
        } else trimaps.set(stem(f.path), f.bytes);
      }
      return { lists, trimaps };
    })();
  return {
    describe: `${imagesTarGz} + ${annotationsTarGz}`,
    async lists() {
      const { lists } = await readAnnotations();
      const get = (n: string) => {
        const t = lists.get(n);
        if (t === undefined) {
          throw new Error(`${annotationsTarGz} has no annotations/${n}`);
        }
        return t;
      };
      return { trainval: get("trainval.txt"), test: get("test.txt") };
    },
    async *trimaps(names) {
      const { trimaps } = await readAnnotations();
      for (const name of names) {
        const bytes = trimaps.get(name);
        if (bytes) yield { name, bytes };
      }
    },
    async *photos(names, signal) {
      const want = (p: string) =>
        /^images\/[^/]+\.jpg$/.test(p) && names.has(stem(p));
      for await (const f of readTarGz(imagesTarGz, want, signal)) {
        yield { name: stem(f.path), bytes: f.bytes };
      }
    },
  };
}

/**
 * The official source as an extracted folder holding `images/` and
 * `annotations/` (what the two archives unpack to).
 *
 * @example
 * ```ts
 * import { folderSource } from "./source.ts";
 * const src = folderSource("/data/oxford-iiit-pet");
 * ```
 */
export function folderSource(dir: string): OfficialSource {
  async function* read(names: Set<string>, sub: string, ext: string) {
    for (const name of [...names].sort()) {
      try {
        yield { name, bytes: await Deno.readFile(join(dir, sub, name + ext)) };
      } catch (err) {
        if (!(err instanceof Deno.errors.NotFound)) throw err;
      }
    }
  }
  return {
    describe: dir,
    async lists() {
      return {
        trainval: await Deno.readTextFile(
          join(dir, "annotations/trainval.txt"),
        ),
        test: await Deno.readTextFile(join(dir, "annotations/test.txt")),
      };
    },
    trimaps: (names) => read(names, "annotations/trimaps", ".png"),
    async *photos(names, signal) {
      for await (const f of read(names, "images", ".jpg")) {
        signal?.throwIfAborted();
        yield f;
      }
    },
  };
}
