"""Colour and brightness statistics of a photo, for the bundle's second out-of-distribution check.

The embedding check alone misses photos whose colours are unlike the phantom's: the encoder was trained with colour
augmentation to ignore lighting and white balance, so a 30 % less saturated real photo scored inside its threshold
(docs/model-card.md). scripts/pixel_ood_study.py measured these 13 statistics as a second Mahalanobis check (rule
written before the runs): 0.8 % / 0 % false alarms on new phantom fronts at 128 px / the app's 640x384, the real
front photo and all 14 everyday changes of it flagged. Statistics of edges and fine detail were left out: they
depend on how large a photo was before it was shrunk (every 640x384 phantom front was flagged with them).

The module takes what the bundle's image encoder takes ([N,3,H,W] RGB 0..255, float32 or uint8, any size) and
shrinks it with the encoder's own resize, so the Java side runs it like the encoder and sees the same pixels.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn

from .models import on_photos, resize_bilinear

MODULE_FILE = "ood/picture_statistics.pt"
STATS_FILE = "ood/picture_stats.f32"
NAMES = ("red_mean", "green_mean", "blue_mean", "red_spread", "green_spread", "blue_spread", "saturation_mean",
         "saturation_spread", "brightness_mean", "brightness_spread", "gum_red_share", "tooth_white_share",
         "dark_share")


class PictureStatistics(nn.Module):
    """[N,3,H,W] 0..255 -> [N,13] (NAMES' order): per-channel means and standard deviations, saturation and
    brightness (HSV value) mean and standard deviation, and the shares of gum-red, tooth-white and dark pixels, all
    at the encoder's input size."""

    def __init__(self, input_size: int):
        super().__init__()
        self.input_size = int(input_size)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        rgb = (resize_bilinear(images, self.input_size) / 255.0).clamp(0.0, 1.0)
        r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
        value = rgb.max(dim=1).values
        lowest = rgb.min(dim=1).values
        saturation = torch.where(value > 0, (value - lowest) / value.clamp(min=1e-6), torch.zeros_like(value))
        gum_red = ((r > g * 1.25) & (r > b * 1.1) & (saturation > 0.3)).to(torch.float32)
        tooth_white = ((value > 0.7) & (saturation < 0.25)).to(torch.float32)
        dark = (value < 0.15).to(torch.float32)
        shares = torch.stack([gum_red, tooth_white, dark], dim=1).mean(dim=(2, 3))
        return torch.cat([rgb.mean(dim=(2, 3)), rgb.std(dim=(2, 3)),
                          torch.stack([saturation.mean(dim=(1, 2)), saturation.std(dim=(1, 2)),
                                       value.mean(dim=(1, 2)), value.std(dim=(1, 2))], dim=1), shares], dim=1)


def export(input_size: int, path: Path) -> torch.jit.ScriptModule:
    """Traces the module (resize_bilinear is scripted, so any photo size works) and saves it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        traced = torch.jit.trace(PictureStatistics(input_size).eval(), torch.rand(2, 3, 96, 160) * 255)
    torch.jit.save(traced, str(path))
    return torch.jit.load(str(path)).eval()


def of_photos(module, photos) -> np.ndarray:
    """[N,13] float32 statistics of uint8 HxWx3 photos (a list of any sizes, or an array) by a module as exported."""
    return on_photos(module, photos)
