"""Attribute labels from phantom parameters, AUROC, and the attribute classifier that judges predicted views."""
import numpy as np
import pytest

from ivp_training import attributes as A


def test_labels_follow_the_caption_thresholds(phantom_dir):
    from ivp_training.data import read_index
    rows = [r for r in read_index(phantom_dir / "main") if r["view"] == "front"]
    for r in rows:
        y = dict(zip(A.NAMES, A.labels(r["params"])))
        cap = r["caption"]
        assert bool(y["braces"]) == ("brackets" in cap), cap
        assert bool(y["deep_bite"]) == ("deep" in cap), cap


def test_a_crown_counts_as_front_visible_only_on_a_tooth_the_front_photo_shows():
    base = {"spacing_upper": 0.0, "spacing_lower": 0.0, "diastema": 0.0, "overbite": 2.0, "crossbite_right": 0.0,
            "crossbite_left": 0.0, "stain": 0.0}

    def crowns(restorations):
        y = dict(zip(A.NAMES, A.labels({**base, "restorations": restorations})))
        return y["crown"], y["molar_crown"]
    assert crowns({"36": "metal_crown", "16": "gold_filling"}) == (0.0, 1.0)
    assert crowns({"11": "gold_crown"}) == (1.0, 0.0)
    assert crowns({"25": "metal_crown", "47": "gold_crown"}) == (1.0, 1.0)
    assert crowns({}) == (0.0, 0.0)
    assert A.ATTRIBUTES["crown"][1] and not A.ATTRIBUTES["molar_crown"][1]


def test_auroc_matches_hand_computed_values():
    assert A.auroc(np.array([0.1, 0.2, 0.8, 0.9]), np.array([0, 0, 1, 1])) == 1.0
    assert A.auroc(np.array([0.9, 0.8, 0.2, 0.1]), np.array([0, 0, 1, 1])) == 0.0
    assert A.auroc(np.array([0.5, 0.5, 0.5, 0.5]), np.array([0, 1, 0, 1])) == 0.5
    assert A.auroc(np.array([0.3, 0.1, 0.4, 0.35]), np.array([0, 0, 1, 0])) == pytest.approx(1.0)
    assert A.auroc(np.array([0.3, 0.1]), np.array([1, 1])) is None


def _views_with_marks(n, seed):
    """Stand-in views (grey noise); attribute a puts a small square in view a % 4, coloured by a // 4 (red,
    green, blue), at a random place."""
    rng = np.random.default_rng(seed)
    y = (rng.random((n, len(A.NAMES))) < 0.3).astype(np.float32)
    v = np.full((n, 4, 32, 32, 3), 90, np.uint8) + rng.integers(0, 30, (n, 4, 32, 32, 3)).astype(np.uint8)
    for i in range(n):
        for a in range(len(A.NAMES)):
            if y[i, a]:
                yy, xx = rng.integers(2, 27, 2)
                v[i, a % 4, yy:yy + 4, xx:xx + 4] = 20
                v[i, a % 4, yy:yy + 4, xx:xx + 4, a // 4] = 250
    return v, y


def test_classifier_reads_attributes_from_true_views():
    tv, ty = _views_with_marks(200, 0)
    ev, ey = _views_with_marks(80, 1)
    model = A.train_classifier(tv, ty, epochs=15)
    res = A.fidelity(model, ev, ev, ey)
    aucs = [r["auroc_true"] for r in res.values() if r["auroc_true"] is not None]
    assert len(aucs) == len(A.NAMES) and min(aucs) > 0.9, res
    # blank predicted views carry no attribute: the classifier must give every patient the same score there (up to
    # float noise: batches of different sizes may take different CPU kernels, so exact ties are not guaranteed)
    blank = np.full_like(ev, 100)
    assert np.ptp(A.scores(model, blank), axis=0).max() < 1e-4


def test_new_patient_evaluation_trains_the_judge_it_is_given_and_records_it(tiny_run, tmp_path):
    from pathlib import Path
    from ivp_training import data as D
    from ivp_training.evaluate import evaluate_new_patients
    from ivp_training.train import embed_images
    work = Path(tiny_run["work"])
    train, new = D.load_cache(work / "data" / "main-cache"), D.load_cache(work / "data" / "nudge-cache")
    clip, G = tiny_run["clip"], tiny_run["generator"]
    judge = {"size": 16, "epochs": 1, "width": 8}
    res = evaluate_new_patients(G, clip, train, embed_images(clip, train["front"]), new,
                                embed_images(clip, new["front"]), judge=judge)
    assert res["attribute_judge"] == judge
    assert set(res["attributes"]) == set(A.NAMES)


def test_the_classifier_reads_a_generators_float_views_as_it_reads_photos_and_passes_gradients_back():
    import torch
    torch.manual_seed(0)
    model = A.ViewsClassifier(len(A.NAMES), width=8, size=32).eval()
    u8 = torch.randint(0, 256, (2, 4, 48, 48, 3), dtype=torch.uint8)
    unit = (u8.float() / 127.5 - 1.0).reshape(8, 48, 48, 3).permute(0, 3, 1, 2).clone().requires_grad_(True)
    logits = model.read_unit(unit)
    assert torch.allclose(logits, model(u8), atol=1e-5)
    logits.sum().backward()
    assert unit.grad is not None and float(unit.grad.abs().sum()) > 0
