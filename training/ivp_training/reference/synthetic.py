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

import numpy as np
import torch

SQRT2 = np.sqrt(2.0)  # numpy scalars, as the reference code computes its gains (they pickle as numpy globals)


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
               dict(activation=activation, weight_gain=lr / np.sqrt(fin), bias_gain=lr),
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
               dict(conv_clamp=clamp, weight_gain=1 / np.sqrt(cin)),
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


# ------------------------------------------------------------------------------------------------
class _QuickGELU(torch.nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class _Resblock(torch.nn.Module):
    def __init__(self, d: int, heads: int):
        super().__init__()
        self.attn = torch.nn.MultiheadAttention(d, heads)
        self.ln_1 = torch.nn.LayerNorm(d)
        self.mlp = torch.nn.Sequential(OrderedDict([("c_fc", torch.nn.Linear(d, 4 * d)), ("gelu", _QuickGELU()),
                                                    ("c_proj", torch.nn.Linear(4 * d, d))]))
        self.ln_2 = torch.nn.LayerNorm(d)

    def forward(self, x, mask: Optional[torch.Tensor]):  # x: [N, B, D] as in the OpenAI layout
        h = self.ln_1(x)
        x = x + self.attn(h, h, h, need_weights=False, attn_mask=mask)[0]
        return x + self.mlp(self.ln_2(x))


class _Transformer(torch.nn.Module):
    def __init__(self, d: int, layers: int, heads: int):
        super().__init__()
        self.resblocks = torch.nn.ModuleList(_Resblock(d, heads) for _ in range(layers))

    def forward(self, x, mask: Optional[torch.Tensor]):
        for b in self.resblocks:
            x = b(x, mask)
        return x


class _Visual(torch.nn.Module):
    def __init__(self, size: int, patch: int, width: int, layers: int, out: int):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(3, width, patch, patch, bias=False)
        s = width ** -0.5
        self.class_embedding = torch.nn.Parameter(s * torch.randn(width))
        self.positional_embedding = torch.nn.Parameter(s * torch.randn((size // patch) ** 2 + 1, width))
        self.ln_pre = torch.nn.LayerNorm(width)
        self.transformer = _Transformer(width, layers, width // 64)
        self.ln_post = torch.nn.LayerNorm(width)
        self.proj = torch.nn.Parameter(s * torch.randn(width, out))

    def forward(self, x):
        x = self.conv1(x)
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)
        cls = self.class_embedding + torch.zeros(x.shape[0], 1, x.shape[-1])
        x = self.ln_pre(torch.cat([cls, x], dim=1) + self.positional_embedding)
        x = self.transformer(x.permute(1, 0, 2), None).permute(1, 0, 2)
        return self.ln_post(x[:, 0, :]) @ self.proj


class OpenAIClipLayout(torch.nn.Module):
    """A random CLIP ViT with the parameter names and shapes of OpenAI's checkpoints (our own code, written
    from the published layout), with encode_image / encode_text methods as the archives have."""

    def __init__(self, embed=16, size=32, patch=8, vision_width=64, vision_layers=2, context=77, vocab=600,
                 text_width=64, text_layers=2, seed=0):
        super().__init__()
        torch.manual_seed(seed)
        self.visual = _Visual(size, patch, vision_width, vision_layers, embed)
        self.transformer = _Transformer(text_width, text_layers, text_width // 64)
        self.token_embedding = torch.nn.Embedding(vocab, text_width)
        self.positional_embedding = torch.nn.Parameter(0.01 * torch.randn(context, text_width))
        self.ln_final = torch.nn.LayerNorm(text_width)
        self.text_projection = torch.nn.Parameter(text_width ** -0.5 * torch.randn(text_width, embed))
        self.logit_scale = torch.nn.Parameter(torch.tensor(4.6052))
        with torch.no_grad():  # non-trivial layer norms, so that a wrong order of operations shows
            for m in self.modules():
                if isinstance(m, torch.nn.LayerNorm):
                    m.weight.add_(0.2 * torch.randn_like(m.weight))
                    m.bias.add_(0.1 * torch.randn_like(m.bias))
        self.register_buffer("attn_mask", torch.full((context, context), float("-inf")).triu(1), persistent=False)

    @torch.jit.export
    def encode_image(self, image):
        return self.visual(image)

    @torch.jit.export
    def encode_text(self, text):
        x = self.token_embedding(text) + self.positional_embedding
        x = self.transformer(x.permute(1, 0, 2), self.attn_mask).permute(1, 0, 2)
        x = self.ln_final(x)
        return x[torch.arange(x.shape[0]), text.argmax(dim=-1)] @ self.text_projection

    def forward(self, image, text):
        return self.encode_image(image), self.encode_text(text)


def write_clip_archive(path, **dims) -> torch.jit.ScriptModule:
    """A CLIP-layout TorchScript archive like OpenAI's ``ViT-*.pt`` (weights in float16, as theirs)."""
    model = OpenAIClipLayout(**dims).eval()
    scripted = torch.jit.script(model.half().float())  # weights rounded to what a float16 archive holds
    state = {k: v.half() for k, v in scripted.state_dict().items()}
    scripted_half = torch.jit.script(OpenAIClipLayout(**dims).eval())
    scripted_half.load_state_dict(state)
    torch.jit.save(scripted_half, str(path))
    return scripted


def write_small_reference_inputs(folder, resolution: int = 64, channel_max: int = 32, seed: int = 0):
    """The three files a clinic would bring, small and random: network pickle, CLIP archive, BPE file (a
    vocabulary of our own, learnt from the golden texts). Returns their paths."""
    import gzip
    from pathlib import Path

    from ..tokenizer import CLINICAL_WORDS, GOLDEN_TEXTS
    from .clip_bpe import small_merges

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    merges = small_merges(GOLDEN_TEXTS + [" ".join(CLINICAL_WORDS)], 200)
    net, clip, bpe = folder / "network-snapshot-000000.pkl", folder / "ViT-test.pt", folder / "bpe_test.txt.gz"
    write_network_pickle(net, reference_generator(resolution, channel_base=512, channel_max=channel_max, w_dim=32,
                                                  img_dim=16, seed=seed))
    write_clip_archive(clip, embed=16, size=32, patch=8, vision_width=64, vision_layers=1, vocab=512 + len(merges) + 2,
                       text_width=64, text_layers=1, seed=seed)
    with gzip.open(bpe, "wt", encoding="utf-8") as f:
        f.write("#version: test vocabulary\n" + "\n".join(f"{a} {b}" for a, b in merges) + "\n")
    return net, clip, bpe


def import_random_inputs(net, clip, bpe, out, bundle_id: str, name: str) -> int:
    """Runs the real import command on random-weight inputs, marking the bundle synthetic and for tests or
    benchmarks only."""
    from ..import_reference import main as import_main
    return import_main(["--network", str(net), "--clip", str(clip), "--bpe", str(bpe), "--out", str(out),
                        "--id", bundle_id, "--name", name, "--synthetic", "--psi", "0.7", "--license", "Apache-2.0",
                        "--intended-use", "tests and benchmarks only: random weights"])
