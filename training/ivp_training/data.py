"""Phantom data: Java export, index.jsonl reading, uint8 numpy cache, and a synthetic stand-in
(development only) in the same on-disk format."""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
from PIL import Image, ImageDraw

from .models import ALL_VIEWS, VIEWS

REPO_ROOT = Path(__file__).resolve().parents[2]
PHANTOM_SRC = REPO_ROOT / "src" / "main" / "java" / "com" / "ivpstudio" / "phantom"


# ------------------------------------------------------------------------------------------------
# Java phantom export
# ------------------------------------------------------------------------------------------------
def phantom_classes_dir(work: Optional[Path] = None) -> Path:
    """Return a classpath dir containing com.ivpstudio.phantom.PhantomCli; compiles with javac if needed."""
    tc = REPO_ROOT / "target" / "classes"
    if (tc / "com" / "ivpstudio" / "phantom" / "PhantomCli.class").exists():
        return tc
    if shutil.which("javac") is None:
        raise RuntimeError("javac not found and target/classes lacks the phantom classes")
    srcs = [str(p) for p in PHANTOM_SRC.rglob("*.java")]
    if not srcs:
        raise RuntimeError(f"no phantom sources under {PHANTOM_SRC}")
    out = Path(work or tempfile.mkdtemp(prefix="phantom-classes-"))
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["javac", "-nowarn", "-d", str(out)] + srcs, check=True)
    return out


def export_phantom(out_dir: Path, patients: int, size: int, seed: int, stages: int = 1,
                   classes: Optional[Path] = None, log=None) -> Path:
    out_dir = Path(out_dir)
    if (out_dir / "index.jsonl").exists() and (out_dir / ".complete").exists():
        return out_dir
    cp = classes or phantom_classes_dir(out_dir.parent / "phantom-classes")
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = ["java", "-cp", str(cp), "com.ivpstudio.phantom.PhantomCli", "export", "--out", str(out_dir),
           "--patients", str(patients), "--size", str(size), "--seed", str(seed), "--stages", str(stages)]
    if log:
        log("running: " + " ".join(cmd))
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL if log is None else None)
    (out_dir / ".complete").write_text("ok\n")
    return out_dir


# ------------------------------------------------------------------------------------------------
# Reading an export into arrays
# ------------------------------------------------------------------------------------------------
def read_index(export_dir: Path) -> List[dict]:
    rows = []
    with open(Path(export_dir) / "index.jsonl", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    return rows


def _load_png(path: Path, size: int) -> np.ndarray:
    im = Image.open(path).convert("RGB")
    if im.size != (size, size):
        im = im.resize((size, size), Image.BILINEAR)
    return np.asarray(im, dtype=np.uint8)


def build_arrays(export_dir: Path, size: int) -> Dict[str, np.ndarray]:
    """One sample per (patient, stage): front [N,S,S,3], views [N,4,S,S,3] (class order), meta."""
    export_dir = Path(export_dir)
    rows = read_index(export_dir)
    groups: Dict[tuple, Dict[str, dict]] = {}
    for r in rows:
        groups.setdefault((r["patient"], int(r.get("stage", 0))), {})[r["view"]] = r
    keys = sorted(k for k, g in groups.items() if all(v in g for v in ALL_VIEWS))
    n = len(keys)
    front = np.zeros((n, size, size, 3), np.uint8)
    views = np.zeros((n, len(VIEWS), size, size, 3), np.uint8)
    split_code = {"train": 0, "val": 1, "test": 2}
    split = np.zeros(n, np.int8)
    stage = np.zeros(n, np.int16)
    stages = np.zeros(n, np.int16)
    patients, captions, params, seeds = [], [], [], []
    for i, (pid, st) in enumerate(keys):
        g = groups[(pid, st)]
        front[i] = _load_png(export_dir / g["front"]["file"], size)
        for j, v in enumerate(VIEWS):
            views[i, j] = _load_png(export_dir / g[v]["file"], size)
        split[i] = split_code.get(g["front"].get("split", "train"), 0)
        stage[i] = st
        stages[i] = int(g["front"].get("stages", 1))
        patients.append(pid)
        captions.append(g["front"].get("caption", ""))
        params.append(g["front"].get("params", {}))
        seeds.append(int(g["front"].get("seed", -1)))
    return {"front": front, "views": views, "split": split, "stage": stage, "stages": stages,
            "patients": np.array(patients), "captions": np.array(captions), "params": object_array(params),
            "seeds": np.array(seeds, np.int64)}


def object_array(items: list) -> np.ndarray:
    """One entry per patient, whatever the items are (np.array would make a 2-d array of equal-length lists)."""
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def save_cache(arrs: Dict[str, np.ndarray], path: Path) -> None:
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    meta = {"patients": [str(p) for p in arrs["patients"]], "captions": [str(c) for c in arrs["captions"]],
            "params": list(arrs["params"]), "seeds": [int(x) for x in arrs["seeds"]]}
    for k in ("front", "views", "split", "stage", "stages"):
        np.save(path / f"{k}.npy", arrs[k], allow_pickle=False)
    (path / "meta.json").write_text(json.dumps(meta))


def load_cache(path: Path, mmap: bool = False) -> Dict[str, np.ndarray]:
    path = Path(path)
    out = {k: np.load(path / f"{k}.npy", allow_pickle=False, mmap_mode="r" if mmap else None)
           for k in ("front", "views", "split", "stage", "stages")}
    meta = json.loads((path / "meta.json").read_text())
    out["patients"] = np.array(meta["patients"])
    out["captions"] = np.array(meta["captions"])
    # caches written before parameters were kept: no attribute labels, unknown seeds
    out["params"] = object_array(meta.get("params", [{}] * len(out["patients"])))
    out["seeds"] = np.array(meta.get("seeds", [-1] * len(out["patients"])), np.int64)
    return out


def cached_arrays(export_dir: Path, cache_dir: Path, size: int, log=None) -> Dict[str, np.ndarray]:
    cache_dir = Path(cache_dir)
    if (cache_dir / "meta.json").exists():
        return load_cache(cache_dir)
    if log:
        log(f"pre-rendering {export_dir} into {cache_dir}")
    arrs = build_arrays(export_dir, size)
    save_cache(arrs, cache_dir)
    return arrs


def concat_arrays(a: Dict[str, np.ndarray], b: Dict[str, np.ndarray]) -> Dict[str, np.ndarray]:
    return {k: np.concatenate([a[k], b[k]]) for k in a}


def select(a: Dict[str, np.ndarray], mask: np.ndarray) -> Dict[str, np.ndarray]:
    return {k: v[mask] for k, v in a.items()}


# ------------------------------------------------------------------------------------------------
# Synthetic stand-in (development only; same on-disk format as the phantom export)
# ------------------------------------------------------------------------------------------------
_SHADES = ["white", "yellowish", "stained"]
_GUMS = ["healthy", "inflamed"]
_CROWD = ["no crowding", "mild crowding", "severe crowding"]


def _draw_view(p: dict, view: str, size: int, stage_frac: float, rnd: random.Random) -> Image.Image:
    W, H = 5 * 40, 3 * 40  # draw in the 5:3 frame, then squash into SxS (anamorphic)
    im = Image.new("RGB", (W, H), (60, 20, 25))
    d = ImageDraw.Draw(im)
    gum = (200, 90, 100) if p["gum"] == 0 else (220, 50, 60)
    tooth = [(245, 245, 240), (235, 220, 170), (200, 180, 140)][p["shade"]]
    crowd = p["crowd"] * (1.0 - stage_frac)
    ntee = {"front": 8, "left": 6, "right": 6, "upper": 10, "lower": 10}[view]
    if view in ("upper", "lower"):
        d.ellipse([20, 10, W - 20, H + 60 if view == "upper" else H - 10], fill=gum)
        for i in range(ntee):
            a = 3.14159 * (0.1 + 0.8 * i / (ntee - 1))
            cx = W / 2 + (W / 2 - 40) * p["arch"] * np.cos(a)
            cy = (H - 20 if view == "upper" else 20) + (-1 if view == "upper" else 1) * (H - 40) * np.sin(a) * 0.8
            j = crowd * 6 * (rnd.random() - 0.5)
            d.ellipse([cx - 9 + j, cy - 9, cx + 9 + j, cy + 9], fill=tooth)
    else:
        d.rectangle([0, 20, W, 50], fill=gum)
        d.rectangle([0, H - 50, W, H - 20], fill=gum)
        off = {"front": 0, "left": -30, "right": 30}[view]
        for i in range(ntee):
            x = 20 + off + i * (W - 40) / ntee * p["arch"]
            j = crowd * 8 * (rnd.random() - 0.5)
            d.rectangle([x + j, 35, x + 18 + j, H / 2 - 2], fill=tooth)
            d.rectangle([x - j, H / 2 + 2, x + 18 - j, H - 35], fill=tooth)
    return im.resize((size, size), Image.BILINEAR)


def make_standin(out_dir: Path, patients: int = 12, size: int = 32, seed: int = 0, stages: int = 1) -> Path:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    lines = []
    for pi in range(patients):
        pid = f"p{pi:06d}"
        p = {"shade": rnd.randrange(3), "gum": rnd.randrange(2), "crowd": rnd.randrange(3),
             "arch": 0.8 + 0.2 * rnd.random()}
        split = ["train", "train", "train", "train", "train", "train", "train", "train", "val", "test"][pi % 10]
        (out_dir / pid).mkdir(exist_ok=True)
        for st in range(stages):
            frac = st / max(1, stages - 1)
            crowd_word = _CROWD[p["crowd"]] if frac < 1 else "no crowding"
            cap = f"{_SHADES[p['shade']]} teeth, {_GUMS[p['gum']]} gums, {crowd_word}"
            for v in ALL_VIEWS:
                f = f"{pid}/s{st}_{v}.png"
                _draw_view(p, v, size, frac, random.Random(pi * 100 + st)).save(out_dir / f)
                lines.append({"patient": pid, "seed": pi, "split": split, "view": v, "stage": st, "stages": stages,
                              "photo_seed": pi * 7 + st, "width": size, "height": size, "frame_aspect": "5:3",
                              "caption": cap, "params": p, "file": f})
    with open(out_dir / "index.jsonl", "w") as f:
        for l in lines:
            f.write(json.dumps(l) + "\n")
    (out_dir / ".complete").write_text("standin\n")
    return out_dir
