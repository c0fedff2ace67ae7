"""The benchmark's seed-size imported bundle (never committed, never shipped): random weights in the CLIP-IVP
reference layout at full size — generator 256 px with paper256-like channels (channel_base 16384, channel_max
512, w_dim 512, num_ws 14, 8 mapping layers, embedding 512) and a CLIP ViT-B/32-sized archive (224 px, patch 32,
width 768, 12 layers; text width 512, 12 layers) — written by our own code, then imported with the real command.

    cd training && /usr/bin/python3 scripts/make_seed_size_reference_bundle.py OUT [--bpe bpe_simple_vocab_16e6.txt.gz]

Without --bpe the text side uses a small vocabulary of our own (the text encoder's embedding table shrinks with it).
"""
import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training"))
from ivp_training.reference.clip_bpe import ClipBpeTokenizer, small_merges  # noqa: E402
from ivp_training.reference.synthetic import (import_random_inputs, reference_generator,  # noqa: E402
                                              write_clip_archive, write_network_pickle)
from ivp_training.tokenizer import CLINICAL_WORDS, GOLDEN_TEXTS  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--bpe")
    a = ap.parse_args()
    torch.set_num_threads(1)
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        net, clip, bpe = tmp / "network-snapshot-seed.pkl", tmp / "ViT-B-32-sized.pt", tmp / "bpe.txt.gz"
        write_network_pickle(net, reference_generator(256, channel_base=16384, channel_max=512, w_dim=512,
                                                      img_dim=512, map_layers=8, seed=1))
        if a.bpe:
            bpe = Path(a.bpe)
            vocab = ClipBpeTokenizer.from_bpe_file(bpe).vocab_size
        else:
            merges = small_merges(GOLDEN_TEXTS + [" ".join(CLINICAL_WORDS)], 400)
            with gzip.open(bpe, "wt", encoding="utf-8") as f:
                f.write("#version: seed vocabulary\n" + "\n".join(f"{x} {y}" for x, y in merges) + "\n")
            vocab = 512 + len(merges) + 2
        write_clip_archive(clip, embed=512, size=224, patch=32, vision_width=768, vision_layers=12, context=77,
                           vocab=vocab, text_width=512, text_layers=12, seed=1)
        print(f"inputs written in {time.time() - t0:.0f} s", flush=True)
        rc = import_random_inputs(net, clip, bpe, a.out, "seed-size-reference",
                                  "Seed-size reference import (random weights)")
    sys.exit(rc)


if __name__ == "__main__":
    main()
