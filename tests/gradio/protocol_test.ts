/**
 * Gradio protocol (sse_v3) over raw HTTP against fixture apps: config, info,
 * the queue/join + queue/data event stream, the /call pair, /run, queue
 * bounds and concurrency.
 */
import assert from "node:assert/strict";
import { fixtureApps, gradioHandler, readSse } from "./fixtures.ts";

const BASE = "http://localhost";

function post(
  handler: ReturnType<typeof gradioHandler>,
  path: string,
  body: unknown,
) {
  return handler(
    new Request(BASE + path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

Deno.test("[gradio] GET {P}/config", async (t) => {
  const handler = gradioHandler();
  await t.step("describes the app in Gradio's shape", async () => {
    const res = await handler(new Request(`${BASE}/demos/greet/config`));
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /application\/json/);
    const c = await res.json();
    assert.equal(c.protocol, "sse_v3");
    assert.equal(c.api_prefix, "/gradio_api");
    assert.equal(c.root, `${BASE}/demos/greet`);
    assert.equal(c.enable_queue, true);
    assert.ok(
      Number(c.version.split(".")[0]) >= 4,
      "version > 3.36.1 for gradio_client",
    );
    const greet = c.dependencies.find((d: { api_name: string }) =>
      d.api_name === "greet"
    );
    assert.ok(greet);
    assert.deepEqual(greet.inputs, [1, 2]);
    assert.deepEqual(greet.outputs, [3]);
    const ids = new Set(c.components.map((x: { id: number }) => x.id));
    for (const d of c.dependencies) {
      for (const id of [...d.inputs, ...d.outputs]) {
        assert.ok(ids.has(id), `component ${id}`);
      }
    }
    // The Interface-era alias is a hidden dependency with its own fn_index.
    const alias = c.dependencies.find((d: { api_name: string }) =>
      d.api_name === "predict"
    );
    assert.ok(alias && alias.id !== greet.id);
    assert.equal(alias.api_visibility, "undocumented");
  });
  await t.step("security headers, and CORS only for real origins", async () => {
    const res = await handler(
      new Request(`${BASE}/demos/greet/config`, {
        headers: { Origin: "https://a.example" },
      }),
    );
    await res.body?.cancel();
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.equal(res.headers.get("access-control-allow-credentials"), null);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const nul = await handler(
      new Request(`${BASE}/demos/greet/config`, {
        headers: { Origin: "null" },
      }),
    );
    await nul.body?.cancel();
    assert.equal(nul.headers.get("access-control-allow-origin"), null);
  });
  await t.step("other paths pass through", async () => {
    const res = await handler(new Request(`${BASE}/demos/nothing/config`));
    await res.body?.cancel();
    assert.equal(res.status, 404);
  });
});

Deno.test("[gradio] GET {P}/gradio_api/info", async () => {
  const res = await gradioHandler()(
    new Request(`${BASE}/demos/greet/gradio_api/info`),
  );
  assert.equal(res.status, 200);
  const info = await res.json();
  const greet = info.named_endpoints["/greet"];
  assert.deepEqual(
    greet.parameters.map((p: { parameter_name: string }) => p.parameter_name),
    ["name", "intensity"],
  );
  assert.equal(greet.parameters[0].component, "Textbox");
  assert.equal(greet.parameters[0].python_type.type, "str");
  assert.equal(greet.parameters[0].parameter_has_default, false);
  assert.equal(greet.returns.length, 1);
  assert.ok(
    info.named_endpoints["/predict"],
    "alias listed (undocumented) so clients can call it",
  );
  assert.deepEqual(info.unnamed_endpoints, {});
});

Deno.test("[gradio] queue/join + queue/data: the sse_v3 sequence", async () => {
  const handler = gradioHandler();
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
  const handler = gradioHandler();
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
  const handler = gradioHandler();
  await t.step("no session_hash → 400", async () => {
    const res = await post(handler, "/demos/greet/gradio_api/queue/join", {
      data: ["x", 1],
      fn_index: 0,
    });
    assert.equal(res.status, 400);
    assert.match((await res.json()).detail, /Session hash/);
  });
  await t.step("wrong number of inputs → 400", async () => {
    const res = await post(handler, "/demos/greet/gradio_api/queue/join", {
      data: ["x"],
      fn_index: 0,
      session_hash: "e",
    });
    assert.equal(res.status, 400);
    assert.match((await res.json()).detail, /takes 2 input/);
  });
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
  const handler = gradioHandler(fixtureApps(), { maxQueueSize: 2 });
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
  assert.equal(bodies[3].msg, "queue_full");
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
  const handler = gradioHandler();
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
  const handler = gradioHandler();
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

Deno.test("[gradio] ?view=api and the API page", async () => {
  const handler = gradioHandler();
  const redirect = await handler(new Request(`${BASE}/demos/greet?view=api`));
  assert.equal(redirect.status, 302);
  assert.equal(redirect.headers.get("location"), "/demos/greet/api-docs");
  const page = await handler(new Request(`${BASE}/demos/greet/api-docs`));
  assert.equal(page.status, 200);
  assert.match(page.headers.get("content-type")!, /text\/html/);
  const html = await page.text();
  assert.match(html, /Use via API/);
  assert.match(html, /client\.predict\(&quot;\/greet&quot;/);
  assert.match(html, /from gradio_client import Client/);
  assert.match(html, /gradio_api\/call\/greet/);
  assert.doesNotMatch(html, /<script/);
});

Deno.test("[gradio] what the Python gradio_client needs", async (t) => {
  const handler = gradioHandler();
  const config =
    await (await handler(new Request(`${BASE}/demos/files/config`))).json();
  await t.step("version > 3.36.1 (else it asks the HF space fetcher)", () => {
    const [a, b, c] = config.version.split(".").map(Number);
    assert.ok(
      a > 3 || (a === 3 && (b > 36 || (b === 36 && c > 1))),
      config.version,
    );
  });
  await t.step("every dependency input/output id is a component", () => {
    const ids = new Set(config.components.map((x: { id: number }) => x.id));
    for (const d of config.dependencies) {
      for (const id of [...d.inputs, ...d.outputs]) {
        assert.ok(ids.has(id), `id ${id}`);
      }
      assert.equal(d.backend_fn, true);
    }
  });
  await t.step("/info?serialize=False answers the same", async () => {
    const res = await handler(
      new Request(`${BASE}/demos/files/gradio_api/info?serialize=False`),
    );
    assert.equal(res.status, 200);
    const info = await res.json();
    assert.equal(
      info.named_endpoints["/reverse"].parameters[0].python_type.type,
      "filepath",
    );
  });
  await t.step("/heartbeat/{session} streams data: lines only", async () => {
    const frames = await readSse(
      await handler(
        new Request(`${BASE}/demos/files/gradio_api/heartbeat/abc`),
      ),
      2,
    );
    assert.deepEqual(frames, [{ data: "ALIVE" }, { data: "ALIVE" }]);
  });
  await t.step(
    "upload → FileData path → file= download, as the Python client does",
    async () => {
      const form = new FormData();
      form.append("files", new File([new Uint8Array([7, 8, 9])], "x.bin"));
      const [path] = await (await handler(
        new Request(`${BASE}/demos/files/gradio_api/upload`, {
          method: "POST",
          body: form,
        }),
      )).json();
      await post(handler, "/demos/files/gradio_api/queue/join", {
        data: [{
          path,
          orig_name: "x.bin",
          meta: { _type: "gradio.FileData" },
        }],
        fn_index: 0,
        session_hash: "py",
        event_data: null,
      });
      const frames = await readSse(
        await handler(
          new Request(
            `${BASE}/demos/files/gradio_api/queue/data?session_hash=py`,
          ),
        ),
      );
      const done = frames.map((f) => JSON.parse(f.data)).find((m) =>
        m.msg === "process_completed"
      );
      const [file, info] = done.output.data;
      assert.equal(info, "3 bytes");
      const res = await handler(new Request(file.url));
      assert.deepEqual(
        new Uint8Array(await res.arrayBuffer()),
        new Uint8Array([9, 8, 7]),
      );
    },
  );
});

Deno.test("[gradio] the call budget (RATE_LIMIT_PER_MIN) covers Gradio calls", async () => {
  let calls = 0;
  const handler = gradioHandler(fixtureApps(), {
    admit: () => (++calls > 2 ? 42 : 0),
  });
  const statuses: number[] = [];
  for (const path of ["queue/join", "call/greet", "run/greet"]) {
    const res = await post(handler, `/demos/greet/gradio_api/${path}`, {
      data: ["a", 1],
      fn_index: 0,
      session_hash: "rl",
    });
    statuses.push(res.status);
    if (res.status === 429) assert.equal(res.headers.get("retry-after"), "42");
    await res.body?.cancel();
  }
  assert.deepEqual(statuses, [200, 200, 429]);
});
