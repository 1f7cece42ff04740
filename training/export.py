"""Export a checkpoint to ONNX + manifest.json for the web app.

Usage: /usr/bin/python3 -m training.export --ckpt training/runs/main/best.pt --out static/model
"""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import numpy as np
import torch

from .model import PetUNet, build_model, count_params

MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]
# The release this recipe ships; train.py's export and the CLI both default to it.
VERSION = "5.1.0"


def load_model(ckpt_path: str | Path) -> tuple[torch.nn.Module, dict]:
    """A training checkpoint (best.pt), or a shipped .onnx rebuilt as PyTorch (onnx_weights.py)."""
    if str(ckpt_path).endswith(".onnx"):
        from .onnx_weights import load_onnx_model
        return load_onnx_model(ckpt_path)
    ck = torch.load(ckpt_path, map_location="cpu")
    m = build_model(ck["config"])
    m.load_state_dict(ck["model"])
    m.eval()
    return m, ck


def export(ckpt_path: str | Path, out_dir: str | Path, trained_on: str | None = None,
           version: str = VERSION, test_time_flip: bool = False) -> dict:
    model, ck = load_model(ckpt_path)
    size = int(ck["config"]["size"])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = out_dir / "pet_unet.onnx"
    dummy = torch.zeros(1, 3, size, size)
    # A pretrained encoder wants its own input normalisation: the graph leaves out the model's
    # InputAdapter and the manifest says what the app must feed instead (pretrained.py).
    graph, mean, std = model, MEAN, STD
    if hasattr(model, "adapter"):
        graph = _WithoutAdapter(model).eval()  # export restores the wrapper's mode onto the model
        mean, std = model.adapter.norm()
    # eval() + constant folding folds BatchNorm into the convs; fixed shape keeps the graph simple.
    # Write to temp files and rename, so the app never reads a half-written model while a
    # training run re-exports its improving checkpoint.
    tmp = onnx_path.with_suffix(".onnx.tmp")
    torch.onnx.export(graph, dummy, str(tmp), input_names=["input"], output_names=["logits"],
                      opset_version=13, do_constant_folding=True)
    os.replace(tmp, onnx_path)
    if trained_on is None:
        trained_on = ck["config"].get("trained_on", "Oxford-IIIT Pet (CC BY-SA 4.0)")
    manifest = {
        "name": "pet-unet",
        "version": version,
        "file": onnx_path.name,
        "input": {"name": "input", "width": size, "height": size, "mean": mean, "std": std},
        "output": {"name": "logits"},
        "classes": [
            {"name": "pet", "value": 0},
            {"name": "background", "value": 127},
            {"name": "border", "value": 255},
        ],
        "params": count_params(model),
        "trainedOn": trained_on,
        # true = the app averages the logits of the photo and of its mirror image. For model
        # 2.0.0 on the 60 validation photos, through the app: mIoU 0.7152 -> 0.7203, but the
        # second run doubles inference (18 -> 36 ms median), past the 30 ms budget, so it is off.
        "testTimeFlip": test_time_flip,
    }
    (out_dir / "manifest.json.tmp").write_text(json.dumps(manifest, indent=2) + "\n")
    os.replace(out_dir / "manifest.json.tmp", out_dir / "manifest.json")
    write_reference_pair(model, size, Path(ck["config"].get("out", out_dir)))
    return manifest


class _WithoutAdapter(torch.nn.Module):
    """The exported graph of a model with an InputAdapter: everything after the adapter."""

    def __init__(self, model: torch.nn.Module):
        super().__init__()
        self.model = model

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.model(x, adapted=True)


def write_reference_pair(model: torch.nn.Module, size: int, ref_dir: Path) -> None:
    """check_input.f32 / check_logits.f32 in ref_dir: a fixed pseudo-random input and torch's output,
    which training/check_onnx.ts compares with onnxruntime-web's output for the exported file.
    The input is written as the graph takes it (after a model's InputAdapter, if it has one)."""
    x = np.random.default_rng(0).standard_normal((1, 3, size, size)).astype(np.float32)
    with torch.no_grad():
        xt = torch.from_numpy(x)
        y = model(xt).numpy().astype(np.float32)
        if hasattr(model, "adapter"):
            x = model.adapter(xt).numpy().astype(np.float32)
    ref_dir.mkdir(parents=True, exist_ok=True)
    x.tofile(ref_dir / "check_input.f32")
    y.tofile(ref_dir / "check_logits.f32")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--out", default="static/model")
    ap.add_argument("--version", default=VERSION)
    ap.add_argument("--test-time-flip", action="store_true",
                    help="let the app average each photo with its mirror image (2 runs per photo)")
    a = ap.parse_args()
    print(json.dumps(export(a.ckpt, a.out, version=a.version, test_time_flip=a.test_time_flip), indent=2))


if __name__ == "__main__":
    main()
