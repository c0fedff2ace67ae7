"""The benchmark-only CLIP-sized bundle (training/scripts/make_clip_sized_bundle.py) is a valid bundle whose golden
vectors are its new encoder's outputs."""
import json

import numpy as np
import torch

from ivp_training.export import load_bundle, read_bin
from training_scripts import load_script


def test_clip_sized_bundle_verifies_and_its_golden_vectors_match(tiny_bundle, tmp_path):
    script = load_script("make_clip_sized_bundle")
    out = tmp_path / "clip-sized"
    manifest = script.main(tiny_bundle, out, width=32, layers=2, heads=4, patch=16, size=64)
    assert manifest["id"] == "ivp-clip-sized-standin" and manifest["encoder"]["input_size"] == 64
    b = load_bundle(out)  # verifies every file's sha256 and size
    index = json.loads((out / "golden" / "index.json").read_text())
    cases = [c for c in index["cases"] if c["module"] == "image_encoder.pt"]
    assert len(cases) == 2
    for case in cases:
        i, o = case["inputs"][0], case["outputs"][0]
        photo = torch.from_numpy(read_bin(out / "golden" / i["file"], i["dtype"], i["shape"]).copy())
        with torch.no_grad():
            got = b["image_encoder"](photo).numpy()
        assert np.abs(got - read_bin(out / "golden" / o["file"], o["dtype"], o["shape"])).max() < 1e-4
