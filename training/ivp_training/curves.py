"""Loss histories of the training phases (JSON next to the checkpoints) and their curves as one PNG drawn
with PIL (matplotlib is not installed on every training machine)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
from PIL import Image, ImageDraw

PHASES = [("encoder-history.json", "encoder"), ("generator-history.json", "generator"),
          ("adversarial-history.json", "adversarial")]
COLOURS = [(31, 119, 180), (214, 39, 40), (44, 160, 44), (148, 103, 189), (255, 127, 14)]


def write_history(path: Path, hist: Dict) -> None:
    Path(path).write_text(json.dumps(hist))


def smooth(values: List[float], points: int = 300) -> np.ndarray:
    """Moving average over 1/100 of the run, then at most ``points`` samples (a curve, not the noise)."""
    v = np.asarray(values, np.float64)
    if len(v) == 0:
        return v
    k = max(1, len(v) // 100)
    v = np.convolve(v, np.ones(k) / k, mode="valid")
    return v[np.linspace(0, len(v) - 1, min(points, len(v))).astype(int)]


def flattening(values: List[float]) -> Optional[float]:
    """Relative drop of the mean loss over the last fifth of the run compared with the fifth before it: a curve
    that has flattened changes by a few per cent at most there."""
    v = np.asarray(values, np.float64)
    n = len(v) // 5
    if n < 5:
        return None
    before, last = v[-2 * n:-n].mean(), v[-n:].mean()
    return float((before - last) / max(abs(before), 1e-12))


def _series(work: Path) -> List[tuple]:
    """(panel title, {name: values}) for each phase history found in ``work``."""
    panels = []
    for fname, title in PHASES:
        p = Path(work) / fname
        if not p.exists():
            continue
        h = json.loads(p.read_text())
        if title == "generator":
            rec, ref = h.get("reconstruction", {}), h.get("refine", {})
            panels.append(("generator reconstruction", {k: rec[k] for k in ("l1", "feat") if rec.get(k)}))
            if ref.get("l1"):
                panels.append(("generator refinement", {k: ref[k] for k in ("l1", "mse", "feat") if ref.get(k)}))
        else:
            panels.append((title, {k: v for k, v in h.items() if v}))
    return panels


def draw_loss_curves(work: Path, out: Path, panel_w: int = 420, panel_h: int = 330) -> Optional[Path]:
    panels = [p for p in _series(work) if p[1]]
    if not panels:
        return None
    pad = 40
    img = Image.new("RGB", (len(panels) * panel_w, panel_h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    for i, (title, series) in enumerate(panels):
        x0 = i * panel_w
        left, top, right, bottom = x0 + pad + 10, 24, x0 + panel_w - 10, panel_h - 90
        d.rectangle([left, top, right, bottom], outline=(120, 120, 120))
        d.text((left, 8), title, fill=(0, 0, 0))
        for j, (name, values) in enumerate(series.items()):
            v = smooth(values)
            if len(v) < 2:
                continue
            lo, hi = float(v.min()), float(v.max())
            span = hi - lo or 1.0
            xs = left + (right - left) * np.arange(len(v)) / (len(v) - 1)
            ys = bottom - (bottom - top) * (v - lo) / span
            col = COLOURS[j % len(COLOURS)]
            d.line(list(zip(xs.tolist(), ys.tolist())), fill=col, width=2)
            d.text((left, bottom + 20 + 12 * j), f"{name} {lo:.3g}..{hi:.3g} ({len(values)} steps)", fill=col)
        d.text((left, bottom + 4), "step ->  (each curve scaled to its own range)", fill=(90, 90, 90))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    img.save(out)
    return Path(out)
