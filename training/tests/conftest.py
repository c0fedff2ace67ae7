import copy
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
import torch

TRAINING = Path(__file__).resolve().parents[1]
REPO = TRAINING.parent
sys.path.insert(0, str(TRAINING))
torch.set_num_threads(1)  # shared, oversubscribed CPU: 1 thread is fastest

from ivp_training import data as D  # noqa: E402


@pytest.fixture(autouse=True)
def autograd_is_left_on():
    """Code called in-process must not switch autograd off for the tests that follow it."""
    yield
    assert torch.is_grad_enabled(), "autograd was switched off for the whole process (use torch.no_grad() scoped)"


@pytest.fixture(scope="session")
def phantom_dir(tmp_path_factory):
    """A tiny REAL phantom export made by the Java CLI (main: 12 patients x 1 stage; nudge: 8 x 2 stages)."""
    root = tmp_path_factory.mktemp("phantom")
    if os.environ.get("IVP_TEST_STANDIN") == "1":  # development only, before the phantom CLI existed
        D.make_standin(root / "main", 12, 32, 5, 1)
        D.make_standin(root / "nudge", 8, 32, 6, 2)
        return root
    if shutil.which("java") is None:
        pytest.skip("java is not installed: the tiny phantom export needs the Java phantom CLI")
    classes = D.phantom_classes_dir(root / "classes")
    D.export_phantom(root / "main", 12, 32, 5, 1, classes=classes)
    D.export_phantom(root / "nudge", 8, 32, 6, 2, classes=classes)
    return root


@pytest.fixture(scope="session")
def tiny_cfg(phantom_dir, tmp_path_factory):
    cfg = json.loads((TRAINING / "configs" / "tiny.json").read_text())
    work = tmp_path_factory.mktemp("tinywork")
    cfg["data"]["source"] = str(phantom_dir)
    cfg["data"]["main"]["patients"] = 12
    cfg["data"]["nudge"]["patients"] = 8
    cfg["work_dir"] = str(work)
    cfg["bundle"]["out"] = str(work / "bundle")
    cfg["bundle"]["grid"] = str(work / "grid.png")
    cfg["bundle"]["model_card"] = str(work / "model-card.md")
    cfg["_config_path"] = "configs/tiny.json"
    return cfg


@pytest.fixture(scope="session")
def tiny_run(tiny_cfg):
    from ivp_training.pipeline import run
    return run(copy.deepcopy(tiny_cfg), float("inf"))


@pytest.fixture(scope="session")
def tiny_bundle(tiny_run):
    return Path(tiny_run["bundle"])
