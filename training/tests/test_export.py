"""Bundle export: reload equals eager, traced vs eager at batch 1 and 4, golden files, refusal messages."""
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from ivp_training.export import (MODULE_FILES, eager_modules, golden_inputs, load_bundle, read_bin, verify_bundle,
                                 zip_bundle)
from ivp_training.schema import BundleError, check_manifest, load_schema, validate


def _max_diff(a, b):
    return float((torch.as_tensor(a) - torch.as_tensor(b)).abs().max())


def _inputs(run):
    G, clip, tok = run["generator"], run["clip"], run["tokenizer"]
    return golden_inputs(tok, clip.image.proj.out_features, G.z_dim, G.num_ws, G.w_dim, None, G.mapping)


@pytest.mark.parametrize("batch", [1, 4])
def test_reloaded_bundle_equals_eager(tiny_run, tiny_bundle, batch):
    b = load_bundle(tiny_bundle)
    eager = eager_modules(tiny_run["clip"], tiny_run["generator"])
    ins = _inputs(tiny_run)
    for f in MODULE_FILES:
        loaded = b[f[:-3]]
        with torch.no_grad():
            d = _max_diff(loaded(*ins[f][batch]), eager[f](*ins[f][batch]))
        assert d < 1e-5, (f, batch, d)


@pytest.mark.parametrize("batch", [1, 4])
def test_traced_vs_eager(tiny_run, batch):
    from ivp_training.export import trace_modules
    traced = trace_modules(tiny_run["clip"], tiny_run["generator"], tiny_run["tokenizer"].context)
    eager = eager_modules(tiny_run["clip"], tiny_run["generator"])
    ins = _inputs(tiny_run)
    for f in MODULE_FILES:
        with torch.no_grad():
            d = _max_diff(traced[f](*ins[f][batch]), eager[f](*ins[f][batch]))
        assert d < 1e-5, (f, batch, d)


def _check_golden(bundle: Path, tol: float):
    b = load_bundle(bundle)
    idx = json.loads((bundle / "golden" / "index.json").read_text())
    seen = set()
    for case in idx["cases"]:
        ins = [torch.from_numpy(read_bin(bundle / "golden" / i["file"], i["dtype"], i["shape"]).copy())
               for i in case["inputs"]]
        o = case["outputs"][0]
        want = read_bin(bundle / "golden" / o["file"], o["dtype"], o["shape"])
        with torch.no_grad():
            got = b["modules_by_file"][case["module"]](*ins).numpy()
        assert got.shape == want.shape
        assert np.abs(got - want).max() <= tol, case["module"]
        if case["module"] == "image_encoder.pt":
            with torch.no_grad():
                as_bytes = b["image_encoder"](ins[0].to(torch.uint8)).numpy()
            assert np.abs(as_bytes - want).max() <= tol, "uint8 input"
        seen.add((case["module"], case["batch"]))
    assert seen == {(m, bb) for m in b["modules_by_file"] for bb in (1, 4)}
    assert set(MODULE_FILES) <= set(b["modules_by_file"])
    tv = json.loads((bundle / "golden" / "tokenizer_vectors.json").read_text())
    for v in tv["vectors"]:
        assert b["tokenizer"].encode(v["text"]) == v["ids"], v["text"]
    texts = [v["text"] for v in tv["vectors"]]
    assert "" in texts and any(len(t.split()) >= 40 for t in texts) and any(t != t.lower() for t in texts)
    from ivp_training.zrng import z_from_seed
    zv = json.loads((bundle / "golden" / "z_from_seed.json").read_text())
    assert [v["seed"] for v in zv["vectors"]] == [0, 1, 42]
    for v in zv["vectors"]:
        assert np.array_equal(z_from_seed(v["seed"], zv["z_dim"]), np.asarray(v["z"], np.float32))


def test_golden_vectors_reproduce(tiny_bundle):
    _check_golden(tiny_bundle, 1e-5)


def test_manifest_valid_and_hashes(tiny_bundle):
    m = json.loads((tiny_bundle / "manifest.json").read_text())
    assert validate(m, load_schema()) == []
    check_manifest(m)
    verify_bundle(tiny_bundle)
    listed = {f["path"] for f in m["files"]}
    assert set(MODULE_FILES) | {"tokenizer.json", "golden/index.json"} <= listed
    assert m["generator"]["views"] == ["left", "right", "lower", "upper"]
    assert m["generator"]["display_aspect"] == "5:3"
    assert m["intended_use"] == "demonstration, not for clinical use"
    for p in tiny_bundle.rglob("*"):
        assert p.suffix in {".pt", ".json", ".bin", ".f32"} or p.is_dir(), p  # no pickles


def test_wrong_sha256_refused(tiny_bundle, tmp_path):
    b = tmp_path / "b"
    shutil.copytree(tiny_bundle, b)
    data = bytearray((b / "mapping.pt").read_bytes())
    data[-10] ^= 0xFF
    (b / "mapping.pt").write_bytes(bytes(data))
    with pytest.raises(BundleError, match="sha256 mismatch: mapping.pt"):
        load_bundle(b)


def test_missing_file_refused(tiny_bundle, tmp_path):
    b = tmp_path / "b"
    shutil.copytree(tiny_bundle, b)
    (b / "synthesis.pt").unlink()
    with pytest.raises(BundleError, match="missing file: synthesis.pt"):
        load_bundle(b)
    (b / "manifest.json").unlink()
    with pytest.raises(BundleError, match="missing file: manifest.json"):
        verify_bundle(b)


def test_zip_roundtrip(tiny_bundle, tmp_path):
    z = zip_bundle(tiny_bundle, tmp_path / "b.zip")
    b = load_bundle(z)
    assert b["manifest"]["id"] == json.loads((tiny_bundle / "manifest.json").read_text())["id"]


def test_benchmark_script(tiny_bundle):
    import subprocess, sys
    from conftest import TRAINING
    r = subprocess.run([sys.executable, str(TRAINING / "benchmark_python.py"), str(tiny_bundle), "--repeats", "1",
                        "--warmup", "0"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    for k in ("image_embedding_b1_ms", "four_views_ms", "nudge_strip_7x4_ms"):
        assert out[k] > 0


DEMO = Path(__file__).resolve().parents[2] / "models" / "demo"


@pytest.mark.skipif(not (DEMO / "manifest.json").exists(), reason="models/demo not exported yet")
def test_committed_demo_bundle():
    m = verify_bundle(DEMO)
    assert m["synthetic"] is True
    assert sum(f["size"] for f in m["files"]) < 40 * 1024 * 1024
    _check_golden(DEMO, 1e-4)
