"""Rebuild a PyTorch model (a PetUNet, or model 5's MoveNetUNet / NanoDetUNet) from the shipped ONNX file, so
the after-training tools (inspect_model, probe_val) can still run when the training run's
checkpoint is gone: runs are gitignored, the ONNX in static/model is what the repository keeps.

Export folded every BatchNorm into the convolution before it, so the rebuilt model gets the
folded weights in each Conv2d and an identity BatchNorm (scale 1, mean 0, variance 1 - eps) that
carries the folded bias. The ONNX node names keep the PyTorch module paths
("/enc.0/enc.0.0/enc.0.0.0/Conv" is module enc.0.0.0), which is how weights find their layer, and
a level whose first block has a pointwise conv (enc.i.0.3) was separable (`--sep-deep`).

    /usr/bin/python3 -m training.onnx_weights [static/model/pet_unet.onnx] [training/runs/from_onnx]
    deno run --allow-read --allow-env --allow-sys training/check_onnx.ts \
      static/model/pet_unet.onnx training/runs/from_onnx 5 2     # max |diff| vs onnxruntime-web
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from .data import photo_names, split_real, split_seed_of
from .export import write_reference_pair
from .model import build_model
from .train import build_parser


def load_onnx_model(onnx_path: str | Path) -> tuple[torch.nn.Module, dict]:
    """Returns (model in eval mode, a checkpoint-like dict with "config"), like export.load_model.

    >>> model, ck = load_onnx_model("static/model/pet_unet.onnx")
    """
    onnx_path = Path(onnx_path)
    manifest = json.loads((onnx_path.parent / "manifest.json").read_text())
    g = onnx.load(str(onnx_path)).graph
    inits = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    for encoder, first in (("movenet", "model.encoder.conv1.weight"), ("nanodet", "model.encoder.stem.0.weight")):
        if first in inits:
            return _load_pretrained(inits, manifest, encoder)
    # The exporter shares equal tensors (e.g. all-zero folded biases) through Identity nodes.
    for n in g.node:
        if n.op_type == "Identity" and n.input[0] in inits:
            inits[n.output[0]] = inits[n.input[0]]
    convs = {}
    for n in g.node:
        if n.op_type == "Conv":
            path = n.name.strip("/").split("/")[-2]  # "/enc.0/enc.0.0/enc.0.0.0/Conv" -> enc.0.0.0
            convs[path] = (inits[n.input[1]], inits[n.input[2]])
    # Level i's second conv is enc.i.1.0; its output channels are the level's width.
    widths = []
    while f"enc.{len(widths)}.1.0" in convs:
        widths.append(int(convs[f"enc.{len(widths)}.1.0"][0].shape[0]))
    # A separable level's first block is SepConv: its pointwise conv is enc.i.0.3 (model.SepConv).
    sep = [f"enc.{i}.0.3" in convs for i in range(len(widths))]
    sep_deep = sum(sep)
    assert sep == [i >= len(widths) - sep_deep for i in range(len(widths))], f"unexpected layout {sep}"
    model = build_model({"widths": widths, "sep_deep": sep_deep})
    modules = dict(model.named_modules())
    state = {}
    for path, (w, b) in convs.items():
        conv = modules[path]
        assert tuple(conv.weight.shape) == w.shape, (path, conv.weight.shape, w.shape)
        state[f"{path}.weight"] = torch.from_numpy(w.copy())
        if conv.bias is not None:
            state[f"{path}.bias"] = torch.from_numpy(b.copy())
            continue
        parent, index = path.rsplit(".", 1)  # conv_bn(): Conv2d at index i, its BatchNorm at i + 1
        bn_path = f"{parent}.{int(index) + 1}"
        bn = modules[bn_path]
        state[f"{bn_path}.weight"] = torch.ones_like(bn.weight)
        state[f"{bn_path}.bias"] = torch.from_numpy(b.copy())
        state[f"{bn_path}.running_mean"] = torch.zeros_like(bn.running_mean)
        state[f"{bn_path}.running_var"] = torch.full_like(bn.running_var, 1.0 - bn.eps)
        state[f"{bn_path}.num_batches_tracked"] = torch.zeros_like(bn.num_batches_tracked)
    missing = set(model.state_dict()) - set(state)
    assert not missing, f"ONNX lacks weights for {sorted(missing)[:4]}"
    model.load_state_dict(state)
    model.eval()
    return model, {"config": _config(manifest, widths=widths, sep_deep=sep_deep)}


def _config(manifest: dict, **shape) -> dict:
    """A checkpoint-like config for a rebuilt model: train.py's defaults (a checkpoint's config is
    its arguments), the manifest's size and provenance, the graph's shape. "out" is where the tools
    write their side files (the run directory of a real checkpoint)."""
    return dict(vars(build_parser().parse_args([])), size=manifest["input"]["width"],
                out="training/runs/from_onnx", trained_on=manifest.get("trainedOn"),
                version=manifest.get("version"), **shape)


def _load_pretrained(inits: dict[str, np.ndarray], manifest: dict, encoder: str) -> tuple[torch.nn.Module, dict]:
    """Model 5's graph with a pretrained encoder (training/pretrained.py, training/nanodet.py): it has
    no batch norm to fold, and the exporter kept the parameters' names ("model." + the state_dict key),
    so the weights load by name. The export left out the InputAdapter (the manifest carries the
    encoder's mean/std instead); the rebuilt model gets the standard one, so it takes
    ImageNet-normalised input like every model the tools load."""
    config = _config(manifest, encoder=encoder, cache_res=max(224, manifest["input"]["width"]))
    model = build_model(config)
    state = model.state_dict()
    weights = {k[len("model."):]: torch.from_numpy(v.copy()) for k, v in inits.items() if k.startswith("model.")}
    missing = {k for k in state if not k.startswith("adapter.")} - set(weights)
    assert not missing, f"ONNX lacks weights for {sorted(missing)[:4]}"
    state.update(weights)
    model.load_state_dict(state)
    model.eval()
    if list(model.adapter.norm()[0]) != list(manifest["input"]["mean"]):
        raise ValueError(f"the manifest's mean/std are not the {encoder} encoder's: not a model 5 export")
    return model, {"config": config}


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "static/model/pet_unet.onnx"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "training/runs/from_onnx")
    data = sys.argv[3] if len(sys.argv) > 3 else "data/pets"
    model, ck = load_onnx_model(path)
    size = ck["config"]["size"]
    # The reference pair export.py writes: check_onnx.ts then shows that the rebuilt model computes
    # what the shipped file computes.
    write_reference_pair(model, size, out)
    # The 60 validation photos (train.py's split), for `deno task eval --names`.
    real = np.array(photo_names(data, "real-train"))
    _, va = split_real(real, 60, split_seed_of(ck["config"]))
    (out / "val_names.json").write_text(json.dumps(real[va].tolist()))
    encoder = {"movenet": "MoveNet encoder", "nanodet": "NanoDet-g encoder"}.get(ck["config"].get("encoder"))
    shape = encoder or f"widths {ck['config']['widths']}, {ck['config']['sep_deep']} separable deep levels"
    print(f"{ck['config']['version']}: {shape}, input {size}; reference pair and val_names.json in {out}")


if __name__ == "__main__":
    main()
