/**
 * @module
 * The Chromium checks of `tasks/fresh_swap_check.ts`: the page hydrates,
 * Process Image and "Run on this device" show a mask, and the Blocks demo
 * answers.
 */
import { check, expect } from "./report.ts";
import {
  choosePhoto,
  openApp,
  waitForMask,
  waitForOnDevice,
} from "../../tests/helpers/pet_app_page.ts";

/**
 * Runs the Chromium checks against the server at `base`, labelling each with
 * `tag`; `photo` is the path of the photo to upload.
 *
 * @example
 * ```ts
 * await browserCheck("[deno serve]", "http://127.0.0.1:8000", "/app/static/examples/Abyssinian_105.jpg");
 * ```
 */
export async function browserCheck(tag: string, base: string, photo: string) {
  const { launchBrowser } = await import("../../tests/helpers/browser.ts");
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
      await openApp(page, `${base}/`);
      await choosePhoto(page, photo);
      await page.click("#process button");
      await waitForMask(page, 30_000);
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
          await openApp(page, `${base}/`);
          await page.click("#on-device");
          await choosePhoto(page, photo);
          await page.click("#process button");
          await waitForOnDevice(page, 120_000);
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
