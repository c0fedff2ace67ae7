"""Does weighting rare colours in the reconstruction term (losses.ColourRarity, ``rare_colour_weight``) make the
generator draw the small findings its embedding carries? A CPU pilot, small enough for one session, to decide
whether the next GPU session should train with it.

Why this after the three pilots in training/README.md: the shipped generator draws no gold or metal crown even for
its own TRAINING patients (their true views are its reconstruction targets), so the synthesis never learned the
drawing (attribute_push.py: no crown at four times the attribute direction). A crown is a few dozen pixels of one
view in a quarter of the patients: in the plain L1 it weighs about 1 % of the loss. Here only that weighting
changes; no reader steers the generator (the teacher pilot showed readers of this data are fooled together).

Both arms continue the SAME generator (a bundle's, recovered by training_form) with the shipped run's settings
(reconstruction weight 10, feature weight 1, mismatch weight 1), the same seed, batch and steps; they differ only in
``rare_colour_weight``. Measured with the pipeline's judge (64 px, trained on TRUE views of the training split) on
300 patients of a further phantom export (seed 7373001, as the earlier pilots) never seen by any model, their seeds
checked disjoint from the training data and from the model card's new patients; as a diagnostic, also on 100 of the
generator's own training patients (does it draw crowns where it was shown them?).

Rule, written before the first run (2026-12-03 15:10 UTC): rare-colour weighting "helps" when, on the 300 measured
patients and against the control arm,
  (a) the AUROC for crowns on front or side teeth rises by >= 0.10 and the mean over the front-visible attributes by
      >= 0.03;
  (b) PSNR at most 0.3 dB lower; lowest Laplacian sharpness ratio at most 0.05 lower; Frechet distance at most 10 %
      higher;
  (c) a person looking at the crown grid of measured patients (crowns-*.png, written next to the result) sees gold
      or metal drawn on the weighted arm's views where the truth has it (recorded in training/README.md).

    cd training && /usr/bin/python3 scripts/rare_colour_pilot.py configs/demo.json START --steps 1200 --batch 16
"""
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribute_guidance_pilot import SHIPPED_RUN, judged_arms, train_arms  # noqa: E402
from teacher_guidance_pilot import measurement_set, pilot_parser  # noqa: E402
from ivp_training import attributes as A  # noqa: E402
from ivp_training import data as D  # noqa: E402
from ivp_training.device_train import load_npz  # noqa: E402
from ivp_training.evaluate import _resize_u8, attribute_grid, generate_views  # noqa: E402
from ivp_training.judging import attribute_judge, pilot_setup, run_summary  # noqa: E402
from ivp_training.train import build_generator, embed_images  # noqa: E402


def verdict(control: dict, weighted: dict) -> dict:
    crown_gain = weighted["attributes"]["crown"][1] - control["attributes"]["crown"][1]
    gain = weighted["attribute_auroc_mean"] - control["attribute_auroc_mean"]
    psnr_drop = control["psnr"] - weighted["psnr"]
    sharp_drop = control["sharpness_min"]["laplacian_var_ratio"] - weighted["sharpness_min"]["laplacian_var_ratio"]
    fd_rise = weighted["fd"] / control["fd"] - 1.0
    readers = crown_gain >= 0.10 and gain >= 0.03 and psnr_drop <= 0.3 and sharp_drop <= 0.05 and fd_rise <= 0.10
    return {"crown_gain": round(crown_gain, 4), "attribute_gain": round(gain, 4), "psnr_drop_db": round(psnr_drop, 3),
            "sharpness_drop": round(sharp_drop, 4), "fd_rise": round(fd_rise, 4), "numbers_say_it_helps": readers,
            "still_needed": "a person looks at the crown grid" if readers else None}


def crown_grid(cfg, people: dict, kappa: np.ndarray, generators: dict, path_of) -> None:
    """People with a crown on a front or side tooth: front, truth and each generator's views, one grid each."""
    y = A.label_matrix(list(people["params"]))
    rows = np.nonzero(y[:, A.NAMES.index("crown")] > 0)[0][:8]
    true = _resize_u8(np.asarray(people["views"][rows]), cfg["generator"]["resolution"])
    for name, path in generators.items():
        G = load_npz(build_generator(cfg), path).eval()
        with torch.no_grad():
            pred = generate_views(G, kappa[rows])
        attribute_grid(np.asarray(people["front"][rows]), true, pred, [A.present(y[r]) for r in rows], path_of(name))


def main():
    ap = pilot_parser(__doc__)
    ap.add_argument("--steps", type=int, default=1200)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--rare-colour-weight", type=float, default=8.0)
    ap.add_argument("--out", default="work/demo/rare-colour-pilot")
    a = ap.parse_args()
    out, start = Path(a.out), Path(a.start)
    cfg, work, log, main_set, train, clip = pilot_setup(a.config, start, out)
    measure = measurement_set(work, cfg, a.measure, a.measure_seed, train, log)
    kappa = embed_images(clip, main_set["front"])
    common = {**SHIPPED_RUN, "steps": a.steps, "minutes": 1e9, "batch": a.batch}
    arms = {"control": {**common, "rare_colour_weight": 0.0},
            "weighted": {**common, "rare_colour_weight": a.rare_colour_weight}}
    generators = train_arms(cfg, arms, main_set, train, measure, kappa, clip, start, out, log)
    judge = attribute_judge(cfg, train, log)  # the config as written: the pipeline's 64 px judge
    k_train, k_measure = kappa[main_set["split"] == 0], embed_images(clip, measure["front"])
    own = D.select(train, np.arange(len(train["seeds"])) < 100)
    results, own_reading = {}, {}
    for name, G, ev in judged_arms(cfg, generators, judge, clip, train, k_train, measure, k_measure, log):
        with torch.no_grad():
            views = _resize_u8(np.asarray(own["views"]), cfg["generator"]["resolution"])
            read = A.fidelity(judge, views, generate_views(G, k_train[:100]), A.label_matrix(list(own["params"])))
        results[name] = run_summary(ev)
        own_reading[name] = {k: v["auroc_pred"] for k, v in read.items()}
        log(f"{name}: {json.dumps(results[name])}; own training patients: {json.dumps(own_reading[name])}")
    result = {"arms": arms, "measured_patients": int(len(measure["seeds"])), "results": results,
              "own_training_patients": own_reading, "verdict": verdict(results["control"], results["weighted"])}
    (out / "pilot.json").write_text(json.dumps(result, indent=1))
    log(f"verdict: {json.dumps(result['verdict'])}")
    crown_grid(cfg, measure, k_measure, generators, lambda name: out / f"crowns-{name}.png")
    crown_grid(cfg, own, k_train[:100], generators, lambda name: out / f"own-crowns-{name}.png")


if __name__ == "__main__":
    main()
