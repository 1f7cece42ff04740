/**
 * @module
 * The check list of `tasks/fresh_swap_check.ts`: each check prints one
 * PASS/FAIL line as it ends, and {@linkcode summary} counts them at the end.
 */

const results: { name: string; ok: boolean; detail: string }[] = [];

/** Records one check's outcome and prints its PASS/FAIL line. */
export function report(name: string, ok: boolean, detail: string) {
  results.push({ name, ok, detail });
  console.log(
    `${ok ? "PASS" : "FAIL"}  ${name}${detail ? ` — ${detail}` : ""}`,
  );
}

/**
 * Runs one check: PASS with the text `fn` returns, FAIL with the message of
 * what it throws.
 *
 * @example
 * ```ts
 * await check("GET / answers", async () => { expect((await fetch(url)).ok, "not 200"); });
 * ```
 */
export async function check(name: string, fn: () => Promise<string | void>) {
  try {
    report(name, true, (await fn()) ?? "");
  } catch (err) {
    report(name, false, err instanceof Error ? err.message : String(err));
  }
}

/** Throws `why` (failing the check it runs in) unless `cond` holds. */
export function expect(cond: unknown, why: string): asserts cond {
  if (!cond) throw new Error(why);
}

/** How many checks ran and how many failed so far. */
export function summary(): { total: number; failed: number } {
  return {
    total: results.length,
    failed: results.filter((r) => !r.ok).length,
  };
}
