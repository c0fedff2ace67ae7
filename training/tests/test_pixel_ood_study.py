"""The picture statistics of the second-check study (training/scripts/pixel_ood_study.py) read what they name."""
import numpy as np

from training_scripts import load_script

SATURATION, DARK, WHITE, RED = 6, 14, 13, 12


def _script():
    return load_script("pixel_ood_study")


def test_grey_white_dark_and_gum_red_pictures_are_told_apart():
    s = _script().picture_statistics
    grey, white = np.full((96, 160, 3), 128, np.uint8), np.full((96, 160, 3), 240, np.uint8)
    dark, gum = np.full((96, 160, 3), 10, np.uint8), np.zeros((96, 160, 3), np.uint8) + np.uint8([190, 70, 80])
    assert s(grey)[SATURATION] == 0 and s(white)[WHITE] == 1 and s(grey)[WHITE] == 0
    assert s(dark)[DARK] == 1 and s(grey)[DARK] == 0
    assert s(gum)[RED] == 1 and s(gum)[SATURATION] > 0.5


def test_the_same_picture_at_another_size_has_nearly_the_same_colour_statistics():
    rng = np.random.default_rng(0)
    small = rng.integers(0, 255, size=(24, 40, 3)).astype(np.uint8)
    big = np.repeat(np.repeat(small, 16, 0), 16, 1)
    a, b = _script().picture_statistics(small), _script().picture_statistics(big)
    assert a.shape == (16,)
    np.testing.assert_allclose(a[:3], b[:3], atol=0.01)  # colour means survive resizing
