/**
 * @module
 * What running at the edge costs: cold start to first mask (both thread
 * settings, median of 5), peak RSS for the worst photo the limits admit and
 * for 8 concurrent 12 MP photos, and the latency a Gradio call gains by
 * going through KV (one instance vs two behind a round-robin front).
 */
import { Client } from "@gradio/client";
import { SERVER_FLAGS } from "../flags.ts";
import { startServer } from "../../tests/helpers/server.ts";
import { startCluster } from "../../tests/helpers/cluster.ts";
import { photo, syntheticJpeg, syntheticPng } from "./photos.ts";
import { median, ms, type Row } from "./stats.ts";

/** Process start → first mask answered, `runs` times; the median. */
async function coldStart(threads: number, runs = 5): Promise<number[]> {
  const bytes = await photo(640, 480);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const t0 = performance.now();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", ...SERVER_FLAGS, "tasks/serve.ts"],
      env: {
        PORT: String(port),
        LISTEN_HOST: "127.0.0.1",
        KV_PATH: ":memory:",
        ORT_THREADS: String(threads),
      },
      stdout: "null",
      stderr: "null",
    }).spawn();
    for (;;) {
      if (performance.now() - t0 > 60_000) {
        child.kill("SIGTERM");
        await child.status;
        throw new Error(
          "cold start: the server gave no mask within 60 s (is MODEL_DIR readable under --allow-read=.?)",
        );
      }
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/segment`, {
          method: "POST",
          body: bytes as BodyInit,
          headers: { "Content-Type": "image/jpeg", Accept: "image/png" },
        });
        await res.body?.cancel();
        if (res.ok) break;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 5));
    }
    times.push(performance.now() - t0);
    child.kill("SIGTERM");
    await child.status;
  }
  return times;
}

function vmHwm(pid: number): number {
  const s = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(s.match(/VmHWM:\s+(\d+)/)![1]) / 1024;
}

/** Peak RSS of a fresh server segmenting `n` copies of `bytes` at once. */
async function peakFor(
  bytes: Uint8Array,
  type: string,
  n: number,
): Promise<{ peak: number; idle: number; statuses: number[] }> {
  const server = await startServer({ MAX_QUEUE: "16" });
  try {
    const idle = vmHwm(server.child.pid);
    const res = await Promise.all(
      Array.from({ length: n }, () =>
        fetch(`${server.url}/api/segment`, {
          method: "POST",
          body: bytes as BodyInit,
          headers: { "Content-Type": type, Accept: "image/png" },
        })),
    );
    const statuses = [];
    for (const r of res) {
      statuses.push(r.status);
      await r.body?.cancel();
    }
    return { peak: vmHwm(server.child.pid), idle, statuses };
  } finally {
    await server.stop();
  }
}

/** Median `@gradio/client` predict latency of the greet demo at `base`. */
async function greetLatency(base: string, n = 30): Promise<number> {
  const client = await Client.connect(`${base}/demos/interface`);
  const t: number[] = [];
  for (let i = 0; i < n + 3; i++) {
    const t0 = performance.now();
    await client.predict("/greet", ["Linh", 1]);
    if (i >= 3) t.push(performance.now() - t0);
  }
  try {
    client.close();
  } catch { /* already closed */ }
  return median(t);
}

/** The edge section's rows. */
export async function edgeRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const threads of [1, 2]) {
    const t = await coldStart(threads);
    rows.push([
      `cold start → first mask, ORT_THREADS=${threads} (median of 5; all runs)`,
      `${ms(median(t))} (${t.map((x) => x.toFixed(0)).join(", ")} ms)`,
    ]);
  }
  const cases: [string, Uint8Array, string, number][] = [
    [
      "40 MP PNG (worst admitted photo), 1",
      syntheticPng(6000, 6600),
      "image/png",
      1,
    ],
    [
      "40 MP baseline JPEG, 1",
      await syntheticJpeg(6000, 6600, false),
      "image/jpeg",
      1,
    ],
    [
      "12 MP progressive JPEG × 8 at once",
      await syntheticJpeg(4000, 3000, true),
      "image/jpeg",
      8,
    ],
    [
      "12 MP baseline JPEG × 8 at once",
      await syntheticJpeg(4000, 3000, false),
      "image/jpeg",
      8,
    ],
  ];
  for (const [label, bytes, type, n] of cases) {
    const r = await peakFor(bytes, type, n);
    rows.push([
      `peak RSS, ${label}`,
      `${r.peak.toFixed(0)} MB (after start ${r.idle.toFixed(0)} MB; ${
        [...new Set(r.statuses)].join("/")
      })`,
    ]);
  }
  const one = await startServer();
  let single: number;
  try {
    single = await greetLatency(one.url);
  } finally {
    await one.stop();
  }
  const cluster = await startCluster(2);
  let two: number;
  try {
    two = await greetLatency(cluster.url);
  } finally {
    await cluster.stop();
  }
  rows.push([
    "Gradio call (@gradio/client greet) p50: 1 instance / 2 behind the front",
    `${ms(single)} / ${ms(two)} (KV poll cost ≈ ${ms(two - single)})`,
  ]);
  return rows;
}
