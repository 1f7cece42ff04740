import assert from "node:assert/strict";
import { startServer } from "./helpers/server.ts";
import { examplePhoto, imageForm } from "./helpers/fixtures.ts";

Deno.test("[pages] the app page, security headers, and pages without islands ship no JavaScript", async (t) => {
  const server = await startServer({ RATE_LIMIT_PER_MIN: "3" });
  try {
    await t.step("GET / is the seed page with its island", async () => {
      const res = await fetch(server.url);
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /text\/html/);
      const html = await res.text();
      assert.match(html, /<h1>Pet Image Segmentation<\/h1>/);
      assert.match(html, /Process Image/);
      assert.match(html, /frsh:island:Image\b/);
      assert.match(html, /frsh:island:PetExtras/);
      assert.match(html, /<script type="module"[^>]*>/);
      assert.match(html, /Oxford-IIIT Pet/);
    });

    await t.step("security headers on every page", async () => {
      for (const path of ["/", "/embed", "/healthz", "/nope", "/styles.css"]) {
        const res = await fetch(server.url + path);
        await res.body?.cancel();
        const csp = res.headers.get("content-security-policy") ?? "";
        assert.match(csp, /default-src 'self'/, path);
        assert.match(csp, /object-src 'none'/, path);
        assert.equal(
          res.headers.get("x-content-type-options"),
          "nosniff",
          path,
        );
        assert.ok(res.headers.get("referrer-policy"), path);
      }
    });

    await t.step("share pages are noindex and ship no JavaScript", async () => {
      const fd = imageForm(await examplePhoto(), "cat.jpg", "image/jpeg", {
        share: "1",
      });
      const { shareUrl } = await (await fetch(`${server.url}/api/segment`, {
        method: "POST",
        body: fd,
      })).json();
      const res = await fetch(shareUrl);
      assert.equal(res.headers.get("x-robots-tag"), "noindex");
      const html = await res.text();
      assert.match(html, /<meta name="robots" content="noindex"/);
      assert.doesNotMatch(html, /<script/);
      assert.match(html, /property="og:title"/);
    });

    await t.step("the 404 page is HTML, noindex, without scripts", async () => {
      const res = await fetch(`${server.url}/no/such/page`);
      assert.equal(res.status, 404);
      const html = await res.text();
      assert.match(html, /Page not found/);
      assert.doesNotMatch(html, /<script/);
    });

    await t.step(
      "the per-client rate limit answers 429 with Retry-After",
      async () => {
        // The share step above used one of this minute's 3 segmentations.
        const statuses: number[] = [];
        let retry = "";
        for (let i = 0; i < 3; i++) {
          const res = await fetch(`${server.url}/api/segment`, {
            method: "POST",
            body: await examplePhoto() as BodyInit,
            headers: { "Content-Type": "image/jpeg" },
          });
          statuses.push(res.status);
          if (res.status === 429) {
            retry = res.headers.get("retry-after") ?? "";
            assert.equal((await res.json()).error.code, "rate_limited");
          } else await res.body?.cancel();
        }
        assert.deepEqual(statuses, [200, 200, 429]);
        assert.ok(Number(retry) >= 1);
      },
    );

    await t.step("the kit's JSON API shares the per-client limit", async () => {
      const res = await fetch(`${server.url}/demos/interface/api/greet`, {
        method: "POST",
        body: JSON.stringify({ data: ["Linh", 1] }),
        headers: { "Content-Type": "application/json" },
      });
      assert.equal(res.status, 429);
      assert.ok(Number(res.headers.get("retry-after")) >= 1);
      assert.equal((await res.json()).error.code, "rate_limited");
    });

    await t.step("embed.js is served as JavaScript", async () => {
      const res = await fetch(`${server.url}/embed.js`);
      assert.match(res.headers.get("content-type") ?? "", /javascript/);
      assert.match(await res.text(), /pet-segmentation:height/);
    });
  } finally {
    await server.stop();
  }
});
