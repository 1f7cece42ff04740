/**
 * @module
 * Reading and checking a folder in the project's Oxford-IIIT Pet layout
 * (`real-train/`, `real-test/`, `pseudo/`, `examples/`; see `build.ts`).
 */

import { join } from "node:path";
import { breedOf, BREEDS } from "./splits.ts";

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
 * import { layoutNames } from "./layout.ts";
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
 * import { layoutProblems } from "./layout.ts";
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
