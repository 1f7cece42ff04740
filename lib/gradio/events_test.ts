import assert from "node:assert/strict";
import { EventStore } from "./events.ts";
import {
  estimationMessage,
  type EventMessage,
  processCompletedMessage,
  processStartsMessage,
} from "./wire.ts";
import { InstanceLease } from "../kv/instances.ts";
import { QuotaExceededError } from "../errors.ts";

const done = (id: string, data: unknown[] = ["ok"]) =>
  processCompletedMessage(id, { data, durationS: 0, averageDurationS: null });

async function collect(it: AsyncIterable<EventMessage>): Promise<string[]> {
  const out: string[] = [];
  for await (const m of it) {
    out.push(`${m.msg}${m.event_id ? ":" + m.event_id : ""}`);
  }
  return out;
}

Deno.test("events - a reader on another instance gets every message once, in order, then close_stream", async () => {
  using kv = await Deno.openKv(":memory:");
  const lease = new InstanceLease(kv);
  lease.start();
  const runner = new EventStore(kv, lease.id, { pollMs: 10 });
  const other = new EventStore(kv, "reader-instance", { pollMs: 10 });
  await runner.create("e1", { session: "s", client: "c" });
  await runner.create("e2", { session: "s", client: "c" });
  assert.equal(await other.hasSession("s"), true);
  const reading = collect(other.read("s"));
  await runner.append(
    "e1",
    "s",
    estimationMessage("e1", { rank: 0, queueSize: 1, rankEtaS: null }),
  );
  await runner.append("e1", "s", processStartsMessage("e1", null));
  assert.equal(await runner.finish("e1", done("e1")), true);
  assert.equal(await runner.finish("e1", done("e1")), false, "finished once");
  await runner.finish("e2", done("e2"));
  const got = await reading;
  // Each event's messages in order; events interleave as they happen.
  assert.deepEqual(got.filter((m) => m.endsWith(":e1")), [
    "estimation:e1",
    "process_starts:e1",
    "process_completed:e1",
  ]);
  assert.deepEqual(got.filter((m) => m.endsWith(":e2")), [
    "process_completed:e2",
  ]);
  assert.equal(got.at(-1), "close_stream");
  assert.equal(got.length, 5);
  assert.equal(await other.hasSession("s"), false);
  await lease.stop();
});

Deno.test("events - two readers racing never deliver a message twice", async () => {
  using kv = await Deno.openKv(":memory:");
  const lease = new InstanceLease(kv);
  lease.start();
  const store = new EventStore(kv, lease.id, { pollMs: 5 });
  await store.create("e", { session: "s", client: "c" });
  for (let i = 0; i < 20; i++) {
    await store.append(
      "e",
      "s",
      estimationMessage("e", { rank: i, queueSize: 20, rankEtaS: null }),
    );
  }
  await store.finish("e", done("e"));
  const [a, b] = await Promise.all([
    collect(store.read("s")),
    collect(store.read("s")),
  ]);
  const delivered = [...a, ...b].filter((m) => m !== "close_stream");
  assert.equal(delivered.length, 21);
  assert.equal(
    delivered.filter((m) => m.startsWith("process_completed")).length,
    1,
  );
  await lease.stop();
});

Deno.test("events - a dead runner's open event ends with a clean error for the reader", async () => {
  using kv = await Deno.openKv(":memory:");
  // The runner's instance never renews a lease: it is dead.
  const runner = new EventStore(kv, "dead-instance");
  const reader = new EventStore(kv, "live", { pollMs: 10 });
  await runner.create("e", { session: "s", client: "c" });
  const msgs: EventMessage[] = [];
  for await (const m of reader.read("s")) msgs.push(m);
  const completed = msgs.find((m) => m.msg === "process_completed")!;
  assert.equal(completed.success, false);
  assert.match(
    String((completed.output as { error: string }).error),
    /stopped before it finished/,
  );
});

Deno.test("events - cancellation requests reach the owner; /call reads one event without close_stream", async () => {
  using kv = await Deno.openKv(":memory:");
  const lease = new InstanceLease(kv);
  lease.start();
  const store = new EventStore(kv, lease.id, { pollMs: 10 });
  await store.create("e", { session: "call:e", client: "c" });
  await store.requestCancel("e");
  assert.deepEqual([...await store.cancelled(["e", "x"])], ["e"]);
  await store.finish("e", done("e", []));
  assert.deepEqual(await collect(store.read("call:e", { eventId: "e" })), [
    "process_completed:e",
  ]);
  await lease.stop();
});

Deno.test("events - one client cannot hold more than its share of open sessions", async () => {
  using kv = await Deno.openKv(":memory:");
  const store = new EventStore(kv, "i", { maxSessionsPerClient: 3 });
  for (let i = 0; i < 3; i++) {
    await store.create(`e${i}`, { session: `s${i}`, client: "greedy" });
  }
  // More events in a session it holds are fine; a new session is not.
  await store.create("e3", { session: "s0", client: "greedy" });
  await assert.rejects(
    store.create("e4", { session: "s9", client: "greedy" }),
    QuotaExceededError,
  );
  await store.create("e5", { session: "s9", client: "someone else" });
});

Deno.test("events - sessions whose results were read no longer count against the client", async () => {
  using kv = await Deno.openKv(":memory:");
  const lease = new InstanceLease(kv);
  lease.start();
  const store = new EventStore(kv, lease.id, {
    maxSessionsPerClient: 2,
    pollMs: 10,
  });
  // A script making a new client per call: each session is read to the end.
  for (let i = 0; i < 5; i++) {
    await store.create(`e${i}`, { session: `s${i}`, client: "script" });
    await store.finish(`e${i}`, done(`e${i}`, []));
    await collect(store.read(`s${i}`));
  }
  // Unread results still count.
  await store.create("p0", { session: "p0", client: "script" });
  await store.create("p1", { session: "p1", client: "script" });
  await assert.rejects(
    store.create("p2", { session: "p2", client: "script" }),
    QuotaExceededError,
  );
  await lease.stop();
});
