"""How much a checkpoint has memorised its human trimaps: the training selection's metrics (the app's
way, at the model's input size) on the human photos it trained on and on the 60 it never saw.

    /usr/bin/python3 -W ignore -m training.probe_fit training/runs/v4/best.pt training/runs/v4/last.pt

A wide train/val gap that grows while validation falls is the sign that more passes over the same
240 photos stopped helping; MODEL_CARD.md reports what this showed. Validation photos only, never
real-test.
"""
from __future__ import annotations

import argparse

import numpy as np
import torch

from .data import build_cache, split_real, split_seed_of
from .export import load_model
from .metrics import evaluate_real


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpts", nargs="+", help=".pt checkpoints or shipped .onnx files")
    ap.add_argument("--data", default="data/pets")
    ap.add_argument("--cache", default="training/runs/cache")
    a = ap.parse_args()
    torch.set_num_threads(2)
    caches = {}  # one decoded cache per resolution, shared by the checkpoints that use it
    for path in a.ckpts:
        model, ck = load_model(path)
        cfg = ck["config"]
        res = int(cfg["cache_res"])
        if res not in caches:
            npz = np.load(build_cache(a.data, a.cache, res))
            caches[res] = {k: npz[k] for k in ("real_names", "real_img224", "real_tri224")}
        d = caches[res]
        tr, va = split_real(d["real_names"], 60, split_seed_of(cfg))
        for split, idx in (("human train", tr), ("human val", va)):
            r = evaluate_real(model.eval(), d["real_img224"][idx], d["real_tri224"][idx], int(cfg["size"]))
            print(f"{path} {split} ({len(idx)}): mIoU {r['miou']:.4f} acc {r['acc']:.4f} "
                  f"pet {r['pet_iou']:.4f} iou {r['iou']}", flush=True)


if __name__ == "__main__":
    main()
