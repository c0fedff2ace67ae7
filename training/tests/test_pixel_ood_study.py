"""The second-check study (training/scripts/pixel_ood_study.py) measures the statistics the bundle ships, plus the
three detail statistics of its first run."""
import numpy as np

from ivp_training import picture_statistics as ps
from training_scripts import load_script


def test_the_study_starts_with_the_shipped_colour_statistics():
    study = load_script("pixel_ood_study")
    rng = np.random.default_rng(0)
    photo = rng.integers(0, 255, size=(96, 160, 3)).astype(np.uint8)
    values = study.picture_statistics(photo)
    assert values.shape == (16,) and study.STATISTICS["colour"] == list(range(len(ps.NAMES)))
    shipped = ps.of_photos(ps.PictureStatistics(study.INPUT).eval(), [photo])[0]
    np.testing.assert_allclose(values[:len(ps.NAMES)], shipped, atol=1e-6)


def test_detail_statistics_see_edges_that_colour_statistics_do_not():
    study = load_script("pixel_ood_study")
    flat = np.zeros((128, 128, 3), np.uint8)
    flat[:, :64] = 255
    stripes = np.zeros((128, 128, 3), np.uint8)
    stripes[:, ::2] = 255
    a, b = study.picture_statistics(flat), study.picture_statistics(stripes)
    np.testing.assert_allclose(a[:3], b[:3], atol=0.01)  # the same mean colour
    assert b[13] > a[13] + 1  # log Laplacian variance
