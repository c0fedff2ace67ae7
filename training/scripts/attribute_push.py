"""Can the generator draw an attribute at all, when its embedding asks for it loudly?

Where a bundle's predicted views miss an attribute that its embedding carries (0.2.2: crown on a front or side tooth
read from the embedding at 0.92-0.97, from the predicted views at 0.50), either the mapping passes the signal on too
weakly (then a stronger signal in the same direction draws the attribute, and retraining the mapping could help) or
the synthesis has no such drawing to give (then only generator training on the attribute helps). This adds alpha
times the attribute's direction (mean unit training-front embedding with the attribute minus without, at the mean
embedding norm) to NEW patients' embeddings and asks the pipeline's attribute judge (trained on TRUE views of the
training split) how strongly it reads the attribute in the predicted views, next to its reading of true views.

    cd training && /usr/bin/python3 scripts/attribute_push.py configs/demo.json BUNDLE [ATTRIBUTE ...]

Needs work/data/main-cache and work/data/new_patients-cache (`python -m ivp_training.pipeline --config ...
--data-only`). Writes work/attribute-push.json and, per attribute, the grid of the model card (front, true views,
predicted views, what the patient has) for six patients with it, as drawn at alpha 0 and at the largest alpha
(work/attribute-push-ATTRIBUTE-alpha0.png, -alpha4.png); about 25 minutes on 2 cores.
"""
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_bundles import bundle_on_new_patients  # noqa: E402
from ivp_training import attributes as A  # noqa: E402
from ivp_training.evaluate import _resize_u8, attribute_grid, generate_views  # noqa: E402
from ivp_training.export import embed_photos  # noqa: E402

ALPHAS = (0.0, 1.0, 2.0, 4.0)
# The front-visible attributes 0.2.2 draws weakly (model card: predicted-view AUROC below 0.9).
DEFAULT_ATTRIBUTES = ("crown", "ceramic_brackets", "spacing", "stain", "missing_tooth")
NEGATIVES = 60
GRID_PATIENTS = 6
# Compared with patients who have the contrasting attribute instead of with everyone else: "ceramic minus the rest"
# would mostly be "braces minus none", a direction the generator already draws (as metal).
CONTRASTS = {"ceramic_brackets": "metal_brackets"}


def direction(k_train: np.ndarray, has: np.ndarray, lacks: np.ndarray) -> np.ndarray:
    """Mean unit embedding with the attribute minus without, scaled to the mean embedding norm."""
    unit = k_train / np.linalg.norm(k_train, axis=1, keepdims=True)
    return (unit[has].mean(0) - unit[lacks].mean(0)) * float(np.linalg.norm(k_train, axis=1).mean())


def groups(y: np.ndarray, name: str):
    """(has the attribute, the patients it is compared with) as boolean masks over the rows of a label matrix."""
    has = y[:, A.NAMES.index(name)] == 1
    lacks = y[:, A.NAMES.index(CONTRASTS[name])] == 1 if name in CONTRASTS else ~has
    return has, lacks


def reading(scores: np.ndarray, y: np.ndarray) -> dict:
    return {"auroc": A.auroc(scores, y), "with": float(scores[y == 1].mean()), "without": float(scores[y == 0].mean())}


def main(config: str, bundle: str, attributes):
    # judging_setup's config describes a GPU-trained model; the judge here is the CPU pipeline's (A.PIPELINE_JUDGE).
    cfg, work, log, train, new, b, G, R = bundle_on_new_patients(config, bundle, "attribute-push.log")
    with torch.no_grad():
        k_train, k_new = (embed_photos(b["image_encoder"], s["front"]) for s in (train, new))
    y_train, y_new = (A.label_matrix(list(s["params"])) for s in (train, new))
    true_new = _resize_u8(np.asarray(new["views"]), R)
    judge = A.train_classifier(_resize_u8(np.asarray(train["views"]), R), y_train, log=log, **A.PIPELINE_JUDGE)
    rng = np.random.default_rng(0)
    out = {"bundle": f"{b['manifest']['id']} {b['manifest']['version']}", "judge": A.PIPELINE_JUDGE,
           "alphas": list(ALPHAS), "attributes": {}}
    for name in attributes:
        i = A.NAMES.index(name)
        d = direction(k_train, *groups(y_train, name))
        has, lacks = groups(y_new, name)
        with_it, without = np.where(has)[0], np.where(lacks)[0]
        idx = np.concatenate([with_it, rng.choice(without, min(len(without), NEGATIVES), replace=False)])
        y = y_new[idx, i]
        row = {"compared_with": CONTRASTS.get(name, "the rest"), "patients_with": len(with_it),
               "patients_without": len(idx) - len(with_it),
               "direction_norm_share": float(np.linalg.norm(d) / np.linalg.norm(k_train, axis=1).mean()),
               "true_views": reading(A.scores(judge, true_new[idx])[:, i], y), "pushed": {}}
        drawn = {}
        for alpha in ALPHAS:
            with torch.no_grad():
                drawn[alpha] = generate_views(G, (k_new[idx] + alpha * d[None]).astype(np.float32))
            row["pushed"][str(alpha)] = reading(A.scores(judge, drawn[alpha])[:, i], y)
        shown = idx[:GRID_PATIENTS]  # patients with the attribute come first
        for alpha in (ALPHAS[0], ALPHAS[-1]):
            attribute_grid(np.asarray(new["front"])[shown], true_new[shown], drawn[alpha][:GRID_PATIENTS],
                           [A.present(y_new[r]) + [f"drawn at alpha {alpha:g}"] for r in shown],
                           work / f"attribute-push-{name}-alpha{alpha:g}.png")
        out["attributes"][name] = row
        log(f"{name}: {json.dumps(row)}")
        (work / "attribute-push.json").write_text(json.dumps(out, indent=1))
    print("| attribute | true views: with / without | " + " | ".join(f"alpha {a}: with / without" for a in ALPHAS)
          + " |")
    for name, row in out["attributes"].items():
        cells = [f"{row['true_views']['with']:.2f} / {row['true_views']['without']:.2f}"]
        cells += [f"{row['pushed'][str(a)]['with']:.2f} / {row['pushed'][str(a)]['without']:.2f}" for a in ALPHAS]
        print(f"| {A.ATTRIBUTES[name][0]} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:] or DEFAULT_ATTRIBUTES)
