import assert from "node:assert/strict";
import { BodyTimeoutError, BodyTooLargeError, readBody } from "./request.ts";

function streamOf(total: number, piece = 1000): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent >= total) return c.close();
      const n = Math.min(piece, total - sent);
      sent += n;
      c.enqueue(new Uint8Array(n));
    },
  });
}

Deno.test("body - reads a body under the limit", async () => {
  const req = new Request("http://x/", {
    method: "POST",
    body: streamOf(5000),
  });
  assert.equal((await readBody(req, { limit: 5000 })).length, 5000);
});

Deno.test("body - stops a stream without Content-Length as soon as it passes the limit", async () => {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      pulled += 1000;
      c.enqueue(new Uint8Array(1000));
    },
  }); // endless
  const req = new Request("http://x/", { method: "POST", body });
  await assert.rejects(readBody(req, { limit: 10_000 }), BodyTooLargeError);
  assert.ok(pulled <= 12_000, "never reads far past the limit");
});

Deno.test("body - a declared Content-Length over the limit is refused before reading", async () => {
  const req = new Request("http://x/", {
    method: "POST",
    body: streamOf(10),
    headers: { "content-length": "999999" },
  });
  await assert.rejects(readBody(req, { limit: 100 }), /larger than 100 bytes/);
});

Deno.test("body - a trickling body is cut off once it falls under the minimum rate", async () => {
  let pulls = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(c) {
      pulls++;
      await new Promise((r) => setTimeout(r, 50));
      c.enqueue(new Uint8Array(1));
    },
  }); // 20 bytes/s, forever
  const req = new Request("http://x/", { method: "POST", body });
  const t0 = Date.now();
  await assert.rejects(
    readBody(req, { limit: 1e6, graceMs: 300, minBytesPerS: 1000 }),
    BodyTimeoutError,
  );
  assert.ok(Date.now() - t0 < 2000, "stopped soon after the grace time");
  assert.ok(pulls < 40);
});

Deno.test("body - a body that stalls completely hits the deadline", async () => {
  const body = new ReadableStream<Uint8Array>({
    pull: () => new Promise(() => {}),
  });
  const req = new Request("http://x/", { method: "POST", body });
  await assert.rejects(
    readBody(req, { limit: 100, deadlineMs: 200, graceMs: 10_000 }),
    BodyTimeoutError,
  );
});
