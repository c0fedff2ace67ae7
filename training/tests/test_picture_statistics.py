"""The picture statistics of the bundle's second out-of-distribution check read what they name, at any photo size,
and their exported module computes what the eager one does."""
import numpy as np
import pytest
import torch

from ivp_training import picture_statistics as ps

INDEX = {name: i for i, name in enumerate(ps.NAMES)}


def _stats(photo, size=64):
    return ps.of_photos(ps.PictureStatistics(size).eval(), [photo])[0]


def test_grey_white_dark_and_gum_red_pictures_are_told_apart():
    grey, white = np.full((96, 160, 3), 128, np.uint8), np.full((96, 160, 3), 240, np.uint8)
    dark, gum = np.full((96, 160, 3), 10, np.uint8), np.zeros((96, 160, 3), np.uint8) + np.uint8([190, 70, 80])
    s = {k: _stats(v) for k, v in {"grey": grey, "white": white, "dark": dark, "gum": gum}.items()}
    assert s["grey"][INDEX["saturation_mean"]] == 0 and s["grey"][INDEX["tooth_white_share"]] == 0
    assert s["white"][INDEX["tooth_white_share"]] == 1
    assert s["dark"][INDEX["dark_share"]] == 1 and s["grey"][INDEX["dark_share"]] == 0
    assert s["gum"][INDEX["gum_red_share"]] == 1 and s["gum"][INDEX["saturation_mean"]] > 0.5
    assert s["gum"][INDEX["red_mean"]] == pytest.approx(190 / 255, abs=1e-6)
    assert s["gum"][INDEX["brightness_mean"]] == pytest.approx(190 / 255, abs=1e-6)
    assert s["gum"][INDEX["red_spread"]] == pytest.approx(0, abs=1e-6)


def test_a_desaturated_photo_moves_only_colour_statistics():
    rng = np.random.default_rng(1)
    photo = np.clip(rng.normal([170, 90, 90], 30, size=(80, 120, 3)), 0, 255).astype(np.uint8)
    grey = photo.astype(np.float32).mean(axis=2, keepdims=True)
    washed = np.clip(grey + 0.4 * (photo - grey), 0, 255).astype(np.uint8)
    a, b = _stats(photo), _stats(washed)
    assert b[INDEX["saturation_mean"]] < 0.6 * a[INDEX["saturation_mean"]]
    assert b[INDEX["gum_red_share"]] < a[INDEX["gum_red_share"]]


def test_the_same_picture_at_another_size_has_nearly_the_same_statistics():
    rng = np.random.default_rng(0)
    small = rng.integers(0, 255, size=(24, 40, 3)).astype(np.uint8)
    big = np.repeat(np.repeat(small, 16, 0), 16, 1)
    a, b = _stats(small), _stats(big)
    assert a.shape == (len(ps.NAMES),)
    np.testing.assert_allclose(a[:3], b[:3], atol=0.01)  # colour means survive resizing


def test_the_exported_module_equals_the_eager_one_for_any_size_batch_and_dtype(tmp_path):
    module = ps.export(64, tmp_path / ps.MODULE_FILE)
    eager = ps.PictureStatistics(64).eval()
    for shape in [(1, 3, 64, 64), (3, 3, 384, 640), (2, 3, 50, 70)]:
        x = (torch.rand(*shape) * 255).round()
        with torch.no_grad():
            np.testing.assert_array_equal(module(x).numpy(), eager(x).numpy())
            np.testing.assert_array_equal(module(x.to(torch.uint8)).numpy(), module(x).numpy())
        assert module(x).shape == (shape[0], len(ps.NAMES))
