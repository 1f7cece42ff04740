import assert from "node:assert/strict";
import { isLockError, lockTolerant, openKv, retryLocked } from "./kv.ts";
import { addInWindow, addToRollingQuota } from "./counters.ts";
import { chunk, readBlob, writeBlob } from "./blobs.ts";
import { changeWaiter } from "./wait.ts";
import { InstanceLease, isAlive } from "./instances.ts";

Deno.test("kv - a locked SQLite database is retried, other errors are not", async () => {
  let calls = 0;
  const out = await retryLocked(() => {
    calls++;
    if (calls < 3) throw new TypeError("database is locked");
    return Promise.resolve("ok");
  });
  assert.equal(out, "ok");
  assert.equal(calls, 3);
  await assert.rejects(
    retryLocked(() => Promise.reject(new Error("disk full"))),
    /disk full/,
  );
  assert.equal(isLockError(new Error("database is busy")), true);
});

Deno.test("kv - two processes writing one SQLite file both succeed through lockTolerant", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/shared.sqlite`;
  const script = `
    import { openKv } from ${
    JSON.stringify(new URL("./kv.ts", import.meta.url).href)
  };
    const kv = await openKv(${JSON.stringify(path)});
    for (let i = 0; i < 150; i++) {
      const cur = await kv.get(["n"]);
      await kv.atomic().set(["w", Deno.args[0], i], i).commit();
      void cur;
    }
    kv.close();`;
  const run = (who: string) =>
    new Deno.Command(Deno.execPath(), {
      args: ["eval", "--unstable-kv", script, who],
      stdout: "null",
      stderr: "piped",
    }).output();
  const [a, b] = await Promise.all([run("a"), run("b")]);
  assert.equal(a.code, 0, new TextDecoder().decode(a.stderr));
  assert.equal(b.code, 0, new TextDecoder().decode(b.stderr));
  const kv = lockTolerant(await Deno.openKv(path));
  let n = 0;
  for await (const _ of kv.list({ prefix: ["w"] })) n++;
  kv.close();
  assert.equal(n, 300);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("kv - opening a file while another process holds its write lock waits for the lock", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/held.sqlite`;
  // Another process starts writing to the file (as a starting instance
  // does while it sets the file up) and holds the lock for 300 ms.
  const holder = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `
      import { DatabaseSync } from "node:sqlite";
      const db = new DatabaseSync(${JSON.stringify(path)});
      db.exec("CREATE TABLE IF NOT EXISTS other(x)");
      db.exec("BEGIN IMMEDIATE");
      console.log("locked");
      await new Promise((r) => setTimeout(r, 300));
      db.exec("COMMIT");
      db.close();`,
    ],
    stdout: "piped",
  }).spawn();
  const reader = holder.stdout.pipeThrough(new TextDecoderStream()).getReader();
  assert.equal((await reader.read()).value?.trim(), "locked");
  const kv = await openKv(path);
  await kv.set(["k"], "v");
  assert.equal((await kv.get(["k"])).value, "v");
  kv.close();
  await reader.cancel();
  assert.equal((await holder.status).code, 0);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("kv - window counters count across callers and refuse past the limit", async () => {
  using kv = await Deno.openKv(":memory:");
  const t = 1_000_000;
  const hits = await Promise.all(
    Array.from(
      { length: 5 },
      () => addInWindow(kv, ["rl", "x"], 1, 3, 60_000, t),
    ),
  );
  assert.deepEqual(hits.map((h) => h.ok).sort(), [
    false,
    false,
    true,
    true,
    true,
  ]);
  assert.ok(hits.every((h) => h.retryAfterS >= 1 && h.retryAfterS <= 60));
  // The next window starts afresh.
  assert.equal(
    (await addInWindow(kv, ["rl", "x"], 1, 3, 60_000, t + 60_000)).ok,
    true,
  );
});

Deno.test("kv - a rolling quota counts what was added within its life", async () => {
  using kv = await Deno.openKv(":memory:");
  const life = 60_000;
  assert.equal((await addToRollingQuota(kv, ["q"], 60, 100, life, 0)).ok, true);
  assert.equal(
    (await addToRollingQuota(kv, ["q"], 50, 100, life, 30_000)).ok,
    false,
  );
  assert.equal(
    (await addToRollingQuota(kv, ["q"], 40, 100, life, 30_000)).ok,
    true,
  );
  // Once the first amount is older than the life, there is room again.
  assert.equal(
    (await addToRollingQuota(kv, ["q"], 50, 100, life, 65_000)).ok,
    true,
  );
});

Deno.test("kv - blobs larger than a KV value round-trip; a missing chunk reads as null", async () => {
  using kv = await Deno.openKv(":memory:");
  const bytes = new Uint8Array(700_000).map((_, i) => i % 253);
  const n = await writeBlob(kv, ["b", 1], bytes);
  assert.equal(n, chunk(bytes).length);
  assert.deepEqual(await readBlob(kv, ["b", 1], n), bytes);
  await kv.delete(["b", 1, 3]);
  assert.equal(await readBlob(kv, ["b", 1], n), null);
});

Deno.test("kv - a waiter wakes on a watched write, and after pollMs at the latest", async () => {
  using kv = await Deno.openKv(":memory:");
  const w = changeWaiter(kv, [["bump"]], { pollMs: 5_000 });
  await new Promise((r) => setTimeout(r, 50)); // the initial watch batch
  const t0 = Date.now();
  setTimeout(() => kv.set(["bump"], 1), 30);
  await w.wait();
  assert.ok(Date.now() - t0 < 2_000, "woken by the write, not the poll");
  w.close();
  const p = changeWaiter(kv, [["other"]], { pollMs: 60 });
  const t1 = Date.now();
  await p.wait();
  await p.wait();
  assert.ok(Date.now() - t1 < 1_000);
  p.close();
});

Deno.test("kv - an instance lease is alive while renewed and gone after stop()", async () => {
  using kv = await Deno.openKv(":memory:");
  const lease = new InstanceLease(kv);
  lease.start();
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(await isAlive(kv, lease.id), true);
  await lease.stop();
  assert.equal(await isAlive(kv, lease.id), false);
  assert.equal(await isAlive(kv, "nobody"), false);
});
