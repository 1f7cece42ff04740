/**
 * Where an app gets its routes, islands and bundles from: a build snapshot
 * (`_fresh/snapshot.js`, static imports) in production, or a crawl of
 * `routes/` and `islands/` (dynamic imports) during development and tests.
 *
 * @module
 */
import type { ComponentType } from "preact";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { chunkNames, crawlIslands, crawlRoutes } from "./fs_crawl.ts";
import { computeBuildId } from "./build_id.ts";
import type { IslandInfo } from "./runtime/server/preact_hooks.ts";

/** A module of `routes/`, keyed by its posix path (`blog/[slug].tsx`). */
export interface RouteFile {
  path: string;
  mod: Record<string, unknown>;
}

/** An island module with its chunk path below `/_fresh/js/<BUILD_ID>/`. */
export interface IslandFile {
  path: string;
  chunk: string;
  mod: Record<string, unknown>;
}

/** Everything the app needs from a build. */
export interface LoadedBuild {
  mode: "development" | "production";
  buildId: string;
  runtimeChunk: string;
  /** Folder holding the bundles for `buildId`. */
  jsDir: string;
  routes: RouteFile[];
  islands: IslandFile[];
}

/** A source of routes, islands and static files for an `App`. */
export interface BuildCache {
  /** Absolute project root. */
  root: string;
  /** Absolute folder served by `staticFiles()`. */
  staticDir: string;
  /** Loads routes and islands (once). */
  load(): Promise<LoadedBuild>;
}

/** The shape of a generated `_fresh/snapshot.js` module. */
export interface Snapshot {
  version: string;
  runtimeChunk: string;
  routes: RouteFile[];
  islands: IslandFile[];
}

/**
 * Where a build's bundles live, as in Fresh's `_fresh/` layout:
 * `<root>/_fresh/static/_fresh/js/<buildId>`, served at
 * `/_fresh/js/<buildId>/`.
 */
export function bundleDir(root: string, buildId: string): string {
  return join(root, "_fresh", "static", "_fresh", "js", buildId);
}

/** The client runtime entry, bundled next to the islands. */
export const CLIENT_ENTRY: string = fileURLToPath(
  new URL("./runtime/client/mod.ts", import.meta.url),
);

/**
 * A build cache backed by a generated snapshot module.
 *
 * @example
 * ```ts
 * import * as snapshot from "./_fresh/snapshot.js";
 * const cache = snapshotBuildCache(snapshot, new URL("../", import.meta.url));
 * ```
 */
export function snapshotBuildCache(snapshot: Snapshot, root: URL): BuildCache {
  const rootPath = fileURLToPath(root);
  const build: LoadedBuild = {
    mode: "production",
    buildId: snapshot.version,
    runtimeChunk: snapshot.runtimeChunk,
    jsDir: bundleDir(rootPath, snapshot.version),
    routes: snapshot.routes,
    islands: snapshot.islands,
  };
  return {
    root: rootPath,
    staticDir: join(rootPath, "static"),
    load: () => Promise.resolve(build),
  };
}

/**
 * A build cache that crawls `<root>/routes` and `<root>/islands` and imports
 * the files dynamically. Bundles are looked up in
 * `<root>/_fresh/static/_fresh/js/<id>`.
 *
 * @example
 * ```ts
 * const cache = crawlBuildCache("/path/to/app");
 * const { routes } = await cache.load();
 * ```
 */
export function crawlBuildCache(
  root: string,
  opts: { buildId?: string; mode?: LoadedBuild["mode"] } = {},
): BuildCache {
  let loading: Promise<LoadedBuild> | undefined;
  const load = async (): Promise<LoadedBuild> => {
    const routeDir = join(root, "routes");
    const buildId = opts.buildId ?? await computeBuildId();
    const routes = await Promise.all(
      (await crawlRoutes(routeDir)).map(async (path) => ({
        path,
        mod: await import(pathToFileURL(join(routeDir, path)).href),
      })),
    );
    const files = await crawlIslands(join(root, "islands"), routeDir);
    const chunks = chunkNames([...files, CLIENT_ENTRY]);
    const islands = await Promise.all(files.map(async (file, i) => ({
      path: file,
      chunk: chunks[i],
      mod: await import(pathToFileURL(file).href),
    })));
    return {
      mode: opts.mode ?? "development",
      buildId,
      runtimeChunk: chunks[chunks.length - 1],
      jsDir: bundleDir(root, buildId),
      routes,
      islands,
    };
  };
  return {
    root,
    staticDir: join(root, "static"),
    load: () => loading ??= load(),
  };
}

/**
 * Register every exported function of each island module. Default exports
 * are named after the file, others after the export; names are made unique
 * and valid identifiers.
 *
 * @example
 * ```ts
 * const map = islandRegistry([{ path: "islands/Counter.tsx", chunk: "islands/Counter.js", mod }]);
 * map.get(mod.default); // { name: "Counter", exportName: "default", chunk: "islands/Counter.js" }
 * ```
 */
export function islandRegistry(
  islands: IslandFile[],
): Map<ComponentType, IslandInfo> {
  const map = new Map<ComponentType, IslandInfo>();
  const used = new Set<string>();
  for (const file of islands) {
    const base = file.path.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, "");
    for (const [exportName, value] of Object.entries(file.mod)) {
      if (typeof value !== "function" || map.has(value as ComponentType)) {
        continue;
      }
      let name = (exportName === "default" ? base : exportName)
        .replace(/[^A-Za-z0-9_$]/g, "_").replace(/^(?=\d)/, "_");
      const stem = name;
      for (let i = 1; used.has(name); i++) name = `${stem}_${i}`;
      used.add(name);
      map.set(value as ComponentType, { name, exportName, chunk: file.chunk });
    }
  }
  return map;
}
