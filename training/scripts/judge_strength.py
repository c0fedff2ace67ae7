"""How well can the attribute judge read the attributes at all? The attribute-fidelity target (AUROC >= 0.9 on
PREDICTED views) only means something where the judge reads the TRUE views well; the judge of the 0.2.x model
cards reads missing teeth from true views at AUROC 0.61. This trains judges of several settings on the TRUE views of
the training split, chooses one on the VALIDATION split's true views by a rule fixed here (the highest mean AUROC
over the front-visible attributes), and then reports, on the NEW patients, each setting's AUROC on true views and on
the views predicted by the given bundles (what the app runs).

    cd training && /usr/bin/python3 scripts/judge_strength.py configs/demo.json BUNDLE [BUNDLE ...]

Needs work/data/main-cache and work/data/new_patients-cache (`python -m ivp_training.pipeline --config ...
--data-only`). Writes work/judge-strength.json; progress in work/judge-strength.log.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_bundles import BundleGenerator  # noqa: E402
from ivp_training import attributes as A  # noqa: E402
from ivp_training import data as D  # noqa: E402
from ivp_training.evaluate import _resize_u8, check_disjoint_patients, generate_views  # noqa: E402
from ivp_training.export import embed_photos, load_bundle  # noqa: E402
from ivp_training.judging import judging_setup  # noqa: E402

# (name, classifier input size, epochs, tower width); the first is the pipeline's own judge (A.PIPELINE_JUDGE).
SETTINGS = [("64px-12ep", 64, 12, 32), ("128px-12ep", 128, 12, 32), ("128px-36ep", 128, 36, 32)]
assert SETTINGS[0][1:] == tuple(A.PIPELINE_JUDGE[k] for k in ("size", "epochs", "width"))
VISIBLE = [a for a in A.NAMES if A.ATTRIBUTES[a][1]]


def aurocs(model, views: np.ndarray, y: np.ndarray) -> dict:
    s = A.scores(model, views)
    return {a: A.auroc(s[:, i], y[:, i]) for i, a in enumerate(A.NAMES)}


def mean_visible(result: dict) -> float:
    return float(np.mean([result[a] for a in VISIBLE if result[a] is not None]))


def main(config: str, bundles):
    cfg, work, log, train, main_set = judging_setup(config, "judge-strength.log")
    R = cfg["generator"]["resolution"]
    val = D.select(main_set, main_set["split"] == 1)
    new = D.load_cache(work / "data" / "new_patients-cache")
    check_disjoint_patients(main_set["seeds"], new["seeds"])
    views_train, views_val, views_new = (_resize_u8(np.asarray(s["views"]), R) for s in (train, val, new))
    y_train, y_val, y_new = (A.label_matrix(list(s["params"])) for s in (train, val, new))
    predicted = {}
    for path in bundles:
        b = load_bundle(Path(path))
        with torch.no_grad():
            predicted[f"{b['manifest']['id']} {b['manifest']['version']}"] = generate_views(
                BundleGenerator(b).eval(), embed_photos(b["image_encoder"], new["front"]))
    log(f"judges: {len(views_train)} training, {len(views_val)} validation, {len(views_new)} new patients; "
        f"bundles {list(predicted)}")
    results = {}
    for name, size, epochs, width in SETTINGS:
        t0 = time.time()
        judge = A.train_classifier(views_train, y_train, epochs=epochs, size=size, width=width, log=log)
        r = {"size": size, "epochs": epochs, "width": width, "train_seconds": round(time.time() - t0, 1),
             "validation_true": aurocs(judge, views_val, y_val), "new_true": aurocs(judge, views_new, y_new),
             "new_predicted": {b: aurocs(judge, v, y_new) for b, v in predicted.items()}}
        r["validation_mean_visible"] = mean_visible(r["validation_true"])
        results[name] = r
        log(f"judge {name}: {r['train_seconds']} s, validation mean AUROC (front-visible) "
            f"{r['validation_mean_visible']:.3f}; {json.dumps(r)}")
        (work / "judge-strength.json").write_text(json.dumps({"settings": results}, indent=1))
    chosen = max(results, key=lambda n: results[n]["validation_mean_visible"])
    out = {"rule": "highest mean AUROC over the front-visible attributes on the validation split's TRUE views",
           "chosen": chosen, "patients": {"train": len(views_train), "validation": len(views_val),
                                          "new": len(views_new)},
           "positives_new": {a: int(y_new[:, i].sum()) for i, a in enumerate(A.NAMES)}, "settings": results}
    (work / "judge-strength.json").write_text(json.dumps(out, indent=1))
    log(f"chosen on validation: {chosen}")
    header = "| attribute | " + " | ".join(f"{n} true | " + " | ".join(f"{n} {b}" for b in predicted)
                                            for n in results) + " |"
    print(header)
    for a in A.NAMES:
        cells = []
        for n, r in results.items():
            cells.append(f"{r['new_true'][a]:.2f}")
            cells += [f"{r['new_predicted'][b][a]:.2f}" for b in predicted]
        print(f"| {A.ATTRIBUTES[a][0]} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
