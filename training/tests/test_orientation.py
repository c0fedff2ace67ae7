"""The orientation check: its reader learns which way up a picture is, its turns follow numpy's convention, the
exported module computes what the eager one does, and the exporter writes it into the bundle with golden cases."""
import json

import numpy as np
import pytest
import torch

from ivp_training import ood, orientation


def _mouths(n, seed=0, size=32):
    """Pictures with a top and a bottom: a gum-red band above a tooth-white band above a dark band, framed and
    coloured a little differently each time."""
    rng = np.random.default_rng(seed)
    out = np.zeros((n, size, size, 3), np.uint8)
    for i in range(n):
        a, b = rng.integers(size // 6, size // 3), rng.integers(size // 2, 2 * size // 3)
        img = np.zeros((size, size, 3)) + [40, 20, 20]
        img[:a] = [190, 70, 80]
        img[a:b] = [235, 230, 215]
        img += rng.normal(0, 12, img.shape)
        out[i] = np.clip(img * rng.uniform(0.8, 1.2, 3), 0, 255).astype(np.uint8)
    return out


@pytest.fixture(scope="module")
def reader():
    return orientation.train(_mouths(64), input_size=32, steps=150, seed=0, width=8, batch=32, log=lambda s: None)


def test_a_quarter_turn_is_counterclockwise_as_numpy_turns_pictures():
    photo = np.zeros((4, 6, 3), np.uint8)
    photo[0, 0] = 255  # top left
    as_tensor = torch.from_numpy(photo).permute(2, 0, 1)[None]
    for k in range(4):
        expected = np.rot90(photo, k)
        got = orientation.turned(as_tensor, torch.tensor([k]))[0].permute(1, 2, 0).numpy()
        np.testing.assert_array_equal(got, expected)
    assert np.rot90(photo, 1)[-1, 0].max() == 255  # counterclockwise: the top left corner goes to the bottom left


def test_a_trained_reader_tells_which_way_up_new_pictures_are(reader):
    photos = _mouths(40, seed=1)
    for k, name in enumerate(orientation.CLASSES):
        p = orientation.of_photos(reader, [np.rot90(x, k) for x in photos])
        assert p.shape == (40, 4)
        np.testing.assert_allclose(p.sum(axis=1), 1, atol=1e-5)
        assert (p.argmax(axis=1) == k).mean() >= 0.9, name


def test_calibration_counts_upright_pictures_read_as_turned_and_turned_ones_found(reader):
    c, _ = orientation.calibrate(reader, list(_mouths(30, seed=2)))
    assert c["count"] == 30
    assert c["false_alarm_rate"] <= 0.1 and c["detection_rate"] >= 0.9


def test_the_exported_reader_equals_the_eager_one_for_any_size_batch_and_dtype(reader, tmp_path):
    module = orientation.export(reader, tmp_path / orientation.MODULE_FILE)
    for shape in [(1, 3, 32, 32), (3, 3, 384, 640), (2, 3, 50, 70)]:
        x = (torch.rand(*shape) * 255).round()
        with torch.no_grad():
            np.testing.assert_allclose(module(x).numpy(), reader(x).numpy(), atol=1e-6)
            np.testing.assert_array_equal(module(x.to(torch.uint8)).numpy(), module(x).numpy())
        assert module(x).shape == (shape[0], 4)


def test_the_orientation_check_needs_the_photos_of_the_same_held_out_fronts(reader, tmp_path):
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="same held-out fronts"):
        ood.add_to_bundle(tmp_path, rng.normal(size=(100, 8)), rng.normal(size=(50, 8)), "raw", 0.1,
                          orientation={"reader": reader, "held_out": list(_mouths(10))})


def test_the_exporter_adds_the_orientation_check_with_golden_cases(tiny_bundle):
    m = json.loads((tiny_bundle / "manifest.json").read_text())
    o = m["ood"]["orientation"]
    assert o["module"] in {f["path"] for f in m["files"]}
    assert o["classes"] == list(orientation.CLASSES)
    assert o["calibration"]["count"] == m["ood"]["calibration"]["count"]
    assert m["ood"]["calibration"]["orientation_false_alarm_rate"] <= m["ood"]["calibration"]["false_alarm_rate"]
    index = json.loads((tiny_bundle / "golden" / "index.json").read_text())
    cases = [c for c in index["cases"] if c["module"] == o["module"]]
    assert sorted(c["batch"] for c in cases) == [1, 4]
    module = torch.jit.load(str(tiny_bundle / o["module"])).eval()
    for case in cases:
        spec, out = case["inputs"][0], case["outputs"][0]
        photo = np.frombuffer((tiny_bundle / "golden" / spec["file"]).read_bytes(), "<f4").reshape(spec["shape"])
        stored = np.frombuffer((tiny_bundle / "golden" / out["file"]).read_bytes(), "<f4").reshape(out["shape"])
        assert out["shape"] == [case["batch"], 4]
        with torch.no_grad():
            np.testing.assert_allclose(module(torch.from_numpy(photo.copy())).numpy(), stored, atol=1e-6)
