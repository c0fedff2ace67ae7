"""CLIP image and text encoders read from an OpenAI-CLIP-layout TorchScript archive (``ViT-B-32.pt``,
``ViT-B-16.pt``, ``ViT-L-14.pt``) and rebuilt by our own code from its weights (the archive's own graph is not
used: OpenAI's archives carry device-specific and half-precision code that clip.load patches at load time).

Only the weights are read: ``torch.jit.load`` deserialises TorchScript (no Python) and ``state_dict()`` gives the
tensors. The image encoder is exported with the manifest's preprocessing inside the graph (uint8 or float photos
of any size → resize → scale → mean/std → ViT → raw embedding), the text encoder takes token ids.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..models import resize_bilinear
from .stylegan2 import ImportProblem

CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)


@dataclass
class Preprocessing:
    """How a photo becomes the encoder's input, stated in the manifest (encoder.preprocessing).

    CLIP-IVP's training and scripts normalise the 0..255 values with CLIP's mean/std WITHOUT dividing by 255
    (input_scale 1); OpenAI's own preprocessing divides by 255 (input_scale 1/255)."""
    size: int
    input_scale: float = 1.0
    mean: List[float] = field(default_factory=lambda: list(CLIP_MEAN))
    std: List[float] = field(default_factory=lambda: list(CLIP_STD))
    resize: str = "bilinear"
    antialias: bool = False

    def manifest(self) -> dict:
        return {"input_range": "0..255", "input_scale": self.input_scale, "mean": self.mean, "std": self.std,
                "resize": {"mode": self.resize, "size": self.size, "antialias": self.antialias,
                           "align_corners": False, "aspect": "squash"}}


@dataclass
class ClipDims:
    embed_dim: int
    image_size: int
    patch: int
    vision_width: int
    vision_layers: int
    context_length: int
    vocab_size: int
    text_width: int
    text_layers: int

    @property
    def vision_heads(self) -> int:
        return self.vision_width // 64

    @property
    def text_heads(self) -> int:
        return self.text_width // 64


def _count_blocks(sd: Dict[str, torch.Tensor], prefix: str) -> int:
    pat = re.compile(re.escape(prefix) + r"(\d+)\.attn\.in_proj_weight$")
    return len({m.group(1) for k in sd for m in [pat.match(k)] if m})


def clip_dims(sd: Dict[str, torch.Tensor]) -> ClipDims:
    if "visual.conv1.weight" not in sd:
        if any(k.startswith("visual.layer1.") for k in sd):
            raise ImportProblem("this CLIP checkpoint is a ResNet (RN50…); CLIP-IVP uses the ViT encoders "
                                "(ViT-B-32.pt, ViT-B-16.pt, ViT-L-14.pt)")
        raise ImportProblem("the CLIP file has no 'visual.conv1.weight': not an OpenAI CLIP ViT checkpoint")
    for k in ("visual.positional_embedding", "visual.proj", "token_embedding.weight", "positional_embedding",
              "text_projection", "ln_final.weight"):
        if k not in sd:
            raise ImportProblem(f"the CLIP file lacks '{k}'")
    w = sd["visual.conv1.weight"]
    grid = round((sd["visual.positional_embedding"].shape[0] - 1) ** 0.5)
    return ClipDims(embed_dim=sd["text_projection"].shape[1], image_size=w.shape[-1] * grid, patch=w.shape[-1],
                    vision_width=w.shape[0], vision_layers=_count_blocks(sd, "visual.transformer.resblocks."),
                    context_length=sd["positional_embedding"].shape[0], vocab_size=sd["token_embedding.weight"].shape[0],
                    text_width=sd["ln_final.weight"].shape[0], text_layers=_count_blocks(sd, "transformer.resblocks."))


def read_clip_archive(path) -> Dict[str, torch.Tensor]:
    try:
        m = torch.jit.load(str(path), map_location="cpu")
    except Exception as e:  # torch reports a bad archive with several exception types
        raise ImportProblem(f"{path}: not a TorchScript CLIP archive ({str(e).splitlines()[0][:200]})") from None
    return {k: v.detach().to(torch.float32).clone() for k, v in m.state_dict().items()}


# ------------------------------------------------------------------------------------------------
class Block(nn.Module):
    """Pre-norm transformer block: x + attn(ln_1 x), then x + mlp(ln_2 x) with QuickGELU (x·σ(1.702x))."""

    def __init__(self, sd: Dict[str, torch.Tensor], prefix: str, heads: int):
        super().__init__()
        self.heads = heads
        names = ["ln_1.weight", "ln_1.bias", "attn.in_proj_weight", "attn.in_proj_bias", "attn.out_proj.weight",
                 "attn.out_proj.bias", "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias",
                 "mlp.c_proj.weight", "mlp.c_proj.bias"]
        for n in names:
            if prefix + n not in sd:
                raise ImportProblem(f"the CLIP file lacks '{prefix + n}'")
            self.register_buffer(n.replace(".", "_"), sd[prefix + n])

    def forward(self, x, mask: Optional[torch.Tensor]):
        B, N, D = x.shape
        h = F.layer_norm(x, (D,), self.ln_1_weight, self.ln_1_bias, 1e-5)
        qkv = F.linear(h, self.attn_in_proj_weight, self.attn_in_proj_bias)
        qkv = qkv.reshape(B, N, 3, self.heads, D // self.heads).permute(2, 0, 3, 1, 4)
        att = torch.matmul(qkv[0] * (D // self.heads) ** -0.5, qkv[1].transpose(-2, -1))
        if mask is not None:
            att = att + mask
        y = torch.matmul(att.softmax(dim=-1), qkv[2]).transpose(1, 2).reshape(B, N, D)
        x = x + F.linear(y, self.attn_out_proj_weight, self.attn_out_proj_bias)
        h = F.layer_norm(x, (D,), self.ln_2_weight, self.ln_2_bias, 1e-5)
        h = F.linear(h, self.mlp_c_fc_weight, self.mlp_c_fc_bias)
        h = h * torch.sigmoid(1.702 * h)
        return x + F.linear(h, self.mlp_c_proj_weight, self.mlp_c_proj_bias)


class VisionTower(nn.Module):
    """[B,3,S,S] normalised → [B,D]: patches + class token + positions, ln_pre, blocks, ln_post(class) @ proj."""

    def __init__(self, sd: Dict[str, torch.Tensor], dims: ClipDims):
        super().__init__()
        p = "visual."
        self.patch = dims.patch
        for n in ("conv1.weight", "class_embedding", "positional_embedding", "ln_pre.weight", "ln_pre.bias",
                  "ln_post.weight", "ln_post.bias", "proj"):
            if p + n not in sd:
                raise ImportProblem(f"the CLIP file lacks '{p + n}'")
            self.register_buffer(n.replace(".", "_"), sd[p + n])
        self.blocks = nn.ModuleList(Block(sd, f"{p}transformer.resblocks.{i}.", dims.vision_heads)
                                    for i in range(dims.vision_layers))

    def forward(self, x):
        x = F.conv2d(x, self.conv1_weight, stride=self.patch).flatten(2).transpose(1, 2)
        cls = self.class_embedding.view(1, 1, -1).expand(x.shape[0], 1, -1)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding
        D = x.shape[-1]
        x = F.layer_norm(x, (D,), self.ln_pre_weight, self.ln_pre_bias, 1e-5)
        for b in self.blocks:
            x = b(x, None)
        return F.layer_norm(x[:, 0], (D,), self.ln_post_weight, self.ln_post_bias, 1e-5) @ self.proj


class TextEncoder(nn.Module):
    """Token ids [B,L] int64 → [B,D]: features at the end token (the largest id) projected."""

    def __init__(self, sd: Dict[str, torch.Tensor], dims: ClipDims):
        super().__init__()
        for n in ("token_embedding.weight", "positional_embedding", "ln_final.weight", "ln_final.bias",
                  "text_projection"):
            self.register_buffer(n.replace(".", "_"), sd[n])
        self.blocks = nn.ModuleList(Block(sd, f"transformer.resblocks.{i}.", dims.text_heads)
                                    for i in range(dims.text_layers))
        L = dims.context_length
        self.register_buffer("mask", torch.full((L, L), float("-inf")).triu(1))

    def forward(self, ids):
        x = F.embedding(ids, self.token_embedding_weight) + self.positional_embedding
        for b in self.blocks:
            x = b(x, self.mask)
        x = F.layer_norm(x, (x.shape[-1],), self.ln_final_weight, self.ln_final_bias, 1e-5)
        eot = x[torch.arange(x.shape[0]), ids.argmax(dim=-1)]
        return eot @ self.text_projection


class ImageEncoder(nn.Module):
    """Photo (uint8 or float32 0..255, [B,3,H,W], any size) → raw embedding [B,D], preprocessing inside."""

    def __init__(self, sd: Dict[str, torch.Tensor], dims: ClipDims, pre: Preprocessing):
        super().__init__()
        if pre.resize != "bilinear" or pre.antialias:
            raise ImportProblem(f"resize '{pre.resize}' with antialias {pre.antialias} is not supported; "
                                "the exporter computes bilinear, antialias off")
        self.size = pre.size
        self.tower = VisionTower(sd, dims)
        mean, std = torch.tensor(pre.mean).view(1, 3, 1, 1), torch.tensor(pre.std).view(1, 3, 1, 1)
        self.register_buffer("scale", pre.input_scale / std)
        self.register_buffer("shift", -mean / std)

    def forward(self, x):
        return self.tower(torch.addcmul(self.shift, resize_bilinear(x, self.size), self.scale))


def clip_encoders(sd: Dict[str, torch.Tensor], pre: Optional[Preprocessing] = None):
    dims = clip_dims(sd)
    pre = pre or Preprocessing(size=dims.image_size)
    if pre.size != dims.image_size:
        raise ImportProblem(f"preprocessing resizes to {pre.size}, the CLIP model takes {dims.image_size}")
    return dims, ImageEncoder(sd, dims, pre).eval(), TextEncoder(sd, dims).eval()
