/**
 * Gradio's upload endpoint under attack (size limits, CVE-2025-0187; hostile
 * file names; active content served inline) and the range requests media
 * players make.
 */
import assert from "node:assert/strict";
import { BASE, fileApp, gradioHarness, upload } from "./fixtures.ts";
import type { AppEntry } from "../../apps/mod.ts";

Deno.test("[gradio] uploads: size limits, hostile names, served safely", async (t) => {
  const small: AppEntry[] = [{ path: "", name: "pet", app: fileApp(1024) }];
  await using h = await gradioHarness(small);
  const handler = h.handler;
  await t.step("a file over the limit → 413", async () => {
    const res = await upload(handler, "", new Uint8Array(1500));
    assert.equal(res.status, 413);
    assert.match((await res.json()).detail, /maximum allowed size/);
  });
  await t.step(
    "a huge filename cannot get around the limit (CVE-2025-0187)",
    async () => {
      const res = await upload(
        handler,
        "",
        new Uint8Array(10),
        "a".repeat(200_000) + ".png",
      );
      assert.equal(res.status, 413);
      await res.body?.cancel();
    },
  );
  await t.step(
    "a streamed body without Content-Length is limited while reading",
    async () => {
      const form = new FormData();
      form.append("files", new File([new Uint8Array(200_000)], "x.bin"));
      const encoded = new Response(form);
      const type = encoded.headers.get("content-type")!;
      const body = new Uint8Array(await encoded.arrayBuffer());
      const res = await handler(
        new Request(`${BASE}/gradio_api/upload`, {
          method: "POST",
          headers: { "content-type": type },
          body: new ReadableStream({
            start(c) {
              c.enqueue(body);
              c.close();
            },
          }),
        }),
      );
      assert.equal(res.status, 413);
      await res.body?.cancel();
    },
  );
  await t.step("not multipart → 415", async () => {
    const res = await handler(
      new Request(`${BASE}/gradio_api/upload`, { method: "POST", body: "x" }),
    );
    assert.equal(res.status, 415);
    await res.body?.cancel();
  });
  await t.step("path-like names are reduced to a safe base name", async () => {
    const res = await upload(
      handler,
      "",
      new Uint8Array([1]),
      "../../etc/passwd",
    );
    const [id] = await res.json();
    assert.match(id, /^[A-Za-z0-9_-]{22}\/passwd$/);
  });
  await t.step("active content downloads instead of rendering", async () => {
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const [id] = await (await upload(handler, "", svg, "x.svg")).json();
    const res = await handler(new Request(`${BASE}/gradio_api/file=${id}`));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/octet-stream");
    assert.match(res.headers.get("content-disposition")!, /^attachment/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    await res.body?.cancel();
  });
  await t.step("range requests", async () => {
    const [id] = await (await upload(
      handler,
      "",
      new Uint8Array([1, 2, 3, 4, 5]),
      "r.bin",
    )).json();
    const res = await handler(
      new Request(`${BASE}/gradio_api/file=${id}`, {
        headers: { Range: "bytes=1-2" },
      }),
    );
    assert.equal(res.status, 206);
    assert.deepEqual(
      new Uint8Array(await res.arrayBuffer()),
      new Uint8Array([2, 3]),
    );
  });
});
