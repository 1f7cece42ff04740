/**
 * Gradio calls (sse_v3) over raw HTTP against fixture apps: the queue/join +
 * queue/data event stream, its errors and bounds, the /call pair, /run, and
 * the call budget.
 */
import assert from "node:assert/strict";
import {
  BASE,
  fixtureApps,
  gradioHarness,
  postJson as post,
  readSse,
  slowApp,
} from "./fixtures.ts";

Deno.test("[gradio] queue/join + queue/data: the sse_v3 sequence", async () => {
  await using h = await gradioHarness();
  const handler = h.handler;
  const join = await post(handler, "/demos/greet/gradio_api/queue/join", {
    data: ["Linh", 3],
    fn_index: 0,
    session_hash: "sess1",
    event_data: null,
    trigger_id: null,
  });
  assert.equal(join.status, 200);
  const { event_id } = await join.json();
  assert.match(event_id, /^[0-9a-f]{32}$/);
  const res = await handler(
    new Request(`${BASE}/demos/greet/gradio_api/queue/data?session_hash=sess1`),
  );
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type")!, /^text\/event-stream/);
  assert.match(res.headers.get("cache-control")!, /no-cache/);
  const frames = await readSse(res);
  assert.ok(
    frames.every((f) => f.event === undefined),
    "queue/data frames are plain data: lines",
  );
  const msgs = frames.map((f) => JSON.parse(f.data));
  assert.deepEqual(msgs.map((m) => m.msg), [
    "estimation",
    "process_starts",
    "process_completed",
    "close_stream",
  ]);
  assert.equal(msgs[0].event_id, event_id);
  assert.equal(msgs[0].rank, 0);
  assert.equal(msgs[0].queue_size, 1);
  assert.equal(msgs[2].success, true);
  assert.deepEqual(msgs[2].output.data, ["Hello, Linh!!!"]);
});

Deno.test("[gradio] queue/data: two events share one stream, heartbeats are data: lines", async () => {
  await using h = await gradioHarness();
  const handler = h.handler;
  const a = await (await post(handler, "/demos/slow/gradio_api/queue/join", {
    data: [450],
    fn_index: 0,
    session_hash: "s2",
  })).json();
  const b = await (await post(handler, "/demos/slow/gradio_api/queue/join", {
    data: [10],
    fn_index: 0,
    session_hash: "s2",
  })).json();
  const frames = await readSse(
    await handler(
      new Request(`${BASE}/demos/slow/gradio_api/queue/data?session_hash=s2`),
    ),
  );
  const msgs = frames.map((f) => JSON.parse(f.data));
  assert.ok(
    msgs.some((m) => m.msg === "heartbeat"),
    "a heartbeat while the slow call runs",
  );
  const second = msgs.filter((m) => m.event_id === b.event_id);
  assert.equal(second[0].msg, "estimation");
  assert.ok(
    second.some((m) =>
      m.msg === "estimation" && m.rank === 0 && m.queue_size === 1
    ),
    "rank while waiting",
  );
  const done = msgs.filter((m) => m.msg === "process_completed").map((m) =>
    m.event_id
  );
  assert.deepEqual(
    done,
    [a.event_id, b.event_id],
    "concurrency limit 1: in order",
  );
  assert.equal(msgs.at(-1).msg, "close_stream");
});

Deno.test("[gradio] queue/join errors", async (t) => {
  await using h = await gradioHarness();
  const handler = h.handler;
  await t.step("no session_hash → 400", async () => {
    const res = await post(handler, "/demos/greet/gradio_api/queue/join", {
      data: ["x", 1],
      fn_index: 0,
    });
    assert.equal(res.status, 400);
    assert.match((await res.json()).detail, /Session hash/);
  });
  await t.step(
    "wrong number of inputs → accepted, then a failed process_completed with the reason (as Gradio)",
    async () => {
      const res = await post(handler, "/demos/greet/gradio_api/queue/join", {
        data: ["x"],
        fn_index: 0,
        session_hash: "e",
      });
      assert.equal(res.status, 200);
      await res.body?.cancel();
      const frames = await readSse(
        await handler(
          new Request(
            `${BASE}/demos/greet/gradio_api/queue/data?session_hash=e`,
          ),
        ),
      );
      const done = frames.map((f) => JSON.parse(f.data)).find((m) =>
        m.msg === "process_completed"
      );
      assert.equal(done.success, false);
      assert.match(done.output.error, /takes 2 input/);
    },
  );
  await t.step("unknown fn_index → 404", async () => {
    const res = await post(handler, "/demos/greet/gradio_api/queue/join", {
      data: [],
      fn_index: 99,
      session_hash: "e",
    });
    assert.equal(res.status, 404);
    await res.body?.cancel();
  });
  await t.step("malformed JSON → 400", async () => {
    const res = await handler(
      new Request(`${BASE}/demos/greet/gradio_api/queue/join`, {
        method: "POST",
        body: "{",
      }),
    );
    assert.equal(res.status, 400);
    await res.body?.cancel();
  });
  await t.step("unknown session stream → unexpected_error", async () => {
    const frames = await readSse(
      await handler(
        new Request(
          `${BASE}/demos/greet/gradio_api/queue/data?session_hash=nope`,
        ),
      ),
    );
    const m = JSON.parse(frames[0].data);
    assert.equal(m.msg, "unexpected_error");
    assert.equal(m.session_not_found, true);
  });
  await t.step(
    "a failing function → process_completed with success false, no internals",
    async () => {
      await post(handler, "/demos/slow/gradio_api/queue/join", {
        data: [13],
        fn_index: 0,
        session_hash: "err",
      });
      const frames = await readSse(
        await handler(
          new Request(
            `${BASE}/demos/slow/gradio_api/queue/data?session_hash=err`,
          ),
        ),
      );
      const done = frames.map((f) => JSON.parse(f.data)).find((m) =>
        m.msg === "process_completed"
      );
      assert.equal(done.success, false);
      assert.ok(!done.output.error.includes("secret"), done.output.error);
    },
  );
});

Deno.test("[gradio] bounded queue: 503 queue_full when full", async () => {
  await using h = await gradioHarness([{
    path: "/demos/slow",
    name: "slow",
    app: slowApp(2),
  }]);
  const handler = h.handler;
  const statuses: number[] = [];
  const bodies: Record<string, unknown>[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await post(handler, "/demos/slow/gradio_api/queue/join", {
      data: [200],
      fn_index: 0,
      session_hash: `q${i}`,
    });
    statuses.push(res.status);
    bodies.push(await res.json());
  }
  // One runs, two wait, the fourth is refused.
  assert.deepEqual(statuses, [200, 200, 200, 503]);
  assert.equal(bodies[3].detail, "Queue is full.");
  for (let i = 0; i < 3; i++) {
    await readSse(
      await handler(
        new Request(
          `${BASE}/demos/slow/gradio_api/queue/data?session_hash=q${i}`,
        ),
      ),
    );
  }
});

Deno.test("[gradio] POST /call/{name} + GET /call/{name}/{event_id}", async (t) => {
  await using h = await gradioHarness();
  const handler = h.handler;
  await t.step("complete event with the outputs", async () => {
    const res = await post(handler, "/demos/greet/gradio_api/call/greet", {
      data: ["Linh", 3],
    });
    assert.equal(res.status, 200);
    const { event_id } = await res.json();
    const stream = await handler(
      new Request(`${BASE}/demos/greet/gradio_api/call/greet/${event_id}`),
    );
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get("content-type")!, /^text\/event-stream/);
    const frames = await readSse(stream);
    assert.deepEqual(frames, [{
      event: "complete",
      data: JSON.stringify(["Hello, Linh!!!"]),
    }]);
    const again = await handler(
      new Request(`${BASE}/demos/greet/gradio_api/call/greet/${event_id}`),
    );
    assert.equal(again.status, 404, "a result is read once");
    await again.body?.cancel();
  });
  await t.step("the alias works too", async () => {
    const { event_id } =
      await (await post(handler, "/demos/greet/gradio_api/call/predict", {
        data: ["Ana", 1],
      })).json();
    const frames = await readSse(
      await handler(
        new Request(`${BASE}/demos/greet/gradio_api/call/predict/${event_id}`),
      ),
    );
    assert.deepEqual(frames[0], { event: "complete", data: '["Hello, Ana!"]' });
  });
  await t.step("error event", async () => {
    const { event_id } =
      await (await post(handler, "/demos/greet/gradio_api/call/greet", {
        data: [5, 1],
      })).json();
    const frames = await readSse(
      await handler(
        new Request(`${BASE}/demos/greet/gradio_api/call/greet/${event_id}`),
      ),
    );
    assert.equal(frames[0].event, "error");
    assert.match(JSON.parse(frames[0].data), /must be a string/);
  });
  await t.step("unknown endpoint → 404", async () => {
    const res = await post(handler, "/demos/greet/gradio_api/call/nope", {
      data: [],
    });
    assert.equal(res.status, 404);
    await res.body?.cancel();
  });
});

Deno.test("[gradio] POST /run/{name}", async () => {
  await using h = await gradioHarness();
  const handler = h.handler;
  const res = await post(handler, "/demos/greet/gradio_api/run/greet", {
    data: ["Linh", 2],
    fn_index: 0,
    session_hash: "r",
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(body.data, ["Hello, Linh!!"]);
  assert.equal(typeof body.duration, "number");
  const bad = await post(handler, "/demos/greet/gradio_api/run/greet", {
    data: [1, 2],
  });
  assert.equal(bad.status, 500);
  assert.match((await bad.json()).error, /must be a string/);
});

Deno.test("[gradio] the call budget (RATE_LIMIT_PER_MIN) covers Gradio calls", async () => {
  await using h = await gradioHarness(fixtureApps(), {
    RATE_LIMIT_PER_MIN: "2",
  });
  const handler = h.handler;
  const statuses: number[] = [];
  for (const path of ["queue/join", "call/greet", "run/greet"]) {
    const res = await post(handler, `/demos/greet/gradio_api/${path}`, {
      data: ["a", 1],
      fn_index: 0,
      session_hash: "rl",
    });
    statuses.push(res.status);
    if (res.status === 429) {
      const wait = Number(res.headers.get("retry-after"));
      assert.ok(wait >= 1 && wait <= 60, String(wait));
    }
    await res.body?.cancel();
  }
  assert.deepEqual(statuses, [200, 200, 429]);
});
