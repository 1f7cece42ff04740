import assert from "node:assert/strict";
import {
  ModelUnavailableError,
  Segmenter,
  UPGRADE_AFTER_IDLE_MS,
} from "./segmenter.ts";
import { ImageError } from "../image/errors.ts";
import { TimeLimitError } from "../jobs/scheduler.ts";

const FLAKY = new URL("./testdata/flaky_worker.ts", import.meta.url);
const job = (mode: number) => new Uint8Array([mode, 0, 0]);

Deno.test("segmenter - an aborted (hung) photo replaces the worker and the next photo succeeds", async () => {
  const s = new Segmenter({ workerUrl: FLAKY });
  try {
    await s.ready();
    const hung = s.segment(job(1), {}, AbortSignal.timeout(200));
    await assert.rejects(hung, (e) => (e as Error).name === "TimeoutError");
    const ok = await s.segment(job(9));
    assert.deepEqual([...ok.maskPng], [9]);
    assert.equal(s.starts, 2, "a fresh worker replaced the stopped one");
  } finally {
    s.close();
  }
});

Deno.test("segmenter - the caller's reason is what an abort rejects with", async () => {
  const s = new Segmenter({ workerUrl: FLAKY });
  try {
    await s.ready();
    const ac = new AbortController();
    const hung = s.segment(job(1), {}, ac.signal);
    setTimeout(() => ac.abort(new TimeLimitError(50)), 50);
    await assert.rejects(hung, TimeLimitError);
  } finally {
    s.close();
  }
});

Deno.test("segmenter - a crashed worker fails only the photo in flight", async () => {
  const s = new Segmenter({ workerUrl: FLAKY });
  try {
    await s.ready();
    const crashed = s.segment(job(2));
    const next = s.segment(job(7)); // runs after the crash, on a new worker
    await assert.rejects(crashed, ModelUnavailableError);
    assert.deepEqual([...(await next).maskPng], [7]);
    assert.equal(s.starts, 2);
  } finally {
    s.close();
  }
});

Deno.test("segmenter - photo errors cross the worker boundary as ImageError", async () => {
  const s = new Segmenter({ workerUrl: FLAKY });
  try {
    await assert.rejects(
      s.segment(job(3)),
      (e) => e instanceof ImageError && e.code === "corrupt_image",
    );
  } finally {
    s.close();
  }
});

Deno.test("segmenter - photos run one at a time, in order", async () => {
  const s = new Segmenter({ workerUrl: FLAKY });
  try {
    const out = await Promise.all([5, 6, 7].map((m) => s.segment(job(m))));
    assert.deepEqual(out.map((r) => r.maskPng[0]), [5, 6, 7]);
  } finally {
    s.close();
  }
});

Deno.test("segmenter - without Web Workers it runs inline, on one thread, with the real model", async () => {
  const RealWorker = globalThis.Worker;
  // deno-lint-ignore no-explicit-any
  delete (globalThis as any).Worker;
  const s = new Segmenter({ threads: 2 });
  try {
    assert.equal(s.mode, "inline");
    assert.equal(s.threads, 1);
    const manifest = await s.ready();
    assert.equal(manifest.classes.length, 3);
    const photo = await Deno.readFile(
      new URL("../../static/examples/Abyssinian_105.jpg", import.meta.url),
    );
    const r = await s.segment(photo);
    assert.deepEqual([r.width, r.height], [500, 375]);
  } finally {
    globalThis.Worker = RealWorker;
    s.close();
  }
});

Deno.test("segmenter - a worker that dies while loading fails the photo once, without a restart loop", async () => {
  const broken = new URL("./testdata/crash_on_load_worker.ts", import.meta.url);
  const s = new Segmenter({ workerUrl: broken });
  try {
    await assert.rejects(s.segment(job(9)), ModelUnavailableError);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(s.starts, 1, "no restart loop");
    assert.equal(s.state, "failed");
  } finally {
    s.close();
  }
});

Deno.test("segmenter - a model load that hangs times out", async () => {
  const hangs = new URL("./testdata/hang_on_load_worker.ts", import.meta.url);
  const s = new Segmenter({ workerUrl: hangs, loadTimeoutMs: 200 });
  try {
    await assert.rejects(s.segment(job(9)), /timed out|unavailable/);
    assert.equal(s.state, "failed");
  } finally {
    s.close();
  }
});

Deno.test("segmenter - a cold start answers on one thread, then moves to the configured threads when quiet", async () => {
  const s = new Segmenter({ threads: 2 });
  try {
    await s.ready();
    assert.equal(s.activeThreads, 1);
    const photo = await Deno.readFile(
      new URL("../../static/examples/Abyssinian_105.jpg", import.meta.url),
    );
    // Busy: it stays on one thread (two models at once would need the memory twice).
    const first: number[] = [];
    const busyUntil = Date.now() + UPGRADE_AFTER_IDLE_MS + 500;
    while (Date.now() < busyUntil) {
      first.push((await s.segment(photo)).maskPng.length);
    }
    assert.equal(s.activeThreads, 1);
    // Quiet: the two-thread worker loads and takes over, with the same result.
    const deadline = Date.now() + 60_000;
    while (s.activeThreads === 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(s.activeThreads, 2);
    const after = await s.segment(photo);
    assert.deepEqual([after.width, after.height], [500, 375]);
    assert.ok(first.every((n) => n === after.maskPng.length));
    assert.equal(s.starts, 1, "the swap is not a restart");
  } finally {
    s.close();
  }
});
