"""Measures a bundle's out-of-distribution check and (with --write) adds it to the bundle.

    cd training && /usr/bin/python3 scripts/measure_ood.py --bundle ../models/demo \
        --train-export work/demo/data/main-export --new-export /tmp/new-fronts [--app-fronts 30] \
        [--reference /path/to/real-photo-strip.png] [--write --version 0.1.2] [--json out.json]

Statistics are fitted on the training export's train-split fronts and calibrated (99th percentile) on its val/test
fronts (held-out patients). For every space x shrinkage candidate it reports false alarms on NEW phantom patients
(at training size and at the app's 640x384 photo size) and detection on things that are not phantom photos: other
photographs found under /usr/share, synthetic natural-image stand-ins, strong colour/geometry perturbations of new
phantom fronts, and (optionally) a real intraoral photo strip, split into its five panels, with its front also under
everyday changes (crop, light, white balance, saturation, rotation, mirror, JPEG, the app's size). The real photo is
only read: nothing of it is written anywhere, only its scores are printed.
"""
from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageEnhance, ImageFilter

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training"))
from ivp_training import ood  # noqa: E402
from ivp_training.data import phantom_classes_dir  # noqa: E402
from ivp_training.export import MODULE_FILES, embed_photos as embed, verify_bundle, write_manifest  # noqa: E402
from ivp_training.variation import z_sensitivity  # noqa: E402

SPACES = ("unit", "raw")
SHRINKAGES = (0.01, 0.05, 0.1, 0.2, 0.5)
APP_SIZE = (640, 384)  # demo.PhantomPhotographer


def read_fronts(export: Path):
    """(train, held_out) uint8 front arrays of an export (a finished index.jsonl or a partial one)."""
    index = export / "index.jsonl"
    if not index.exists():
        index = export / "index.jsonl.partial"
    train, held = [], []
    for line in index.read_text().splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:  # the line a running export is writing
            continue
        p = export / row["file"]
        if row["view"] != "front" or not p.exists():
            continue
        (train if row["split"] == "train" else held).append(np.asarray(Image.open(p).convert("RGB")))
    return np.stack(train), np.stack(held)


def study_arguments(description: str, reference_required: bool) -> argparse.ArgumentParser:
    """The arguments every out-of-distribution study takes: the bundle, the two phantom exports, the real photo
    strip, the version a --write gives the bundle and a JSON file for the results."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", required=True)
    ap.add_argument("--train-export", required=True)
    ap.add_argument("--new-export", required=True)
    ap.add_argument("--reference", required=reference_required, default=None)
    ap.add_argument("--version", default=None, help="with --write: the bundle's new version")
    ap.add_argument("--json", default=None)
    return ap


def study_split(train_export: Path, new_export: Path):
    """The photos of the studies after this script (pixel_ood_study.py, orientation_study.py): the training fronts
    fit; the val/test fronts and half of the new patients' calibrate; the other half of the new patients measure
    false alarms. Returns (fit, held_out, new_measured, all_new) photos."""
    train, held = read_fronts(Path(train_export))
    new_train, new_held = read_fronts(Path(new_export))
    new = np.concatenate([new_train, new_held])
    return list(train), list(held) + list(new[0::2]), list(new[1::2]), new


def render_app_fronts(n: int, seed0: int) -> list:
    """Fronts as the app stores them: PhantomCli render at 640x384 (5:3), patients never used in training."""
    classes = phantom_classes_dir(Path(tempfile.mkdtemp(prefix="phantom-classes-")))
    out = []
    with tempfile.TemporaryDirectory() as d:
        for i in range(n):
            p = Path(d) / f"{i}.png"
            subprocess.run(["java", "-cp", str(classes), "com.ivpstudio.phantom.PhantomCli", "render", "--seed",
                            str(seed0 + i), "--view", "front", "--width", str(APP_SIZE[0]), "--height",
                            str(APP_SIZE[1]), "--out", str(p)], check=True, stdout=subprocess.DEVNULL)
            out.append(np.asarray(Image.open(p).convert("RGB")))
    return out


def other_photographs() -> list:
    """Pictures that are not intraoral photos: documentation figures and icons shipped under /usr/share."""
    # (the folders that hold pictures; walking all of /usr/share takes minutes on a busy machine)
    out = []
    files = [p for d in ("doc", "icons/Adwaita/512x512", "info", "pixmaps", "backgrounds", "wallpapers")
             for p in sorted((Path("/usr/share") / d).rglob("*"))]
    for p in files:
        if p.suffix.lower() not in {".png", ".jpg", ".jpeg"} or not p.is_file() or p.stat().st_size < 20_000:
            continue
        try:
            im = Image.open(p)
            if im.mode in ("RGBA", "LA", "P"):
                im = im.convert("RGBA")
                bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
                im = Image.alpha_composite(bg, im)
            im = im.convert("RGB")
        except Exception:  # noqa: BLE001 - any unreadable file is simply skipped
            continue
        if min(im.size) >= 64:
            out.append(np.asarray(im.resize((640, 384), Image.BILINEAR)))
    return out


def natural_stand_ins(n: int, seed: int) -> list:
    """Synthetic natural-image stand-ins: 1/f noise fields in colour, smooth colour gradients, blobs on a wall."""
    rng = np.random.default_rng(seed)
    out = []
    h, w = 384, 640
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.fftfreq(w)[None, :]
    f = np.sqrt(fx ** 2 + fy ** 2)
    f[0, 0] = 1
    for i in range(n):
        kind = i % 3
        if kind == 0:
            img = np.stack([np.real(np.fft.ifft2(np.fft.fft2(rng.normal(size=(h, w))) / f ** 1.2))
                            for _ in range(3)], -1)
        elif kind == 1:
            yy, xx = np.mgrid[0:h, 0:w] / max(h, w)
            c = rng.uniform(-1, 1, size=(3, 3))
            img = np.stack([c[k, 0] * xx + c[k, 1] * yy + c[k, 2] * xx * yy for k in range(3)], -1)
        else:
            img = np.ones((h, w, 3)) * rng.uniform(0, 1, 3)
            yy, xx = np.mgrid[0:h, 0:w]
            for _ in range(12):
                cy, cx, r = rng.uniform(0, h), rng.uniform(0, w), rng.uniform(20, 120)
                img[(yy - cy) ** 2 + (xx - cx) ** 2 < r ** 2] = rng.uniform(0, 1, 3)
        img = (img - img.min()) / (np.ptp(img) + 1e-9) * 255
        out.append(img.astype(np.uint8))
    return out


def perturbations(fronts: np.ndarray) -> dict:
    """Strong colour and geometry changes of new phantom fronts, by kind."""
    def pil(a):
        return Image.fromarray(a)

    kinds = {
        "inverted": lambda a: 255 - a,
        "channels swapped (BGR)": lambda a: a[..., ::-1],
        "green-blue tint": lambda a: np.clip(a.astype(int) * [0.3, 1.2, 1.3], 0, 255).astype(np.uint8),
        "greyscale": lambda a: np.repeat(np.asarray(pil(a).convert("L"))[..., None], 3, -1),
        "upside down": lambda a: a[::-1],
        "rotated 90 degrees": lambda a: np.asarray(pil(a).rotate(90, expand=False)),
        "heavy blur": lambda a: np.asarray(pil(a).filter(ImageFilter.GaussianBlur(6))),
        "very dark": lambda a: (a * 0.2).astype(np.uint8),
        "zoomed 3x on a corner": lambda a: np.asarray(pil(a[: a.shape[0] // 3, : a.shape[1] // 3]).resize(
            (a.shape[1], a.shape[0]), Image.BILINEAR)),
    }
    return {k: [f(a) for a in fronts] for k, f in kinds.items()}


def reference_panels(path: Path) -> dict:
    """The real strip's five panels (front, left, right, lower, upper), titles cut off; kept in memory only."""
    im = np.asarray(Image.open(path).convert("RGB"))
    h, w, _ = im.shape
    panel = w // 5
    names = ["front", "left buccal", "right buccal", "lower occlusal", "upper occlusal"]
    top = int(h * 0.11)  # the panel titles
    return {n: np.ascontiguousarray(im[top:, i * panel + 2:(i + 1) * panel - 6]) for i, n in enumerate(names)}


def everyday_variations(photo: np.ndarray) -> dict:
    """The same photo as another camera, light or hand could have taken it: what a warning for a real photo must
    survive (it is no warning if a slightly different white balance lets the photo through)."""
    im = Image.fromarray(photo)
    h, w, _ = photo.shape

    def jpeg(quality):
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=quality)
        return np.asarray(Image.open(buf).convert("RGB"))

    def colour(factors):
        return np.clip(photo.astype(np.float32) * np.asarray(factors, np.float32), 0, 255).astype(np.uint8)

    return {"cropped to 90 %": photo[h // 20:h - h // 20, w // 20:w - w // 20],
            "cropped to 75 %": photo[h // 8:h - h // 8, w // 8:w - w // 8],
            "15 % brighter": np.asarray(ImageEnhance.Brightness(im).enhance(1.15)),
            "15 % darker": np.asarray(ImageEnhance.Brightness(im).enhance(0.85)),
            "warmer white balance": colour([1.08, 1.0, 0.9]),
            "cooler white balance": colour([0.92, 1.0, 1.08]),
            "30 % less saturated": np.asarray(ImageEnhance.Color(im).enhance(0.7)),
            "30 % more saturated": np.asarray(ImageEnhance.Color(im).enhance(1.3)),
            "20 % more contrast": np.asarray(ImageEnhance.Contrast(im).enhance(1.2)),
            "rotated 5 degrees": np.asarray(im.rotate(5, resample=Image.BILINEAR)),
            "rotated -5 degrees": np.asarray(im.rotate(-5, resample=Image.BILINEAR)),
            "mirrored": np.ascontiguousarray(photo[:, ::-1]),
            "JPEG quality 60": jpeg(60),
            "at the app's 640x384": np.asarray(im.resize(APP_SIZE, Image.BILINEAR))}


def main(argv=None):
    ap = study_arguments(__doc__, reference_required=False)
    ap.add_argument("--app-fronts", type=int, default=30)
    ap.add_argument("--space", default=None, help="use this space instead of the best measured one")
    ap.add_argument("--shrinkage", type=float, default=None)
    ap.add_argument("--write", action="store_true", help="add the chosen statistics to the bundle")
    a = ap.parse_args(argv)
    torch.set_num_threads(2)
    bundle = Path(a.bundle)
    encoder = torch.jit.load(str(bundle / "image_encoder.pt")).eval()

    train, held = read_fronts(Path(a.train_export))
    new_train, new_held = read_fronts(Path(a.new_export))
    new = np.concatenate([new_train, new_held])
    # half of the new patients calibrate (with the training export's val/test patients), the other half measure
    e_fit, e_new_all = embed(encoder, train), embed(encoder, new)
    e_held = np.concatenate([embed(encoder, held), e_new_all[0::2]])
    e_new = e_new_all[1::2]
    print(f"fronts: fit {len(train)}, held-out {len(e_held)} ({len(held)} val/test + {len(e_new_all[0::2])} new), "
          f"new patients for false alarms {len(e_new)}", flush=True)
    sets = {"new phantom patients (128 px)": e_new,
            "new phantom patients (640x384, as the app stores them)": embed(encoder, render_app_fronts(
                a.app_fronts, 987_650_000))}
    ood_sets = {"other photographs (/usr/share)": embed(encoder, other_photographs()),
                "synthetic natural-image stand-ins": embed(encoder, natural_stand_ins(60, 7))}
    for k, imgs in perturbations(new[:100]).items():
        ood_sets["phantom front, " + k] = embed(encoder, imgs)
    reference, front_variations = {}, {}
    if a.reference:
        panels = reference_panels(Path(a.reference))
        for k, im in panels.items():
            reference["real photo: " + k] = embed(encoder, [im])
        for k, im in everyday_variations(panels["front"]).items():
            front_variations[k] = embed(encoder, [im])

    results = []
    for space in SPACES:
        for s in SHRINKAGES:
            stats = ood.fit(e_fit, space, s)
            with tempfile.TemporaryDirectory() as d:  # score from the stored float32 values, as the app does
                ood.write_stats(stats, Path(d) / "s.f32")
                stats = ood.read_stats(Path(d) / "s.f32", stats.dim, space)
            t = ood.threshold(stats.score(e_held))
            row = {"space": space, "shrinkage": s, "threshold": t,
                   "false_alarms": {k: float((stats.score(v) > t).mean()) for k, v in sets.items()},
                   "detection": {k: float((stats.score(v) > t).mean()) for k, v in ood_sets.items()},
                   "reference": {k: {"score": float(stats.score(v)[0]), "flagged": bool(stats.score(v)[0] > t)}
                                 for k, v in reference.items()},
                   "real_front_variations": {k: {"score": float(stats.score(v)[0]),
                                                 "flagged": bool(stats.score(v)[0] > t)}
                                             for k, v in front_variations.items()}}
            row["mean_detection"] = float(np.mean(list(row["detection"].values())))
            row["max_false_alarm"] = max(row["false_alarms"].values())
            results.append(row)
            print(f"{space:4s} s={s:<5} threshold {t:8.3f}  false alarms "
                  + ", ".join(f"{v:.1%}" for v in row["false_alarms"].values())
                  + f"  mean detection {row['mean_detection']:.1%}  real photo front "
                  + (f"{row['reference'].get('real photo: front', {}).get('score', float('nan')):.1f}" if reference
                     else "-"), flush=True)
    ok = [r for r in results if r["max_false_alarm"] <= 0.01
          and r["reference"].get("real photo: front", {"flagged": True})["flagged"]]
    best = max(ok or results, key=lambda r: (r["mean_detection"], -r["max_false_alarm"]))
    if a.space:
        best = next(r for r in results if r["space"] == a.space and r["shrinkage"] == a.shrinkage)
    print("chosen: " + json.dumps({k: best[k] for k in ("space", "shrinkage", "threshold")}))
    for k, v in best["detection"].items():
        print(f"  detection  {v:6.1%}  {k} ({len(ood_sets[k])})")
    for k, v in best["false_alarms"].items():
        print(f"  false alarm {v:6.1%}  {k} ({len(sets[k])})")
    for k, v in best["reference"].items():
        print(f"  {k}: score {v['score']:.1f} vs threshold {best['threshold']:.1f} -> "
              + ("flagged" if v["flagged"] else "NOT flagged"))
    for k, v in best["real_front_variations"].items():
        print(f"  real photo front, {k}: score {v['score']:.1f} -> " + ("flagged" if v["flagged"] else "NOT flagged"))
    counts = {"fit": len(e_fit), "held_out": len(e_held), **{k: len(v) for k, v in {**sets, **ood_sets}.items()}}
    if a.json:
        Path(a.json).write_text(json.dumps({"counts": counts, "chosen": best, "candidates": results}, indent=1))
    if a.write:
        add_to_bundle(bundle, e_fit, e_held, best["space"], best["shrinkage"], a.version)


def add_to_bundle(bundle: Path, e_fit, e_held, space, shrinkage, version):
    """Adds the OOD statistics (and the z-sensitivity) to an existing bundle and rewrites its manifest."""
    m = verify_bundle(bundle)
    m.pop("_root")
    if m.get("ood", {}).get("picture"):
        raise SystemExit("this bundle has two out-of-distribution checks with thresholds calibrated together: "
                         "rewrite them with scripts/pixel_ood_study.py --write")
    mods = {n: torch.jit.load(str(bundle / n)).eval() for n in MODULE_FILES}
    m["generator"]["z_sensitivity"] = z_sensitivity(mods["mapping.pt"], mods["synthesis.pt"], e_held[:8],
                                                    m["generator"]["z_dim"])
    m["ood"] = ood.add_to_bundle(bundle, e_fit, e_held, space, shrinkage)
    ood.write_golden_scores(bundle, m["ood"])
    if version:
        m["version"] = version
    write_manifest(bundle, m)
    verify_bundle(bundle)
    print(f"bundle updated: version {m['version']}, z_sensitivity {m['generator']['z_sensitivity']}, "
          f"ood threshold {m['ood']['threshold']:.3f}")


if __name__ == "__main__":
    main()
