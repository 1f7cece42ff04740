import assert from "node:assert/strict";
import {
  InferenceTimeoutError,
  ModelUnavailableError,
  OverloadedError,
  Segmenter,
} from "./segmenter.ts";
import { ImageError } from "../image/errors.ts";

const FLAKY = new URL("./testdata/flaky_worker.ts", import.meta.url);
const job = (mode: number) => new Uint8Array([mode, 0, 0]);

Deno.test("segmenter - a hung job times out, the worker restarts and the next job succeeds", async () => {
  const s = new Segmenter({ workerUrl: FLAKY, timeoutMs: 300 });
  try {
    await s.ready();
    await assert.rejects(s.segment(job(1)), InferenceTimeoutError);
    const ok = await s.segment(job(9));
    assert.deepEqual([...ok.maskPng], [9]);
    assert.equal(s.starts, 2);
  } finally {
    s.close();
  }
});

Deno.test("segmenter - a crashed worker fails only the job in flight", async () => {
  const s = new Segmenter({ workerUrl: FLAKY, timeoutMs: 5000 });
  try {
    await s.ready();
    const crashed = s.segment(job(2));
    const next = s.segment(job(7)); // queued behind the crash
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

Deno.test("segmenter - a full queue refuses new work at once with a retry hint", async () => {
  const s = new Segmenter({ workerUrl: FLAKY, maxQueue: 2, timeoutMs: 200 });
  try {
    await s.ready();
    const running = s.segment(job(1)); // hangs until the time limit
    const waiting = [s.segment(job(5)), s.segment(job(6))];
    await assert.rejects(
      s.segment(job(7)),
      (e) => e instanceof OverloadedError && e.retryAfterSeconds >= 1,
    );
    await assert.rejects(running, InferenceTimeoutError);
    assert.deepEqual((await Promise.all(waiting)).map((r) => r.maskPng[0]), [
      5,
      6,
    ]);
  } finally {
    s.close();
  }
});

Deno.test("segmenter - the inline fallback (no Web Workers) segments with the real model", async () => {
  const RealWorker = globalThis.Worker;
  // deno-lint-ignore no-explicit-any
  (globalThis as any).Worker = function () {
    throw new Error("Workers are not supported here");
  };
  const s = new Segmenter({ threads: 1 });
  try {
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

Deno.test("segmenter - a worker that dies while loading fails the waiting jobs once, without a restart loop", async () => {
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

Deno.test("segmenter - a cancelled request leaves the queue", async () => {
  const s = new Segmenter({ workerUrl: FLAKY, maxQueue: 1, timeoutMs: 300 });
  try {
    await s.ready();
    const running = s.segment(job(1)); // hangs until the limit
    const ac = new AbortController();
    const waiting = s.segment(job(5), {}, ac.signal);
    assert.equal(s.full, true);
    ac.abort();
    await assert.rejects(waiting, /cancelled/);
    assert.equal(s.full, false);
    await assert.rejects(running, InferenceTimeoutError);
  } finally {
    s.close();
  }
});
