"""Does the model see a photo differently at its original size than as the 224x224 copy it trains on?

    /usr/bin/python3 -W ignore -m training.probe_domain training/runs/main/best.pt training/runs/v2/best.pt

Uses the 5 photos that exist both in `examples/` (original) and in `real-train` (224x224 copy with a
human trimap). Both versions go through the app-like path (area resize to 128², bilinear upsampling
of the logits to 224², argmax); prints mIoU / pet IoU against the trimap for each version and the
share of pixels where the two masks agree. These photos may be training photos, so the absolute
scores are optimistic; the comparison between the two versions is the point.
"""
from __future__ import annotations

import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from .augment import normalize
from .export import load_model
from .metrics import confusion, scores

DATA = "data/pets"
NAMES = ["Abyssinian_105", "Abyssinian_140", "Bengal_110", "american_bulldog_110", "american_bulldog_150"]


def main() -> None:
    for ckpt in sys.argv[1:]:
        model, _ = load_model(ckpt)
        total = {"original": np.zeros((3, 3), np.int64), "224 copy": np.zeros((3, 3), np.int64)}
        agree = []
        for name in NAMES:
            tri = np.asarray(Image.open(f"{DATA}/real-train/trimaps/{name}.png")).astype(np.int64) - 1
            masks = {}
            for version, path in (("original", f"{DATA}/examples/{name}.jpg"),
                                  ("224 copy", f"{DATA}/real-train/images/{name}.jpg")):
                im = Image.open(path).convert("RGB").resize((128, 128), Image.BOX)
                x = normalize(torch.from_numpy(np.asarray(im)).permute(2, 0, 1)[None].float() / 255)
                with torch.no_grad():
                    up = F.interpolate(model(x), size=tri.shape, mode="bilinear", align_corners=False)
                masks[version] = up.argmax(1)[0].numpy()
                total[version] += confusion(masks[version].ravel(), tri.ravel())
            agree.append((masks["original"] == masks["224 copy"]).mean())
        res = {v: f"mIoU {scores(cm)['miou']:.4f} pet {scores(cm)['pet_iou']:.4f}" for v, cm in total.items()}
        print(f"{ckpt}: {res}; pixels agreeing {np.mean(agree):.4f}")


if __name__ == "__main__":
    main()
