"""Bundle export (TorchScript + JSON + raw .bin golden vectors), verification, loading and zipping.

Usage:  python -m ivp_training.export verify  BUNDLE_DIR_OR_ZIP
        python -m ivp_training.export zip     BUNDLE_DIR  OUT.zip
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import torch

from .inference_graph import ImageEncoderInference, MappingInference, SynthesisInference
from . import ood
from .models import VIEWS, ImageEncoderExport, SmallCLIP, SynthesisExport, TextEncoderExport, Generator
from .schema import BundleError, check_manifest
from .tokenizer import GOLDEN_TEXTS, Tokenizer
from .variation import z_sensitivity
from .zrng import z_from_seed

MODULE_FILES = ["image_encoder.pt", "text_encoder.pt", "mapping.pt", "synthesis.pt"]
Z_SEEDS = [0, 1, 42]


def sha256_file(p: Path) -> str:
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ------------------------------------------------------------------------------------------------
def trace_modules(clip: SmallCLIP, G: Generator, context: int) -> Dict[str, torch.jit.ScriptModule]:
    """The bundle's TorchScript modules, traced from their inference forms (inference_graph: same function as
    eager_modules, fewer operations)."""
    clip = clip.cpu().eval()
    G = G.cpu().eval().to(memory_format=torch.contiguous_format)
    D = clip.image.proj.out_features
    with torch.no_grad():
        img = torch.jit.trace(ImageEncoderInference(clip).eval(), torch.rand(2, 3, 96, 96) * 255)
        ids = torch.zeros(2, context, dtype=torch.int64); ids[:, 0] = 2; ids[:, 5] = 3
        txt = torch.jit.trace(TextEncoderExport(clip).eval(), ids)
        c = torch.eye(4)[:2]
        mp = torch.jit.trace(MappingInference(G.mapping).eval(),
                             (c, torch.randn(2, D), torch.randn(2, G.z_dim), torch.ones(1)))
        syn = torch.jit.trace(SynthesisInference(G.synthesis).eval(), torch.randn(2, G.num_ws, G.w_dim))
    return {"image_encoder.pt": img, "text_encoder.pt": txt, "mapping.pt": mp, "synthesis.pt": syn}


def eager_modules(clip: SmallCLIP, G: Generator):
    """The training-form modules: the reference the traced bundle must equal."""
    clip = clip.cpu().eval()
    G = G.cpu().eval().to(memory_format=torch.contiguous_format)
    return {"image_encoder.pt": ImageEncoderExport(clip).eval(), "text_encoder.pt": TextEncoderExport(clip).eval(),
            "mapping.pt": G.mapping.eval(), "synthesis.pt": SynthesisExport(G.synthesis).eval()}


def golden_inputs(tok: Tokenizer, D: int, z_dim: int, num_ws: int, w_dim: int, sample_imgs: Optional[np.ndarray],
                  mapping=None) -> Dict[str, Dict[int, List[torch.Tensor]]]:
    """Deterministic inputs per module, at batch 1 and 4."""
    g = torch.Generator().manual_seed(1234)
    out: Dict[str, Dict[int, List[torch.Tensor]]] = {}
    if sample_imgs is not None and len(sample_imgs) >= 1:
        b1 = torch.from_numpy(np.ascontiguousarray(sample_imgs[:1])).permute(0, 3, 1, 2).float().contiguous()
    else:
        b1 = torch.randint(0, 256, (1, 3, 128, 128), generator=g).float()
    # batch 4: non-square 80x120 input to exercise the in-graph resize
    b4 = torch.randint(0, 256, (4, 3, 80, 120), generator=g).float()
    out["image_encoder.pt"] = {1: [b1], 4: [b4]}
    caps = ["upper teeth", GOLDEN_TEXTS[2], GOLDEN_TEXTS[-1], ""]
    out["text_encoder.pt"] = {1: [torch.tensor([tok.encode(caps[2])])],
                              4: [torch.tensor(tok.encode_batch(caps))]}
    k1 = torch.randn(1, D, generator=g) * 5
    k4 = torch.randn(4, D, generator=g) * 5
    z1 = torch.from_numpy(z_from_seed(42, z_dim)).reshape(1, z_dim)  # z_dim may be 0 (imported models)
    z4 = torch.stack([torch.from_numpy(z_from_seed(s, z_dim)) for s in range(4)])
    out["mapping.pt"] = {1: [torch.eye(4)[:1].clone(), k1, z1, torch.tensor([1.0])],
                         4: [torch.eye(4), k4, z4, torch.tensor([0.7])]}
    if mapping is not None:
        with torch.no_grad():
            w1 = mapping(*out["mapping.pt"][1]); w4 = mapping(*out["mapping.pt"][4])
    else:
        w1 = torch.randn(1, num_ws, w_dim, generator=g); w4 = torch.randn(4, num_ws, w_dim, generator=g)
    out["synthesis.pt"] = {1: [w1.contiguous()], 4: [w4.contiguous()]}
    return out


def write_bin(t: torch.Tensor, path: Path) -> dict:
    a = t.detach().cpu().contiguous().numpy()
    dt = {np.dtype("float32"): "<f4", np.dtype("int64"): "<i8"}[a.dtype]
    path.write_bytes(a.astype(dt).tobytes())
    return {"file": path.name, "dtype": str(a.dtype), "shape": list(a.shape)}


def write_manifest(root: Path, manifest: dict) -> None:
    """Lists every file of the bundle (path, sha256, size) in manifest["files"], then writes manifest.json."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != "manifest.json")
    manifest["files"] = [{"path": p.relative_to(root).as_posix(), "sha256": sha256_file(p), "size": p.stat().st_size}
                         for p in files]
    (root / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")


def read_bin(path: Path, dtype: str, shape) -> np.ndarray:
    return np.frombuffer(Path(path).read_bytes(), dtype={"float32": "<f4", "int64": "<i8"}[dtype]).reshape(shape)


def check_uint8_input(encoder, photo: torch.Tensor, expected: torch.Tensor, tol: float) -> None:
    """The manifest declares uint8 encoder input (what the Java service sends): the golden photo sent as uint8 must
    give the golden output. The Java loader runs the same check."""
    if not torch.equal(photo, photo.round().clamp(0, 255)):
        raise BundleError("the golden photo must hold whole 0..255 values when the encoder declares uint8 input")
    with torch.no_grad():
        d = float((encoder(photo.to(torch.uint8)) - expected).abs().max())
    if d >= tol:
        raise BundleError(f"image encoder: uint8 input differs from float32 input by {d:.3g}")


def write_golden(bundle: Path, mods: Dict[str, torch.jit.ScriptModule], tok: Tokenizer, D: int, z_dim: int,
                 num_ws: int, w_dim: int, sample_imgs: Optional[np.ndarray]) -> None:
    gd = bundle / "golden"
    gd.mkdir(exist_ok=True)
    ins = golden_inputs(tok, D, z_dim, num_ws, w_dim, sample_imgs, mods["mapping.pt"])
    names = {"image_encoder.pt": ["image"], "text_encoder.pt": ["ids"], "mapping.pt": ["c", "kappa", "z", "psi"],
             "synthesis.pt": ["ws"]}
    cases = []
    for mod, by_b in ins.items():
        stem = mod[:-3]
        for b, tensors in by_b.items():
            with torch.no_grad():
                out = mods[mod](*tensors)
            if mod == "image_encoder.pt":
                check_uint8_input(mods[mod], tensors[0], out, 1e-4)
            case = {"module": mod, "batch": b, "inputs": [], "outputs": []}
            for n, t in zip(names[mod], tensors):
                e = write_bin(t, gd / f"{stem}_b{b}_in_{n}.bin"); e["name"] = n; case["inputs"].append(e)
            e = write_bin(out, gd / f"{stem}_b{b}_out.bin"); e["name"] = "out"; case["outputs"].append(e)
            cases.append(case)
    index = {"tolerance": 1e-4, "byte_order": "little-endian", "cases": cases,
             "tokenizer_vectors": "tokenizer_vectors.json", "z_vectors": "z_from_seed.json"}
    (gd / "index.json").write_text(json.dumps(index, indent=1) + "\n")
    tv = [{"text": t, "ids": tok.encode(t)} for t in GOLDEN_TEXTS]
    (gd / "tokenizer_vectors.json").write_text(json.dumps({"context_length": tok.context, "vectors": tv},
                                                          ensure_ascii=False, indent=1) + "\n")
    zv = {"algorithm": "splitmix64-box-muller-v1", "z_dim": z_dim,
          "vectors": [{"seed": s, "z": [float(x) for x in z_from_seed(s, z_dim)]} for s in Z_SEEDS]}
    (gd / "z_from_seed.json").write_text(json.dumps(zv, indent=1) + "\n")


def measure_bundle(bundle: Path, mods: Dict[str, torch.jit.ScriptModule], manifest: dict,
                   fronts: Optional[Dict[str, np.ndarray]] = None, ood_cfg: Optional[dict] = None) -> None:
    """Measurements written into the manifest: generator.z_sensitivity (on up to 8 held-out fronts, else the golden
    front) and, given the training fronts' embeddings {"fit": [N,D], "held_out": [M,D]}, the ood section with its
    statistics file and golden scores; with their photos too ("fit_photos", "held_out_photos": uint8 [N,H,W,3]),
    the second check on picture statistics, and with a trained "orientation_reader" the orientation check."""
    if fronts is not None:
        probe = np.asarray(fronts["held_out"][:8])
    else:
        golden_front = torch.from_numpy(read_bin(bundle / "golden" / "image_encoder_b1_in_image.bin", "float32",
                                                 _golden_shape(bundle, "image_encoder_b1_in_image.bin")).copy())
        with torch.no_grad():
            probe = mods["image_encoder.pt"](golden_front).numpy()
    gen = manifest["generator"]
    gen["z_sensitivity"] = z_sensitivity(mods["mapping.pt"], mods["synthesis.pt"], probe, gen["z_dim"])
    if fronts is not None:
        pictures = None if "fit_photos" not in fronts else {
            "fit": fronts["fit_photos"], "held_out": fronts["held_out_photos"],
            "input_size": manifest["encoder"]["input_size"]}
        orientation = None if "orientation_reader" not in fronts else {
            "reader": fronts["orientation_reader"], "held_out": fronts["held_out_photos"]}
        manifest["ood"] = ood.add_to_bundle(bundle, fronts["fit"], fronts["held_out"], pictures=pictures,
                                            orientation=orientation, **(ood_cfg or {}))
        ood.write_golden_scores(bundle, manifest["ood"])


def _golden_shape(bundle: Path, file: str) -> List[int]:
    index = json.loads((bundle / "golden" / "index.json").read_text())
    return next(e["shape"] for c in index["cases"] for e in c["inputs"] if e["file"] == file)


def export_bundle(out: Path, clip: SmallCLIP, G: Generator, tok: Tokenizer, cfg: dict, embed_stats: dict,
                  training: dict, evaluation: dict, sample_imgs: Optional[np.ndarray] = None,
                  fronts: Optional[Dict[str, np.ndarray]] = None) -> Path:
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    mods = trace_modules(clip, G, tok.context)
    for name, m in mods.items():
        torch.jit.save(m, str(out / name))
    tok.save(out / "tokenizer.json")
    D = clip.image.proj.out_features
    mods = {n: torch.jit.load(str(out / n)) for n in MODULE_FILES}
    write_golden(out, mods, tok, D, G.z_dim, G.num_ws, G.w_dim, sample_imgs)
    b = cfg["bundle"]
    manifest = {
        "format": "ivp-model-bundle",
        "format_version": 1,
        "id": b["id"], "name": b["name"], "version": b["version"],
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "description": b["description"], "license": b["license"],
        "synthetic": True,
        "intended_use": "demonstration, not for clinical use",
        "encoder": {"kind": "small-clip-resnet", "file": "image_encoder.pt", "embedding_dim": D,
                    "input_size": clip.image.input_size, "input_range": "0..255", "normalized": False,
                    "input_dtypes": ["float32", "uint8"],
                    "resize": "bilinear, antialias off, align_corners false (inside the graph)"},
        "text": {"encoder_file": "text_encoder.pt", "tokenizer_file": "tokenizer.json",
                 "context_length": tok.context, "pad_id": 0},
        "generator": {"mapping_file": "mapping.pt", "synthesis_file": "synthesis.pt", "views": list(VIEWS),
                      "resolution": G.resolution, "display_aspect": "5:3", "z_dim": G.z_dim, "w_dim": G.w_dim,
                      "num_ws": G.num_ws, "default_psi": float(b.get("default_psi", 1.0)), "output_range": "-1..1",
                      "noise_mode": "const", "z_generator": "splitmix64-box-muller-v1"},
        "embedding_stats": embed_stats,
        "files": [],
        "golden": {"index": "golden/index.json", "tolerance": 1e-4},
        "training": training,
        "evaluation": evaluation,
    }
    measure_bundle(out, mods, manifest, fronts, cfg.get("ood"))
    write_manifest(out, manifest)
    verify_bundle(out)
    return out


# ------------------------------------------------------------------------------------------------
def _materialize(path: Path) -> Path:
    path = Path(path)
    if path.is_file() and zipfile.is_zipfile(path):
        tmp = Path(tempfile.mkdtemp(prefix="ivp-bundle-"))
        with zipfile.ZipFile(path) as z:
            for n in z.namelist():
                if n.startswith("/") or ".." in n.split("/"):
                    raise BundleError(f"unsafe path in zip: {n}")
            z.extractall(tmp)
        inner = [p for p in tmp.iterdir()]
        if not (tmp / "manifest.json").exists() and len(inner) == 1 and inner[0].is_dir():
            return inner[0]
        return tmp
    return path


def verify_bundle(path: Path) -> dict:
    """Validate manifest + every listed file (exists, size, sha256). Returns the manifest."""
    root = _materialize(path)
    mf = root / "manifest.json"
    if not mf.exists():
        raise BundleError(f"missing file: manifest.json in {root}")
    try:
        manifest = json.loads(mf.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise BundleError(f"manifest.json is not valid JSON: {e}")
    check_manifest(manifest)
    for f in manifest["files"]:
        p = root / f["path"]
        if not p.is_file():
            raise BundleError(f"missing file: {f['path']}")
        if p.stat().st_size != f["size"]:
            raise BundleError(f"size mismatch: {f['path']} (manifest {f['size']}, actual {p.stat().st_size})")
        h = sha256_file(p)
        if h != f["sha256"]:
            raise BundleError(f"sha256 mismatch: {f['path']} (manifest {f['sha256']}, actual {h})")
    manifest["_root"] = str(root)
    return manifest


def load_bundle(path: Path) -> dict:
    """The verified bundle's modules and tokenizer; ``modules_by_file`` names every TorchScript module (the picture
    and orientation checks' too) by its manifest file, as golden cases do."""
    m = verify_bundle(path)
    root = Path(m["_root"])
    mods = {
        "image_encoder": torch.jit.load(str(root / m["encoder"]["file"]), map_location="cpu").eval(),
        "text_encoder": torch.jit.load(str(root / m["text"]["encoder_file"]), map_location="cpu").eval(),
        "mapping": torch.jit.load(str(root / m["generator"]["mapping_file"]), map_location="cpu").eval(),
        "synthesis": torch.jit.load(str(root / m["generator"]["synthesis_file"]), map_location="cpu").eval(),
        "tokenizer": load_tokenizer(root / m["text"]["tokenizer_file"], m["text"].get("tokenizer", "word-level")),
    }
    by_file = {m["encoder"]["file"]: mods["image_encoder"], m["text"]["encoder_file"]: mods["text_encoder"],
               m["generator"]["mapping_file"]: mods["mapping"], m["generator"]["synthesis_file"]: mods["synthesis"]}
    for check in ("picture", "orientation"):
        module = m.get("ood", {}).get(check, {}).get("module")
        if module:
            by_file[module] = torch.jit.load(str(root / module), map_location="cpu").eval()
    return {"manifest": m, "root": root, **mods, "modules_by_file": by_file}


def embed_photos(encoder, images) -> np.ndarray:
    """Embeddings by a bundle's TorchScript image encoder of uint8 HxWx3 images (a list of any sizes, or an
    array); same-size images go through the encoder in batches of up to 64."""
    out = []
    with torch.no_grad():
        i = 0
        while i < len(images):
            j = i + 1
            while j < len(images) and j - i < 64 and images[j].shape == images[i].shape:
                j += 1
            t = torch.from_numpy(np.ascontiguousarray(np.stack(images[i:j]))).permute(0, 3, 1, 2).float()
            out.append(encoder(t).numpy())
            i = j
    return np.concatenate(out)


def load_tokenizer(path: Path, kind: str):
    """The bundle's tokenizer by its manifest kind (text.tokenizer): word-level (trained here) or clip-bpe."""
    if kind == "clip-bpe":
        from .reference.clip_bpe import ClipBpeTokenizer
        return ClipBpeTokenizer.load(path)
    return Tokenizer.load(path)


def zip_bundle(bundle: Path, out_zip: Path) -> Path:
    """Deterministic zip (sorted entries, fixed timestamps), entries relative to the bundle root."""
    bundle = Path(bundle)
    verify_bundle(bundle)
    with zipfile.ZipFile(out_zip, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for p in sorted(bundle.rglob("*")):
            if p.is_file():
                zi = zipfile.ZipInfo(p.relative_to(bundle).as_posix(), date_time=(2026, 1, 1, 0, 0, 0))
                zi.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(zi, p.read_bytes())
    return Path(out_zip)


def to_png_uint8(x: torch.Tensor) -> np.ndarray:
    """[B,3,R,R] in [-1,1] -> uint8 [B,R,R,3]:  round((x+1)*127.5) clamped to 0..255."""
    return torch.round((x + 1) * 127.5).clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1).cpu().numpy()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("verify"); v.add_argument("bundle")
    zp = sub.add_parser("zip"); zp.add_argument("bundle"); zp.add_argument("out")
    a = ap.parse_args(argv)
    if a.cmd == "verify":
        m = verify_bundle(Path(a.bundle))
        print(f"OK: {m['id']} {m['version']} ({len(m['files'])} files)")
    else:
        print(zip_bundle(Path(a.bundle), Path(a.out)))


if __name__ == "__main__":
    sys.exit(main())
