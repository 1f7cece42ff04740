/**
 * @module
 * Driving the pet app's page in Chromium the way a user does: open it, choose
 * a photo, press Process Image and wait for what it shows. Shared by the
 * browser tests and `deno task fresh-swap-check`.
 */
import type { Page } from "puppeteer-core";

/** Opens the app and waits until its widgets are interactive. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "networkidle0" });
  await page.waitForSelector('#process[data-hydrated="true"]');
}

/**
 * Chooses a photo and waits until its preview has loaded and decoded, as a
 * user does before pressing Process Image (the preview changes the layout,
 * so clicking earlier could land beside the moved button). Returns the
 * preview's natural size.
 *
 * @example
 * ```ts
 * const [w, h] = await choosePhoto(page, "static/examples/Bengal_110.jpg");
 * ```
 */
export async function choosePhoto(
  page: Page,
  path: string,
  timeout = 30_000,
): Promise<number[]> {
  const input = await page.$("#image-upload input[type=file]");
  if (!input) throw new Error("no file input");
  await input.uploadFile(path);
  const size = await page.waitForFunction(
    () => {
      const img = document.querySelector<HTMLImageElement>(
        "#image-upload img.bk-image",
      );
      return img?.complete && img.naturalWidth > 0
        ? [img.naturalWidth, img.naturalHeight]
        : false;
    },
    { timeout },
  );
  await page.$eval(
    "#image-upload img.bk-image",
    (img) => (img as HTMLImageElement).decode(),
  );
  return (await size.jsonValue()) as number[];
}

/** Waits for the mask; fails with the page's own error message if one shows up instead. */
export async function waitForMask(page: Page, timeout = 20_000): Promise<void> {
  const outcome = await page.waitForFunction(
    () => {
      if (document.querySelector("#mask-output img")) return "ok";
      const err = document.querySelector(".bk-error[role=alert]");
      return err?.textContent ? `the page shows: ${err.textContent}` : false;
    },
    { timeout },
  );
  const what = await outcome.jsonValue();
  if (what !== "ok") throw new Error(`no mask: ${what}`);
}

/** Waits until the info box says the photo was segmented on this device. */
export async function waitForOnDevice(
  page: Page,
  timeout = 60_000,
): Promise<void> {
  await page.waitForFunction(
    () =>
      /on this device/.test(
        (document.querySelector("#info .bk-input") as HTMLInputElement).value,
      ),
    { timeout },
  );
}
