"""Does training with hard negative captions, or on more phantom patients, make the encoder's embedding carry
the small findings?

Fine-tunes the SAME start encoder (a bundle's, recovered by training_form) with identical augmentations, steps
and learning rate: once with the plain contrastive loss, once with k hard negative captions per photo
(negatives.py), and, given --extra-cache (a further phantom export of training patients, seeds checked disjoint
from the new patients), once with the plain loss on the training fronts plus those. Then reads each embedding with the linear probe of compare_bundles (fitted on the
training fronts, AUROC on NEW patients' fronts), and reports how far each moved from the start (cosine between
start and fine-tuned embeddings of the new fronts: a generator conditioned on the start space has to follow).

Rule, written before the first run (2026-12-01 04:35 UTC): the negatives arm "helps" when its mean probe AUROC
over crown, missing tooth and stain is at least 0.03 above the plain arm's, and no other front-visible attribute
is more than 0.02 below the plain arm's. The same rule, against the plain arm, decides whether more patients help
(written 2026-12-01 04:20 UTC, before that arm's first run).

    cd training && /usr/bin/python3 scripts/encoder_negatives_ab.py configs/demo.json work/start-0.2.2/encoder.npz \
        --steps 300 --lr 0.0003 --negatives 2
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
from ivp_training.device_train import load_npz  # noqa: E402
from ivp_training.encoder_refresh import held_out_seeds  # noqa: E402
from ivp_training.evaluate import check_disjoint_patients, retrieval  # noqa: E402
from ivp_training.tokenizer import Tokenizer  # noqa: E402
from ivp_training.train import build_clip, embed_images, log_to, train_encoder  # noqa: E402

TARGETED = ("crown", "missing_tooth", "stain")


def read(clip, train, new, tok) -> dict:
    k_train, k_new = embed_images(clip, train["front"]), embed_images(clip, new["front"])
    probe = A.probe_data_sets(k_train, train, k_new, new)
    ret = retrieval(clip, tok, np.asarray(new["front"]), [str(c) for c in new["captions"]])
    return {"probe": probe, "targeted_mean": float(np.mean([probe[a] for a in TARGETED])),
            "retrieval_top1": ret["top1"], "retrieval_top5": ret["top5"], "k_new": k_new}


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return float((a * b).sum(1).mean())


def verdict(plain: dict, neg: dict) -> dict:
    gain = neg["targeted_mean"] - plain["targeted_mean"]
    others = [a for a, (_, visible) in A.ATTRIBUTES.items() if visible and a not in TARGETED]
    drops = {a: round(plain["probe"][a] - neg["probe"][a], 4) for a in others
             if plain["probe"][a] is not None and neg["probe"][a] is not None}
    worst = max(drops.values()) if drops else 0.0
    return {"targeted_gain": round(gain, 4), "largest_other_drop": round(worst, 4),
            "helps": bool(gain >= 0.03 and worst <= 0.02)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("config")
    ap.add_argument("start_encoder")
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--negatives", type=int, default=2)
    ap.add_argument("--extra-cache", default=None, help="cache of further training patients (data.cached_arrays)")
    ap.add_argument("--out", default=None, help="result JSON (default WORK/encoder-negatives-ab.json)")
    a = ap.parse_args(argv)
    cfg = json.loads(Path(a.config).read_text())
    work = Path(cfg["work_dir"])
    log = log_to(work / "encoder-negatives-ab.log")
    tok = Tokenizer.load(work / "tokenizer.json")
    main_cache = D.load_cache(work / "data" / "main-cache")
    train = D.select(main_cache, main_cache["split"] == 0)
    new = D.load_cache(work / "data" / "new_patients-cache")
    start = load_npz(build_clip(cfg, tok.vocab_size), Path(a.start_encoder)).eval()
    results = {"settings": vars(a), "train_patients": int(len(train["front"])), "new_patients": int(len(new["front"]))}
    base = read(start, train, new, tok)
    k_start = base.pop("k_new")
    results["start"] = base
    log(f"start: {json.dumps(base)}")
    arms = [("plain", 0, main_cache), ("negatives", a.negatives, main_cache)]
    if a.extra_cache:
        extra = D.load_cache(Path(a.extra_cache))
        check_disjoint_patients(extra["seeds"], held_out_seeds(work))
        arms.append(("more_patients", 0, D.concat_arrays(main_cache, extra)))
        results["extra_train_patients"] = int((extra["split"] == 0).sum())
    for arm, k, arm_data in arms:
        arm_cfg = copy.deepcopy(cfg)
        arm_cfg["encoder"].update({"steps": a.steps, "lr": a.lr, "batch": a.batch, "hard_negatives": k})
        arm_work = work / "encoder-ab" / arm
        arm_work.mkdir(parents=True, exist_ok=True)
        t = time.time()
        # Why no time cap: both arms must run the same steps (the negatives arm is slower per step).
        r = train_encoder(arm_cfg, arm_data, tok, arm_work, time.time() + 1e6, log, start_state=start.state_dict())
        res = read(r.pop("model").eval(), train, new, tok)
        res["moved_cosine"] = cosine(k_start, res.pop("k_new"))
        res.update({"steps": r["steps"], "seconds": round(time.time() - t, 1), "loss_last": r["loss_last"]})
        results[arm] = res
        log(f"{arm}: {json.dumps(res)}")
    results["verdict"] = {arm: verdict(results["plain"], results[arm]) for arm, _, _ in arms[1:]}
    log(f"verdict: {json.dumps(results['verdict'])}")
    Path(a.out or work / "encoder-negatives-ab.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
