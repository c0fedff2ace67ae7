"""Does attribute guidance (the discriminator's attribute head, train.AttributeTargets) make the generator draw
the findings its embedding carries? A pilot on this machine's CPU, small enough to run in one session, to decide
whether the next GPU session should train with it.

Both arms continue the SAME generator (a bundle's, recovered by training_form) with the shipped run's settings
(reconstruction weight 10, feature weight 1, mismatch weight 1), the same seed, batch, steps and discriminator
warm-up; they differ only in ``attr_weight``. Both are then judged with one attribute classifier (trained on TRUE
views of the training split, the pipeline's 64 px judge) on patients of the extra phantom export: never seen by the
generator, the judge or the encoder that made the start generator's embeddings; their seeds are checked disjoint
from the training data and from the new patients the model card reports on, so the choice does not tune to those.

Rule, written before the first run (2026-12-01 08:10 UTC): guidance "helps" when its mean AUROC on predicted views
over the front-visible attributes is at least 0.03 above the control arm's, its PSNR at most 0.3 dB below the
control's, and its lowest Laplacian sharpness ratio at most 0.05 below the control's.

    cd training && /usr/bin/python3 scripts/attribute_guidance_pilot.py configs/demo.json work/start-0.2.2 \
        work/demo/data/extra-cache --measure 300 --steps 750 --warmup 250 --batch 16 --attr-weight 1
"""
import argparse
import copy
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ivp_training import attributes as A  # noqa: E402
from ivp_training import data as D  # noqa: E402
from ivp_training.device_train import load_npz, merged, save_npz  # noqa: E402
from ivp_training.encoder_refresh import held_out_seeds  # noqa: E402
from ivp_training.evaluate import check_disjoint_patients, evaluate_new_patients  # noqa: E402
from ivp_training.judging import attribute_judge, pilot_setup, run_summary  # noqa: E402
from ivp_training.train import build_generator, embed_images, train_adversarial  # noqa: E402

SHIPPED_RUN = {"rec_weight": 10, "feat_weight": 1, "mismatch_weight": 1}


def verdict(control: dict, guided: dict) -> dict:
    gain = guided["attribute_auroc_mean"] - control["attribute_auroc_mean"]
    psnr_drop = control["psnr"] - guided["psnr"]
    sharp_drop = (control["sharpness_min"]["laplacian_var_ratio"] - guided["sharpness_min"]["laplacian_var_ratio"])
    return {"attribute_gain": round(gain, 4), "psnr_drop_db": round(psnr_drop, 3),
            "sharpness_drop": round(sharp_drop, 4), "helps": gain >= 0.03 and psnr_drop <= 0.3 and sharp_drop <= 0.05}


def measurement_set(extra_cache: Path, n: int, train: dict, work: Path) -> dict:
    extra = D.load_cache(extra_cache)
    measure = D.select(extra, np.arange(len(extra["seeds"])) < n)
    check_disjoint_patients(train["seeds"], measure["seeds"])
    check_disjoint_patients(held_out_seeds(work), measure["seeds"])
    return measure


def train_arm(cfg, name, settings, main_set, kappa, clip, start, out, log) -> Path:
    """The arm's generator (resumable: its checkpoint and finished weights live in ``out``)."""
    done = out / f"generator-{name}.npz"
    if done.exists():
        return done
    arm_cfg = merged(cfg, {"generator": {"adversarial": settings}})
    torch.manual_seed(0)
    G_ema = load_npz(build_generator(arm_cfg), start / "generator.npz").eval()
    G = copy.deepcopy(G_ema).train()
    log(f"arm {name}: {settings}")
    r = train_adversarial(arm_cfg, G, G_ema, main_set, kappa, clip, out / f"adversarial-{name}.ckpt", float("inf"), log)
    r.pop("history")
    (out / f"adversarial-{name}.done.json").write_text(json.dumps(r))
    save_npz(G_ema, done)
    return done


def train_arms(cfg, arms: dict, main_set, train, measure, kappa, clip, start: Path, out: Path, log) -> dict:
    """The start generator's weights and each arm's, trained one after the other (each resumable)."""
    log(f"pilot: {len(train['seeds'])} training patients, {len(measure['seeds'])} measured (extra export, disjoint); "
        f"arms {arms}")
    generators = {"start": start / "generator.npz"}
    for name, settings in arms.items():
        t = time.time()
        generators[name] = train_arm(cfg, name, settings, main_set, kappa, clip, start, out, log)
        log(f"arm {name} ready ({time.time() - t:.0f} s)")
    return generators


def judged_arms(cfg, generators: dict, judge, clip, train, k_train, measure, k_measure, log):
    """(name, generator, evaluate_new_patients' report on the measured patients) for each arm, read by ``judge``."""
    for name, path in generators.items():
        G = load_npz(build_generator(cfg), path).eval()
        with torch.no_grad():
            ev = evaluate_new_patients(G, clip, train, k_train, measure, k_measure, classifier=judge, log=log,
                                       judge=A.judge_settings(cfg))
        yield name, G, ev


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("config")
    ap.add_argument("start", help="directory with the recovered encoder.npz and generator.npz")
    ap.add_argument("extra_cache", help="a further phantom export (data cache) the models never saw")
    ap.add_argument("--measure", type=int, default=300)
    ap.add_argument("--steps", type=int, default=750)
    ap.add_argument("--warmup", type=int, default=250)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--attr-weight", type=float, default=1.0)
    ap.add_argument("--out", default="work/demo/attribute-pilot")
    a = ap.parse_args()
    out, start = Path(a.out), Path(a.start)
    cfg, work, log, main_set, train, clip = pilot_setup(a.config, start, out)
    measure = measurement_set(Path(a.extra_cache), a.measure, train, work)
    kappa = embed_images(clip, main_set["front"])
    common = {**SHIPPED_RUN, "steps": a.steps, "minutes": 1e9, "batch": a.batch, "d_warmup": a.warmup}
    arms = {"control": {**common, "attr_weight": 0.0}, "guided": {**common, "attr_weight": a.attr_weight}}
    generators = train_arms(cfg, arms, main_set, train, measure, kappa, clip, start, out, log)
    judge = attribute_judge(cfg, train, log)  # the plain config: the pipeline's 64 px judge
    k_train, k_measure = kappa[main_set["split"] == 0], embed_images(clip, measure["front"])
    results = {}
    for name, _, ev in judged_arms(cfg, generators, judge, clip, train, k_train, measure, k_measure, log):
        results[name] = run_summary(ev)
        log(f"{name}: {json.dumps(results[name])}")
    result = {"arms": arms, "measured_patients": int(len(measure["seeds"])), "results": results,
              "verdict": verdict(results["control"], results["guided"])}
    (out / "pilot.json").write_text(json.dumps(result, indent=1))
    log(f"verdict: {json.dumps(result['verdict'])}")


if __name__ == "__main__":
    main()
