"""Is the batch size why CPU continuations blur? A CPU pilot, small enough for one session, to decide how CPU
adversarial training (the pipeline's phase and later continuations) should spend its steps.

Why: every CPU continuation of a shipped generator so far (attribute guidance, rare colours; batch 16) blurred its
views (lowest Laplacian sharpness ratio 0.48 -> 0.28-0.38), while the GPU continuation that made 0.2.2 sharp
(batch 64, same losses and learning rates, also with a fresh discriminator) went from 0.05 to 0.43. The settings
differed in the batch and in how many examples were seen. Here both arms continue the SAME generator (0.2.4's,
recovered by training_form) with the shipped run's settings (reconstruction weight 10, feature weight 1, mismatch
weight 1), the same seed and the same number of examples: 1200 steps x 16 against 300 steps x 64 (about 42 minutes
each on 2 cores). With --longer a third, diagnostic arm continues the batch-64 arm to twice the examples (does it
keep sharpening or level off?).

Measured with the pipeline's judge (64 px, trained on TRUE views of the training split) on 300 patients of a
further phantom export (seed 7373001, as the earlier pilots) never seen by any model, their seeds checked disjoint
from the training data and from the model card's new patients.

Rule, written before the first run (2026-12-03 18:25 UTC): the batch "explains the blur" when, on the 300
measured patients,
  (a) the batch-64 arm's lowest Laplacian sharpness ratio is >= the batch-16 arm's + 0.10 AND >= the start's - 0.05;
  (b) its PSNR is at most 0.3 dB below the batch-16 arm's and its Frechet distance at most 10 % above it.
If it does, CPU adversarial training uses batches of 64 (fewer steps for the same examples): configs/demo.json's
adversarial phase and the pilots' default. If (a) fails, the batch is not the cause and nothing changes.

    cd training && /usr/bin/python3 scripts/batch_size_pilot.py configs/demo.json START --examples 19200
"""
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribute_guidance_pilot import SHIPPED_RUN, judged_arms, train_arm, train_arms  # noqa: E402
from teacher_guidance_pilot import measurement_set, pilot_parser  # noqa: E402
from ivp_training.judging import attribute_judge, pilot_setup, run_summary  # noqa: E402
from ivp_training.train import embed_images  # noqa: E402


def verdict(start: dict, small: dict, large: dict) -> dict:
    def sharp(r):
        return r["sharpness_min"]["laplacian_var_ratio"]
    sharp_gain, sharp_vs_start = sharp(large) - sharp(small), sharp(large) - sharp(start)
    psnr_drop, fd_rise = small["psnr"] - large["psnr"], large["fd"] / small["fd"] - 1.0
    explains = sharp_gain >= 0.10 and sharp_vs_start >= -0.05 and psnr_drop <= 0.3 and fd_rise <= 0.10
    return {"sharpness_gain_over_small_batch": round(sharp_gain, 4), "sharpness_vs_start": round(sharp_vs_start, 4),
            "psnr_drop_db": round(psnr_drop, 3), "fd_rise": round(fd_rise, 4), "batch_explains_blur": explains}


def extended_arm(cfg, name: str, settings: dict, base: str, main_set, kappa, clip, start: Path, out: Path, log):
    """Arm ``base`` trained on to ``settings['steps']``: its checkpoint copied under the new name, then resumed."""
    ckpt = out / f"adversarial-{name}.ckpt"
    if not ckpt.exists() and not (out / f"generator-{name}.npz").exists():
        shutil.copy(out / f"adversarial-{base}.ckpt", ckpt)
    return train_arm(cfg, name, settings, main_set, kappa, clip, start, out, log)


def main():
    ap = pilot_parser(__doc__)
    ap.add_argument("--examples", type=int, default=19200, help="examples (patient-views) each arm sees")
    ap.add_argument("--small", type=int, default=16)
    ap.add_argument("--large", type=int, default=64)
    ap.add_argument("--longer", action="store_true", help="also the diagnostic arm (about 45 more minutes here)")
    ap.add_argument("--out", default="work/demo/batch-size-pilot")
    a = ap.parse_args()
    out, start = Path(a.out), Path(a.start)
    cfg, work, log, main_set, train, clip = pilot_setup(a.config, start, out)
    measure = measurement_set(work, cfg, a.measure, a.measure_seed, train, log)
    kappa = embed_images(clip, main_set["front"])
    common = {**SHIPPED_RUN, "minutes": 1e9}
    arms = {f"b{a.small}": {**common, "batch": a.small, "steps": a.examples // a.small},
            f"b{a.large}": {**common, "batch": a.large, "steps": a.examples // a.large}}
    generators = train_arms(cfg, arms, main_set, train, measure, kappa, clip, start, out, log)
    if a.longer:
        longer = f"b{a.large}x2"
        arms[longer] = {**arms[f"b{a.large}"], "steps": 2 * a.examples // a.large}
        generators[longer] = extended_arm(cfg, longer, arms[longer], f"b{a.large}", main_set, kappa, clip, start, out,
                                          log)
    judge = attribute_judge(cfg, train, log)  # the config as written: the pipeline's 64 px judge
    k_train, k_measure = kappa[main_set["split"] == 0], embed_images(clip, measure["front"])
    results = {}
    for name, _, ev in judged_arms(cfg, generators, judge, clip, train, k_train, measure, k_measure, log):
        results[name] = {**run_summary(ev), "sharpness_per_view": {v: r["laplacian_var_ratio"]
                                                                   for v, r in ev["sharpness"].items() if v != "min"}}
        log(f"{name}: {json.dumps(results[name])}")
    result = {"arms": arms, "measured_patients": int(len(measure["seeds"])), "results": results,
              "training_seconds": {n: json.loads((out / f"adversarial-{n}.done.json").read_text()).get("seconds")
                                   for n in arms},
              "verdict": verdict(results["start"], results[f"b{a.small}"], results[f"b{a.large}"])}
    (out / "pilot.json").write_text(json.dumps(result, indent=1, default=float))
    log(f"verdict: {json.dumps(result['verdict'])}")


if __name__ == "__main__":
    main()
