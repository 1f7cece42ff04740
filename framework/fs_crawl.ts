/**
 * Lists route and island files on disk. Used by the builder (to write the
 * snapshot) and, when no snapshot is set, by `app.fsRoutes()` at startup.
 *
 * @module
 */
import { join, relative, sep } from "node:path";

/** Files Fresh ignores as routes and islands. */
export const TEST_FILE_PATTERN = /[._]test\.(?:[tj]sx?|[mc][tj]s)$/;
const SOURCE = /\.(?:[tj]sx?|[mc][tj]s)$/;

/**
 * Route files below `routeDir` as sorted posix paths (`blog/[slug].tsx`),
 * skipping tests and `(_private)` folders.
 *
 * @example
 * ```ts
 * import { crawlRoutes } from "./fs_crawl.ts";
 * await crawlRoutes("./routes"); // ["_app.tsx", "index.tsx", ...]
 * ```
 */
export async function crawlRoutes(routeDir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const file of walk(routeDir, (d) => !/^\(_.*\)$/.test(d))) {
    out.push(toPosix(relative(routeDir, file)));
  }
  return out.sort();
}

/**
 * Island files: everything in `islandDir` plus `routes/**\/(_islands)/*`,
 * as absolute paths, sorted.
 *
 * @example
 * ```ts
 * import { crawlIslands } from "./fs_crawl.ts";
 * await crawlIslands("/app/islands", "/app/routes");
 * ```
 */
export async function crawlIslands(
  islandDir: string,
  routeDir: string,
): Promise<string[]> {
  const out: string[] = [];
  for await (const file of walk(islandDir, () => true)) out.push(file);
  for await (const file of walk(routeDir, () => true)) {
    if (file.split(sep).includes("(_islands)")) out.push(file);
  }
  return out.sort();
}

async function* walk(
  dir: string,
  enter: (name: string) => boolean,
): AsyncGenerator<string> {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    throw err;
  }
  entries.sort((a, b) => a.name < b.name ? -1 : 1);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) {
      if (enter(entry.name)) yield* walk(path, enter);
    } else if (
      entry.isFile && SOURCE.test(entry.name) &&
      !TEST_FILE_PATTERN.test(entry.name) && !entry.name.endsWith(".d.ts")
    ) {
      yield path;
    }
  }
}

/**
 * The chunk path of a bundled entry: its path relative to the lowest common
 * directory of all entries, with a `.js` extension (what `deno bundle`
 * writes with `--outdir`).
 *
 * @example
 * ```ts
 * import { chunkNames } from "./fs_crawl.ts";
 * chunkNames(["/a/islands/C.tsx", "/a/fw/client.ts"]); // ["islands/C.js", "fw/client.js"]
 * ```
 */
export function chunkNames(entries: string[]): string[] {
  const dirs = entries.map((e) => e.split(sep).slice(0, -1));
  let common = dirs[0] ?? [];
  for (const d of dirs) {
    let i = 0;
    while (i < common.length && i < d.length && common[i] === d[i]) i++;
    common = common.slice(0, i);
  }
  const base = common.join(sep) || sep;
  return entries.map((e) =>
    toPosix(relative(base, e)).replace(/\.(?:[tj]sx?|[mc][tj]s)$/, ".js")
  );
}

function toPosix(p: string): string {
  return p.split(sep).join("/");
}
