// Verifies an exported model in onnxruntime-web (WASM, the runtime the app uses):
// 1. output matches PyTorch on the reference input written by training/export.py;
// 2. median inference time over N runs with 2 threads and with 1 thread.
//
// deno run --allow-read --allow-env --allow-sys training/check_onnx.ts \
//   [model.onnx=static/model/pet_unet.onnx] [refDir=training/runs/main] [runs=50] [threads=2,1]
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

async function bench(threads: number) {
  ort.env.wasm.numThreads = threads;
  const s = await ort.InferenceSession.create(await Deno.readFile(modelPath));
  const x = readF32(`${refDir}/check_input.f32`) ??
    Float32Array.from({ length: 3 * H * W }, () => Math.random());
  const feed = { input: new ort.Tensor("float32", x, [1, 3, H, W]) };
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
  for (let i = 0; i < 5; i++) await s.run(feed);
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await s.run(feed);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  const q = (p: number) =>
    t[Math.min(t.length - 1, Math.floor(p * t.length))].toFixed(1);
  console.log(
    `threads=${threads} dims=${out.logits.dims} maxAbsDiffVsTorch=${
      maxDiff.toExponential(2)
    } ` +
      `median=${q(0.5)}ms p10=${q(0.1)}ms p90=${q(0.9)}ms (n=${runs})`,
  );
  await s.release();
}

const size = (await Deno.stat(modelPath)).size;
console.log(`${modelPath}: ${(size / 1e6).toFixed(2)} MB, input ${W}x${H}`);
// Thread counts to test, e.g. "2,1" (4th argument).
for (const t of (Deno.args[3] ?? "2,1").split(",")) await bench(Number(t));
