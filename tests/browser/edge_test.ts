/**
 * The pages in Chromium against two instances behind a round-robin front
 * (each request may reach the other instance, as on Deno Deploy): the pet
 * page's Process Image, several times, and calls with files on the
 * components demo.
 */
import assert from "node:assert/strict";
import { startCluster } from "../helpers/cluster.ts";
import { launchBrowser } from "../helpers/browser.ts";
import {
  block,
  clickButton,
  openPage,
  waitText,
} from "../helpers/blocks_page.ts";

const photo = (name: string) =>
  new URL(`../../static/examples/${name}`, import.meta.url).pathname;

Deno.test({
  name: "[browser] pages on two instances behind a round-robin front",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const cluster = await startCluster(2);
    const browser = await launchBrowser();
    try {
      await t.step("Process Image, three photos in a row", async () => {
        const { page, errors } = await openPage(browser, `${cluster.url}/`);
        await page.waitForSelector('#process[data-hydrated="true"]');
        for (
          const name of [
            "Bengal_110.jpg",
            "Abyssinian_140.jpg",
            "american_bulldog_110.jpg",
          ]
        ) {
          await (await page.$("#image-upload input[type=file]"))!
            .uploadFile(photo(name));
          await page.waitForSelector(`#image-upload img[alt*='${name}']`);
          await page.click("#process button");
          await page.waitForFunction(
            (n) => {
              const info = document.querySelector(
                "#info .bk-input",
              ) as HTMLInputElement | null;
              const img = document.querySelector(
                "#mask-output img",
              ) as HTMLImageElement | null;
              return /^Processing time: [\d.]+ seconds$/.test(
                info?.value ?? "",
              ) &&
                !!img?.complete && img.naturalWidth > 0 &&
                !document.querySelector(".bk-error[role=alert]")?.textContent &&
                n !== "";
            },
            { timeout: 30_000 },
            name,
          );
          // The download link points at a file another instance may serve.
          const href = await page.$eval(
            "#download a[href]",
            (a) => (a as HTMLAnchorElement).href,
          );
          const res = await fetch(href);
          assert.equal(res.status, 200, href);
          await res.body?.cancel();
        }
        assert.deepEqual(errors, []);
        await page.close();
      });
      await t.step("components demo: text, number and file calls", async () => {
        const { page, errors } = await openPage(
          browser,
          `${cluster.url}/demos/components`,
        );
        await page.waitForFunction(() =>
          document.querySelectorAll('[data-hydrated="true"]').length > 20
        );
        for (const n of ["4", "7"]) {
          const nb = await block(page, "number", "Number");
          const input = (await nb.$("input"))!;
          await input.click({ count: 3 });
          await input.type(n);
          await clickButton(page, "Square");
          await page.waitForFunction(
            (sq) =>
              [...document.querySelectorAll('[data-component="number"] input')]
                .some((el) => (el as HTMLInputElement).value === sq),
            {},
            String(Number(n) ** 2),
          );
        }
        const dir = await Deno.makeTempDir();
        await Deno.writeTextFile(`${dir}/notes.txt`, "hello edge");
        const fb = await block(page, "file", "Any file");
        await (await fb.$("input[type=file]"))!.uploadFile(`${dir}/notes.txt`);
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
        const res = await fetch(cluster.url + href);
        assert.equal(await res.text(), "hello edge");
        const ib = await block(page, "image", "Image (upload");
        await (await ib.$("input[type=file]"))!.uploadFile(
          photo("Abyssinian_105.jpg"),
        );
        await clickButton(page, "Mirror image");
        await waitText(page, '[data-component="json"] pre', /"width": 500/);
        assert.deepEqual(errors, []);
        await page.close();
      });
    } finally {
      await browser.close();
      await cluster.stop();
    }
  },
});
