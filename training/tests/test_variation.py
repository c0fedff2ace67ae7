import numpy as np
import torch

from ivp_training.variation import z_sensitivity


class _Mapping(torch.nn.Module):
    """w = kappa + gain * z (z_dim = embedding dim), one w per view."""

    def __init__(self, gain):
        super().__init__()
        self.gain = gain

    def forward(self, c, kappa, z, psi):
        return (kappa + self.gain * z if z.shape[1] else kappa)[:, None, :]


class _Synthesis(torch.nn.Module):
    def forward(self, w):
        return torch.tanh(w[:, 0, :3, None, None].expand(-1, 3, 8, 8))


def test_a_generator_that_ignores_z_measures_zero():
    r = z_sensitivity(_Mapping(0.0), _Synthesis(), np.zeros((3, 8), np.float32), 8)
    assert r == {"mean_abs_change": 0.0, "seed_pairs": 4, "fronts": 3}


def test_z_that_moves_pixels_measures_in_display_levels():
    r = z_sensitivity(_Mapping(0.5), _Synthesis(), np.zeros((2, 8), np.float32), 8)
    assert 5 < r["mean_abs_change"] < 255


def test_without_z_one_seed_pair_is_enough():
    r = z_sensitivity(_Mapping(1.0), _Synthesis(), np.zeros((1, 8), np.float32), 0)
    assert r == {"mean_abs_change": 0.0, "seed_pairs": 1, "fronts": 1}
