/**
 * Internals for generated files (`_fresh/server.js`), the dev tools and
 * tests. Not part of the app-facing API.
 *
 * @example
 * ```ts
 * import { crawlBuildCache, setBuildCache } from "./internal.ts";
 * setBuildCache(app, crawlBuildCache("/path/to/app"));
 * ```
 *
 * @module
 */
export { setBuildCache } from "./app.ts";
export {
  type BuildCache,
  crawlBuildCache,
  type Snapshot,
  snapshotBuildCache,
} from "./build_cache.ts";
