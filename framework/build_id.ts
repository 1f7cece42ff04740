/**
 * Compute a build id: the SHA-1 of `DENO_DEPLOYMENT_ID`, `GITHUB_SHA` or
 * `CI_COMMIT_SHA` when set, else of a random UUID (as Fresh does).
 *
 * @example
 * ```ts
 * import { computeBuildId } from "./build_id.ts";
 * const id = await computeBuildId(); // e.g. "3f786850e387550fdab836ed7e6dc881de23001b"
 * ```
 */
export async function computeBuildId(): Promise<string> {
  let seed: string | undefined;
  for (const name of ["DENO_DEPLOYMENT_ID", "GITHUB_SHA", "CI_COMMIT_SHA"]) {
    try {
      seed ??= Deno.env.get(name);
    } catch {
      // No --allow-env: fall back to a random id.
    }
  }
  seed ??= crypto.randomUUID();
  const hash = await crypto.subtle.digest(
    "SHA-1",
    new TextEncoder().encode(seed),
  );
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}
