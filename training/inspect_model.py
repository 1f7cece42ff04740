"""After training: failure-case pictures from the validation split, a check of the pseudo-label filter,
and how photos of breeds outside real-* fare.

    /usr/bin/python3 -m training.inspect_model [--ckpt static/model/pet_unet.onnx | RUN/best.pt] [--breeds-only]
        [--eval-res 224]

- prints per-breed agreement with the pseudo masks of the 300 held-out pseudo photos (34 breeds).

- docs/model/val_failures.png: the worst validation photos (by 3-class mIoU) as photo | human trimap | prediction.
- prints how well the trained model agrees with the pseudo masks that the filter kept vs dropped: if the
  dropped masks agree much less, the filter removed masks that were wrong rather than merely hard.
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
from .data import PET, breed_of, build_cache, pseudo_filter, split_pseudo, split_real, split_seed_of
from .export import load_model
from .metrics import confusion, scores

GRAY = np.array([0, 127, 255], np.uint8)  # the app's colours for pet, background, border


@torch.no_grad()
def predict(model, imgs: np.ndarray, size: int, out_hw) -> np.ndarray:
    x = np.stack([np.asarray(Image.fromarray(im).resize((size, size), Image.BOX)) for im in imgs])
    x = normalize(torch.from_numpy(x).permute(0, 3, 1, 2).float() / 255.0)
    preds = []
    for i in range(0, len(x), 32):
        up = F.interpolate(model(x[i:i + 32]), size=out_hw, mode="bilinear", align_corners=False)
        preds.append(up.argmax(1).numpy().astype(np.uint8))
    return np.concatenate(preds)


@torch.no_grad()
def breed_check(model, d, size: int, seed: int, eval_res: int = 0) -> dict:
    """Breeds outside real-*: pet IoU against the pseudo masks of the 300 held-out pseudo photos
    (34 breeds), ignoring a 2-px band around the mask outline as the trimaps ignore their border.
    The masks are machine-made, so this shows whether some breed collapses, not a benchmark.

    eval_res=0 scores at the model's input size, so the 2-px band is a different share of the photo
    for models of different sizes; eval_res=N upsamples the logits bilinearly to N² (as the app does
    to the photo's size) and scores every model there, on the same band."""
    _, pva = split_pseudo(d["pseudo_names"], 300, seed)
    x = torch.from_numpy(d["pseudo_img"][pva]).permute(0, 3, 1, 2).float() / 255.0
    x = normalize(F.interpolate(x, size=(size, size), mode="area"))
    res = eval_res or size
    logits = torch.cat([model(x[i:i + 64]) for i in range(0, len(x), 64)])
    if res != size:
        logits = F.interpolate(logits, size=(res, res), mode="bilinear", align_corners=False)
    pred = logits.argmax(1) == PET
    gt = F.interpolate(torch.from_numpy(d["pseudo_soft"][pva]).float()[:, None], size=(res, res),
                       mode="area") > 127.5
    band = (F.max_pool2d(gt.float(), 5, 1, 2) + F.max_pool2d(-gt.float(), 5, 1, 2))[:, 0] > 0
    keep = ~band
    gt = gt[:, 0]
    inter = (pred & gt & keep).sum((1, 2)).float()
    union = ((pred | gt) & keep).sum((1, 2)).float().clamp(min=1)
    per_breed: dict[str, list[float]] = {}
    for name, iou in zip(d["pseudo_names"][pva], (inter / union).tolist()):
        per_breed.setdefault(breed_of(str(name)), []).append(iou)
    means = sorted((float(np.mean(v)), b) for b, v in per_breed.items())
    ious = [v for vs in per_breed.values() for v in vs]
    return {"photos": len(ious), "breeds": len(means), "photo_mean": float(np.mean(ious)),
            "photo_median": float(np.median(ious)), "breed_mean_min": means[0][0],
            "breed_mean_median": float(np.median([m for m, _ in means])), "breed_mean_max": means[-1][0],
            "lowest": [(b, round(m, 3)) for m, b in means[:4]]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default="static/model/pet_unet.onnx", help="best.pt, or a shipped .onnx")
    ap.add_argument("--data", default="data/pets")
    ap.add_argument("--cache", default="training/runs/cache")
    ap.add_argument("--docs", default="docs/model")
    ap.add_argument("--n-fail", type=int, default=4)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pseudo photos (quick test)")
    ap.add_argument("--breeds-only", action="store_true", help="only the other-breeds check (fast)")
    ap.add_argument("--eval-res", type=int, default=0,
                    help="score the breeds check at N² (logits upsampled) instead of the model's size")
    a = ap.parse_args()
    torch.set_num_threads(2)
    model, ck = load_model(a.ckpt)
    cfg = ck["config"]
    size = int(cfg["size"])
    d = np.load(build_cache(a.data, a.cache, int(cfg["cache_res"])))
    print("other breeds:", json.dumps(breed_check(model, d, size, split_seed_of(cfg), a.eval_res)))
    if a.breeds_only:
        return
    _, va = split_real(d["real_names"], 60, split_seed_of(cfg))
    img, tri = d["real_img224"][va], d["real_tri224"][va]
    pred = predict(model, img, size, tri.shape[1:])
    per = [(scores(confusion(p.ravel(), t.ravel()))["miou"], i) for i, (p, t) in enumerate(zip(pred, tri))]
    per.sort()
    worst = [i for _, i in per[: a.n_fail]]
    print("worst val photos:", [(d["real_names"][va][i], round(m, 3)) for m, i in per[: a.n_fail]])
    # Small tiles (112 px) keep the PNG well under 100 KB.
    tile = lambda arr: np.asarray(Image.fromarray(arr).resize((112, 112), Image.BOX
                                                              if arr.ndim == 3 else Image.NEAREST))
    rows = []
    for i in worst:
        g = GRAY[tri[i]]
        p = GRAY[pred[i]]
        rows.append(np.concatenate([tile(img[i]), np.repeat(tile(g)[..., None], 3, 2),
                                    np.repeat(tile(p)[..., None], 3, 2)], axis=1))
    Path(a.docs).mkdir(parents=True, exist_ok=True)
    out = Path(a.docs) / "val_failures.png"
    Image.fromarray(np.concatenate(rows, axis=0)).quantize(64).save(out, optimize=True)
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")

    # Filter check on all pseudo photos: model-vs-pseudo pet IoU (threshold 0.5, border ignored).
    keep = pseudo_filter(d["pseudo_area"], d["pseudo_unsure_rel"], max_unsure_rel=cfg["max_unsure_rel"])
    pimg, psoft = d["pseudo_img"], d["pseudo_soft"]
    if a.limit:
        keep, pimg, psoft = keep[:a.limit], pimg[:a.limit], psoft[:a.limit]
    ious = np.zeros(len(pimg), np.float32)
    for i in range(0, len(pimg), 256):
        x = torch.from_numpy(pimg[i:i + 256]).permute(0, 3, 1, 2).float() / 255.0
        x = normalize(F.interpolate(x, size=(size, size), mode="area"))
        with torch.no_grad():
            p = model(x).argmax(1) == PET
        gt = F.interpolate(torch.from_numpy(psoft[i:i + 256]).float()[:, None], size=(size, size),
                           mode="area")[:, 0] > 127.5
        inter = (p & gt).sum((1, 2)).float()
        union = (p | gt).sum((1, 2)).float()
        ious[i:i + 256] = torch.where(union > 0, inter / union.clamp(min=1), torch.ones_like(union)).numpy()
    res = {"kept": int(keep.sum()), "dropped": int((~keep).sum()),
           "iou_kept_mean": float(ious[keep].mean()), "iou_kept_median": float(np.median(ious[keep])),
           "iou_dropped_mean": float(ious[~keep].mean()), "iou_dropped_median": float(np.median(ious[~keep])),
           "kept_below_0.5": float((ious[keep] < 0.5).mean()), "dropped_below_0.5": float((ious[~keep] < 0.5).mean())}
    print(json.dumps(res, indent=2))
    # A few dropped pseudo masks (photo | soft mask | model), to show what the filter removes.
    rng = np.random.default_rng(0)
    drop = rng.choice(np.flatnonzero(~keep), 4, replace=False)
    rows = []
    for i in drop:
        x = torch.from_numpy(pimg[i:i + 1]).permute(0, 3, 1, 2).float() / 255.0
        x = normalize(F.interpolate(x, size=(size, size), mode="area"))
        with torch.no_grad():
            p = GRAY[model(x).argmax(1)[0].numpy()]
        rows.append(np.concatenate([tile(pimg[i]), np.repeat(tile(psoft[i])[..., None], 3, 2),
                                    np.repeat(tile(p)[..., None], 3, 2)], axis=1))
        print("dropped:", d["pseudo_names"][i], "area %.3f unsure_rel %.2f model-vs-pseudo IoU %.3f"
              % (d["pseudo_area"][i], d["pseudo_unsure_rel"][i], ious[i]))
    out = Path(a.docs) / "pseudo_dropped.png"
    Image.fromarray(np.concatenate(rows, axis=0)).quantize(64).save(out, optimize=True)
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")
    Path(cfg["out"]).mkdir(parents=True, exist_ok=True)
    (Path(cfg["out"]) / "filter_check.json").write_text(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
