/**
 * @module
 * A stand-in for `jsr:@deno/esbuild-plugin` (unreachable here: JSR is not),
 * used only by `tasks/fresh_swap_check.ts` when it builds the app on real
 * Fresh. Real Fresh's `Builder` (`src/dev/esbuild.ts`) calls
 * `denoPlugin({ preserveJsx, debug, publicEnvVarPrefix })`; this module
 * exports a `denoPlugin` with that signature that resolves what the client
 * bundle imports the way Deno would:
 *
 * - bare specifiers through the project's `deno.json` `imports` and
 *   `scopes` (an exact key, else the longest key ending in `/`);
 * - `npm:name@version/sub` to `name/sub` under the project's `node_modules/`
 *   (`"nodeModulesDir": "auto"` puts them there), left to esbuild's own
 *   resolver with the browser conditions;
 * - `file:` URLs and paths to files; relative paths and imports made from
 *   inside `node_modules/` are left to esbuild.
 *
 * Not covered (the app's client code needs none of it): `jsr:` and
 * `https:` specifiers, `FRESH_PUBLIC_*` environment variables, Deno's
 * `"jsx": "precompile"` (the app uses `react-jsx`). Options are accepted and
 * ignored.
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The options real `@deno/esbuild-plugin` takes (ignored here). */
export interface DenoPluginOptions {
  preserveJsx?: boolean;
  debug?: boolean;
  publicEnvVarPrefix?: string;
  configPath?: string;
}

/** The part of esbuild's `Plugin` type used here (esbuild is not a dependency of the app). */
export interface Plugin {
  name: string;
  setup(build: PluginBuild): void;
}
type ImportKind =
  | "entry-point"
  | "import-statement"
  | "require-call"
  | "dynamic-import"
  | "require-resolve"
  | "import-rule"
  | "composes-from"
  | "url-token";
interface ResolveArgs {
  path: string;
  importer: string;
  resolveDir: string;
  kind: ImportKind;
  pluginData?: unknown;
}
interface ResolveResult {
  path?: string;
  sideEffects?: boolean;
  errors?: { text: string }[];
}
interface PluginBuild {
  initialOptions: { absWorkingDir?: string };
  onResolve(
    opts: { filter: RegExp },
    cb: (
      args: ResolveArgs,
    ) => Promise<ResolveResult | undefined> | ResolveResult | undefined,
  ): void;
  resolve(
    path: string,
    opts: {
      kind: ImportKind;
      resolveDir: string;
      importer: string;
      pluginData: unknown;
    },
  ): Promise<
    { path: string; sideEffects: boolean; errors: { text: string }[] }
  >;
}

interface ImportMap {
  base: URL;
  imports: Record<string, string>;
  scopes: Record<string, Record<string, string>>;
}

/**
 * Resolve `specifier` with `map` for a module at `referrer` (a file URL):
 * the longest matching scope first, then the top-level imports. Returns the
 * mapped specifier (a URL, or an `npm:`/`jsr:` specifier), or null.
 *
 * @example
 * ```ts
 * resolveWithMap(map, "preact/hooks", "file:///app/islands/X.tsx");
 * // "npm:/preact@10.29.8/hooks"
 * ```
 */
export function resolveWithMap(
  map: ImportMap,
  specifier: string,
  referrer: string,
): string | null {
  const scopes = Object.keys(map.scopes)
    .map((k) => [new URL(k, map.base).href, map.scopes[k]] as const)
    .filter(([k]) => referrer.startsWith(k))
    .sort((a, b) => b[0].length - a[0].length);
  for (const table of [...scopes.map(([, t]) => t), map.imports]) {
    const hit = lookup(table, specifier);
    if (hit !== null) {
      return /^\.{0,2}\//.test(hit) ? new URL(hit, map.base).href : hit;
    }
  }
  return null;
}

function lookup(table: Record<string, string>, spec: string): string | null {
  if (spec in table) return table[spec];
  let best: string | null = null;
  for (const key of Object.keys(table)) {
    if (
      key.endsWith("/") && spec.startsWith(key) &&
      (best === null || key.length > best.length)
    ) best = key;
  }
  return best === null ? null : table[best] + spec.slice(best.length);
}

/** `npm:name@range/sub` (or `npm:/name@…`) → `name/sub`. */
export function npmToBare(spec: string): string {
  const m = spec.match(/^npm:\/?((?:@[^/]+\/)?[^@/]+)(?:@[^/]*)?(\/.*)?$/);
  if (!m) throw new Error(`Not an npm specifier: ${spec}`);
  return m[1] + (m[2] ?? "");
}

function readMap(root: string, configPath?: string): ImportMap {
  const path = configPath ?? join(root, "deno.json");
  const json = JSON.parse(Deno.readTextFileSync(path));
  return {
    base: pathToFileURL(path),
    imports: json.imports ?? {},
    scopes: json.scopes ?? {},
  };
}

/**
 * The esbuild plugin.
 *
 * @example
 * ```ts
 * await esbuild.build({ …, plugins: [denoPlugin({ preserveJsx: true })] });
 * ```
 */
export function denoPlugin(opts: DenoPluginOptions = {}): Plugin {
  return {
    name: "deno-stand-in",
    setup(build) {
      const root = build.initialOptions.absWorkingDir ?? Deno.cwd();
      const map = readMap(root, opts.configPath);
      const SKIP = Symbol.for("deno-stand-in.skip");

      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === SKIP) return undefined;
        let spec = args.path;
        const fromNodeModules = args.importer.includes("/node_modules/");
        if (spec.startsWith("file:")) return { path: fileURLToPath(spec) };
        if (/^\.{0,2}\//.test(spec) || isAbsolute(spec)) {
          // esbuild resolves paths itself, but entry points are file URLs
          // and paths must be absolute for it: resolve against the importer.
          if (args.kind === "entry-point") {
            return { path: resolve(args.resolveDir || root, spec) };
          }
          return undefined;
        }
        if (!spec.startsWith("npm:") && !spec.startsWith("jsr:")) {
          if (fromNodeModules) return undefined;
          const referrer = args.importer
            ? pathToFileURL(args.importer).href
            : pathToFileURL(join(root, "/")).href;
          const mapped = resolveWithMap(map, spec, referrer);
          if (mapped === null) return undefined; // esbuild: node_modules
          spec = mapped;
        }
        if (spec.startsWith("file:")) return { path: fileURLToPath(spec) };
        if (spec.startsWith("jsr:")) {
          return {
            errors: [{
              text:
                `${args.path} → ${spec}: jsr: specifiers are not supported by this stand-in (map them to files)`,
            }],
          };
        }
        if (spec.startsWith("npm:")) {
          const bare = npmToBare(spec);
          const out = await build.resolve(bare, {
            kind: args.kind,
            resolveDir: fromNodeModules ? args.resolveDir : root,
            importer: args.importer,
            pluginData: SKIP,
          });
          if (out.errors.length) return { errors: out.errors };
          return { path: out.path, sideEffects: out.sideEffects };
        }
        return {
          errors: [{ text: `Cannot resolve ${args.path} (→ ${spec})` }],
        };
      });
    },
  };
}

/** Where this module is, for an import map entry. */
export const PLUGIN_PATH: string = fileURLToPath(import.meta.url);
/** Its folder. */
export const PLUGIN_DIR: string = dirname(PLUGIN_PATH);
