import assert from "node:assert/strict";
import {
  FileTooLargeError,
  KvFileStore,
  safeFileName,
  transientFile,
  withLocalFiles,
} from "./file_store.ts";
import { QuotaExceededError } from "../errors.ts";

Deno.test("file store - files round-trip through KV by issued id only", async () => {
  using kv = await Deno.openKv(":memory:");
  const store = new KvFileStore(kv, "app");
  const bytes = new Uint8Array(200_000).map((_, i) => i % 251);
  const f = await store.put(bytes, "../../cat photo.png", "image/png");
  assert.match(f.id, /^[A-Za-z0-9_-]{22}\/cat photo\.png$/);
  const got = await store.get(f.id);
  assert.deepEqual(got?.bytes, bytes);
  assert.equal(got?.mimeType, "image/png");
  // Another instance (a second store on the same KV) sees it too.
  assert.deepEqual((await new KvFileStore(kv, "app").get(f.id))?.bytes, bytes);
  // Other apps, paths and junk do not.
  assert.equal(await new KvFileStore(kv, "other").get(f.id), undefined);
  for (const id of ["/etc/passwd", "../x", f.id + "x/y", ""]) {
    assert.equal(await store.get(id), undefined, id);
  }
});

Deno.test("file store - files expire; size, bytes and count quotas refuse with a clear error", async () => {
  using kv = await Deno.openKv(":memory:");
  const store = new KvFileStore(kv, "app", {
    maxFileBytes: 100,
    ttlMs: 60_000,
    quota: { maxBytes: 150, maxFiles: 3 },
  });
  await assert.rejects(
    store.put(new Uint8Array(101), "big"),
    FileTooLargeError,
  );
  const a = await store.put(new Uint8Array(100), "a");
  assert.equal(await store.get(a.id, Date.now() + 61_000), undefined);
  await assert.rejects(
    store.put(new Uint8Array(60), "b"),
    (e) => e instanceof QuotaExceededError && e.retryAfterS! >= 1,
  );
  await store.put(new Uint8Array(10), "c");
  await store.put(new Uint8Array(10), "d");
  await assert.rejects(store.put(new Uint8Array(1), "e"), QuotaExceededError);
});

Deno.test("file store - uploads fill at most three quarters of the quota; answers get the rest", async () => {
  using kv = await Deno.openKv(":memory:");
  const store = new KvFileStore(kv, "app", {
    quota: { maxBytes: 1e6, maxFiles: 8 },
  });
  for (let i = 0; i < 6; i++) await store.putUpload(new Uint8Array(1), "u");
  await assert.rejects(
    store.putUpload(new Uint8Array(1), "u"),
    QuotaExceededError,
  );
  await store.put(new Uint8Array(1), "answer-1");
  await store.put(new Uint8Array(1), "answer-2");
  await assert.rejects(store.put(new Uint8Array(1), "x"), QuotaExceededError);
});

Deno.test("file store - a call's own inputs are read from memory, never stored", async () => {
  using kv = await Deno.openKv(":memory:");
  const store = new KvFileStore(kv, "app");
  const local = transientFile(new Uint8Array([1, 2, 3]), "x.bin");
  const view = withLocalFiles(store, [local]);
  assert.deepEqual(
    (await view.get(local.id))?.bytes,
    new Uint8Array([1, 2, 3]),
  );
  assert.equal(await store.get(local.id), undefined);
  assert.equal(safeFileName('..\\a/b<c>:"|?*.png'), "bc.png");
});
