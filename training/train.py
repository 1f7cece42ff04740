"""Train the pet U-Net on CPU, keep the best checkpoint on the human-labelled validation split, export it.

    /usr/bin/python3 -m training.train --out training/runs/main

Model 3.2.0's recipe: `--all-human --select midpoint --epochs 54 --steps-per-epoch 250 --stop-at-midpoint`.

real-test is never read here: validation is a fixed, breed-stratified 60-photo hold-out of real-train
plus 300 held-out pseudo-labelled photos of the other breeds; best.pt maximises the sum of the two
scores (human mIoU + pseudo pet IoU, see MODEL_CARD.md). With --all-human the 60 photos are trained
on too and best.pt is the snapshot from the middle of the schedule (--select midpoint).
"""
from __future__ import annotations

import argparse
import copy
import ctypes
import json
import math
import shutil
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from .augment import augment_batch, paste_pets, random_blur
from .data import (BG, BORDER, IGNORE, PET, border_stats, build_cache, pseudo_filter, split_pseudo,
                   split_real, split_seed_of)
from .metrics import evaluate_pseudo, evaluate_real
from .model import build_model, count_params


def _dilate(m: np.ndarray, r: int) -> np.ndarray:
    """Binary dilation of a [N,H,W] bool stack by a (2r+1)^2 square, as shifted ORs along each axis
    (numpy; torch's stride-1 max_pool2d was ~50x slower here)."""
    for axis in (1, 2):
        out = m.copy()
        n = m.shape[axis]
        for s in range(1, r + 1):
            fwd = [slice(None)] * 3
            bwd = [slice(None)] * 3
            fwd[axis], bwd[axis] = slice(s, n), slice(0, n - s)
            out[tuple(fwd)] |= m[tuple(bwd)]
            out[tuple(bwd)] |= m[tuple(fwd)]
        m = out
    return m


def make_pseudo_trimaps(soft_u8: np.ndarray, r_out: int, r_in: int) -> np.ndarray:
    """Binary mask at p>0.5, plus a border band r_out px outside and r_in px inside the outline."""
    fg = soft_u8 > 127
    band = _dilate(fg, r_out) & _dilate(~fg, r_in)
    return np.where(band, BORDER, np.where(fg, PET, BG)).astype(np.uint8)


class EMA:
    """Exponential moving average of weights and BN statistics: smoother, usually better checkpoints
    than the raw weights when validation is only 60 photos."""

    def __init__(self, model, decay: float):
        self.decay = decay
        self.updates = 0
        # A copy in the default memory format (as the separately built copy of earlier releases).
        self.model = copy.deepcopy(model).to(memory_format=torch.contiguous_format)
        self.model.eval()

    @torch.no_grad()
    def update(self, model):
        # Short memory at first: averaging the fast-moving early weights with the random init gave
        # a degenerate all-background model for the first ~2 epochs.
        self.updates += 1
        d = min(self.decay, (1 + self.updates) / (10 + self.updates))
        for e, p in zip(self.model.state_dict().values(), model.state_dict().values()):
            if e.dtype.is_floating_point:
                e.mul_(d).add_(p, alpha=1 - d)
            else:
                e.copy_(p)


def dice_loss(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Batch soft Dice over the 3 classes. mIoU weighs the thin border class as much as the others,
    and plain CE under-weights it; Dice pushes on its overlap directly."""
    valid = (target != IGNORE).unsqueeze(1).float()
    p = logits.softmax(1) * valid
    t = F.one_hot(target.clamp(max=2), 3).permute(0, 3, 1, 2).float() * valid
    inter = (p * t).sum((0, 2, 3))
    den = p.sum((0, 2, 3)) + t.sum((0, 2, 3))
    return 1 - ((2 * inter + 1) / (den + 1)).mean()


def one_cycle(p: float, lr: float, pct_start: float = 0.15, div: float = 20,
              final_div: float = 200) -> float:
    """One-cycle LR (cosine up, cosine down) as a function of training progress p in [0, 1]."""
    lo, end = lr / div, lr / div / final_div
    if p < pct_start:
        return lo + (lr - lo) * (1 - math.cos(math.pi * p / pct_start)) / 2
    q = min(1.0, (p - pct_start) / (1 - pct_start))
    return end + (lr - end) * (1 + math.cos(math.pi * q)) / 2


def keep_freed_memory() -> None:
    """Keep freed tensor memory in the process instead of returning it to the kernel.

    glibc serves the multi-MB activation tensors with mmap and unmaps them on free, so every step
    page-faults its activations back in (30k faults/s, a third of the CPU in the kernel). Serving
    every block from the heap and never trimming it keeps that memory for the next step (measured in
    training/README.md). Raising the mmap threshold is not enough: its maximum is 32 MB, and at 224²
    a batch's full-resolution activations (24 x 8 x 224² floats = 38.5 MB) pass it, which made 224²
    train at a third of 192²'s photos/s. Harmless where mallopt is missing."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-4, 0)  # M_MMAP_MAX: no block is served by mmap
        libc.mallopt(-1, 1 << 30)  # M_TRIM_THRESHOLD
        libc.mallopt(-2, 256 << 20)  # M_TOP_PAD
    except (OSError, AttributeError):
        pass


def _keep_midpoint(out: Path, snapshot_steps: dict[int, int], mid_step: float) -> int:
    """Copy the snapshot whose step is nearest mid_step (half the run) to best.pt; return its epoch.

    In the 240-trimap runs the human-val score peaked at 37-56 % of the schedule and fell by the end
    (the human photos are seen ~450 times each), and the 50 % checkpoint was within 0.011 of each
    run's best mIoU + pet IoU; MODEL_CARD.md has the table."""
    epoch = min(snapshot_steps, key=lambda e: abs(snapshot_steps[e] - mid_step))
    shutil.copyfile(out / "snapshots" / f"ep{epoch:03d}.pt", out / "best.pt")
    return epoch


def build_parser() -> argparse.ArgumentParser:
    """train.py's options; `build_parser().parse_args([])` gives the defaults a run used."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="data/pets")
    ap.add_argument("--out", default="training/runs/main")
    ap.add_argument("--cache", default="training/runs/cache")
    ap.add_argument("--cache-res", type=int, default=224)
    ap.add_argument("--size", type=int, default=160)
    ap.add_argument("--widths", default="8,16,32,64,128,224")
    ap.add_argument("--sep-deep", type=int, default=0,
                    help="use depthwise-separable blocks at this many of the deepest levels (model.py)")
    ap.add_argument("--encoder", choices=("unet", "movenet", "nanodet"), default="unet",
                    help="unet: model.py's U-Net from scratch (--widths, --sep-deep); movenet: MoveNet "
                         "Lightning's pretrained MobileNetV2 + FPN with a small decoder (pretrained.py; "
                         "the options below); nanodet: NanoDet-g's pretrained CSP backbone (nanodet.py)")
    ap.add_argument("--top", choices=("block16", "conv1280"), default="block16",
                    help="movenet: FPN top from block_16 through a new 320->64 conv, or MoveNet's own "
                         "Conv_1 (1280) + lateral conv (0.47 M more parameters, over the 8 MB budget)")
    ap.add_argument("--dec-width", type=int, default=24, help="movenet, nanodet: channels of the stride-2 decoder block")
    ap.add_argument("--stem-width", type=int, default=8, help="movenet, nanodet: channels at full resolution")
    ap.add_argument("--freeze-blocks", type=int, default=2,
                    help="movenet: keep Conv1, expanded_conv and this many inverted residual blocks at "
                         "MoveNet's weights (2 = everything at strides 2 and 4)")
    ap.add_argument("--freeze-stages", type=int, default=1,
                    help="nanodet: keep the stem and this many CSP stages at NanoDet's weights (1 = strides 2 and 4)")
    ap.add_argument("--encoder-lr-mult", type=float, default=0.25,
                    help="movenet, nanodet: the pretrained layers' learning rate as a fraction of --lr")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--steps-per-epoch", type=int, default=250)
    ap.add_argument("--human-per-batch", type=int, default=8)
    ap.add_argument("--pseudo-per-batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--wd", type=float, default=1e-4)
    ap.add_argument("--human-aug", choices=("base", "strong"), default="base",
                    help="augmentation of the human-labelled photos: as the pseudo ones, or wider crops, "
                         "more rotation and colour change (augment.STRONG_AFFINE / STRONG_JITTER) against memorising them")
    ap.add_argument("--blur", type=float, default=0.0,
                    help="chance that a training photo is blurred by a Gaussian of sigma U(0, --blur-sigma) px "
                         "after resampling (augment.random_blur), so the model does not depend on how sharp "
                         "the app's area-average resize leaves a photo; 0 = off")
    ap.add_argument("--blur-sigma", type=float, default=0.8)
    ap.add_argument("--copy-paste", type=float, default=0.0,
                    help="chance that a pseudo-labelled photo gets a human-labelled pet pasted on it")
    ap.add_argument("--pseudo-weight", type=float, default=0.5, help="loss weight of pseudo-labelled pixels")
    ap.add_argument("--pseudo-border-weight", type=float, default=0.2,
                    help="loss weight of the synthetic border band on pseudo labels (a guess, not a label)")
    ap.add_argument("--dice-weight", type=float, default=0.5)
    ap.add_argument("--no-filter", action="store_true", help="keep all pseudo masks")
    ap.add_argument("--max-unsure-rel", type=float, default=0.6)
    ap.add_argument("--ema", type=float, default=0.995)
    ap.add_argument("--select", choices=("miou+pseudo", "miou", "midpoint", "last"), default="miou+pseudo",
                    help="checkpoint choice: best human-val mIoU plus pseudo hold-out pet IoU, best mIoU "
                         "alone, the epoch nearest the middle of the schedule (for --all-human, where no "
                         "human hold-out is left to choose on), or the end of the schedule")
    ap.add_argument("--stop-at-midpoint", action="store_true",
                    help="with --select midpoint and a fixed step count: end the run once the midpoint "
                         "snapshot is written. The LR schedule follows the step count, so the second half "
                         "cannot change that snapshot; stopping gives the same best.pt in half the time")
    ap.add_argument("--all-human", action="store_true",
                    help="train on all real-train trimaps, the 60 validation photos included; their scores "
                         "are then logged as training fit, not validation (use with --select midpoint)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--split-seed", type=int, default=None,
                    help="seed of the validation splits (default: --seed); fix it to rerun a recipe with "
                         "another seed on the same hold-out photos")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--export-to", default="static/model", help="export best checkpoint here ('' = skip)")
    ap.add_argument("--time-budget-min", type=float, default=0,
                    help="train for this many minutes instead of a fixed step count: the LR schedule follows "
                         "elapsed time, so the run anneals properly and ends on time on a shared machine "
                         "(the step count reached is logged; rerun with --epochs/--steps-per-epoch to repeat "
                         "it step-for-step). 0 = use --epochs")
    ap.add_argument("--snapshot-every", type=int, default=0,
                    help="also keep the EMA weights of every Nth epoch in OUT/snapshots/ (for weight "
                         "averaging chosen on validation afterwards; 0 = off)")
    ap.add_argument("--export-every-epoch", action="store_true",
                    help="also re-export whenever the best checkpoint improves (for app development)")
    return ap


def main() -> None:
    args = build_parser().parse_args()

    keep_freed_memory()
    torch.set_num_threads(args.threads)
    # Tiny weights/activations late in training can go denormal, which is very slow on x86.
    torch.set_flush_denormal(True)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    g = torch.Generator().manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    log_f = open(out / "metrics.jsonl", "a")

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    t0 = time.time()
    d = np.load(build_cache(args.data, args.cache, args.cache_res))
    names = d["real_names"]
    split_seed = split_seed_of(vars(args))
    tr, va = split_real(names, 60, split_seed)
    if args.all_human:
        # va stays as a fixed probe set, but it is now training data: its scores measure fit.
        tr = np.arange(len(names))
    if args.select == "midpoint":
        args.snapshot_every = 1
    if args.stop_at_midpoint and (args.select != "midpoint" or args.time_budget_min):
        raise SystemExit("--stop-at-midpoint needs --select midpoint and a fixed step count (no --time-budget-min)")
    real_img, real_tri = d["real_img"], d["real_tri"]
    ptr, pva = split_pseudo(d["pseudo_names"], 300, split_seed)
    keep = np.ones(len(d["pseudo_names"]), bool) if args.no_filter else pseudo_filter(
        d["pseudo_area"], d["pseudo_unsure_rel"], max_unsure_rel=args.max_unsure_rel)
    ptr_kept = ptr[keep[ptr]]
    log(f"human train {len(tr)} val {len(va)}; pseudo train {len(ptr_kept)}/{len(ptr)} kept by filter, "
        f"pseudo val {len(pva)} (unfiltered); cache load {time.time() - t0:.1f}s")

    # Size the pseudo border band so its mean width matches the human trimaps' (training split only).
    human_w = border_stats(real_tri[tr])
    best_r, best_gap = (1, 1), 1e9
    sample = d["pseudo_soft"][ptr_kept[:500]]
    for r_out in range(0, 5):
        for r_in in range(0, 5):
            if abs(r_out - r_in) > 1:
                continue
            w = border_stats(make_pseudo_trimaps(sample, r_out, r_in))
            if abs(w - human_w) < best_gap:
                best_r, best_gap = (r_out, r_in), abs(w - human_w)
    pseudo_tri = make_pseudo_trimaps(d["pseudo_soft"], *best_r)
    log(f"human border width {human_w:.2f}px at {args.cache_res}px; pseudo band r_out,r_in={best_r} "
        f"(width {border_stats(pseudo_tri[ptr_kept[:500]]):.2f}px)")
    pseudo_img = d["pseudo_img"]

    widths = tuple(int(w) for w in args.widths.split(","))
    model = build_model(dict(vars(args), widths=widths), pretrained=True)
    if args.encoder == "movenet":
        model.freeze_early(args.freeze_blocks)
    elif args.encoder == "nanodet":
        model.freeze_early(args.freeze_stages)
    if args.encoder == "unet":
        groups = [{"params": list(model.parameters()), "lr_mult": 1.0}]
    else:
        pre, new = model.param_groups()
        groups = [{"params": [p for p in pre if p.requires_grad], "lr_mult": args.encoder_lr_mult},
                  {"params": new, "lr_mult": 1.0}]
    # channels_last made these convs 1.5-2x faster with this torch build's oneDNN kernels.
    model = model.to(memory_format=torch.channels_last)
    n_params = count_params(model)
    ema = EMA(model, args.ema)
    total_steps = args.epochs * args.steps_per_epoch
    opt = torch.optim.AdamW(groups, lr=args.lr, weight_decay=args.wd)
    trained_on = (f"Oxford-IIIT Pet (CC BY-SA 4.0): {len(tr)} human trimaps + {len(ptr_kept)} "
                  f"pseudo-labelled photos")
    config = dict(vars(args), widths=list(widths), params=n_params, pseudo_band=list(best_r),
                  trained_on=trained_on, val_names=names[va].tolist())
    (out / "config.json").write_text(json.dumps(config, indent=2))
    plan = f"{args.time_budget_min} min" if args.time_budget_min else f"{total_steps} steps"
    trainable = sum(p.numel() for g in groups for p in g["params"])
    arch = {"movenet": f"MoveNet encoder (top {args.top}, {trainable} trainable)",
            "nanodet": f"NanoDet-g encoder ({trainable} trainable)"}.get(args.encoder, f"model widths {widths}")
    log(f"{arch}: {n_params} params; {plan} of batches of "
        f"{args.human_per_batch}+{args.pseudo_per_batch} images")

    # Per-pixel loss weights for pseudo labels: trust the inside/outside, barely trust the band.
    pw = torch.tensor([args.pseudo_weight, args.pseudo_weight, args.pseudo_border_weight])
    hb, pb = args.human_per_batch, args.pseudo_per_batch
    best = -1.0
    step = 0
    t_train = time.time()
    budget_s = 60 * args.time_budget_min

    def progress() -> float:
        if budget_s:
            return (time.time() - t_train) / budget_s
        return step / total_steps

    finished = False
    epoch = 0
    snapshot_steps: dict[int, int] = {}  # epoch -> step of each snapshot this run wrote
    while not finished:
        epoch += 1
        model.train()
        te = time.time()
        run_loss = 0.0
        n_steps = 0
        for _ in range(args.steps_per_epoch):
            p = progress()
            if p >= 1:
                break
            lr = one_cycle(p, args.lr)
            for group in opt.param_groups:
                group["lr"] = lr * group["lr_mult"]
            hi = rng.choice(tr, hb)  # with replacement: a fixed share of human labels in every batch
            pi = rng.choice(ptr_kept, pb, replace=False)
            img = torch.from_numpy(np.concatenate([real_img[hi], pseudo_img[np.sort(pi)]]))
            lab = torch.from_numpy(np.concatenate([real_tri[hi], pseudo_tri[np.sort(pi)]]))
            if args.human_aug == "strong":
                xh, yh = augment_batch(img[:hb], lab[:hb], args.size, g, train=True, strong=True)
                xp, yp = augment_batch(img[hb:], lab[hb:], args.size, g, train=True)
                x, y = torch.cat([xh, xp]), torch.cat([yh, yp])
            else:
                x, y = augment_batch(img, lab, args.size, g, train=True)
            w = torch.ones(y.shape)
            w[hb:] = pw[y[hb:]]
            if args.blur > 0:
                x = random_blur(x, g, args.blur, args.blur_sigma)
            if args.copy_paste > 0:
                dst = hb + torch.nonzero(torch.rand(pb, generator=g) < args.copy_paste)[:, 0]
                src = torch.randint(0, hb, (dst.numel(),), generator=g)
                paste_pets(x, y, w, src, dst, g)
            x = x.contiguous(memory_format=torch.channels_last)
            logits = model(x)
            ce = F.cross_entropy(logits, y, reduction="none")
            loss = (ce * w).sum() / w.sum()
            if args.dice_weight > 0:
                loss = loss + args.dice_weight * dice_loss(logits[:hb], y[:hb])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            ema.update(model)
            run_loss += loss.item()
            step += 1
            n_steps += 1
        # With --stop-at-midpoint, both snapshots around the midpoint exist once an epoch passes it.
        finished = (progress() >= 1 or (not budget_s and epoch >= args.epochs)
                    or (args.stop_at_midpoint and step >= total_steps / 2))
        if n_steps == 0:
            break
        train_time = time.time() - te
        # Time-budget mode has a last, partial epoch; average over the steps actually run.
        vr = evaluate_real(ema.model, d["real_img224"][va], d["real_tri224"][va], args.size)
        vp = evaluate_pseudo(ema.model, pseudo_img[pva], d["pseudo_soft"][pva], args.size)
        rec = {"epoch": epoch, "step": step, "loss": run_loss / n_steps, "val": vr,
               "pseudo_val_pet_iou": vp, "lr": lr, "epoch_s": time.time() - te,
               "img_per_s": n_steps * (hb + pb) / train_time, "elapsed_s": time.time() - t0}
        log_f.write(json.dumps(rec) + "\n")
        log_f.flush()
        ck = {"model": ema.model.state_dict(), "config": config, "epoch": epoch, "step": step, "val": vr}
        torch.save(ck, out / "last.pt")
        if args.snapshot_every and epoch % args.snapshot_every == 0:
            (out / "snapshots").mkdir(exist_ok=True)
            torch.save(ck, out / "snapshots" / f"ep{epoch:03d}.pt")
            snapshot_steps[epoch] = step
        # Select on human-val mIoU plus pseudo hold-out pet IoU: 60 human photos alone are a noisy
        # signal (v2 picked a mid-schedule peak), and the 300 other-breed photos steady it.
        sel = vr["miou"] + (vp if args.select == "miou+pseudo" else 0.0)
        improved = sel > best and args.select not in ("midpoint", "last")
        if improved:
            best = sel
            torch.save(ck, out / "best.pt")
        log(f"ep {epoch:3d} step {step} lr {lr:.2e} loss {rec['loss']:.4f} | val mIoU {vr['miou']:.4f} (img {vr['miou_img']:.4f}) "
            f"acc {vr['acc']:.4f} petIoU {vr['pet_iou']:.4f} iou {vr['iou']} | pseudo petIoU {vp:.4f} | "
            f"{rec['img_per_s']:.1f} img/s {rec['epoch_s']:.0f}s{' *' if improved else ''}")
        if improved and args.export_every_epoch and args.export_to:
            from .export import export
            export(out / "best.pt", args.export_to)

    if args.select == "last":
        shutil.copyfile(out / "last.pt", out / "best.pt")
        chosen = f"best.pt is the last snapshot (epoch {epoch}, step {step})"
    elif args.select == "midpoint":
        # A fixed schedule's middle is known in advance (and the run may stop there); a time budget's
        # is half the steps it reached.
        mid = total_steps / 2 if not budget_s else step / 2
        chosen = f"best.pt is the epoch-{_keep_midpoint(out, snapshot_steps, mid)} snapshot, the one nearest step {mid:.0f}"
    else:
        chosen = f"best selection score {best:.4f}"
    log(f"done in {(time.time() - t0) / 60:.1f} min, {step} steps ({step * (hb + pb)} images); {chosen}")
    if args.export_to:
        from .export import export
        m = export(out / "best.pt", args.export_to)
        log(f"exported best checkpoint to {args.export_to}: {json.dumps(m)}")


if __name__ == "__main__":
    main()
