"""Average a run's snapshot weights (SWA-style) and score the result with the training selection.

    /usr/bin/python3 -W ignore -m training.average training/runs/v6 --from-epoch 28 --from-epoch 38 --out training/runs/v6

`train.py --snapshot-every N` keeps the EMA weights of every Nth epoch in RUN/snapshots/. This takes
the uniform mean of those from `--from-epoch` on (BatchNorm statistics included: each snapshot's are
themselves an average over recent batches) and prints the score train.py selects on — validation
mIoU on the 60 human photos plus pet IoU on the 300 pseudo hold-out photos — next to the run's
best.pt, so a window is chosen on validation only. Each mean is written as OUT/avg_fromN.pt, a
checkpoint that `export.py` takes.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import torch

from .data import build_cache, split_pseudo, split_real, split_seed_of
from .export import load_model
from .model import PetUNet, build_model
from .metrics import evaluate_pseudo, evaluate_real


def average_snapshots(paths: list[Path]) -> dict:
    """Checkpoint dict whose weights are the mean of the given checkpoints' (integer buffers from the last)."""
    cks = [torch.load(p, map_location="cpu") for p in paths]
    mean = {}
    for k, v in cks[-1]["model"].items():
        if v.dtype.is_floating_point:
            mean[k] = sum(c["model"][k].double() for c in cks).div(len(cks)).to(v.dtype)
        else:
            mean[k] = v.clone()
    return {"model": mean, "config": cks[-1]["config"], "epoch": cks[-1]["epoch"],
            "averaged": [p.name for p in paths]}


def selection_score(model: PetUNet, config: dict, d: dict) -> dict:
    """train.py's selection: human-val mIoU + pseudo hold-out pet IoU (validation data only)."""
    seed, size = split_seed_of(config), int(config["size"])
    _, va = split_real(d["real_names"], 60, seed)
    _, pva = split_pseudo(d["pseudo_names"], 300, seed)
    vr = evaluate_real(model.eval(), d["real_img224"][va], d["real_tri224"][va], size)
    vp = evaluate_pseudo(model.eval(), d["pseudo_img"][pva], d["pseudo_soft"][pva], size)
    return {"score": vr["miou"] + vp, "miou": vr["miou"], "pet_iou": vr["pet_iou"], "pseudo_pet_iou": vp}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", help="a run directory with snapshots/ (train.py --snapshot-every)")
    ap.add_argument("--from-epoch", type=int, action="append", required=True,
                    help="average the snapshots of this epoch and later (repeat to compare windows)")
    ap.add_argument("--out", help="write each window's mean to OUT/avg_from<EPOCH>.pt")
    ap.add_argument("--data", default="data/pets")
    ap.add_argument("--cache", default="training/runs/cache")
    a = ap.parse_args()
    torch.set_num_threads(2)
    run = Path(a.run)
    snaps = sorted((run / "snapshots").glob("ep*.pt"))
    best, ck = load_model(run / "best.pt")
    npz = np.load(build_cache(a.data, a.cache, int(ck["config"]["cache_res"])))
    d = {k: npz[k] for k in ("real_names", "real_img224", "real_tri224", "pseudo_names", "pseudo_img",
                             "pseudo_soft")}

    def show(name: str, s: dict) -> None:
        print(f"{name}: selection score {s['score']:.4f} = val mIoU {s['miou']:.4f} + pseudo pet IoU "
              f"{s['pseudo_pet_iou']:.4f} (val pet IoU {s['pet_iou']:.4f})", flush=True)

    show(f"best.pt (epoch {ck['epoch']})", selection_score(best, ck["config"], d))
    for first in a.from_epoch:
        window = [p for p in snaps if int(p.stem[2:]) >= first]
        if not window:
            raise SystemExit(f"no snapshots from epoch {first} in {run / 'snapshots'}")
        avg = average_snapshots(window)
        model = build_model(ck["config"])
        model.load_state_dict(avg["model"])
        show(f"mean of {len(window)} snapshots, epochs {window[0].stem[2:]}-{window[-1].stem[2:]}",
             selection_score(model, ck["config"], d))
        if a.out:
            path = Path(a.out) / f"avg_from{first}.pt"
            torch.save(avg, path)
            print(f"wrote {path}")


if __name__ == "__main__":
    main()
