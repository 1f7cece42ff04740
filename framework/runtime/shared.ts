/**
 * Code that runs on the server and in the browser (islands may import it).
 *
 * @module
 */
export { HttpError } from "../error.ts";
export { Head, type HeadProps } from "./head.ts";

/**
 * `true` when running in the browser.
 *
 * @example
 * ```ts
 * import { IS_BROWSER } from "fresh/runtime";
 * if (IS_BROWSER) console.log("hydrated");
 * ```
 */
export const IS_BROWSER: boolean = typeof document !== "undefined";

/** The current build id; set by the server at startup and by `boot()`. */
export const BUILD_ID_REF: { current: string | null } = { current: null };

/**
 * Add the build id as a cache-busting query to an absolute local path, so
 * `staticFiles()` may serve it as immutable. Other URLs are returned as is.
 *
 * @example
 * ```ts
 * import { asset } from "fresh/runtime";
 * asset("/logo.svg"); // "/logo.svg?__frsh_c=<BUILD_ID>"
 * asset("https://example.com/x.png"); // unchanged
 * ```
 */
export function asset(path: string): string {
  const id = BUILD_ID_REF.current;
  if (!id || !path.startsWith("/") || path.startsWith("//")) return path;
  try {
    const url = new URL(path, "http://localhost");
    if (url.searchParams.has("__frsh_c")) return path;
    url.searchParams.set("__frsh_c", id);
    return url.pathname + url.search + url.hash;
  } catch {
    return path;
  }
}

/**
 * Apply {@link asset} to each URL of a `srcset` attribute (left as is when
 * it holds anything more complex than `url descriptor` pairs).
 *
 * @example
 * ```ts
 * import { assetSrcSet } from "fresh/runtime";
 * assetSrcSet("/a.png 1x, /b.png 2x");
 * ```
 */
export function assetSrcSet(srcset: string): string {
  if (srcset.includes("(")) return srcset;
  const out: string[] = [];
  for (const part of srcset.split(",")) {
    const trimmed = part.trimStart();
    if (trimmed === "") return srcset;
    let end = trimmed.indexOf(" ");
    if (end === -1) end = trimmed.length;
    out.push(
      part.slice(0, part.length - trimmed.length) +
        asset(trimmed.slice(0, end)) + trimmed.slice(end),
    );
  }
  return out.join(",");
}
