"""One-off PyTorch-side evaluation on real-test, run ONCE after training to report numbers in the card.

Never used for training, tuning or checkpoint selection. The official numbers come from the app's
`deno task eval`; this mirrors its pipeline: stretch the whole photo to S x S with an area-average
resize, normalise, predict, bilinearly upsample the logits to the photo's size, argmax.

    /usr/bin/python3 -W ignore -m training.eval_test --ckpt training/runs/main/best.pt
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from .augment import normalize
from .export import load_model
from .metrics import confusion, scores


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default="training/runs/main/best.pt")
    ap.add_argument("--data", default="data/pets")
    a = ap.parse_args()
    torch.set_num_threads(2)
    model, ck = load_model(a.ckpt)
    size = int(ck["config"]["size"])
    root = Path(a.data) / "real-test"
    total = np.zeros((3, 3), np.int64)
    per = []
    i2 = [0, 0]
    for f in sorted((root / "images").glob("*.jpg")):
        img = Image.open(f).convert("RGB")
        tri = np.asarray(Image.open(root / "trimaps" / f"{f.stem}.png"), np.uint8).astype(np.int64) - 1
        x = np.asarray(img.resize((size, size), Image.BOX), np.float32) / 255.0
        x = normalize(torch.from_numpy(x).permute(2, 0, 1)[None])
        with torch.no_grad():
            up = F.interpolate(model(x), size=tri.shape, mode="bilinear", align_corners=False)
        pred = up.argmax(1)[0].numpy()
        cm = confusion(pred.ravel(), tri.ravel())
        total += cm
        # Alternative reading of "pet IoU": pet vs background logits only (border channel dropped).
        pet2 = (up[0, 0] > up[0, 1]).numpy()
        keep = tri != 2
        i2[0] += (pet2 & (tri == 0) & keep).sum()
        i2[1] += ((pet2 | (tri == 0)) & keep).sum()
        per.append(scores(cm))
    s = scores(total)
    res = {"photos": len(per), "pooled": s, "pet_iou_pet_vs_bg_logits": float(i2[0] / i2[1]),
           "per_image_mean": {k: float(np.mean([p[k] for p in per])) for k in ("miou", "acc", "pet_iou")}}
    print(json.dumps(res, indent=2))
    (Path(ck["config"]["out"]) / "test_eval_pytorch.json").write_text(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
