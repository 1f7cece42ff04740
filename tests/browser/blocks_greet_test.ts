import assert from "node:assert/strict";
import type { Page } from "puppeteer-core";
import { startServer } from "../helpers/server.ts";
import { launchBrowser } from "../helpers/browser.ts";

const GREETING = "Hello, Linh\nHello, Linh\nHello, Linh";

/** Types a name, sets the slider to 3, presses the button and reads the greeting. */
async function greetOnce(page: Page, buttonText: string): Promise<string> {
  await page.waitForSelector('[data-component="button"][data-hydrated="true"]');
  await page.waitForSelector('[data-component="slider"][data-hydrated="true"]');
  await page.waitForSelector(
    '[data-component="textbox"][data-hydrated="true"] input',
  );
  await page.type('[data-component="textbox"] input', "Linh");
  await page.$eval('[data-component="slider"] input[type=range]', (el) => {
    const input = el as HTMLInputElement;
    input.value = "3";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
  assert.equal(
    await page.$eval(
      '[data-component="slider"] input[type=number]',
      (el) => (el as HTMLInputElement).value,
    ),
    "3",
  );
  const buttons = await page.$$('[data-component="button"] button');
  let clicked = false;
  for (const b of buttons) {
    if ((await b.evaluate((el) => el.textContent)) === buttonText) {
      await b.click();
      clicked = true;
    }
  }
  assert.ok(clicked, `no "${buttonText}" button`);
  const out =
    '[data-component="textarea"] textarea, [data-component="textbox"] textarea[readonly]';
  await page.waitForFunction(
    (sel) =>
      (document.querySelector(sel) as HTMLTextAreaElement | null)?.value
        .startsWith("Hello"),
    {
      timeout: 10_000,
    },
    out,
  );
  return await page.$eval(out, (el) => (el as HTMLTextAreaElement).value);
}

Deno.test({
  name:
    "[browser] greet demos: Interface, Blocks, Row, Columns say hello three times",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      const cases: [string, string][] = [
        ["/demos/interface", "Submit"],
        ["/demos/blocks", "Send hello"],
        ["/demos/row", "Send hello"],
        ["/demos/columns", "Send hello"],
      ];
      for (const [path, buttonText] of cases) {
        await t.step(path, async () => {
          await page.goto(server.url + path, { waitUntil: "networkidle0" });
          assert.equal(await greetOnce(page, buttonText), GREETING);
        });
      }
      await t.step(
        "layout: the row holds name and slider; columns sit side by side",
        async () => {
          await page.goto(server.url + "/demos/row", {
            waitUntil: "networkidle0",
          });
          const inRow = await page.$$eval(
            '[data-component="row"] > [data-component]',
            (els) => els.map((e) => e.getAttribute("data-component")),
          );
          assert.deepEqual(inRow, ["textbox", "slider"]);
          await page.goto(server.url + "/demos/columns", {
            waitUntil: "networkidle0",
          });
          const cols = await page.$$eval(
            '[data-component="row"] > [data-component="column"]',
            (els) => els.map((e) => e.getBoundingClientRect().top),
          );
          assert.equal(cols.length, 2);
          assert.equal(cols[0], cols[1]);
        },
      );
      await t.step(
        "Interface: Clear resets the inputs and the output",
        async () => {
          await page.goto(server.url + "/demos/interface", {
            waitUntil: "networkidle0",
          });
          await greetOnce(page, "Submit");
          const buttons = await page.$$('[data-component="button"] button');
          for (const b of buttons) {
            if ((await b.evaluate((el) => el.textContent)) === "Clear") {
              await b.click();
            }
          }
          await page.waitForFunction(() =>
            (document.querySelector(
              '[data-component="textbox"] input',
            ) as HTMLInputElement).value === ""
          );
        },
      );
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
