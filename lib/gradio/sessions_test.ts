import assert from "node:assert/strict";
import { SessionHub } from "./sessions.ts";
import { estimationMessage, processCompletedMessage } from "./wire.ts";

const done = (id: string) =>
  processCompletedMessage(id, {
    data: [id],
    durationS: 0,
    averageDurationS: null,
  });

Deno.test("sessions - buffered until read, close_stream after the last pending event", async () => {
  const hub = new SessionHub();
  hub.open("s", "a");
  hub.open("s", "b");
  hub.send(
    "s",
    estimationMessage("a", { rank: 0, queueSize: 1, rankEtaS: null }),
  );
  hub.send("s", done("a"));
  setTimeout(() => hub.send("s", done("b")), 20);
  const msgs = [];
  for await (const m of hub.messages("s", { heartbeatMs: 5 })) msgs.push(m.msg);
  assert.equal(msgs[0], "estimation");
  assert.ok(msgs.includes("heartbeat"));
  assert.deepEqual(msgs.filter((m) => m !== "heartbeat"), [
    "estimation",
    "process_completed",
    "process_completed",
    "close_stream",
  ]);
  assert.equal(hub.has("s"), false, "a finished session is dropped");
});

Deno.test("sessions - one event's messages (for /call), read once", async () => {
  const hub = new SessionHub();
  hub.open("c", "e");
  hub.send("c", done("e"));
  const msgs = [];
  for await (const m of hub.messages("c", { eventId: "e" })) msgs.push(m.msg);
  assert.deepEqual(msgs, ["process_completed"]);
  assert.equal(hub.hasEvent("c", "e"), false);
});

Deno.test("sessions - bounded: LRU of sessions, TTL, messages per session", () => {
  const hub = new SessionHub({ maxSessions: 2, ttlMs: 1000, maxMessages: 3 });
  hub.open("a", "1", 0);
  hub.open("b", "1", 0);
  hub.open("c", "1", 0);
  assert.equal(hub.has("a", 0), false);
  assert.equal(hub.size, 2);
  for (let i = 0; i < 10; i++) {
    hub.send(
      "b",
      estimationMessage("1", { rank: i, queueSize: 9, rankEtaS: null }),
    );
  }
  hub.send("b", done("1"));
  assert.equal(
    hub.hasEvent("b", "1"),
    true,
    "the completion is never the message dropped",
  );
  hub.open("d", "1", 5000);
  assert.equal(hub.has("b", 5000), false, "expired");
});

Deno.test("sessions - an abandoned stream reports its pending events", async () => {
  const abandoned: string[][] = [];
  const hub = new SessionHub({ onAbandon: (_s, ids) => abandoned.push(ids) });
  hub.open("s", "x");
  const it = hub.messages("s", { heartbeatMs: 5 });
  await it.next();
  await it.return(undefined);
  assert.deepEqual(abandoned, [["x"]]);
});
