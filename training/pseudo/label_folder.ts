/**
 * @module
 * Makes `pseudo/soft/NAME.png` for the photos of a data folder
 * (`pseudo/images/NAME.jpg`), skipping labels already made, so an
 * interrupted run resumes where it stopped. Each label is written to a
 * temporary name and renamed, so a stopped run never leaves a broken PNG.
 */

import { join } from "node:path";
import { decodeStored } from "../../tasks/dataset/photos.ts";
import {
  progress,
  type ProgressOptions,
} from "../../tasks/dataset/progress.ts";
import { readTarGz } from "../../tasks/dataset/tar.ts";
import type { RgbaImage } from "../../lib/image/rgba_image.ts";
import { type IsnetRun, softLabel } from "./isnet.ts";

/** What to label and where. */
export interface LabelOptions {
  /** The data folder (`data/pets`), holding `pseudo/images`. */
  data: string;
  /** The model (see `loadIsnet`). */
  run: IsnetRun;
  /** Where the labels go (default `<data>/pseudo/soft`). */
  out?: string;
  /** Label only these names (default: every photo in `pseudo/images`). */
  names?: readonly string[];
  /** Stop after making this many labels (0: no limit). */
  limit?: number;
  /**
   * Read each photo's **original** from here instead of the 224×224 copy:
   * the official `images.tar.gz`, or a folder of the original `NAME.jpg`
   * files (its `images/` subfolder is looked in too).
   */
  originals?: string;
  /** Progress output. */
  progress?: ProgressOptions;
  /** Stops between photos. */
  signal?: AbortSignal;
}

/** What a run did. */
export interface LabelResult {
  /** Labels made now. */
  made: number;
  /** Labels that were already there. */
  skipped: number;
  /** Seconds each new label took (decode, inference, resize, PNG). */
  seconds: number[];
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

async function* photosOf(
  names: string[],
  opts: LabelOptions,
): AsyncGenerator<{ name: string; photo: RgbaImage }> {
  const src = opts.originals;
  if (src && src.endsWith(".tar.gz")) {
    const want = new Set(names);
    const stem = (p: string) =>
      p.replace(/^images\//, "").replace(/\.jpg$/, "");
    for await (
      const f of readTarGz(
        src,
        (p) => /^images\/[^/]+\.jpg$/.test(p) && want.has(stem(p)),
        opts.signal,
      )
    ) yield { name: stem(f.path), photo: await decodeStored(f.bytes) };
    return;
  }
  for (const name of names) {
    let path = join(opts.data, "pseudo/images", `${name}.jpg`);
    if (src) {
      path = await exists(join(src, `${name}.jpg`))
        ? join(src, `${name}.jpg`)
        : join(src, "images", `${name}.jpg`);
    }
    yield { name, photo: await decodeStored(await Deno.readFile(path)) };
  }
}

/**
 * Labels the photos that have no label yet.
 *
 * @example
 * ```ts
 * import { labelFolder } from "./label_folder.ts";
 * import { loadIsnet } from "./runtime.ts";
 * const { run } = await loadIsnet("data/models/isnet_medium.onnx", "node", 2);
 * const r = await labelFolder({ data: "data/pets", run });
 * ```
 */
export async function labelFolder(opts: LabelOptions): Promise<LabelResult> {
  const out = opts.out ?? join(opts.data, "pseudo/soft");
  await Deno.mkdir(out, { recursive: true });
  const all = opts.names
    ? [...opts.names]
    : [...Deno.readDirSync(join(opts.data, "pseudo/images"))]
      .filter((e) => e.isFile && e.name.endsWith(".jpg"))
      .map((e) => e.name.slice(0, -4));
  all.sort();
  const todo: string[] = [];
  for (const n of all) {
    if (!await exists(join(out, `${n}.png`))) todo.push(n);
  }
  const skipped = all.length - todo.length;
  if (opts.limit) todo.splice(opts.limit);
  const seconds: number[] = [];
  const mean = () => seconds.reduce((s, v) => s + v, 0) / seconds.length;
  const bar = progress("labels", todo.length, {
    every: 10,
    detail: () => {
      if (!seconds.length) return "";
      const left = (todo.length - seconds.length) * mean();
      return `${mean().toFixed(2)} s/photo, ${formatDuration(left)} left`;
    },
    ...opts.progress,
  });
  let t = performance.now();
  for await (const { name, photo } of photosOf(todo, opts)) {
    opts.signal?.throwIfAborted();
    const png = await softLabel(photo, opts.run);
    const tmp = join(out, `.${name}.png.tmp`);
    await Deno.writeFile(tmp, png);
    await Deno.rename(tmp, join(out, `${name}.png`));
    const now = performance.now();
    seconds.push((now - t) / 1000);
    t = now;
    bar.update(seconds.length);
  }
  bar.done();
  if (seconds.length < todo.length) {
    throw new Error(
      `${opts.originals} lacks ${
        todo.length - seconds.length
      } of the photos to label`,
    );
  }
  return { made: seconds.length, skipped, seconds };
}

/**
 * `1 h 05 min`, `12 min`, `40 s`.
 *
 * @example
 * ```ts
 * import { formatDuration } from "./label_folder.ts";
 * formatDuration(3900); // "1 h 05 min"
 * ```
 */
export function formatDuration(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  const m = Math.round(s / 60);
  return m < 60
    ? `${m} min`
    : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}
