"""Chooses which adversarial run of a device run ships, on the VALIDATION split of the training data (split 1:
patients the generator never saw, and not the new-patient set the model card reports on, so the choice does not
tune to the reported numbers).

The rule (RULE below) was fixed before measuring.

    cd training && /usr/bin/python3 scripts/select_device_run.py configs/demo.json DEVICE_DIR TAG [TAG ...]
"""
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ivp_training import data as D  # noqa: E402
from ivp_training.attributes import judge_settings  # noqa: E402
from ivp_training.device_train import load_npz  # noqa: E402
from ivp_training.evaluate import evaluate_new_patients  # noqa: E402
from ivp_training.judging import attribute_judge, judging_setup, run_summary  # noqa: E402
from ivp_training.tokenizer import Tokenizer  # noqa: E402
from ivp_training.train import build_clip, build_generator, embed_images  # noqa: E402

RULE = ("among runs whose PSNR is at most 1 dB below the per-view average image of the same patients (the issue's "
        "PSNR target), ship the one whose predicted views let an independent classifier read the front-visible "
        "attributes best (mean AUROC); sharpness breaks ties within 0.01.")


def choose(results: dict) -> str:
    ok = {t: r for t, r in results.items() if r["psnr"] >= r["psnr_mean_image"] - 1.0} or results
    best = max(r["attribute_auroc_mean"] for r in ok.values())
    close = {t: r for t, r in ok.items() if r["attribute_auroc_mean"] >= best - 0.01}
    return max(close, key=lambda t: close[t]["sharpness_min"]["laplacian_var_ratio"])


def run_description(done: dict) -> str:
    """What one device run was, from its summary (adversarial-TAG.done.json)."""
    extra = f", mismatch weight {done['mismatch_weight']:g}" if done.get("mismatch_weight") else ""
    if done.get("attr_weight"):
        extra += (f", attribute guidance weight {done['attr_weight']:g} after {done.get('d_warmup', 0)} "
                  f"discriminator warm-up steps")
    start = f", continued from {done['continued_from']}" if done.get("continued_from") else ""
    return (f"reconstruction weight {done['rec_weight']:g}, feature weight {done['feat_weight']:g}{extra}, batch "
            f"{done.get('batch', 32)}, {done['steps']} adversarial steps{start}")


def selection_text(results: dict, chosen: str, patients: int, runs: dict) -> str:
    """The model card's paragraph on the choice (pipeline reads work/selection.md); ``runs`` describes each tag."""
    rows = "; ".join(f"{t} ({runs[t]}): PSNR {r['psnr']:.2f} dB (average image {r['psnr_mean_image']:.2f}), mean "
                     f"attribute AUROC {r['attribute_auroc_mean']:.3f}, Laplacian sharpness ratio "
                     f"{r['sharpness_min']['laplacian_var_ratio']:.3f}, FD {r['fd']:.1f}" for t, r in results.items())
    return (f"The device runs trained adversarial phases side by side with different settings; the shipped one was "
            f"chosen on the {patients} VALIDATION patients of the training data set (not the new patients reported "
            f"above) by a rule fixed before measuring: {RULE} Measured: {rows}. Chosen: **{chosen}**.")


def main(config: str, device_dir: str, tags):
    cfg, work, log, train, main_set = judging_setup(config, "selection.log")
    val = D.select(main_set, main_set["split"] == 1)
    tok = Tokenizer.load(work / "tokenizer.json")
    clip = load_npz(build_clip(cfg, tok.vocab_size), Path(device_dir) / "encoder.npz").eval()
    k_train, k_val = embed_images(clip, train["front"]), embed_images(clip, val["front"])
    classifier = attribute_judge(cfg, train, log)
    results = {}
    for tag in tags:
        G = load_npz(build_generator(cfg), Path(device_dir) / f"generator-{tag}.npz").eval()
        with torch.no_grad():
            ev = evaluate_new_patients(G, clip, train, k_train, val, k_val, classifier=classifier, log=log,
                                       judge=judge_settings(cfg))
        results[tag] = run_summary(ev)
        log(f"validation {tag} ({ev['patients']} patients): {json.dumps(results[tag])}")
    chosen = choose(results)
    log(f"chosen: {chosen}")
    runs = {t: run_description(json.loads((Path(device_dir) / f"adversarial-{t}.done.json").read_text())) for t in tags}
    (work / "selection.md").write_text(selection_text(results, chosen, int(len(val["split"])), runs) + "\n")
    (work / "selection.json").write_text(json.dumps({"rule": RULE, "validation": results,
                                                     "chosen": chosen}, indent=1))
    print(chosen)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
