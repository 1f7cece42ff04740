import assert from "node:assert/strict";
import { BodyTooLargeError, readBodyLimited } from "./body.ts";

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
  assert.equal((await readBodyLimited(req, 5000)).length, 5000);
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
  await assert.rejects(readBodyLimited(req, 10_000), BodyTooLargeError);
  assert.ok(pulled <= 12_000, "never reads far past the limit");
});

Deno.test("body - a declared Content-Length over the limit is refused before reading", async () => {
  const req = new Request("http://x/", {
    method: "POST",
    body: streamOf(10),
    headers: { "content-length": "999999" },
  });
  await assert.rejects(readBodyLimited(req, 100), /larger than 100 bytes/);
});
