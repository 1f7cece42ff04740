/**
 * The components demo in a real browser: every kind renders and hydrates,
 * with accessible names, and the text, number, data and file components work.
 * Media inputs are in blocks_media_test.ts.
 */
import assert from "node:assert/strict";
import { startServer } from "../helpers/server.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { DEMO_COMPONENT_KINDS } from "../helpers/fixtures.ts";
import {
  block,
  clickButton,
  openPage,
  waitText,
} from "../helpers/blocks_page.ts";

const PHOTO =
  new URL("../../static/examples/Bengal_110.jpg", import.meta.url).pathname;

Deno.test({
  name:
    "[browser] /demos/components: every component renders, hydrates and works",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const server = await startServer();
    const browser = await launchBrowser();
    const dir = await Deno.makeTempDir({ prefix: "kit_components_" });
    try {
      const { page, errors } = await openPage(
        browser,
        `${server.url}/demos/components`,
      );

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
