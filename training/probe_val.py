"""Decision-rule probes on the 60 validation photos only (never real-test), app-like: area resize to
the model's input size, optional flip averaging, bilinear upsampling of the logits, argmax.

    /usr/bin/python3 -W ignore -m training.probe_val [--ckpt static/model/pet_unet.onnx | RUN/best.pt]

Prints, with and without flip averaging, (1) a grid of logit offsets for pet and border, and
(2) mask clean-up at model resolution: filling holes enclosed by pet, dropping pet blobs smaller
than a share of the largest. MODEL_CARD.md reports what these showed (neither was adopted).
"""
from __future__ import annotations

import argparse
from collections import deque

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from .augment import normalize
from .data import BG, BORDER, PET, build_cache, split_real, split_seed_of
from .export import load_model
from .metrics import confusion, scores


def components(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """4-connected components of a bool mask: labels, sizes, whether each touches the edge."""
    h, w = mask.shape
    lab = -np.ones((h, w), np.int32)
    sizes, edge = [], []
    for y0, x0 in zip(*np.nonzero(mask)):
        if lab[y0, x0] >= 0:
            continue
        k = len(sizes)
        lab[y0, x0] = k
        q, n, e = deque([(y0, x0)]), 0, False
        while q:
            y, x = q.popleft()
            n += 1
            e = e or y in (0, h - 1) or x in (0, w - 1)
            for yy, xx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                if 0 <= yy < h and 0 <= xx < w and mask[yy, xx] and lab[yy, xx] < 0:
                    lab[yy, xx] = k
                    q.append((yy, xx))
        sizes.append(n)
        edge.append(e)
    return lab, np.array(sizes), np.array(edge, bool)


def clean(logits: torch.Tensor, fill: bool, drop: float) -> torch.Tensor:
    out = logits.clone()
    for i in range(len(out)):
        if drop > 0:
            lab, size, _ = components((out[i].argmax(0) == PET).numpy())
            for k in np.flatnonzero(size < drop * size.max(initial=0)):
                m = torch.from_numpy(lab == k)
                out[i, PET][m] = out[i, BG][m] - 1
        if fill:
            lab, _, edge = components((out[i].argmax(0) != PET).numpy())
            for k in np.flatnonzero(~edge):
                m = torch.from_numpy(lab == k)
                out[i, PET][m] = out[i].max(0).values[m] + 1
    return out


def score(logits: torch.Tensor, tri: np.ndarray) -> str:
    up = F.interpolate(logits, size=tri.shape[1:], mode="bilinear", align_corners=False).argmax(1).numpy()
    c = sum(confusion(p.ravel(), t.ravel()) for p, t in zip(up, tri))
    s = scores(c)
    # Predicted border area over the trimaps' border area: below 1, the band is thinner than human.
    band = c[:, BORDER].sum() / c[BORDER].sum()
    return f"mIoU {s['miou']:.4f} acc {s['acc']:.4f} pet {s['pet_iou']:.4f} iou {s['iou']} border area {band:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default="static/model/pet_unet.onnx", help="best.pt, or a shipped .onnx")
    ap.add_argument("--data", default="data/pets")
    ap.add_argument("--cache", default="training/runs/cache")
    a = ap.parse_args()
    torch.set_num_threads(2)
    model, ck = load_model(a.ckpt)
    cfg = ck["config"]
    size = int(cfg["size"])
    d = np.load(build_cache(a.data, a.cache, int(cfg["cache_res"])))
    _, va = split_real(d["real_names"], 60, split_seed_of(cfg))
    img, tri = d["real_img224"][va], d["real_tri224"][va]
    xs = np.stack([np.asarray(Image.fromarray(im).resize((size, size), Image.BOX)) for im in img])
    x = normalize(torch.from_numpy(xs).permute(0, 3, 1, 2).float() / 255.0)
    with torch.no_grad():
        one = model(x)
        flip = (one + model(x.flip(3)).flip(3)) / 2
    for name, logits in (("one run", one), ("flip", flip)):
        for pet_b in (0.0, 0.25, 0.5):
            for border_b in (-0.75, -0.5, -0.25, 0.0, 0.25):
                bias = torch.tensor([pet_b, 0.0, border_b]).view(1, 3, 1, 1)
                print(f"{name} pet{pet_b:+.2f} border{border_b:+.2f}: {score(logits + bias, tri)}")
        for fill in (False, True):
            for drop in (0.0, 0.05, 0.2):
                print(f"{name} fill={fill} drop={drop}: {score(clean(logits, fill, drop), tri)}", flush=True)


if __name__ == "__main__":
    main()
