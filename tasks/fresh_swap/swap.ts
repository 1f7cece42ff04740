/**
 * @module
 * The `deno.json` edits of `tasks/fresh_swap_check.ts`, in two steps kept
 * apart on purpose:
 *
 * 1. {@link applySwap}: exactly what `framework/README.md` ("Switching to
 *    real Fresh") tells a user to do: the three `fresh*` import-map lines
 *    become one, `"fresh": "jsr:@fresh/core@^2.3.3"`.
 * 2. {@link emulateJsr}: what JSR would do for that one line, done with
 *    local checkouts because JSR is unreachable here. As in Deno's JSR
 *    cache, the packages' files are copied into a vendor folder without
 *    their `deno.json` (Deno would otherwise find the checkout's own
 *    workspace and its `jsr:` imports): `packages/fresh/src`,
 *    `packages/build-id/mod.ts`, every `@std` package, and the stand-in
 *    esbuild plugin. `fresh` and its subpaths (`fresh/runtime`, `fresh/dev`,
 *    `fresh/internal`, … from Fresh's `exports`) point there, and Fresh's own
 *    dependencies, as its published package pins them, go into `scopes` for
 *    the vendor folder only (the app cannot see them, as with JSR):
 *    `@std/*` (every export of every std package), `@fresh/build-id`,
 *    `esbuild` → `npm:esbuild@0.25.7`, `esbuild-wasm`, `@opentelemetry/api`
 *    → npm, `@deno/esbuild-plugin` → the stand-in. `preact` and
 *    `preact-render-to-string` stay the app's pinned versions (inside
 *    Fresh's ranges), so islands and Fresh share one preact.
 */
import { dirname, join, relative } from "node:path";
import { PLUGIN_PATH } from "./esbuild_plugin.ts";

/** The one line a swap puts in `deno.json`. */
export const FRESH_JSR = "jsr:@fresh/core@^2.3.3";
/** The subset's lines a swap replaces. */
export const SUBSET_LINES = ["fresh", "fresh/runtime", "fresh/dev"] as const;

/** Fresh 2.3.3's npm dependencies (packages/fresh/deno.json + the workspace root's `esbuild`). */
const FRESH_NPM: Record<string, string> = {
  "esbuild": "npm:esbuild@0.25.7",
  "esbuild-wasm": "npm:esbuild-wasm@^0.25.11",
  "@opentelemetry/api": "npm:@opentelemetry/api@^1.9.0",
};

// deno-lint-ignore no-explicit-any
type Json = Record<string, any>;

/**
 * Step 1, the README's swap, on a parsed `deno.json`.
 *
 * @example
 * ```ts
 * const swapped = applySwap(JSON.parse(await Deno.readTextFile("deno.json")));
 * ```
 */
export function applySwap(config: Json): Json {
  const imports: Record<string, string> = {};
  for (const [k, v] of Object.entries(config.imports ?? {})) {
    if ((SUBSET_LINES as readonly string[]).includes(k)) {
      if (k === "fresh") imports.fresh = FRESH_JSR;
    } else imports[k] = v as string;
  }
  if (imports.fresh !== FRESH_JSR) {
    throw new Error('deno.json has no "fresh" import to swap');
  }
  return { ...config, imports };
}

/**
 * Step 2: resolve the `jsr:@fresh/core` line with the checkouts, copied
 * into `vendorDir`. `freshDir` and `stdDir` are the roots of denoland/fresh
 * and denoland/std.
 */
export async function emulateJsr(
  config: Json,
  dirs: { freshDir: string; stdDir: string; vendorDir: string },
): Promise<Json> {
  if (config.imports?.fresh !== FRESH_JSR) {
    throw new Error(`expected "fresh": "${FRESH_JSR}" (applySwap first)`);
  }
  const { freshDir, stdDir, vendorDir } = dirs;
  const coreSrc = join(freshDir, "packages/fresh");
  const coreJson = JSON.parse(
    await Deno.readTextFile(join(coreSrc, "deno.json")),
  );
  const core = join(vendorDir, "fresh_core");
  await copyTree(join(coreSrc, "src"), join(core, "src"));
  // `src/otel.ts` imports `../deno.json` for the version; JSR keeps the
  // file too. Its `imports` are left out, as JSR resolves them at publish.
  const { name, version, exports } = coreJson;
  await Deno.writeTextFile(
    join(core, "deno.json"),
    JSON.stringify({ name, version, exports }, null, 2),
  );
  const buildId = join(vendorDir, "fresh_build_id/mod.ts");
  await copyFile(join(freshDir, "packages/build-id/mod.ts"), buildId);
  const plugin = join(vendorDir, "deno_esbuild_plugin/mod.ts");
  await copyFile(PLUGIN_PATH, plugin);
  const std = await vendorStd(stdDir, join(vendorDir, "std"));

  const imports: Record<string, string> = { ...config.imports };
  delete imports.fresh;
  for (const [sub, file] of Object.entries<string>(coreJson.exports)) {
    imports[sub === "." ? "fresh" : `fresh${sub.slice(1)}`] = join(core, file);
  }
  // JSR modules are remote code, which a computed `import()` (tasks/serve.ts)
  // may load without read permission; the stand-in is local files outside
  // the app, so the tasks that read only `.` are also let read it.
  const tasks = Object.fromEntries(
    Object.entries<string>(config.tasks ?? {}).map(([name, cmd]) => [
      name,
      cmd.replace(/--allow-read=\.(?=\s|$)/g, `--allow-read=.,${vendorDir}`),
    ]),
  );
  return {
    ...config,
    imports,
    ...(config.tasks ? { tasks } : {}),
    scopes: {
      ...config.scopes,
      [dirUrl(vendorDir)]: {
        ...std,
        "@fresh/build-id": buildId,
        "@deno/esbuild-plugin": plugin,
        ...FRESH_NPM,
      },
    },
  };
}

/**
 * Copy every `@std` package of a denoland/std checkout to `dest` and return
 * `@std/<pkg>[/<export>]` → file for each export.
 */
export async function vendorStd(
  stdDir: string,
  dest: string,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const entry of Deno.readDir(stdDir)) {
    if (!entry.isDirectory) continue;
    let json: Json;
    try {
      json = JSON.parse(
        await Deno.readTextFile(join(stdDir, entry.name, "deno.json")),
      );
    } catch {
      continue;
    }
    if (typeof json.name !== "string" || !json.name.startsWith("@std/")) {
      continue;
    }
    await copyTree(join(stdDir, entry.name), join(dest, entry.name));
    const exports: Record<string, string> = typeof json.exports === "string"
      ? { ".": json.exports }
      : json.exports ?? {};
    for (const [sub, file] of Object.entries(exports)) {
      out[sub === "." ? json.name : `${json.name}${sub.slice(1)}`] = join(
        dest,
        entry.name,
        file,
      );
    }
  }
  if (!out["@std/path"]) {
    throw new Error(`${stdDir} does not look like a denoland/std checkout`);
  }
  return out;
}

const SKIP =
  /(^|\/)(deno\.jsonc?|[^/]*[._]test\.[^/]+|testdata|__snapshots__)(\/|$)/;

/** Copy a package's files, without its config, tests and test data. */
async function copyTree(src: string, dest: string): Promise<void> {
  const walk = async (dir: string): Promise<void> => {
    for await (const e of Deno.readDir(dir)) {
      const from = join(dir, e.name);
      const rel = relative(src, from);
      if (SKIP.test(rel)) continue;
      if (e.isDirectory) await walk(from);
      else if (e.isFile) await copyFile(from, join(dest, rel));
    }
  };
  await walk(src);
}

async function copyFile(from: string, to: string): Promise<void> {
  await Deno.mkdir(dirname(to), { recursive: true });
  await Deno.copyFile(from, to);
}

function dirUrl(dir: string): string {
  const href = new URL(`file://${dir}`).href;
  return href.endsWith("/") ? href : href + "/";
}
