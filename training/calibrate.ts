// Activation ranges for training/quantize.py: runs the float model that `quantize prepare` wrote (every
// tensor to be quantised exposed as an output) on the calibration photos in onnxruntime-web (WASM, the
// app's runtime) and writes the min/max of each tensor over all photos to CALIB_DIR/ranges.json.
//
// deno run --allow-read --allow-write=.scratch --allow-env --allow-sys training/calibrate.ts .scratch/calib_v18
import * as ort from "onnxruntime-web";

const dir = Deno.args[0] ?? ".scratch/calib";
const spec = JSON.parse(await Deno.readTextFile(`${dir}/calib.json`));
// One thread: with 2, NanoDet-g's unoptimised calibration graph ran for 20 minutes without finishing
// (2026-12-05); on 1 thread its 96 photos take 8 s. Ranges do not depend on the thread count.
ort.env.wasm.numThreads = 1;
const s = await ort.InferenceSession.create(
  await Deno.readFile(`${dir}/calib_model.onnx`),
  { graphOptimizationLevel: "disabled" }, // keep every named tensor
);
const ranges: Record<string, [number, number]> = {};
for (const f of spec.inputs as string[]) {
  const b = await Deno.readFile(`${dir}/${f}`);
  const x = new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  const out = await s.run(
    { [spec.input]: new ort.Tensor("float32", x, spec.shape) },
    spec.tensors,
  );
  for (const name of spec.tensors as string[]) {
    const d = out[name].data as Float32Array;
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < d.length; i++) {
      if (d[i] < lo) lo = d[i];
      if (d[i] > hi) hi = d[i];
    }
    const r = ranges[name] ?? [Infinity, -Infinity];
    ranges[name] = [Math.min(r[0], lo), Math.max(r[1], hi)];
  }
}
await Deno.writeTextFile(`${dir}/ranges.json`, JSON.stringify(ranges, null, 1));
console.log(
  `${
    Object.keys(ranges).length
  } tensors over ${spec.inputs.length} photos -> ${dir}/ranges.json`,
);
