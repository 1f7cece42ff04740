import assert from "node:assert/strict";
import { chunk, CHUNK_BYTES, KvShareStore } from "./kv_store.ts";
import {
  ShareExpiredError,
  ShareNotFoundError,
  type ShareRecord,
  ShareUnavailableError,
} from "./store.ts";
import { ShareForbiddenError, ShareService } from "./shares.ts";
import type { SegmentResult } from "../segment/segment.ts";
import { isValidId, newId } from "./ids.ts";

function record(over: Partial<ShareRecord> = {}): ShareRecord {
  const mask = new Uint8Array(150_000).map((_, i) => i % 251);
  return {
    id: newId(),
    createdAt: 1_000,
    expiresAt: 10_000,
    width: 640,
    height: 480,
    classes: [{ name: "pet", value: 0, fraction: 1 }],
    timing: { decodeMs: 1, inferenceMs: 2, postprocessMs: 3, totalMs: 6 },
    deleteTokenHash: "x",
    mask,
    photo: new Uint8Array(70_000).fill(7),
    overlay: new Uint8Array(61_000).fill(9),
    photoWidth: 320,
    photoHeight: 240,
    ...over,
  };
}

Deno.test("share store - chunk splits at the KV value limit", () => {
  assert.deepEqual(chunk(new Uint8Array(130_000)).map((c) => c.length), [
    CHUNK_BYTES,
    CHUNK_BYTES,
    10_000,
  ]);
  assert.deepEqual(chunk(new Uint8Array(0)), []);
});

Deno.test("share store - blobs over 64 KiB round-trip through KV", async () => {
  const kv = await Deno.openKv(":memory:");
  const store = new KvShareStore(kv);
  try {
    const rec = record();
    await store.put(rec);
    const got = await store.get(rec.id, 5_000);
    assert.deepEqual(got.mask, rec.mask);
    assert.deepEqual(got.photo, rec.photo);
    assert.deepEqual(got.overlay, rec.overlay);
    assert.equal(got.width, 640);
    await assert.rejects(
      store.put(rec),
      ShareUnavailableError,
      "ids are never overwritten",
    );
  } finally {
    store.close();
  }
});

Deno.test("share store - expiry is decided on read, unknown ids are not found", async () => {
  const store = new KvShareStore(await Deno.openKv(":memory:"));
  try {
    const rec = record();
    await store.put(rec);
    await assert.rejects(store.get(rec.id, 10_000), ShareExpiredError);
    await assert.rejects(store.get(newId(), 5_000), ShareNotFoundError);
    assert.equal(await store.delete(rec.id), true);
    await assert.rejects(store.get(rec.id, 5_000), ShareNotFoundError);
    assert.equal(await store.delete(rec.id), false);
  } finally {
    store.close();
  }
});

Deno.test("share service - ids have 128 random bits; only the token's owner can delete", async () => {
  const shares = new ShareService(
    async () => new KvShareStore(await Deno.openKv(":memory:")),
    60_000,
  );
  try {
    const result: SegmentResult = {
      width: 10,
      height: 10,
      maskPng: new Uint8Array([1, 2, 3]),
      classes: [],
      timing: { decodeMs: 0, inferenceMs: 0, postprocessMs: 0, totalMs: 0 },
      thumbnail: {
        jpeg: new Uint8Array([4, 5]),
        overlayJpeg: new Uint8Array([6]),
        width: 10,
        height: 10,
      },
    };
    const a = await shares.create(result);
    const b = await shares.create(result);
    assert.ok(isValidId(a.id) && a.id.length >= 22 && a.id !== b.id);
    assert.deepEqual((await shares.get(a.id)).mask, new Uint8Array([1, 2, 3]));
    await assert.rejects(
      shares.delete(a.id, "wrong-token-wrong-token"),
      ShareForbiddenError,
    );
    await shares.delete(a.id, a.deleteToken);
    await assert.rejects(shares.get(a.id), ShareNotFoundError);
    await assert.rejects(shares.get("../../etc/passwd"), ShareNotFoundError);
  } finally {
    await shares.close();
  }
});

Deno.test("share service - a failing store makes sharing unavailable, then recovers", async () => {
  let fail = true;
  const shares = new ShareService(async () => {
    if (fail) throw new Error("KV is down");
    return new KvShareStore(await Deno.openKv(":memory:"));
  }, 60_000);
  await assert.rejects(shares.get(newId()), ShareUnavailableError);
  fail = false;
  await assert.rejects(shares.get(newId()), ShareNotFoundError);
  await shares.close();
});
