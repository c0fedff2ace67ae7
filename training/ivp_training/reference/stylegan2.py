"""Our own definition of the CLIP-IVP generator (StyleGAN2-ADA conditional mapping + 'skip' synthesis), filled
from the state recorded in a network pickle (safe_pickle.PersistentRecord). Nothing of the pickle's source code is
used: the architecture is written from its published description, and every number it needs (gains, clamps,
padding, the resampling filter) is read from the recorded attributes and buffers.

The eager modules here follow the definition literally (per-sample modulated weights, zero-insertion
up-sampling followed by the FIR filter); stylegan2_inference.py holds the faster forms that are exported.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Dict, List, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

from .safe_pickle import PersistentRecord, RefusedPickle

VIEW_COUNT = 4
DEMOD_EPS = 1e-8
LRELU_SLOPE = 0.2


class ImportProblem(ValueError):
    """What the importer found missing or unexpected, in words a user can act on."""


@dataclass
class FcSpec:
    weight: torch.Tensor  # [out, in], without gain
    bias: torch.Tensor    # [out], without gain
    w_gain: float
    b_gain: float
    lrelu: bool           # activation 'lrelu' (gain √2, slope 0.2) or 'linear'

    def gained(self):
        return self.weight * self.w_gain, self.bias * self.b_gain


@dataclass
class LayerSpec:
    """A modulated convolution: SynthesisLayer (demodulated, noise, lrelu) or ToRGBLayer (plain, linear)."""
    affine: FcSpec
    weight: torch.Tensor              # [out, in, k, k]
    bias: torch.Tensor                # [out]
    style_gain: float                 # ToRGB multiplies its styles by weight_gain; SynthesisLayer by 1
    demod: bool
    up: int
    padding: int
    act_gain: float                   # √2 for lrelu layers, 1 for ToRGB
    clamp: Optional[float]
    noise: Optional[torch.Tensor]     # noise_const · noise_strength, [R, R]
    filter: Optional[torch.Tensor]    # resampling FIR [4,4] (normalised, without the up² gain)
    ws_index: int = 0


@dataclass
class BlockSpec:
    resolution: int
    const: Optional[torch.Tensor]
    conv0: Optional[LayerSpec]
    conv1: LayerSpec
    torgb: LayerSpec
    filter: torch.Tensor


@dataclass
class GeneratorSpec:
    z_dim: int
    c_dim: int
    w_dim: int
    img_dim: int
    resolution: int
    num_ws: int
    embed: FcSpec
    img_embed: FcSpec
    fcs: List[FcSpec]
    w_avg: torch.Tensor
    blocks: List[BlockSpec]
    fp16_resolutions: List[int]
    channels: Dict[int, int]

    def layers(self) -> List[LayerSpec]:
        out: List[LayerSpec] = []
        for b in self.blocks:
            out += [l for l in (b.conv0, b.conv1, b.torgb) if l is not None]
        return out

    def parameter_count(self) -> int:
        n = sum(t.numel() for f in [self.embed, self.img_embed, *self.fcs] for t in (f.weight, f.bias))
        for l in self.layers():
            n += l.weight.numel() + l.bias.numel() + l.affine.weight.numel() + l.affine.bias.numel()
            n += 1 if l.noise is not None else 0
        return n + sum(b.const.numel() for b in self.blocks if b.const is not None)

    def flops_per_image(self) -> int:
        """Multiply-adds × 2 of the synthesis convolutions and FIR filters for one image (mapping excluded: it is
        three orders of magnitude smaller)."""
        total = 0
        for b in self.blocks:
            r = b.resolution
            for l in (b.conv0, b.conv1, b.torgb):
                if l is None:
                    continue
                cout, cin, k, _ = l.weight.shape
                total += 2 * cin * cout * k * k * (r // l.up) ** 2
                if l.up > 1:
                    total += 2 * cout * 16 * r * r
            if b.conv0 is not None:
                total += 2 * 3 * 16 * r * r
        return total


# ------------------------------------------------------------------------------------------------
def _float(t: torch.Tensor) -> torch.Tensor:
    return t.detach().to(torch.float32).clone()


def _fc(rec: PersistentRecord, where: str) -> FcSpec:
    t = rec.tensors()
    if "weight" not in t:
        raise ImportProblem(f"{where}: the fully connected layer has no weight")
    act = rec.attr("activation", where)
    if act not in ("linear", "lrelu"):
        raise ImportProblem(f"{where}: activation '{act}' is not supported (CLIP-IVP uses 'linear' and 'lrelu')")
    bias = t.get("bias")
    if bias is None:
        bias = torch.zeros(t["weight"].shape[0])
    return FcSpec(_float(t["weight"]), _float(bias), float(rec.attr("weight_gain", where)),
                  float(rec.attr("bias_gain", where)), act == "lrelu")


def _layer(rec: PersistentRecord, where: str, torgb: bool) -> LayerSpec:
    t = {k: v for k, v in rec.tensors().items() if not k.startswith("affine.")}
    clamp = rec.state.get("conv_clamp")
    if torgb:
        return LayerSpec(_fc(rec.module("affine"), where + ".affine"), _float(t["weight"]), _float(t["bias"]),
                         float(rec.attr("weight_gain", where)), False, 1, 0, 1.0,
                         None if clamp is None else float(clamp), None, None)
    act = rec.attr("activation", where)
    if act != "lrelu":
        raise ImportProblem(f"{where}: activation '{act}' is not supported (StyleGAN2 synthesis uses 'lrelu')")
    up = int(rec.attr("up", where))
    if up not in (1, 2):
        raise ImportProblem(f"{where}: up-sampling factor {up} is not supported (StyleGAN2 uses 1 or 2)")
    noise = None
    if rec.attr("use_noise", where):
        if "noise_const" not in t:
            raise ImportProblem(f"{where}: the layer uses noise but has no noise_const buffer")
        noise = _float(t["noise_const"]) * float(t["noise_strength"])
    filt = t.get("resample_filter")
    return LayerSpec(_fc(rec.module("affine"), where + ".affine"), _float(t["weight"]), _float(t["bias"]), 1.0,
                     True, up, int(rec.attr("padding", where)), float(rec.attr("act_gain", where)),
                     None if clamp is None else float(clamp), noise, None if filt is None else _float(filt))


def _check_filter(f: Optional[torch.Tensor], where: str) -> torch.Tensor:
    if f is None or f.dim() != 2 or tuple(f.shape) != (4, 4):
        raise ImportProblem(f"{where}: expected a 4×4 resampling filter (setup_filter([1,3,3,1])), found "
                            f"{None if f is None else tuple(f.shape)}")
    return f


def generator_spec(G: PersistentRecord) -> GeneratorSpec:
    """Validates a recorded CLIP-IVP Generator and returns its weights and settings; ImportProblem says what is
    missing or unexpected."""
    if G.class_name != "Generator":
        raise ImportProblem(f"G_ema is a {G.class_name}, expected the CLIP-IVP Generator")
    kw = G.init_kwargs
    for k in ("z_dim", "c_dim", "w_dim", "img_resolution", "img_channels"):
        if k not in kw and k not in G.state:
            raise ImportProblem(f"the pickle's generator does not record '{k}'")
    get = lambda k: kw.get(k, G.state.get(k))  # noqa: E731
    c_dim, img_channels, res = int(get("c_dim")), int(get("img_channels")), int(get("img_resolution"))
    if c_dim != VIEW_COUNT:
        raise ImportProblem(f"this pickle's generator has c_dim {c_dim}, CLIP-IVP uses {VIEW_COUNT} views "
                            "(left, right, lower, upper)")
    if img_channels != 3:
        raise ImportProblem(f"this pickle's generator draws {img_channels} channels, expected 3 (RGB)")
    if res < 64 or res > 1024 or res & (res - 1):
        raise ImportProblem(f"resolution {res} is not supported (64, 128, 256, 512 or 1024)")
    mp, syn = G.module("mapping"), G.module("synthesis")
    img_dim = int(mp.attr("img_dim", "mapping"))
    if img_dim <= 0:
        raise ImportProblem("this pickle's generator has no image-embedding input (img_dim 0): it is a plain "
                            "StyleGAN2-ADA network, not CLIP-IVP")
    n_layers = int(mp.attr("num_layers", "mapping"))
    fcs = [_fc(mp.module(f"fc{i}"), f"mapping.fc{i}") for i in range(n_layers)]
    w_avg = mp.tensors().get("w_avg")
    if w_avg is None:
        raise ImportProblem("the mapping network has no w_avg (truncation needs it)")
    blocks: List[BlockSpec] = []
    resolutions = list(syn.attr("block_resolutions", "synthesis"))
    if resolutions != [2 ** i for i in range(2, int(math.log2(res)) + 1)]:
        raise ImportProblem(f"synthesis blocks {resolutions} do not run 4..{res}")
    ws_index = 0
    channels: Dict[int, int] = {}
    fp16 = []
    for r in resolutions:
        b = syn.module(f"b{r}")
        where = f"synthesis.b{r}"
        arch = b.attr("architecture", where)
        if arch != "skip":
            raise ImportProblem(f"{where}: architecture '{arch}' is not supported (CLIP-IVP uses 'skip')")
        if b.state.get("use_fp16"):
            fp16.append(r)
        bt = b.tensors()
        conv0 = None if r == 4 else _layer(b.module("conv0"), where + ".conv0", False)
        conv1 = _layer(b.module("conv1"), where + ".conv1", False)
        torgb = _layer(b.module("torgb"), where + ".torgb", True)
        if conv0 is not None:
            if conv0.up != 2 or conv0.weight.shape[-1] != 3 or conv0.padding != 1:
                raise ImportProblem(f"{where}.conv0: expected a 3×3 up-sampling layer with padding 1")
            conv0.filter = _check_filter(conv0.filter, where + ".conv0")
            conv0.ws_index, ws_index = ws_index, ws_index + 1
        conv1.ws_index = ws_index
        ws_index += 1
        torgb.ws_index = ws_index
        const = _float(bt["const"]) if r == 4 else None
        if r == 4 and const is None:
            raise ImportProblem(f"{where}: the first block has no const input")
        blocks.append(BlockSpec(r, const, conv0, conv1, torgb, _check_filter(bt.get("resample_filter"), where)))
        channels[r] = conv1.weight.shape[0]
    num_ws = ws_index + 1
    recorded_ws = int(syn.attr("num_ws", "synthesis"))
    if recorded_ws != num_ws:
        raise ImportProblem(f"the synthesis network records num_ws {recorded_ws}, its layers use {num_ws}")
    spec = GeneratorSpec(int(get("z_dim")), c_dim, int(get("w_dim")), img_dim, res, num_ws,
                         _fc(mp.module("embed"), "mapping.embed"), _fc(mp.module("img_embed"), "mapping.img_embed"),
                         fcs, _float(w_avg), blocks, fp16, channels)
    if spec.fcs[-1].weight.shape[0] != spec.w_dim:
        raise ImportProblem(f"the last mapping layer gives {spec.fcs[-1].weight.shape[0]} values, w_dim is "
                            f"{spec.w_dim}")
    return spec


def read_generator(snapshot: dict) -> GeneratorSpec:
    if "G_ema" not in snapshot:
        raise ImportProblem("the pickle has no 'G_ema' (keys: " + ", ".join(map(str, snapshot)) + "); "
                            "expected a network-snapshot-*.pkl written by the CLIP-IVP training code")
    G = snapshot["G_ema"]
    if not isinstance(G, PersistentRecord):
        raise ImportProblem("'G_ema' is not a recorded network")
    try:
        return generator_spec(G)
    except RefusedPickle as e:
        raise ImportProblem(str(e)) from None


# ------------------------------------------------------------------------------------------------
def _bias_act(x: torch.Tensor, b: torch.Tensor, lrelu: bool, gain: float, clamp: Optional[float]) -> torch.Tensor:
    x = x + b.view(1, -1, *([1] * (x.dim() - 2)))
    if lrelu:
        x = F.leaky_relu(x, LRELU_SLOPE)
    x = x * gain
    return x if clamp is None else x.clamp(-clamp, clamp)


def _fc_forward(f: FcSpec, x: torch.Tensor) -> torch.Tensor:
    w, b = f.gained()
    return _bias_act(x.matmul(w.t()), b, f.lrelu, math.sqrt(2.0) if f.lrelu else 1.0, None)


def normalize_2nd_moment(x: torch.Tensor) -> torch.Tensor:
    return x * (x.square().mean(dim=1, keepdim=True) + 1e-8).rsqrt()


def fir_upsample2x(x: torch.Tensor, f: torch.Tensor) -> torch.Tensor:
    """upfirdn2d up=2 as defined: insert zeros after every sample, pad (2, 1), convolve with the filter × 4."""
    b, c, h, w = x.shape
    z = x.new_zeros(b, c, h, 2, w, 2)
    z[:, :, :, 0, :, 0] = x
    z = F.pad(z.reshape(b, c, 2 * h, 2 * w), (2, 1, 2, 1))
    return F.conv2d(z, (f * 4).flip([0, 1]).expand(c, 1, 4, 4), groups=c)


def fir_filter(x: torch.Tensor, f: torch.Tensor, pad: int) -> torch.Tensor:
    c = x.shape[1]
    return F.conv2d(F.pad(x, (pad,) * 4), (f * 4).flip([0, 1]).expand(c, 1, 4, 4), groups=c)


class EagerMapping(nn.Module):
    """(c [B,4], κ [B,D], z [B,Z], ψ [1]) → w [B,num_ws,w_dim]; z is ignored (CLIP-IVP trains without it)."""

    def __init__(self, spec: GeneratorSpec):
        super().__init__()
        self.spec = spec

    def forward(self, c, kappa, z, psi):
        s = self.spec
        x = normalize_2nd_moment(_fc_forward(s.img_embed, kappa))
        y = normalize_2nd_moment(_fc_forward(s.embed, c))
        x = torch.cat([x, y], dim=1)
        for f in s.fcs:
            x = _fc_forward(f, x)
        x = x.unsqueeze(1).repeat(1, s.num_ws, 1)
        return s.w_avg.lerp(x, psi)


def modulated_layer(l: LayerSpec, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    """One layer with per-sample weights (the definition, not the fast form)."""
    B, cin, H, W = x.shape
    styles = _fc_forward(l.affine, w) * l.style_gain
    wt = l.weight.unsqueeze(0) * styles[:, None, :, None, None]
    if l.demod:
        wt = wt * (wt.square().sum(dim=[2, 3, 4], keepdim=True) + DEMOD_EPS).rsqrt()
    cout, k = wt.shape[1], wt.shape[-1]
    xg = x.reshape(1, B * cin, H, W)
    if l.up == 1:
        y = F.conv2d(xg, wt.reshape(B * cout, cin, k, k), padding=l.padding, groups=B)
    else:
        wtt = wt.transpose(1, 2).reshape(B * cin, cout, k, k)
        y = F.conv_transpose2d(xg, wtt, stride=2, groups=B)
        y = fir_filter(y, l.filter, l.padding)
    y = y.reshape(B, cout, *y.shape[2:])
    if l.noise is not None:
        y = y + l.noise
    return _bias_act(y, l.bias, l.demod, l.act_gain, l.clamp)


class EagerSynthesis(nn.Module):
    """ws [B,num_ws,w_dim] → image [B,3,R,R] clamped to [-1, 1] (the bundle's contract)."""

    def __init__(self, spec: GeneratorSpec):
        super().__init__()
        self.spec = spec

    def forward(self, ws):
        img = None
        x = None
        for b in self.spec.blocks:
            if b.const is not None:
                x = b.const.unsqueeze(0).repeat(ws.shape[0], 1, 1, 1)
            if b.conv0 is not None:
                x = modulated_layer(b.conv0, x, ws[:, b.conv0.ws_index])
            x = modulated_layer(b.conv1, x, ws[:, b.conv1.ws_index])
            y = modulated_layer(b.torgb, x, ws[:, b.torgb.ws_index])
            img = y if img is None else fir_upsample2x(img, b.filter) + y
        return img.clamp(-1.0, 1.0)
