"""Data loading for the pet U-Net.

Decoding ~7,000 JPEGs per epoch on two shared cores would dominate training time, so every photo is
decoded once into a uint8 numpy cache (training/runs/cache/, gitignored) at a resolution a little
above the network input; augmentation then runs batched on tensors in RAM (see augment.py).

Label convention used everywhere in Python: 0 = pet, 1 = background, 2 = border
(= dataset trimap - 1 = logits channel order = manifest `classes` order).
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

PET, BG, BORDER = 0, 1, 2
IGNORE = 255

HUMAN_BREEDS = ("Abyssinian", "Bengal", "american_bulldog")


def breed_of(name: str) -> str:
    return name.rsplit("_", 1)[0]


def _area_resize(img: Image.Image, size: int) -> Image.Image:
    # Image.BOX = area average when shrinking, which is what the app does before inference.
    return img.resize((size, size), Image.BOX)


def _load_real(args):
    root, stem, res = args
    img = Image.open(root / "real-train" / "images" / f"{stem}.jpg").convert("RGB")
    tri = Image.open(root / "real-train" / "trimaps" / f"{stem}.png")
    tri_full = np.asarray(tri, dtype=np.uint8) - 1  # 0 pet, 1 bg, 2 border
    img_full = np.asarray(img, dtype=np.uint8)
    img_c = np.asarray(_area_resize(img, res), dtype=np.uint8)
    # Nearest keeps labels crisp; the 224->160 step is mild so the band shape survives.
    tri_c = np.asarray(Image.fromarray(tri_full).resize((res, res), Image.NEAREST), dtype=np.uint8)
    return img_full, tri_full, img_c, tri_c


def _load_pseudo(args):
    root, stem, res = args
    img = Image.open(root / "pseudo" / "images" / f"{stem}.jpg").convert("RGB")
    soft = Image.open(root / "pseudo" / "soft" / f"{stem}.png").convert("L")
    s = np.asarray(soft, dtype=np.float32) / 255.0
    fg = s > 0.5
    area = float(fg.mean())
    # Pixels the labelling model was unsure about. A clean mask has them only on a thin outline,
    # so relate them to the foreground size; a high ratio flags hair/cages/people/several animals.
    unsure = float(((s > 0.1) & (s < 0.9)).mean())
    unsure_rel = unsure / max(area, 1e-3)
    img_c = np.asarray(_area_resize(img, res), dtype=np.uint8)
    soft_c = np.asarray(_area_resize(soft, res), dtype=np.uint8)
    return img_c, soft_c, area, unsure, unsure_rel


def photo_names(data_root: str | os.PathLike, split: str) -> list[str]:
    """Sorted photo names (file stems) of one split, e.g. photo_names(root, "real-train")."""
    return sorted(p.stem for p in (Path(data_root) / split / "images").glob("*.jpg"))


def build_cache(data_root: str | os.PathLike, cache_dir: str | os.PathLike, res: int = 160,
                workers: int = 2) -> Path:
    """Decode everything once. Returns the cache file path (reused if it exists)."""
    root = Path(data_root)
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    out = cache_dir / f"pets_{res}.npz"
    if out.exists():
        return out
    real = photo_names(root, "real-train")
    pseudo = photo_names(root, "pseudo")
    with ProcessPoolExecutor(workers) as ex:
        r = list(ex.map(_load_real, [(root, s, res) for s in real], chunksize=16))
        p = list(ex.map(_load_pseudo, [(root, s, res) for s in pseudo], chunksize=64))
    np.savez(
        out,
        real_names=np.array(real),
        real_img224=np.stack([x[0] for x in r]),
        real_tri224=np.stack([x[1] for x in r]),
        real_img=np.stack([x[2] for x in r]),
        real_tri=np.stack([x[3] for x in r]),
        pseudo_names=np.array(pseudo),
        pseudo_img=np.stack([x[0] for x in p]),
        pseudo_soft=np.stack([x[1] for x in p]),
        pseudo_area=np.array([x[2] for x in p], np.float32),
        pseudo_unsure=np.array([x[3] for x in p], np.float32),
        pseudo_unsure_rel=np.array([x[4] for x in p], np.float32),
    )
    return out


def split_real(names: np.ndarray, n_val: int = 60, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Stratified (per breed) fixed-seed hold-out of the human-labelled photos."""
    rng = np.random.default_rng(seed)
    breeds = np.array([breed_of(n) for n in names])
    val = []
    per = n_val // len(HUMAN_BREEDS)
    for b in HUMAN_BREEDS:
        idx = np.flatnonzero(breeds == b)
        val.extend(rng.choice(idx, per, replace=False).tolist())
    val = np.array(sorted(val))
    train = np.setdiff1d(np.arange(len(names)), val)
    return train, val


def split_seed_of(config: dict) -> int:
    """The seed a run's hold-outs were drawn with: `--split-seed` when given, else `--seed` (older runs)."""
    split_seed = config.get("split_seed")
    return int(config["seed"] if split_seed is None else split_seed)


def split_pseudo(names: np.ndarray, n_val: int = 300, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed + 1)
    perm = rng.permutation(len(names))
    return np.sort(perm[n_val:]), np.sort(perm[:n_val])


def pseudo_filter(area: np.ndarray, unsure_rel: np.ndarray, min_area: float = 0.03,
                  max_area: float = 0.92, max_unsure_rel: float = 0.25) -> np.ndarray:
    """Boolean keep-mask over the pseudo photos (thresholds documented in MODEL_CARD.md)."""
    return (area >= min_area) & (area <= max_area) & (unsure_rel <= max_unsure_rel)


def border_stats(tri: np.ndarray) -> float:
    """Border pixels per pet-outline pixel in human trimaps: the mean band width in pixels.

    Used to size the band that turns a binary pseudo mask into a trimap, so the pseudo border has
    the same thickness as the human one at the same resolution."""
    blob = tri != BG
    pet = tri == PET

    def transitions(m):
        return (m[:, 1:, :] != m[:, :-1, :]).sum((1, 2)) + (m[:, :, 1:] != m[:, :, :-1]).sum((1, 2))

    # outline length ~ mean of the outer (pet+border vs background) and inner (pet) edge lengths
    outline = 0.5 * (transitions(blob) + transitions(pet))
    border = (tri == BORDER).sum((1, 2))
    ok = outline > 0
    return float(np.median(border[ok] / outline[ok]))
