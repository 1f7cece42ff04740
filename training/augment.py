"""Batched augmentation on tensors (no torchvision here, and per-image PIL work is too slow on 2 cores).

One affine warp per sample does crop + aspect jitter + flip + small rotation in a single
grid_sample call; labels go through the same warp with nearest sampling.
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from .data import BG

MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def normalize(x01: torch.Tensor) -> torch.Tensor:
    """x01: float RGB in 0..1, NCHW -> network input (same as the app: (x - mean) / std)."""
    return (x01 - MEAN) / STD


def random_affine(b: int, g: torch.Generator, scale=(0.6, 1.0), ratio=(3 / 4, 4 / 3),
                  max_rot_deg: float = 10.0, p_rot: float = 0.3) -> torch.Tensor:
    """theta [b,2,3] for F.affine_grid: random resized crop (area fraction `scale`, aspect `ratio`),
    horizontal flip, and sometimes a small rotation. The app stretches whole photos to a square,
    so aspect jitter stands in for the varied photo shapes it sees."""
    u = lambda lo, hi: lo + (hi - lo) * torch.rand(b, generator=g)
    area = u(*scale)
    log_r = u(math.log(ratio[0]), math.log(ratio[1]))
    ar = torch.exp(log_r)
    w = torch.sqrt(area * ar).clamp(max=1.0)  # crop size as a fraction of the side
    h = torch.sqrt(area / ar).clamp(max=1.0)
    cx = (1 - w) * (2 * torch.rand(b, generator=g) - 1)  # centre keeps the crop inside
    cy = (1 - h) * (2 * torch.rand(b, generator=g) - 1)
    flip = torch.where(torch.rand(b, generator=g) < 0.5, -1.0, 1.0)
    rot = torch.where(torch.rand(b, generator=g) < p_rot, u(-max_rot_deg, max_rot_deg), torch.zeros(b))
    rot = rot * math.pi / 180
    c, s = torch.cos(rot), torch.sin(rot)
    theta = torch.zeros(b, 2, 3)
    theta[:, 0, 0] = w * flip * c
    theta[:, 0, 1] = -w * s
    theta[:, 1, 0] = h * flip * s
    theta[:, 1, 1] = h * c
    theta[:, 0, 2] = cx
    theta[:, 1, 2] = cy
    return theta


def color_jitter(x: torch.Tensor, g: torch.Generator, strength: float = 0.3,
                 p_gray: float = 0.1) -> torch.Tensor:
    """Brightness / contrast / saturation jitter and occasional grayscale on 0..1 RGB."""
    b = x.shape[0]
    u = lambda: (1 - strength + 2 * strength * torch.rand(b, 1, 1, 1, generator=g))
    gray = (0.299 * x[:, 0:1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:3])
    x = x * u()  # brightness
    mean = gray.mean(dim=(2, 3), keepdim=True)
    x = (x - mean) * u() + mean  # contrast
    gray = (0.299 * x[:, 0:1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:3])
    x = (x - gray) * u() + gray  # saturation
    to_gray = (torch.rand(b, 1, 1, 1, generator=g) < p_gray).float()
    x = x * (1 - to_gray) + gray.expand_as(x) * to_gray
    return x.clamp(0, 1)


# Wider crops, more rotation and stronger colour change, for photos the network would otherwise
# memorise (the human trimaps are seen ~450 times each in a run).
STRONG_AFFINE = dict(scale=(0.35, 1.0), ratio=(2 / 3, 3 / 2), max_rot_deg=15.0, p_rot=0.5)
STRONG_JITTER = dict(strength=0.4)


def augment_batch(img_u8: torch.Tensor, lab_u8: torch.Tensor, size: int, g: torch.Generator,
                  train: bool = True, strong: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    """img_u8 [B,H,W,3] uint8, lab_u8 [B,H,W] uint8 -> (normalized input [B,3,S,S], labels [B,S,S] long).

    strong=True uses the STRONG_* ranges instead of the defaults."""
    x = img_u8.permute(0, 3, 1, 2).float() / 255.0
    y = lab_u8.unsqueeze(1).float()
    b = x.shape[0]
    if train:
        theta = random_affine(b, g, **(STRONG_AFFINE if strong else {}))
    else:
        theta = torch.tensor([[1.0, 0, 0], [0, 1.0, 0]]).expand(b, 2, 3)
    grid = F.affine_grid(theta, [b, 3, size, size], align_corners=False)
    # Reflection keeps rotated corners looking like the photo (and labelled consistently).
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)
    y = F.grid_sample(y, grid, mode="nearest", padding_mode="reflection", align_corners=False)
    if train:
        x = color_jitter(x, g, **(STRONG_JITTER if strong else {}))
    return normalize(x), y[:, 0].round().long()


def paste_pets(x: torch.Tensor, y: torch.Tensor, w: torch.Tensor, src: torch.Tensor, dst: torch.Tensor,
               g: torch.Generator, scale=(0.5, 1.0)) -> None:
    """Copy-paste, in place: the pet of each x[src[k]] (its pet and border pixels) is shrunk by a random
    factor in `scale`, moved to a random place and pasted over x[dst[k]], whose labels and loss weights
    take the pasted ones (weight 1: the pasted labels are human trimaps).

    The point is to show pets on scenes they were not photographed in, including other pets' beds and
    blankets, so that texture alone cannot say "pet". The border band travels with the pet and covers
    the cut edge, which is labelled border (the class no metric counts as pet or background).
    x: normalized [B,3,S,S]; y: labels [B,S,S] long; w: per-pixel loss weights [B,S,S]."""
    k = src.numel()
    if k == 0:
        return
    s = scale[0] + (scale[1] - scale[0]) * torch.rand(k, generator=g)
    inv = 1 / s
    # Translations within ±(1/s - 1) keep the whole shrunk source frame inside the target.
    t = (inv - 1).unsqueeze(1) * (2 * torch.rand(k, 2, generator=g) - 1)
    theta = torch.zeros(k, 2, 3)
    theta[:, 0, 0] = inv
    theta[:, 1, 1] = inv
    theta[:, :, 2] = t
    size = [k, 1, x.shape[2], x.shape[3]]
    grid = F.affine_grid(theta, size, align_corners=False)
    img = F.grid_sample(x[src], grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    lab = F.grid_sample(y[src].unsqueeze(1).float(), grid, mode="nearest", padding_mode="zeros",
                        align_corners=False)[:, 0].round().long()
    # Zero padding reads as label 0 (pet), so the paste mask travels as its own channel.
    fg = (y[src] != BG).unsqueeze(1).float()
    m = F.grid_sample(fg, grid, mode="nearest", padding_mode="zeros", align_corners=False)[:, 0] > 0.5
    x[dst] = torch.where(m.unsqueeze(1), img, x[dst])
    y[dst] = torch.where(m, lab, y[dst])
    w[dst] = torch.where(m, torch.ones_like(w[dst]), w[dst])


def random_blur(x: torch.Tensor, g: torch.Generator, p: float, max_sigma: float) -> torch.Tensor:
    """Blur each photo of a normalised batch [B,3,S,S] with chance p by a separable Gaussian (5 taps,
    reflection padding) of sigma uniform in (0, max_sigma) px; the others pass unchanged.

    Model 5's MoveNet encoder lost a point of pet IoU on the validation photos when they were
    resized the app's way (exact area average, a little softer) instead of with PIL's BOX filter;
    mild blur in training is meant to make it indifferent to that."""
    b = x.shape[0]
    on = torch.rand(b, generator=g) < p
    sigma = max_sigma * torch.rand(b, generator=g)
    if not bool(on.any()):
        return x
    t = torch.arange(-2, 3, dtype=torch.float32)
    k = torch.exp(-0.5 * (t[None] / sigma.clamp(min=1e-3)[:, None]) ** 2)
    k = k / k.sum(1, keepdim=True)  # [B,5]; sigma -> 0 gives [0,0,1,0,0]
    idx = torch.nonzero(on)[:, 0]
    xb = x[idx]
    n, c, h, w = xb.shape
    kk = k[idx].repeat_interleave(c, 0)  # one kernel per (photo, channel)
    y = F.pad(xb.reshape(1, n * c, h, w), (2, 2, 0, 0), mode="reflect")
    y = F.conv2d(y, kk.view(n * c, 1, 1, 5), groups=n * c)
    y = F.pad(y, (0, 0, 2, 2), mode="reflect")
    y = F.conv2d(y, kk.view(n * c, 1, 5, 1), groups=n * c)
    x = x.clone()
    x[idx] = y.view(n, c, h, w)
    return x
