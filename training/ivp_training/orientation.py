"""Which way up a front photo is: the bundle's third out-of-distribution check (``ood.orientation``).

Neither the embedding check nor the picture statistics know which way up a mouth is: 0.2.3 let 98 % of upside-down
and 76 % of 90°-rotated phantom fronts through (docs/model-card.md), and the generator then draws views for a
patient it misreads. A small reader, trained on the training fronts turned by 0, 90, 180 and 270 degrees (the
labels come free), says which of the four turns a photo shows; the app warns when the most probable one is not
upright and says which way to turn the photo. scripts/orientation_study.py measured it (rule in its header).

The module takes what the bundle's image encoder takes ([N,3,H,W] RGB 0..255, float32 or uint8, any size), shrinks
it with the encoder's own resize to the encoder's input size and halves that by averaging, and returns [N,4]
probabilities in CLASSES' order. Class k is a photo turned k quarter turns counterclockwise (``torch.rot90(x, k,
(2, 3))`` of the upright photo): turning it k quarter turns clockwise makes it upright.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Optional, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from .models import on_photos, resize_bilinear

MODULE_FILE = "ood/orientation.pt"
CLASSES = ("upright", "rotated_90_counterclockwise", "rotated_180", "rotated_90_clockwise")


class OrientationReader(nn.Module):
    """[N,3,H,W] 0..255 -> [N,4] probabilities of the four turns (CLASSES' order)."""

    def __init__(self, input_size: int, width: int = 16):
        super().__init__()
        self.input_size = int(input_size)
        channels = [3, width, 2 * width, 4 * width, 8 * width]
        layers = []
        for a, b in zip(channels[:-1], channels[1:]):
            layers += [nn.Conv2d(a, b, 3, 2, 1), nn.BatchNorm2d(b), nn.ReLU()]
        self.features = nn.Sequential(*layers)
        self.head = nn.Linear(channels[-1], len(CLASSES))

    def logits(self, images: torch.Tensor) -> torch.Tensor:
        x = F.avg_pool2d(resize_bilinear(images, self.input_size), 2) / 127.5 - 1.0
        return self.head(self.features(x).mean(dim=(2, 3)))

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return F.softmax(self.logits(images), dim=1)


def augment(x: torch.Tensor, g: torch.Generator) -> torch.Tensor:
    """What may differ between an upright training front and an upright photo a clinician uploads, so that the
    reader learns the turn and nothing else: framing (crop, zoom, a tilt of up to 10°, aspect), a mirror (a
    mirrored front is still upright), white balance, saturation, contrast and exposure. x: [B,3,S,S] 0..255."""
    b = x.shape[0]

    def uniform(*shape, low=0.0, high=1.0):
        return low + (high - low) * torch.rand(*shape, generator=g)

    angle = uniform(b, low=-np.deg2rad(10), high=np.deg2rad(10))
    scale, aspect = uniform(b, low=0.7), torch.exp(uniform(b, low=-0.25, high=0.25))
    shift_x, shift_y = (uniform(b, low=-1, high=1) * (1 - scale) for _ in range(2))
    theta = torch.stack([
        torch.stack([scale * aspect.sqrt() * torch.cos(angle), -scale * torch.sin(angle), shift_x], 1),
        torch.stack([scale * torch.sin(angle), scale / aspect.sqrt() * torch.cos(angle), shift_y], 1)], 1)
    x = F.grid_sample(x, F.affine_grid(theta, list(x.shape), align_corners=False), padding_mode="border",
                      align_corners=False)
    x = torch.where((uniform(b) < 0.5).view(b, 1, 1, 1), x.flip(3), x)
    x = x * torch.exp(uniform(b, 3, 1, 1, low=-0.25, high=0.25))
    grey = x.mean(dim=1, keepdim=True)
    x = grey + (x - grey) * uniform(b, 1, 1, 1, high=1.5)
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    x = mean + (x - mean) * uniform(b, 1, 1, 1, low=0.6, high=1.4)
    return (x * uniform(b, 1, 1, 1, low=0.6, high=1.4)).clamp(0, 255)


def turned(images: torch.Tensor, turns: torch.Tensor) -> torch.Tensor:
    """Each image turned its number of quarter turns counterclockwise (the class it then shows)."""
    return torch.stack([torch.rot90(im, int(k), (1, 2)) for im, k in zip(images, turns)])


def train(fronts: np.ndarray, input_size: int, steps: int, seed: int = 0, width: int = 16, batch: int = 64,
          log: Callable[[str], None] = print, deadline: Optional[float] = None) -> OrientationReader:
    """A reader trained on uint8 [N,S,S,3] upright fronts (square, as the encoder sees them), each batch turned at
    random; stops early at ``deadline`` (time.time()). About 0.2 s a step of 64 at 128 px on 2 cores."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    reader = OrientationReader(input_size, width)
    photos = torch.from_numpy(np.ascontiguousarray(fronts)).permute(0, 3, 1, 2)
    opt = torch.optim.Adam(reader.parameters(), 2e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, max(1, steps))
    reader.train()
    started, shown = time.time(), 0.0
    for step in range(steps):
        pick = torch.randint(0, len(photos), (batch,), generator=g)
        turns = torch.randint(0, len(CLASSES), (batch,), generator=g)
        loss = F.cross_entropy(reader.logits(turned(augment(photos[pick].float(), g), turns)), turns)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        now = time.time()
        if now - shown > 30 or step == steps - 1:
            shown = now
            left = (now - started) / (step + 1) * (steps - step - 1)
            log(f"orientation reader: step {step + 1}/{steps}, loss {loss.item():.4f}, about {left / 60:.1f} min left")
        if deadline is not None and now > deadline:
            log(f"orientation reader: stopped at its deadline after {step + 1} steps")
            break
    return reader.eval()


def trained_once(saved: Path, fronts: np.ndarray, input_size: int, steps: int, seed: int = 0, width: int = 16,
                 log: Callable[[str], None] = print) -> OrientationReader:
    """The reader saved at ``saved``, else trained (as :func:`train`) and saved there: a rerun of the export or of
    the study reuses it instead of training again."""
    saved = Path(saved)
    if saved.exists():
        reader = OrientationReader(input_size, width)
        reader.load_state_dict(torch.load(saved))
        return reader.eval()
    reader = train(fronts, input_size, steps, seed, width, log=log)
    torch.save(reader.state_dict(), saved)
    return reader


def export(reader: OrientationReader, path: Path) -> torch.jit.ScriptModule:
    """Traces the reader in eval mode (resize_bilinear is scripted, so any photo size works) and saves it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        traced = torch.jit.trace(reader.eval(), torch.rand(2, 3, 96, 160) * 255)
    torch.jit.save(traced, str(path))
    return torch.jit.load(str(path)).eval()


def of_photos(module, photos) -> np.ndarray:
    """[N,4] float32 probabilities of uint8 HxWx3 photos (a list of any sizes, or an array) by a reader."""
    return on_photos(module, photos)


def not_upright(probabilities: np.ndarray) -> np.ndarray:
    """The check's rule: the most probable turn is not upright."""
    return np.asarray(probabilities).argmax(axis=1) != 0


def calibrate(module, held_out_photos) -> Tuple[dict, np.ndarray]:
    """The manifest's ``ood.orientation.calibration`` — on held-out upright fronts, the share the check flags (false
    alarms), and the share of the same fronts turned by 90, 180 and 270 degrees it flags (detection) — and which of
    the upright fronts it flagged."""
    flagged = not_upright(of_photos(module, held_out_photos))
    turned_photos = [np.rot90(p, k) for k in (1, 2, 3) for p in held_out_photos]
    return {"count": int(len(held_out_photos)), "false_alarm_rate": float(flagged.mean()),
            "detection_rate": float(not_upright(of_photos(module, turned_photos)).mean())}, flagged
