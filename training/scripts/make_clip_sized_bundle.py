"""A benchmark-only bundle: the demo bundle with its image encoder replaced by one of CLIP ViT-B/32's size
(224 px input, 32 px patches, width 768, 12 layers, 12 heads) with RANDOM weights.

Why: what the embedding cache saves depends on what an embedding costs. The demo encoder is tiny (64 px ResNet, ≈ 1
ms); the CLIP image encoder that real CLIP-IVP weights come with costs ≈ 4.4 GFLOPs per photo. This bundle has that
cost and the demo generator, so the benchmark can show cold vs warm for a real-sized encoder. Its predictions are
meaningless (random encoder) and it is never shipped: it is written to the given folder (≈ 350 MB) on demand.

    /usr/bin/python3 training/scripts/make_clip_sized_bundle.py models/demo target/clip-sized-bundle
"""
import json
import shutil
import sys
import time
from pathlib import Path

import torch
import torch.nn as nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ivp_training.export import check_uint8_input, read_bin, verify_bundle, write_bin, write_manifest  # noqa: E402
from ivp_training.models import IMG_MEAN, IMG_STD, TBlock, resize_bilinear  # noqa: E402


class ClipSizedImageEncoder(nn.Module):
    """ViT-B/32 shapes (pre-LN blocks, class token), in-graph resize and normalisation, projected to D."""

    def __init__(self, embed_dim: int, width: int = 768, layers: int = 12, heads: int = 12, patch: int = 32,
                 size: int = 224, out_scale: float = 20.0):
        super().__init__()
        self.size = size
        tokens = (size // patch) ** 2 + 1
        self.patchify = nn.Conv2d(3, width, patch, patch, bias=False)
        self.cls = nn.Parameter(torch.randn(width) * 0.02)
        self.pos = nn.Parameter(torch.randn(tokens, width) * 0.01)
        self.ln_pre = nn.LayerNorm(width)
        self.blocks = nn.ModuleList([TBlock(width, heads) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Linear(width, embed_dim, bias=False)
        self.out_scale = out_scale
        self.register_buffer("mask", torch.zeros(tokens, tokens))
        self.register_buffer("mean", torch.tensor(IMG_MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(IMG_STD).view(1, 3, 1, 1))

    def forward(self, x):
        x = (resize_bilinear(x, self.size) / 255.0 - self.mean) / self.std
        x = self.patchify(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], 1, -1), x], dim=1) + self.pos
        x = self.ln_pre(x)
        for blk in self.blocks:
            x = blk(x, self.mask)
        return self.proj(self.ln_post(x[:, 0])) * self.out_scale


def main(src: Path, out: Path, **encoder_shape) -> dict:
    """Copies the bundle at src to out with the encoder replaced; encoder_shape overrides ViT-B/32's sizes (tests)."""
    torch.manual_seed(0)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(src, out)
    manifest = json.loads((out / "manifest.json").read_text())
    D = manifest["encoder"]["embedding_dim"]
    encoder = ClipSizedImageEncoder(D, **encoder_shape).eval()
    with torch.no_grad():
        enc = torch.jit.trace(encoder, torch.rand(2, 3, 96, 96) * 255)
    enc_file = manifest["encoder"]["file"]
    torch.jit.save(enc, str(out / enc_file))
    index = json.loads((out / "golden" / "index.json").read_text())
    for case in index["cases"]:
        if case["module"] != enc_file:
            continue
        photo = torch.from_numpy(read_bin(out / "golden" / case["inputs"][0]["file"], "float32",
                                          case["inputs"][0]["shape"]).copy())
        with torch.no_grad():
            got = enc(photo)
        if "uint8" in manifest["encoder"].get("input_dtypes", []):
            check_uint8_input(enc, photo, got, index["tolerance"])
        o = case["outputs"][0]
        o.update(write_bin(got, out / "golden" / o["file"]))
    (out / "golden" / "index.json").write_text(json.dumps(index, indent=1) + "\n")
    manifest.update(id="ivp-clip-sized-standin", name="Benchmark only: CLIP ViT-B/32-sized random encoder + demo generator",
                    created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    description="Random-weight encoder of CLIP ViT-B/32's size, for timing the embedding cache. "
                                "Predictions are meaningless.",
                    intended_use="benchmarks only, not for any use with patients")
    manifest["encoder"]["kind"] = "vit-b-32-shaped-random"
    manifest["encoder"]["input_size"] = encoder.size
    write_manifest(out, manifest)
    verify_bundle(out)
    print(f"wrote {out} ({sum(f['size'] for f in manifest['files']) / 1e6:.0f} MB)")
    return manifest


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
