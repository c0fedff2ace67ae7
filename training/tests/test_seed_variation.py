"""The seed study (training/scripts/seed_variation.py) tells a spread map that marks a patient's errors from one that
does not, alternatives that reach the truth from borrowed ones, and pixel noise from changed shapes."""
import numpy as np

from training_scripts import load_script

N, R, S = 16, 64, 8


def _script():
    return load_script("seed_variation")


def _patients(rng):
    """Truth: flat grey views with one bright square per patient and view at its own place (the hidden tooth)."""
    true = np.full((N, 4, R, R, 3), 100, np.uint8)
    boxes = rng.integers(0, R - 16, size=(N, 4, 2))
    for p in range(N):
        for v in range(4):
            y, x = boxes[p, v]
            true[p, v, y:y + 16, x:x + 16] = 200
    return true, boxes


def _seeds_drawing_the_square_at(boxes, true, rng, hit_seed=3):
    """Seed 0 draws no square; the other seeds draw it at the given places, seed ``hit_seed`` fully bright."""
    seeded = np.full((S, N, 4, R, R, 3), 100, np.uint8)
    for s in range(1, S):
        for p in range(N):
            for v in range(4):
                y, x = boxes[p, v]
                seeded[s, p, v, y:y + 16, x:x + 16] = 200 if s == hit_seed else rng.integers(110, 190)
    return seeded


def test_a_spread_where_the_patient_is_wrong_marks_errors_and_one_elsewhere_does_not():
    sv, rng = _script(), np.random.default_rng(1)
    true, boxes = _patients(rng)
    other = sv.derangement(N, rng)
    marking = sv.map_agreement(_seeds_drawing_the_square_at(boxes, true, rng), true, other, rng)
    assert marking["own_minus_control"]["ci95"][0] > 0 and marking["spearman_own"]["mean"] >= 0.2
    elsewhere = sv.map_agreement(_seeds_drawing_the_square_at(rng.integers(0, R - 16, (N, 4, 2)), true, rng), true,
                                 other, rng)
    assert elsewhere["own_minus_control"]["ci95"][0] <= 0


def test_alternatives_that_reach_the_truth_beat_another_patients_variations():
    sv, rng = _script(), np.random.default_rng(2)
    true, boxes = _patients(rng)
    res = sv.best_of_seeds(_seeds_drawing_the_square_at(boxes, true, rng), true, sv.derangement(N, rng), rng)
    assert res["own_minus_control"]["ci95"][0] > 0
    assert res["l1_best_own"] < res["l1_seed0"]


def test_pixel_noise_between_seeds_is_noise_and_moved_shapes_are_not():
    sv, rng = _script(), np.random.default_rng(3)
    true, boxes = _patients(rng)
    shapes = sv.frequency_content(_seeds_drawing_the_square_at(boxes, true, rng), true, rng)
    assert shapes["seed_differences"] < shapes["midpoint"]
    noisy = np.clip(100 + rng.normal(0, 20, size=(S, N, 4, R, R, 3)), 0, 255).astype(np.uint8)
    assert sv.frequency_content(noisy, true, rng)["seed_differences"] > shapes["midpoint"]


def test_a_reading_that_changes_with_the_seed_counts_as_a_flip_and_a_steady_one_does_not(monkeypatch):
    sv = _script()
    names = sv.A.NAMES
    seeded = np.zeros((3, 4, 4, 2, 2, 3), np.uint8)
    seeded[1, 0] = 255  # patient 0 is bright with seed 1 only
    seeded[:, 1] = 255  # patient 1 is bright with every seed
    # a stand-in reader: every attribute's probability is the views' brightness
    monkeypatch.setattr(sv.A, "scores", lambda judge, v: np.repeat(
        v.astype(np.float32).mean(axis=(1, 2, 3, 4))[:, None] / 255, len(names), 1))
    y = np.zeros((4, len(names)), np.float32)
    y[1] = 1
    out = sv.reader_changes(None, seeded, y)
    first = out[names[0]]
    assert first["patients_whose_reading_flips"] == 0.25
    assert first["auroc_seed0"] == 1.0 and first["auroc_range_over_seeds"] == [5 / 6, 1.0]
