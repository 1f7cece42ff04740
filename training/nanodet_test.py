"""Checks the NanoDet-g weight conversion (training/nanodet.py) against TF.js's own feature maps.

    /usr/bin/python3 -W ignore -m training.nanodet_test            # exit 0 = all checks passed

The fixture `training/testdata/nanodet_ref.npz` holds what TF.js 4.22.0 (CPU backend, Node) computed
with the package's graph model on a 416x416 patterned input (training/nanodet_ref.mjs; same pattern
here): the backbone's outputs at strides 2, 4, 8 and 16, each as its top-left and bottom-right 8x8
corners over all channels (the corners see the padding). Made once with

    node training/nanodet_ref.mjs .scratch/nanodet_ref
    /usr/bin/python3 -W ignore -m training.nanodet_test --write-fixture .scratch/nanodet_ref

The converted encoder must reproduce every map within 1e-4 of its largest magnitude (fp16 weights
widened to fp32 on both sides, so the gap is float rounding; measured ~2e-6).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import torch

from .nanodet import NANODET_NORM, NanoDetEncoder, NanoDetUNet, nanodet_names, nanodet_path
from .pretrained import read_tfjs_weights
from .ref_maps import Checks, read_maps, save_fixture, test_main

FIXTURE = Path("training/testdata/nanodet_ref.npz")
S = 416
MAPS = ("s2", "s4", "s8", "s16")


def pattern(n: int) -> np.ndarray:
    """nanodet_ref.mjs's input: (i*i + 7i) mod 251 / 250 at flat index i."""
    i = np.arange(n, dtype=np.int64)
    return ((i * i + 7 * i) % 251 / 250).astype(np.float32)


def corners(m: np.ndarray) -> np.ndarray:
    """Top-left and bottom-right 8x8 corners of a [1,C,H,W] map: [2,C,8,8]."""
    return np.stack([m[0, :, :8, :8], m[0, :, -8:, -8:]])


def write_fixture(src: Path) -> None:
    save_fixture(FIXTURE, {k: corners(m) for k, m in read_maps(src, MAPS).items()})


def run(checks: Checks) -> None:
    check = checks.check

    path = nanodet_path()
    names = nanodet_names(path)
    check("graph order", len(names) == 34 and names[0] == ("PartitionedCall/split", "unknown_0")
          and names[16] == ("PartitionedCall/split_16", "unknown_32"),
          f"{len(names)} convolutions (34 expected), conv 16 = {names[16]}")

    w = read_tfjs_weights(path)
    enc = NanoDetEncoder().eval()
    enc.load_tfjs(path, w)
    ref = np.load(FIXTURE)
    x = torch.from_numpy(pattern(3 * S * S).reshape(1, 3, S, S))
    with torch.no_grad():
        got = dict(zip(MAPS, enc(x)))
    for k in MAPS:
        g, r = corners(got[k].numpy()), ref[k]
        rel = float(np.abs(g - r).max() / np.abs(r).max())
        check(f"{k} vs TF.js", g.shape == r.shape and rel < 1e-4, f"shape {r.shape}, max |diff| / max |ref| = {rel:.2e}")

    # rgb_stem(): RGB in == NanoDet's BGR in; with NANODET_NORM that is ImageNet's mean/std on RGB.
    rgb = NanoDetEncoder().eval()
    rgb.load_tfjs(path, w)
    rgb.rgb_stem()
    with torch.no_grad():
        err = float((rgb(x.flip(1))[0] - got["s2"]).abs().max())
    check("rgb_stem", err < 1e-5, f"max |diff| of the stride-2 map, RGB input vs BGR input: {err:.1e}")
    mean, std = NANODET_NORM
    ok = np.allclose(mean, [0.485, 0.456, 0.406], atol=1e-4) and np.allclose(std, [0.229, 0.224, 0.225], atol=1e-3)
    check("normalisation", ok, f"mean {np.round(mean, 4).tolist()}, std {np.round(std, 4).tolist()}")

    # The segmentation net fits the 8 MB ONNX budget (fp32 weights).
    n = sum(p.numel() for p in NanoDetUNet().parameters())
    check("size", 4 * n < 8e6, f"{n} parameters = {4 * n / 1e6:.1f} MB of fp32 weights")


if __name__ == "__main__":
    sys.exit(test_main(write_fixture, run))
