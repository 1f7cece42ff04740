/**
 * @module
 * Builds the project's Oxford-IIIT Pet layout from the official files:
 *
 * ```
 * real-train/images/*.jpg  real-train/trimaps/*.png   300, 224×224
 * real-test/images/*.jpg   real-test/trimaps/*.png    298, original size
 * pseudo/images/*.jpg                                 6,768, 224×224
 * pseudo/soft/*.png        (made later by `deno task pseudo-labels`)
 * examples/*.jpg           5 real-train photos, original files
 * ```
 *
 * The official files come from the two archives (read as streams), from an
 * extracted copy (`images/`, `annotations/`), or the layout is copied from
 * an already prepared copy. Everything is written into a staging folder
 * beside the output and renamed into place only once complete, so an error
 * or Ctrl-C never leaves a half-built output behind.
 */

import { basename, dirname, join } from "node:path";
import { progress, type ProgressOptions } from "./progress.ts";
import { pseudoPhoto, testPhoto, trainPhoto, trainTrimap } from "./photos.ts";
import {
  breedOf,
  BREEDS,
  EXAMPLES,
  makeSplits,
  type Splits,
} from "./splits.ts";
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
 * import { archiveSource } from "./build.ts";
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
 * import { folderSource } from "./build.ts";
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

/** How many files each split got. */
export interface BuildCounts {
  /** `real-train` photos (each with a trimap). */
  realTrain: number;
  /** `real-test` photos (each with a trimap). */
  realTest: number;
  /** `pseudo` photos. */
  pseudo: number;
  /** `pseudo/soft` labels carried over (prepared copies only). */
  soft: number;
}

/** Options shared by the builders. */
export interface BuildOptions {
  /** The output folder; must not exist yet unless `replace`. */
  out: string;
  /** The `pseudo` photo names (from `training/splits/pseudo_names.txt`). */
  pseudoNames: readonly string[];
  /** The real-train/real-test breeds (default {@linkcode BREEDS}). */
  breeds?: readonly string[];
  /** Progress output. */
  progress?: ProgressOptions;
  /** Stops the build; the staging folder is removed. */
  signal?: AbortSignal;
  /** Replace an existing `out` at the end (keeping its `pseudo/soft`). */
  replace?: boolean;
}

/**
 * Runs `fill(staging)` on a new folder beside `out` and renames it to `out`
 * when `fill` succeeds; removes it when `fill` throws. With `replace`, an
 * existing `out` is swapped out only at the very end (its `pseudo/soft`
 * labels are carried over when the new build has none); without it, `out`
 * must not exist.
 *
 * @example
 * ```ts
 * import { staged } from "./build.ts";
 * await staged("data/pets", async (dir) => { await Deno.mkdir(`${dir}/pseudo`); });
 * ```
 */
export async function staged<T>(
  out: string,
  fill: (dir: string) => Promise<T>,
  replace = false,
): Promise<T> {
  await Deno.mkdir(dirname(out), { recursive: true });
  const tmp = await Deno.makeTempDir({
    dir: dirname(out),
    prefix: `.${basename(out)}.building-`,
  });
  let result: T;
  try {
    result = await fill(tmp);
    if (replace && await exists(out)) {
      const soft = join(out, "pseudo/soft");
      if (await exists(soft) && !await exists(join(tmp, "pseudo/soft"))) {
        await Deno.mkdir(join(tmp, "pseudo"), { recursive: true });
        await Deno.rename(soft, join(tmp, "pseudo/soft"));
      }
      const old = `${tmp}.old`;
      await Deno.rename(out, old);
      await Deno.rename(tmp, out);
      await Deno.remove(old, { recursive: true });
      return result;
    }
    await Deno.rename(tmp, out);
    return result;
  } catch (err) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw err;
  }
}

/** Whether a path exists (a symbolic link counts, whatever it points to). */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

const SUBDIRS = [
  "real-train/images",
  "real-train/trimaps",
  "real-test/images",
  "real-test/trimaps",
  "pseudo/images",
  "examples",
];

/**
 * Builds the layout into `opts.out` from the official files. Throws when the
 * source lacks a photo or trimap that the split rules need (naming a few).
 *
 * @example
 * ```ts
 * import { archiveSource, buildFromOfficial } from "./build.ts";
 * import { readPseudoNames } from "./splits.ts";
 * await buildFromOfficial(archiveSource("dl/images.tar.gz", "dl/annotations.tar.gz"), {
 *   out: "data/pets",
 *   pseudoNames: await readPseudoNames(),
 * });
 * ```
 */
export async function buildFromOfficial(
  source: OfficialSource,
  opts: BuildOptions,
): Promise<BuildCounts & { splits: Splits }> {
  const { trainval, test } = await source.lists();
  const splits = makeSplits(trainval, test, opts.pseudoNames, opts.breeds);
  const train = new Set(splits.realTrain);
  const testSet = new Set(splits.realTest);
  const pseudo = new Set(splits.pseudo);
  const examples = new Set(EXAMPLES.filter((n) => train.has(n)));
  return await staged(opts.out, async (tmp) => {
    for (const d of SUBDIRS) {
      await Deno.mkdir(join(tmp, d), { recursive: true });
    }
    // Trimaps first (small), then one pass over the photos.
    const labelled = new Set([...train, ...testSet]);
    const seenTrimaps = new Set<string>();
    for await (const { name, bytes } of source.trimaps(labelled)) {
      opts.signal?.throwIfAborted();
      const png = train.has(name) ? await trainTrimap(bytes) : bytes;
      const split = train.has(name) ? "real-train" : "real-test";
      await Deno.writeFile(join(tmp, split, "trimaps", `${name}.png`), png);
      seenTrimaps.add(name);
    }
    missing("trimaps", labelled, seenTrimaps, source);

    const wanted = new Set([...labelled, ...pseudo]);
    const bar = progress("photos", wanted.size, opts.progress);
    const seen = new Set<string>();
    for await (const { name, bytes } of source.photos(wanted, opts.signal)) {
      opts.signal?.throwIfAborted();
      if (seen.has(name)) continue;
      const [split, out] = train.has(name)
        ? ["real-train", await trainPhoto(bytes)]
        : testSet.has(name)
        ? ["real-test", await testPhoto(bytes)]
        : ["pseudo", await pseudoPhoto(bytes)];
      await Deno.writeFile(join(tmp, split, "images", `${name}.jpg`), out);
      if (examples.has(name)) {
        await Deno.writeFile(join(tmp, "examples", `${name}.jpg`), bytes);
      }
      seen.add(name);
      bar.update(seen.size);
    }
    bar.done();
    missing("photos", wanted, seen, source);
    await writeReadme(tmp);
    return {
      realTrain: train.size,
      realTest: testSet.size,
      pseudo: pseudo.size,
      soft: 0,
      splits,
    };
  }, opts.replace);
}

function missing(
  what: string,
  wanted: Set<string>,
  seen: Set<string>,
  source: OfficialSource,
): void {
  const lack = [...wanted].filter((n) => !seen.has(n)).sort();
  if (lack.length) {
    throw new Error(
      `${source.describe} lacks ${lack.length} ${what} the splits need (${
        lack.slice(0, 5).join(", ")
      }${lack.length > 5 ? ", …" : ""})`,
    );
  }
}

/** What a folder holds of the layout: the names in each part. */
export interface LayoutNames {
  /** `real-train/images` names. */
  realTrain: string[];
  /** `real-train/trimaps` names. */
  realTrainTrimaps: string[];
  /** `real-test/images` names. */
  realTest: string[];
  /** `real-test/trimaps` names. */
  realTestTrimaps: string[];
  /** `pseudo/images` names. */
  pseudo: string[];
  /** `pseudo/soft` names (may be empty: labels are made later). */
  soft: string[];
  /** `examples` names. */
  examples: string[];
}

async function namesIn(dir: string, ext: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && e.name.endsWith(ext)) {
        out.push(e.name.slice(0, -ext.length));
      }
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return out.sort();
}

/**
 * Lists the names in each part of a layout folder.
 *
 * @example
 * ```ts
 * import { layoutNames } from "./build.ts";
 * (await layoutNames("data/pets")).realTrain.length; // 300
 * ```
 */
export async function layoutNames(dir: string): Promise<LayoutNames> {
  return {
    realTrain: await namesIn(join(dir, "real-train/images"), ".jpg"),
    realTrainTrimaps: await namesIn(join(dir, "real-train/trimaps"), ".png"),
    realTest: await namesIn(join(dir, "real-test/images"), ".jpg"),
    realTestTrimaps: await namesIn(join(dir, "real-test/trimaps"), ".png"),
    pseudo: await namesIn(join(dir, "pseudo/images"), ".jpg"),
    soft: await namesIn(join(dir, "pseudo/soft"), ".png"),
    examples: await namesIn(join(dir, "examples"), ".jpg"),
  };
}

/**
 * What is wrong with a layout folder (empty when it is complete, not
 * counting `pseudo/soft`): every photo has its trimap, the real splits hold
 * only the three breeds and no photo twice, and `pseudo/images` holds
 * exactly the pseudo names.
 *
 * @example
 * ```ts
 * import { layoutProblems } from "./build.ts";
 * import { readPseudoNames } from "./splits.ts";
 * await layoutProblems("data/pets", await readPseudoNames()); // []
 * ```
 */
export async function layoutProblems(
  dir: string,
  pseudoNames: readonly string[],
  breeds: readonly string[] = BREEDS,
): Promise<string[]> {
  const l = await layoutNames(dir);
  const problems: string[] = [];
  const same = (a: string[], b: string[]) =>
    a.length === b.length && a.every((v, i) => v === b[i]);
  if (!l.realTrain.length) problems.push("real-train/images is empty");
  if (!l.realTest.length) problems.push("real-test/images is empty");
  if (!same(l.realTrain, l.realTrainTrimaps)) {
    problems.push("real-train images and trimaps differ");
  }
  if (!same(l.realTest, l.realTestTrimaps)) {
    problems.push("real-test images and trimaps differ");
  }
  const other = [...l.realTrain, ...l.realTest].filter((n) =>
    !breeds.includes(breedOf(n))
  );
  if (other.length) {
    problems.push(`real-train/real-test hold other breeds (${other[0]}…)`);
  }
  if (l.realTrain.some((n) => l.realTest.includes(n))) {
    problems.push("a photo is in both real-train and real-test");
  }
  if (!same(l.pseudo, [...pseudoNames].sort())) {
    problems.push(
      `pseudo/images holds ${l.pseudo.length} photos, not the ${pseudoNames.length} of the pseudo name list`,
    );
  }
  return problems;
}

/**
 * Copies an already prepared layout (e.g. a local copy of the data set)
 * into `opts.out`, `pseudo/soft` included when present, after checking it
 * with {@linkcode layoutProblems}.
 *
 * @example
 * ```ts
 * import { copyPrepared } from "./build.ts";
 * import { readPseudoNames } from "./splits.ts";
 * await copyPrepared("/mnt/pets", { out: "data/pets", pseudoNames: await readPseudoNames() });
 * ```
 */
export async function copyPrepared(
  from: string,
  opts: BuildOptions,
): Promise<BuildCounts> {
  const problems = await layoutProblems(from, opts.pseudoNames, opts.breeds);
  if (problems.length) {
    throw new Error(`${from} is not a complete copy: ${problems.join("; ")}`);
  }
  const l = await layoutNames(from);
  const parts: [string, string[], string][] = [
    ["real-train/images", l.realTrain, ".jpg"],
    ["real-train/trimaps", l.realTrainTrimaps, ".png"],
    ["real-test/images", l.realTest, ".jpg"],
    ["real-test/trimaps", l.realTestTrimaps, ".png"],
    ["pseudo/images", l.pseudo, ".jpg"],
    ["pseudo/soft", l.soft, ".png"],
    ["examples", l.examples, ".jpg"],
  ];
  const total = parts.reduce((s, p) => s + p[1].length, 0);
  return await staged(opts.out, async (tmp) => {
    const bar = progress("files copied", total, opts.progress);
    let n = 0;
    for (const [sub, names, ext] of parts) {
      if (!names.length) continue;
      await Deno.mkdir(join(tmp, sub), { recursive: true });
      for (const name of names) {
        opts.signal?.throwIfAborted();
        await Deno.copyFile(
          join(from, sub, name + ext),
          join(tmp, sub, name + ext),
        );
        bar.update(++n);
      }
    }
    bar.done();
    await writeReadme(tmp);
    return {
      realTrain: l.realTrain.length,
      realTest: l.realTest.length,
      pseudo: l.pseudo.length,
      soft: l.soft.length,
    };
  }, opts.replace);
}

async function writeReadme(dir: string): Promise<void> {
  await Deno.writeTextFile(
    join(dir, "README.md"),
    `# Oxford-IIIT Pet, in this project's layout

Built by \`deno task data\` (see training/README.md) from the Oxford-IIIT Pet Dataset
(Parkhi, Vedaldi, Zisserman, Jawahar, "Cats and Dogs", CVPR 2012;
https://www.robots.ox.ac.uk/~vgg/data/pets/), licensed CC BY-SA 4.0; the photographers keep
their copyright. Do not commit it.

- \`real-train/\`: official trainval photos of Abyssinian, Bengal, american_bulldog, 224×224
  (bilinear, JPEG q90) with their trimaps (nearest; 1 pet, 2 background, 3 border).
- \`real-test/\`: official test photos of those breeds, original files and trimaps.
- \`pseudo/images/\`: the photos of the other 34 breeds named in training/splits/pseudo_names.txt,
  stretched to 224×224 (JPEG q82); \`pseudo/soft/\` comes from \`deno task pseudo-labels\`.
`,
  );
}
