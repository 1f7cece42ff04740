import assert from "node:assert/strict";
import { trickle } from "./helpers/attacks.ts";
import { startServer } from "./helpers/server.ts";
import { examplePhoto } from "./helpers/fixtures.ts";

function post(url: string, photo: Uint8Array, query = "", from = "") {
  return fetch(`${url}/api/segment${query}`, {
    method: "POST",
    body: photo as BodyInit,
    headers: {
      "Content-Type": "image/jpeg",
      Accept: "image/png",
      ...(from ? { "X-Forwarded-For": from } : {}),
    },
  });
}

Deno.test("[load] 500 requests at concurrency 32: no errors, excess shed with 503 + Retry-After, memory bounded", async () => {
  // 32 users, each at their own address (one address may send only a few
  // bodies at once).
  const server = await startServer({ MAX_QUEUE: "8", TRUST_PROXY: "1" });
  const photo = await examplePhoto();
  const counts = new Map<number, number>();
  let dropped = 0, missingRetryAfter = 0, next = 0;
  const deadline = Date.now() + 120_000;
  try {
    await Promise.all(Array.from({ length: 32 }, async (_, user) => {
      while (next < 500 && Date.now() < deadline) {
        next++;
        try {
          const res = await post(server.url, photo, "", `10.32.0.${user}`);
          counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
          if (res.status === 503 && !res.headers.get("retry-after")) {
            missingRetryAfter++;
          }
          await res.arrayBuffer();
        } catch {
          dropped++;
        }
      }
    }));
    const rss = Number(
      Deno.readTextFileSync(`/proc/${server.child.pid}/status`).match(
        /VmHWM:\s+(\d+)/,
      )?.[1],
    ) / 1024;
    const summary = JSON.stringify(Object.fromEntries(counts));
    assert.equal(dropped, 0, `dropped connections; statuses ${summary}`);
    for (const status of counts.keys()) {
      assert.ok(
        status === 200 || status === 503,
        `unexpected ${status} in ${summary}`,
      );
    }
    assert.ok((counts.get(200) ?? 0) > 0, summary);
    assert.equal(missingRetryAfter, 0);
    assert.equal([...counts.values()].reduce((a, b) => a + b, 0), 500);
    assert.ok(rss < 600, `peak RSS ${rss.toFixed(0)} MB`);
  } finally {
    await server.stop();
  }
});

Deno.test("[faults] with Deno KV unavailable, segmentation works and sharing answers 503", async () => {
  // The server may write only ./data, so a KV file elsewhere cannot be opened.
  const server = await startServer({ KV_PATH: "/proc/forbidden/app.sqlite" });
  try {
    const photo = await examplePhoto();
    const res = await fetch(`${server.url}/api/segment?share=1`, {
      method: "POST",
      body: photo as BodyInit,
      headers: { "Content-Type": "image/jpeg" },
    });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.width, 500);
    assert.equal(body.shareUrl, undefined);
    assert.equal(body.shareError.code, "share_unavailable");
    const page = await fetch(`${server.url}/s/AAAAAAAAAAAAAAAAAAAAAA`);
    assert.equal(page.status, 503);
    assert.match(await page.text(), /Sharing is unavailable/);
  } finally {
    await server.stop();
  }
});

Deno.test("[faults] SIGTERM: in-flight requests finish, then the process exits cleanly", async () => {
  const server = await startServer();
  const photo = await examplePhoto();
  const slow = trickle(photo, 8192, 30);
  const inFlight = fetch(`${server.url}/api/segment`, {
    method: "POST",
    body: slow,
    headers: { "Content-Type": "image/jpeg" },
  });
  await new Promise((r) => setTimeout(r, 150));
  server.child.kill("SIGTERM");
  const res = await inFlight;
  assert.equal(
    res.status,
    200,
    `${await res.clone().text()}\n${server.output()}`,
  );
  assert.equal((await res.json()).width, 500);
  const status = await server.child.status;
  assert.equal(status.code, 0);
  await fetch(`${server.url}/healthz`).then(
    (r) => {
      r.body?.cancel();
      assert.fail("still accepting connections after SIGTERM");
    },
    () => {},
  );
  await server.stop();
});

Deno.test("[faults] SIGINT (how Deno Deploy stops an instance): drains within the 5 s before SIGKILL, even with an event stream open", async () => {
  const server = await startServer();
  // A long-lived event stream, as a Gradio client keeps open…
  const join = await fetch(
    `${server.url}/demos/interface/gradio_api/queue/join`,
    {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        data: ["x", 1],
        fn_index: 0,
        session_hash: "drain",
      }),
    },
  );
  await join.body?.cancel();
  const heartbeat = await fetch(
    `${server.url}/demos/interface/gradio_api/heartbeat/drain`,
  );
  const stream = heartbeat.body!.getReader();
  await stream.read();
  // …and a photo still being uploaded.
  const photo = await examplePhoto();
  const slow = trickle(photo, 8192, 30);
  const inFlight = fetch(`${server.url}/api/segment`, {
    method: "POST",
    body: slow,
    headers: { "Content-Type": "image/jpeg" },
  });
  await new Promise((r) => setTimeout(r, 150));
  const t0 = performance.now();
  server.child.kill("SIGINT");
  const res = await inFlight;
  assert.equal(res.status, 200, await res.clone().text());
  await res.body?.cancel();
  const status = await server.child.status;
  const took = performance.now() - t0;
  assert.equal(status.code, 0);
  assert.ok(took < 4_500, `stopped in ${took.toFixed(0)} ms`);
  // The open stream ended instead of holding the instance up.
  while (!(await stream.read()).done) { /* drain */ }
  await server.stop();
});
