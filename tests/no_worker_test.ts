/**
 * A platform without threads (like Deno Deploy Classic): no Web Workers and
 * no `worker_threads`. The server must notice, run the model inline on one
 * thread, admit only photos it can process without stalling everyone, and
 * keep answering other requests while it works.
 */
import assert from "node:assert/strict";
import { startServer } from "./helpers/server.ts";
import { examplePhoto, webpLosslessClaiming } from "./helpers/fixtures.ts";
import { encodeRgbaPng } from "../lib/image/png.ts";

const NO_WORKERS = new URL("./helpers/no_workers.ts", import.meta.url).href;

/** A photo-like PNG (gradients and noise) of `w`×`h`. */
function photoPng(w: number, h: number): Uint8Array {
  const data = new Uint8Array(w * h * 4);
  let seed = 7;
  for (let i = 0, p = 0; p < w * h; i += 4, p++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const x = p % w, y = (p / w) | 0;
    data[i] = (x * 255 / w + (seed & 15)) & 255;
    data[i + 1] = (y * 255 / h) & 255;
    data[i + 2] = 128 + (seed >>> 28);
    data[i + 3] = 255;
  }
  return encodeRgbaPng({ width: w, height: h, data });
}

Deno.test({
  name:
    "[edge] without Workers or worker_threads the model runs inline, on one thread, without stalling the server",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const server = await startServer({}, ["--preload", NO_WORKERS]);
    try {
      await t.step(
        "health reports the inline mode and one thread",
        async () => {
          const h = await (await fetch(`${server.url}/healthz`)).json();
          assert.equal(h.status, "ok");
          assert.equal(h.mode, "inline");
          assert.equal(h.threads, 1);
        },
      );
      await t.step("a photo is segmented", async () => {
        const res = await fetch(`${server.url}/api/segment`, {
          method: "POST",
          body: await examplePhoto() as BodyInit,
          headers: { "Content-Type": "image/jpeg" },
        });
        assert.equal(res.status, 200);
        const body = await res.json();
        assert.deepEqual([body.width, body.height], [500, 375]);
      });
      await t.step(
        "the largest admitted photo never blocks others for a second",
        async () => {
          // 8 MP, the inline budget: a PNG (decoded in full, the slow case).
          const png = photoPng(3264, 2448);
          let worst = 0;
          let done = false;
          const probe = (async () => {
            while (!done) {
              const t0 = performance.now();
              const r = await fetch(`${server.url}/healthz`);
              await r.body?.cancel();
              worst = Math.max(worst, performance.now() - t0);
              await new Promise((r) => setTimeout(r, 25));
            }
          })();
          const res = await fetch(`${server.url}/api/segment`, {
            method: "POST",
            body: png as BodyInit,
            headers: { "Content-Type": "image/png" },
          });
          done = true;
          await probe;
          assert.equal(res.status, 200, await res.clone().text());
          await res.body?.cancel();
          assert.ok(
            worst < 1000,
            `a health check waited ${worst.toFixed(0)} ms`,
          );
        },
      );
      await t.step(
        "larger photos are refused with a clear message",
        async () => {
          const res = await fetch(`${server.url}/api/segment`, {
            method: "POST",
            body: photoPng(4000, 2500) as BodyInit,
            headers: { "Content-Type": "image/png" },
          });
          assert.equal(res.status, 422);
          const body = await res.json();
          assert.equal(body.error.code, "too_many_pixels");
        },
      );

      await t.step(
        "decodes that cannot pause get a smaller memory budget",
        async () => {
          // 4 MP of WebP (under the pixel budget) needs 32 MB to decode at once.
          const res = await fetch(`${server.url}/api/segment`, {
            method: "POST",
            body: webpLosslessClaiming(2000, 2000) as BodyInit,
            headers: { "Content-Type": "image/webp" },
          });
          assert.equal(res.status, 422);
          assert.match((await res.json()).error.message, /too large to decode/);
        },
      );
    } finally {
      await server.stop();
    }
  },
});
