"""Refreshes a recovered encoder on CPU before a GPU session continues the generator on its embeddings.

Why here and not on the GPU machine: the encoder reads front photos only, and more phantom patients are what it
lacks (its contrastive loss is near zero on the 962 training fronts while a linear probe on NEW patients' fronts
still misses crowns, missing teeth and stains), but the transfer to the GPU machine has no room for them and that
machine has no Java to render them. Fine-tuning runs here in the background (about 2.5 s a step of 64 fronts on
2 cores); the GPU session then only continues the generator, naming this encoder in its run line
(``{"encoder": "encoder-refreshed.npz", ...}``, see device_train.continue_phase).

    cd training && /usr/bin/python3 -m ivp_training.encoder_refresh --config configs/demo.json \
        --start DEVRUN/start --extra-patients 4000 --extra-seed 7373001 --steps 1200

Reads START/encoder.npz and encoder.done.json (training_form's output) and the config's phantom caches (pipeline
--data-only); renders the extra patients (seeds checked disjoint from every held-out set); writes
START/encoder-refreshed.npz and encoder-refreshed.done.json: the recovered record plus a ``refreshed`` part, and the
linear probe on new patients' fronts before and after. Resumable: the fine-tuning checkpoints in
WORK/encoder-refresh/<settings>.
"""
from __future__ import annotations

import argparse
import copy
import json
import time
from pathlib import Path

from . import allocator
from . import attributes as A
from . import data as D
from .device_train import load_npz, save_npz
from .evaluate import check_disjoint_patients
from .tokenizer import Tokenizer
from .train import build_clip, embed_images, log_to, train_encoder


def held_out_seeds(work: Path) -> list:
    """Patient seeds of every set the models are judged on (new patients, new staged patients)."""
    seeds = []
    for name in ("new_patients", "nudge_new"):
        cache = work / "data" / f"{name}-cache"
        if (cache / "meta.json").exists():
            seeds += [int(s) for s in D.load_cache(cache)["seeds"]]
    return seeds


def training_fronts(cfg: dict, work: Path, extra_patients: int, extra_seed: int, log) -> dict:
    """The config's training data plus ``extra_patients`` further phantom patients (their train split only)."""
    main = D.load_cache(work / "data" / "main-cache")
    if extra_patients <= 0:
        return main
    size = cfg["data"]["size"]
    export = D.export_phantom(work / "data" / f"extra-{extra_seed}-{extra_patients}-export", extra_patients, size,
                              extra_seed, 1, log=log)
    extra = D.cached_arrays(export, work / "data" / f"extra-{extra_seed}-{extra_patients}-cache", size, log=log)
    held_out = held_out_seeds(work)
    if not held_out:
        raise SystemExit("no held-out patient sets in the work dir: run the pipeline with --data-only first")
    check_disjoint_patients(extra["seeds"], held_out)
    check_disjoint_patients(main["seeds"], extra["seeds"])
    # only the extra patients' training split: their validation/test splits stay unused, not mixed into training
    return D.concat_arrays(main, D.select(extra, extra["split"] == 0))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", required=True)
    ap.add_argument("--start", required=True, help="training_form output: encoder.npz, encoder.done.json")
    ap.add_argument("--extra-patients", type=int, default=4000)
    ap.add_argument("--extra-seed", type=int, default=7373001)
    ap.add_argument("--steps", type=int, default=1200)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--negatives", type=int, default=0, help="hard negative captions per photo (negatives.py)")
    ap.add_argument("--name", default="encoder-refreshed")
    a = ap.parse_args(argv)
    allocator.keep_freed_memory()
    cfg = json.loads(Path(a.config).read_text())
    work, start = Path(cfg["work_dir"]), Path(a.start)
    log = log_to(work / "encoder-refresh.log")
    tok = Tokenizer.load(work / "tokenizer.json")
    begin = load_npz(build_clip(cfg, tok.vocab_size), start / "encoder.npz").eval()
    fronts = training_fronts(cfg, work, a.extra_patients, a.extra_seed, log)
    settings = {"steps": a.steps, "lr": a.lr, "batch": a.batch, "hard_negatives": a.negatives}
    run_cfg = copy.deepcopy(cfg)
    run_cfg["encoder"].update(settings)
    # a checkpoint resumes only the run of the same settings
    run_work = work / "encoder-refresh" / "-".join(str(v) for v in (a.extra_patients, a.extra_seed, *settings.values()))
    run_work.mkdir(parents=True, exist_ok=True)
    t = time.time()
    r = train_encoder(run_cfg, fronts, tok, run_work, t + 1e6, log, start_state=begin.state_dict())
    clip = r.pop("model").eval()
    main_cache = D.load_cache(work / "data" / "main-cache")
    train = D.select(main_cache, main_cache["split"] == 0)  # the probe is fitted as the model card's is
    new = D.load_cache(work / "data" / "new_patients-cache")
    probes = {name: attribute_probe(enc, train, new) for name, enc in (("before", begin), ("after", clip))}
    record = {**json.loads((start / "encoder.done.json").read_text()),
              "refreshed": {**settings, "steps": r["steps"], "seconds": r["seconds"], "loss_last": r["loss_last"],
                            "train_fronts": int((fronts["split"] == 0).sum()),
                            "extra_patients": {"count": a.extra_patients, "seed": a.extra_seed,
                                               "disjoint_from_held_out": True},
                            "probe_new_patients": probes,
                            "when": time.strftime("%Y-%m-%d", time.gmtime())}}
    save_npz(clip, start / f"{a.name}.npz")
    (start / f"{a.name}.done.json").write_text(json.dumps(record, indent=1))
    log(f"refreshed encoder: {json.dumps(record['refreshed'])}")


def attribute_probe(clip, train: dict, new: dict) -> dict:
    """AUROC per attribute of a linear probe on the fronts' embeddings (fitted on training fronts, read on new)."""
    return A.probe_data_sets(embed_images(clip, train["front"]), train, embed_images(clip, new["front"]), new)


if __name__ == "__main__":
    main()
