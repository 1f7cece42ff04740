// Verifies an exported model in onnxruntime-web (WASM, the runtime the app uses):
// 1. output matches PyTorch on the reference input written by training/export.py;
// 2. median inference time over N runs with 2 threads and with 1 thread.
//
// deno run --allow-read --allow-env --allow-sys training/check_onnx.ts \
//   [model.onnx=static/model/pet_unet.onnx] [refDir=training/runs/main] [runs=50] [threads=2,1]
// A thread list entry "native" also times onnxruntime-node (native, 2 threads) in the same process, as
// `deno task bench` does for the shipped model (needs --allow-ffi and --allow-net the first time).
import * as ort from "onnxruntime-web";

const modelPath = Deno.args[0] ?? "static/model/pet_unet.onnx";
const refDir = Deno.args[1] ?? "training/runs/main";
const runs = Number(Deno.args[2] ?? 50);
const manifest = JSON.parse(
  await Deno.readTextFile(modelPath.replace(/[^/]+$/, "manifest.json")),
);
const { width: W, height: H } = manifest.input;

function readF32(path: string): Float32Array | null {
  try {
    const b = Deno.readFileSync(path);
    return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  } catch {
    return null;
  }
}

/** Input of the check: the reference tensor when there is one, else noise. */
function checkInput(): Float32Array {
  return readF32(`${refDir}/check_input.f32`) ??
    Float32Array.from({ length: 3 * H * W }, () => Math.random());
}

/** Five warm-up runs, then `runs` timed ones: "median=… p10=… p90=… (n=…)". */
async function timeRuns(run: () => Promise<unknown>): Promise<string> {
  for (let i = 0; i < 5; i++) await run();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  const q = (p: number) =>
    t[Math.min(t.length - 1, Math.floor(p * t.length))].toFixed(1);
  return `median=${q(0.5)}ms p10=${q(0.1)}ms p90=${q(0.9)}ms (n=${runs})`;
}

async function bench(threads: number) {
  ort.env.wasm.numThreads = threads;
  const s = await ort.InferenceSession.create(await Deno.readFile(modelPath));
  const feed = { input: new ort.Tensor("float32", checkInput(), [1, 3, H, W]) };
  const out = await s.run(feed); // warm-up (first run allocates)
  const ref = readF32(`${refDir}/check_logits.f32`);
  const y = out.logits.data as Float32Array;
  let maxDiff = NaN;
  if (ref) {
    maxDiff = 0;
    for (let i = 0; i < y.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(y[i] - ref[i]));
    }
  }
  const times = await timeRuns(() => s.run(feed));
  console.log(
    `threads=${threads} dims=${out.logits.dims} maxAbsDiffVsTorch=${
      maxDiff.toExponential(2)
    } ${times}`,
  );
  await s.release();
}

/** The same model in onnxruntime-node (native, 2 threads), as `deno task bench` times it. */
async function benchNative() {
  const spec = "npm:onnxruntime-node@1.30.0"; // as tasks/bench.ts: loaded only when asked for
  const ortNode = await import(spec);
  const s = await ortNode.InferenceSession.create(modelPath, {
    intraOpNumThreads: 2,
  });
  const feed = {
    input: new ortNode.Tensor("float32", checkInput(), [1, 3, H, W]),
  };
  console.log(
    `native(onnxruntime-node, 2 threads) ${await timeRuns(() => s.run(feed))}`,
  );
}

const size = (await Deno.stat(modelPath)).size;
console.log(`${modelPath}: ${(size / 1e6).toFixed(2)} MB, input ${W}x${H}`);
// Thread counts to test, e.g. "2,1" (4th argument); "native" = onnxruntime-node.
for (const t of (Deno.args[3] ?? "2,1").split(",")) {
  if (t === "native") await benchNative();
  else await bench(Number(t));
}
