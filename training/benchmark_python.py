"""Python reference timings for a bundle (the Java benchmark reports Java/Python ratios against these).

    /usr/bin/python3 training/benchmark_python.py models/demo [--repeats 20] [--threads 2]

Loads the TorchScript modules with torch.jit.load (no training code involved) and prints one JSON object:
image embedding (batch 1, a 5:3 photo), four views in one batched call (mapping + synthesis, B=4), and a
nudge strip of 7 alphas x 4 views (B=28). Times are medians in milliseconds.

With --serve it instead answers "<op> <n>" lines on stdin (op: emb, four, strip) with the n timings, so the Java
benchmark can alternate short Java and Python blocks: the machine's speed drifts by tens of percent over minutes
(shared host), and only interleaved blocks see the same machine.
"""
import argparse
import hashlib
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import torch


def timeit(fn, repeats, warmup):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t) * 1000)
    return statistics.median(ts), min(ts)


def operations(root: Path, threads: int, photo_hw: str = "480x800"):
    """The bundle's modules and the three timed operations (the same inputs as the Java benchmark)."""
    torch.set_num_threads(threads)
    m = json.loads((root / "manifest.json").read_text())
    load = lambda f: torch.jit.load(str(root / f), map_location="cpu").eval()
    t0 = time.perf_counter()
    img_enc = load(m["encoder"]["file"])
    mapping = load(m["generator"]["mapping_file"])
    synth = load(m["generator"]["synthesis_file"])
    load_ms = (time.perf_counter() - t0) * 1000
    g = m["generator"]
    H, W = map(int, photo_hw.split("x"))
    gen = torch.Generator().manual_seed(0)
    photo = torch.randint(0, 256, (1, 3, H, W), generator=gen).float()
    V = len(g["views"])
    psi = torch.tensor([float(g["default_psi"])])
    z = torch.randn(1, g["z_dim"], generator=gen)
    with torch.no_grad():
        kappa = img_enc(photo)
    kb, ka = kappa * 0.9, kappa * 1.1

    def four():
        c = torch.eye(V)
        return synth(mapping(c, kappa.expand(V, -1), z.expand(V, -1), psi))

    def strip():
        alphas = torch.linspace(-1.5, 1.5, 7)
        k = kappa + alphas.view(7, 1) * (ka - kb)
        k = k.repeat_interleave(V, 0)
        c = torch.eye(V).repeat(7, 1)
        return synth(mapping(c, k, z.expand(7 * V, -1), psi))

    ops = {"emb": lambda: img_enc(photo), "four": four, "strip": strip}
    picture = m.get("ood", {}).get("picture")
    if picture:  # the second out-of-distribution check runs on every new photo, beside the embedding
        picture_statistics = load(picture["module"])
        ops["pic"] = lambda: picture_statistics(photo)
    orientation = m.get("ood", {}).get("orientation")
    if orientation:  # so does the third, the orientation reader
        reader = load(orientation["module"])
        ops["turn"] = lambda: reader(photo)
    return m, load_ms, (H, W), ops


def serve(ops) -> None:
    """Line protocol for interleaved runs: "<op> <n>" on stdin -> {"op", "ms": [n timings]} on stdout."""
    print(json.dumps({"ready": True}), flush=True)
    with torch.no_grad():
        for line in sys.stdin:
            parts = line.split()
            if not parts or parts[0] == "quit":
                break
            fn, n = ops[parts[0]], int(parts[1])
            ms = []
            for _ in range(n):
                t = time.perf_counter()
                fn()
                ms.append((time.perf_counter() - t) * 1000)
            print(json.dumps({"op": parts[0], "ms": ms}), flush=True)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("bundle")
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--photo", default="480x800", help="HxW of the input photo for the image embedding")
    ap.add_argument("--serve", action="store_true", help="answer timing requests on stdin (interleaved runs)")
    a = ap.parse_args(argv)
    m, load_ms, (H, W), ops = operations(Path(a.bundle), a.threads, a.photo)
    if a.serve:
        serve(ops)
        return
    with torch.no_grad():
        emb = timeit(ops["emb"], a.repeats, a.warmup)
        fv = timeit(ops["four"], a.repeats, a.warmup)
        ns = timeit(ops["strip"], a.repeats, a.warmup)
    g = m["generator"]
    out = {"bundle": m["id"], "bundle_version": m["version"], "torch": torch.__version__, "threads": a.threads,
           "python": platform.python_version(), "machine": platform.machine(), "repeats": a.repeats,
           "load_ms": round(load_ms, 2), "photo_hw": [H, W],
           "image_embedding_b1_ms": round(emb[0], 3), "image_embedding_b1_min_ms": round(emb[1], 3),
           "four_views_ms": round(fv[0], 3), "four_views_min_ms": round(fv[1], 3),
           "nudge_strip_7x4_ms": round(ns[0], 3), "nudge_strip_7x4_min_ms": round(ns[1], 3),
           "resolution": g["resolution"]}
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
