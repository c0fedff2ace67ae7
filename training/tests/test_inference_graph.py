"""The exported inference forms compute the same function as the training modules (inference_graph.py)."""
import pytest
import torch
import torch.nn.functional as F

from ivp_training.inference_graph import (ImageEncoderInference, MappingInference, SynthesisInference, bilinear2x,
                                          bilinear2x_kernel, nearest2x_conv3x3_as_transposed)
from ivp_training.models import Generator, ImageEncoderExport, SmallCLIP, SynthesisExport


def _randomised(module: torch.nn.Module, seed: int) -> torch.nn.Module:
    """Every parameter and buffer (noise strengths, biases, batch-norm statistics) away from its initial value, so
    that a folding mistake in any of them shows."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in list(module.named_parameters()) + list(module.named_buffers()):
            if p.dtype.is_floating_point:
                if name.endswith("running_var"):
                    p.copy_(torch.rand(p.shape, generator=g) + 0.5)
                else:
                    p.add_(torch.randn(p.shape, generator=g) * 0.3)
    return module.eval()


@pytest.mark.parametrize("n", [1, 4, 7])
def test_nearest_upsampling_then_3x3_conv_is_one_transposed_conv(n):
    g = torch.Generator().manual_seed(n)
    x = torch.randn(2, 5, n, n + 2, generator=g)
    w = torch.randn(6, 5, 3, 3, generator=g)
    want = F.conv2d(F.interpolate(x, scale_factor=2, mode="nearest"), w, padding=1)
    got = F.conv_transpose2d(x, nearest2x_conv3x3_as_transposed(w), stride=2, padding=1)
    assert got.shape == want.shape
    assert (got - want).abs().max() < 1e-5


@pytest.mark.parametrize("hw", [(1, 1), (4, 4), (3, 8)])
def test_bilinear_upsampling_equals_interpolate(hw):
    x = torch.randn(2, 3, *hw, generator=torch.Generator().manual_seed(1))
    want = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
    assert (bilinear2x(x, bilinear2x_kernel(3)) - want).abs().max() < 1e-6


@pytest.mark.parametrize("batch", [1, 4])
def test_inference_generator_equals_training_generator(batch):
    G = _randomised(Generator(kappa_dim=16, z_dim=8, w_dim=32, resolution=32, channels=(32, 16, 8, 8)), 3)
    g = torch.Generator().manual_seed(batch)
    c = torch.eye(4)[:batch]
    kappa, z, psi = torch.randn(batch, 16, generator=g) * 4, torch.randn(batch, 8, generator=g), torch.tensor([0.7])
    with torch.no_grad():
        w_want = G.mapping(c, kappa, z, psi)
        w_got = MappingInference(G.mapping).eval()(c, kappa, z, psi)
        assert (w_got - w_want).abs().max() < 1e-5
        ws = w_want + torch.randn(w_want.shape, generator=g) * 0.2  # per-layer w differ (as after W-space edits)
        want = SynthesisExport(G.synthesis).eval()(ws)
        fast = SynthesisInference(G.synthesis).eval()
        assert (fast(ws) - want).abs().max() < 5e-5  # float rounding of reordered sums; bundles allow 1e-4
        traced = torch.jit.trace(fast, ws)
        assert (traced(ws[:1]) - want[:1]).abs().max() < 5e-5, "traced form keeps any batch size"


def test_mapping_without_z_equals_training_mapping():
    G = _randomised(Generator(kappa_dim=16, z_dim=0, w_dim=32, resolution=16, channels=(16, 8, 8)), 5)
    c, kappa, z = torch.eye(4), torch.randn(4, 16), torch.zeros(4, 0)
    with torch.no_grad():
        assert (MappingInference(G.mapping).eval()(c, kappa, z, torch.ones(1))
                - G.mapping(c, kappa, z, torch.ones(1))).abs().max() < 1e-5


def test_inference_image_encoder_equals_training_encoder_for_float_and_uint8_photos():
    clip = _randomised(SmallCLIP(vocab_size=20, input_size=32, widths=(8, 16, 16, 32), embed_dim=24), 7)
    photo = torch.randint(0, 256, (2, 3, 50, 70), generator=torch.Generator().manual_seed(2)).float()
    with torch.no_grad():
        want = ImageEncoderExport(clip).eval()(photo)
        fast = ImageEncoderInference(clip).eval()
        assert (fast(photo) - want).abs().max() < 1e-4 * want.abs().max()
        assert torch.equal(fast(photo.to(torch.uint8)), fast(photo)), "uint8 photos read the same integers"
