"""The encoder's in-graph resize: the same samples as F.interpolate, for any photo size, traced or not."""
import pytest
import torch
import torch.nn.functional as F

from ivp_training.models import ImageEncoderExport, SmallCLIP, resize_bilinear


@pytest.mark.parametrize("hw", [(480, 800), (64, 64), (33, 70), (128, 128), (1000, 1600), (20, 20)])
def test_resize_equals_bilinear_interpolate(hw):
    x = torch.rand(2, 3, *hw, generator=torch.Generator().manual_seed(hw[0])) * 255
    ref = F.interpolate(x, size=(64, 64), mode="bilinear", align_corners=False, antialias=False)
    assert (resize_bilinear(x, 64) - ref).abs().max().item() < 1e-3


def test_resize_reads_uint8_photos_as_the_same_values():
    x = torch.randint(0, 256, (1, 3, 480, 800), generator=torch.Generator().manual_seed(3))
    assert torch.equal(resize_bilinear(x.to(torch.uint8), 64), resize_bilinear(x.float(), 64))


def test_traced_encoder_keeps_any_input_size():
    torch.manual_seed(0)
    clip = SmallCLIP(50, 32, (8, 16, 16, 32), 16, context=8, text_width=16, text_depth=1, text_heads=2).eval()
    traced = torch.jit.trace(ImageEncoderExport(clip).eval(), torch.rand(2, 3, 96, 96) * 255)
    for hw in [(480, 800), (37, 101), (32, 32)]:
        x = torch.rand(1, 3, *hw) * 255
        with torch.no_grad():
            assert (traced(x) - clip.encode_image(x)).abs().max().item() < 1e-5


def test_resize_is_differentiable_for_the_feature_loss():
    x = (torch.rand(1, 3, 40, 56) * 255).requires_grad_(True)
    resize_bilinear(x, 16).sum().backward()
    assert x.grad is not None and x.grad.abs().sum() > 0
