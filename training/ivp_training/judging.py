"""What the measurement scripts that judge finished models share (scripts/select_device_run.py on validation
patients, scripts/compare_bundles.py on new ones): the config as the device trained it, the work directory's
log and training data, and one attribute classifier trained on the TRUE views of the training split."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch

from . import allocator
from . import attributes as A
from . import data as D
from .device_train import device_config
from .evaluate import _resize_u8
from .pipeline import _abs
from .train import log_to


def judging_setup(config: str, log_name: str):
    """(config, work dir, log, training split of the main data set, the whole main data set)."""
    torch.set_num_threads(2)
    allocator.keep_freed_memory()
    cfg = device_config(json.loads(Path(config).read_text()), force=True)
    work = _abs(cfg["work_dir"])
    log = log_to(work / log_name)
    main_set = D.load_cache(work / "data" / "main-cache")
    return cfg, work, log, D.select(main_set, main_set["split"] == 0), main_set


def pilot_setup(config: str, start: Path, out: Path):
    """What the CPU pilots (scripts/*_pilot.py) start from: (config as written, work dir, log in ``out``, the whole
    main data set, its training split, the encoder recovered in ``start``)."""
    from .device_train import load_npz
    from .tokenizer import Tokenizer
    from .train import build_clip
    torch.set_num_threads(2)
    allocator.keep_freed_memory()
    cfg = json.loads(Path(config).read_text())
    work = _abs(cfg["work_dir"])
    out.mkdir(parents=True, exist_ok=True)
    main_set = D.load_cache(work / "data" / "main-cache")
    clip = load_npz(build_clip(cfg, Tokenizer.load(start / "tokenizer.json").vocab_size), start / "encoder.npz").eval()
    return cfg, work, log_to(out / "pilot.log"), main_set, D.select(main_set, main_set["split"] == 0), clip


def attribute_judge(cfg: dict, train: dict, log):
    return A.train_classifier(_resize_u8(np.asarray(train["views"]), cfg["generator"]["resolution"]),
                              A.label_matrix(list(train["params"])), log=log, **A.judge_settings(cfg))


def attribute_reading(fidelity: dict) -> dict:
    """From attributes.fidelity: the mean AUROC on predicted views over the front-visible attributes, and per
    attribute [AUROC on true views, on predicted views]."""
    visible = [v["auroc_pred"] for v in fidelity.values() if v["front_visible"] and v["auroc_pred"] is not None]
    return {"attribute_auroc_mean": float(np.mean(visible)),
            "attributes": {k: [v["auroc_true"], v["auroc_pred"]] for k, v in fidelity.items()}}


def run_summary(ev: dict) -> dict:
    """What a choice between trained runs looks at, from evaluate.evaluate_new_patients' report."""
    return {"psnr": ev["model"]["all"]["psnr"], "psnr_mean_image": ev["baseline_mean_image"]["all"]["psnr"],
            "fd": ev["model"]["all"]["fd"], "fd_nearest_patient": ev["baseline_nearest_train_patient"]["all"]["fd"],
            "sharpness_min": ev["sharpness"]["min"], **attribute_reading(ev["attributes"])}
