"""Model definitions: small CLIP (ResNet image tower + transformer text tower) and a
view-conditional StyleGAN2-style generator (mapping + synthesis), plus export wrappers.

All modules avoid data-dependent Python control flow so that they trace/script cleanly.
"""
from __future__ import annotations

import math
from typing import List, Sequence, Tuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

VIEWS = ["left", "right", "lower", "upper"]  # generator class order
ALL_VIEWS = ["front"] + VIEWS

# ImageNet-style normalisation constants applied inside the exported image encoder.
IMG_MEAN = [0.485, 0.456, 0.406]
IMG_STD = [0.229, 0.224, 0.225]


# ================================================================================================
# Preprocessing
# ================================================================================================
@torch.jit.script
def _bilinear_taps(n_in: int, n_out: int, device: torch.device) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """For each output sample: the two source indices it reads and the weight of the second (half-pixel centres,
    as F.interpolate with align_corners=False). Few operations on purpose: each one costs a fixed dispatch time."""
    scale = float(n_in) / float(n_out)
    src = (torch.arange(n_out, dtype=torch.float32, device=device) * scale + (0.5 * scale - 0.5)).clamp(min=0.0)
    i0 = src.to(torch.long)  # truncation is floor here (src >= 0), and i0 <= n_in - 1 since src < n_in - 0.5
    return i0, (i0 + 1).clamp(max=n_in - 1), src - i0


@torch.jit.script
def resize_bilinear(x: torch.Tensor, size: int) -> torch.Tensor:
    """[B,C,H,W] (float, or uint8) -> float [B,C,size,size]: the same samples as F.interpolate(bilinear,
    align_corners=False, no antialias), computed by gathering only the rows and columns it reads. Why not
    F.interpolate: libtorch 2.7 (DJL) took 1.5 ms for a 480x800 photo where torch 1.13 took 0.04 ms; gathering
    takes 0.2 ms in both. A uint8 photo is converted to float only after the row gather (a seventh of its size).
    Scripted so that a traced encoder keeps any input size."""
    y0, y1, ly = _bilinear_taps(x.shape[2], size, x.device)
    x0, x1, lx = _bilinear_taps(x.shape[3], size, x.device)
    rows = torch.lerp(x.index_select(2, y0).to(torch.float32), x.index_select(2, y1).to(torch.float32),
                      ly.view(1, 1, -1, 1))
    return torch.lerp(rows.index_select(3, x0), rows.index_select(3, x1), lx)


def on_photos(module, photos) -> np.ndarray:
    """float32 outputs of a module that takes the image encoder's input, for uint8 HxWx3 photos (a list of any
    sizes, or an array), one photo at a time: the bundle's check modules as the app runs them."""
    out = []
    with torch.no_grad():
        for p in photos:
            t = torch.from_numpy(np.ascontiguousarray(p)).permute(2, 0, 1)[None].to(torch.float32)
            out.append(module(t).numpy())
    return np.concatenate(out).astype(np.float32)


def upsample2x_nearest(x: torch.Tensor) -> torch.Tensor:
    """F.interpolate(x, scale_factor=2, mode="nearest") as a broadcast copy (4x faster in libtorch 2.7)."""
    b, c, h, w = x.shape
    return x[:, :, :, None, :, None].expand(b, c, h, 2, w, 2).reshape(b, c, 2 * h, 2 * w)


def upsample2x_bilinear(x: torch.Tensor) -> torch.Tensor:
    """F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False): each output sample is 3/4 of its
    own input and 1/4 of the neighbour on its side (edges repeated), done as shifted slices per axis."""
    b, c, h, w = x.shape
    up = torch.cat([x[:, :, :1], x[:, :, :-1]], dim=2)
    down = torch.cat([x[:, :, 1:], x[:, :, -1:]], dim=2)
    x = torch.stack([0.25 * up + 0.75 * x, 0.75 * x + 0.25 * down], dim=3).reshape(b, c, 2 * h, w)
    left = torch.cat([x[:, :, :, :1], x[:, :, :, :-1]], dim=3)
    right = torch.cat([x[:, :, :, 1:], x[:, :, :, -1:]], dim=3)
    return torch.stack([0.25 * left + 0.75 * x, 0.75 * x + 0.25 * right], dim=4).reshape(b, c, 2 * h, 2 * w)


# ================================================================================================
# Small CLIP
# ================================================================================================
class BasicBlock(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.short = None
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        s = x if self.short is None else self.short(x)
        return F.relu(y + s)


class ImageTower(nn.Module):
    """ResNet-ish tower on normalised images of size ``input_size``. ``features`` returns
    intermediate activations (used for the generator's feature loss)."""

    def __init__(self, input_size: int = 64, widths: Sequence[int] = (32, 64, 128, 256), embed_dim: int = 256):
        super().__init__()
        self.input_size = input_size
        w0 = widths[0]
        self.stem = nn.Sequential(nn.Conv2d(3, w0, 3, 2, 1, bias=False), nn.BatchNorm2d(w0), nn.ReLU(inplace=True))
        stages = []
        cin = w0
        for i, w in enumerate(widths):
            stages.append(BasicBlock(cin, w, 1 if i == 0 else 2))
            cin = w
        self.stages = nn.ModuleList(stages)
        self.proj = nn.Linear(cin * 2, embed_dim)

    def features(self, x) -> List[torch.Tensor]:
        feats = []
        x = self.stem(x)
        for st in self.stages:
            x = st(x)
            feats.append(x)
        return feats

    def head(self, x):
        pooled = torch.cat([x.mean(dim=(2, 3)), x.amax(dim=(2, 3))], dim=1)
        return self.proj(pooled)

    def forward(self, x):
        return self.head(self.features(x)[-1])


class TextTower(nn.Module):
    """CLIP-style causal transformer; features at the [EOS] position, projected to embed_dim."""

    def __init__(self, vocab_size: int, context: int = 32, width: int = 128, depth: int = 2, heads: int = 4,
                 embed_dim: int = 256, eos_id: int = 3):
        super().__init__()
        self.context, self.width, self.heads, self.eos_id = context, width, heads, eos_id
        self.tok = nn.Embedding(vocab_size, width)
        self.pos = nn.Parameter(torch.randn(context, width) * 0.01)
        self.blocks = nn.ModuleList([TBlock(width, heads) for _ in range(depth)])
        self.ln = nn.LayerNorm(width)
        self.proj = nn.Linear(width, embed_dim, bias=False)
        mask = torch.full((context, context), float("-inf")).triu(1)
        self.register_buffer("mask", mask, persistent=False)

    def forward(self, ids):
        L = ids.shape[1]
        x = self.tok(ids) + self.pos[:L]
        m = self.mask[:L, :L]
        for b in self.blocks:
            x = b(x, m)
        x = self.ln(x)
        eos_pos = (ids == self.eos_id).to(torch.int64).argmax(dim=1)
        idx = eos_pos.view(-1, 1, 1).expand(-1, 1, x.shape[2])
        feat = x.gather(1, idx).squeeze(1)
        return self.proj(feat)


class TBlock(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.heads = heads
        self.head_dim = width // heads
        self.scale = 1.0 / math.sqrt(width // heads)
        self.ln1 = nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.out = nn.Linear(width, width)
        self.ln2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width))

    def forward(self, x, mask):
        B, L, C = x.shape
        h = self.heads
        q, k, v = self.qkv(self.ln1(x)).chunk(3, dim=2)
        hd = self.head_dim
        q = q.reshape(B, L, h, hd).transpose(1, 2)
        k = k.reshape(B, L, h, hd).transpose(1, 2)
        v = v.reshape(B, L, h, hd).transpose(1, 2)
        att = (q @ k.transpose(2, 3)) * self.scale + mask
        y = att.softmax(dim=-1) @ v
        y = y.transpose(1, 2).reshape(B, L, C)
        x = x + self.out(y)
        return x + self.mlp(self.ln2(x))


class SmallCLIP(nn.Module):
    def __init__(self, vocab_size: int, input_size: int = 64, widths=(32, 64, 128, 256), embed_dim: int = 256,
                 context: int = 32, text_width: int = 128, text_depth: int = 2, text_heads: int = 4):
        super().__init__()
        self.image = ImageTower(input_size, widths, embed_dim)
        self.text = TextTower(vocab_size, context, text_width, text_depth, text_heads, embed_dim)
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))
        self.register_buffer("img_mean", torch.tensor(IMG_MEAN).view(1, 3, 1, 1))
        self.register_buffer("img_std", torch.tensor(IMG_STD).view(1, 3, 1, 1))

    def preprocess(self, x255):
        """float RGB 0..255 [B,3,H,W] (any H,W) -> normalised [B,3,S,S]."""
        x = resize_bilinear(x255, self.image.input_size)
        return (x / 255.0 - self.img_mean) / self.img_std

    def preprocess_unit(self, x11):
        """generator-range images [-1,1] -> normalised tower input (used for the feature loss)."""
        return self.preprocess((x11 + 1.0) * 127.5)

    def encode_image(self, x255):
        return self.image(self.preprocess(x255))

    def encode_text(self, ids):
        return self.text(ids)


class ImageEncoderExport(nn.Module):
    """[B,3,H,W] float32 RGB 0..255 -> [B,D] raw (un-normalised) embedding; preprocessing inside."""

    def __init__(self, clip: SmallCLIP):
        super().__init__()
        self.image = clip.image
        self.size = clip.image.input_size
        self.register_buffer("mean", clip.img_mean.clone())
        self.register_buffer("std", clip.img_std.clone())

    def forward(self, x):
        x = resize_bilinear(x, self.size)
        x = (x / 255.0 - self.mean) / self.std
        return self.image(x)


class TextEncoderExport(nn.Module):
    def __init__(self, clip: SmallCLIP):
        super().__init__()
        self.text = clip.text

    def forward(self, ids):
        return self.text(ids)


# ================================================================================================
# Generator (StyleGAN2-style)
# ================================================================================================
def normalize_2nd_moment(x, eps: float = 1e-8):
    return x * (x.square().mean(dim=1, keepdim=True) + eps).rsqrt()


class EqLinear(nn.Module):
    def __init__(self, cin: int, cout: int, bias_init: float = 0.0, lr_mult: float = 1.0, act: bool = False):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(cout, cin) / lr_mult)
        self.bias = nn.Parameter(torch.full([cout], float(bias_init)) / lr_mult)
        self.w_gain = lr_mult / math.sqrt(cin)
        self.b_gain = lr_mult
        self.act = act

    def forward(self, x):
        x = F.linear(x, self.weight * self.w_gain, self.bias * self.b_gain)
        if self.act:
            x = F.leaky_relu(x, 0.2) * math.sqrt(2)
        return x


class MappingNetwork(nn.Module):
    """(c one-hot [B,V], kappa [B,D], z [B,Z], psi [1]) -> w [B,num_ws,w_dim]."""

    def __init__(self, kappa_dim: int, z_dim: int, num_views: int, w_dim: int, num_ws: int,
                 layers: int = 4, lr_mult: float = 0.1, embed_dim: int = 128, w_avg_beta: float = 0.995):
        super().__init__()
        self.z_dim, self.w_dim, self.num_ws, self.w_avg_beta = z_dim, w_dim, num_ws, w_avg_beta
        self.embed_k = EqLinear(kappa_dim, embed_dim)
        self.embed_c = EqLinear(num_views, embed_dim)
        cin = embed_dim * 2 + (z_dim if z_dim > 0 else 0)
        fcs = []
        for i in range(layers):
            fcs.append(EqLinear(cin if i == 0 else w_dim, w_dim, lr_mult=lr_mult, act=True))
        self.fcs = nn.ModuleList(fcs)
        self.register_buffer("w_avg", torch.zeros(w_dim))

    def forward_w(self, c, kappa, z, update_w_avg: bool = False):
        k = normalize_2nd_moment(self.embed_k(kappa))
        e = normalize_2nd_moment(self.embed_c(c))
        parts = [k, e]
        if self.z_dim > 0:
            parts.append(normalize_2nd_moment(z))
        x = torch.cat(parts, dim=1)
        for fc in self.fcs:
            x = fc(x)
        if update_w_avg:
            with torch.no_grad():
                self.w_avg.copy_(x.detach().mean(0).lerp(self.w_avg, self.w_avg_beta))
        return x

    def forward(self, c, kappa, z, psi):
        x = self.forward_w(c, kappa, z)
        x = self.w_avg + psi.view(1, 1) * (x - self.w_avg)
        return x.unsqueeze(1).repeat(1, self.num_ws, 1)


class ModConv(nn.Module):
    def __init__(self, cin: int, cout: int, w_dim: int, k: int, res: int, demod: bool = True, act: bool = True,
                 noise: bool = True, noise_seed: int = 0):
        super().__init__()
        self.affine = EqLinear(w_dim, cin, bias_init=1.0)
        self.weight = nn.Parameter(torch.randn(cout, cin, k, k))
        self.bias = nn.Parameter(torch.zeros(cout))
        self.w_gain = 1.0 / math.sqrt(cin * k * k)
        self.pad, self.demod, self.act = k // 2, demod, act
        self.use_noise = noise
        if noise:
            g = torch.Generator().manual_seed(noise_seed)
            # "const" noise: a FIXED buffer, so outputs are reproducible.
            self.register_buffer("noise_const", torch.randn(1, 1, res, res, generator=g))
            self.noise_strength = nn.Parameter(torch.zeros([]))

    def forward(self, x, w):
        s = self.affine(w)  # [B,cin]
        weight = self.weight * self.w_gain
        if not self.demod:
            s = s * self.w_gain  # toRGB-style scaling
            weight = self.weight
        x = x * s.unsqueeze(2).unsqueeze(3)
        x = F.conv2d(x, weight, padding=self.pad)
        if self.demod:
            wsq = weight.square().sum(dim=(2, 3))  # [cout,cin]
            d = (s.square() @ wsq.t() + 1e-8).rsqrt()  # [B,cout]
            x = x * d.unsqueeze(2).unsqueeze(3)
        if self.use_noise:
            x = x + self.noise_const * self.noise_strength
        x = x + self.bias.view(1, -1, 1, 1)
        if self.act:
            x = F.leaky_relu(x, 0.2) * math.sqrt(2)
        return x


class SynthesisBlock(nn.Module):
    def __init__(self, cin: int, cout: int, w_dim: int, res: int, first: bool, seed: int):
        super().__init__()
        self.first = first
        if first:
            self.const = nn.Parameter(torch.randn(cout, res, res))
            self.conv0 = None
        else:
            self.const = None
            self.conv0 = ModConv(cin, cout, w_dim, 3, res, noise_seed=seed)
        self.conv1 = ModConv(cout, cout, w_dim, 3, res, noise_seed=seed + 1)
        self.torgb = ModConv(cout, 3, w_dim, 1, res, demod=False, act=False, noise=False)


class SynthesisNetwork(nn.Module):
    """w [B,num_ws,w_dim] -> image [B,3,R,R] (roughly [-1,1]; the export wrapper clamps)."""

    def __init__(self, w_dim: int, resolution: int, channels: Sequence[int]):
        super().__init__()
        log2 = int(math.log2(resolution))
        assert 2 ** log2 == resolution and len(channels) == log2 - 1, "channels: one per resolution 4..R"
        self.resolution, self.w_dim = resolution, w_dim
        self.num_ws = 2 * log2 - 2
        blocks = []
        for i, ch in enumerate(channels):
            res = 4 * 2 ** i
            blocks.append(SynthesisBlock(channels[i - 1] if i > 0 else ch, ch, w_dim, res, i == 0, seed=1000 + 10 * i))
        self.blocks = nn.ModuleList(blocks)

    def forward(self, ws):
        B = ws.shape[0]
        x = torch.zeros(1)
        img = torch.zeros(1)
        wi = 0
        for i, blk in enumerate(self.blocks):
            if i == 0:
                x = blk.const.unsqueeze(0).repeat(B, 1, 1, 1)
                x = blk.conv1(x, ws[:, 0])
                img = blk.torgb(x, ws[:, 1])
                wi = 1
            else:
                x = upsample2x_nearest(x)
                x = blk.conv0(x, ws[:, wi])
                x = blk.conv1(x, ws[:, wi + 1])
                img = upsample2x_bilinear(img) + blk.torgb(x, ws[:, wi + 2])
                wi += 2
        return img


class Generator(nn.Module):
    def __init__(self, kappa_dim: int = 256, z_dim: int = 32, w_dim: int = 256, resolution: int = 128,
                 channels: Sequence[int] = (128, 128, 64, 32, 16, 8), num_views: int = 4,
                 mapping_layers: int = 4, mapping_lr_mult: float = 0.1):
        super().__init__()
        self.synthesis = SynthesisNetwork(w_dim, resolution, channels)
        self.num_ws = self.synthesis.num_ws
        self.mapping = MappingNetwork(kappa_dim, z_dim, num_views, w_dim, self.num_ws, mapping_layers, mapping_lr_mult)
        self.z_dim, self.w_dim, self.resolution, self.num_views = z_dim, w_dim, resolution, num_views

    def forward(self, c, kappa, z, psi: float = 1.0, update_w_avg: bool = False):
        w = self.mapping.forward_w(c, kappa, z, update_w_avg=update_w_avg)
        if psi != 1.0:
            w = self.mapping.w_avg + psi * (w - self.mapping.w_avg)
        return self.synthesis(w.unsqueeze(1).repeat(1, self.num_ws, 1))


class SynthesisExport(nn.Module):
    def __init__(self, synthesis: SynthesisNetwork):
        super().__init__()
        self.synthesis = synthesis

    def forward(self, ws):
        return self.synthesis(ws).clamp(-1.0, 1.0)


class Discriminator(nn.Module):
    """Small projection discriminator conditioned on view class c and embedding kappa. With ``attributes`` > 0 it
    also has an auxiliary head that reads the patient's attributes from the view (AC-GAN, Odena et al. 2017):
    trained on real views, it tells the generator which drawn details make an attribute readable."""

    def __init__(self, resolution: int, kappa_dim: int, num_views: int = 4, channels=(16, 32, 64, 128, 128),
                 cmap_dim: int = 128, attributes: int = 0):
        super().__init__()
        layers = [nn.Conv2d(3, channels[0], 3, 1, 1), nn.LeakyReLU(0.2)]
        res = resolution
        cin = channels[0]
        self.attribute_tap, tap_channels = None, cin
        for ch in channels:
            layers += [nn.Conv2d(cin, ch, 3, 2, 1), nn.LeakyReLU(0.2)]
            cin = ch
            res //= 2
            if self.attribute_tap is None and res <= max(1, resolution // 8):
                self.attribute_tap, tap_channels = len(layers), ch
        self.net = nn.Sequential(*layers)
        self.fc = nn.Linear(cin * res * res, cmap_dim)
        self.out = nn.Linear(cmap_dim, 1)
        self.cmap = nn.Sequential(nn.Linear(num_views + kappa_dim, cmap_dim), nn.LeakyReLU(0.2),
                                  nn.Linear(cmap_dim, cmap_dim))
        self.cmap_dim = cmap_dim
        # Why the head reads the 1/8-resolution map pooled over positions (mean and max, as the attribute judge): a
        # crown or a gap is a few pixels anywhere in the view. On 0.2.2's training views (300 steps of 16, real views
        # only) a head on the position-bound fc stayed at chance (loss 1.06 -> 1.06), pooled at 1/32 it barely moved
        # (-> 0.95), pooled at 1/8 it learned (-> 0.81).
        self.attribute_head = nn.Linear(2 * tap_channels, attributes) if attributes > 0 else None

    def forward(self, img, c, kappa_n, with_attributes: bool = False):
        """Realness logits [B]; with ``with_attributes`` also the attribute logits [B, attributes] from the same
        convolutions (one pass for both)."""
        tap = self.net[:self.attribute_tap](img)
        f = self.net[self.attribute_tap:](tap)
        h = F.leaky_relu(self.fc(f.flatten(1)), 0.2)
        cm = self.cmap(torch.cat([c, kappa_n], dim=1))
        logits = self.out(h).squeeze(1) + (h * cm).sum(1) / math.sqrt(self.cmap_dim)
        if not with_attributes:
            return logits
        if self.attribute_head is None:
            raise ValueError("this discriminator has no attribute head (attributes=0)")
        return logits, self.attribute_head(torch.cat([tap.mean(dim=(2, 3)), tap.amax(dim=(2, 3))], dim=1))


def one_hot_views(view_idx: torch.Tensor, num_views: int = 4) -> torch.Tensor:
    return F.one_hot(view_idx.long(), num_views).float()


def count_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())
