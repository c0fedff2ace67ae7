"""How much the latent z changes a bundle's pictures: the manifest's ``generator.z_sensitivity``.

For each embedding and each pair of different seeds, the four views are generated at psi = 1 with both seeds and
compared as displayed (0..255 levels after the bundle's output rounding). ``mean_abs_change`` is the mean absolute
difference over pixels, channels, views, fronts and seed pairs. The studio treats a model as deterministic when it
is below 1 level (docs/model-bundle.md), so "New seed" never promises a variation that cannot be seen.
"""
from __future__ import annotations

from typing import Dict, Sequence

import numpy as np
import torch

from .zrng import z_from_seed

SEED_PAIRS = ((0, 1), (2, 3), (42, 43), (100, 7))


def _views_u8(mapping, synthesis, kappa: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
    c = torch.eye(4)
    with torch.no_grad():
        w = mapping(c, kappa.expand(4, -1).contiguous(), z.expand(4, -1).contiguous(), torch.ones(1))
        img = synthesis(w)
    return torch.round((img + 1) * 127.5).clamp(0, 255)


def z_sensitivity(mapping, synthesis, embeddings: np.ndarray, z_dim: int,
                  seed_pairs: Sequence = SEED_PAIRS) -> Dict:
    """Measures the bundle's modules (TorchScript or eager, the bundle's call signatures) on the given raw
    embeddings [N, D]."""
    emb = torch.as_tensor(np.asarray(embeddings, dtype=np.float32))
    if emb.ndim != 2 or len(emb) < 1:
        raise ValueError("z_sensitivity needs at least one embedding [N, D]")
    if z_dim == 0:
        seed_pairs = seed_pairs[:1]  # an empty z: one pair shows it changes nothing
    total = 0.0
    for kappa in emb:
        for a, b in seed_pairs:
            za = torch.from_numpy(z_from_seed(a, z_dim)).reshape(1, z_dim)
            zb = torch.from_numpy(z_from_seed(b, z_dim)).reshape(1, z_dim)
            d = _views_u8(mapping, synthesis, kappa[None], za) - _views_u8(mapping, synthesis, kappa[None], zb)
            total += float(d.abs().mean())
    n = len(emb) * len(seed_pairs)
    return {"mean_abs_change": total / n, "seed_pairs": len(seed_pairs), "fronts": len(emb)}
