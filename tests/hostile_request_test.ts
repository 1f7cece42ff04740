/**
 * Abuse at the HTTP level rather than in the file: wrong content types, bodies
 * over the limit (declared or streamed), absurd multipart, slow uploads. The
 * server answers each with a clear 4xx or a 200 and stays healthy; the file
 * contents themselves are in hostile_input_test.ts.
 */
import assert from "node:assert/strict";
import { trickle } from "./helpers/attacks.ts";
import { startServer } from "./helpers/server.ts";
import { examplePhoto, imageForm } from "./helpers/fixtures.ts";

Deno.test("[api] hostile requests (size, multipart, slow bodies) are refused cleanly and block nothing", async (t) => {
  const server = await startServer();
  const api = `${server.url}/api/segment`;
  const photo = await examplePhoto(); // 500×375
  try {
    await t.step(
      "wrong Content-Type on a raw body: text/plain is refused",
      async () => {
        const res = await fetch(api, {
          method: "POST",
          body: photo as BodyInit,
          headers: { "Content-Type": "text/plain" },
        });
        assert.equal(res.status, 415);
        await res.body?.cancel();
      },
    );

    await t.step("a 20 MB body is refused with 413", async () => {
      const res = await fetch(api, {
        method: "POST",
        body: new Uint8Array(20 * 1024 * 1024) as BodyInit,
        headers: { "Content-Type": "image/png" },
      });
      assert.equal(res.status, 413);
      assert.equal((await res.json()).error.code, "payload_too_large");
    });

    await t.step(
      "a 20 MB chunked body without Content-Length is cut off at the limit",
      async () => {
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(c) {
            if (sent >= 20 * 1024 * 1024) return c.close();
            sent += 1024 * 1024;
            c.enqueue(new Uint8Array(1024 * 1024));
          },
        });
        const res = await fetch(api, {
          method: "POST",
          body,
          headers: { "Content-Type": "image/jpeg" },
        }).catch(() => null);
        // Either a clean 413, or the connection is reset after the server stopped reading.
        if (res) {
          assert.equal(res.status, 413);
          await res.body?.cancel();
        }
      },
    );

    await t.step("a huge multipart filename is harmless", async () => {
      const fd = imageForm(photo, "x".repeat(1_000_000) + ".jpg");
      const res = await fetch(api, { method: "POST", body: fd });
      // Deno's multipart parser refuses a megabyte-long part header: a clean 400, never a 500.
      assert.ok([200, 400].includes(res.status), `status ${res.status}`);
      if (res.status === 400) {
        assert.equal((await res.json()).error.code, "bad_multipart");
      } else await res.body?.cancel();
    });

    await t.step("thousands of extra parts are harmless", async () => {
      const fd = new FormData();
      for (let i = 0; i < 5000; i++) fd.append(`junk${i}`, "x");
      fd.append(
        "image",
        new File([photo as BlobPart], "cat.jpg", { type: "image/jpeg" }),
      );
      const res = await fetch(api, { method: "POST", body: fd });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    });

    await t.step("a slow body does not block other requests", async () => {
      const slow = trickle(photo, 4096, 40);
      const slowReq = fetch(api, {
        method: "POST",
        body: slow,
        headers: { "Content-Type": "image/jpeg" },
      });
      const t0 = performance.now();
      const quick = await fetch(api, {
        method: "POST",
        body: photo as BodyInit,
        headers: { "Content-Type": "image/jpeg" },
      });
      assert.equal(quick.status, 200);
      await quick.body?.cancel();
      const quickMs = performance.now() - t0;
      const slowRes = await slowReq;
      assert.equal(slowRes.status, 200);
      await slowRes.body?.cancel();
      assert.ok(
        quickMs < 2000,
        `a normal request waited ${quickMs} ms behind a slow upload`,
      );
    });

    await t.step("the server is still healthy", async () => {
      const res = await fetch(`${server.url}/healthz`);
      assert.equal(res.status, 200);
      await res.body?.cancel();
    });
  } finally {
    await server.stop();
  }
});
