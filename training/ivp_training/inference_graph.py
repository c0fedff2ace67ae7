"""Inference forms of the exported modules (mapping, synthesis, image encoder): the same function as the training
modules (outputs equal within float rounding, tested), computed with fewer and larger tensor operations.

Why: a forward pass of the training form runs ≈ 400 small operations (gains, per-layer style affines, demodulation,
noise, bias, activation gain, upsampling by index tricks) around 17 convolutions. Every operation costs a fixed
dispatch time in the TorchScript interpreter, and libtorch 2.7 (DJL) pays about three times what torch 1.13 pays,
so the small operations were a third of the Java synthesis time. Here:

* every constant product is folded at export: equalised-learning-rate gains, the activation gain √2 (into the
  following weights, or into the demodulation and the noise/bias term: leaky_relu(y)·√2 = leaky_relu(√2·y)),
  noise · strength + bias into one additive map per layer;
* the 17 style affines are ONE batched matmul (padded to the widest layer; padding rows are zero, so they add
  nothing); each demodulation is one small matmul against its layer's squared-weight sums, stored unpadded;
* the constant noise of a layer stays one channel ([1,1,R,R]) and its bias one value per channel, added in the
  graph: folding them into one [1,C,R,R] map per layer saved one addition per layer but made the bundle 8 MB
  larger (a 128 px generator with 32 channels at full resolution); with the unpadded demodulation this costs
  +5–13 % per four-view call (docs/benchmarks.md, session 6), the price of staying under the 40 MB bundle limit;
* nearest 2× upsampling followed by a 3×3 convolution is one stride-2 transposed convolution with a 4×4 kernel
  (the upsampled copy never exists, and it needs 16 instead of 36 multiply-adds per input pixel);
* the skip branch's bilinear 2× upsampling is an edge-replicating pad plus a fixed depthwise transposed
  convolution;
* the encoder's batch norms are folded into its convolutions, its input normalisation is one multiply-add;
* convolutions run on channels-last tensors (weights stored so, activations converted once): libtorch 2.7's
  oneDNN kernels are much faster that way (nudge strip, B=28: 116 → 62 ms in Java; torch 1.13: 116 → 86 ms).
"""
from __future__ import annotations

import math
from typing import List, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

from .models import MappingNetwork, ModConv, SynthesisNetwork, resize_bilinear

SQRT2 = math.sqrt(2.0)
_DEMOD_EPS = 1e-8

# Rows t = 0..3 of a stride-2 transposed-convolution kernel equal to "nearest 2× then a 3-tap kernel (W0, W1, W2)":
# even outputs read W0·x[i-1] + (W1+W2)·x[i], odd outputs (W0+W1)·x[i] + W2·x[i+1].
_NEAREST_THEN_3TAP = torch.tensor([[0.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0], [1.0, 0.0, 0.0]],
                                  dtype=torch.float64)


def nearest2x_conv3x3_as_transposed(weight: torch.Tensor) -> torch.Tensor:
    """[cout, cin, 3, 3] conv weight → [cin, cout, 4, 4] weight of conv_transpose2d(stride=2, padding=1) that equals
    conv2d(nearest_2x(x), weight, padding=1)."""
    m = _NEAREST_THEN_3TAP
    k = torch.einsum("tk,oikl,ul->oitu", m, weight.double(), m)
    return k.transpose(0, 1).contiguous().to(weight.dtype)


def channels_last(module: nn.Module, names) -> None:
    """Stores the named 4-D buffers channels-last (saved that way by torch.jit.save)."""
    for n in names:
        setattr(module, n, getattr(module, n).contiguous(memory_format=torch.channels_last))


def bilinear2x_kernel(channels: int) -> torch.Tensor:
    """Depthwise conv_transpose2d(stride=2) kernel that, after a one-pixel replicate pad and a crop of 3, equals
    F.interpolate(scale_factor=2, mode="bilinear", align_corners=False)."""
    k = torch.tensor([0.25, 0.75, 0.75, 0.25])
    return torch.outer(k, k).expand(channels, 1, 4, 4).contiguous()


def bilinear2x(img: torch.Tensor, kernel: torch.Tensor) -> torch.Tensor:
    up = F.conv_transpose2d(F.pad(img, (1, 1, 1, 1), mode="replicate"), kernel, stride=2, groups=kernel.shape[0])
    return up[:, :, 3:-3, 3:-3]


class MappingInference(nn.Module):
    """MappingNetwork.forward with gains folded: (c [B,V], kappa [B,D], z [B,Z], psi [1]) → w [B,num_ws,w_dim]."""

    def __init__(self, m: MappingNetwork):
        super().__init__()
        self.num_ws = m.num_ws
        self.use_z = m.z_dim > 0
        self.register_buffer("wk", (m.embed_k.weight * m.embed_k.w_gain).detach().clone())
        self.register_buffer("bk", (m.embed_k.bias * m.embed_k.b_gain).detach().clone())
        self.register_buffer("wc", (m.embed_c.weight * m.embed_c.w_gain).detach().clone())
        self.register_buffer("bc", (m.embed_c.bias * m.embed_c.b_gain).detach().clone())
        self.n_fc = len(m.fcs)
        for i, fc in enumerate(m.fcs):
            assert fc.act, "mapping layers all end in leaky ReLU"
            self.register_buffer(f"fw{i}", (fc.weight * fc.w_gain * SQRT2).detach().clone())
            self.register_buffer(f"fb{i}", (fc.bias * fc.b_gain * SQRT2).detach().clone())
        self.register_buffer("w_avg", m.w_avg.detach().clone())

    @staticmethod
    def _norm(x):
        return x * (x.square().mean(dim=1, keepdim=True) + 1e-8).rsqrt()

    def forward(self, c, kappa, z, psi):
        parts = [self._norm(F.linear(kappa, self.wk, self.bk)), self._norm(F.linear(c, self.wc, self.bc))]
        if self.use_z:
            parts.append(self._norm(z))
        x = torch.cat(parts, dim=1)
        for i in range(self.n_fc):
            x = F.leaky_relu(F.linear(x, getattr(self, f"fw{i}"), getattr(self, f"fb{i}")), 0.2)
        x = torch.lerp(self.w_avg, x, psi)
        return x.unsqueeze(1).repeat(1, self.num_ws, 1)


def _layers(syn: SynthesisNetwork) -> List[Tuple[ModConv, int, bool]]:
    """(layer, index into ws, upsamples before it) in evaluation order, as SynthesisNetwork.forward walks them."""
    out: List[Tuple[ModConv, int, bool]] = []
    wi = 0
    for i, blk in enumerate(syn.blocks):
        if i == 0:
            out += [(blk.conv1, 0, False), (blk.torgb, 1, False)]
            wi = 1
        else:
            out += [(blk.conv0, wi, True), (blk.conv1, wi + 1, False), (blk.torgb, wi + 2, False)]
            wi += 2
    return out


class SynthesisInference(nn.Module):
    """SynthesisExport (clamped image) with folded constants and batched styles: ws [B,num_ws,w_dim] → [B,3,R,R]."""

    def __init__(self, syn: SynthesisNetwork):
        super().__init__()
        layers = _layers(syn)
        w_dim = syn.w_dim
        L = len(layers)
        cmax = max(max(m.weight.shape[0], m.weight.shape[1]) for m, _, _ in layers)
        A = torch.zeros(L, w_dim, cmax)
        b = torch.zeros(L, 1, cmax)
        self.plan: List[Tuple[str, int, int, int, int]] = []  # (kind, layer, cin, cout, pad)
        with torch.no_grad():
            for l, (m, _, up) in enumerate(layers):
                cout, cin = m.weight.shape[0], m.weight.shape[1]
                aw = m.affine.weight * m.affine.w_gain
                ab = m.affine.bias * m.affine.b_gain
                if m.demod:
                    assert m.act and m.use_noise, "demodulated layers carry noise and an activation"
                    weight = m.weight * m.w_gain
                    # d·√2 = rsqrt(q / 2)
                    self.register_buffer(f"q{l}", (weight.square().sum(dim=(2, 3)).t() / 2.0).detach().contiguous())
                    self.register_buffer(f"noise{l}", (m.noise_const * m.noise_strength * SQRT2).detach().clone())
                    self.register_buffer(f"bias{l}", (m.bias.view(1, -1, 1, 1) * SQRT2).detach().clone())
                    if up:
                        assert m.weight.shape[2] == 3, "upsampling layers are 3x3"
                        self.register_buffer(f"w{l}", nearest2x_conv3x3_as_transposed(weight.detach()))
                        kind = "up"
                    else:
                        self.register_buffer(f"w{l}", weight.detach().clone())
                        kind = "conv"
                else:
                    assert not m.act and not m.use_noise and not up, "toRGB layers are plain modulated convolutions"
                    aw, ab = aw * m.w_gain, ab * m.w_gain
                    self.register_buffer(f"w{l}", m.weight.detach().clone())
                    self.register_buffer(f"rb{l}", m.bias.detach().clone())
                    kind = "rgb"
                A[l, :, :cin] = aw.t()
                b[l, 0, :cin] = ab
                self.plan.append((kind, l, cin, cout, m.pad))
        self.register_buffer("A", A)
        self.register_buffer("b", b)
        self.demod_eps = _DEMOD_EPS / 2.0
        self.register_buffer("ws_index", torch.tensor([wi for _, wi, _ in layers], dtype=torch.long))
        self.register_buffer("const", syn.blocks[0].const.detach().unsqueeze(0).clone())
        self.register_buffer("up_rgb", bilinear2x_kernel(3))
        channels_last(self, [n for n, t in self.named_buffers() if t.dim() == 4])

    def forward(self, ws):
        # styles of every layer at once: [L, B, cmax]
        styles = torch.baddbmm(self.b, ws.index_select(1, self.ws_index).transpose(0, 1), self.A)
        s = styles.unsqueeze(-1).unsqueeze(-1)
        x = self.const
        img = torch.zeros(1)
        first_rgb = True
        for kind, l, cin, cout, pad in self.plan:
            xs = x * s[l, :, :cin]
            w = getattr(self, f"w{l}")
            if kind == "rgb":
                y = F.conv2d(xs, w, getattr(self, f"rb{l}"))
                img = y if first_rgb else bilinear2x(img, self.up_rgb) + y
                first_rgb = False
                continue
            if kind == "up":
                y = F.conv_transpose2d(xs, w, stride=2, padding=1)
            else:
                y = F.conv2d(xs, w, padding=pad)
            q = getattr(self, f"q{l}")
            d = torch.matmul(styles[l, :, :cin].square(), q).add(self.demod_eps).rsqrt().unsqueeze(-1).unsqueeze(-1)
            shift = getattr(self, f"noise{l}") + getattr(self, f"bias{l}")
            x = F.leaky_relu(torch.addcmul(shift, y, d), 0.2)
        return img.clamp(-1.0, 1.0).contiguous()


def _fold_bn(conv: nn.Conv2d, bn: nn.BatchNorm2d) -> Tuple[torch.Tensor, torch.Tensor]:
    """Weight and bias of one convolution equal to conv followed by bn in eval mode."""
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    weight = conv.weight * scale.view(-1, 1, 1, 1)
    bias = bn.bias - bn.running_mean * scale
    if conv.bias is not None:
        bias = bias + conv.bias * scale
    return weight.detach().clone(), bias.detach().clone()


class ImageEncoderInference(nn.Module):
    """ImageEncoderExport with batch norms folded into the convolutions and the input normalisation as one
    multiply-add: [B,3,H,W] RGB 0..255 (float32, or uint8: the resize reads the same integers) → [B,D]."""

    def __init__(self, clip):
        super().__init__()
        tower = clip.image
        self.size = tower.input_size
        self.register_buffer("scale", (1.0 / (255.0 * clip.img_std)).detach().clone())
        self.register_buffer("shift", (-clip.img_mean / clip.img_std).detach().clone())
        stem_conv, stem_bn = tower.stem[0], tower.stem[1]
        self.stem_stride = stem_conv.stride[0]
        self.register_buffer("stem_w", _fold_bn(stem_conv, stem_bn)[0])
        self.register_buffer("stem_b", _fold_bn(stem_conv, stem_bn)[1])
        self.blocks: List[Tuple[int, bool]] = []  # (stride, has a projection shortcut)
        for i, st in enumerate(tower.stages):
            w1, b1 = _fold_bn(st.conv1, st.bn1)
            w2, b2 = _fold_bn(st.conv2, st.bn2)
            for n, t in (("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2)):
                self.register_buffer(f"{n}_{i}", t)
            if st.short is not None:
                ws, bs = _fold_bn(st.short[0], st.short[1])
                self.register_buffer(f"ws_{i}", ws)
                self.register_buffer(f"bs_{i}", bs)
            self.blocks.append((st.conv1.stride[0], st.short is not None))
        self.register_buffer("proj_w", tower.proj.weight.detach().clone())
        self.register_buffer("proj_b", tower.proj.bias.detach().clone())
        channels_last(self, [n for n, t in self.named_buffers() if t.dim() == 4 and n not in ("scale", "shift")])

    def forward(self, x):
        x = torch.addcmul(self.shift, resize_bilinear(x, self.size), self.scale)
        x = x.contiguous(memory_format=torch.channels_last)
        x = F.relu(F.conv2d(x, self.stem_w, self.stem_b, stride=self.stem_stride, padding=1))
        for i, (stride, projected) in enumerate(self.blocks):
            y = F.relu(F.conv2d(x, getattr(self, f"w1_{i}"), getattr(self, f"b1_{i}"), stride=stride, padding=1))
            y = F.conv2d(y, getattr(self, f"w2_{i}"), getattr(self, f"b2_{i}"), padding=1)
            s = F.conv2d(x, getattr(self, f"ws_{i}"), getattr(self, f"bs_{i}"), stride=stride) if projected else x
            x = F.relu(y + s)
        pooled = torch.cat([x.mean(dim=(2, 3)), x.amax(dim=(2, 3))], dim=1)
        return F.linear(pooled, self.proj_w, self.proj_b)
