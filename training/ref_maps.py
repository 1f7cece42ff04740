"""Shared by the weight-conversion tests (pretrained_test.py, nanodet_test.py): reading the feature maps
a TF.js reference script wrote (`tfjs_graph.mjs`'s writeMaps) and reporting named checks."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable

import numpy as np


def read_maps(src: Path, keys: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The maps `keys` from a reference folder: KEY.f32 (raw float32) shaped by KEY.json's "shape"."""
    out = {}
    for k in keys:
        shape = json.loads((src / f"{k}.json").read_text())["shape"]
        out[k] = np.fromfile(src / f"{k}.f32", np.float32).reshape(shape)
    return out


def save_fixture(path: Path, maps: dict[str, np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **maps)
    print(f"wrote {path} ({path.stat().st_size} bytes)")


class Checks:
    """Prints each check as it runs; exit_code() sums them up.

    >>> c = Checks(); c.check("shape", True, "(2, 3)"); c.exit_code()
    """

    def __init__(self) -> None:
        self.failures: list[str] = []

    def check(self, name: str, ok: bool, detail: str) -> None:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
        if not ok:
            self.failures.append(name)

    def exit_code(self) -> int:
        print("all checks passed" if not self.failures else f"{len(self.failures)} check(s) failed")
        return 1 if self.failures else 0


def test_main(write_fixture: Callable[[Path], None], run: Callable[[Checks], None]) -> int:
    """A conversion test's command line: `--write-fixture SRC` packs a reference folder, otherwise
    `run` makes its checks (torch on 2 threads) and the exit code says whether all passed."""
    if sys.argv[1:2] == ["--write-fixture"]:
        write_fixture(Path(sys.argv[2]))
        return 0
    import torch
    torch.set_num_threads(2)
    checks = Checks()
    run(checks)
    return checks.exit_code()
