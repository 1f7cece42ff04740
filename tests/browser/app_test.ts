import assert from "node:assert/strict";
import { startServer } from "../helpers/server.ts";
import { launchBrowser, readImageGray } from "../helpers/browser.ts";
import {
  choosePhoto,
  openApp,
  waitForMask,
  waitForOnDevice,
} from "../helpers/pet_app_page.ts";

const PHOTO = new URL("../../static/examples/Bengal_110.jpg", import.meta.url);

Deno.test({
  name: "[browser] the pet app in Chromium",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    // One server and one browser for every case; each case opens its own page.
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      await t.step(
        "upload, Process Image, see mask, info and download link",
        async () => {
          const page = await browser.newPage();
          const errors: string[] = [];
          page.on("pageerror", (e) => errors.push(String(e)));
          await openApp(page, server.url);
          assert.equal(
            await page.$eval("h1", (h) => h.textContent),
            "Pet Image Segmentation",
          );
          await choosePhoto(page, PHOTO.pathname);
          await page.click("#process button");
          await waitForMask(page);
          const info = await page.$eval(
            "#info .bk-input",
            (el) => (el as HTMLInputElement).value,
          );
          assert.match(info, /^Processing time: \d+\.\d\d seconds$/);
          const dl = await page.$eval(
            "#download a",
            (a) => ({
              download: a.getAttribute("download"),
              href: a.getAttribute("href"),
            }),
          );
          assert.equal(dl.download, "pet-mask.png");
          assert.match(dl.href ?? "", /^(blob:|\/file\/)/);
          const size = await page.$eval("#mask-output img", async (img) => {
            const i = img as HTMLImageElement;
            await i.decode();
            return [i.naturalWidth, i.naturalHeight];
          });
          assert.deepEqual(size, [500, 332]);
          // The overlay toggle draws the mask over the photo.
          await page.click("#overlay");
          await page.waitForFunction(() =>
            document.querySelector<HTMLImageElement>("#mask-output img")?.alt
              .includes("over")
          );
          // Share is opt-in: a link appears only after asking.
          assert.equal(await page.$("#share-url"), null);
          await page.click("#share");
          await page.waitForSelector("#share-url", { timeout: 20_000 });
          const shareUrl = await page.$eval(
            "#share-url",
            (el) => (el as HTMLInputElement).value,
          );
          assert.match(shareUrl, /\/s\/[A-Za-z0-9_-]{22,}$/);
          assert.deepEqual(errors, []);
        },
      );
      await t.step(
        "on a phone the result's controls follow the download link; wide screens put them under the result",
        async () => {
          const page = await browser.newPage();
          await page.setViewport({ width: 390, height: 844, isMobile: true });
          await openApp(page, server.url);
          await choosePhoto(page, PHOTO.pathname);
          await page.click("#process button");
          await waitForMask(page);
          await page.waitForSelector("#share");
          const tops = () =>
            page.evaluate(() => {
              const box = (sel: string) => {
                const el = document.querySelector(sel);
                if (!el) throw new Error(`no ${sel}`);
                return el.getBoundingClientRect();
              };
              return {
                download: box("#download").top,
                overlay: box("#overlay").top,
                share: document.querySelector("#share")?.getBoundingClientRect()
                  .top ?? NaN,
                examples: box(".examples").top,
                overlayLeft: box("#overlay").left,
                examplesLeft: box(".examples").left,
                maskLeft: box("#mask-output").left,
              };
            });
          const phone = await tops();
          assert.ok(phone.download < phone.overlay, "overlay under download");
          assert.ok(phone.share < phone.examples, "share before the examples");
          assert.ok(phone.overlay < phone.examples, "overlay before examples");
          // Leaving phone emulation reloads the page; the layout is the same without a result.
          await page.setViewport({ width: 1280, height: 900 });
          await openApp(page, server.url);
          const wide = await tops();
          assert.ok(
            wide.overlayLeft > wide.examplesLeft,
            "the result's controls sit right of the examples",
          );
          assert.ok(
            Math.abs(wide.overlayLeft - wide.maskLeft) < 40,
            "and line up with the result column",
          );
        },
      );
      await t.step("errors are shown in the page", async () => {
        const dir = await Deno.makeTempDir();
        try {
          const bad = `${dir}/notes.jpg`;
          await Deno.writeTextFile(bad, "this is not a photo");
          const page = await browser.newPage();
          await openApp(page, server.url);
          await page.click("#process button");
          await page.waitForSelector(".bk-error[role=alert]");
          const input = await page.$("#image-upload input[type=file]");
          await input!.uploadFile(bad);
          await page.click("#process button");
          await page.waitForFunction(
            () =>
              /not an image|JPEG|PNG/i.test(
                document.querySelector(".bk-error")?.textContent ?? "",
              ),
            { timeout: 10_000 },
          );
        } finally {
          await Deno.remove(dir, { recursive: true });
        }
      });
      await t.step(
        "/embed inside an iframe on another origin sizes itself",
        async () => {
          const host = Deno.serve(
            { port: 0, hostname: "127.0.0.1", onListen() {} },
            () =>
              new Response(
                `<!doctype html><html><body><h1>Host page</h1><script src="${server.url}/embed.js" data-height="200"></script></body></html>`,
                { headers: { "content-type": "text/html" } },
              ),
          );
          try {
            const page = await browser.newPage();
            await page.goto(`http://localhost:${host.addr.port}/`, {
              waitUntil: "networkidle0",
            });
            const frameEl = await page.waitForSelector("iframe");
            const frame = await frameEl!.contentFrame();
            await frame!.waitForSelector("#process button");
            assert.equal(
              await frame!.$eval("#process button", (b) => b.textContent),
              "Process Image",
            );
            // The iframe grows from its initial 200 px to the app's height.
            await page.waitForFunction(
              () =>
                parseInt(document.querySelector("iframe")!.style.height) > 300,
              { timeout: 10_000 },
            );
            const res = await fetch(`${server.url}/embed`);
            const csp = res.headers.get("content-security-policy") ?? "";
            assert.match(csp, /frame-ancestors \*/);
            assert.equal(res.headers.get("x-frame-options"), null);
            await res.body?.cancel();
            const home = await fetch(server.url);
            assert.match(
              home.headers.get("content-security-policy") ?? "",
              /frame-ancestors 'self'/,
            );
            await home.body?.cancel();
          } finally {
            await host.shutdown();
          }
        },
      );
      await t.step(
        "Run on this device gives the same mask as the server",
        async () => {
          const dir = await Deno.makeTempDir();
          try {
            // A lossless photo, so browser and server start from identical pixels.
            const { decodeImage } = await import("../../lib/image/decode.ts");
            const { encodeRgbaPng } = await import("../../lib/image/png.ts");
            const photo = await decodeImage(await Deno.readFile(PHOTO));
            const png = `${dir}/cat.png`;
            await Deno.writeFile(png, encodeRgbaPng(photo.image));
            const page = await browser.newPage();
            await openApp(page, server.url);
            await choosePhoto(page, png);
            await page.click("#process button");
            await waitForMask(page);
            const pixels = () => readImageGray(page, "#mask-output img");
            const server1 = await pixels();
            await page.click("#on-device");
            await page.click("#process button");
            await waitForOnDevice(page, 60_000);
            const local = await pixels();
            assert.notEqual(local.src, server1.src);
            assert.deepEqual([local.w, local.h], [server1.w, server1.h]);
            let diff = 0;
            for (let k = 0; k < local.gray.length; k++) {
              if (local.gray[k] !== server1.gray[k]) diff++;
            }
            assert.equal(
              diff,
              0,
              `${diff} of ${local.gray.length} pixels differ`,
            );
            assert.equal(
              await page.$eval("#notice", (el) => el.textContent),
              "",
              "no fallback to the server happened",
            );
          } finally {
            await Deno.remove(dir, { recursive: true });
          }
        },
      );
      await t.step(
        "a photo can also be dropped on the upload area or pasted, and used from the keyboard",
        async () => {
          const page = await browser.newPage();
          await openApp(page, server.url);
          // Drop: a DataTransfer carrying a real photo file.
          await page.evaluate(async () => {
            const blob = await (await fetch("/examples/Bengal_110.jpg")).blob();
            const dt = new DataTransfer();
            dt.items.add(
              new File([blob], "dropped.jpg", { type: "image/jpeg" }),
            );
            document.querySelector("#image-upload .bk-drop")!.dispatchEvent(
              new DragEvent("drop", {
                dataTransfer: dt,
                bubbles: true,
                cancelable: true,
              }),
            );
          });
          await page.waitForSelector("#image-upload img[alt*='dropped.jpg']");
          // Paste anywhere on the page.
          await page.evaluate(async () => {
            const blob = await (await fetch("/examples/Abyssinian_105.jpg"))
              .blob();
            const dt = new DataTransfer();
            dt.items.add(
              new File([blob], "pasted.jpg", { type: "image/jpeg" }),
            );
            document.dispatchEvent(
              new ClipboardEvent("paste", {
                clipboardData: dt,
                bubbles: true,
                cancelable: true,
              }),
            );
          });
          await page.waitForSelector("#image-upload img[alt*='pasted.jpg']");
          // Keyboard: focus the Process Image button and press Enter.
          await page.focus("#process button");
          await page.keyboard.press("Enter");
          await waitForMask(page);
          const size = await page.$eval("#mask-output img", async (img) => {
            const i = img as HTMLImageElement;
            await i.decode();
            return [i.naturalWidth, i.naturalHeight];
          });
          assert.deepEqual(
            size,
            [500, 375],
            "the pasted photo (500×375) was processed",
          );
          // Examples are buttons too.
          await page.click(".example");
          await page.waitForSelector(
            "#image-upload img[alt*='Abyssinian_105.jpg']",
          );
        },
      );
      await t.step(
        "with Run on this device, the photo never leaves the browser",
        async () => {
          const page = await browser.newPage();
          const sent: string[] = [];
          page.on("request", (r) => {
            if (r.method() !== "GET") {
              sent.push(`${r.method()} ${new URL(r.url()).pathname}`);
            }
          });
          await openApp(page, server.url);
          await page.click("#on-device");
          await choosePhoto(page, PHOTO.pathname);
          await page.click("#process button");
          await waitForOnDevice(page, 60_000);
          assert.equal(
            sent.length,
            0,
            `no request may carry the photo: ${sent}`,
          );
          // Switching back to the server sends it only now, when asked to,
          // with the call itself: no separate upload step.
          await page.click("#on-device");
          await page.click("#process button");
          await page.waitForFunction(
            () =>
              /^Processing time: [\d.]+ seconds$/.test(
                (document.querySelector("#info .bk-input") as HTMLInputElement)
                  .value,
              ),
            { timeout: 20_000 },
          );
          assert.deepEqual(sent, ["POST /api/process_image"]);
        },
      );
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
