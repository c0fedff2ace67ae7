"""Training on a GPU machine from a device pack (see device_pack.py), with a hard deadline; the weights come
back as numpy .npz in ``--out`` (loadable by torch 1.13 here); loss histories, summaries and logs stay in
``--work`` (the caller packs them: the transfer back allows few files).

    base phase:        encoder -> embeddings -> generator reconstruction + refinement
    adversarial phase: one per reconstruction weight, run side by side on the same GPU (small models leave
                       most of it idle), so the weight can be chosen afterwards by measurement
    continue phase:    more adversarial steps for a generator that an earlier device run returned (its .npz and
                       the encoder's), with the adversarial settings overridden by ``--set`` JSON; a second
                       device session adds to the first instead of starting again

    python -m ivp_training.device_train --pack P --config configs/demo.json --work W --out OUT \
        --deadline EPOCH --phase base
    python -m ivp_training.device_train ... --phase adversarial --rec-weight 1.0 --tag rec1
    python -m ivp_training.device_train ... --phase continue --start-encoder E.npz --start-generator G.npz \
        --tag c10 --set '{"rec_weight": 10, "batch": 64}'
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import time
from pathlib import Path

import numpy as np
import torch

from . import allocator, device_pack
from .curves import write_history
from .tokenizer import Tokenizer
from .train import (build_clip, embed_images, load_generators, log_to, train_adversarial, train_encoder,
                    train_generator)


def merged(cfg: dict, over: dict) -> dict:
    out = copy.deepcopy(cfg)
    for k, v in over.items():
        out[k] = merged(out.get(k, {}), v) if isinstance(v, dict) else v
    return out


def device_config(cfg: dict, force: bool = False) -> dict:
    """The config with its "gpu" block (step counts, batches, minutes) applied on a CUDA machine (or when
    ``force``: describing a model that was trained there)."""
    return merged(cfg, cfg.get("gpu", {})) if force or torch.cuda.is_available() else cfg


def save_npz(module: torch.nn.Module, path: Path) -> None:
    """Whole or not at all: a run stopped while writing leaves no half-written weights under the final name."""
    tmp = Path(str(path) + ".part")
    with open(tmp, "wb") as f:
        np.savez(f, **{k: v.detach().float().cpu().numpy() if v.is_floating_point() else v.detach().cpu().numpy()
                       for k, v in module.state_dict().items()})
    os.replace(tmp, path)


def load_npz(module: torch.nn.Module, path: Path) -> torch.nn.Module:
    with np.load(path) as z:
        module.load_state_dict({k: torch.from_numpy(z[k]) for k in z.files})
    return module


def base_phase(cfg: dict, arrs, tok: Tokenizer, work: Path, out: Path, deadline: float, log) -> None:
    r = train_encoder(cfg, arrs, tok, work, min(deadline, time.time() + 60 * cfg["encoder"]["minutes"]), log)
    clip = r.pop("model").eval()
    (work / "encoder.done.json").write_text(json.dumps(r))
    save_npz(clip, out / "encoder.npz")
    kappa = embed_images(clip, arrs["front"])
    np.save(work / "kappa.npy", kappa)
    g = train_generator(cfg, arrs, kappa, clip, work,
                        min(deadline, time.time() + 60 * cfg["generator"]["minutes"]), log)
    write_history(work / "generator-history.json", g.pop("history"))
    save_npz(g.pop("model"), out / "generator-reconstruction.npz")
    g.pop("train_model")
    (work / "generator.done.json").write_text(json.dumps(g))
    log(f"base phase done: encoder {r} generator {g}")


def adversarial_phase(cfg: dict, arrs, tok: Tokenizer, work: Path, out: Path, deadline: float, tag: str,
                      rec_weight: float, log) -> None:
    cfg = merged(cfg, {"generator": {"adversarial": {"rec_weight": rec_weight}}})
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    clip = build_clip(cfg, tok.vocab_size)
    clip.load_state_dict(torch.load(work / "encoder.ckpt", map_location="cpu")["model"])
    clip = clip.to(dev).eval()
    kappa = np.load(work / "kappa.npy")
    G_ema, G = load_generators(cfg, work / "generator.ckpt", dev)
    r = train_adversarial(cfg, G, G_ema, arrs, kappa, clip, work / f"adversarial-{tag}.ckpt", deadline, log)
    write_history(work / f"adversarial-history-{tag}.json", r.pop("history"))
    save_npz(G_ema, out / f"generator-{tag}.npz")
    (work / f"adversarial-{tag}.done.json").write_text(json.dumps(r))
    log(f"adversarial {tag} done: {r}")


def continue_phase(cfg: dict, arrs, tok: Tokenizer, work: Path, out: Path, deadline: float, tag: str,
                   settings: dict, start_encoder: Path, start_generator: Path, log) -> None:
    """Adversarial training resumed from returned weights: the generator's EMA weights start both G and G_ema,
    the discriminator starts afresh (an earlier run's D does not travel back). ``settings["encoder"]``, when given,
    names another encoder file beside ``start_encoder`` (e.g. one refreshed by encoder_refresh): the generator then
    learns to draw from that encoder's embeddings, and the run's record names it so install_results takes it."""
    from .train import build_generator
    settings = dict(settings)
    encoder_file = settings.pop("encoder", None)
    if encoder_file:
        start_encoder = Path(start_encoder).parent / encoder_file
    cfg = merged(cfg, {"generator": {"adversarial": settings}})
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    clip = load_npz(build_clip(cfg, tok.vocab_size), start_encoder).to(dev).eval()
    kappa = embed_images(clip, arrs["front"])
    G_ema = load_npz(build_generator(cfg), start_generator).to(dev).eval()
    G = copy.deepcopy(G_ema).train()
    log(f"continue {tag}: from {Path(start_generator).name} with {settings}")
    r = train_adversarial(cfg, G, G_ema, arrs, kappa, clip, work / f"adversarial-{tag}.ckpt", deadline, log)
    write_history(work / f"adversarial-history-{tag}.json", r.pop("history"))
    save_npz(G_ema, out / f"generator-{tag}.npz")
    (work / f"adversarial-{tag}.done.json").write_text(json.dumps({**r, "continued_from": Path(start_generator).name,
                                                                  "encoder": Path(start_encoder).name,
                                                                  "settings": settings}))
    log(f"continue {tag} done: {r}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pack", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--deadline", type=float, required=True, help="epoch seconds by which training must stop")
    ap.add_argument("--phase", choices=["base", "adversarial", "continue"], required=True)
    ap.add_argument("--start-encoder", help="continue: the encoder .npz of the earlier run")
    ap.add_argument("--start-generator", help="continue: the generator .npz to train on")
    ap.add_argument("--set", default="{}", help='continue: JSON overrides of generator.adversarial')
    ap.add_argument("--rec-weight", type=float, default=1.0)
    ap.add_argument("--tag", default="rec1")
    a = ap.parse_args(argv)
    if torch.cuda.is_available():
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        torch.backends.cudnn.benchmark = True
    allocator.keep_freed_memory()  # on a GPU machine too: the host side of each step allocates as well
    cfg = device_config(json.loads(Path(a.config).read_text()))
    work, out = Path(a.work), Path(a.out)
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    log = log_to(work / f"train-{a.phase}{'' if a.phase == 'base' else '-' + a.tag}.log")
    t = time.time()
    arrs = device_pack.unpack(Path(a.pack))
    log(f"{a.phase}: unpacked {len(arrs['split'])} samples in {time.time() - t:.1f} s on "
        f"{torch.cuda.get_device_name() if torch.cuda.is_available() else 'cpu'}, torch {torch.__version__}")
    tok = Tokenizer.load(Path(a.pack) / "tokenizer.json")
    if a.phase == "base":
        base_phase(cfg, arrs, tok, work, out, a.deadline, log)
    elif a.phase == "continue":
        continue_phase(cfg, arrs, tok, work, out, a.deadline, a.tag, json.loads(a.set), Path(a.start_encoder),
                       Path(a.start_generator), log)
    else:
        adversarial_phase(cfg, arrs, tok, work, out, a.deadline, a.tag, a.rec_weight, log)



def install_results(device_dir: Path, work: Path, tag: str, cfg: dict, vocab_size: int) -> None:
    """Turns what a device run returned into the pipeline's finished phases in ``work`` (encoder and adversarial
    checkpoints, done markers, loss histories), so that ``pipeline`` resumes at evaluation and export."""
    from .models import Generator  # noqa: F401  (documentation: the .npz holds a Generator state dict)
    from .train import build_generator
    device_dir, work = Path(device_dir), Path(work)
    done = json.loads((device_dir / f"adversarial-{tag}.done.json").read_text())
    encoder = done.get("encoder", "encoder.npz")  # the encoder whose embeddings the generator was trained on
    clip = load_npz(build_clip(cfg, vocab_size), device_dir / encoder)
    torch.save({"model": clip.state_dict()}, work / "encoder.ckpt")
    G = load_npz(build_generator(cfg), device_dir / f"generator-{tag}.npz")
    torch.save({"G_ema": G.state_dict(), "G": G.state_dict()}, work / "adversarial.ckpt")
    (work / "encoder.done.json").write_bytes((device_dir / encoder.replace(".npz", ".done.json")).read_bytes())
    (work / "generator.done.json").write_bytes((device_dir / "generator.done.json").read_bytes())
    # histories travel with a base run; a run continued from a recovered bundle has only its own part's
    for name in ("encoder-history.json", "generator-history.json"):
        if (device_dir / name).exists():
            (work / name).write_bytes((device_dir / name).read_bytes())
        else:
            (work / name).unlink(missing_ok=True)
    earlier = device_dir / "earlier-adversarial.done.json"
    if done.get("continued_from") and earlier.exists():
        done = with_earlier_parts(json.loads(earlier.read_text()), done)
    (work / "adversarial.done.json").write_text(json.dumps(done))
    (work / "adversarial-history.json").write_bytes((device_dir / f"adversarial-history-{tag}.json").read_bytes())


PART_KEYS = ("steps", "seconds", "rec_weight", "feat_weight", "r1_every", "batch", "mismatch_weight")


def with_earlier_parts(earlier: dict, continued: dict) -> dict:
    """The adversarial phase as a whole: the earlier record's parts (or the earlier phase as one part) followed by
    the continued run; steps and seconds add up, the last losses and settings are the continued run's."""
    parts = list(earlier.get("parts") or [{**{k: earlier.get(k) for k in PART_KEYS}, "when": "earlier training"}])
    source = earlier.get("recovered_from")
    when = (f"continued from the bundle {source} (training forms recovered from it, fresh discriminator)" if source
            else "continued from the earlier weights (fresh discriminator)")
    parts.append({**{k: continued.get(k) for k in PART_KEYS}, "when": when})
    merged_record = {**continued, "parts": parts}
    merged_record["steps"] = sum(int(p["steps"] or 0) for p in parts)
    merged_record["seconds"] = round(sum(float(p["seconds"] or 0) for p in parts), 1)
    return merged_record


if __name__ == "__main__":
    main()
