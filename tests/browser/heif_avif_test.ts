/**
 * HEIC and AVIF photos on the pages, in Chromium (which decodes AVIF but not
 * HEIC): the pet app previews and processes both, with the server reading
 * the HEIC; with "Run on this device" the page reads the HEIC itself
 * (libheif from `/heif/`) and nothing is sent; the kit's Image shows a HEIC
 * through the server's preview.
 */
import assert from "node:assert/strict";
import type { Page } from "puppeteer-core";
import { startServer } from "../helpers/server.ts";
import { launchBrowser, readImageGray } from "../helpers/browser.ts";
import { examplePhoto, imageForm } from "../helpers/fixtures.ts";
import { choosePhoto, openApp, waitForMask } from "../helpers/pet_app_page.ts";
import { decodeImage } from "../../lib/image/decode.ts";

const FIXTURES = new URL("../fixtures/images/", import.meta.url).pathname;
/** Masks of lossy copies of one photo agree on at least this share of pixels. */
const MASK_AGREEMENT = 0.97;

/** Waits until `fn` returns something truthy in the page, and returns it. */
async function poll<T>(
  page: Page,
  // deno-lint-ignore no-explicit-any
  fn: (...args: any[]) => unknown,
  timeout: number,
  ...args: unknown[]
): Promise<T> {
  const handle = await page.waitForFunction(fn, { timeout }, ...args);
  return (await handle.jsonValue()) as unknown as T;
}

/** Presses Process Image and returns the mask's gray values as shown. */
async function processAndReadMask(page: Page) {
  await page.click("#process button");
  await waitForMask(page, 60_000);
  return await readImageGray(page, "#mask-output img");
}

Deno.test({
  name: "[browser] HEIC and AVIF photos on the pages in Chromium",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      // The server's mask of the JPEG is the reference.
      const res = await fetch(`${server.url}/api/segment`, {
        method: "POST",
        body: imageForm(await examplePhoto()),
        headers: { Accept: "image/png" },
      });
      const ref = await decodeImage(new Uint8Array(await res.arrayBuffer()));
      const agreement = (gray: number[]) => {
        let same = 0;
        for (let k = 0; k < gray.length; k++) {
          if (gray[k] === ref.image.data[k * 4]) same++;
        }
        return same / gray.length;
      };

      // What each photo sends, from the server's pages and with "Run on this
      // device" on (then nothing: a HEIC is read in the page).
      const cases = [
        ["pet.heic", ["/api/preview", "/api/process_image"]], // Chromium cannot decode HEIC
        ["pet_grid_rotated.heic", ["/api/preview", "/api/process_image"]],
        ["pet_12bit.heic", ["/api/preview", "/api/process_image"]],
        ["pet.avif", ["/api/process_image"]], // Chromium decodes AVIF itself
      ] as const;
      for (const onDevice of [false, true]) {
        for (const [name, expected] of cases) {
          await t.step(
            onDevice
              ? `Run on this device: ${name} is read and segmented in the page, nothing is sent`
              : `${name}: preview, Process Image, mask like the JPEG's`,
            async () => {
              const page = await browser.newPage();
              const sent: string[] = [];
              page.on("request", (r) => {
                if (r.method() === "POST") {
                  sent.push(new URL(r.url()).pathname);
                }
              });
              const errors: string[] = [];
              page.on("pageerror", (e) => errors.push(String(e)));
              await openApp(page, server.url);
              if (onDevice) await page.click("#on-device");
              const shown = await choosePhoto(page, FIXTURES + name);
              assert.deepEqual(shown, [500, 375], "upright preview");
              const mask = await processAndReadMask(page);
              if (onDevice) {
                const info = await page.$eval(
                  "#info .bk-input",
                  (el) => (el as HTMLInputElement).value,
                );
                assert.match(info, /on this device/);
              }
              assert.deepEqual([mask.w, mask.h], [500, 375]);
              const agree = agreement(mask.gray);
              assert.ok(agree >= MASK_AGREEMENT, `${name}: ${agree}`);
              assert.deepEqual(sent, onDevice ? [] : expected);
              assert.deepEqual(errors, []);
              await page.close();
            },
          );
        }
      }

      await t.step(
        "the kit's Image shows a HEIC through the server and its app reads it",
        async () => {
          const page = await browser.newPage();
          await page.goto(`${server.url}/demos/components`, {
            waitUntil: "networkidle0",
          });
          const ib = await page.waitForSelector(
            '[data-component="image"]:has(input[type=file])',
          );
          await (await ib!.$("input[type=file]"))!.uploadFile(
            FIXTURES + "pet_grid_rotated.heic",
          );
          const shown = await poll<number[]>(
            page,
            (el: Element) => {
              const img = (el as Element).querySelector<HTMLImageElement>(
                "img.bk-image",
              );
              return img?.complete && img.naturalWidth > 0
                ? [img.naturalWidth, img.naturalHeight]
                : false;
            },
            30_000,
            ib,
          );
          assert.deepEqual(shown, [500, 375]);
          // The demo's function decodes the HEIC on the server (mirror).
          await page.evaluate(() =>
            [...document.querySelectorAll("button")].find((b) =>
              b.textContent?.includes("Mirror image")
            )!.click()
          );
          const mirrored = await poll<number[][]>(
            page,
            () => {
              const imgs = [...document.querySelectorAll<HTMLImageElement>(
                '[data-component="image"] img.bk-image',
              )].filter((i) => i.complete && i.naturalWidth > 0);
              return imgs.length >= 2
                ? imgs.map((i) => [i.naturalWidth, i.naturalHeight])
                : false;
            },
            30_000,
          );
          assert.deepEqual(mirrored[1], [500, 375]);
          // The Gallery shows the original HEIC too: through the server's preview.
          const gallery = await poll<number[][]>(
            page,
            () => {
              const imgs = [...document.querySelectorAll<HTMLImageElement>(
                ".bk-gallery img",
              )];
              return imgs.length === 2 &&
                  imgs.every((i) => i.complete && i.naturalWidth > 0)
                ? imgs.map((i) => [i.naturalWidth, i.naturalHeight])
                : false;
            },
            30_000,
          );
          assert.deepEqual(gallery, [[500, 375], [500, 375]]);
          await page.close();
        },
      );
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
