"""Import a network trained with the CLIP-IVP reference code as an IVP Studio model bundle.

Usage:
  python -m ivp_training.import_reference --network network-snapshot-XXXXXX.pkl --clip ViT-L-14.pt \\
      --bpe bpe_simple_vocab_16e6.txt.gz --out DIR [--zip] [--id ID --name NAME --version 1.0.0] [--psi 0.7]

Reads the generator (G_ema) from the pickle WITHOUT executing anything from it (reference.safe_pickle), rebuilds
it with our own code (reference.stylegan2), rebuilds the CLIP encoders from the TorchScript archive's weights,
builds tokenizer.json from the BPE file, checks that every exported module equals its eager form (≤ 1e-4),
and writes the bundle (manifest with a `source` block naming the input files' sha256, golden vectors).
Problems are reported as one clear line each; the output folder is then left untouched.
See docs/importing-reference-models.md.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import torch

from .export import MODULE_FILES, measure_bundle, sha256_file, verify_bundle, write_golden, write_manifest, zip_bundle
from .models import VIEWS
from .reference.clip_bpe import ClipBpeTokenizer
from .reference.clip_vit import Preprocessing, clip_dims, clip_encoders, read_clip_archive
from .reference.safe_pickle import RefusedPickle, load_network_pickle
from .reference.stylegan2 import EagerMapping, EagerSynthesis, GeneratorSpec, ImportProblem, read_generator
from .reference.stylegan2_inference import MappingInference, SynthesisInference

IMPORTER = "ivp_training.import_reference 1"
PARITY_TOLERANCE = 1e-4
# (embedding, patch, width, input size) of OpenAI's ViT checkpoints
CLIP_NAMES = {(512, 32, 768, 224): "ViT-B/32", (512, 16, 768, 224): "ViT-B/16", (768, 14, 1024, 224): "ViT-L/14",
              (768, 14, 1024, 336): "ViT-L/14@336px"}


def _clip_name(dims) -> str:
    return CLIP_NAMES.get((dims.embed_dim, dims.patch, dims.vision_width, dims.image_size),
                          f"ViT (width {dims.vision_width}, patch {dims.patch}, embedding {dims.embed_dim})")


def _max_diff(a: torch.Tensor, b: torch.Tensor) -> float:
    return float((a - b).abs().max())


def trace_and_check(spec: GeneratorSpec, image_enc, text_enc, context: int, eot: int) -> tuple:
    """Traced modules and the max |exported − eager| of each (refuses above PARITY_TOLERANCE)."""
    g = torch.Generator().manual_seed(7)
    D = spec.img_dim
    photo = torch.randint(0, 256, (2, 3, 90, 150), generator=g).float()
    ids = torch.zeros(2, context, dtype=torch.int64)
    ids[:, 0] = eot - 1
    ids[0, 1:4] = torch.tensor([300, 301, 302]); ids[0, 4] = eot; ids[1, 1] = eot
    c = torch.eye(4)[:2]
    kappa = torch.randn(2, D, generator=g) * 3
    z = torch.zeros(2, 0)
    psi = torch.tensor([0.7])
    mapping, synthesis = MappingInference(spec).eval(), SynthesisInference(spec).eval()
    with torch.no_grad():
        mods = {"image_encoder.pt": torch.jit.trace(image_enc, photo),
                "text_encoder.pt": torch.jit.trace(text_enc, ids),
                "mapping.pt": torch.jit.trace(mapping, (c, kappa, z, psi)),
                "synthesis.pt": torch.jit.trace(synthesis, torch.randn(2, spec.num_ws, spec.w_dim, generator=g))}
        ws = EagerMapping(spec)(c[:1], kappa[:1], z[:1], psi)
        diffs = {
            "image_encoder.pt": _max_diff(mods["image_encoder.pt"](photo[:, :, :70, :100].to(torch.uint8)),
                                          image_enc(photo[:, :, :70, :100])),
            "text_encoder.pt": _max_diff(mods["text_encoder.pt"](ids), text_enc(ids)),
            "mapping.pt": _max_diff(mods["mapping.pt"](c[:1], kappa[:1], z[:1], psi), ws),
            "synthesis.pt": _max_diff(mods["synthesis.pt"](ws), EagerSynthesis(spec)(ws)),
        }
    for name, d in diffs.items():
        if not d <= PARITY_TOLERANCE:
            raise ImportProblem(f"{name}: the exported form differs from the eager form by {d:.3g} "
                                f"(> {PARITY_TOLERANCE}); please report this network's settings")
    return mods, diffs


def embedding_stats(image_enc) -> dict:
    """Norms of raw embeddings of smooth probe images. The reference snapshot does not carry the training fronts'
    statistics, so these only set the app's norm-scaling slider range; `source` says so."""
    g = torch.Generator().manual_seed(11)
    base = torch.rand(16, 3, 6, 10, generator=g) * 255
    probes = torch.nn.functional.interpolate(base, size=(180, 300), mode="bilinear", align_corners=False)
    with torch.no_grad():
        n = image_enc(probes).norm(dim=1)
    return {"norm_mean": float(n.mean()), "norm_std": float(n.std()), "norm_min": float(n.min()),
            "norm_max": float(n.max()), "count": int(n.numel()), "source": "probe images (smooth random colour "
            "fields); the reference snapshot holds no statistics of its training photos"}


def check_pairing(spec: GeneratorSpec, dims, tok: ClipBpeTokenizer) -> None:
    if spec.img_dim != dims.embed_dim:
        raise ImportProblem(f"the generator takes {spec.img_dim}-value image embeddings but the CLIP file "
                            f"({_clip_name(dims)}) gives {dims.embed_dim}: use the CLIP model the network was "
                            "trained with (512: ViT-B/32 or ViT-B/16, 768: ViT-L/14)")
    if tok.vocab_size != dims.vocab_size:
        raise ImportProblem(f"the BPE file gives {tok.vocab_size} tokens, the CLIP text encoder has "
                            f"{dims.vocab_size}: use bpe_simple_vocab_16e6.txt.gz from the same CLIP release")


def import_reference(network: Path, clip: Path, bpe: Path, out: Path, bundle_id: str, name: str, version: str,
                     psi: float, synthetic: bool, intended_use: str, license_text: str, input_scale: float,
                     bpe_tokenizer: ClipBpeTokenizer = None, log=print) -> Path:
    for label, p in (("--network", network), ("--clip", clip), ("--bpe", bpe)):
        if p is not None and not Path(p).is_file():
            raise ImportProblem(f"{label}: no such file: {p}")
    t0 = time.time()
    try:
        snapshot = load_network_pickle(network)
    except RefusedPickle as e:
        raise ImportProblem(f"{network}: {e}") from None
    spec = read_generator(snapshot)
    log(f"generator: {spec.resolution} px, w_dim {spec.w_dim}, num_ws {spec.num_ws}, embedding {spec.img_dim}, "
        f"{spec.parameter_count() / 1e6:.1f} M parameters, {spec.flops_per_image() / 1e9:.2f} GFLOP per view"
        + (f"; fp16 blocks {spec.fp16_resolutions} are computed in float32" if spec.fp16_resolutions else ""))
    sd = read_clip_archive(clip)
    tok = bpe_tokenizer or ClipBpeTokenizer.from_bpe_file(bpe)
    pre = Preprocessing(size=clip_dims(sd).image_size, input_scale=input_scale)
    dims, image_enc, text_enc = clip_encoders(sd, pre)
    tok.context = dims.context_length
    check_pairing(spec, dims, tok)
    log(f"CLIP: {_clip_name(dims)} ({dims.image_size} px input, embedding {dims.embed_dim}, context "
        f"{dims.context_length})")
    mods, diffs = trace_and_check(spec, image_enc, text_enc, dims.context_length, tok.eot)
    log("exported forms equal the eager forms: " + ", ".join(f"{k} {v:.2g}" for k, v in diffs.items()))

    work = Path(tempfile.mkdtemp(prefix="ivp-import-", dir=str(Path(out).resolve().parent)))
    try:
        for n, m in mods.items():
            torch.jit.save(m, str(work / n))
        tok.save(work / "tokenizer.json")
        loaded = {n: torch.jit.load(str(work / n)) for n in MODULE_FILES}
        write_golden(work, loaded, tok, spec.img_dim, 0, spec.num_ws, spec.w_dim, None)
        manifest = manifest_for(spec, dims, pre, tok, bundle_id, name, version, psi, synthetic, intended_use,
                                license_text, embedding_stats(image_enc), diffs,
                                [("network", network), ("clip", clip), ("bpe", bpe)], snapshot)
        measure_bundle(work, loaded, manifest)
        write_manifest(work, manifest)
        verify_bundle(work)
        if Path(out).exists():
            shutil.rmtree(out)
        os.replace(work, out)
        os.chmod(out, 0o755)  # mkdtemp made it private
    finally:
        if work.exists():
            shutil.rmtree(work)
    log(f"bundle written to {out} in {time.time() - t0:.1f} s")
    return Path(out)


def manifest_for(spec, dims, pre, tok, bundle_id, name, version, psi, synthetic, intended_use, license_text,
                 stats, diffs, inputs, snapshot) -> dict:
    files = []
    for role, p in inputs:
        if p is not None:
            files.append({"role": role, "name": Path(p).name, "sha256": sha256_file(Path(p)),
                          "size": Path(p).stat().st_size})
    tsk = snapshot.get("training_set_kwargs") or {}
    return {
        "format": "ivp-model-bundle", "format_version": 1, "id": bundle_id, "name": name, "version": version,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "description": f"CLIP-IVP generator ({spec.resolution} px) with {_clip_name(dims)}, imported from the "
                       "reference code's files.",
        "license": license_text, "synthetic": synthetic, "intended_use": intended_use,
        "encoder": {"kind": "openai-clip-vit", "file": "image_encoder.pt", "embedding_dim": dims.embed_dim,
                    "input_size": dims.image_size, "input_range": "0..255", "normalized": False,
                    "input_dtypes": ["float32", "uint8"],
                    "resize": "bilinear, antialias off, align_corners false, squashed to a square (inside the graph)",
                    "preprocessing": pre.manifest()},
        "text": {"encoder_file": "text_encoder.pt", "tokenizer_file": "tokenizer.json",
                 "context_length": dims.context_length, "pad_id": 0, "tokenizer": "clip-bpe"},
        "generator": {"mapping_file": "mapping.pt", "synthesis_file": "synthesis.pt", "views": list(VIEWS),
                      "resolution": spec.resolution, "display_aspect": "5:3", "z_dim": 0, "w_dim": spec.w_dim,
                      "num_ws": spec.num_ws, "default_psi": psi, "output_range": "-1..1", "noise_mode": "const",
                      "z_generator": "splitmix64-box-muller-v1"},
        "embedding_stats": stats,
        "files": [],
        "golden": {"index": "golden/index.json", "tolerance": 1e-4},
        "training": {"code": "CLIP-IVP reference implementation (StyleGAN2-ADA based)",
                     "generator_z_dim_unused": spec.z_dim, "mapping_layers": len(spec.fcs),
                     "channels": {str(k): v for k, v in spec.channels.items()},
                     "fp16_resolutions_computed_in_float32": spec.fp16_resolutions,
                     "training_resolution": tsk.get("resolution")},
        "evaluation": {"export_parity_max_abs": diffs},
        "source": {"kind": "reference-import", "importer": IMPORTER, "files": files,
                   "generator": {"class": "Generator", "source_code_sha256": snapshot["G_ema"].source_sha256,
                                 "parameters": spec.parameter_count(), "gflop_per_view":
                                     round(spec.flops_per_image() / 1e9, 3)},
                   "clip": {"model": _clip_name(dims), "vision_layers": dims.vision_layers,
                            "text_layers": dims.text_layers}},
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ivp_training.import_reference", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--network", required=True, help="network-snapshot-*.pkl of the reference training")
    ap.add_argument("--clip", required=True, help="OpenAI CLIP TorchScript archive (ViT-B-32.pt, ViT-L-14.pt, …)")
    ap.add_argument("--bpe", required=True, help="bpe_simple_vocab_16e6.txt.gz of the same CLIP release")
    ap.add_argument("--out", required=True, help="bundle folder to write (replaced if it exists)")
    ap.add_argument("--zip", action="store_true", help="also write OUT.zip for the Models page upload")
    ap.add_argument("--id", default="clip-ivp-import")
    ap.add_argument("--name", default="CLIP-IVP (imported)")
    ap.add_argument("--version", default="1.0.0")
    ap.add_argument("--psi", type=float, default=1.0, help="default truncation ψ (0..2)")
    ap.add_argument("--license", default="as agreed by the clinic that trained the network")
    ap.add_argument("--intended-use", default="research use by the clinic that trained the network")
    ap.add_argument("--synthetic", action="store_true", help="mark the model as trained on synthetic images")
    ap.add_argument("--input-scale", type=float, default=1.0,
                    help="factor applied to 0..255 pixels before CLIP's mean/std (CLIP-IVP: 1; OpenAI: 1/255)")
    a = ap.parse_args(argv)
    try:
        with torch.no_grad():  # scoped: main() is also called in-process (tests), where grad mode must survive it
            out = import_reference(Path(a.network), Path(a.clip), Path(a.bpe), Path(a.out), a.id, a.name,
                                   a.version, a.psi, a.synthetic, a.intended_use, a.license, a.input_scale)
        if a.zip:
            z = zip_bundle(out, Path(str(out).rstrip("/") + ".zip"))
            print(f"zip for upload: {z}")
    except ImportProblem as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
