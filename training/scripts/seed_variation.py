"""What do a bundle's seeds change: plausible alternatives for what the front photo cannot show, or noise?

The studio offers "New seed", "More variations" and an uncertainty map ("bright = the model is unsure", the
per-pixel standard deviation over 8 seeds) whenever a bundle's z-sensitivity is at least 1 level (0.2.2: 4.9).
Issue #16 asks to show that different seeds give different plausible hidden teeth, not noise. This measures, on
NEW phantom patients (seeds disjoint from training, checked), each view drawn with seeds 0..7 at psi = 1:

A. Does the uncertainty map mark where the prediction is wrong? Per patient and view, the app's spread map and the
   error map |seed 0 - truth| (both mean over RGB) are averaged over 8x8-pixel cells and rank-correlated
   (Spearman) over the cells. Control: the same patient's error against ANOTHER new patient's spread map (same
   view), which has whatever "where the model is usually unsure" a map of anyone would show.
B. Are the variations alternatives for this patient? Best-of-8: the smallest L1 to truth among the 8 seeds minus
   seed 0's L1. Control: seed 0 plus another patient's seed differences (same magnitude and kind of change, not
   made for this patient).
C. Structure or pixel noise? The share of spectral energy above a quarter of Nyquist (evaluate.high_frequency_share)
   of the seed differences, next to the true views' share and white noise's.
D. What do the seeds change in what a reader sees? The pipeline's attribute judge (trained on TRUE views of the
   training split) reads every seed's views: per attribute, how much its score moves between seeds, and how often
   its 0.5 decision differs between two seeds, for attributes the front photo shows and ones it cannot.

Rule, written before the first run (2026-12-03): A holds if the mean own-minus-control Spearman difference is above
0 with its 95 % bootstrap interval (patients resampled) above 0 AND the mean own Spearman is at least 0.2; B holds
if best-of-8 own gain minus control gain is above 0 with its 95 % interval above 0; C holds if the seed
differences' high-frequency share is below the midpoint between the true views' share and white noise's.
Consequences fixed with the rule: if A fails, the studio stops calling the map "where the model is unsure" and says
what it shows (where the variations differ), which is no error estimate; if B or C fails, the model card says the
seeds' variations are not plausible alternatives and the studio's help for "More variations" says so. The model
card reports the numbers either way.

    cd training && /usr/bin/python3 scripts/seed_variation.py configs/demo.json ../models/demo

Needs work/data/main-cache and work/data/new_patients-cache (`python -m ivp_training.pipeline --config ...
--data-only`). Writes work/seed-variation.json and work/seed-variation.png (three new patients: front, truth,
seeds 0-3, the spread map in the app's colours, the error of seed 0); 10-30 minutes on 2 cores, most of it drawing
8 x 240 x 4 views.
"""
import json
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_bundles import bundle_on_new_patients  # noqa: E402
from ivp_training import attributes as A  # noqa: E402
from ivp_training.evaluate import VIEWS, _resize_u8, generate_views, high_frequency_share  # noqa: E402
from ivp_training.export import embed_photos  # noqa: E402
from ivp_training.pipeline import grid_patients  # noqa: E402

SEEDS = tuple(range(8))  # the studio's uncertainty map and "More variations" use 8 consecutive seeds
CELL = 8
BOOTSTRAP = 2000
FIGURE_PATIENTS = 3
# The uncertainty map's colour stops, as src/main/java/com/ivpstudio/inference/render/HeatColours.java draws them,
# so the figure shows what a clinician sees.
HEAT_STOPS = ((0, 0, 0, 4), (0.25, 60, 15, 110), (0.5, 150, 40, 105), (0.75, 235, 110, 35), (1, 252, 240, 150))


def spread_map(seeded: np.ndarray) -> np.ndarray:
    """[S, ..., H, W, 3] uint8 -> [..., H, W]: per-pixel standard deviation over seeds, mean over RGB (the app's)."""
    return seeded.astype(np.float32).std(axis=0).mean(axis=-1)


def error_map(pred: np.ndarray, true: np.ndarray) -> np.ndarray:
    return np.abs(pred.astype(np.float32) - true.astype(np.float32)).mean(axis=-1)


def cells(maps: np.ndarray) -> np.ndarray:
    """[..., H, W] -> [..., cells]: means over CELL x CELL blocks (the map is read by regions, not pixels)."""
    t = torch.from_numpy(np.ascontiguousarray(maps.reshape(-1, 1, *maps.shape[-2:])))
    return F.avg_pool2d(t, CELL).flatten(1).numpy().reshape(*maps.shape[:-2], -1)


def spearman_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Rank correlation of each row of a with the same row of b (ties broken by order: maps are continuous)."""
    ra = a.argsort(-1).argsort(-1).astype(np.float64)
    rb = b.argsort(-1).argsort(-1).astype(np.float64)
    ra -= ra.mean(-1, keepdims=True)
    rb -= rb.mean(-1, keepdims=True)
    return (ra * rb).sum(-1) / np.sqrt((ra ** 2).sum(-1) * (rb ** 2).sum(-1)).clip(1e-12)


def bootstrap(per_patient: np.ndarray, rng) -> dict:
    """Mean over patients and its 95 % percentile interval (patients resampled with replacement)."""
    idx = rng.integers(0, len(per_patient), size=(BOOTSTRAP, len(per_patient)))
    means = per_patient[idx].mean(1)
    return {"mean": float(per_patient.mean()), "ci95": [float(np.percentile(means, 2.5)),
                                                       float(np.percentile(means, 97.5))]}


def derangement(n: int, rng) -> np.ndarray:
    """A permutation without fixed points: every patient gets another patient's map."""
    while True:
        p = rng.permutation(n)
        if (p != np.arange(n)).all():
            return p


def l1(pred: np.ndarray, true: np.ndarray) -> np.ndarray:
    """Mean absolute difference on the 0..1 scale over the last three axes."""
    return np.abs(pred.astype(np.float32) - true.astype(np.float32)).mean(axis=(-3, -2, -1)) / 255.0


def map_agreement(seeded: np.ndarray, true: np.ndarray, other: np.ndarray, rng) -> dict:
    """A: rank agreement of the spread map with the error map, own versus another patient's spread."""
    spread = cells(spread_map(seeded))          # [N, 4, cells]
    err = cells(error_map(seeded[0], true))     # [N, 4, cells]
    own = spearman_rows(spread, err)            # [N, 4]
    control = spearman_rows(spread[other], err)
    top = spread.argsort(-1).argsort(-1) >= int(0.9 * spread.shape[-1])  # the map's brightest tenth of cells
    ratio = (err * top).sum(-1) / top.sum(-1) / ((err * ~top).sum(-1) / (~top).sum(-1)).clip(1e-6)
    return {"spearman_own": bootstrap(own.mean(1), rng), "spearman_control": bootstrap(control.mean(1), rng),
            "own_minus_control": bootstrap((own - control).mean(1), rng),
            "per_view_own": {v: float(own[:, j].mean()) for j, v in enumerate(VIEWS)},
            "per_view_control": {v: float(control[:, j].mean()) for j, v in enumerate(VIEWS)},
            "error_in_brightest_tenth_vs_rest": float(np.median(ratio))}


def best_of_seeds(seeded: np.ndarray, true: np.ndarray, other: np.ndarray, rng) -> dict:
    """B: how much closer to truth the best of the seeds comes than seed 0, own variations versus borrowed ones."""
    own_l1 = np.stack([l1(s, true) for s in seeded])                      # [S, N, 4]
    base = seeded[0].astype(np.int16)
    borrowed = [np.clip(base + (s.astype(np.int16) - base)[other], 0, 255) for s in seeded]
    borrowed_l1 = np.stack([l1(b, true) for b in borrowed])
    own_gain = own_l1[0] - own_l1.min(0)                                  # [N, 4], >= 0 (seed 0 is among them)
    control_gain = borrowed_l1[0] - borrowed_l1.min(0)
    return {"l1_seed0": float(own_l1[0].mean()), "l1_best_own": float(own_l1.min(0).mean()),
            "l1_best_control": float(borrowed_l1.min(0).mean()),
            "gain_own": bootstrap(own_gain.mean(1), rng), "gain_control": bootstrap(control_gain.mean(1), rng),
            "own_minus_control": bootstrap((own_gain - control_gain).mean(1), rng),
            "mean_change_levels": float(np.abs(seeded[1:].astype(np.float32) - seeded[0].astype(np.float32)).mean())}


def frequency_content(seeded: np.ndarray, true: np.ndarray, rng) -> dict:
    """C: high-frequency share of the seed differences, the true views and white noise."""
    R = seeded.shape[-2]
    diffs = (seeded[1:].astype(np.float32) - seeded[0].astype(np.float32)).reshape(-1, R, R, 3)
    shifted = np.clip(diffs + 127.5, 0, 255)  # high_frequency_share removes the mean: the offset changes nothing
    noise = np.clip(rng.normal(127.5, 20, size=(64, R, R, 3)), 0, 255)
    out = {"seed_differences": float(high_frequency_share(shifted).mean()),
           "true_views": float(high_frequency_share(true.reshape(-1, R, R, 3)).mean()),
           "predicted_views": float(high_frequency_share(seeded[0].reshape(-1, R, R, 3)).mean()),
           "white_noise": float(high_frequency_share(noise).mean())}
    out["midpoint"] = (out["true_views"] + out["white_noise"]) / 2
    return out


def reader_changes(judge, seeded: np.ndarray, y: np.ndarray) -> dict:
    """D: per attribute, how the judge's reading moves between seeds."""
    s = np.stack([A.scores(judge, v) for v in seeded])                    # [S, N, attributes]
    decided = s > 0.5
    flips = (decided.any(0) & ~decided.all(0)).mean(0)
    out = {}
    for i, name in enumerate(A.NAMES):
        aurocs = [A.auroc(s[k, :, i], y[:, i]) for k in range(len(seeded))]
        aurocs = [a for a in aurocs if a is not None]
        out[name] = {"front_visible": A.ATTRIBUTES[name][1], "score_std_over_seeds": float(s[:, :, i].std(0).mean()),
                     "patients_whose_reading_flips": float(flips[i]),
                     "auroc_seed0": A.auroc(s[0, :, i], y[:, i]),
                     "auroc_range_over_seeds": [min(aurocs), max(aurocs)] if aurocs else None,
                     "auroc_mean_score_over_seeds": A.auroc(s[:, :, i].mean(0), y[:, i])}
    return out


def heat(t: np.ndarray) -> np.ndarray:
    """t in 0..1 [H, W] -> uint8 RGB in the app's uncertainty colours."""
    stops = np.array(HEAT_STOPS, np.float64)
    return np.stack([np.interp(np.clip(t, 0, 1), stops[:, 0], stops[:, c]) for c in (1, 2, 3)], -1).round() \
        .astype(np.uint8)


def figure(fronts, true, seeded, labels, path, tile_w=128, tile_h=77):
    """Per patient, one row per view: front (first row) | truth | seeds 0-3 | spread map | error of seed 0."""
    heads = ["input front", "true view", "seed 0", "seed 1", "seed 2", "seed 3", "spread over 8 seeds",
             "|seed 0 - truth|"]
    gap, head, foot, n = 4, 16, 14, len(fronts)
    W = len(heads) * tile_w + (len(heads) + 1) * gap
    H = head + n * (4 * (tile_h + gap) + foot + gap)
    canvas = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(canvas)
    for c, lab in enumerate(heads):
        d.text((gap + c * (tile_w + gap) + 2, 2), lab, fill=(0, 0, 0))
    for p in range(n):
        y0 = head + p * (4 * (tile_h + gap) + foot + gap)
        for j, v in enumerate(VIEWS):
            spread, err = spread_map(seeded[:, p, j]), error_map(seeded[0, p, j], true[p, j])
            tiles = [fronts[p] if j == 0 else None, true[p, j]] + [seeded[k, p, j] for k in range(4)] + [
                heat(spread / max(float(spread.max()), 1e-6)), heat(err / max(float(err.max()), 1e-6))]
            for c, t in enumerate(tiles):
                if t is not None:
                    canvas.paste(Image.fromarray(np.asarray(t)).resize((tile_w, tile_h), Image.BILINEAR),
                                 (gap + c * (tile_w + gap), y0 + j * (tile_h + gap)))
            # the view's name in the front's column: over the front photo on the first row, on white below it
            d.text((gap + 2, y0 + j * (tile_h + gap) + tile_h - 12), f"{v} view",
                   fill=(0, 0, 0) if j else (255, 255, 255))
        text = "has: " + (", ".join(labels[p]) if labels[p] else "none of the tracked attributes")
        d.text((gap + 2, y0 + 4 * (tile_h + gap)), text, fill=(20, 20, 120))
    canvas.save(path, optimize=True)


def verdict(res: dict) -> dict:
    a, b, c = res["map_agreement"], res["best_of_seeds"], res["frequency_content"]
    return {"A_map_marks_errors": a["own_minus_control"]["ci95"][0] > 0 and a["spearman_own"]["mean"] >= 0.2,
            "B_patient_specific_alternatives": b["own_minus_control"]["ci95"][0] > 0,
            "C_structure_not_noise": c["seed_differences"] < c["midpoint"]}


def main(config: str, bundle: str):
    cfg, work, log, train, new, b, G, R = bundle_on_new_patients(config, bundle, "seed-variation.log")
    k_new = embed_photos(b["image_encoder"], new["front"])
    true = _resize_u8(np.asarray(new["views"]), R)
    with torch.no_grad():
        seeded = np.stack([generate_views(G, k_new, z_seed=s) for s in SEEDS])  # [S, N, 4, R, R, 3]
    log(f"drew {len(SEEDS)} seeds x {len(k_new)} new patients")
    rng = np.random.default_rng(0)
    other = derangement(len(k_new), rng)
    res = {"bundle": f"{b['manifest']['id']} {b['manifest']['version']}", "patients": len(k_new),
           "seeds": list(SEEDS), "cell_px": CELL,
           "map_agreement": map_agreement(seeded, true, other, rng),
           "best_of_seeds": best_of_seeds(seeded, true, other, rng),
           "frequency_content": frequency_content(seeded, true, rng)}
    res["verdict"] = verdict(res)
    log(json.dumps({k: res[k] for k in ("map_agreement", "best_of_seeds", "frequency_content", "verdict")}))
    y = A.label_matrix(list(new["params"]))
    judge = A.train_classifier(_resize_u8(np.asarray(train["views"]), R), A.label_matrix(list(train["params"])),
                               log=log, **A.PIPELINE_JUDGE)
    res["reader_changes"] = reader_changes(judge, seeded, y)
    (work / "seed-variation.json").write_text(json.dumps(res, indent=1))
    shown = grid_patients(y, FIGURE_PATIENTS)
    figure(np.asarray(new["front"])[shown], true[shown], seeded[:, shown], [A.present(y[r]) for r in shown],
           work / "seed-variation.png")
    for name, row in res["reader_changes"].items():
        log(f"{name}: {json.dumps(row)}")
    log(f"verdict: {json.dumps(res['verdict'])}; written {work / 'seed-variation.json'}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
