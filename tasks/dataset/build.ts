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

import { join } from "node:path";
import { layoutNames, layoutProblems } from "./layout.ts";
import { progress, type ProgressOptions } from "./progress.ts";
import { pseudoPhoto, testPhoto, trainPhoto, trainTrimap } from "./photos.ts";
import type { OfficialSource } from "./source.ts";
import { EXAMPLES, makeSplits, type Splits } from "./splits.ts";
import { staged } from "./staging.ts";

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
 * import { buildFromOfficial } from "./build.ts";
 * import { archiveSource } from "./source.ts";
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
