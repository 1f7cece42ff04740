"""Checks the MoveNet weight conversion (training/pretrained.py) against TF.js's own feature maps.

    /usr/bin/python3 -W ignore -m training.pretrained_test            # exit 0 = all checks passed

The fixture `training/testdata/movenet_ref.npz` holds what TF.js 4.22.0 (CPU backend, Node) computed
with the package's graph model on a 192x192 hash image (training/pretrained_ref.mjs; same hash here):
the stride-2 features after `expanded_conv` (two 24x24 corners), block_16's output, Conv_1's output
and the FPN output at stride 4 (whole maps). Made once with

    node training/pretrained_ref.mjs .scratch/movenet_ref
    /usr/bin/python3 -W ignore -m training.pretrained_test --write-fixture .scratch/movenet_ref

The converted encoder must reproduce every map within 1e-4 of its largest magnitude (fp16 weights
widened to fp32 on both sides, so the gap is float rounding; measured ~3e-6 to 9e-6).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from .pretrained import (MoveNetEncoder, MoveNetUNet, movenet_norm, movenet_path, read_tfjs_weights,
                         tf_same_pads)
from .ref_maps import Checks, read_maps, save_fixture, test_main

FIXTURE = Path("training/testdata/movenet_ref.npz")
S = 192


def hash_image(n: int) -> np.ndarray:
    """The integer hash of pretrained_ref.mjs (Math.imul = multiplication mod 2^32)."""
    i = np.arange(n, dtype=np.uint64)
    mul = lambda a, b: (a * np.uint64(b)) & np.uint64(0xFFFFFFFF)
    h = mul(i ^ (i >> np.uint64(7)), 0x9E3779B1)
    h ^= h >> np.uint64(15)
    h = mul(h, 0x85EBCA77)
    h ^= h >> np.uint64(13)
    return (h & np.uint64(255)).astype(np.float32)


def crops(s2: np.ndarray) -> np.ndarray:
    """Top-left and bottom-right 24x24 corners of the [1,96,96,16] map (the bottom-right one sees
    TF's asymmetric stride-2 padding)."""
    return np.stack([s2[0, :24, :24], s2[0, -24:, -24:]])


def write_fixture(src: Path) -> None:
    maps = read_maps(src, ("s2", "block16", "conv_1", "p4"))
    maps["s2"] = crops(maps["s2"])
    save_fixture(FIXTURE, maps)


def run(checks: Checks) -> None:
    check = checks.check

    # TF 'SAME' padding: stride 2 on even sizes pads only after, on odd sizes both sides.
    check("tf_same_pads", [tf_same_pads(192, 3, 2), tf_same_pads(11, 3, 2), tf_same_pads(7, 3, 1)]
          == [(0, 1), (1, 1), (1, 1)], "192/2 -> (0,1), 11/2 -> (1,1), stride 1 -> (1,1)")

    w = read_tfjs_weights(movenet_path())
    n_float = sum(a.size for a in w.values() if a.dtype == np.float32)
    check("weights", n_float == 2_324_896, f"{len(w)} arrays, {n_float} float values (2,324,896 expected)")

    enc = MoveNetEncoder("conv1280").eval()
    left = enc.load_tfjs(w)
    check("all encoder weights from MoveNet", not left, f"left at init: {left}")

    ref = np.load(FIXTURE)
    img = hash_image(S * S * 3).reshape(1, S, S, 3)
    t = w["StatefulPartitionedCall/truediv"].reshape(3)
    x = torch.from_numpy((img * t - 1).astype(np.float32)).permute(0, 3, 1, 2)  # MoveNet's own x/127.5 - 1
    with torch.no_grad():
        h = F.relu6(enc.conv1(x))
        h = enc.expanded_conv(h)
        for blk in enc.blocks:
            h = blk(h)
        got = {"block16": h, "conv_1": F.relu6(enc.conv_1(h))}
        got["s2"], got["p4"] = enc(x)
    for k in ("s2", "block16", "conv_1", "p4"):
        g = got[k].permute(0, 2, 3, 1).numpy()
        if k == "s2":
            g = crops(g)
        r = ref[k]
        rel = float(np.abs(g - r).max() / np.abs(r).max())
        check(f"{k} vs TF.js", g.shape == r.shape and rel < 1e-4, f"shape {r.shape}, max |diff| / max |ref| = {rel:.2e}")

    # The manifest's mean/std (x01 - mean) / std must be MoveNet's x255 * t - 1.
    mean, std = movenet_norm(w)
    u = np.linspace(0, 1, 256)
    err = max(float(np.abs((u - mean[c]) / std[c] - (255 * u * t[c] - 1)).max()) for c in range(3))
    check("normalisation", err < 1e-5, f"mean {mean[0]:.6f}, std {std[0]:.6f}, max err {err:.1e}")

    # The segmentation net: ImageNet-normalised input through InputAdapter == MoveNet-normalised features.
    net = MoveNetUNet("conv1280").eval()
    net.encoder.load_tfjs(w)
    imagenet = (img / 255 - np.array([0.485, 0.456, 0.406])) / np.array([0.229, 0.224, 0.225])
    with torch.no_grad():
        xa = net.adapter(torch.from_numpy(imagenet.astype(np.float32)).permute(0, 3, 1, 2))
    err = float((xa - x).abs().max())
    check("InputAdapter", err < 1e-5, f"max |diff| vs MoveNet's normalisation {err:.1e}")


if __name__ == "__main__":
    sys.exit(test_main(write_fixture, run))
