import json

import numpy as np
import pytest
import torch

from ivp_training import ood, picture_statistics
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
    assert o["dim"] == m["encoder"]["embedding_dim"] and o["percentile"] == 99.5 and o["threshold"] > 0
    index = json.loads((tiny_bundle / "golden" / "index.json").read_text())
    golden = json.loads((tiny_bundle / "golden" / index["ood_vectors"]).read_text())
    vectors = golden["vectors"]
    assert [v["embedding_file"] for v in vectors] == ["image_encoder_b1_out.bin"] + ["image_encoder_b4_out.bin"] * 4
    stats = ood.read_stats(tiny_bundle / o["file"], o["dim"], o["space"])
    enc = torch.jit.load(str(tiny_bundle / "image_encoder.pt"))
    golden_in = np.frombuffer((tiny_bundle / "golden" / "image_encoder_b1_in_image.bin").read_bytes(), "<f4")
    with torch.no_grad():
        emb = enc(torch.from_numpy(golden_in.copy()).reshape(1, 3, *[int(np.sqrt(golden_in.size // 3))] * 2)).numpy()
    assert stats.score(emb)[0] == pytest.approx(vectors[0]["score"], abs=1e-3)


def test_the_exporter_adds_the_picture_check_with_golden_cases_and_scores(tiny_bundle, tiny_run):
    m = verify_bundle(tiny_bundle)
    p = m["ood"]["picture"]
    listed = {f["path"] for f in m["files"]}
    assert {p["module"], p["file"]} <= listed and p["dim"] == len(picture_statistics.NAMES) == len(p["names"])
    assert p["percentile"] == m["ood"]["percentile"] == 99.5 and p["threshold"] > 0
    cal = m["ood"]["calibration"]
    assert max(cal["embedding_false_alarm_rate"], cal["picture_false_alarm_rate"]) <= cal["false_alarm_rate"]
    index = json.loads((tiny_bundle / "golden" / "index.json").read_text())
    cases = [c for c in index["cases"] if c["module"] == p["module"]]
    assert sorted(c["batch"] for c in cases) == [1, 4]
    module = torch.jit.load(str(tiny_bundle / p["module"]))
    stats = ood.read_stats(tiny_bundle / p["file"], p["dim"], p["space"])
    golden = json.loads((tiny_bundle / "golden" / index["ood_vectors"]).read_text())["picture_vectors"]
    for case in cases:
        spec, out = case["inputs"][0], case["outputs"][0]
        photo = np.frombuffer((tiny_bundle / "golden" / spec["file"]).read_bytes(), "<f4").reshape(spec["shape"])
        with torch.no_grad():
            values = module(torch.from_numpy(photo.copy())).numpy()
        stored = np.frombuffer((tiny_bundle / "golden" / out["file"]).read_bytes(), "<f4").reshape(out["shape"])
        np.testing.assert_array_equal(values, stored)
        want = [v["score"] for v in golden if v["statistics_file"] == out["file"]]
        np.testing.assert_allclose(stats.score(values), want, atol=1e-6)


def _photos(n, seed, saturation=1.0):
    """Gum-red and tooth-white photos of varying light; saturation < 1 washes their colours out."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        light = rng.uniform(0.8, 1.1)
        img = np.where(rng.random((40, 60, 1)) < rng.uniform(0.3, 0.6), [190, 80, 85], [235, 225, 215]) * light
        img = img + rng.normal(0, 12, img.shape)
        grey = img.mean(axis=2, keepdims=True)
        out.append(np.clip(grey + saturation * (img - grey), 0, 255).astype(np.uint8))
    return out


def test_the_picture_check_flags_washed_out_photos_that_the_embedding_check_passes(tmp_path):
    fit_emb, held_emb = _cloud(300), _cloud(200, seed=2)
    section = ood.add_to_bundle(tmp_path, fit_emb, held_emb, "raw", 0.1, pictures={
        "fit": _photos(300, 0), "held_out": _photos(200, 1), "input_size": 32})
    p = section["picture"]
    assert section["percentile"] == p["percentile"] == 99.5
    module = torch.jit.load(str(tmp_path / p["module"]))
    stats = ood.read_stats(tmp_path / p["file"], p["dim"], p["space"])
    held = stats.score(picture_statistics.of_photos(module, _photos(200, 1)))
    assert p["threshold"] == pytest.approx(np.percentile(held, 99.5))
    emb = ood.read_stats(tmp_path / section["file"], 16, "raw")
    either = (held > p["threshold"]) | (emb.score(held_emb) > section["threshold"])
    assert section["calibration"]["false_alarm_rate"] == pytest.approx(either.mean())
    assert (stats.score(picture_statistics.of_photos(module, _photos(100, 3))) > p["threshold"]).mean() <= 0.05
    washed = picture_statistics.of_photos(module, _photos(100, 4, saturation=0.5))
    assert (stats.score(washed) > p["threshold"]).mean() > 0.95


def test_the_picture_check_needs_the_photos_of_the_same_fronts(tmp_path):
    with pytest.raises(ValueError, match="same fronts"):
        ood.add_to_bundle(tmp_path, _cloud(300), _cloud(200, seed=2), "raw", 0.1, pictures={
            "fit": _photos(300, 0), "held_out": _photos(199, 1), "input_size": 32})


def test_the_manifest_check_refuses_a_wrong_statistics_size(tiny_bundle):
    m = verify_bundle(tiny_bundle)
    m.pop("_root")
    next(f for f in m["files"] if f["path"] == m["ood"]["file"])["size"] += 4
    with pytest.raises(BundleError, match=r"\$\.ood\.file: size must be"):
        check_manifest(m)
