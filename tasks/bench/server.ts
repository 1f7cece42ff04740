/**
 * @module
 * The server end to end: `POST /api/segment` latency per photo size,
 * throughput at several concurrencies, peak RSS, Process Image → mask in
 * Chromium, and the first load of the page.
 */
import { startServer } from "../../tests/helpers/server.ts";
import { photo } from "./photos.ts";
import { ms, pct, type Row } from "./stats.ts";

/** The server section's rows. */
export async function serverRows(RUNS: number): Promise<Row[]> {
  const rows: Row[] = [];
  const row = (k: string, v: string) => rows.push([k, v]);
  const photos: [string, Uint8Array][] = [
    ["0.3 MP (640×480)", await photo(640, 480)],
    ["2 MP (1632×1224)", await photo(1632, 1224)],
    ["12 MP (4000×3000)", await photo(4000, 3000)],
  ];
  const server = await startServer({ MAX_QUEUE: "64" });
  try {
    for (const [label, bytes] of photos) {
      const t: number[] = [];
      for (let i = 0; i < RUNS + 2; i++) {
        const t0 = performance.now();
        const res = await post(server.url, bytes);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${label}: ${res.status}`);
        if (i >= 2) t.push(performance.now() - t0);
      }
      row(
        `POST /api/segment ${label} p50 / p95 (n=${RUNS})`,
        `${ms(pct(t, 50))} / ${ms(pct(t, 95))}`,
      );
    }
    // ---- 4. Throughput at concurrency -------------------------------------
    for (const c of [1, 4, 16]) {
      const n = Math.max(c * 4, 24);
      let next = 0, ok = 0, shed = 0;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: c }, async () => {
        while (next < n) {
          next++;
          const res = await post(server.url, photos[1][1]);
          await res.arrayBuffer();
          if (res.ok) ok++;
          else shed++;
        }
      }));
      const s = (performance.now() - t0) / 1000;
      row(
        `throughput 2 MP at concurrency ${c}`,
        `${(ok / s).toFixed(1)} req/s (${shed} shed)`,
      );
    }
    row("peak RSS of the server (VmHWM)", peakRss(server.child.pid));
    for (const [label, t] of await browserClickToMask(server.url, photos)) {
      row(`Chromium click → mask, ${label} (median of 5)`, t);
    }
    row("first load of / (HTML + JS + CSS, gzip)", await firstLoad(server.url));
  } finally {
    await server.stop();
  }

  return rows;
}

/** Times Process Image → mask shown in headless Chromium, for a small and a 12 MP photo. */
async function browserClickToMask(
  url: string,
  photos: [string, Uint8Array][],
): Promise<[string, string][]> {
  const { launchBrowser, findChromium } = await import(
    "../../tests/helpers/browser.ts"
  );
  if (!findChromium()) return [["(no Chromium)", "n/a"]];
  const dir = await Deno.makeTempDir();
  const browser = await launchBrowser();
  const out: [string, string][] = [];
  try {
    for (const [label, bytes] of [photos[0], photos[2]]) {
      const file = `${dir}/photo.jpg`;
      await Deno.writeFile(file, bytes);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const page = await browser.newPage();
        await page.goto(url, { waitUntil: "networkidle0" });
        const input = await page.$("#image-upload input[type=file]");
        await input!.uploadFile(file);
        await page.waitForSelector("#image-upload img.bk-image");
        const t0 = performance.now();
        await page.click("#process button");
        await page.waitForSelector("#mask-output img", { timeout: 60_000 });
        times.push(performance.now() - t0);
        await page.close();
      }
      out.push([label, ms(pct(times, 50))]);
    }
  } finally {
    await browser.close();
    await Deno.remove(dir, { recursive: true });
  }
  return out;
}

function post(url: string, bytes: Uint8Array) {
  return fetch(`${url}/api/segment`, {
    method: "POST",
    body: bytes as BodyInit,
    headers: { "Content-Type": "image/jpeg", Accept: "image/png" },
  });
}

function peakRss(pid: number): string {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const kb = Number(status.match(/VmHWM:\s+(\d+)/)?.[1]);
    return `${(kb / 1024).toFixed(0)} MB`;
  } catch {
    return "n/a";
  }
}

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return (await new Response(stream).arrayBuffer()).byteLength;
}

async function firstLoad(url: string): Promise<string> {
  const html = await (await fetch(url)).text();
  const assets = new Set<string>();
  for (
    const m of html.matchAll(
      /<(?:script|link)[^>]+(?:src|href)="([^"]+\.(?:js|css)(?:\?[^"]*)?)"/g,
    )
  ) assets.add(m[1]);
  for (
    const m of html.matchAll(/import\s*(?:[^"']*from\s*)?["']([^"']+\.js)["']/g)
  ) assets.add(m[1]);
  let total = await gzipSize(new TextEncoder().encode(html));
  const seen = new Set<string>();
  const queue = [...assets];
  while (queue.length) {
    const a = queue.shift()!;
    const abs = new URL(a, url).href;
    if (seen.has(abs)) continue;
    seen.add(abs);
    const body = new Uint8Array(await (await fetch(abs)).arrayBuffer());
    total += await gzipSize(body);
    if (abs.endsWith(".js")) {
      const text = new TextDecoder().decode(body);
      for (
        const m of text.matchAll(
          // Static imports only: an `import("./chunk.js")` loads on demand.
          /(?:import|from)\s*["'](\.{1,2}\/[^"']+\.js)["']/g,
        )
      ) queue.push(new URL(m[1], abs).href);
    }
  }
  return `${(total / 1024).toFixed(1)} KB in ${seen.size + 1} files`;
}
