"""Fidelity metrics of the new-patient evaluation: sharpness ratios, disjoint patient seeds, loss flattening."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from ivp_training import evaluate as E
from ivp_training.curves import flattening


def _views(seed=0, n=6, S=32):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (n, 4, S, S, 3)).astype(np.uint8)


def _blur(u8):
    t = torch.from_numpy(u8.reshape(-1, *u8.shape[-3:])).permute(0, 3, 1, 2).float()
    t = F.avg_pool2d(F.pad(t, (1, 1, 1, 1), mode="replicate"), 3, 1)
    return t.round().clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1).numpy().reshape(u8.shape)


def test_sharpness_ratios_are_one_for_truth_and_low_for_a_blurred_copy():
    true = _views()
    same = E.sharpness_ratios(true, true)
    assert same["min"]["laplacian_var_ratio"] == pytest.approx(1.0) and same["min"]["hf_share_ratio"] == pytest.approx(1.0)
    blurred = E.sharpness_ratios(_blur(true), true)
    assert blurred["min"]["laplacian_var_ratio"] < 0.3 and blurred["min"]["hf_share_ratio"] < 0.7


def test_new_patients_sharing_a_seed_with_training_are_refused():
    E.check_disjoint_patients(np.array([1, 2, 3]), np.array([4, 5]))
    with pytest.raises(ValueError, match="also occur in the training data"):
        E.check_disjoint_patients(np.array([1, 2, 3]), np.array([3, 9]))
    with pytest.raises(ValueError, match="without patient seeds"):
        E.check_disjoint_patients(np.array([1, 2, 3]), np.array([-1]))


def test_flattening_tells_a_converged_curve_from_a_falling_one():
    steps = np.arange(1000)
    assert abs(flattening(list(1.0 + np.exp(-steps / 50)))) < 0.01
    assert flattening(list(np.linspace(2.0, 1.0, 1000))) > 0.05
    assert flattening([1.0, 2.0]) is None
