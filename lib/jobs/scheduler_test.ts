import assert from "node:assert/strict";
import {
  CancelledError,
  QueueFullError,
  Scheduler,
  TimeLimitError,
} from "./scheduler.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("scheduler - a lane runs at most `limit` tasks, in order, and refuses past `maxWaiting`", async () => {
  const s = new Scheduler();
  s.lane("l", { limit: 2, maxWaiting: 2 });
  let running = 0, most = 0;
  const order: number[] = [];
  const task = (n: number) => async () => {
    running++;
    most = Math.max(most, running);
    await sleep(20);
    order.push(n);
    running--;
    return n;
  };
  const runs = [1, 2, 3, 4].map((n) => s.run("l", task(n)));
  assert.equal(s.waiting("l"), 2);
  assert.equal(s.full("l"), true);
  await assert.rejects(s.run("l", task(5)), QueueFullError);
  assert.deepEqual(await Promise.all(runs), [1, 2, 3, 4]);
  assert.equal(most, 2);
  assert.deepEqual(order.slice(2), [3, 4]);
  assert.ok(s.averageS("l")! > 0);
});

Deno.test("scheduler - waiting tasks hear their position change; starts report the average", async () => {
  const s = new Scheduler();
  const seen: string[] = [];
  const first = s.run("l", () => sleep(30));
  const second = s.run("l", () => sleep(1), {
    onWait: (p) => seen.push(`wait ${p.rank}/${p.queueSize}`),
    onStart: () => seen.push("start"),
  });
  await Promise.all([first, second]);
  assert.deepEqual(seen, ["wait 0/1", "start"]);
});

Deno.test("scheduler - the time limit aborts the task's signal and rejects", async () => {
  const s = new Scheduler();
  let aborted: unknown;
  await assert.rejects(
    s.run("l", (signal) =>
      new Promise((_, reject) => {
        signal.addEventListener("abort", () => {
          aborted = signal.reason;
          reject(signal.reason);
        });
      }), { timeLimitMs: 30 }),
    TimeLimitError,
  );
  assert.ok(aborted instanceof TimeLimitError);
  // The slot is free again.
  assert.equal(await s.run("l", () => Promise.resolve(7)), 7);
});

Deno.test("scheduler - cancelling a waiting task frees its place; a running one gets its signal", async () => {
  const s = new Scheduler();
  s.lane("l", { limit: 1, maxWaiting: 1 });
  const running = new AbortController();
  const a = s.run(
    "l",
    (signal) =>
      new Promise((_, reject) =>
        signal.addEventListener("abort", () => reject(signal.reason))
      ),
    { signal: running.signal },
  );
  const waiting = new AbortController();
  const b = s.run("l", () => Promise.resolve("b"), { signal: waiting.signal });
  waiting.abort();
  await assert.rejects(b, CancelledError);
  assert.equal(s.waiting("l"), 0);
  running.abort();
  await assert.rejects(a, CancelledError);
  assert.equal(s.running("l"), 0);
});

Deno.test("scheduler - idle() waits for running tasks, up to a limit", async () => {
  const s = new Scheduler();
  let done = false;
  s.run("l", async () => {
    await sleep(40);
    done = true;
  });
  await s.idle(1000);
  assert.equal(done, true);
});
