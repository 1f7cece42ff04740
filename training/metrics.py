"""Validation metrics, computed the way the app predicts: area-resize the photo to the model's input,
one run, bilinear upsampling of the logits to the label's resolution, argmax.

    cm = confusion(pred.ravel(), gt.ravel()); scores(cm)["pet_iou"]

Pet IoU ignores border pixels of the ground truth and counts a predicted border as not-pet, as
`deno task eval` does.
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from .augment import normalize
from .data import BG, PET


def confusion(pred: np.ndarray, gt: np.ndarray, n: int = 3) -> np.ndarray:
    k = gt < n
    return np.bincount(n * gt[k].astype(np.int64) + pred[k], minlength=n * n).reshape(n, n)


def scores(cm: np.ndarray) -> dict:
    """3-class IoU/mIoU, pixel accuracy, and pet IoU with border pixels ignored."""
    tp = np.diag(cm).astype(np.float64)
    iou = tp / np.maximum(cm.sum(0) + cm.sum(1) - tp, 1)
    # pet IoU ignoring border: drop GT-border rows; predicted border counts as not-pet.
    pet_tp = cm[PET, PET]
    pet_iou = pet_tp / max(cm[PET].sum() + cm[BG, PET], 1)
    return {"miou": float(iou.mean()), "iou": iou.round(4).tolist(), "acc": float(tp.sum() / cm.sum()),
            "pet_iou": float(pet_iou)}


@torch.no_grad()
def evaluate_real(model, img224: np.ndarray, tri224: np.ndarray, size: int) -> dict:
    """App-like evaluation: area-resize the photo to size², predict, upsample logits bilinearly to the
    photo's resolution, argmax. Reports pooled-pixel scores and per-image mean mIoU."""
    model.eval()
    xs = np.stack([np.asarray(Image.fromarray(im).resize((size, size), Image.BOX)) for im in img224])
    x = normalize(torch.from_numpy(xs).permute(0, 3, 1, 2).float() / 255.0)
    total = np.zeros((3, 3), np.int64)
    per_img = []
    for i in range(0, len(x), 32):
        logits = model(x[i:i + 32])
        up = F.interpolate(logits, size=tri224.shape[1:], mode="bilinear", align_corners=False)
        pred = up.argmax(1).numpy()
        for p, t in zip(pred, tri224[i:i + 32]):
            cm = confusion(p.ravel(), t.ravel())
            total += cm
            per_img.append(scores(cm)["miou"])
    s = scores(total)
    s["miou_img"] = float(np.mean(per_img))
    return s


@torch.no_grad()
def evaluate_pseudo(model, img: np.ndarray, soft: np.ndarray, size: int) -> float:
    """Pet-vs-background IoU against the pseudo masks, at the model's input size (half of the selection score)."""
    model.eval()
    x = torch.from_numpy(img).permute(0, 3, 1, 2).float() / 255.0
    x = normalize(F.interpolate(x, size=(size, size), mode="area"))
    gt = torch.from_numpy(soft).float().unsqueeze(1)
    gt = F.interpolate(gt, size=(size, size), mode="area")[:, 0] > 127.5
    inter = union = 0
    for i in range(0, len(x), 64):
        pred = model(x[i:i + 64]).argmax(1) == PET
        g = gt[i:i + 64]
        inter += (pred & g).sum().item()
        union += (pred | g).sum().item()
    return inter / max(union, 1)
