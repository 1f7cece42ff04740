/**
 * Puppeteer helpers for Blocks pages: find a component's block by its kind
 * and label, click a button block, wait for an output's text.
 */
import type { Browser, ElementHandle, Page } from "puppeteer-core";

/** The block (row child) holding a component whose label or text contains `text`. */
export async function block(
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

/** Clicks the button of the button block whose text contains `text`. */
export async function clickButton(page: Page, text: string) {
  const b = await block(page, "button", text);
  await (await b.$("button"))!.click();
}

/** Waits until some element matching `selector` has text matching `re`. */
export async function waitText(
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

/**
 * Opens `url` in a new 1280×900 page once the network is idle, collecting
 * uncaught page errors into `errors` (tests assert it stays empty).
 */
export async function openPage(
  browser: Browser,
  url: string,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: "networkidle0" });
  return { page, errors };
}
