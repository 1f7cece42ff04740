import assert from "node:assert/strict";
import { KvShareStore } from "./kv_store.ts";
import { chunk, CHUNK_BYTES } from "../kv/blobs.ts";
import {
  ShareExpiredError,
  ShareNotFoundError,
  type ShareRecord,
  ShareUnavailableError,
} from "./store.ts";
import { ShareForbiddenError, ShareService } from "./shares.ts";
import type { ShareableResult } from "./shares.ts";
import { QuotaExceededError } from "../errors.ts";
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
  using kv = await Deno.openKv(":memory:");
  const store = new KvShareStore(kv);
  {
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
  }
});

Deno.test("share store - expiry is decided on read, unknown ids are not found", async () => {
  using kv = await Deno.openKv(":memory:");
  const store = new KvShareStore(kv);
  {
    const rec = record();
    await store.put(rec);
    await assert.rejects(store.get(rec.id, 10_000), ShareExpiredError);
    await assert.rejects(store.get(newId(), 5_000), ShareNotFoundError);
    assert.equal(await store.delete(rec.id), true);
    await assert.rejects(store.get(rec.id, 5_000), ShareNotFoundError);
    assert.equal(await store.delete(rec.id), false);
  }
});

const RESULT: ShareableResult = {
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

Deno.test("share service - ids have 128 random bits; only the token's owner can delete", async () => {
  using kv = await Deno.openKv(":memory:");
  const shares = new ShareService(new KvShareStore(kv), { ttlMs: 60_000 });
  const a = await shares.create(RESULT);
  const b = await shares.create(RESULT);
  assert.ok(isValidId(a.id) && a.id.length >= 22 && a.id !== b.id);
  assert.deepEqual((await shares.get(a.id)).mask, new Uint8Array([1, 2, 3]));
  await assert.rejects(
    shares.delete(a.id, "wrong-token-wrong-token"),
    ShareForbiddenError,
  );
  await shares.delete(a.id, a.deleteToken);
  await assert.rejects(shares.get(a.id), ShareNotFoundError);
  await assert.rejects(shares.get("../../etc/passwd"), ShareNotFoundError);
});

Deno.test("share service - the daily quota refuses shares with a clear error once used up", async () => {
  using kv = await Deno.openKv(":memory:");
  const shares = new ShareService(new KvShareStore(kv), {
    ttlMs: 60_000,
    kv,
    quotaPerDay: 2,
  });
  await shares.create(RESULT);
  await shares.create(RESULT);
  await assert.rejects(
    shares.create(RESULT),
    (e) => e instanceof QuotaExceededError && e.status === 503,
  );
});

Deno.test("share store - a failing KV makes sharing unavailable (503), not an internal error", async () => {
  const kv = await Deno.openKv(":memory:");
  const store = new KvShareStore(kv);
  kv.close();
  await assert.rejects(store.get(newId()), ShareUnavailableError);
  await assert.rejects(store.put(record()), ShareUnavailableError);
});
