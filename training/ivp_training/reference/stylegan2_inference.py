"""Exported (inference) forms of the imported generator: the same function as stylegan2.EagerMapping /
EagerSynthesis (equal within float rounding, tested), computed with fewer, larger operations, as
ivp_training.inference_graph does for the generators trained here:

* gains folded into the weights; the activation gain g (√2) folded into the demodulation factors and the
  noise-plus-bias map (g·lrelu(y) = lrelu(g·y) for g > 0);
* activations are modulated instead of weights (x·s convolved with the shared weight, then × d), so a batch
  is one convolution per layer, not a grouped convolution per sample;
* all style affines are one batched matmul, all demodulation factors another (padded to the widest layer;
  padding rows are zero);
* the skip branch's FIR up-sampling (zero insertion, pad (2,1), 4×4 filter) is one depthwise stride-2
  transposed convolution with the filter itself, padding 1; the up-sampling convolution is a stride-2 transposed
  convolution followed by the depthwise FIR filter, as defined;
* convolutions run channels-last.
"""
from __future__ import annotations

from typing import List, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..inference_graph import channels_last
from .stylegan2 import DEMOD_EPS, LRELU_SLOPE, GeneratorSpec

SQRT2 = 2.0 ** 0.5


class MappingInference(nn.Module):
    """EagerMapping with the gains folded (z is accepted and ignored: CLIP-IVP models never use it)."""

    def __init__(self, spec: GeneratorSpec):
        super().__init__()
        self.num_ws = spec.num_ws
        wk, bk = spec.img_embed.gained()
        wc, bc = spec.embed.gained()
        self._lin("k", wk, bk, spec.img_embed.lrelu)
        self._lin("c", wc, bc, spec.embed.lrelu)
        self.emb_acts = (spec.img_embed.lrelu, spec.embed.lrelu)
        self.acts: List[bool] = []
        for i, f in enumerate(spec.fcs):
            w, b = f.gained()
            self._lin(f"f{i}", w, b, f.lrelu)
            self.acts.append(f.lrelu)
        self.register_buffer("w_avg", spec.w_avg.clone())

    def _lin(self, name, w, b, lrelu):
        g = SQRT2 if lrelu else 1.0
        self.register_buffer(f"w_{name}", (w * g).contiguous())
        self.register_buffer(f"b_{name}", (b * g).contiguous())

    def _apply(self, name: str, x, lrelu: bool):
        y = F.linear(x, getattr(self, f"w_{name}"), getattr(self, f"b_{name}"))
        return F.leaky_relu(y, LRELU_SLOPE) if lrelu else y

    @staticmethod
    def _norm(x):
        return x * (x.square().mean(dim=1, keepdim=True) + 1e-8).rsqrt()

    def forward(self, c, kappa, z, psi):
        x = torch.cat([self._norm(self._apply("k", kappa, self.emb_acts[0])),
                       self._norm(self._apply("c", c, self.emb_acts[1]))], dim=1)
        for i, lrelu in enumerate(self.acts):
            x = self._apply(f"f{i}", x, lrelu)
        x = torch.lerp(self.w_avg, x, psi)
        return x.unsqueeze(1).repeat(1, self.num_ws, 1)


class SynthesisInference(nn.Module):
    """EagerSynthesis with folded constants, batched styles and shared-weight convolutions."""

    def __init__(self, spec: GeneratorSpec):
        super().__init__()
        layers = spec.layers()
        L = len(layers)
        cmax = max(max(l.weight.shape[0], l.weight.shape[1]) for l in layers)
        A = torch.zeros(L, spec.w_dim, cmax)
        b = torch.zeros(L, 1, cmax)
        Q = torch.zeros(L, cmax, cmax)
        eps = torch.zeros(L, 1, cmax)
        # (kind, layer, cin, cout, padding, clamp or -1)
        self.plan: List[Tuple[str, int, int, int, int, float]] = []
        with torch.no_grad():
            for i, l in enumerate(layers):
                cout, cin = l.weight.shape[0], l.weight.shape[1]
                aw, ab = l.affine.gained()
                assert not l.affine.lrelu, "style affines are linear"
                A[i, :, :cin] = (aw * l.style_gain).t()
                b[i, 0, :cin] = ab * l.style_gain
                clamp = -1.0 if l.clamp is None else l.clamp
                if l.demod:
                    g = l.act_gain
                    Q[i, :cin, :cout] = l.weight.square().sum(dim=(2, 3)).t() / (g * g)
                    eps[i, 0, :cout] = DEMOD_EPS / (g * g)
                    nb = l.bias.view(1, -1, 1, 1) * torch.ones(1, 1, 1, 1)
                    if l.noise is not None:
                        nb = nb + l.noise.view(1, 1, *l.noise.shape)
                    self.register_buffer(f"nb{i}", (nb * g).contiguous())
                    if l.up == 2:
                        self.register_buffer(f"w{i}", l.weight.transpose(0, 1).contiguous())
                        self.register_buffer(f"fir{i}", (l.filter * 4).flip([0, 1]).expand(cout, 1, 4, 4).contiguous())
                        kind = "up"
                    else:
                        self.register_buffer(f"w{i}", l.weight.clone())
                        kind = "conv"
                else:
                    self.register_buffer(f"w{i}", l.weight.clone())
                    self.register_buffer(f"rb{i}", l.bias.clone())
                    kind = "rgb"
                self.plan.append((kind, i, cin, cout, l.padding, clamp))
        self.register_buffer("A", A)
        self.register_buffer("b", b)
        self.register_buffer("Q", Q)
        self.register_buffer("eps", eps)
        self.register_buffer("ws_index", torch.tensor([l.ws_index for l in layers], dtype=torch.long))
        self.register_buffer("const", spec.blocks[0].const.unsqueeze(0).clone())
        # skip branch: per block after the first, the block's filter as a depthwise transposed-conv kernel
        for k, blk in enumerate(spec.blocks[1:]):
            self.register_buffer(f"up_rgb{k}", (blk.filter * 4).expand(3, 1, 4, 4).contiguous())
        channels_last(self, [n for n, t in self.named_buffers() if t.dim() == 4])

    def forward(self, ws):
        s = torch.baddbmm(self.b, ws.index_select(1, self.ws_index).transpose(0, 1), self.A)
        d = torch.baddbmm(self.eps, s.square(), self.Q).rsqrt().unsqueeze(-1).unsqueeze(-1)
        s = s.unsqueeze(-1).unsqueeze(-1)
        x = self.const.expand(ws.shape[0], -1, -1, -1).contiguous(memory_format=torch.channels_last)
        img = torch.zeros(1)
        rgb = 0
        for kind, i, cin, cout, pad, clamp in self.plan:
            xs = x * s[i, :, :cin]
            w = getattr(self, f"w{i}")
            if kind == "rgb":
                y = F.conv2d(xs, w, getattr(self, f"rb{i}"))
                if clamp >= 0:
                    y = y.clamp(-clamp, clamp)
                if rgb == 0:
                    img = y
                else:
                    img = F.conv_transpose2d(img, getattr(self, f"up_rgb{rgb - 1}"), stride=2, padding=1,
                                             groups=3) + y
                rgb += 1
                continue
            if kind == "up":
                y = F.conv_transpose2d(xs, w, stride=2)
                y = F.conv2d(F.pad(y, (pad, pad, pad, pad)), getattr(self, f"fir{i}"), groups=cout)
            else:
                y = F.conv2d(xs, w, padding=pad)
            x = F.leaky_relu(torch.addcmul(getattr(self, f"nb{i}"), y, d[i, :, :cout]), LRELU_SLOPE)
            if clamp >= 0:
                x = x.clamp(-clamp, clamp)
        return img.clamp(-1.0, 1.0).contiguous()
