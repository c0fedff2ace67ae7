"""Random-weight networks in the reference code's layout, written in its pickle format by our own code: the
fixtures for importer tests and benchmarks (real weights cannot be downloaded here).

``write_network_pickle`` produces the structure ``pickle.dump`` gives for NVlabs ``torch_utils.persistence``
objects: a snapshot dict whose networks are calls of ``torch_utils.persistence._reconstruct_persistent_obj`` with
a ``meta`` dict (type 'class', version, module_src, class_name, state = the module's ``__dict__`` with its
parameters, buffers, sub-modules and ``_init_args``/``_init_kwargs``). Tensors are pickled by torch itself
(``torch.storage._load_from_bytes`` of a legacy ``torch.save`` stream), as in the real snapshots.
"""
from __future__ import annotations

import math
import pickle
import sys
import types
from collections import OrderedDict
from contextlib import contextmanager
from typing import Dict, Optional

import torch

SQRT2 = math.sqrt(2.0)


class Net:
    """A network as pickled: class name and module __dict__; pickles as a persistence reconstruct call."""

    def __init__(self, class_name: str, init_kwargs: dict, attrs: dict, params: Dict[str, torch.Tensor],
                 buffers: Optional[Dict[str, torch.Tensor]] = None, modules: Optional[Dict[str, "Net"]] = None,
                 source: str = ""):
        self.class_name = class_name
        self.source = source or f"class {class_name}: pass\n"
        self.state = {
            "training": False,
            "_parameters": OrderedDict((k, torch.nn.Parameter(v, requires_grad=False)) for k, v in params.items()),
            "_buffers": OrderedDict(buffers or {}),
            "_non_persistent_buffers_set": set(),
            "_backward_hooks": OrderedDict(), "_forward_hooks": OrderedDict(), "_forward_pre_hooks": OrderedDict(),
            "_state_dict_hooks": OrderedDict(), "_load_state_dict_pre_hooks": OrderedDict(),
            "_modules": OrderedDict(modules or {}),
            "_init_args": (), "_init_kwargs": dict(init_kwargs),
            **attrs,
        }

    def __reduce__(self):
        meta = dict(type="class", version=4, module_src=self.source, class_name=self.class_name, state=self.state)
        return (sys.modules["torch_utils.persistence"]._reconstruct_persistent_obj, (meta,))


def _refuse(*_a, **_k):  # pragma: no cover - only its name is pickled
    raise RuntimeError("this stand-in is never called")


@contextmanager
def persistence_module():
    """Registers a module named torch_utils.persistence while pickling, so pickle records the reconstruct call
    under the reference's name."""
    pkg = types.ModuleType("torch_utils")
    mod = types.ModuleType("torch_utils.persistence")
    _refuse.__module__, _refuse.__qualname__, _refuse.__name__ = ("torch_utils.persistence",) + \
        ("_reconstruct_persistent_obj",) * 2
    mod._reconstruct_persistent_obj = _refuse
    pkg.persistence = mod
    saved = {k: sys.modules.get(k) for k in ("torch_utils", "torch_utils.persistence")}
    sys.modules.update({"torch_utils": pkg, "torch_utils.persistence": mod})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v


def fir_filter_4x4() -> torch.Tensor:
    f = torch.tensor([1.0, 3.0, 3.0, 1.0])
    f = torch.outer(f, f)
    return f / f.sum()


def _fc(g, fin, fout, activation="linear", lr=1.0, bias_init=0.0) -> Net:
    return Net("FullyConnectedLayer", dict(in_features=fin, out_features=fout, activation=activation,
                                           lr_multiplier=lr, bias_init=bias_init),
               dict(activation=activation, weight_gain=lr / math.sqrt(fin), bias_gain=lr),
               {"weight": torch.randn(fout, fin, generator=g) / lr,
                "bias": torch.full([fout], float(bias_init)) + 0.1 * torch.randn(fout, generator=g)})


def _layer(g, cin, cout, w_dim, res, up, clamp) -> Net:
    return Net("SynthesisLayer", dict(in_channels=cin, out_channels=cout, w_dim=w_dim, resolution=res, up=up,
                                      conv_clamp=clamp),
               dict(resolution=res, up=up, use_noise=True, activation="lrelu", conv_clamp=clamp, padding=1,
                    act_gain=SQRT2),
               {"weight": torch.randn(cout, cin, 3, 3, generator=g), "noise_strength": 0.3 * torch.randn([], generator=g),
                "bias": 0.2 * torch.randn(cout, generator=g)},
               {"resample_filter": fir_filter_4x4(), "noise_const": torch.randn(res, res, generator=g)},
               {"affine": _fc(g, w_dim, cin, bias_init=1.0)})


def _torgb(g, cin, w_dim, clamp) -> Net:
    return Net("ToRGBLayer", dict(in_channels=cin, out_channels=3, w_dim=w_dim, conv_clamp=clamp),
               dict(conv_clamp=clamp, weight_gain=1 / math.sqrt(cin)),
               {"weight": 0.2 * torch.randn(3, cin, 1, 1, generator=g), "bias": 0.1 * torch.randn(3, generator=g)},
               modules={"affine": _fc(g, w_dim, cin, bias_init=1.0)})


def reference_generator(resolution: int = 64, channel_base: int = 1024, channel_max: int = 64, w_dim: int = 32,
                        img_dim: int = 16, z_dim: Optional[int] = None, map_layers: int = 2,
                        conv_clamp: Optional[float] = 256.0, c_dim: int = 4, architecture: str = "skip",
                        seed: int = 0, source: str = "") -> Net:
    """A CLIP-IVP Generator with random weights in the reference layout (channels min(base / res, max))."""
    g = torch.Generator().manual_seed(seed)
    z_dim = w_dim if z_dim is None else z_dim
    log2 = int(math.log2(resolution))
    res_list = [2 ** i for i in range(2, log2 + 1)]
    ch = {r: min(channel_base // r, channel_max) for r in res_list}
    blocks = {}
    num_ws = 0
    for r in res_list:
        cin = 0 if r == 4 else ch[r // 2]
        mods = {}
        params = {}
        if r == 4:
            params["const"] = torch.randn(ch[r], 4, 4, generator=g)
        else:
            mods["conv0"] = _layer(g, cin, ch[r], w_dim, r, 2, conv_clamp)
        mods["conv1"] = _layer(g, ch[r], ch[r], w_dim, r, 1, conv_clamp)
        mods["torgb"] = _torgb(g, ch[r], w_dim, conv_clamp)
        num_conv = 1 if r == 4 else 2
        num_ws += num_conv
        blocks[f"b{r}"] = Net("SynthesisBlock", dict(in_channels=cin, out_channels=ch[r], w_dim=w_dim, resolution=r,
                                                   img_channels=3, is_last=r == resolution,
                                                   architecture=architecture, conv_clamp=conv_clamp),
                              dict(in_channels=cin, w_dim=w_dim, resolution=r, img_channels=3,
                                   is_last=r == resolution, architecture=architecture, use_fp16=False,
                                   channels_last=False, num_conv=num_conv, num_torgb=1),
                              params, {"resample_filter": fir_filter_4x4()}, mods)
    num_ws += 1
    synthesis = Net("SynthesisNetwork", dict(w_dim=w_dim, img_resolution=resolution, img_channels=3,
                                             channel_base=channel_base, channel_max=channel_max, num_fp16_res=0,
                                             conv_clamp=conv_clamp),
                    dict(w_dim=w_dim, img_resolution=resolution, img_resolution_log2=log2, img_channels=3,
                         block_resolutions=res_list, num_fp16_res=0, num_ws=num_ws), {}, modules=blocks)
    mp_mods = {"embed": _fc(g, c_dim, w_dim)}
    if img_dim > 0:
        mp_mods["img_embed"] = _fc(g, img_dim, w_dim)
    feats = [z_dim + w_dim] + [w_dim] * map_layers
    for i in range(map_layers):
        mp_mods[f"fc{i}"] = _fc(g, feats[i], feats[i + 1], "lrelu", lr=0.01)
    mapping = Net("MappingNetwork", dict(z_dim=z_dim, c_dim=c_dim, w_dim=w_dim, num_ws=num_ws, img_dim=img_dim,
                                         num_layers=map_layers),
                  dict(z_dim=z_dim, c_dim=c_dim, img_dim=img_dim, w_dim=w_dim, num_ws=num_ws, num_layers=map_layers,
                       w_avg_beta=0.995), {}, {"w_avg": 0.5 * torch.randn(w_dim, generator=g)}, mp_mods)
    kwargs = dict(z_dim=z_dim, c_dim=c_dim, w_dim=w_dim, img_resolution=resolution, img_channels=3,
                  mapping_kwargs=dict(img_dim=img_dim, num_layers=map_layers),
                  synthesis_kwargs=dict(channel_base=channel_base, channel_max=channel_max, num_fp16_res=0,
                                        conv_clamp=conv_clamp, architecture=architecture))
    return Net("Generator", kwargs, dict(z_dim=z_dim, c_dim=c_dim, w_dim=w_dim, img_resolution=resolution,
                                         img_channels=3, num_ws=num_ws), {},
               modules={"synthesis": synthesis, "mapping": mapping}, source=source)


def write_network_pickle(path, G: Net, extra: Optional[dict] = None) -> None:
    """A network-snapshot-*.pkl: {training_set_kwargs, G, D, G_ema, augment_pipe} as the training loop writes it
    (G and G_ema are the same random network here; D is left out, it is never read)."""
    snap = {"training_set_kwargs": {"class_name": "training.dataset.ImageFolderDataset", "resolution":
                                    G.state["img_resolution"], "use_labels": True, "xflip": False},
            "G": G, "D": None, "G_ema": G, "augment_pipe": None}
    snap.update(extra or {})
    with persistence_module(), open(path, "wb") as f:
        pickle.dump(snap, f)
