"""Speed probes behind the choice of widths (MODEL_CARD.md, Architecture).

    /usr/bin/python3 -W ignore -m training.probe_speed train 8,16,32,64,128 8,16,32,64,128,224
    /usr/bin/python3 -W ignore -m training.probe_speed export 8,16,32,64,128,224 .scratch/probe_224
    /usr/bin/python3 -W ignore -m training.probe_speed --size=160 export 8,16,32,64,128 .scratch/probe_160
    deno run --allow-read --allow-env --allow-sys training/check_onnx.ts .scratch/probe_224/pet_unet.onnx .scratch/probe_224 40 2

`train`: median time of one forward+backward+AdamW step on a batch of 24 random 128x128 photos
(`--size=N` for NxN; `--keep-freed-memory` applies train.py's allocator setting) per width list
(2 threads, channels_last, as in train.py; `--sep-deep=K`: separable blocks at the K deepest levels). `export`: a randomly initialised model of
those widths as ONNX + manifest + reference pair, so check_onnx.ts can time it in WASM (the weights
do not change the cost).
"""
from __future__ import annotations

import sys
import time

import torch
import torch.nn.functional as F

from .export import export
from .model import PetUNet, count_params
from .train import keep_freed_memory


def step_ms(widths: tuple[int, ...], size: int = 128, batch: int = 24, steps: int = 8,
            sep_deep: int = 0) -> float:
    m = PetUNet(widths, sep_deep=sep_deep).to(memory_format=torch.channels_last)
    opt = torch.optim.AdamW(m.parameters(), 1e-3)
    x = torch.randn(batch, 3, size, size).contiguous(memory_format=torch.channels_last)
    y = torch.randint(0, 3, (batch, size, size))
    times = []
    for _ in range(steps):
        t = time.perf_counter()
        loss = F.cross_entropy(m(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        times.append(time.perf_counter() - t)
    times = sorted(times[1:])  # the first step allocates
    return 1000 * times[len(times) // 2]


def main() -> None:
    torch.set_num_threads(2)
    torch.set_flush_denormal(True)
    argv = sys.argv[1:]
    size = 128
    sep_deep = 0
    while argv and argv[0].startswith("--"):
        opt = argv.pop(0)
        if opt.startswith("--size="):
            size = int(opt.split("=", 1)[1])
        elif opt.startswith("--sep-deep="):
            sep_deep = int(opt.split("=", 1)[1])
        elif opt == "--keep-freed-memory":
            keep_freed_memory()  # as train.py does
        else:
            raise SystemExit(f"unknown option {opt}")
    mode, *rest = argv
    if mode == "train":
        for spec in rest:
            w = tuple(int(v) for v in spec.split(","))
            ms = step_ms(w, size, sep_deep=sep_deep)
            print(f"{spec} at {size}px: {count_params(PetUNet(w, sep_deep=sep_deep))} params, {ms:.0f} ms/step, "
                  f"{24000 / ms:.1f} photos/s")
    elif mode == "export":
        spec, out = rest
        w = tuple(int(v) for v in spec.split(","))
        m = PetUNet(w, sep_deep=sep_deep).eval()
        ck = f"{out}.pt"
        torch.save({"model": m.state_dict(),
                    "config": {"widths": list(w), "sep_deep": sep_deep, "size": size, "out": out}}, ck)
        export(ck, out)
        print(f"wrote {out}/pet_unet.onnx")
    else:
        raise SystemExit("usage: probe_speed [--size=N] [--sep-deep=K] [--keep-freed-memory] "
                         "train W... | export W OUT")


if __name__ == "__main__":
    main()
