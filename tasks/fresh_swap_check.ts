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
import type { Page } from "puppeteer-core";
import { SERVER_FLAGS } from "./flags.ts";
import { applySwap, emulateJsr } from "./fresh_swap/swap.ts";

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

// --- reporting ---------------------------------------------------------------

const results: { name: string; ok: boolean; detail: string }[] = [];

function report(name: string, ok: boolean, detail: string) {
  results.push({ name, ok, detail });
  console.log(
    `${ok ? "PASS" : "FAIL"}  ${name}${detail ? ` — ${detail}` : ""}`,
  );
}

async function check(name: string, fn: () => Promise<string | void>) {
  try {
    report(name, true, (await fn()) ?? "");
  } catch (err) {
    report(name, false, err instanceof Error ? err.message : String(err));
  }
}

function expect(cond: unknown, why: string): asserts cond {
  if (!cond) throw new Error(why);
}

// --- preparing the copy --------------------------------------------------------

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

// --- serving -------------------------------------------------------------------

interface Server {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

async function startServer(
  label: string,
  cmd: string[],
  cwd: string,
): Promise<Server> {
  const child = new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd,
    env: {
      NO_COLOR: "1",
      PORT: "0",
      LISTEN_HOST: "127.0.0.1",
      KV_PATH: ":memory:",
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let out = "";
  const dec = new TextDecoder();
  const pump = async (s: ReadableStream<Uint8Array>) => {
    for await (const c of s) out += dec.decode(c, { stream: true });
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  let exited = false;
  child.status.then(() => exited = true);
  const stop = async () => {
    if (!exited) child.kill("SIGTERM");
    await child.status;
    await pumps.catch(() => {});
  };
  const deadline = Date.now() + 120_000;
  let url = "";
  while (!url) {
    const m = out.match(/https?:\/\/[^\s/]+:(\d+)/);
    if (m) url = `http://127.0.0.1:${m[1]}`;
    else if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`${label} did not start:\n${out}`);
    } else await new Promise((r) => setTimeout(r, 100));
  }
  // The model loads in the background; /healthz answers 200 once it is ready.
  while (true) {
    const res = await fetch(`${url}/healthz`).catch(() => null);
    await res?.body?.cancel();
    if (res?.ok) break;
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`${label}: /healthz never answered 200:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, output: () => out, stop };
}

// --- the checks ----------------------------------------------------------------

function count(html: string, re: RegExp): number {
  return html.match(new RegExp(re.source, "g"))?.length ?? 0;
}

async function getText(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { res, body: await res.text() };
}

async function photoForm(extra: Record<string, string> = {}) {
  const form = new FormData();
  const bytes = await Deno.readFile(join(ROOT, PHOTO));
  form.append(
    "image",
    new File([bytes], "Abyssinian_105.jpg", { type: "image/jpeg" }),
  );
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return form;
}

async function httpChecks(tag: string, base: string) {
  let runtimeJs = "";
  await check(`${tag} GET / renders styled`, async () => {
    const { res, body } = await getText(`${base}/`);
    expect(res.status === 200, `status ${res.status}`);
    expect(
      res.headers.get("content-type")?.startsWith("text/html"),
      `content-type ${res.headers.get("content-type")}`,
    );
    expect(
      /<html lang="en"/.test(body),
      "no <html lang=en> (routes/_app.tsx not applied)",
    );
    const styles = count(body, /<link[^>]+href="\/styles\.css(\?[^"]*)?"/);
    const blocks = count(body, /<link[^>]+href="\/blocks\.css(\?[^"]*)?"/);
    expect(styles === 1, `${styles} styles.css links`);
    expect(blocks === 1, `${blocks} blocks.css links`);
    expect(
      count(body, /<title>/) === 1 &&
        body.includes("<title>Pet Image Segmentation</title>"),
      "not exactly one <title>Pet Image Segmentation</title>",
    );
    const islands = count(body, /<!--frsh:island:/);
    expect(islands > 0, "no island markers");
    const m = body.match(/import[^"']*["'](\/_fresh\/js\/[^"']+\.js)["']/);
    expect(m, "no boot script importing /_fresh/js/…");
    runtimeJs = m[1];
    expect(
      res.headers.get("x-content-type-options") === "nosniff",
      "no security headers",
    );
    return `1 styles.css + 1 blocks.css link, ${islands} islands, runtime ${runtimeJs}`;
  });
  await check(`${tag} GET /demos/blocks renders`, async () => {
    const { res, body } = await getText(`${base}/demos/blocks`);
    expect(res.status === 200, `status ${res.status}`);
    expect(body.includes("<title>Greet (Blocks)</title>"), "no title");
    expect(
      count(body, /href="\/styles\.css(\?[^"]*)?"/) === 1 &&
        count(body, /href="\/blocks\.css(\?[^"]*)?"/) === 1,
      "stylesheets missing or repeated",
    );
    return `${count(body, /<!--frsh:island:/)} islands`;
  });
  await check(`${tag} static files`, async () => {
    const css = await fetch(`${base}/styles.css`);
    await css.body?.cancel();
    expect(css.status === 200, `/styles.css ${css.status}`);
    expect(
      css.headers.get("content-type")?.startsWith("text/css"),
      `/styles.css content-type ${css.headers.get("content-type")}`,
    );
    const etag = css.headers.get("etag");
    expect(etag, "/styles.css has no ETag");
    const again = await fetch(`${base}/styles.css`, {
      headers: { "If-None-Match": etag },
    });
    await again.body?.cancel();
    expect(again.status === 304, `If-None-Match → ${again.status}, not 304`);
    const jpg = await fetch(`${base}/examples/Abyssinian_105.jpg`);
    const bytes = new Uint8Array(await jpg.arrayBuffer());
    expect(
      jpg.status === 200 && jpg.headers.get("content-type") === "image/jpeg",
      `example photo ${jpg.status} ${jpg.headers.get("content-type")}`,
    );
    const disk = await Deno.readFile(join(ROOT, PHOTO));
    expect(bytes.length === disk.length, "example photo differs from disk");
    expect(runtimeJs, "no runtime URL (GET / failed)");
    const js = await fetch(base + runtimeJs);
    await js.body?.cancel();
    expect(js.status === 200, `${runtimeJs} ${js.status}`);
    expect(
      /javascript/.test(js.headers.get("content-type") ?? ""),
      `${runtimeJs} content-type ${js.headers.get("content-type")}`,
    );
    const cc = js.headers.get("cache-control") ?? "";
    expect(/immutable/.test(cc), `${runtimeJs} Cache-Control "${cc}"`);
    return `styles.css ETag + 304, photo ${bytes.length} B, runtime "${cc}"`;
  });
  await check(`${tag} POST /api/segment returns a mask`, async () => {
    const res = await fetch(`${base}/api/segment`, {
      method: "POST",
      body: await photoForm(),
    });
    const body = await res.json();
    expect(res.status === 200, `status ${res.status}: ${JSON.stringify(body)}`);
    expect(
      typeof body.mask === "string" &&
        body.mask.startsWith("data:image/png;base64,"),
      "no PNG mask",
    );
    const pet = body.classes?.find((c: { name: string }) => c.name === "pet");
    return `${body.width}×${body.height} mask, pet ${
      (pet.fraction * 100).toFixed(0)
    }%`;
  });
  await check(`${tag} GET /api/segment → 405 JSON, Allow: POST`, async () => {
    const { res, body } = await getText(`${base}/api/segment`);
    expect(res.status === 405, `status ${res.status}: ${body.slice(0, 200)}`);
    expect(
      res.headers.get("allow") === "POST",
      `Allow ${res.headers.get("allow")}`,
    );
    expect(
      res.headers.get("content-type")?.startsWith("application/json"),
      `content-type ${res.headers.get("content-type")}`,
    );
    expect(
      JSON.parse(body).error?.code === "method_not_allowed",
      `body ${body}`,
    );
    return body;
  });
  await check(`${tag} OPTIONS /api/segment → 204, Allow: POST`, async () => {
    const { res, body } = await getText(`${base}/api/segment`, {
      method: "OPTIONS",
    });
    expect(res.status === 204, `status ${res.status}: ${body.slice(0, 200)}`);
    expect(
      res.headers.get("allow") === "POST",
      `Allow ${res.headers.get("allow")}`,
    );
  });
  await check(`${tag} share: ?share=1, then its page`, async () => {
    const res = await fetch(`${base}/api/segment?share=1`, {
      method: "POST",
      body: await photoForm(),
    });
    const body = await res.json();
    expect(res.status === 200, `status ${res.status}: ${JSON.stringify(body)}`);
    expect(body.shareUrl, `no shareUrl: ${JSON.stringify(body)}`);
    const url = new URL(body.shareUrl, base).href;
    const { res: page, body: html } = await getText(url);
    expect(page.status === 200, `${url} → ${page.status}`);
    expect(html.includes("Shared pet segmentation"), "share page content");
    expect(
      count(html, /href="\/styles\.css(\?[^"]*)?"/) === 1,
      "share page has no styles.css link",
    );
    const overlay = await fetch(`${url}/overlay.jpg`);
    await overlay.body?.cancel();
    expect(
      overlay.status === 200 &&
        overlay.headers.get("content-type") === "image/jpeg",
      `overlay.jpg ${overlay.status}`,
    );
    return new URL(url).pathname;
  });
  await check(`${tag} Gradio GET /config`, async () => {
    const { res, body } = await getText(`${base}/config`);
    expect(res.status === 200, `status ${res.status}`);
    const config = JSON.parse(body);
    expect(
      Array.isArray(config.components) && config.components.length > 0,
      "no components",
    );
    const demo = await fetch(`${base}/demos/blocks/config`);
    const demoConfig = await demo.json();
    expect(demo.status === 200, `/demos/blocks/config ${demo.status}`);
    return `${config.components.length} components; /demos/blocks/config ${demoConfig.components.length}`;
  });
  await check(`${tag} unknown URL → styled 404 page`, async () => {
    const { res, body } = await getText(`${base}/no/such/page`);
    expect(res.status === 404, `status ${res.status}`);
    expect(
      res.headers.get("content-type")?.startsWith("text/html"),
      `content-type ${res.headers.get("content-type")}`,
    );
    expect(
      count(body, /href="\/styles\.css(\?[^"]*)?"/) === 1,
      "no styles.css link",
    );
  });
}

async function choosePhoto(page: Page) {
  const input = await page.$("#image-upload input[type=file]");
  expect(input, "no file input");
  await input.uploadFile(join(ROOT, PHOTO));
  await page.waitForSelector("#image-upload img.bk-image");
}

async function waitForMask(page: Page) {
  const outcome = await page.waitForFunction(
    () => {
      if (document.querySelector("#mask-output img")) return "ok";
      const err = document.querySelector(".bk-error[role=alert]");
      return err?.textContent ? `the page shows: ${err.textContent}` : false;
    },
    { timeout: 30_000 },
  );
  const what = await outcome.jsonValue();
  expect(what === "ok", `no mask: ${what}`);
}

async function browserCheck(tag: string, base: string) {
  const { launchBrowser } = await import("../tests/helpers/browser.ts");
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await check(`${tag} Chromium: / is styled and hydrates`, async () => {
      await page.goto(`${base}/`, { waitUntil: "networkidle0" });
      await page.waitForSelector('[data-hydrated="true"]', { timeout: 15_000 });
      const sheets = await page.evaluate(() =>
        [...document.styleSheets].map((s) => ({
          href: s.href ?? "",
          rules: s.cssRules.length,
        }))
      );
      for (const name of ["/styles.css", "/blocks.css"]) {
        const s = sheets.find((x) => new URL(x.href).pathname === name);
        expect(s && s.rules > 0, `${name} not loaded`);
      }
      const hydrated = await page.$$eval(
        '[data-hydrated="true"]',
        (els) => els.length,
      );
      expect(errors.length === 0, `page errors: ${errors.join("; ")}`);
      return `${sheets.length} stylesheets loaded, ${hydrated} hydrated widgets`;
    });
    await check(`${tag} Chromium: / Process Image shows a mask`, async () => {
      await page.goto(`${base}/`, { waitUntil: "networkidle0" });
      await page.waitForSelector('#process[data-hydrated="true"]');
      await choosePhoto(page);
      await page.click("#process button");
      await waitForMask(page);
      expect(errors.length === 0, `page errors: ${errors.join("; ")}`);
      return await page.$eval(
        "#info .bk-input",
        (el) => (el as HTMLInputElement).value,
      );
    });
    await check(
      `${tag} Chromium: / Run on this device (onnxruntime-web and the model by asset() URLs)`,
      async () => {
        const fetched: string[] = [];
        const onResponse = (
          r: {
            url(): string;
            headers(): Record<string, string>;
            status(): number;
          },
        ) => {
          const u = new URL(r.url());
          if (/^\/(ort|model)\//.test(u.pathname)) {
            fetched.push(
              `${u.pathname}${u.search ? "?…" : ""} ${r.status()} ${
                r.headers()["cache-control"]
              }`,
            );
          }
        };
        page.on("response", onResponse);
        try {
          await page.goto(`${base}/`, { waitUntil: "networkidle0" });
          await page.waitForSelector('#process[data-hydrated="true"]');
          await page.click("#on-device");
          await choosePhoto(page);
          await page.click("#process button");
          await page.waitForFunction(
            () =>
              /on this device/.test(
                (document.querySelector("#info .bk-input") as HTMLInputElement)
                  .value,
              ),
            { timeout: 120_000 },
          );
        } finally {
          page.off("response", onResponse);
        }
        expect(errors.length === 0, `page errors: ${errors.join("; ")}`);
        expect(fetched.length >= 3, `fetched only ${fetched.join(", ")}`);
        const notImmutable = fetched.filter((f) => !/immutable/.test(f));
        expect(
          notImmutable.length === 0,
          `not immutable: ${notImmutable.join(", ")}`,
        );
        return fetched.join(", ");
      },
    );
    await check(
      `${tag} Chromium: /demos/blocks hydrates and greets`,
      async () => {
        await page.goto(`${base}/demos/blocks`, { waitUntil: "networkidle0" });
        for (const c of ["button", "slider", "textbox"]) {
          await page.waitForSelector(
            `[data-component="${c}"][data-hydrated="true"]`,
            { timeout: 15_000 },
          );
        }
        await page.type('[data-component="textbox"] input', "Linh");
        const buttons = await page.$$('[data-component="button"] button');
        let clicked = false;
        for (const b of buttons) {
          if ((await b.evaluate((el) => el.textContent)) === "Send hello") {
            await b.click();
            clicked = true;
          }
        }
        expect(clicked, 'no "Send hello" button');
        const out = '[data-component="textbox"] textarea[readonly], ' +
          '[data-component="textarea"] textarea';
        await page.waitForFunction(
          (sel) =>
            (document.querySelector(sel) as HTMLTextAreaElement | null)?.value
              .startsWith("Hello"),
          { timeout: 15_000 },
          out,
        );
        const text = await page.$eval(
          out,
          (el) => (el as HTMLTextAreaElement).value,
        );
        expect(errors.length === 0, `page errors: ${errors.join("; ")}`);
        return JSON.stringify(text);
      },
    );
  } finally {
    await browser.close();
  }
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
        let server: Server;
        try {
          server = await startServer(tag, cmd, app);
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
          await httpChecks(tag, server.url);
          if (opts.browser && tag === servers[0][0]) {
            await browserCheck(tag, server.url);
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
  const failed = results.filter((r) => !r.ok).length;
  console.log(
    `\n${which}: ${results.length - failed} passed, ${failed} failed`,
  );
  if (failed) Deno.exit(1);
}

if (import.meta.main) await main();
