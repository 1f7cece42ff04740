/**
 * The components demo's media inputs in a real browser: image paste, drop and
 * webcam, audio upload and microphone recording, video upload, the sketchpad.
 * The other components are in blocks_components_test.ts.
 */
import assert from "node:assert/strict";
import { startServer } from "../helpers/server.ts";
import { launchBrowser } from "../helpers/browser.ts";
import {
  block,
  clickButton,
  openPage,
  waitText,
} from "../helpers/blocks_page.ts";

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

Deno.test({
  name: "[browser] /demos/components: media inputs capture, upload and play",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const server = await startServer();
    const browser = await launchBrowser([
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
    ]);
    const dir = await Deno.makeTempDir({ prefix: "kit_media_" });
    try {
      const { page, errors } = await openPage(
        browser,
        `${server.url}/demos/components`,
      );

      await t.step("Image: paste and drag-drop", async () => {
        const ib = await block(page, "image", "Image (upload");
        assert.equal(await ib.$("img.bk-image"), null, "starts empty");
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
        await page.waitForFunction(() =>
          document.querySelector('[data-component="image"] .bk-drop img')
            ?.getAttribute("alt")?.includes("pasted.png")
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
          // Fresh adds its build id to image URLs (asset()).
          assert.match(src ?? "", /\/sketch\.png(\?|$)/);
        },
      );

      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.stop();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
