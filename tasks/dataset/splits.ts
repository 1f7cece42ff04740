/**
 * @module
 * The split rules of the project's Oxford-IIIT Pet layout, in code:
 *
 * - `real-train`: the official `trainval.txt` entries of the three breeds
 *   {@linkcode BREEDS} (300 photos);
 * - `real-test`: the official `test.txt` entries of those breeds (298);
 * - `pseudo`: the photos named in `training/splits/pseudo_names.txt` (6,768
 *   photos of the 34 other breeds; 22 more were kept aside for private checks
 *   and are deliberately not listed);
 * - `examples`: the originals of {@linkcode EXAMPLES} (5 `real-train` photos).
 */

/** The three breeds with human trimaps in `real-train` / `real-test`. */
export const BREEDS: readonly string[] = [
  "Abyssinian",
  "Bengal",
  "american_bulldog",
];

/**
 * The 5 `real-train` photos also kept whole in `examples/` (original files,
 * e.g. for `training/probe_domain.py`; the app's `static/examples/` came from
 * there).
 */
export const EXAMPLES: readonly string[] = [
  "Abyssinian_105",
  "Abyssinian_140",
  "Bengal_110",
  "american_bulldog_110",
  "american_bulldog_150",
];

/** Where the committed pseudo-label name list lives. */
export const PSEUDO_NAMES_URL = new URL(
  "../../training/splits/pseudo_names.txt",
  import.meta.url,
);

/**
 * The breed of an Oxford-IIIT Pet image name: the name without its trailing
 * `_<number>` (capitalised breeds are cats, lower-case ones dogs).
 *
 * @example
 * ```ts
 * import { breedOf } from "./splits.ts";
 * breedOf("american_pit_bull_terrier_12"); // "american_pit_bull_terrier"
 * ```
 */
export function breedOf(name: string): string {
  return name.replace(/_\d+$/, "");
}

/**
 * Image names from an official list file (`list.txt`, `trainval.txt`,
 * `test.txt`: `#` comment lines, then `Image CLASS-ID SPECIES BREED-ID`), or
 * from a plain one-name-a-line file such as `pseudo_names.txt`.
 *
 * @example
 * ```ts
 * import { parseList } from "./splits.ts";
 * parseList("#Image CLASS-ID SPECIES BREED ID\nAbyssinian_100 1 1 1\n"); // ["Abyssinian_100"]
 * ```
 */
export function parseList(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) =>
    l && !l.startsWith("#")
  ).map((l) => l.split(/\s+/)[0]);
}

/** The photo names of each split, sorted. */
export interface Splits {
  /** Official trainval entries of {@linkcode BREEDS}. */
  realTrain: string[];
  /** Official test entries of {@linkcode BREEDS}. */
  realTest: string[];
  /** The committed list of other-breed photos. */
  pseudo: string[];
}

/**
 * Applies the split rules to the official lists and the pseudo name list.
 * Throws when the pseudo list names a photo of the three breeds or a photo
 * twice, which would leak test photos into training.
 *
 * @example
 * ```ts
 * import { makeSplits } from "./splits.ts";
 * const s = makeSplits("Abyssinian_1 1 1 1\nbeagle_3 13 2 6\n", "Bengal_2 6 1 2\n", ["beagle_3"]);
 * s.realTrain; // ["Abyssinian_1"]
 * s.realTest; // ["Bengal_2"]
 * ```
 */
export function makeSplits(
  trainvalText: string,
  testText: string,
  pseudoNames: readonly string[],
  breeds: readonly string[] = BREEDS,
): Splits {
  const ours = (n: string) => breeds.includes(breedOf(n));
  const pick = (text: string) => [...new Set(parseList(text).filter(ours))];
  const bad = pseudoNames.filter(ours);
  if (bad.length) {
    throw new Error(
      `The pseudo name list holds photos of ${breeds.join(", ")} (${
        bad.slice(0, 3).join(", ")
      }…): those breeds belong to real-train/real-test only.`,
    );
  }
  if (new Set(pseudoNames).size !== pseudoNames.length) {
    throw new Error("The pseudo name list holds a name twice.");
  }
  return {
    realTrain: pick(trainvalText).sort(),
    realTest: pick(testText).sort(),
    pseudo: [...pseudoNames].sort(),
  };
}

/**
 * Reads the committed pseudo name list (default
 * `training/splits/pseudo_names.txt`).
 *
 * @example
 * ```ts
 * import { readPseudoNames } from "./splits.ts";
 * (await readPseudoNames()).length; // 6768
 * ```
 */
export async function readPseudoNames(
  path: string | URL = PSEUDO_NAMES_URL,
): Promise<string[]> {
  return parseList(await Deno.readTextFile(path));
}
