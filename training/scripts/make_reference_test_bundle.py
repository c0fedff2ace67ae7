"""Builds the small imported bundle the Java tests load (src/test/resources/inference/reference-bundle/):
random-weight networks in the CLIP-IVP reference layout written by our own code (a persistence-format pickle, a
CLIP-layout TorchScript archive, a BPE file learnt from the golden texts), then the real importer. Only the
importer's output (TorchScript, JSON, .bin) is committed; the inputs stay in a temporary folder.

    cd training && /usr/bin/python3 scripts/make_reference_test_bundle.py [OUT]
"""
import sys
import tempfile
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training"))
from ivp_training.reference.synthetic import import_random_inputs, write_small_reference_inputs  # noqa: E402


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "src/test/resources/inference/reference-bundle"
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as tmp:
        net, clip, bpe = write_small_reference_inputs(Path(tmp))
        rc = import_random_inputs(net, clip, bpe, out, "reference-import-test", "Reference import (random weights, tests)")
    sys.exit(rc)


if __name__ == "__main__":
    main()
