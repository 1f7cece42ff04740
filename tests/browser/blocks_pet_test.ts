import assert from "node:assert/strict";
import { startServer } from "../helpers/server.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { openPage } from "../helpers/blocks_page.ts";

const PHOTO =
  new URL("../../static/examples/Bengal_110.jpg", import.meta.url).pathname;

Deno.test({
  name:
    "[browser] /demos/pet: the seed's pet app on the kit (upload, Process Image, mask, info, download)",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openPage(
        browser,
        `${server.url}/demos/pet`,
      );
      await page.waitForSelector(
        '[data-component="button"][data-hydrated="true"]',
      );
      const input = await page.$('#image-upload input[type="file"]');
      await input!.uploadFile(PHOTO);
      await page.waitForSelector("#image-upload img.bk-image");
      // The preview stays inside its drop zone: a 4:3 photo in a wide column
      // must not spill over the tools and the button below it.
      const spill = await page.$eval(
        "#image-upload img.bk-image",
        async (el) => {
          const img = el as HTMLImageElement;
          await img.decode();
          const r = img.getBoundingClientRect();
          const z = img.closest(".bk-drop")!.getBoundingClientRect();
          return Math.max(
            z.top - r.top,
            r.bottom - z.bottom,
            z.left - r.left,
            r.right - z.right,
          );
        },
      );
      assert.ok(
        spill <= 0.5,
        `the preview spills ${spill}px out of its drop zone`,
      );
      const [button] = await page.$$('[data-component="button"] button');
      assert.equal(
        await button.evaluate((b) => b.textContent),
        "Process Image",
      );
      await button.click();
      await page.waitForFunction(
        () =>
          document.querySelectorAll('[data-component="image"] img.bk-image')
            .length === 2,
        { timeout: 30_000 },
      );
      const info = await page.$eval(
        '[data-component="textbox"] textarea, [data-component="textbox"] input',
        (el) => (el as HTMLInputElement).value,
      );
      assert.match(info, /^Processing time: \d+\.\d\d seconds$/);
      const dl = await page.$eval(
        '[data-component="file"] a',
        (a) => ({
          download: a.getAttribute("download"),
          href: a.getAttribute("href"),
        }),
      );
      assert.equal(dl.download, "pet-mask.png");
      const mask = await fetch(server.url + dl.href);
      assert.equal(mask.headers.get("content-type"), "image/png");
      await mask.body?.cancel();
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});

Deno.test({
  name:
    "[api] the root pet app: POST /upload then /api/process_image; /api/segment untouched",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer();
    try {
      const form = new FormData();
      form.append(
        "files",
        new File([await Deno.readFile(PHOTO)], "Bengal_110.jpg", {
          type: "image/jpeg",
        }),
      );
      const up = await fetch(`${server.url}/upload`, {
        method: "POST",
        body: form,
      });
      assert.equal(up.status, 200);
      const [ref] = await up.json();
      const res = await fetch(`${server.url}/api/process_image`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ data: [ref] }),
      });
      assert.equal(res.status, 200);
      const { data } = await res.json();
      assert.equal(data[0].mimeType, "image/png");
      assert.match(data[1], /^Processing time: \d+\.\d\d seconds$/);
      assert.equal(data[2].origName, "pet-mask.png");
      const png = await fetch(server.url + data[0].url);
      assert.equal(png.status, 200);
      await png.body?.cancel();
      const seg = await fetch(`${server.url}/api/segment`, {
        method: "POST",
        body: await Deno.readFile(PHOTO),
        headers: { "Content-Type": "image/jpeg" },
      });
      assert.equal(seg.status, 200);
      await seg.body?.cancel();
      const nope = await fetch(`${server.url}/demos/nope`);
      assert.equal(nope.status, 404);
      await nope.body?.cancel();
      const index = await fetch(`${server.url}/demos`);
      const html = await index.text();
      for (
        const p of [
          "/demos/interface",
          "/demos/blocks",
          "/demos/row",
          "/demos/columns",
          "/demos/components",
        ]
      ) assert.ok(html.includes(`href="${p}"`), p);
    } finally {
      await server.stop();
    }
  },
});
