import assert from "node:assert/strict";
import { EventQueue, QueueFullError } from "./queue.ts";
import type { EventMessage } from "./wire.ts";

function setup(maxSize = 10) {
  const sent: [string, EventMessage][] = [];
  const q = new EventQueue({ maxSize, send: (s, m) => sent.push([s, m]) });
  return { q, sent };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("queue - concurrency per lane, ranks while waiting, bounded size", async () => {
  const { q, sent } = setup(2);
  let running = 0;
  let peak = 0;
  const job = (id: string, lane = "a", limit = 1) => ({
    eventId: id,
    sessionHash: id,
    lane,
    limit,
    timeLimitMs: 1000,
    async run() {
      peak = Math.max(peak, ++running);
      await sleep(20);
      running--;
      return [id];
    },
  });
  q.push(job("1"));
  q.push(job("2"));
  q.push(job("3"));
  assert.throws(() => q.push(job("4")), QueueFullError);
  await sleep(120);
  assert.equal(peak <= 2, true);
  const ranks = sent.filter(([s, m]) => s === "3" && m.msg === "estimation")
    .map(([, m]) => m.rank);
  assert.deepEqual(ranks, [1, 0]);
  const order = sent.filter(([, m]) =>
    m.msg === "process_completed" && ["1", "2", "3"].includes(m.event_id!)
  ).map(([s]) => s);
  assert.deepEqual(order, ["1", "2", "3"]);
  const eta =
    sent.filter(([s, m]) => s === "3" && m.msg === "estimation").at(-1)![1];
  assert.equal(
    typeof eta.rank_eta,
    "number",
    "an ETA once a duration is known",
  );
});

Deno.test("queue - time limit and errors become process_completed failures", async () => {
  const { q, sent } = setup();
  q.push({
    eventId: "t",
    sessionHash: "t",
    lane: "a",
    limit: 1,
    timeLimitMs: 10,
    run: () => sleep(200).then(() => []),
  });
  q.push({
    eventId: "e",
    sessionHash: "e",
    lane: "b",
    limit: 1,
    timeLimitMs: 1000,
    run: () => Promise.reject(new Error("boom")),
  });
  await sleep(50);
  const t =
    sent.find(([s, m]) => s === "t" && m.msg === "process_completed")![1];
  assert.equal(t.success, false);
  assert.match((t.output as { error: string }).error, /time limit/);
  const e =
    sent.find(([s, m]) => s === "e" && m.msg === "process_completed")![1];
  assert.equal(e.success, false);
});

Deno.test("queue - cancel removes waiting events", async () => {
  const { q, sent } = setup();
  q.push({
    eventId: "1",
    sessionHash: "s1",
    lane: "a",
    limit: 1,
    timeLimitMs: 1000,
    run: () => sleep(30).then(() => []),
  });
  q.push({
    eventId: "2",
    sessionHash: "s2",
    lane: "a",
    limit: 1,
    timeLimitMs: 1000,
    run: () => Promise.resolve([]),
  });
  assert.deepEqual(q.cancel("s2"), ["2"]);
  assert.equal(q.waiting, 0);
  await sleep(60);
  assert.ok(!sent.some(([s, m]) => s === "s2" && m.msg === "process_starts"));
});
