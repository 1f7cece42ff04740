/**
 * Abuse of what the server stores or names, through a real server process:
 * upload floods, share floods and cross-site shares, Gradio session floods,
 * forged `Host` headers and held-open event streams. Each checks the
 * refusal a flood meets and that a normal user is unaffected.
 */
import assert from "node:assert/strict";
import { startServer, type TestServer } from "./helpers/server.ts";
import { examplePhoto, imageForm, png16Rgba } from "./helpers/fixtures.ts";
import { decodeImage } from "../lib/image/decode.ts";
import { MAX_STREAMS_PER_CLIENT } from "../http/gradio/streams.ts";
import { raw } from "./helpers/attacks.ts";

const as = (ip: string, headers: Record<string, string> = {}) => ({
  "X-Forwarded-For": ip,
  ...headers,
});

async function uploadOne(
  server: TestServer,
  path: string,
  ip: string,
): Promise<{ status: number; body: string }> {
  const fd = new FormData();
  fd.append("files", new File(["x"], "x.txt", { type: "text/plain" }));
  const res = await fetch(`${server.url}${path}`, {
    method: "POST",
    body: fd,
    headers: as(ip),
  });
  return { status: res.status, body: await res.text() };
}

Deno.test("[attack] upload floods meet the per-client rate, then the global file quota", async () => {
  const server = await startServer({
    TRUST_PROXY: "1",
    UPLOAD_RATE_PER_MIN: "5",
    UPLOAD_QUOTA_FILES: "12",
  });
  try {
    const kit = "/demos/components/upload";
    const gradio = "/demos/components/gradio_api/upload";
    for (let i = 0; i < 5; i++) {
      assert.equal((await uploadOne(server, kit, "10.5.0.1")).status, 200);
    }
    const limited = await uploadOne(server, gradio, "10.5.0.1");
    assert.equal(limited.status, 429, limited.body);
    // Other addresses fill the uploads' part of the global quota (3/4 of
    // 12 files, kit and Gradio together).
    let stored = 5;
    let refused: { status: number; body: string } | undefined;
    for (let i = 0; i < 20 && !refused; i++) {
      const r = await uploadOne(server, i % 2 ? kit : gradio, `10.5.1.${i}`);
      if (r.status === 200) stored++;
      else refused = r;
    }
    assert.equal(stored, 9);
    assert.equal(refused?.status, 503, refused?.body ?? "");
    assert.match(refused!.body, /holding as many files as it can/);
    // The apps still answer with files of their own.
    const fd = new FormData();
    fd.append("data", JSON.stringify([{ path: "upload:0" }]));
    fd.append(
      "files",
      new File([(await examplePhoto()) as BlobPart], "cat.jpg"),
    );
    const call = await fetch(
      `${server.url}/demos/components/api/mirror_image`,
      { method: "POST", body: fd, headers: as("10.5.3.1") },
    );
    assert.equal(call.status, 200);
    await call.body?.cancel();
  } finally {
    await server.stop();
  }
});

Deno.test("[attack] shares: cross-site pages need an API key, each client has a rate, all share a quota, photos are downscaled", async () => {
  const server = await startServer({
    TRUST_PROXY: "1",
    SHARE_RATE_PER_HOUR: "2",
    SHARE_QUOTA_PER_DAY: "4",
    SHARE_API_KEYS: "k-test-1",
  });
  const share = (
    ip: string,
    headers: Record<string, string> = {},
    photo?: Uint8Array,
  ) =>
    examplePhoto().then((p) =>
      fetch(`${server.url}/api/segment?share=1`, {
        method: "POST",
        body: imageForm(photo ?? p, "p.png", "image/png"),
        headers: as(ip, headers),
      })
    );
  try {
    const crossSite = {
      Origin: "https://evil.example",
      "Sec-Fetch-Site": "cross-site",
    };
    const silent = await share("10.6.0.1", crossSite);
    assert.equal(silent.status, 403);
    assert.match(await silent.text(), /cross_site_share/);

    // An API client with a key may; the stored photo is at most 720 px.
    const big = await png16Rgba(2400, 1800);
    const keyed = await share(
      "10.6.0.1",
      { ...crossSite, "X-Api-Key": "k-test-1" },
      big,
    );
    assert.equal(keyed.status, 200);
    const { shareUrl } = await keyed.json();
    const photo = await fetch(`${shareUrl}/photo.jpg`);
    const { width, height } = await decodeImage(
      new Uint8Array(await photo.arrayBuffer()),
    );
    assert.ok(Math.max(width, height) <= 720, `${width}×${height}`);

    // Per client: two an hour.
    for (let i = 0; i < 2; i++) {
      const ok = await share("10.6.1.1");
      assert.equal(ok.status, 200);
      assert.ok((await ok.json()).shareUrl);
    }
    const third = await share("10.6.1.1");
    assert.equal(third.status, 429);
    assert.match(await third.text(), /share links/);

    // Globally: four a day; the mask still comes back, with the reason.
    const fourth = await share("10.6.2.1");
    assert.ok((await fourth.json()).shareUrl);
    const fifth = await share("10.6.3.1");
    assert.equal(fifth.status, 200);
    const body = await fifth.json();
    assert.equal(body.shareUrl, undefined);
    assert.equal(body.shareError.code, "quota_exceeded");
    assert.ok(body.mask);
  } finally {
    await server.stop();
  }
});

async function join(
  server: TestServer,
  session: string,
  ip: string,
): Promise<Response> {
  return await fetch(`${server.url}/demos/interface/gradio_api/queue/join`, {
    method: "POST",
    headers: as(ip, { "Content-Type": "application/json" }),
    body: JSON.stringify({
      data: ["Linh", 2],
      fn_index: 0,
      session_hash: session,
      event_data: null,
      trigger_id: null,
    }),
  });
}

Deno.test("[attack] Gradio session floods never evict a pending result; one client holds a bounded number", async () => {
  const server = await startServer({ TRUST_PROXY: "1" });
  try {
    const victim = await join(server, "victim-session", "10.7.0.1");
    assert.equal(victim.status, 200);
    await victim.body?.cancel();
    // Many addresses, many sessions (the old store dropped the oldest at 2,000).
    const floods = [];
    for (let i = 0; i < 300; i++) {
      floods.push(
        join(server, `flood-${i}`, `10.7.${1 + (i >> 8)}.${i & 255}`),
      );
      if (floods.length >= 20) {
        for (const r of await Promise.all(floods.splice(0))) {
          assert.equal(r.status, 200);
          await r.body?.cancel();
        }
      }
    }
    // One address: a bounded number of sessions with unread results.
    let refused: Response | undefined;
    for (let i = 0; i < 80 && !refused; i++) {
      const r = await join(server, `greedy-${i}`, "10.7.9.9");
      if (r.status === 200) await r.body?.cancel();
      else refused = r;
    }
    assert.ok(refused, "one client opened 80 sessions");
    assert.match(await refused.text(), /Too many open sessions/);

    const data = await fetch(
      `${server.url}/demos/interface/gradio_api/queue/data?session_hash=victim-session`,
      { headers: as("10.7.0.1") },
    );
    const text = await data.text();
    assert.match(text, /"process_completed"/);
    assert.match(text, /"success":\s*true/);
    assert.match(text, /Linh/);
  } finally {
    await server.stop();
  }
});

Deno.test("[attack] a forged Host never lands in links; a malformed one is a 400 with the usual headers", async () => {
  const server = await startServer();
  try {
    const evil = "Host: evil.example";
    const made = await raw(
      server,
      `POST /api/segment?share=1 HTTP/1.1\r\n${evil}\r\nContent-Type: image/jpeg`,
      await examplePhoto(),
    );
    assert.equal(made.status, 200, made.body);
    const shareUrl = made.body.match(/"shareUrl":"([^"]*)"/)![1];
    assert.match(shareUrl, /^\/s\/[A-Za-z0-9_-]+$/);
    assert.doesNotMatch(made.body, /evil\.example/);
    const page = await raw(server, `GET ${shareUrl} HTTP/1.1\r\n${evil}`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /evil\.example/);
    assert.doesNotMatch(page.body, /og:url/);
    const config = await raw(
      server,
      `GET /demos/interface/config HTTP/1.1\r\n${evil}`,
    );
    assert.equal(config.status, 200);
    assert.doesNotMatch(config.body, /evil\.example/);

    const bad = await raw(server, "GET / HTTP/1.1\r\nHost: bad host/..");
    assert.equal(bad.status, 400, bad.head);
    assert.match(bad.head, /x-content-type-options: nosniff/i);
    assert.match(bad.head, /content-security-policy:/i);
  } finally {
    await server.stop();
  }
});

Deno.test("[attack] one client holds a bounded number of event streams; others still get theirs", async () => {
  const server = await startServer({ TRUST_PROXY: "1" });
  const open: Response[] = [];
  try {
    const stream = (ip: string, i: number) =>
      fetch(
        `${server.url}/demos/interface/gradio_api/heartbeat/hb-${ip}-${i}`,
        { headers: as(ip) },
      );
    for (let i = 0; i < MAX_STREAMS_PER_CLIENT; i++) {
      const r = await stream("10.8.0.1", i);
      assert.equal(r.status, 200);
      open.push(r);
    }
    const extra = await stream("10.8.0.1", 99);
    assert.equal(extra.status, 429);
    assert.match(
      await extra.text(),
      /too_many_streams|Too many open event streams/,
    );
    const other = await stream("10.8.0.2", 0);
    assert.equal(other.status, 200);
    open.push(other);
    // Closing one frees a place.
    await open.shift()!.body?.cancel();
    await new Promise((r) => setTimeout(r, 200));
    const again = await stream("10.8.0.1", 100);
    assert.equal(again.status, 200);
    open.push(again);
  } finally {
    for (const r of open) await r.body?.cancel().catch(() => {});
    await server.stop();
  }
});
