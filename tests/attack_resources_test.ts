/**
 * Attacks on the server's resources, through a real server process: slow
 * uploads, untrusted decodes in the demo apps, and image bombs inside the
 * limits. Each checks what a normal user sees meanwhile and the server's
 * peak memory (VmHWM). Bounds are loose for a busy 2-core machine; the
 * timings themselves are in `deno task bench --only attack`.
 */
import assert from "node:assert/strict";
import { startServer, type TestServer } from "./helpers/server.ts";
import {
  deepProgressiveJpeg,
  examplePhoto,
  png16Rgba,
  pngBomb,
  webpLosslessClaiming,
} from "./helpers/fixtures.ts";
import { BODY_CAPS } from "../http/request.ts";
import { peakRssMb, slowUpload } from "./helpers/attacks.ts";

/** Peak RSS the issue allows for any admitted input, plus slack for noise. */
const RSS_BOUND_MB = 450;

async function segment(
  server: TestServer,
  body: Uint8Array,
  type: string,
  forwardedFor = "10.1.1.1",
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/api/segment`, {
    method: "POST",
    body: body as BodyInit,
    headers: { "Content-Type": type, "X-Forwarded-For": forwardedFor },
  });
  return { status: res.status, json: await res.json() };
}

Deno.test("[attack] slow uploads: others keep being served, slow bodies are cut off, one client holds at most a few", async () => {
  const server = await startServer({ TRUST_PROXY: "1" });
  const attackers: Awaited<ReturnType<typeof slowUpload>>[] = [];
  try {
    // Eight addresses dribbling 1 MB bodies, and one address at its cap.
    for (let i = 0; i < 8; i++) {
      attackers.push(await slowUpload(server, `10.66.0.${i + 1}`));
    }
    for (let i = 0; i < BODY_CAPS.perClient; i++) {
      attackers.push(await slowUpload(server, "10.66.1.1"));
    }
    // Give the server time to start reading them all.
    await new Promise((r) => setTimeout(r, 2000));
    const oneTooMany = await slowUpload(server, "10.66.1.1");
    assert.equal(await oneTooMany.status, 429, "the same client's next upload");
    oneTooMany.stop();

    // A normal user meanwhile.
    const photo = await examplePhoto();
    const normal = await segment(server, photo, "image/jpeg");
    assert.equal(normal.status, 200, JSON.stringify(normal.json));

    // The slow bodies are cut off (minimum rate after a grace period).
    const statuses = await Promise.all(attackers.map((a) => a.status));
    assert.deepEqual(new Set(statuses), new Set([408]));
    const again = await segment(server, photo, "image/jpeg", "10.66.1.1");
    assert.equal(again.status, 200, "the attacker's address may upload again");
    assert.ok(peakRssMb(server) < RSS_BOUND_MB, `${peakRssMb(server)} MB`);
  } finally {
    for (const a of attackers) a.stop();
    await server.stop();
  }
});

Deno.test("[attack] demo apps decode uploads off the event loop, and refuse costly files", async () => {
  const server = await startServer();
  try {
    const call = async (file: Uint8Array, name: string) => {
      const fd = new FormData();
      fd.append("data", JSON.stringify([{ path: "upload:0" }]));
      fd.append("files", new File([file as BlobPart], name));
      const res = await fetch(
        `${server.url}/demos/components/api/mirror_image`,
        { method: "POST", body: fd },
      );
      return { status: res.status, json: await res.json() };
    };
    // A 12 MP 16-bit PNG (534 KB, 96 MB decoded) — the server stays responsive.
    const heavy = call(await png16Rgba(4000, 3000), "deep.png");
    let done = false;
    heavy.finally(() => (done = true));
    let worst = 0;
    while (!done) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/healthz`);
      await res.body?.cancel();
      worst = Math.max(worst, performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
    const mirrored = await heavy;
    assert.equal(mirrored.status, 200, JSON.stringify(mirrored.json));
    const details = (mirrored.json.data as Record<string, unknown>[])[2];
    assert.deepEqual([details.width, details.height], [4000, 3000]);
    assert.ok(worst < 2000, `/healthz took ${worst} ms during the decode`);

    // A progressive JPEG with 150 scans is refused before decoding.
    const deep = await call(
      await deepProgressiveJpeg(4000, 3000, 150),
      "deep.jpg",
    );
    assert.equal(deep.status, 422, JSON.stringify(deep.json));
    assert.match(JSON.stringify(deep.json), /more than 100 scans/);
    assert.ok(peakRssMb(server) < RSS_BOUND_MB, `${peakRssMb(server)} MB`);
  } finally {
    await server.stop();
  }
});

Deno.test("[attack] image bombs inside the limits: answered or refused, within the memory bound", async () => {
  // Distinct addresses: one address may send only a few bodies at once.
  const server = await startServer({ MAX_QUEUE: "16", TRUST_PROXY: "1" });
  try {
    // 38 KB of PNG that is 6000×6600 gray (40 MP, the most admitted).
    const gray = await segment(server, await pngBomb(6000, 6600), "image/png");
    assert.equal(gray.status, 200, JSON.stringify(gray.json));
    assert.ok(peakRssMb(server) < RSS_BOUND_MB, `${peakRssMb(server)} MB`);

    // 84 bytes of lossless WebP claiming 16383×2441: 306 MB to decode.
    const webp = await segment(
      server,
      webpLosslessClaiming(16383, 2441),
      "image/webp",
    );
    assert.equal(webp.status, 422);
    assert.match(JSON.stringify(webp.json), /too large to decode/);

    // 2 KB of progressive JPEG with 150 scans.
    const deep = await segment(
      server,
      await deepProgressiveJpeg(4000, 3000, 150),
      "image/jpeg",
    );
    assert.equal(deep.status, 422);
    assert.match(JSON.stringify(deep.json), /more than 100 scans/);

    // Eight 16-bit RGBA PNGs at once (96 MB each decoded), and a normal user.
    const png16 = await png16Rgba(4000, 3000);
    const bombs = Array.from(
      { length: 8 },
      (_, i) => segment(server, png16, "image/png", `10.77.0.${i}`),
    );
    const normal = await segment(server, await examplePhoto(), "image/jpeg");
    assert.equal(normal.status, 200);
    for (const r of await Promise.all(bombs)) {
      assert.equal(r.status, 200, JSON.stringify(r.json));
    }
    assert.ok(peakRssMb(server) < RSS_BOUND_MB, `${peakRssMb(server)} MB`);
  } finally {
    await server.stop();
  }
});
