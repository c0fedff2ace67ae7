"""One-command pipeline: phantom export (Java) -> data cache -> tokenizer -> encoder -> generator ->
evaluation -> bundle export (+ model card, demo grid).

    cd training && /usr/bin/python3 -m ivp_training.pipeline --config configs/demo.json

Resumable: every phase checkpoints into ``work_dir``; re-running continues where it stopped.
``--deadline HH:MM`` (UTC) bounds generator training so evaluation + export fit before it + margin.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch

from . import allocator, data as D, orientation
from .attributes import judge_settings, present
from .evaluate import attribute_grid, check_disjoint_patients, demo_grid, evaluate_all, evaluate_new_patients
from .export import export_bundle
from .modelcard import enrich_training, write_model_card
from .tokenizer import Tokenizer, build_vocab
from .curves import draw_loss_curves, write_history
from .train import (build_clip, build_generator, embed_images, load_generators, log_to, train_adversarial,
                    train_encoder, train_generator)

TRAINING_DIR = Path(__file__).resolve().parents[1]


def _abs(p: str) -> Path:
    q = Path(p)
    return q if q.is_absolute() else (TRAINING_DIR / q).resolve()


def parse_deadline(s: str) -> float:
    if not s:
        return float("inf")
    now = dt.datetime.now(dt.timezone.utc)
    hh, mm = map(int, s.split(":"))
    t = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
    if t < now - dt.timedelta(hours=12):
        t += dt.timedelta(days=1)
    return t.timestamp()


def load_data(cfg: dict, work: Path, log):
    dc = cfg["data"]
    size = dc["size"]
    sets = {}
    for name in ("main", "nudge", "new_patients", "nudge_new"):
        spec = dc.get(name)
        if not spec:
            sets[name] = None
            continue
        exp = work / "data" / f"{name}-export"
        if dc["source"] == "phantom":
            D.export_phantom(exp, spec["patients"], size, spec["seed"], spec.get("stages", 1), log=log)
        elif dc["source"] == "standin":
            if not (exp / ".complete").exists():
                D.make_standin(exp, spec["patients"], size, spec["seed"], spec.get("stages", 1))
        else:
            exp = _abs(dc["source"]) / name
        sets[name] = D.cached_arrays(exp, work / "data" / f"{name}-cache", size, log=log)
        log(f"data {name}: {len(sets[name]['patients'])} samples "
            f"(train {int((sets[name]['split'] == 0).sum())}, test {int((sets[name]['split'] == 2).sum())})")
    return sets["main"], sets["nudge"], sets["new_patients"], sets["nudge_new"]


def grid_patients(labels, n: int) -> list:
    """Rows for the demo grid: new patients covering as many different attributes as possible (greedy), so a
    reader sees braces, crowns, missing teeth and crowding side by side with patients that have none."""
    if labels is None:
        return list(range(n))
    chosen, covered = [], np.zeros(labels.shape[1], bool)
    for _ in range(n):
        gain = [(-1 if i in chosen else int((labels[i].astype(bool) & ~covered).sum()), -i) for i in range(len(labels))]
        i = -max(gain)[1]
        chosen.append(i)
        covered |= labels[i].astype(bool)
    return chosen


def run(cfg: dict, deadline: float, out_override: str = None) -> dict:
    th = cfg.get("threads", 2)
    torch.set_num_threads(2 if th == "auto" else int(th))
    allocator.keep_freed_memory()
    work = _abs(cfg["work_dir"])
    work.mkdir(parents=True, exist_ok=True)
    log = log_to(work / "pipeline.log")
    t_start = time.time()
    log(f"pipeline start, device {'cuda' if torch.cuda.is_available() else 'cpu'}, "
        f"deadline {time.strftime('%H:%M:%S', time.gmtime(deadline)) if deadline < float('inf') else 'none'}")
    main, nudge, new, nudge_new = load_data(cfg, work, log)
    enc_data = D.concat_arrays(main, nudge) if nudge is not None else main

    # ---- tokenizer ---------------------------------------------------------------------------
    tok_path = work / "tokenizer.json"
    if tok_path.exists():
        tok = Tokenizer.load(tok_path)
    else:
        caps = [str(c) for c, s in zip(enc_data["captions"], enc_data["split"]) if s == 0]
        tok = Tokenizer(build_vocab(caps), cfg["text"]["context"])
        tok.save(tok_path)
    log(f"tokenizer: {tok.vocab_size} tokens")

    # ---- encoder -----------------------------------------------------------------------------
    ec = cfg["encoder"]
    enc_done = work / "encoder.done.json"
    if enc_done.exists():
        clip = build_clip(cfg, tok.vocab_size)
        clip.load_state_dict(torch.load(work / "encoder.ckpt", map_location="cpu")["model"])
        clip.eval()
        enc_sum = json.loads(enc_done.read_text())
    else:
        enc_deadline = min(deadline, time.time() + 60 * ec["minutes"])
        r = train_encoder(cfg, enc_data, tok, work, enc_deadline, log)
        clip = r.pop("model").cpu()
        enc_sum = r
        enc_done.write_text(json.dumps(enc_sum))
    log(f"encoder: {enc_sum}")
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    clip = clip.to(dev).eval()
    kappa = embed_images(clip, main["front"])
    kappa_n = embed_images(clip, nudge["front"]) if nudge is not None else None
    norms = np.linalg.norm(kappa[main["split"] == 0], axis=1)
    stats = {"norm_mean": float(norms.mean()), "norm_std": float(norms.std()), "norm_min": float(norms.min()),
             "norm_max": float(norms.max()), "count": int(len(norms))}
    log(f"embedding norms: {stats}")

    # ---- generator ---------------------------------------------------------------------------
    gc = cfg["generator"]
    gen_done = work / "generator.done.json"
    gdata, gkappa = main, kappa
    if nudge is not None:
        gdata = D.concat_arrays(main, nudge)
        gkappa = np.concatenate([kappa, kappa_n])
    if gen_done.exists():
        gen_sum = json.loads(gen_done.read_text())
    else:
        g_deadline = min(deadline, time.time() + 60 * gc["minutes"])
        r = train_generator(cfg, gdata, gkappa, clip, work, g_deadline, log)
        r.pop("model"), r.pop("train_model")
        write_history(work / "generator-history.json", r.pop("history"))
        gen_sum = r
        gen_done.write_text(json.dumps(gen_sum))
    log(f"generator: {gen_sum}")
    adv_cfg = gc.get("adversarial", {})
    adv_done = work / "adversarial.done.json"
    if adv_done.exists():
        gen_sum["adversarial"] = json.loads(adv_done.read_text())
        G, _ = load_generators(cfg, work / "adversarial.ckpt", dev)
    else:
        G, G_train = load_generators(cfg, work / "generator.ckpt", dev)
    if not adv_done.exists() and adv_cfg.get("steps", 0) > 0:
        r = train_adversarial(cfg, G_train, G, gdata, gkappa, clip, work / "adversarial.ckpt", deadline, log)
        write_history(work / "adversarial-history.json", r.pop("history"))
        gen_sum["adversarial"] = r
        adv_done.write_text(json.dumps(r))
    gen_sum["gan_finetune"] = "adversarial" in gen_sum
    log(f"adversarial: {gen_sum.get('adversarial')}")
    G = G.to(dev).eval()
    if cfg["bundle"].get("curves"):
        draw_loss_curves(work, _abs(cfg["bundle"]["curves"]))

    # ---- evaluation --------------------------------------------------------------------------
    # the nudge is measured on staged patients held out of training, or, without any, on NEW staged patients
    if nudge is None and nudge_new is not None:
        check_disjoint_patients(main["seeds"], nudge_new["seeds"])
    nudge_set, nudge_kappa = (nudge, kappa_n) if nudge is not None else (
        nudge_new, embed_images(clip, nudge_new["front"]) if nudge_new is not None else None)
    ev = evaluate_all(G, clip, tok, main, kappa, nudge_set, nudge_kappa, cfg.get("eval", {}).get("max_test", 400),
                      nudge_all_new=nudge is None)
    pred, true, te = ev.pop("_pred"), ev.pop("_true"), ev.pop("_test_idx")
    log("evaluation: " + json.dumps({k: ev[k]["all"] for k in ("model", "baseline_mean_image", "baseline_linear_from_front",
                                                               "baseline_nearest_train_patient")}))
    log("retrieval: " + json.dumps(ev["retrieval"]))
    log("nudge: " + json.dumps(ev["nudge"]))
    b = cfg["bundle"]
    grid = _abs(b["grid"]) if b.get("grid") else None
    if grid:
        grid.parent.mkdir(parents=True, exist_ok=True)
    from .evaluate import _resize_u8
    if new is not None:
        nv = evaluate_new_patients(G, clip, main, kappa, new, embed_images(clip, new["front"]), log=log,
                                   judge=judge_settings(cfg))
        labels, npred, ntrue = nv.pop("_labels", None), nv.pop("_pred"), nv.pop("_true")
        ev["new_patients"] = nv
        log("new patients: " + json.dumps({k: nv[k]["all"] for k in ("model", "baseline_mean_image",
                                                                     "baseline_nearest_train_patient")}))
        log("sharpness: " + json.dumps(nv["sharpness"]["min"]) + " attributes: " + json.dumps(
            {k: [v["auroc_true"], v["auroc_pred"]] for k, v in nv.get("attributes", {}).items()}))
        if grid:
            rows = grid_patients(labels, 8)
            attribute_grid(_resize_u8(np.asarray(new["front"][rows]), G.resolution), ntrue[rows], npred[rows],
                           [present(labels[i]) if labels is not None else [] for i in rows], grid)
    elif grid:
        demo_grid(_resize_u8(np.asarray(main["front"][te[:6]]), G.resolution), true[:6], pred[:6], grid)
    (work / "evaluation.json").write_text(json.dumps(ev, indent=1))

    # ---- export ------------------------------------------------------------------------------
    dc = cfg["data"]
    training = {
        "data": {"source": "procedural phantom (com.ivpstudio.phantom)" if dc["source"] == "phantom" else dc["source"],
                 "image_size": dc["size"], "main": dc.get("main"), "nudge": dc.get("nudge"),
                 "train_samples": int((gdata["split"] == 0).sum()),
                 "anamorphic": "5:3 frame squashed into a square image"},
        "encoder": {**enc_sum, "objective": "CLIP contrastive (image-caption InfoNCE)",
                    "config": {k: ec[k] for k in ec if k != "minutes"}},
        "generator": {**gen_sum, "losses": ["L1", "image-tower feature L1"] + (
            ["pixel MSE (refinement)"] if gen_sum.get("refine_steps") else []) + (
            ["conditional GAN (projection discriminator on view class + embedding, non-saturating logistic, "
             "lazy R1 gamma=%g, DiffAugment, EMA)" % adv_cfg.get("r1_gamma", 5.0)] if gen_sum["gan_finetune"] else []),
            "config": {k: gc[k] for k in gc if k != "minutes"}},
        "gan_finetune": bool(gen_sum["gan_finetune"]),
        "device": cfg.get("_trained_on") or str(dev), "threads": torch.get_num_threads(),
        "pipeline_seconds": round(time.time() - t_start, 1),
        "command": "cd training && /usr/bin/python3 -m ivp_training.pipeline --config " + cfg.get("_config_path", ""),
    }
    out = _abs(out_override or b["out"])
    sample = np.asarray(main["front"][te[:1]]) if len(te) else None
    fronts = {"fit": kappa[main["split"] == 0], "held_out": kappa[main["split"] != 0],
              "fit_photos": main["front"][main["split"] == 0], "held_out_photos": main["front"][main["split"] != 0]}
    reader = train_orientation_reader(cfg, work, fronts["fit_photos"], log)
    if reader is not None:
        fronts["orientation_reader"] = reader
    export_bundle(out, clip.cpu(), G.cpu(), tok, cfg, stats, training, ev, sample_imgs=sample, fronts=fronts)
    log(f"bundle written to {out}")
    if b.get("model_card"):
        write_model_card(_abs(b["model_card"]), cfg, enrich_training(training, work, cfg), ev, stats, out)
        log(f"model card written to {_abs(b['model_card'])}")
    return {"bundle": str(out), "training": training, "evaluation": ev, "clip": clip.cpu().eval(),
            "generator": G.cpu().eval(), "tokenizer": tok, "work": str(work)}


def train_orientation_reader(cfg: dict, work: Path, fronts, log):
    """The orientation check's reader (config block ``orientation``: steps, seed, width), trained once per work
    directory: a finished one is reused when the export is run again. None without the block."""
    oc = cfg.get("orientation")
    if not oc:
        return None
    return orientation.trained_once(work / "orientation-reader.pt", np.asarray(fronts), cfg["encoder"]["input_size"],
                                    oc["steps"], oc.get("seed", cfg.get("seed", 0)), oc.get("width", 16), log=log)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", required=True)
    ap.add_argument("--deadline", default="", help="UTC HH:MM by which generator training must stop")
    ap.add_argument("--out", default=None, help="override bundle output dir")
    ap.add_argument("--device-results", default=None,
                    help="directory returned by scripts/device_run.sh: its phases replace local training")
    ap.add_argument("--device-tag", default=None, help="which adversarial run of --device-results to ship")
    ap.add_argument("--device-name", default="GPU", help="recorded as the training device")
    ap.add_argument("--data-only", action="store_true",
                    help="export the phantom data and build its caches, then stop (what device_pack needs)")
    a = ap.parse_args(argv)
    cfg = json.loads(Path(a.config).read_text())
    cfg["_config_path"] = a.config
    if a.data_only:
        work = _abs(cfg["work_dir"])
        work.mkdir(parents=True, exist_ok=True)
        load_data(cfg, work, log_to(work / "pipeline.log"))
        return 0
    if a.device_results:
        from .device_train import device_config, install_results
        work = _abs(cfg["work_dir"])
        work.mkdir(parents=True, exist_ok=True)
        cfg = device_config(cfg, force=True)
        cfg["_config_path"] = a.config
        cfg["_trained_on"] = a.device_name
        install_results(Path(a.device_results), work, a.device_tag, cfg,
                        Tokenizer.load(work / "tokenizer.json").vocab_size)
    run(cfg, parse_deadline(a.deadline), a.out)


if __name__ == "__main__":
    sys.exit(main())
