import assert from "node:assert/strict";
import type { ElementHandle, Page } from "puppeteer-core";
import { startServer } from "../helpers/server.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { DEMO_COMPONENT_KINDS } from "../helpers/fixtures.ts";

const PHOTO =
  new URL("../../static/examples/Bengal_110.jpg", import.meta.url).pathname;

/** A 0.2 s 440 Hz mono WAV. */
function wav(): Uint8Array {
  const rate = 8000, n = 1600;
  const buf = new DataView(new ArrayBuffer(44 + n * 2));
  const str = (o: number, s: string) =>
    [...s].forEach((c, i) => buf.setUint8(o + i, c.charCodeAt(0)));
  str(0, "RIFF");
  buf.setUint32(4, 36 + n * 2, true);
  str(8, "WAVEfmt ");
  buf.setUint32(16, 16, true);
  buf.setUint16(20, 1, true);
  buf.setUint16(22, 1, true);
  buf.setUint32(24, rate, true);
  buf.setUint32(28, rate * 2, true);
  buf.setUint16(32, 2, true);
  buf.setUint16(34, 16, true);
  str(36, "data");
  buf.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) {
    buf.setInt16(
      44 + i * 2,
      Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)),
      true,
    );
  }
  return new Uint8Array(buf.buffer);
}

/** The block (row child) holding a component whose label or text contains `text`. */
async function block(
  page: Page,
  kind: string,
  text: string,
): Promise<ElementHandle<Element>> {
  const handles = await page.$$(`[data-component="${kind}"]`);
  for (const h of handles) {
    if ((await h.evaluate((el) => el.textContent ?? "")).includes(text)) {
      return h;
    }
  }
  throw new Error(`no ${kind} containing "${text}"`);
}

async function clickButton(page: Page, text: string) {
  const b = await block(page, "button", text);
  await (await b.$("button"))!.click();
}

async function waitText(
  page: Page,
  selector: string,
  re: RegExp,
  timeout = 15_000,
) {
  await page.waitForFunction(
    (sel, src) =>
      [...document.querySelectorAll(sel)].some((el) =>
        new RegExp(src).test(el.textContent ?? "")
      ),
    { timeout },
    selector,
    re.source,
  );
}

Deno.test({
  name:
    "[browser] /demos/components: every component renders, hydrates and works",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const server = await startServer();
    const browser = await launchBrowser([
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
    ]);
    const dir = await Deno.makeTempDir({ prefix: "kit_components_" });
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`${server.url}/demos/components`, {
        waitUntil: "networkidle0",
      });

      await t.step(
        "every component kind is on the page and every island hydrates",
        async () => {
          const kinds = await page.$$eval(
            "[data-component]",
            (els) => [
              ...new Set(els.map((e) => e.getAttribute("data-component"))),
            ],
          );
          for (
            const k of [...DEMO_COMPONENT_KINDS, "blocks"]
          ) assert.ok(kinds.includes(k), `missing data-component="${k}"`);
          await page.waitForFunction(() => {
            const walker = document.createTreeWalker(
              document.body,
              NodeFilter.SHOW_COMMENT,
            );
            let islands = 0;
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              if ((n as Comment).data.startsWith("frsh:island:")) islands++;
            }
            return islands > 20 &&
              document.querySelectorAll('[data-hydrated="true"]').length ===
                islands;
          });
          // Every form control has an accessible name.
          const unnamed = await page.$$eval(
            "input:not([type=hidden]), select, textarea, canvas",
            (els) =>
              els.filter((el) => {
                const id = el.id;
                const labelled =
                  (id && document.querySelector(`label[for="${id}"]`)) ||
                  el.closest("label") ||
                  el.getAttribute("aria-label") ||
                  el.getAttribute("aria-labelledby");
                return !labelled;
              }).map((el) => el.outerHTML.slice(0, 80)),
          );
          assert.deepEqual(unnamed, []);
        },
      );

      await t.step("Textbox submit and button → reversed Textbox", async () => {
        const tb = await block(page, "textbox", "Text");
        await (await tb.$("input"))!.type("stressed");
        await page.keyboard.press("Enter");
        await page.waitForFunction(() =>
          [...document.querySelectorAll(
            '[data-component="textbox"] textarea, [data-component="textbox"] input',
          )]
            .some((el) => (el as HTMLInputElement).value === "desserts")
        );
      });

      await t.step("Number → Number and Dataframe", async () => {
        const nb = await block(page, "number", "Number");
        const input = (await nb.$("input"))!;
        await input.click({ count: 3 });
        await input.type("5");
        await clickButton(page, "Square");
        await page.waitForFunction(() =>
          [...document.querySelectorAll('[data-component="number"] input')]
            .some((el) => (el as HTMLInputElement).value === "25")
        );
        await waitText(
          page,
          '[data-component="dataframe"] tbody tr:nth-child(2)',
          /^2\s*10$/,
        );
      });

      await t.step(
        "TextArea → Label with confidence bars and Markdown",
        async () => {
          await clickButton(page, "Analyze");
          await waitText(
            page,
            '[data-component="label"] .bk-label-top',
            /^positive$/,
          );
          const bars = await (await block(page, "label", "Sentiment")).$$(
            ".bk-bar",
          );
          assert.equal(bars.length, 3);
          await waitText(page, '[data-component="markdown"] strong', /^\d+$/);
        },
      );

      await t.step(
        "Radio, Dropdown, multiselect Dropdown, Slider, Checkbox → JSON",
        async () => {
          await (await (await block(page, "radio", "Pet")).$(
            'input[value="dog"]',
          ))!.click();
          await (await (await block(page, "dropdown", "Size")).$("select"))!
            .select("2");
          await (await (await block(page, "dropdown", "Toys")).$("select"))!
            .select("0", "2");
          await (await block(page, "slider", "Age")).$eval(
            "input[type=range]",
            (el) => {
              (el as HTMLInputElement).value = "7";
              el.dispatchEvent(new Event("input", { bubbles: true }));
            },
          );
          await (await (await block(page, "checkbox", "Vaccinated")).$(
            "input",
          ))!.click();
          await clickButton(page, "Summarize");
          await waitText(page, '[data-component="json"] pre', /"pet": "dog"/);
          const text = await (await block(page, "json", "Choices")).$eval(
            "pre",
            (el) => el.textContent!,
          );
          assert.deepEqual(JSON.parse(text), {
            pet: "dog",
            size: "large",
            toppings: ["ball", "mouse"],
            age: 7,
            vaccinated: true,
          });
        },
      );

      await t.step(
        "File: an error before upload, then upload → details and download",
        async () => {
          await clickButton(page, "Describe file");
          await waitText(page, ".bk-error[role=alert]", /Upload a file first/);
          const path = `${dir}/notes.txt`;
          await Deno.writeTextFile(path, "hello kit");
          const fb = await block(page, "file", "Any file");
          await (await fb.$("input[type=file]"))!.uploadFile(path);
          await fb.waitForSelector(".bk-file-link");
          await clickButton(page, "Describe file");
          await waitText(
            page,
            '[data-component="json"] pre',
            /"name": "notes.txt"/,
          );
          const back = await block(page, "file", "Download it back");
          const href = await back.$eval(
            "a.bk-file-link",
            (a) => a.getAttribute("href")!,
          );
          assert.match(href, /^\/demos\/components\/file\//);
          const res = await fetch(server.url + href);
          assert.equal(await res.text(), "hello kit");
          assert.match(
            res.headers.get("content-disposition") ?? "",
            /^attachment/,
          );
        },
      );

      await t.step(
        "Image: upload → mirrored Image, Gallery and JSON",
        async () => {
          const ib = await block(page, "image", "Image (upload");
          await (await ib.$("input[type=file]"))!.uploadFile(PHOTO);
          await ib.waitForSelector("img.bk-image");
          await clickButton(page, "Mirror image");
          await page.waitForFunction(
            () =>
              document.querySelectorAll('[data-component="gallery"] img')
                .length === 2,
            { timeout: 20_000 },
          );
          const mirrored = await block(page, "image", "Mirrored");
          const size = await mirrored.$eval("img", async (img) => {
            const i = img as HTMLImageElement;
            await i.decode();
            return [i.naturalWidth, i.naturalHeight];
          });
          assert.equal(size[0], 500);
          assert.ok(Math.abs(size[1] - 333) <= 1, `height ${size[1]}`);
          await waitText(page, '[data-component="json"] pre', /"width": 500/);
        },
      );

      await t.step("Image: paste and drag-drop", async () => {
        const ib = await block(page, "image", "Image (upload");
        const before = await ib.$eval(
          "img.bk-image",
          (i) => i.getAttribute("src"),
        );
        const png =
          "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAF0lEQVR4nGP8z8BAEmAiTfmohlENQwkAAD7eAR/OXVwyAAAAAElFTkSuQmCC";
        await ib.$eval(".bk-drop", (zone, b64) => {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const dt = new DataTransfer();
          dt.items.add(new File([bytes], "pasted.png", { type: "image/png" }));
          (zone as HTMLElement).focus();
          dispatchEvent(
            new ClipboardEvent("paste", { clipboardData: dt, bubbles: true }),
          );
        }, png);
        await page.waitForFunction(
          (b) => {
            const img = [...document.querySelectorAll(
              '[data-component="image"] .bk-drop img',
            )][0];
            return img && img.getAttribute("src") !== b &&
              img.getAttribute("alt")?.includes("pasted.png");
          },
          {},
          before,
        );
        await ib.$eval(".bk-drop", (zone, b64) => {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const dt = new DataTransfer();
          dt.items.add(new File([bytes], "dropped.png", { type: "image/png" }));
          zone.dispatchEvent(
            new DragEvent("drop", {
              dataTransfer: dt,
              bubbles: true,
              cancelable: true,
            }),
          );
        }, png);
        await page.waitForFunction(() =>
          document.querySelector('[data-component="image"] .bk-drop img')
            ?.getAttribute("alt")?.includes("dropped.png")
        );
      });

      await t.step("Image: webcam snapshot", async () => {
        const ib = await block(page, "image", "Image (upload");
        await (await ib.$("button[id$=-webcam]"))!.click();
        const capture = await ib.waitForSelector(
          "button[id$=-capture]:not([disabled])",
          { timeout: 10_000 },
        );
        await capture!.click();
        await page.waitForFunction(
          () =>
            document.querySelector('[data-component="image"] .bk-drop img')
              ?.getAttribute("alt")?.includes("webcam.png"),
          { timeout: 10_000 },
        );
        await clickButton(page, "Mirror image");
        await waitText(
          page,
          '[data-component="json"] pre',
          /"name": "webcam.png"/,
        );
      });

      await t.step("Audio upload → Audio output", async () => {
        const path = `${dir}/tone.wav`;
        await Deno.writeFile(path, wav());
        const ab = await block(page, "audio", "Audio file");
        await (await ab.$("input[type=file]"))!.uploadFile(path);
        await ab.waitForSelector("audio");
        await clickButton(page, "Play back");
        await waitText(
          page,
          '[data-component="json"] pre',
          /"mimeType": "audio\/wav"/,
        );
        const src = await (await block(page, "audio", "Played back")).$eval(
          "audio",
          (a) => a.getAttribute("src"),
        );
        assert.match(src ?? "", /^\/demos\/components\/file\/.+tone\.wav$/);
      });

      await t.step(
        "Microphone: record in the browser → Audio output",
        async () => {
          const mb = await block(page, "microphone", "Microphone");
          await (await mb.$("button[id$=-record]"))!.click();
          await mb.waitForSelector(".bk-rec-dot");
          await new Promise((r) => setTimeout(r, 800));
          await (await mb.$("button[id$=-record]"))!.click();
          await mb.waitForSelector("audio", { timeout: 10_000 });
          await clickButton(page, "Play recording");
          await waitText(
            page,
            '[data-component="json"] pre',
            /"mimeType": "audio\/(webm|ogg)"/,
          );
          await (await block(page, "audio", "Recording")).waitForSelector(
            "audio[src]",
          );
        },
      );

      await t.step("Video upload → Video output", async () => {
        const path = `${dir}/clip.webm`;
        await Deno.writeFile(
          path,
          new Uint8Array([
            0x1a,
            0x45,
            0xdf,
            0xa3,
            0x9f,
            0x42,
            0x86,
            0x81,
            1,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
          ]),
        );
        const vb = await block(page, "video", "Video file");
        await (await vb.$("input[type=file]"))!.uploadFile(path);
        await vb.waitForSelector("video");
        await clickButton(page, "Show video");
        const out = await block(page, "video", "Video");
        await page.waitForFunction(() =>
          document.querySelectorAll('[data-component="video"] video[src]')
            .length === 2
        );
        assert.ok(out);
      });

      await t.step(
        "Sketchpad: draw a stroke → PNG → Image and Label",
        async () => {
          const canvas = (await page.$('[data-component="sketchpad"] canvas'))!;
          await canvas.scrollIntoView();
          const box = (await canvas.boundingBox())!;
          await page.mouse.move(box.x + 20, box.y + 20);
          await page.mouse.down();
          for (let i = 1; i <= 10; i++) {
            await page.mouse.move(box.x + 20 + i * 20, box.y + 20 + i * 12);
          }
          await page.mouse.up();
          await page.waitForSelector(
            '[data-component="sketchpad"] canvas[data-has-value="true"]',
            { timeout: 10_000 },
          );
          await clickButton(page, "Inspect sketch");
          await waitText(
            page,
            '[data-component="label"] .bk-label-top',
            /^(ink|blank)$/,
          );
          const ink = await (await block(page, "label", "Ink coverage")).$eval(
            '[role="meter"][aria-label="ink"]',
            (m) => Number(m.getAttribute("aria-valuenow")),
          );
          assert.ok(ink > 0 && ink < 0.5, `ink ${ink}`);
          const src = await (await block(page, "image", "Your drawing")).$eval(
            "img",
            (i) => i.getAttribute("src"),
          );
          assert.match(src ?? "", /sketch\.png$/);
        },
      );

      await t.step("Dataframe: edit a cell → totals", async () => {
        const df = await block(page, "dataframe", "Scores");
        const cell = (await df.$("tbody tr:first-child td:first-child input"))!;
        await cell.click({ count: 3 });
        await cell.type("10");
        await page.keyboard.press("Tab");
        await clickButton(page, "Add totals");
        await waitText(
          page,
          '[data-component="dataframe"] tbody tr:last-child',
          /^13\s*6$/,
        );
        await waitText(page, '[data-component="json"] pre', /"cats": 13/);
      });

      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.stop();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
