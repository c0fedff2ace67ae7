"""Compares exported bundles on the same NEW phantom patients with the same judges, so two model versions can be
set side by side in the model card: each bundle embeds the fronts with its own image encoder and draws the views
through its own TorchScript mapping and synthesis (what the app runs); one attribute classifier (trained on true
views of the training split) and one feature space (the given judge encoder) score them all.

    cd training && /usr/bin/python3 scripts/compare_bundles.py configs/demo.json JUDGE_ENCODER.npz BUNDLE [BUNDLE ...]

When work/data/nudge_new-cache exists (the config's data.nudge_new: NEW patients with treatment stages, exported by
the pipeline), the semantic nudge is measured too (evaluate.nudge_eval:
another patient's before->after difference at alpha 1, distance of the predicted views to the true after-state).
"""
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ivp_training import attributes as A  # noqa: E402
from ivp_training import data as D  # noqa: E402
from ivp_training.device_train import load_npz  # noqa: E402
from ivp_training.evaluate import check_disjoint_patients, evaluate_new_patients, nudge_eval  # noqa: E402
from ivp_training.export import embed_photos as embed, load_bundle  # noqa: E402
from ivp_training.judging import attribute_judge, judging_setup  # noqa: E402
from ivp_training.tokenizer import Tokenizer  # noqa: E402
from ivp_training.train import build_clip  # noqa: E402


class BundleGenerator(torch.nn.Module):
    """A bundle's mapping + synthesis behind the Generator call evaluate.generate_views makes."""

    def __init__(self, bundle: dict):
        super().__init__()
        g = bundle["manifest"]["generator"]
        self.mapping, self.synthesis = bundle["mapping"], bundle["synthesis"]
        self.resolution, self.z_dim = int(g["resolution"]), int(g["z_dim"])
        self._device = torch.nn.Parameter(torch.zeros(1), requires_grad=False)

    def forward(self, c, kappa, z, psi=1.0):
        return self.synthesis(self.mapping(c, kappa, z, torch.tensor([float(psi)])))


def bundle_on_new_patients(config: str, bundle: str, log_name: str):
    """What the one-bundle studies on NEW patients start from: (config, work dir, log, training split, new
    patients, the bundle, its generator, the generator's resolution); the new patients' seeds are checked
    disjoint from the training data's."""
    cfg, work, log, train, main_set = judging_setup(config, log_name)
    new = D.load_cache(work / "data" / "new_patients-cache")
    check_disjoint_patients(main_set["seeds"], new["seeds"])
    b = load_bundle(Path(bundle))
    return cfg, work, log, train, new, b, BundleGenerator(b).eval(), cfg["generator"]["resolution"]


def summary(ev: dict) -> dict:
    return {"psnr_ssim": ev["model"]["all"], "mean_image": ev["baseline_mean_image"]["all"],
            "nearest_patient": ev["baseline_nearest_train_patient"]["all"],
            "sharpness": {v: ev["sharpness"][v] for v in ev["sharpness"]},
            "attributes": {k: [v["auroc_true"], v["auroc_pred"], v["positives"]] for k, v in ev["attributes"].items()}}


def main(config: str, judge: str, bundles):
    cfg, work, log, train, _ = judging_setup(config, "compare-bundles.log")
    new = D.load_cache(work / "data" / "new_patients-cache")
    staged_cache = work / "data" / "nudge_new-cache"
    staged = D.load_cache(staged_cache) if (staged_cache / "meta.json").exists() else None
    judge_clip = load_npz(build_clip(cfg, Tokenizer.load(work / "tokenizer.json").vocab_size), Path(judge)).eval()
    R = cfg["generator"]["resolution"]
    classifier = attribute_judge(cfg, train, log)
    results = {}
    for path in bundles:
        b = load_bundle(Path(path))
        name = f"{b['manifest']['id']} {b['manifest']['version']}"
        G = BundleGenerator(b).eval()
        k_train, k_new = embed(b["image_encoder"], train["front"]), embed(b["image_encoder"], new["front"])
        ev = evaluate_new_patients(G, judge_clip, train, k_train, new, k_new, classifier=classifier, log=log,
                                   judge=A.judge_settings(cfg))
        results[name] = {"bundle": str(path), "patients": ev["patients"], **summary(ev),
                         "embedding_probe": A.probe_data_sets(k_train, train, k_new, new)}
        if staged is not None:
            results[name]["nudge"] = nudge_eval(G, judge_clip, embed(b["image_encoder"], staged["front"]), staged, R,
                                                 all_new=True)
        log(f"{name} on {ev['patients']} new patients: {json.dumps(results[name])}")
    (work / "compare-bundles.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
