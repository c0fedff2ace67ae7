import json

import numpy as np
import pytest
import torch

from ivp_training import ood
from ivp_training.export import verify_bundle
from ivp_training.schema import BundleError, check_manifest


def _cloud(n, dim=16, seed=0, shift=0.0):
    rng = np.random.default_rng(seed)
    scales = np.linspace(0.2, 2.0, dim)
    return (rng.normal(size=(n, dim)) * scales + 3.0 + shift).astype(np.float32)


@pytest.mark.parametrize("space", ["unit", "raw"])
def test_statistics_round_trip_give_the_same_scores(tmp_path, space):
    stats = ood.fit(_cloud(400), space, 0.1)
    ood.write_stats(stats, tmp_path / "stats.f32")
    back = ood.read_stats(tmp_path / "stats.f32", 16, space)
    assert (tmp_path / "stats.f32").stat().st_size == 4 * (16 + 16 * 16)
    np.testing.assert_array_equal(back.mean, stats.mean)
    np.testing.assert_array_equal(back.precision, stats.precision)
    probe = _cloud(50, seed=1)
    np.testing.assert_array_equal(back.score(probe), stats.score(probe))


def test_precision_is_the_inverse_of_the_shrunk_covariance():
    x = _cloud(300).astype(np.float64)
    s = 0.25
    stats = ood.fit(x, "raw", s)
    cov = np.cov(x, rowvar=False)
    shrunk = (1 - s) * cov + s * np.trace(cov) / 16 * np.eye(16)
    np.testing.assert_allclose(stats.precision.astype(np.float64) @ shrunk, np.eye(16), atol=1e-4)
    d = x[0] - x.mean(axis=0)
    assert stats.score(x[:1])[0] == pytest.approx(np.sqrt(d @ np.linalg.inv(shrunk) @ d), rel=1e-5)


def test_unit_space_ignores_the_embedding_length():
    stats = ood.fit(_cloud(300), "unit", 0.1)
    probe = _cloud(5, seed=3)
    np.testing.assert_allclose(stats.score(probe * 7.5), stats.score(probe), rtol=1e-6)


def test_shifted_fronts_score_far_above_the_held_out_threshold(tmp_path):
    section = ood.add_to_bundle(tmp_path, _cloud(500), _cloud(200, seed=2), "raw", 0.1)
    stats = ood.read_stats(tmp_path / section["file"], 16, "raw")
    assert section["threshold"] == pytest.approx(np.percentile(stats.score(_cloud(200, seed=2)), 99))
    assert section["calibration"]["count"] == 200
    assert section["calibration"]["false_alarm_rate"] <= 0.01
    assert (stats.score(_cloud(100, seed=4, shift=2.0)) > section["threshold"]).mean() > 0.95


def test_a_truncated_statistics_file_is_refused(tmp_path):
    ood.write_stats(ood.fit(_cloud(100), "unit", 0.1), tmp_path / "s.f32")
    (tmp_path / "s.f32").write_bytes((tmp_path / "s.f32").read_bytes()[:-4])
    with pytest.raises(ValueError, match="expected 4\\*\\(dim\\+dim\\*dim\\)"):
        ood.read_stats(tmp_path / "s.f32", 16, "unit")


def test_fit_refuses_bad_input():
    with pytest.raises(ValueError, match="shrinkage"):
        ood.fit(_cloud(10), "unit", 1.5)
    with pytest.raises(ValueError, match="at least 2"):
        ood.fit(_cloud(1), "unit", 0.1)
    with pytest.raises(ValueError, match="unknown OOD space"):
        ood.fit(_cloud(10), "pca", 0.1)


def test_the_exporter_writes_both_measurements(tiny_bundle, tiny_run):
    m = verify_bundle(tiny_bundle)
    zs = m["generator"]["z_sensitivity"]
    assert zs["mean_abs_change"] >= 0 and zs["seed_pairs"] >= 1 and zs["fronts"] >= 1
    o = m["ood"]
    assert o["file"] in {f["path"] for f in m["files"]}
    assert o["dim"] == m["encoder"]["embedding_dim"] and o["percentile"] == 99 and o["threshold"] > 0
    index = json.loads((tiny_bundle / "golden" / "index.json").read_text())
    vectors = json.loads((tiny_bundle / "golden" / index["ood_vectors"]).read_text())["vectors"]
    assert [v["embedding_file"] for v in vectors] == ["image_encoder_b1_out.bin"] + ["image_encoder_b4_out.bin"] * 4
    stats = ood.read_stats(tiny_bundle / o["file"], o["dim"], o["space"])
    enc = torch.jit.load(str(tiny_bundle / "image_encoder.pt"))
    golden_in = np.frombuffer((tiny_bundle / "golden" / "image_encoder_b1_in_image.bin").read_bytes(), "<f4")
    with torch.no_grad():
        emb = enc(torch.from_numpy(golden_in.copy()).reshape(1, 3, *[int(np.sqrt(golden_in.size // 3))] * 2)).numpy()
    assert stats.score(emb)[0] == pytest.approx(vectors[0]["score"], abs=1e-3)


def test_the_manifest_check_refuses_a_wrong_statistics_size(tiny_bundle):
    m = verify_bundle(tiny_bundle)
    m.pop("_root")
    next(f for f in m["files"] if f["path"] == m["ood"]["file"])["size"] += 4
    with pytest.raises(BundleError, match=r"\$\.ood\.file: size must be"):
        check_manifest(m)
