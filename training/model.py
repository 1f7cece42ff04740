"""A small U-Net sized for onnxruntime-web WASM on two CPU threads.

WASM inference cost follows FLOPs at full resolution, so the full-resolution stages are only 8
channels wide and the width grows where the feature maps are small. Depthwise-separable blocks
(`sep_levels`) would be cheaper still in WASM, but in the Debian CPU build of torch 1.13 their
forward+backward ran at 5-12 photos/s vs ~68 for this model, which would have cut the training
budget several-fold, so the shipped model uses standard 3x3 convs everywhere.
Everything is plain Conv/BN/ReLU/MaxPool/Resize/Concat so the ONNX graph stays on kernels that
onnxruntime-web runs well; BatchNorm folds into the convolutions at export.

The sixth level (224 channels at 5x5 for the 160x160 input) sees the whole photo and holds most of
the 1.76 M parameters, yet costs little: at 128x128 (model 2.0.0), 339 vs 317 ms per training step
(batch 24) and 15.5 vs 12.5 ms in WASM, with vs without it (training/probe_speed.py). It raised validation mIoU by a point over the
5-level model but not the benchmark (MODEL_CARD.md, Metrics).
"""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn(cin: int, cout: int, k: int = 3, groups: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(cin, cout, k, padding=k // 2, groups=groups, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class SepConv(nn.Sequential):
    """Depthwise 3x3 + pointwise 1x1 (MobileNet-style): ~8x cheaper than a full 3x3 conv."""

    def __init__(self, cin: int, cout: int):
        super().__init__(
            nn.Conv2d(cin, cin, 3, padding=1, groups=cin, bias=False),
            nn.BatchNorm2d(cin),
            nn.ReLU(inplace=True),
            nn.Conv2d(cin, cout, 1, bias=False),
            nn.BatchNorm2d(cout),
            nn.ReLU(inplace=True),
        )


class Block(nn.Sequential):
    def __init__(self, cin: int, cout: int, sep: bool):
        if sep:
            super().__init__(SepConv(cin, cout), SepConv(cout, cout))
        else:
            super().__init__(conv_bn(cin, cout), conv_bn(cout, cout))


class PetUNet(nn.Module):
    def __init__(self, widths=(8, 16, 32, 64, 128, 224), n_classes: int = 3, sep_levels: int = 0,
                 sep_deep: int = 0):
        """widths: channels per level (level 0 = full resolution).
        sep_levels: how many of the levels (from full resolution down) use separable convs.
        sep_deep: how many of the deepest levels use separable convs (cheap there: see build_model)."""
        super().__init__()
        self.widths = tuple(widths)
        self.sep_deep = sep_deep
        n = len(widths)
        sep = [i < sep_levels or i >= n - sep_deep for i in range(n)]
        # Separable blocks get a standard 3x3 stem (a depthwise conv on 3 RGB channels learns
        # almost nothing); standard blocks read the RGB input directly.
        self.stem = conv_bn(3, widths[0]) if sep[0] else nn.Identity()
        self.enc = nn.ModuleList()
        for i in range(n):
            cin = (widths[0] if sep[0] else 3) if i == 0 else widths[i - 1]
            self.enc.append(Block(cin, widths[i], sep[i]))
        self.dec = nn.ModuleList()
        for i in range(n - 2, -1, -1):
            self.dec.append(Block(widths[i + 1] + widths[i], widths[i], sep[i]))
        self.head = nn.Conv2d(widths[0], n_classes, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.stem(x)
        skips = []
        for i, blk in enumerate(self.enc):
            if i > 0:
                x = F.max_pool2d(x, 2)
            x = blk(x)
            skips.append(x)
        x = skips.pop()
        for blk in self.dec:
            skip = skips.pop()
            x = F.interpolate(x, size=skip.shape[-2:], mode="bilinear", align_corners=False)
            x = blk(torch.cat([x, skip], dim=1))
        return self.head(x)


def build_model(config: dict, pretrained: bool = False) -> nn.Module:
    """The network a run's config describes (`--widths`, `--sep-deep`; `--encoder movenet|nanodet`), e.g.
    `build_model(torch.load("best.pt")["config"])`. pretrained=True loads a pretrained encoder's own
    weights (the start of training); a checkpoint's weights replace them, so loading one leaves it off.

    Separable blocks only at the deepest levels are a different trade from `sep_levels`: there the
    maps are small, so they cost little to train. Measured on 2026-12-01 on a busy VM (commands in
    training/README.md), widths 8-16-32-64-128-256-512 with the 3 deepest separable: 1.15 M params
    (4.6 MB), a 610 ms training step vs 712 ms, and a WASM median of 24.8-27.5 ms vs 32.3-32.5 ms
    for the shipped 6-level model, timed alternately. Trained once (run v7_sep, MODEL_CARD.md): in
    the same 85 minutes it stayed below the shipped model on validation."""
    encoder = config.get("encoder", "unet")
    if encoder == "movenet":  # model 5's encoders + U-Net decoders (training/pretrained.py, nanodet.py)
        from .pretrained import build_movenet_unet
        return build_movenet_unet(config, pretrained)
    if encoder == "nanodet":
        from .nanodet import build_nanodet_unet
        return build_nanodet_unet(config, pretrained)
    return PetUNet(tuple(config["widths"]), sep_deep=int(config.get("sep_deep", 0)))


def count_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())
