"""A phantom data set packed small enough to travel to a GPU machine that has no Java (so it cannot render
the phantom): the uint8 cache re-encoded as WebP in one blob, captions/splits in JSON, and the tokenizer
built here so that both machines tokenise identically.

    python -m ivp_training.device_pack --cache work/demo/data/main-cache --tokenizer work/demo/tokenizer.json \
        --out DIR --max-mb 34
"""
from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Dict

import numpy as np
from PIL import Image

from . import data as D

QUALITY = 90  # WebP q90: ~4 kB per 128 px view; mean abs. error about 1 level of 255 on phantom views


def _webp(a: np.ndarray) -> bytes:
    b = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(a)).save(b, "WEBP", quality=QUALITY, method=4)
    return b.getvalue()


def pack(arrs: Dict[str, np.ndarray], out: Path, max_bytes: int) -> dict:
    """Samples of the training and validation splits, in order, until ``max_bytes``; never the test split."""
    out.mkdir(parents=True, exist_ok=True)
    keep = np.nonzero(arrs["split"] != 2)[0]
    chunks, offsets, taken, total = [], [0], [], 0
    for i in keep:
        imgs = [arrs["front"][i]] + [arrs["views"][i, j] for j in range(arrs["views"].shape[1])]
        enc = [_webp(a) for a in imgs]
        size = sum(len(e) for e in enc)
        if total + size > max_bytes:
            break
        for e in enc:
            chunks.append(np.frombuffer(e, np.uint8))
            offsets.append(offsets[-1] + len(e))
        total += size
        taken.append(int(i))
    np.save(out / "blob.npy", np.concatenate(chunks))
    np.save(out / "offsets.npy", np.asarray(offsets, np.int64))
    meta = {"size": int(arrs["front"].shape[1]), "views": int(arrs["views"].shape[1]),
            "split": [int(arrs["split"][i]) for i in taken], "patients": [str(arrs["patients"][i]) for i in taken],
            "captions": [str(arrs["captions"][i]) for i in taken],
            "params": [dict(arrs["params"][i]) for i in taken] if "params" in arrs else None,
            "bytes": total, "quality": QUALITY}
    (out / "meta.json").write_text(json.dumps(meta))
    return {"samples": len(taken), "bytes": total}


def unpack(dir_: Path) -> Dict[str, np.ndarray]:
    """The inverse of ``pack``: the same arrays as ``data.load_cache`` (stage 0 of one-stage patients)."""
    meta = json.loads((Path(dir_) / "meta.json").read_text())
    blob, off = np.load(Path(dir_) / "blob.npy"), np.load(Path(dir_) / "offsets.npy")
    n, S, V = len(meta["split"]), meta["size"], meta["views"]
    front = np.zeros((n, S, S, 3), np.uint8)
    views = np.zeros((n, V, S, S, 3), np.uint8)
    for i in range(n):
        for j in range(V + 1):
            k = i * (V + 1) + j
            a = np.asarray(Image.open(io.BytesIO(blob[off[k]:off[k + 1]].tobytes())).convert("RGB"))
            if j == 0:
                front[i] = a
            else:
                views[i, j - 1] = a
    return {"front": front, "views": views, "split": np.asarray(meta["split"], np.int8),
            "stage": np.zeros(n, np.int16), "stages": np.ones(n, np.int16),
            "patients": np.array(meta["patients"]), "captions": np.array(meta["captions"]),
            "params": D.object_array(meta.get("params") or [{}] * n)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-mb", type=float, default=34.0)
    a = ap.parse_args(argv)
    print(json.dumps(pack(D.load_cache(Path(a.cache)), Path(a.out), int(a.max_mb * 1e6))))


if __name__ == "__main__":
    main()
