"""The training forms recovered from a bundle (the starting point of further training on a new machine)."""
import copy
import json
from pathlib import Path

import pytest
import torch

from ivp_training.inference_graph import nearest2x_conv3x3_as_transposed
from ivp_training.models import ImageEncoderExport
from ivp_training.training_form import recover, transposed_as_nearest2x_conv3x3

REPO = Path(__file__).resolve().parents[2]


def test_a_transposed_upsampling_kernel_gives_back_its_3x3_kernel():
    w = torch.randn(5, 7, 3, 3, generator=torch.Generator().manual_seed(1))
    assert (transposed_as_nearest2x_conv3x3(nearest2x_conv3x3_as_transposed(w)) - w).abs().max() < 1e-6


def test_the_recovered_generator_has_the_trained_parameters(tiny_run, tiny_bundle, tiny_cfg):
    _, G, differences = recover(tiny_bundle, tiny_cfg)
    trained = tiny_run["generator"].cpu().state_dict()
    for name, value in G.state_dict().items():
        scale = float(trained[name].abs().max()) or 1.0
        assert (value - trained[name]).abs().max() <= 1e-4 * scale, name
    assert all(d < 1e-4 for d, _ in differences.values())


def test_the_recovered_encoder_embeds_and_reads_text_as_the_trained_one(tiny_run, tiny_bundle, tiny_cfg):
    clip, _, _ = recover(tiny_bundle, tiny_cfg)
    trained = tiny_run["clip"].cpu().eval()
    photo = torch.randint(0, 256, (3, 3, 60, 100), generator=torch.Generator().manual_seed(4)).float()
    ids = torch.zeros(2, tiny_cfg["text"]["context"], dtype=torch.int64)
    ids[:, 0], ids[:, 1], ids[:, 2], ids[1, 3] = 2, 5, 3, 6
    with torch.no_grad():
        want = ImageEncoderExport(trained)(photo)
        assert (ImageEncoderExport(clip.eval())(photo) - want).abs().max() < 1e-4 * want.abs().max()
        assert torch.allclose(clip.encode_text(ids), trained.encode_text(ids), atol=1e-6)


def test_a_bundle_made_with_another_config_is_refused(tiny_bundle, tiny_cfg):
    cfg = copy.deepcopy(tiny_cfg)
    cfg["generator"]["resolution"] *= 2
    with pytest.raises(ValueError, match="not made with this config: resolution"):
        recover(tiny_bundle, cfg)


def test_the_shipped_demo_bundle_recovers_with_its_config():
    cfg = json.loads((REPO / "training" / "configs" / "demo.json").read_text())
    _, G, differences = recover(REPO / "models" / "demo", cfg)
    assert all(d < 1e-4 for d, _ in differences.values()), differences
    assert G.synthesis.resolution == cfg["generator"]["resolution"]
