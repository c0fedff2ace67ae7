"""Training forms recovered from a bundle's inference forms: the inverse of ``inference_graph``.

Why: training continues from a generator's training form (``device_train --phase continue`` takes
``encoder.npz`` and ``generator.npz``), and those live in ``training/work/``, which is not committed and is gone
when a session starts on a new machine. The shipped bundle holds the same networks with their constants folded;
every fold is invertible given the architecture (from the config), so the shipped model is itself the starting
point of the next training run:

* equalised-learning-rate gains and the activation gain √2 are divided out again;
* a stride-2 transposed 4×4 kernel (nearest 2× upsampling then a 3×3 convolution) gives back its 3×3 kernel
  through the pseudo-inverse of the 4×3 tap matrix (exact: that matrix has full column rank);
* the per-layer noise map is ``noise_const · strength · √2`` with ``noise_const`` the module's own seeded buffer,
  so the strength is a least-squares ratio (checked to reproduce the map);
* a convolution with its batch norm folded in becomes that convolution followed by an identity batch norm
  (weight 1, bias = folded bias, running mean 0, running variance 1 − eps), equal in eval mode: the recovered
  encoder is for frozen use (generator training, evaluation), not for more contrastive training with batch
  statistics.

Not carried by a bundle, so set to the training default: CLIP's ``logit_scale`` (only the contrastive loss reads it).
``recover`` checks the result by re-deriving the inference forms and comparing every tensor with the bundle's.
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from typing import Dict, Tuple

import torch

from .inference_graph import (SQRT2, ImageEncoderInference, MappingInference, SynthesisInference, _NEAREST_THEN_3TAP,
                              _layers)
from .models import Generator, SmallCLIP
from .tokenizer import Tokenizer

# Largest relative difference allowed between a bundle tensor and the one re-derived from the recovered form:
# float32 rounding of a division and a multiplication by the same gains.
TOLERANCE = 1e-4


def transposed_as_nearest2x_conv3x3(kernel: torch.Tensor) -> torch.Tensor:
    """[cin, cout, 4, 4] kernel of conv_transpose2d(stride=2, padding=1) → the [cout, cin, 3, 3] kernel that,
    after nearest 2× upsampling, computes the same (inverse of ``nearest2x_conv3x3_as_transposed``)."""
    p = torch.linalg.pinv(_NEAREST_THEN_3TAP)  # [3, 4]
    k = kernel.double().transpose(0, 1)
    return torch.einsum("kt,oitu,lu->oikl", p, k, p).contiguous().to(kernel.dtype)


def _buffers(module) -> Dict[str, torch.Tensor]:
    return {n: t.detach().contiguous() for n, t in module.named_buffers()}


def mapping_from_inference(G: Generator, mapping: torch.nn.Module) -> None:
    """Fills ``G.mapping`` from a traced ``MappingInference``."""
    b = _buffers(mapping)
    m = G.mapping
    with torch.no_grad():
        for eq, wk, bk in ((m.embed_k, "wk", "bk"), (m.embed_c, "wc", "bc")):
            eq.weight.copy_(b[wk] / eq.w_gain)
            eq.bias.copy_(b[bk] / eq.b_gain)
        for i, fc in enumerate(m.fcs):
            fc.weight.copy_(b[f"fw{i}"] / (fc.w_gain * SQRT2))
            fc.bias.copy_(b[f"fb{i}"] / (fc.b_gain * SQRT2))
        m.w_avg.copy_(b["w_avg"])


def _noise_strength(folded: torch.Tensor, noise_const: torch.Tensor) -> torch.Tensor:
    base = (noise_const * SQRT2).double().flatten()
    return (folded.double().flatten() @ base / (base @ base)).float()


def synthesis_from_inference(G: Generator, synthesis: torch.nn.Module) -> None:
    """Fills ``G.synthesis`` from a traced ``SynthesisInference``."""
    b = _buffers(synthesis)
    syn = G.synthesis
    with torch.no_grad():
        syn.blocks[0].const.copy_(b["const"][0])
        for l, (m, _, up) in enumerate(_layers(syn)):
            cin = m.weight.shape[1]
            aw = b["A"][l, :, :cin].t()
            ab = b["b"][l, 0, :cin]
            if m.demod:
                w = b[f"w{l}"]
                weight = transposed_as_nearest2x_conv3x3(w) if up else w
                m.weight.copy_(weight / m.w_gain)
                m.bias.copy_(b[f"bias{l}"].flatten() / SQRT2)
                m.noise_strength.copy_(_noise_strength(b[f"noise{l}"], m.noise_const))
            else:
                aw, ab = aw / m.w_gain, ab / m.w_gain
                m.weight.copy_(b[f"w{l}"])
                m.bias.copy_(b[f"rb{l}"])
            m.affine.weight.copy_(aw / m.affine.w_gain)
            m.affine.bias.copy_(ab / m.affine.b_gain)


def _unfold_bn(conv: torch.nn.Conv2d, bn: torch.nn.BatchNorm2d, weight: torch.Tensor, bias: torch.Tensor) -> None:
    conv.weight.copy_(weight)
    bn.weight.fill_(1.0)
    bn.bias.copy_(bias)
    bn.running_mean.zero_()
    bn.running_var.fill_(1.0 - bn.eps)


def image_tower_from_inference(clip: SmallCLIP, encoder: torch.nn.Module) -> None:
    """Fills ``clip.image`` from a traced ``ImageEncoderInference`` (batch norms as identities after the folded
    convolutions; the input normalisation is the training constant, checked by ``recover``)."""
    b = _buffers(encoder)
    tower = clip.image
    with torch.no_grad():
        _unfold_bn(tower.stem[0], tower.stem[1], b["stem_w"], b["stem_b"])
        for i, st in enumerate(tower.stages):
            _unfold_bn(st.conv1, st.bn1, b[f"w1_{i}"], b[f"b1_{i}"])
            _unfold_bn(st.conv2, st.bn2, b[f"w2_{i}"], b[f"b2_{i}"])
            if st.short is not None:
                _unfold_bn(st.short[0], st.short[1], b[f"ws_{i}"], b[f"bs_{i}"])
        tower.proj.weight.copy_(b["proj_w"])
        tower.proj.bias.copy_(b["proj_b"])


def text_tower_from_export(clip: SmallCLIP, text: torch.nn.Module) -> None:
    """Fills ``clip.text`` from a traced ``TextEncoderExport`` (the training form itself, under ``text.``)."""
    state = {n[len("text."):]: t for n, t in text.state_dict().items() if n.startswith("text.")}
    clip.text.load_state_dict(state, strict=False)
    missing = set(clip.text.state_dict()) - set(state)
    if missing:
        raise ValueError(f"the bundle's text encoder lacks {sorted(missing)[:3]}: not this config's architecture")


def _largest_difference(derived: torch.nn.Module, bundled: torch.nn.Module) -> Tuple[float, str]:
    """Largest difference, relative to each tensor's largest magnitude, over the bundle module's buffers."""
    want = _buffers(bundled)
    have = _buffers(derived)
    worst, where = 0.0, ""
    for name, t in want.items():
        if name not in have or have[name].shape != t.shape:
            raise ValueError(f"the bundle's {name} {tuple(t.shape)} does not fit this config's architecture")
        scale = float(t.abs().max()) or 1.0
        d = float((have[name].float() - t.float()).abs().max()) / scale
        if d > worst:
            worst, where = d, name
    return worst, where


def _check_architecture(cfg: dict, manifest: dict) -> None:
    g, e = manifest["generator"], manifest["encoder"]
    want = {"resolution": cfg["generator"]["resolution"], "z_dim": cfg["generator"]["z_dim"],
            "w_dim": cfg["generator"]["w_dim"], "embedding_dim": cfg["encoder"]["embed_dim"],
            "input_size": cfg["encoder"]["input_size"]}
    have = {"resolution": g["resolution"], "z_dim": g["z_dim"], "w_dim": g["w_dim"],
            "embedding_dim": e["embedding_dim"], "input_size": e["input_size"]}
    wrong = {k: (have[k], want[k]) for k in want if have[k] != want[k]}
    if wrong:
        raise ValueError("the bundle was not made with this config: "
                         + ", ".join(f"{k} {b} in the bundle, {c} in the config" for k, (b, c) in wrong.items()))


def recover(bundle: Path, cfg: dict) -> Tuple[SmallCLIP, Generator, Dict[str, Tuple[float, str]]]:
    """The training forms of a bundle's encoder and generator, and per module the largest relative difference
    between the bundle's tensors and those re-derived from the recovered forms (raises above TOLERANCE)."""
    from .train import build_clip, build_generator

    manifest = json.loads((bundle / "manifest.json").read_text())
    _check_architecture(cfg, manifest)
    tok = Tokenizer.load(bundle / manifest["text"]["tokenizer_file"])
    clip, G = build_clip(cfg, tok.vocab_size).eval(), build_generator(cfg).eval()
    loaded = {name: torch.jit.load(str(bundle / name), map_location="cpu")
              for name in ("image_encoder.pt", "text_encoder.pt", "mapping.pt", "synthesis.pt")}
    image_tower_from_inference(clip, loaded["image_encoder.pt"])
    text_tower_from_export(clip, loaded["text_encoder.pt"])
    mapping_from_inference(G, loaded["mapping.pt"])
    synthesis_from_inference(G, loaded["synthesis.pt"])
    derived = {"image_encoder.pt": ImageEncoderInference(clip), "mapping.pt": MappingInference(G.mapping),
               "synthesis.pt": SynthesisInference(G.synthesis)}
    differences = {name: _largest_difference(derived[name], loaded[name]) for name in derived}
    too_far = {n: d for n, d in differences.items() if d[0] > TOLERANCE}
    if too_far:
        raise ValueError("the recovered training form does not reproduce the bundle: "
                         + ", ".join(f"{n}: {d:.2e} at {w}" for n, (d, w) in too_far.items()))
    return clip, G, differences


def earlier_training(manifest: dict) -> Dict[str, dict]:
    """The bundle's training record as the phases' done files of a device run (what ``pipeline --device-results``
    installs), so that a model card of a continued run still tells how the starting weights were trained. The
    adversarial phase's record goes to ``earlier-adversarial.done.json``: ``device_train.install_results`` adds the
    continued run as its next part. Loss histories are not in a bundle: curves show the continued part only."""
    t = manifest["training"]
    generator = {k: v for k, v in t["generator"].items() if k not in ("adversarial", "gan_finetune")}
    records = {"encoder.done.json": t["encoder"], "generator.done.json": generator}
    if t["generator"].get("adversarial"):
        records["earlier-adversarial.done.json"] = {**t["generator"]["adversarial"],
                                                    "recovered_from": f"{manifest['id']} {manifest['version']}"}
    return records


def main(argv=None) -> None:
    from .device_train import save_npz

    ap = argparse.ArgumentParser(description="Recover encoder.npz and generator.npz (training forms, as device_train "
                                             "reads them), tokenizer.json and the bundle's training record (the "
                                             "phases' done files) from a bundle made with --config.")
    ap.add_argument("--bundle", required=True, help="bundle directory, e.g. ../models/demo")
    ap.add_argument("--config", required=True, help="the training config the bundle was made with")
    ap.add_argument("--out", required=True, help="directory for encoder.npz, generator.npz, tokenizer.json")
    a = ap.parse_args(argv)
    bundle, out = Path(a.bundle), Path(a.out)
    cfg = json.loads(Path(a.config).read_text())
    clip, G, differences = recover(bundle, cfg)
    out.mkdir(parents=True, exist_ok=True)
    save_npz(clip, out / "encoder.npz")
    save_npz(G, out / "generator.npz")
    manifest = json.loads((bundle / "manifest.json").read_text())
    shutil.copyfile(bundle / manifest["text"]["tokenizer_file"], out / "tokenizer.json")
    for name, record in earlier_training(manifest).items():
        (out / name).write_text(json.dumps(record, indent=1))
    for name, (d, where) in differences.items():
        print(f"{name}: largest relative difference {d:.1e} ({where})")
    print(f"recovered {manifest['id']} {manifest['version']} into {out}")


if __name__ == "__main__":
    main()
