/**
 * @module
 * `deno task bench`: measures the model and the server and prints a table.
 * Never part of the tests. Sections: inference (WASM 1 and 2 threads vs
 * onnxruntime-node when installed), `POST /api/segment` end to end per photo
 * size, throughput under concurrency, peak RSS, cold start, first-load size.
 *
 *   deno task bench [--runs 20] [--skip-node]
 */
import { parseArgs } from "node:util";
import { decodeImage } from "../lib/image/decode.ts";
import { resizeArea } from "../lib/image/resize.ts";
import { encodeJpeg } from "../lib/segment/jpeg.ts";
import { loadModelFiles } from "../lib/model/load.ts";
import { createRunner } from "../lib/model/session.ts";
import { startServer } from "../tests/helpers/server.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string", default: "20" },
    "skip-node": { type: "boolean", default: false },
  },
});
const RUNS = Number(values.runs);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[
    Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))
  ];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const rows: [string, string][] = [];
const row = (k: string, v: string) => {
  rows.push([k, v]);
  console.error(`${k}: ${v}`);
};

// ---- 1. Inference alone -------------------------------------------------
const { manifest, model } = await loadModelFiles();
const input = new Float32Array(3 * manifest.input.width * manifest.input.height)
  .map(() => Math.random());
async function timeRunner(run: (x: Float32Array) => Promise<unknown>, n = 50) {
  for (let i = 0; i < 5; i++) await run(input);
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run(input);
    t.push(performance.now() - t0);
  }
  return pct(t, 50);
}
// onnxruntime-web keeps one global thread setting per process: measure 1T in a subprocess.
const wasm2 = await timeRunner(
  await createRunner(manifest, model, { threads: 2 }),
);
const wasm1 = await measureInSubprocess(1);
let native: number | undefined;
if (!values["skip-node"]) {
  try {
    const spec = "npm:onnxruntime-node@1.30.0";
    const ortNode = await import(spec);
    const session = await ortNode.InferenceSession.create(model, {
      intraOpNumThreads: 2,
    });
    const { name, width, height } = manifest.input;
    native = await timeRunner((x) =>
      session.run({
        [name]: new ortNode.Tensor("float32", x, [1, 3, height, width]),
      })
    );
  } catch (err) {
    console.error(
      `onnxruntime-node unavailable (${
        (err as Error).message.split("\n")[0]
      }); skipping native baseline`,
    );
  }
}
row(`inference ${manifest.input.width}² WASM 1 thread (median)`, ms(wasm1));
row(`inference ${manifest.input.width}² WASM 2 threads (median)`, ms(wasm2));
if (native !== undefined) {
  row("inference onnxruntime-node native 2 threads (median)", ms(native));
  row("WASM 2T / native ratio", `${(wasm2 / native).toFixed(2)}×`);
}

// ---- 2. Photos of several sizes ------------------------------------------
const example = await decodeImage(
  await Deno.readFile(
    new URL("../static/examples/Abyssinian_105.jpg", import.meta.url),
  ),
);
function photo(w: number, h: number): Promise<Uint8Array> {
  return encodeJpeg(resizeArea(example.image, w, h), 88);
}
const photos: [string, Uint8Array][] = [
  ["0.3 MP (640×480)", await photo(640, 480)],
  ["2 MP (1632×1224)", await photo(1632, 1224)],
  ["12 MP (4000×3000)", await photo(4000, 3000)],
];

// ---- 3. Cold start: process start → first mask ----------------------------
{
  const t0 = performance.now();
  const server = await startServer();
  const res = await post(server.url, photos[0][1]);
  await res.arrayBuffer();
  row("cold start (process start → first mask)", ms(performance.now() - t0));
  await server.stop();
}

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
  for (const [label, ms] of await browserClickToMask(server.url)) {
    row(`Chromium click → mask, ${label} (median of 5)`, ms);
  }
  row("first load of / (HTML + JS + CSS, gzip)", await firstLoad(server.url));
} finally {
  await server.stop();
}

console.log(
  `\nMachine: ${Deno.build.target}, ${navigator.hardwareConcurrency} cores · ${
    new Date().toISOString().slice(0, 10)
  } · deno ${Deno.version.deno}\n`,
);
console.log("| measure | value |\n|---|---|");
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);

/** Times Process Image → mask shown in headless Chromium, for a small and a 12 MP photo. */
async function browserClickToMask(url: string): Promise<[string, string][]> {
  const { launchBrowser, findChromium } = await import(
    "../tests/helpers/browser.ts"
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
      /<(?:script|link)[^>]+(?:src|href)="([^"]+\.(?:js|css))"/g,
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
          /(?:import|from)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g,
        )
      ) queue.push(new URL(m[1], abs).href);
    }
  }
  return `${(total / 1024).toFixed(1)} KB in ${seen.size + 1} files`;
}

async function measureInSubprocess(threads: number): Promise<number> {
  const code = `
    import { loadModelFiles } from "./lib/model/load.ts";
    import { createRunner } from "./lib/model/session.ts";
    const { manifest, model } = await loadModelFiles();
    const run = await createRunner(manifest, model, { threads: ${threads} });
    const x = new Float32Array(3 * manifest.input.width * manifest.input.height).map(() => Math.random());
    for (let i = 0; i < 5; i++) await run(x);
    const t = [];
    for (let i = 0; i < 50; i++) { const t0 = performance.now(); await run(x); t.push(performance.now() - t0); }
    t.sort((a, b) => a - b);
    console.log(t[24]);
    Deno.exit(0);`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--ext=ts", code],
    cwd: new URL("../", import.meta.url),
    stdout: "piped",
    stderr: "inherit",
  }).output();
  return Number(new TextDecoder().decode(out.stdout).trim().split("\n").pop());
}
