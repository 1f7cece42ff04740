/**
 * @module
 * Drives a hosted app inside Gradio's own web frontend (`<gradio-app>`, 5.x
 * or 6.x) with Puppeteer, from the app's `/config`: fills every input by its
 * type, runs every function, and waits until every output shows its new
 * value. Used by `tasks/gradio_frontend_check.ts` (not in CI: it needs a
 * frontend build).
 *
 * @example
 * ```ts
 * await page.goto(hostPage);
 * await runApp(page, config, { files, problems, ran: () => screenshot() });
 * ```
 */
import type { ElementHandle, HTTPRequest, Page } from "puppeteer-core";
import type { Fixtures } from "./web_ui_fixtures.ts";

export { type Fixtures, makeFixtures } from "./web_ui_fixtures.ts";

/** The parts of `/config` the driver reads. */
export interface Config {
  components: {
    id: number;
    type: string;
    props: Record<string, unknown>;
  }[];
  dependencies: {
    id: number;
    targets: [number, string][];
    inputs: number[];
    outputs: number[];
    backend_fn: boolean;
  }[];
}
type Component = Config["components"][number];

/** How {@link runApp} runs. */
export interface RunOptions {
  files: Fixtures;
  /** Console errors and the like, collected by the caller; the run stops at the first. */
  problems: string[];
  /** What textbox outputs must show (e.g. /Hello, Linh/). */
  expect?: RegExp;
  /** Only the functions these components trigger (debugging). */
  triggers?: number[];
  /** Called once the functions ran, before Clear buttons empty the page. */
  ran?: () => Promise<void>;
  step?: (what: string) => void;
}

/**
 * Answers the frontend's `/config` request with the server's own answer,
 * where every component without an `elem_id` gets the one Gradio 5 gives
 * it (`component-<id>`; Gradio 6 leaves blocks without ids), so blocks can
 * be found in both. Nothing else is changed.
 */
export async function withBlockIds(r: HTTPRequest): Promise<void> {
  const res = await fetch(r.url(), { headers: r.headers() });
  const config = await res.json() as Config;
  for (const c of config.components) c.props.elem_id ??= `component-${c.id}`;
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  delete headers["content-length"];
  await r.respond({
    status: res.status,
    headers,
    body: JSON.stringify(config),
  });
}

/** Gradio 5's ffmpeg download (`loadFfmpeg` in its `js/video/shared/utils.ts`). */
export const FFMPEG_CDN =
  /^https:\/\/unpkg\.com\/@ffmpeg\/core@[\d.]+\/dist\/esm\/(ffmpeg-core\.(js|wasm))$/;

/** Answers a request for Gradio 5's ffmpeg from `<dir>/static/ffmpeg/` (the offline copy). */
export async function offlineFfmpeg(r: HTTPRequest, dir: string) {
  const name = r.url().match(FFMPEG_CDN)![1];
  const body = await Deno.readFile(`${dir}/static/ffmpeg/${name}`).catch(
    () => undefined,
  );
  await r.respond({
    status: body ? 200 : 404,
    contentType: name.endsWith(".js") ? "text/javascript" : "application/wasm",
    headers: { "Access-Control-Allow-Origin": "*" },
    body: body ?? `no ${dir}/static/ffmpeg/${name} (see the README)`,
  });
}

/** Page functions the waits call: an output's value, and whether it shows one. */
export const PAGE_FUNCTIONS = `globalThis.__value = ${value};
globalThis.__shows = ${shows};`;

/** What output block `sel` shows, status tracker aside (runs in the page). */
function value(sel: string): string {
  const el = document.querySelector(sel);
  if (!el) return "";
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('[data-testid="status-tracker"], .wrap').forEach((
    e,
  ) => e.remove());
  const media = [...el.querySelectorAll("img, audio, video, a")].map((e) =>
    e.getAttribute("src") ?? e.getAttribute("href") ?? ""
  );
  const field = el.querySelector<HTMLInputElement>("textarea, input");
  return [field?.value ?? "", copy.textContent ?? "", ...media].join("|");
}

/** Whether output block `sel` of type `type` shows a value (runs in the page). */
function shows(sel: string, type: string, expect: string | null): boolean {
  const el = document.querySelector(sel);
  if (!el) return false;
  const text = (el.textContent ?? "").trim();
  const field = el.querySelector<HTMLInputElement>("textarea, input");
  const loaded = (q: string) =>
    [...el.querySelectorAll<HTMLImageElement>(q)].some((i) =>
      i.complete && i.naturalWidth > 0
    );
  const ok = (() => {
    switch (type) {
      case "textbox":
      case "number":
        return !!field?.value;
      case "image":
      case "gallery":
        return loaded("img");
      case "file":
        return !!el.querySelector("a[href], a[download]");
      case "audio":
        return !!el.querySelector("audio[src], #waveform, .waveform-container");
      case "video":
        return !!el.querySelector("video[src]");
      case "label":
        return /\d+%|\d\.\d/.test(text) || !!el.querySelector("h2");
      case "json":
        return /"?\w+"?\s*:/.test(text);
      case "dataframe":
        return /\d/.test(el.querySelector("tbody")?.textContent ?? "");
      default:
        return text.length > 0;
    }
  })();
  return ok && (!expect || new RegExp(expect).test(field?.value ?? text));
}

/** The block of component `c` (its `elem_id`, see {@link withBlockIds}). */
function blockSelector(c: Component): string {
  const id = typeof c.props.elem_id === "string"
    ? c.props.elem_id
    : `component-${c.id}`;
  return `gradio-app [id="${id.replace(/["\\]/g, "\\$&")}"]`;
}

async function blockOf(page: Page, c: Component) {
  const el = await page.waitForSelector(blockSelector(c), { timeout: 30_000 });
  await el!.scrollIntoView();
  return el!;
}

async function inside(el: ElementHandle, sel: string) {
  const found = await el.waitForSelector(sel, { timeout: 15_000 });
  if (!found) throw new Error(`no ${sel}`);
  return found;
}

/** Types `s` into the field `sel` of `el`, replacing what is there. */
async function typeInto(page: Page, el: ElementHandle, sel: string, s: string) {
  const input = await inside(el, sel);
  await input.click({ count: 3 });
  await page.keyboard.press("Backspace");
  await input.type(s);
  await page.keyboard.press("Tab");
}

/**
 * Runs `act` again (up to 3 times) when the element it held was re-rendered
 * under it (Svelte replaces nodes while the app updates).
 */
async function retried<T>(act: () => Promise<T>): Promise<T> {
  for (let i = 0;; i++) {
    try {
      return await act();
    } catch (err) {
      if (i >= 2 || !/detached|not clickable/i.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** Fills input component `c` by its type. */
async function fill(page: Page, c: Component, files: Fixtures) {
  const el = await blockOf(page, c);
  const p = c.props;
  const upload = async (path: string, shown: string) => {
    const input = await inside(el, "input[type=file]");
    await (input as ElementHandle<HTMLInputElement>).uploadFile(path);
    await inside(el, shown);
  };
  switch (c.type) {
    case "textbox":
      return await typeInto(
        page,
        el,
        "textarea, input",
        "Linh loves her cute dog",
      );
    case "number":
      if (p.value === undefined) {
        await typeInto(page, el, "input[type=number]", "4");
      }
      return;
    case "slider": {
      const v = Number(p.minimum ?? 0) + Number(p.step ?? 1);
      return await typeInto(page, el, "input[type=number]", String(v));
    }
    case "radio":
      return await (await inside(el, "label:last-of-type")).click();
    case "checkbox":
      return await (await inside(el, "input[type=checkbox]")).click();
    case "dropdown": {
      await (await inside(el, "input")).click();
      await (await page.waitForSelector("gradio-app ul.options li"))!.click();
      return await page.keyboard.press("Escape");
    }
    case "file":
      return await upload(files.text, "a, td, .file-name");
    case "image":
      return await upload(files.photo, "img");
    case "video":
      return await upload(files.webm, "video");
    case "audio":
      if ((p.sources as string[]).includes("upload")) {
        return await upload(files.wav, "audio, #waveform, .waveform-container");
      }
      return await record(el);
    case "imageeditor":
      return await draw(page, el);
  }
}

/** Records 1.5 s from Chromium's fake microphone. */
async function record(el: ElementHandle) {
  await (await inside(el, "button.record, button.record-button")).click();
  await new Promise((r) => setTimeout(r, 1500));
  await (await inside(el, "button.stop-button")).click();
  await inside(el, "audio, #waveform, .waveform-container");
}

/** Picks the Brush from the Sketchpad's toolbar and draws a stroke on its canvas. */
async function draw(page: Page, el: ElementHandle) {
  await (await inside(el, '[aria-label="Brush"]')).click();
  const canvas = await inside(el, "canvas");
  const box = (await canvas.boundingBox())!;
  const at = (fx: number, fy: number) =>
    [box.x + box.width * fx, box.y + box.height * fy] as const;
  await page.mouse.move(...at(0.3, 0.3));
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(...at(0.3 + i * 0.04, 0.3 + i * 0.03));
  }
  await page.mouse.up();
  await new Promise((r) => setTimeout(r, 500));
}

/**
 * Runs every function of the app open in `page` (with {@link PAGE_FUNCTIONS}
 * installed): fills each input once, triggers the function (a click, or
 * Enter for a submit), and waits until each output shows a new value; then
 * clicks each browser-only button (Clear) and waits until its textboxes are
 * empty. Throws what went wrong.
 */
export async function runApp(page: Page, config: Config, o: RunOptions) {
  const step = o.step ?? (() => {});
  const byId = new Map(config.components.map((c) => [c.id, c]));
  for (const c of config.components) {
    await page.waitForSelector(blockSelector(c), { timeout: 60_000 });
  }
  step(`${config.components.length} components shown`);
  const filled = new Set<number>();
  for (const dep of config.dependencies.filter((d) => d.backend_fn)) {
    for (const [trigger, event] of dep.targets) {
      if (o.triggers && !o.triggers.includes(trigger)) continue;
      for (const id of dep.inputs) {
        const c = byId.get(id)!;
        if (filled.has(id) || c.props.interactive === false) continue;
        if (event === "submit" && id === trigger) continue;
        step(`fill ${c.type} #${id} ${c.props.label ?? ""}`);
        await retried(() => fill(page, c, o.files));
        filled.add(id);
      }
      const t = byId.get(trigger)!;
      step(`${event} ${t.type} #${trigger} ${t.props.value ?? t.props.label}`);
      const outs = dep.outputs.map((id) => byId.get(id)!);
      const before = await Promise.all(
        outs.map((c) =>
          page.evaluate(`__value(${JSON.stringify(blockSelector(c))})`)
        ),
      );
      await retried(async () => {
        const el = await blockOf(page, t);
        if (event !== "submit") return await el.click();
        await typeInto(page, el, "textarea, input", "Linh");
        await page.keyboard.press("Enter");
      });
      for (const [i, out] of outs.entries()) {
        const expect = out.type === "textbox" ? o.expect?.source ?? null : null;
        await page.waitForFunction(
          (sel, type, expect, before) =>
            // deno-lint-ignore no-explicit-any
            ((globalThis as any).__value(sel) !== before &&
              // deno-lint-ignore no-explicit-any
              (globalThis as any).__shows(sel, type, expect)) ||
            document.querySelector("gradio-app .toast-body.error"),
          { timeout: 60_000 },
          blockSelector(out),
          out.type,
          expect,
          before[i],
        ).catch(() => {
          throw new Error(
            `${out.type} #${out.id} (${out.props.label ?? ""}) shows no new ` +
              `value after ${t.type} #${trigger} ${event}`,
          );
        });
        if (o.problems.length) return;
        const toast = await page.$("gradio-app .toast-body.error");
        if (toast) {
          const text = await toast.evaluate((e) => e.textContent?.trim());
          throw new Error(`error toast: ${text}`);
        }
      }
    }
  }
  await o.ran?.();
  for (const dep of config.dependencies.filter((d) => !d.backend_fn)) {
    const trigger = byId.get(dep.targets[0][0])!;
    step(`click ${trigger.type} #${trigger.id} ${trigger.props.value}`);
    await retried(async () => await (await blockOf(page, trigger)).click());
    for (const out of dep.outputs.map((id) => byId.get(id)!)) {
      if (out.type !== "textbox") continue;
      await page.waitForFunction(
        (sel) =>
          !document.querySelector<HTMLInputElement>(
            `${sel} textarea, ${sel} input`,
          )?.value,
        { timeout: 10_000 },
        blockSelector(out),
      );
    }
  }
}
