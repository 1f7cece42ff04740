/**
 * @module
 * `deno task fresh-swap-check`: proves that this app runs on **real Fresh
 * 2.3.x** after the swap `framework/README.md` ("Switching to real Fresh")
 * describes, by doing it and running the same smoke checks as on the subset
 * in `framework/`. Not part of CI or `deno task test` (it needs checkouts,
 * a network connection to npm on first run, Chromium and a minute or two).
 *
 * ```sh
 * # real Fresh: checkouts of github.com/denoland/fresh (tag 2.3.x) and github.com/denoland/std
 * deno task fresh-swap-check --fresh ../fresh --std ../std
 * # the subset, same checks
 * deno task fresh-swap-check --subset
 * # checkouts from bare mirrors, e.g.:
 * mkdir -p /tmp/fresh /tmp/std
 * git -C <fresh.git> archive 2.3.3 | tar -x -C /tmp/fresh
 * git -C <std.git> archive HEAD | tar -x -C /tmp/std
 * ```
 *
 * Options: `--keep` keeps the temporary copy (its path is printed);
 * `--no-browser` skips the Chromium check. Exit code 1 if any check fails.
 *
 * What it does, in a temporary folder (the working tree is never touched):
 *
 * 1. Copies the working tree (tracked and untracked-but-not-ignored files,
 *    as `git ls-files` lists them), without `node_modules/` or `_fresh/`.
 * 2. Real Fresh only: edits the copy's `deno.json` exactly as the README's
 *    swap says (`tasks/fresh_swap/swap.ts` `applySwap`: the three `fresh*`
 *    lines become `"fresh": "jsr:@fresh/core@^2.3.3"`), then resolves that
 *    line as JSR would, from the checkouts (`emulateJsr`: Fresh's and std's
 *    sources copied to a vendor folder, `fresh`/`fresh/*` mapped to them,
 *    Fresh's own dependencies in `scopes`, npm packages from npm).
 *    **Stand-in:** real Fresh's `Builder` bundles with
 *    `jsr:@deno/esbuild-plugin`, which cannot be had without JSR; the copy
 *    maps it to `tasks/fresh_swap/esbuild_plugin.ts`, a small plugin that
 *    resolves the import map, relative paths and `npm:` specifiers to the
 *    project's `node_modules/`. That is the only piece of real Fresh replaced.
 * 3. `deno task build` in the copy (the project's own task: `copy_browser_wasm`, then
 *    `framework/dev/cli.ts build`, which takes `Builder` from `fresh/dev`);
 *    `deno check .` (the whole project against that Fresh's types; errors
 *    inside the emulated package itself are only counted, as Deno does not
 *    report them for a JSR package); on real Fresh also
 *    `deno task test:framework` (framework/ tests the subset by path).
 * 4. Serves the build twice, one after the other, as the README documents:
 *    `deno serve <production flags> _fresh/server.js` and
 *    `deno task serve` (`tasks/serve.ts`, which imports `_fresh/server.js`),
 *    each with `KV_PATH=:memory:`, and runs the HTTP checks against both;
 *    the Chromium checks run against the first.
 *
 * The HTTP checks: `/` renders styled (one `styles.css` and one `blocks.css`
 * link, the document shell of `routes/_app.tsx`, one title, island markers
 * and the boot script, security headers); `/demos/blocks` renders; static
 * files (CSS with an ETag and a 304, an example photo byte for byte, the
 * client runtime with an immutable cache header); `POST /api/segment` with
 * `static/examples/Abyssinian_105.jpg` returns a mask; `GET` /
 * `OPTIONS /api/segment` answer 405 (JSON, `Allow: POST`) / 204 with
 * `Allow: POST`; a share (`?share=1`, then its page and its `overlay.jpg`);
 * Gradio's `GET /config` (root and `/demos/blocks`); an unknown URL is the
 * styled 404 page. In Chromium: `/` loads both stylesheets and hydrates
 * without page errors; Process Image shows a mask; "Run on this device"
 * segments in the browser, loading onnxruntime-web and the model through
 * `asset()` URLs served as immutable; `/demos/blocks` hydrates and its
 * greet call answers "Hello, Linh".
 */
import { join, resolve } from "node:path";
import { SERVER_FLAGS } from "./flags.ts";
import { browserCheck } from "./fresh_swap/browser_checks.ts";
import { httpChecks } from "./fresh_swap/http_checks.ts";
import { check, expect, report, summary } from "./fresh_swap/report.ts";
import { applySwap, emulateJsr } from "./fresh_swap/swap.ts";
import {
  startServerProcess,
  type TestServer,
} from "../tests/helpers/server.ts";

interface Options {
  subset: boolean;
  freshDir?: string;
  stdDir?: string;
  keep: boolean;
  browser: boolean;
}

const ROOT = resolve(new URL("..", import.meta.url).pathname);
const PHOTO = "static/examples/Abyssinian_105.jpg";

function parseArgs(args: string[]): Options {
  const opts: Options = { subset: false, keep: false, browser: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--subset") opts.subset = true;
    else if (a === "--keep") opts.keep = true;
    else if (a === "--no-browser") opts.browser = false;
    else if (a === "--fresh") opts.freshDir = resolve(args[++i] ?? "");
    else if (a === "--std") opts.stdDir = resolve(args[++i] ?? "");
    else throw new Error(`Unknown argument ${a}`);
  }
  if (!opts.subset && (!opts.freshDir || !opts.stdDir)) {
    throw new Error(
      "Usage: fresh_swap_check.ts --fresh <denoland/fresh checkout> --std <denoland/std checkout> | --subset",
    );
  }
  return opts;
}

// --- preparing the copy --------------------------------------------------------

/** Runs a command in `cwd` to its end; `out` is stdout then stderr. */
async function run(
  cmd: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ ok: boolean; out: string }> {
  const out = await new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return {
    ok: out.success,
    out: dec.decode(out.stdout) + dec.decode(out.stderr),
  };
}

async function copyTree(dest: string): Promise<number> {
  const ls = await run(
    ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    ROOT,
  );
  if (!ls.ok) throw new Error(`git ls-files failed:\n${ls.out}`);
  let n = 0;
  for (const file of ls.out.split("\0")) {
    if (!file || /^(node_modules|_fresh)\//.test(file)) continue;
    const from = join(ROOT, file);
    const info = await Deno.lstat(from).catch(() => null);
    if (!info?.isFile) continue; // deleted in the working tree, or a link
    const to = join(dest, file);
    await Deno.mkdir(join(to, ".."), { recursive: true });
    await Deno.copyFile(from, to);
    n++;
  }
  return n;
}

// --- main ----------------------------------------------------------------------

async function main() {
  const opts = parseArgs(Deno.args);
  const which = opts.subset ? "subset (framework/)" : "real Fresh";
  const tmp = await Deno.makeTempDir({ prefix: "fresh-swap-" });
  const app = join(tmp, "app");
  console.log(`Fresh swap check on ${which}, in ${tmp}`);
  try {
    const files = await copyTree(app);
    const configPath = join(app, "deno.json");
    if (opts.subset) {
      report("copy", true, `${files} files`);
    } else {
      const git = await run(
        ["git", "describe", "--tags", "--always"],
        opts.freshDir!,
      );
      const version = JSON.parse(
        await Deno.readTextFile(
          join(opts.freshDir!, "packages/fresh/deno.json"),
        ),
      ).version;
      const swapped = applySwap(
        JSON.parse(await Deno.readTextFile(configPath)),
      );
      const emulated = await emulateJsr(swapped, {
        freshDir: opts.freshDir!,
        stdDir: opts.stdDir!,
        vendorDir: join(tmp, "vendor"),
      });
      await Deno.writeTextFile(
        configPath,
        JSON.stringify(emulated, null, 2) + "\n",
      );
      report(
        "copy + swap",
        true,
        `${files} files; @fresh/core ${version}${
          git.ok ? ` (${git.out.trim()})` : ""
        }; deno.json: fresh, fresh/runtime, fresh/dev → "fresh": "jsr:@fresh/core@^2.3.3", resolved from the checkouts`,
      );
    }

    const t0 = Date.now();
    const build = await run([Deno.execPath(), "task", "build"], app);
    const built = build.ok &&
      await Deno.stat(join(app, "_fresh/server.js")).then(
        () => true,
        () => false,
      );
    report(
      "deno task build",
      built,
      built
        ? `${((Date.now() - t0) / 1000).toFixed(0)} s, _fresh/server.js written`
        : `\n${
          build.out.split("\n").filter((l) =>
            !/^(Download|Initialize) /.test(l)
          ).slice(-40)
            .join("\n")
        }`,
    );
    await check(
      "deno check . (the whole project against this Fresh's types)",
      async () => {
        const t = Date.now();
        const out = await run([Deno.execPath(), "check", "."], app);
        // Deno does not report type errors inside JSR packages (remote
        // code); the emulated package is local files, so its own
        // diagnostics are left out here and only counted.
        const blocks = out.out.split(/\n(?=TS\d+ \[ERROR\])/)
          .filter((b) => /^TS\d+ \[ERROR\]/.test(b));
        const inFresh = blocks.filter((b) => b.includes(`${tmp}/vendor/`));
        const inApp = blocks.filter((b) => !b.includes(`${tmp}/vendor/`));
        expect(
          out.ok || (blocks.length > 0 && inApp.length === 0),
          "\n" + (inApp.length ? inApp.join("\n") : out.out.slice(-3000)),
        );
        return `${
          ((Date.now() - t) / 1000).toFixed(0)
        } s, no errors in the project${
          inFresh.length
            ? ` (${inFresh.length} in Fresh's own source, which Deno does not report for a JSR package)`
            : ""
        }`;
      },
    );
    if (!opts.subset) {
      await check(
        "deno task test:framework (framework/ tests the subset by path; unaffected by the swap)",
        async () => {
          const out = await run(
            [Deno.execPath(), "task", "test:framework"],
            app,
          );
          const summary = out.out.match(/(ok|FAILED) \| \d+ passed.*$/m)?.[0];
          expect(out.ok, `\n${out.out.split("\n").slice(-30).join("\n")}`);
          return summary ?? "";
        },
      );
    }
    if (built) {
      const serverJs = await Deno.readTextFile(join(app, "_fresh/server.js"));
      await check("_fresh/server.js shape", () => {
        expect(
          /export default \{\s*fetch: app\.handler\(\)/.test(serverJs),
          "no `export default { fetch: app.handler() }`",
        );
        expect(
          !/Deno\.serve|\.listen\(/.test(serverJs),
          "server.js listens itself (deno serve would be told twice)",
        );
        return Promise.resolve("export default { fetch } (deno serve)");
      });

      const servers: [string, string[]][] = [
        ["[deno serve]", [
          Deno.execPath(),
          "serve",
          ...SERVER_FLAGS,
          "--host=127.0.0.1",
          "--port=0",
          "_fresh/server.js",
        ]],
        ["[deno task serve]", [Deno.execPath(), "task", "serve"]],
      ];
      for (const [tag, cmd] of servers) {
        let server: TestServer;
        try {
          server = await startServerProcess({
            cmd,
            cwd: app,
            timeoutMs: 120_000,
            label: tag,
          });
        } catch (err) {
          report(`${tag} start`, false, (err as Error).message);
          continue;
        }
        report(
          `${tag} start`,
          true,
          `${cmd.slice(1).join(" ")} → ${server.url}`,
        );
        try {
          await httpChecks(tag, server.url, join(ROOT, PHOTO));
          if (opts.browser && tag === servers[0][0]) {
            await browserCheck(tag, server.url, join(ROOT, PHOTO));
          }
        } finally {
          await server.stop();
        }
        const serverErrors = server.output().split("\n").filter((l) =>
          /error|uncaught/i.test(l) && !/^\s*at /.test(l)
        );
        console.log(
          `INFO  ${tag} server log: ${
            serverErrors.length
              ? `${serverErrors.length} error lines, e.g. ${serverErrors[0]}`
              : "no errors"
          }`,
        );
      }
    }
  } finally {
    if (opts.keep) console.log(`Kept ${tmp}`);
    else await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
  const { total, failed } = summary();
  console.log(`\n${which}: ${total - failed} passed, ${failed} failed`);
  if (failed) Deno.exit(1);
}

if (import.meta.main) await main();
