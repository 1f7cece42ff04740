/**
 * @module
 * `deno task gradio-frontend-check <folder>`: runs every hosted app in
 * Gradio's own web frontend. `<folder>` holds a built frontend (`gradio.js`,
 * `assets/`, `static/`: what gradio's `js/spa` build writes to
 * `gradio/templates/frontend/`; see the README's "Gradio web UI"). Not part
 * of `deno task test`: it needs that build (and `deno task build` once).
 *
 * It starts our server (`tests/helpers/server.ts`, with `CORS_ORIGINS` set
 * to the host page's origin), serves the frontend and one host page per app
 * with `<gradio-app src="<our server>/<app>">` from a second origin, and
 * drives headless Chromium through each app from its own `/config`
 * (`tests/gradio/web_ui_driver.ts`): every input filled by its type (the
 * pet app gets an example photo, the Microphone records from Chromium's fake
 * device, the Sketchpad gets a stroke), every function run, every output
 * must show its new value, a Clear button must empty its inputs. A console
 * error, uncaught exception, failed request to our server or error toast
 * fails the app; one screenshot per app is saved and its path printed.
 *
 * Options: `--out <dir>` (default `.scratch/gradio-frontend/`), `--only
 * pet,components`, `--verbose` (steps with times, stacks), `--triggers 6,11`
 * (only the functions these components trigger), `--theme dark|light`
 * (Gradio's `theme_mode`; by default the frontend follows the browser).
 */
import { startServer } from "../tests/helpers/server.ts";
import { launchBrowser } from "../tests/helpers/browser.ts";
import {
  type Config,
  FFMPEG_CDN,
  makeFixtures,
  offlineFfmpeg,
  PAGE_FUNCTIONS,
  runApp,
  withBlockIds,
} from "../tests/gradio/web_ui_driver.ts";

/** The hosted apps (`apps/mod.ts`): name, path, what its text outputs must say. */
const APPS: [string, string, RegExp?][] = [
  ["pet", "/", /Processing time: \d+\.\d\d seconds/],
  ["interface", "/demos/interface", /Hello, Linh/],
  ["blocks", "/demos/blocks", /Hello, Linh/],
  ["row", "/demos/row", /Hello, Linh/],
  ["columns", "/demos/columns", /Hello, Linh/],
  ["components", "/demos/components"],
  ["demo-pet", "/demos/pet", /Processing time: \d+\.\d\d seconds/],
];

/**
 * Errors of Gradio's own frontend that a Gradio server triggers the same way
 * (checked by serving the exact props Gradio's Python class sends): printed
 * as notes, not failures.
 */
const FRONTEND_BUGS: { version: RegExp; error: RegExp; why: string }[] = [{
  version: /^5\./,
  error: /this\.history\.push is not a function/,
  why: "Gradio 5's ImageEditor gets its bound `full_history` back through " +
    "the app's prop updates as a plain copy ({...CommandNode}) and may " +
    "replay it on mount (a timing race), after which each stroke throws and " +
    "undo breaks; the drawing itself is still sent",
}];

const MIME: Record<string, string> = {
  js: "text/javascript",
  css: "text/css",
  html: "text/html",
  json: "application/json",
  svg: "image/svg+xml",
  png: "image/png",
  wasm: "application/wasm",
  woff2: "font/woff2",
};

function args() {
  const a = [...Deno.args];
  const flag = (name: string) =>
    a.includes(name) && !!a.splice(a.indexOf(name), 1);
  const opt = (name: string) => {
    const i = a.indexOf(name);
    return i < 0 ? undefined : a.splice(i, 2)[1];
  };
  const verbose = flag("--verbose");
  const out = opt("--out") ?? ".scratch/gradio-frontend";
  const only = opt("--only")?.split(",");
  const triggers = opt("--triggers")?.split(",").map(Number);
  const theme = opt("--theme");
  if (theme !== undefined && theme !== "dark" && theme !== "light") {
    console.error(`--theme takes dark or light, not ${theme}`);
    Deno.exit(2);
  }
  const dir = a[0]?.replace(/\/+$/, "");
  if (!dir) {
    console.error(
      "usage: deno task gradio-frontend-check <frontend folder> [--out dir] [--only pet,components] [--verbose]",
    );
    Deno.exit(2);
  }
  return { dir, out, only, verbose, triggers, theme };
}

/**
 * Serves the frontend's files at the root (its `./assets/…` CSS links are
 * relative to the page) and a host page per app at `/<name>.html`.
 */
function hostServer(
  dir: string,
  appUrl: (name: string) => string,
  theme?: string,
) {
  return Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    async (req) => {
      const path = decodeURIComponent(new URL(req.url).pathname);
      const name = path.match(/^\/([\w-]+)\.html$/)?.[1];
      if (name && APPS.some(([n]) => n === name)) {
        return new Response(
          `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>${name} in Gradio's web component</title>
<script type="module" src="/gradio.js"></script></head>
<body><gradio-app src="${appUrl(name)}" eager="true"${
            theme ? ` theme_mode="${theme}"` : ""
          }></gradio-app></body></html>`,
          { headers: { "Content-Type": "text/html; charset=utf-8" } },
        );
      }
      if (path.includes("..")) return new Response("no", { status: 400 });
      try {
        const body = await Deno.readFile(dir + path);
        const type = MIME[path.split(".").pop() ?? ""];
        return new Response(body, {
          headers: { "Content-Type": type ?? "application/octet-stream" },
        });
      } catch {
        return new Response("not found", { status: 404 });
      }
    },
  );
}

/** The Gradio version a build was made for (its CSS is scoped to `.gradio-container-<x-y-z>`). */
async function frontendVersion(dir: string): Promise<string | undefined> {
  for await (const f of Deno.readDir(`${dir}/assets`)) {
    if (!/^index-.*\.css$/.test(f.name)) continue;
    const css = await Deno.readTextFile(`${dir}/assets/${f.name}`);
    const m = css.match(/gradio-container-(\d+)-(\d+)-(\d+)/);
    if (m) return m.slice(1).join(".");
  }
  return undefined;
}

async function main() {
  const { dir, out, only, verbose, triggers, theme } = args();
  for (const need of [`${dir}/gradio.js`, "_fresh/server.js"]) {
    if (!(await Deno.stat(need).catch(() => null))) {
      console.error(
        `${need} not found: build it first (README, "Gradio web UI")`,
      );
      Deno.exit(2);
    }
  }
  const version = await frontendVersion(dir) ?? "unknown";
  const t0 = performance.now();
  const step = (what: string) =>
    verbose &&
    console.log(
      `     ${((performance.now() - t0) / 1000).toFixed(1)} s  ${what}`,
    );
  await Deno.mkdir(out, { recursive: true });
  const tmp = await Deno.makeTempDir({ prefix: "gradio_check_" });
  let server: { url: string; stop?: () => Promise<void> } = { url: "" };
  const host = hostServer(
    dir,
    (n) => server.url + APPS.find(([a]) => a === n)![1],
    theme,
  );
  const hostOrigin = `http://127.0.0.1:${host.addr.port}`;
  server = await startServer({ CORS_ORIGINS: hostOrigin });
  const browser = await launchBrowser([
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
  ]);
  const failed: string[] = [];
  const held = new Set<string>();
  const notes = new Set<string>();
  try {
    const files = await makeFixtures(browser, tmp);
    console.log(`Gradio frontend ${version} from ${dir}`);
    console.log(`our server ${server.url}, host page ${hostOrigin}`);
    for (const [name, path, expect] of APPS) {
      if (only && !only.includes(name)) continue;
      const started = performance.now();
      const problems: string[] = [];
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      await page.evaluateOnNewDocument(PAGE_FUNCTIONS);
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console error: ${m.text()}`);
      });
      page.on(
        "pageerror",
        (e) =>
          problems.push(
            `uncaught: ${verbose && e instanceof Error ? e.stack : e}`,
          ),
      );
      page.on("response", (r) => {
        if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
      });
      // Requests to other hosts never reach our server. Gradio 5's video
      // editor fetches ffmpeg from unpkg.com once a Video input has a value:
      // answered from the folder's offline copy (Gradio 6 reads that copy
      // from the page's own /static/ffmpeg/). Anything else is held
      // unanswered (this machine is offline) and listed.
      await page.setRequestInterception(true);
      page.on("request", (r) => {
        const url = new URL(r.url());
        if (
          url.origin === server.url && url.pathname.endsWith("/config") &&
          r.method() === "GET"
        ) {
          withBlockIds(r).catch((e) => problems.push(`config: ${e}`));
        } else if ([hostOrigin, server.url, "null"].includes(url.origin)) {
          r.continue();
        } else if (FFMPEG_CDN.test(r.url())) {
          offlineFfmpeg(r, dir).catch((e) => problems.push(`ffmpeg: ${e}`));
        } else held.add(r.url());
      });
      const shot = `${out}/${version}-${name}${theme ? `-${theme}` : ""}.png`;
      let shotTaken = false;
      const screenshot = async () => {
        shotTaken = true;
        await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
      };
      try {
        const res = await fetch(
          `${server.url}${path.replace(/\/$/, "")}/config`,
        );
        const config = await res.json() as Config;
        await page.goto(`${hostOrigin}/${name}.html`);
        step(`opened ${hostOrigin}/${name}.html`);
        await runApp(page, config, {
          files,
          problems,
          expect,
          triggers,
          ran: screenshot,
          step,
        });
      } catch (err) {
        problems.unshift(err instanceof Error ? err.message : String(err));
      }
      if (!shotTaken) await screenshot();
      await page.close();
      for (const bug of FRONTEND_BUGS) {
        const hits = problems.filter((p) => bug.error.test(p));
        if (!hits.length || !bug.version.test(version)) continue;
        notes.add(
          `known Gradio ${version} frontend bug in ${name} ` +
            `(${hits[0].split("\n")[0]}): ${bug.why}`,
        );
        problems.splice(
          0,
          problems.length,
          ...problems.filter((p) => !hits.includes(p)),
        );
      }
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      const status = problems.length ? "FAIL" : "ok  ";
      console.log(`${status} ${name} (${path}) ${secs} s  screenshot ${shot}`);
      for (const p of problems.slice(0, 8)) {
        console.log(`     ${p.slice(0, verbose ? 2000 : 400)}`);
      }
      if (problems.length) failed.push(name);
    }
  } finally {
    await browser.close();
    await server.stop?.();
    await host.shutdown();
    await Deno.remove(tmp, { recursive: true });
  }
  for (const n of notes) console.log(`note: ${n}`);
  if (held.size) console.log(`held (other hosts): ${[...held].join(" ")}`);
  console.log(
    failed.length
      ? `${failed.length} app(s) failed: ${failed.join(", ")}`
      : "every app passed",
  );
  Deno.exit(failed.length ? 1 : 0);
}

if (import.meta.main) await main();
