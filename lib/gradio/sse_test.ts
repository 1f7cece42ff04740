import assert from "node:assert/strict";
import { sseFrame, sseResponse } from "./sse.ts";

Deno.test("sse - frames", () => {
  assert.equal(
    sseFrame('{"msg":"heartbeat"}'),
    'data: {"msg":"heartbeat"}\n\n',
  );
  assert.equal(sseFrame("[1]", "complete"), "event: complete\ndata: [1]\n\n");
  assert.equal(sseFrame("a\nb\r\nc"), "data: a\ndata: b\ndata: c\n\n");
  assert.throws(() => sseFrame("x", "complete\ndata: forged"));
});

Deno.test("sse - response streams each frame and cleans up on cancel", async () => {
  let cleaned = false;
  async function* frames() {
    try {
      yield sseFrame("1");
      await new Promise((r) => setTimeout(r, 100));
      yield sseFrame("2");
    } finally {
      cleaned = true;
    }
  }
  const res = sseResponse(frames());
  assert.equal(
    res.headers.get("content-type"),
    "text/event-stream; charset=utf-8",
  );
  assert.match(res.headers.get("cache-control")!, /no-cache/);
  const reader = res.body!.getReader();
  const first = await reader.read();
  assert.equal(new TextDecoder().decode(first.value), "data: 1\n\n");
  // Cancelling while the generator sleeps ends it: its `finally` runs.
  await reader.cancel();
  assert.equal(cleaned, true);
});
