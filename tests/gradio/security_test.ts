/**
 * Gradio advisories turned into regression tests (see the notes' §5):
 * `file=` traversal / SSRF (CVE-2023-51449, PR #4370/#6794, CVE-2024-34510
 * UNC), FileData path injection into `/queue/join`, `/call`, `/run`
 * (CVE-2024-4325/47167, GHSA-qqr5/j36p), CORS `null` origin (CVE-2024-47084).
 * Upload limits and inline serving of active content: upload_test.ts.
 */
import assert from "node:assert/strict";
import {
  BASE,
  fileApp,
  fixtureApps,
  gradioHarness,
  postJson,
  readSse,
  upload,
} from "./fixtures.ts";
import type { AppEntry } from "../../apps/mod.ts";

const SECRET_MARKERS = [
  /root:.*:0:0:/,
  /"tasks"/,
  /\[core\]/,
  /BEGIN .*PRIVATE KEY/,
];

function apps(): AppEntry[] {
  return [...fixtureApps(), {
    path: "/demos/other",
    name: "other",
    app: fileApp(),
  }];
}

Deno.test("[gradio] file= serves only issued files", async (t) => {
  await using h = await gradioHarness(apps());
  const handler = h.handler;
  const attempts = [
    "/etc/passwd",
    "/ETC/passwd",
    "/tmp/gradio/../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%252e%252e%252fetc%252fpasswd",
    "../main.ts",
    "deno.json",
    ".git/config",
    "file:///etc/passwd",
    "http://169.254.169.254/latest/meta-data/",
    "https://example.com/cat.png",
    "\\\\attacker\\share\\x.png",
    "%5c%5cattacker%5cshare",
    "//attacker/share/x.png",
    "C:%5cWindows%5cwin.ini",
    "/windows/win.ini",
  ];
  for (const a of attempts) {
    await t.step(a, async () => {
      const res = await handler(
        new Request(`${BASE}/demos/files/gradio_api/file=${a}`),
      );
      const body = await res.text();
      assert.ok(
        res.status === 403 || res.status === 404,
        `${a}: ${res.status}`,
      );
      for (const m of SECRET_MARKERS) assert.doesNotMatch(body, m);
      assert.ok(body.length < 200, "an error body, nothing else");
    });
  }
  await t.step("an id issued by another app is not served", async () => {
    const up = await upload(handler, "/demos/other", new Uint8Array([1, 2, 3]));
    const [id] = await up.json();
    const own = await handler(
      new Request(`${BASE}/demos/other/gradio_api/file=${id}`),
    );
    assert.equal(own.status, 200);
    await own.body?.cancel();
    const cross = await handler(
      new Request(`${BASE}/demos/files/gradio_api/file=${id}`),
    );
    assert.equal(cross.status, 403);
    await cross.body?.cancel();
  });
});

Deno.test("[gradio] FileData injection is refused with a clear error and never fetched", async (t) => {
  // A listener that must never see a connection: proves no outbound fetch of client-given URLs.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let connections = 0;
  (async () => {
    for await (const conn of listener) {
      connections++;
      conn.close();
    }
  })();
  const trap = `http://127.0.0.1:${
    (listener.addr as Deno.NetAddr).port
  }/latest/meta-data`;
  await using h = await gradioHarness(apps());
  const handler = h.handler;
  const other =
    await (await upload(handler, "/demos/other", new Uint8Array([9]))).json();
  const payloads: unknown[] = [
    { path: "/etc/passwd", meta: { _type: "gradio.FileData" } },
    { path: "../../etc/passwd", meta: { _type: "gradio.FileData" } },
    { path: "..%2f..%2fetc%2fpasswd" },
    { path: "\\\\attacker\\share\\x.png" },
    { path: "//attacker/share/x.png" },
    { path: "C:\\Windows\\win.ini" },
    { path: "file:///etc/passwd" },
    {
      path: trap,
      url: trap,
      orig_name: "x.png",
      meta: { _type: "gradio.FileData" },
    },
    { url: trap, meta: { _type: "gradio.FileData" } },
    "/etc/passwd",
    { path: other[0], meta: { _type: "gradio.FileData" } },
  ];
  /** The error a Gradio client is shown for a call (refusals complete the event as failed, as Gradio does). */
  const joinError = async (app: string, data: unknown[], session: string) => {
    const res = await postJson(
      handler,
      `/demos/${app}/gradio_api/queue/join`,
      { data, fn_index: 0, session_hash: session },
    );
    assert.equal(res.status, 200);
    await res.body?.cancel();
    const frames = await readSse(
      await handler(
        new Request(
          `${BASE}/demos/${app}/gradio_api/queue/data?session_hash=${session}`,
        ),
      ),
    );
    const done = frames.map((f) => JSON.parse(f.data)).find((m) =>
      m.msg === "process_completed"
    );
    assert.equal(done.success, false);
    return done.output.error as string;
  };
  try {
    let n = 0;
    for (const p of payloads) {
      await t.step(`queue/join ${JSON.stringify(p)}`, async () => {
        const error = await joinError("files", [p], `inj${n++}`);
        assert.match(error, /^File refused: /);
        for (const m of SECRET_MARKERS) assert.doesNotMatch(error, m);
      });
    }
    await t.step("/call and /run refuse too", async () => {
      const data = [{
        path: "/etc/passwd",
        meta: { _type: "gradio.FileData" },
      }];
      const call = await postJson(
        handler,
        "/demos/files/gradio_api/call/reverse",
        { data },
      );
      const { event_id } = await call.json();
      const frames = await readSse(
        await handler(
          new Request(
            `${BASE}/demos/files/gradio_api/call/reverse/${event_id}`,
          ),
        ),
      );
      assert.equal(frames[0].event, "error");
      assert.match(
        frames[0].data,
        /File refused: server file paths are not allowed/,
      );
      const run = await postJson(
        handler,
        "/demos/files/gradio_api/run/reverse",
        { data },
      );
      assert.equal(run.status, 500);
      const body = await run.text();
      assert.match(body, /File refused: server file paths are not allowed/);
      for (const m of SECRET_MARKERS) assert.doesNotMatch(body, m);
    });
    await t.step(
      "nested FileData in a non-file component is checked as well",
      async () => {
        const error = await joinError("greet", [
          { path: "/etc/passwd", meta: { _type: "gradio.FileData" } },
          1,
        ], "nested");
        assert.match(error, /^File refused: /);
      },
    );
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(
      connections,
      0,
      "the server never connected to a client-given URL",
    );
  } finally {
    listener.close();
  }
});

Deno.test("[gradio] CORS preflight: any real origin, never null", async () => {
  await using h = await gradioHarness();
  const handler = h.handler;
  const ok = await handler(
    new Request(`${BASE}/demos/greet/gradio_api/queue/join`, {
      method: "OPTIONS",
      headers: {
        Origin: "https://a.example",
        "Access-Control-Request-Method": "POST",
      },
    }),
  );
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get("access-control-allow-origin"), "*");
  assert.match(
    ok.headers.get("access-control-allow-headers")!,
    /X-Gradio-User/i,
  );
  assert.equal(ok.headers.get("access-control-allow-credentials"), null);
  const nul = await handler(
    new Request(`${BASE}/demos/greet/gradio_api/queue/join`, {
      method: "OPTIONS",
      headers: { Origin: "null", "Access-Control-Request-Method": "POST" },
    }),
  );
  assert.equal(nul.status, 403);
  assert.equal(nul.headers.get("access-control-allow-origin"), null);
});

Deno.test("[gradio] a client that goes away leaves nothing queued", async () => {
  await using h = await gradioHarness();
  const handler = h.handler;
  const join = (s: string, ms: number) =>
    postJson(handler, "/demos/slow/gradio_api/queue/join", {
      data: [ms],
      fn_index: 0,
      session_hash: s,
    }).then((r) => r.json());
  await join("busy", 300);
  await join("gone", 10);
  const res = await handler(
    new Request(`${BASE}/demos/slow/gradio_api/queue/data?session_hash=gone`),
  );
  const first = await readSse(res, 1);
  assert.equal(JSON.parse(first[0].data).msg, "estimation");
  // The stream was cancelled after one frame: its waiting event is dropped.
  const frames = await readSse(
    await handler(
      new Request(`${BASE}/demos/slow/gradio_api/queue/data?session_hash=busy`),
    ),
  );
  assert.equal(JSON.parse(frames.at(-1)!.data).msg, "close_stream");
});

Deno.test({
  name:
    "[gradio] a disconnect over a real socket drops the waiting event at once",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using h = await gradioHarness(fixtureApps(), {
      HEARTBEAT_SECONDS: "60",
    });
    const server = { url: h.serve() };
    const join = (s: string, ms: number) =>
      fetch(`${server.url}/demos/slow/gradio_api/queue/join`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ data: [ms], fn_index: 0, session_hash: s }),
      }).then((r) => r.json());
    try {
      await join("busy", 400);
      await join("leaver", 10);
      const ac = new AbortController();
      const res = await fetch(
        `${server.url}/demos/slow/gradio_api/queue/data?session_hash=leaver`,
        { signal: ac.signal },
      );
      const reader = res.body!.getReader();
      await reader.read(); // its estimation: rank 0
      ac.abort();
      await reader.cancel().catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
      await join("next", 10);
      const frames = await readSse(
        await fetch(
          `${server.url}/demos/slow/gradio_api/queue/data?session_hash=next`,
        ),
      );
      const first = JSON.parse(frames[0].data);
      assert.equal(first.msg, "estimation");
      assert.equal(
        first.rank,
        0,
        "the leaver no longer holds a place in the queue",
      );
      await readSse(
        await fetch(
          `${server.url}/demos/slow/gradio_api/queue/data?session_hash=busy`,
        ),
      );
    } finally {
      // the harness closes itself
    }
  },
});
