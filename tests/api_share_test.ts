/**
 * Share links from POST /api/segment: the link's page shows the result, the
 * owner can delete it, unknown ids are a 404 page and expired ones a 410.
 */
import assert from "node:assert/strict";
import { startServer, type TestServer } from "./helpers/server.ts";
import { examplePhoto, imageForm, maskValues } from "./helpers/fixtures.ts";

Deno.test("[api] share links", async (t) => {
  const server: TestServer = await startServer();
  const api = `${server.url}/api/segment`;
  try {
    const photo = await examplePhoto(); // 500×375

    await t.step(
      "share=1 returns a share URL whose page shows the result",
      async () => {
        const res = await fetch(`${api}?share=1`, {
          method: "POST",
          body: imageForm(photo),
        });
        assert.equal(res.status, 200);
        const body = await res.json();
        assert.match(
          body.shareUrl,
          new RegExp(`^${server.url}/s/[A-Za-z0-9_-]{22,}$`),
        );
        const page = await fetch(body.shareUrl);
        assert.equal(page.status, 200);
        const html = await page.text();
        assert.match(html, /property="og:image"/);
        assert.match(html, /noindex/);
        assert.match(html, /href="\/"/);
        const mask = await fetch(`${body.shareUrl}/mask.png`);
        assert.equal(mask.status, 200);
        assert.equal(
          (await maskValues(new Uint8Array(await mask.arrayBuffer()))).width,
          500,
        );
        const photoRes = await fetch(`${body.shareUrl}/photo.jpg`);
        assert.equal(photoRes.headers.get("content-type"), "image/jpeg");
        await photoRes.body?.cancel();
        const overlay = await fetch(`${body.shareUrl}/overlay.jpg`);
        assert.equal(overlay.headers.get("content-type"), "image/jpeg");
        assert.match(
          overlay.headers.get("content-disposition") ?? "",
          /filename="pet-overlay\.jpg"/,
        );
        await overlay.body?.cancel();
        for (const name of ["constructor", "__proto__", "toString"]) {
          const odd = await fetch(`${body.shareUrl}/${name}`);
          assert.equal(odd.status, 404, name);
          await odd.body?.cancel();
        }
        // The creator can delete it; then it is gone.
        const del = await fetch(
          body.shareDeleteUrl,
          { method: "DELETE" },
        );
        assert.equal(del.status, 204);
        const gone = await fetch(body.shareUrl);
        assert.equal(gone.status, 404);
        await gone.body?.cancel();
      },
    );

    await t.step(
      "share as a form field works too; unknown share id is a 404 page",
      async () => {
        const res = await fetch(api, {
          method: "POST",
          body: imageForm(photo, "p.jpg", "image/jpeg", { share: "1" }),
        });
        assert.ok((await res.json()).shareUrl);
        const missing = await fetch(`${server.url}/s/AAAAAAAAAAAAAAAAAAAAAA`);
        assert.equal(missing.status, 404);
        assert.match(missing.headers.get("content-type") ?? "", /text\/html/);
        await missing.body?.cancel();
      },
    );
  } finally {
    await server.stop();
  }
});

Deno.test("[api] expired share links answer 410", async () => {
  const server = await startServer({ SHARE_TTL_HOURS: "0.001" }); // 3.6 seconds
  try {
    const res = await fetch(`${server.url}/api/segment?share=1`, {
      method: "POST",
      body: imageForm(await examplePhoto()),
    });
    const { shareUrl } = await res.json();
    const fresh = await fetch(shareUrl);
    assert.equal(fresh.status, 200);
    await fresh.body?.cancel();
    await new Promise((r) => setTimeout(r, 4000));
    const old = await fetch(shareUrl);
    assert.equal(old.status, 410);
    assert.match(await old.text(), /expired/i);
  } finally {
    await server.stop();
  }
});
