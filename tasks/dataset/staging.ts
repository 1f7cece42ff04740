/**
 * @module
 * All-or-nothing output folders: a build writes into a staging folder beside
 * its output and renames it into place only once complete, so an error or
 * Ctrl-C never leaves a half-built output behind.
 */

import { basename, dirname, join } from "node:path";

/**
 * Runs `fill(staging)` on a new folder beside `out` and renames it to `out`
 * when `fill` succeeds; removes it when `fill` throws. With `replace`, an
 * existing `out` is swapped out only at the very end (its `pseudo/soft`
 * labels are carried over when the new build has none); without it, `out`
 * must not exist.
 *
 * @example
 * ```ts
 * import { staged } from "./staging.ts";
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
