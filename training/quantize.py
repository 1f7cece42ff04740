"""Static int8 quantisation (QDQ) of an exported model, calibrated on training photos only.

No ONNX quantiser is installable here (onnxruntime's Python tools come from PyPI), so this writes the
QuantizeLinear/DequantizeLinear pairs itself with the onnx API, in the layout onnxruntime's own
`quantize_static(quant_format=QDQ)` produces and its graph optimiser turns into integer kernels
(QLinearConv, QLinearAdd, ...):

- weights: int8, symmetric, one scale per output channel (DequantizeLinear axis 0);
- biases: int32 with scale input_scale x weight_scale (zero point 0);
- activations: uint8, asymmetric, one scale per tensor, from the min/max over the calibration photos
  (ranges always include 0; ReLU/ReLU6 outputs then get zero point 0, so onnxruntime can drop the
  Relu/Clip into the quantised Conv); a Resize output shares its input's parameters, so the Resize runs on
  uint8 directly;
- every tensor that a Conv, Add, Concat or Resize reads gets one Q->DQ pair; the logits stay float
  unless --quantize-logits.

Three steps (the middle one runs the float model in onnxruntime-web, the runtime the app uses):

    /usr/bin/python3 -W ignore -m training.quantize prepare training/runs/v18/onnx .scratch/calib_v18
    deno run --allow-read --allow-write=.scratch --allow-env --allow-sys training/calibrate.ts .scratch/calib_v18
    /usr/bin/python3 -W ignore -m training.quantize build training/runs/v18/onnx .scratch/calib_v18 training/runs/v18/int8

`prepare` draws the calibration photos from the TRAINING split only (the 240 human-labelled training
photos and the kept pseudo-labelled training photos, as train.py splits them with split seed 0; never the
60 validation photos, the 300 pseudo hold-out photos or real-test), resizes them the app's way (area
average of the 224-px copy to the model's input size) and normalises them with the manifest's mean/std;
it also writes a copy of the float model that outputs every tensor to be calibrated. `build` writes
pet_unet.onnx + manifest.json (same input, same preprocessing) into the output folder.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from PIL import Image

from .data import build_cache, pseudo_filter, split_pseudo, split_real

QUANTIZED_READERS = ("Conv", "Add", "Concat", "Resize")


def _consumers(graph) -> dict[str, list]:
    out: dict[str, list] = {}
    for n in graph.node:
        for i in n.input:
            out.setdefault(i, []).append(n)
    return out


def _quantized_inputs(n) -> list[str]:
    """The inputs of node n that are activations to quantise: a Conv's or Resize's data input, all of an
    Add's or Concat's."""
    if n.op_type in ("Conv", "Resize"):
        return [n.input[0]]
    if n.op_type in ("Add", "Concat"):
        return list(n.input)
    return []


def activations_to_quantize(model: onnx.ModelProto, quantize_logits: bool = False) -> list[str]:
    """Non-constant tensors read by a Conv/Add/Concat/Resize (plus the logits on request), in graph order."""
    g = model.graph
    consts = {t.name for t in g.initializer} | {o for n in g.node if n.op_type == "Constant" for o in n.output}
    read = {t for n in g.node for t in _quantized_inputs(n)}
    outs = {o.name for o in g.output}
    names = [i.name for i in g.input] + [o for n in g.node for o in n.output]
    return [t for t in names if t and t not in consts and (t in read or (quantize_logits and t in outs))]


def calibration_photos(data: str, cache: str, n_human: int, n_pseudo: int, seed: int = 0) -> list[np.ndarray]:
    """n_human + n_pseudo uint8 224-px photos from train.py's training split (split seed 0)."""
    d = np.load(build_cache(data, cache, 224))
    tr, _ = split_real(d["real_names"], 60, 0)
    ptr, _ = split_pseudo(d["pseudo_names"], 300, 0)
    keep = pseudo_filter(d["pseudo_area"], d["pseudo_unsure_rel"], max_unsure_rel=0.6)
    ptr = ptr[keep[ptr]]
    rng = np.random.default_rng(seed)
    hi = np.sort(rng.choice(tr, n_human, replace=False))
    pi = np.sort(rng.choice(ptr, n_pseudo, replace=False))
    real, pseudo = d["real_img"], d["pseudo_img"]  # each NpzFile access reads the whole array again
    return [real[i] for i in hi] + [pseudo[i] for i in pi]


def prepare(model_dir: Path, calib_dir: Path, data: str = "data/pets", cache: str = "training/runs/cache",
            n_human: int = 48, n_pseudo: int = 48) -> None:
    man = json.loads((model_dir / "manifest.json").read_text())
    w, h = man["input"]["width"], man["input"]["height"]
    mean = np.array(man["input"]["mean"], np.float32)
    std = np.array(man["input"]["std"], np.float32)
    calib_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for k, img in enumerate(calibration_photos(data, cache, n_human, n_pseudo)):
        small = np.asarray(Image.fromarray(img).resize((w, h), Image.BOX), np.float32) / 255.0
        x = ((small - mean) / std).transpose(2, 0, 1)[None].astype(np.float32)
        f = f"calib_{k:03d}.f32"
        x.tofile(calib_dir / f)
        files.append(f)
    model = onnx.load(str(model_dir / man["file"]))
    names = activations_to_quantize(model, quantize_logits=True)
    model = onnx.shape_inference.infer_shapes(model)
    vi = {v.name: v for v in list(model.graph.value_info) + list(model.graph.input) + list(model.graph.output)}
    have = {o.name for o in model.graph.output}
    for t in names:
        if t not in have:
            model.graph.output.append(vi[t])
    onnx.save(model, str(calib_dir / "calib_model.onnx"))
    (calib_dir / "calib.json").write_text(json.dumps(
        {"inputs": files, "shape": [1, 3, h, w], "input": man["input"]["name"], "tensors": names}, indent=1))
    print(f"{len(files)} calibration photos and a model with {len(names)} outputs in {calib_dir}")


def _qparams_u8(lo: float, hi: float) -> tuple[float, int]:
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    scale = (hi - lo) / 255.0 if hi > lo else 1.0
    zp = int(round(-lo / scale))
    return float(scale), int(np.clip(zp, 0, 255))


def build(model_dir: Path, calib_dir: Path, out_dir: Path, quantize_logits: bool = False,
          weights: str = "s8-channel") -> dict:
    """weights: "s8-channel" (onnxruntime's default for Conv: int8, symmetric, per output channel),
    "s8-tensor" (one scale per conv) or "u8-tensor" (uint8, asymmetric, one scale per conv). One scale
    per conv ruins MobileNet's depthwise layers, whose channels differ in range by orders of magnitude
    (v18 on the 60 validation photos through the app: mIoU 0.31 with u8-tensor vs 0.740 per channel)."""
    man = json.loads((model_dir / "manifest.json").read_text())
    model = onnx.load(str(model_dir / man["file"]))
    ranges = json.loads((calib_dir / "ranges.json").read_text())
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    targets = activations_to_quantize(model, quantize_logits)
    qp = {t: _qparams_u8(*ranges[t]) for t in targets}
    # A Resize output carries its input's quantisation (onnxruntime then resizes the uint8 tensor).
    for n in g.node:
        if n.op_type == "Resize" and n.output[0] in qp and n.input[0] in qp:
            qp[n.output[0]] = qp[n.input[0]]

    new_nodes, new_inits = [], []

    def const(name: str, arr: np.ndarray) -> str:
        new_inits.append(numpy_helper.from_array(arr, name))
        return name

    dq_name = {}
    for t, (s, z) in qp.items():
        sn, zn = const(f"{t}_scale", np.array(s, np.float32)), const(f"{t}_zp", np.array(z, np.uint8))
        new_nodes.append(helper.make_node("QuantizeLinear", [t, sn, zn], [f"{t}_q"], name=f"{t}_Q"))
        new_nodes.append(helper.make_node("DequantizeLinear", [f"{t}_q", sn, zn], [f"{t}_dq"], name=f"{t}_DQ"))
        dq_name[t] = f"{t}_dq"

    nodes = [x for x in new_nodes if x.input[0] in {i.name for i in g.input}  # graph inputs' pairs first
             or x.input[0] in {f"{i.name}_q" for i in g.input}]
    n_conv = 0
    for n in g.node:
        if n.op_type in QUANTIZED_READERS:
            ins = [dq_name.get(i, i) if i in _quantized_inputs(n) else i for i in n.input]
            if n.op_type == "Conv" and n.input[0] in qp and n.input[1] in inits:
                n_conv += 1
                w = numpy_helper.to_array(inits[n.input[1]]).astype(np.float32)
                cout = w.shape[0]
                if weights == "u8-tensor":  # asymmetric uint8, one scale
                    lo, hi = min(float(w.min()), 0.0), max(float(w.max()), 0.0)
                    s_ = (hi - lo) / 255.0 or 1e-8
                    z_ = int(np.clip(round(-lo / s_), 0, 255))
                    ws = np.full(cout, s_, np.float32)
                    wq = np.clip(np.round(w / s_) + z_, 0, 255).astype(np.uint8)
                    wsc, wzp = np.array(s_, np.float32), np.array(z_, np.uint8)
                else:  # symmetric int8, per output channel or one scale
                    amax = np.abs(w.reshape(cout, -1)).max(1)
                    if weights == "s8-tensor":
                        amax = np.full(cout, amax.max())
                    ws = np.where(amax > 0, amax / 127.0, 1e-8).astype(np.float32)
                    wq = np.clip(np.round(w / ws.reshape(-1, 1, 1, 1)), -127, 127).astype(np.int8)
                    per_tensor = weights == "s8-tensor"
                    wsc = np.array(ws[0], np.float32) if per_tensor else ws
                    wzp = np.array(0, np.int8) if per_tensor else np.zeros(cout, np.int8)
                base = n.input[1]
                axis = {} if wsc.ndim == 0 else {"axis": 0}
                nodes.append(helper.make_node(
                    "DequantizeLinear", [const(f"{base}_q", wq), const(f"{base}_wscale", wsc),
                                         const(f"{base}_wzp", wzp)],
                    [f"{base}_dq"], name=f"{base}_DQ", **axis))
                ins[1] = f"{base}_dq"
                if len(n.input) > 2 and n.input[2] in inits:
                    b = numpy_helper.to_array(inits[n.input[2]]).astype(np.float64)
                    bs = qp[n.input[0]][0] * ws.astype(np.float64)
                    bn = n.input[2]
                    nodes.append(helper.make_node(
                        "DequantizeLinear", [const(f"{bn}_q", np.round(b / bs).astype(np.int32)),
                                             const(f"{bn}_bscale", bs.astype(np.float32)),
                                             const(f"{bn}_bzp", np.zeros(w.shape[0], np.int32))],
                        [f"{bn}_dq"], axis=0, name=f"{bn}_DQ"))
                    ins[2] = f"{bn}_dq"
            n2 = helper.make_node(n.op_type, ins, list(n.output), name=n.name)
            n2.attribute.extend(n.attribute)
            nodes.append(n2)
        else:
            nodes.append(n)
        for o in n.output:  # the tensor's Q/DQ pair right after its producer
            if o in qp:
                nodes.extend(x for x in new_nodes if x.name in (f"{o}_Q", f"{o}_DQ"))
    for o in [o.name for o in g.output if o.name in qp]:
        # quantised logits: the producer writes o_f, the Q reads it, the DQ writes the graph output o
        for x in nodes:
            if x.name == f"{o}_DQ":
                x.output[:] = [o]
            else:
                x.output[:] = [f"{o}_f" if v == o else v for v in x.output]
                x.input[:] = [f"{o}_f" if v == o else v for v in x.input]
    used = {i for x in nodes for i in x.input}
    keep_inits = [t for t in g.initializer if t.name in used]
    del g.node[:]
    g.node.extend(nodes)
    del g.initializer[:]
    g.initializer.extend(keep_inits + [t for t in new_inits if t.name in used])
    onnx.checker.check_model(model)
    out_dir.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(out_dir / man["file"]))
    man = dict(man, version=man["version"] + "-int8")
    (out_dir / "manifest.json").write_text(json.dumps(man, indent=2) + "\n")
    size = (out_dir / man["file"]).stat().st_size
    info = {"quantized_convs": n_conv, "quantized_tensors": len(qp), "bytes": size}
    print(json.dumps(info))
    return info


def main() -> None:
    cmd, *rest = sys.argv[1:]
    if cmd == "prepare":
        prepare(Path(rest[0]), Path(rest[1]))
    elif cmd == "build":
        w = [a.split("=", 1)[1] for a in rest if a.startswith("--weights=")]
        build(Path(rest[0]), Path(rest[1]), Path(rest[2]), quantize_logits="--quantize-logits" in rest,
              weights=w[0] if w else "s8-channel")
    else:
        raise SystemExit("usage: quantize prepare MODEL_DIR CALIB_DIR | build MODEL_DIR CALIB_DIR OUT_DIR "
                         "[--quantize-logits] [--weights=s8-channel|s8-tensor|u8-tensor]")


if __name__ == "__main__":
    main()
