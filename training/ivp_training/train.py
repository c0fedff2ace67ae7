"""Training loops (encoder, generator, optional conditional-GAN fine-tune) against a wall-clock deadline,
with resumable checkpoints and progress lines."""
from __future__ import annotations

import copy
import json
import math
import os
import time
from pathlib import Path
from typing import Dict, Optional

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from . import attributes, losses, negatives
from .models import Discriminator, Generator, SmallCLIP, one_hot_views
from .progress import Progress
from .tokenizer import Tokenizer


def device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def log_to(path: Optional[Path]):
    def log(msg: str):
        line = time.strftime("%H:%M:%S ") + msg
        print(line, flush=True)
        if path:
            with open(path, "a") as f:
                f.write(line + "\n")
    return log


def _to_float(x_u8: np.ndarray, dev) -> torch.Tensor:
    """uint8 [N,S,S,3] -> float 0..255 [N,3,S,S]."""
    return torch.from_numpy(np.ascontiguousarray(x_u8)).to(dev).permute(0, 3, 1, 2).float()


class ThreadTuner:
    """threads="auto": every ``period`` steps time ``probe`` steps at each candidate thread count and keep
    the fastest (the CPU is shared with other jobs, so the best count changes over time)."""

    def __init__(self, threads, period: int = 1000, probe: int = 30):
        self.auto = threads == "auto"
        self.cands = [1, 2] if self.auto else [int(threads)]
        self.period, self.probe = period, probe
        self.times = {}
        self.best = self.cands[-1]
        self.t = None
        torch.set_num_threads(self.best)

    def before(self, step: int):
        if not self.auto:
            return
        ph = step % self.period
        if ph < self.probe * len(self.cands):
            n = self.cands[ph // self.probe]
            if torch.get_num_threads() != n:
                torch.set_num_threads(n)
            if ph % self.probe == 0:
                self.t = time.time()
            if ph % self.probe == self.probe - 1:
                self.times[n] = None  # closed in after()
        elif ph == self.probe * len(self.cands):
            self.best = min(self.times, key=lambda k: self.times[k] or 1e9)
            torch.set_num_threads(self.best)

    def after(self, step: int):
        if not self.auto:
            return
        ph = step % self.period
        if ph < self.probe * len(self.cands) and ph % self.probe == self.probe - 1 and self.t is not None:
            self.times[self.cands[ph // self.probe]] = (time.time() - self.t) / self.probe


def _augment(x: torch.Tensor, rng) -> torch.Tensor:
    """Light photometric/geometric jitter on 0..255 images: translation up to S/16 px, brightness, contrast."""
    S = x.shape[-1]
    p = max(1, S // 16)
    x = F.pad(x, (p, p, p, p), mode="replicate")
    ox, oy = rng.integers(0, 2 * p + 1, 2)
    x = x[:, :, oy:oy + S, ox:ox + S]
    b = torch.from_numpy(rng.uniform(0.85, 1.15, (x.shape[0], 1, 1, 1))).float().to(x.device)
    m = x.mean(dim=(1, 2, 3), keepdim=True)
    c = torch.from_numpy(rng.uniform(0.85, 1.15, (x.shape[0], 1, 1, 1))).float().to(x.device)
    return ((x - m) * c + m * b).clamp(0, 255)


def _save_ckpt(path: Path, obj: dict):
    tmp = Path(str(path) + ".tmp")
    torch.save(obj, tmp)  # internal checkpoint only; the shipped bundle is TorchScript + JSON + .bin
    os.replace(tmp, path)


def _freeze_batch_norms(clip: SmallCLIP) -> None:
    """Fine-tuning keeps the batch norms' statistics: an encoder recovered from a bundle has them folded into
    its convolutions (identities here), and batch statistics would change what it computes from step one."""
    for m in clip.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.eval()


@torch.no_grad()
def _calibrate_temperature(clip: SmallCLIP, data, ids_all, train_idx, batch: int, rng, log) -> None:
    """A bundle does not carry the contrastive temperature (only training reads it): start fine-tuning from the
    one that fits the start encoder best on one batch, not from the from-scratch default 1/0.07."""
    idx = np.sort(rng.choice(train_idx, batch, replace=False))
    dev = clip.logit_scale.device
    img = clip.encode_image(_to_float(data["front"][idx], dev))
    ids = ids_all[idx].to(dev)
    txt = clip.encode_text(ids)
    best = min((float(losses.clip_loss(img, txt, torch.tensor(math.log(s), device=dev), ids)), s)
               for s in (10, 14.3, 20, 30, 50, 70, 100))
    clip.logit_scale.fill_(math.log(best[1]))
    log(f"encoder: fine-tuning from an earlier encoder, temperature 1/{best[1]} (loss {best[0]:.4f} on one batch)")


def build_clip(cfg: dict, vocab_size: int) -> SmallCLIP:
    e = cfg["encoder"]
    return SmallCLIP(vocab_size, input_size=e["input_size"], widths=tuple(e["widths"]), embed_dim=e["embed_dim"],
                     context=cfg["text"]["context"], text_width=e["text_width"], text_depth=e["text_depth"],
                     text_heads=e["text_heads"])


def build_generator(cfg: dict) -> Generator:
    g = cfg["generator"]
    return Generator(kappa_dim=cfg["encoder"]["embed_dim"], z_dim=g["z_dim"], w_dim=g["w_dim"],
                     resolution=g["resolution"], channels=tuple(g["channels"]), num_views=4,
                     mapping_layers=g.get("mapping_layers", 4), mapping_lr_mult=g.get("mapping_lr_mult", 0.1))


# ================================================================================================
def train_encoder(cfg: dict, data: Dict[str, np.ndarray], tok: Tokenizer, work: Path, deadline: float,
                  log=print, start_state: Optional[dict] = None) -> dict:
    """Contrastive training of the small CLIP on front photos + captions, from scratch or, given
    ``start_state``, fine-tuning an earlier encoder. ``encoder.hard_negatives`` = k adds k captions per photo
    that contradict one of its findings (negatives.py). Returns a summary dict."""
    e = cfg["encoder"]
    dev = device()
    torch.manual_seed(cfg.get("seed", 0))
    clip = build_clip(cfg, tok.vocab_size)
    if start_state is not None:
        clip.load_state_dict(start_state)
    clip = clip.to(dev)
    opt = torch.optim.AdamW(clip.parameters(), lr=e["lr"], weight_decay=0.05)
    ckpt = work / "encoder.ckpt"
    step, losses_hist, t_used = 0, [], 0.0
    if ckpt.exists():
        st = torch.load(ckpt, map_location=dev)
        clip.load_state_dict(st["model"]); opt.load_state_dict(st["opt"])
        step, losses_hist, t_used = st["step"], st["losses"], st["t_used"]
        log(f"encoder: resumed at step {step}")
    train_idx = np.nonzero(data["split"] == 0)[0]
    ids_all = torch.tensor(tok.encode_batch([str(c) for c in data["captions"]]), dtype=torch.int64)
    B = min(e["batch"], len(train_idx))
    max_steps = e["steps"]
    rng = np.random.default_rng(cfg.get("seed", 0) + step)
    iw = float(e.get("instance_weight", 0.0))
    k_neg = int(e.get("hard_negatives", 0))
    warmup = 20 if start_state is not None else 200
    # Why a generator of its own: with or without negatives, the same photos and augmentations are drawn.
    neg_rng = np.random.default_rng([cfg.get("seed", 0), step, 1])
    tuner = ThreadTuner(cfg.get("threads", 2), period=500, probe=10)
    t0 = time.time()
    clip.train()
    if start_state is not None:
        _freeze_batch_norms(clip)
        if step == 0:
            _calibrate_temperature(clip, data, ids_all, train_idx, B, rng, log)
    progress = Progress(log, "encoder", max_steps, deadline, t_used)
    while step < max_steps and time.time() < deadline:
        frac = min(1.0, max(step / max_steps, (time.time() - t0) / max(1.0, deadline - t0)))
        lr = e["lr"] * min(1.0, (step + 1) / max(1, warmup)) * (0.5 * (1 + math.cos(math.pi * frac)) * 0.9 + 0.1)
        for gp in opt.param_groups:
            gp["lr"] = lr
        tuner.before(step)
        idx = rng.choice(train_idx, B, replace=False)
        x = _to_float(data["front"][np.sort(idx)], dev)
        ids = ids_all[np.sort(idx)].to(dev)
        x1 = _augment(x, rng)
        img1 = clip.encode_image(x1)
        if k_neg > 0:
            neg_ids = torch.tensor(tok.encode_batch(negatives.negative_batch(data["captions"][np.sort(idx)], k_neg,
                                                                             neg_rng)), dtype=torch.int64).to(dev)
            loss = losses.clip_loss_with_negatives(img1, clip.encode_text(ids), clip.encode_text(neg_ids),
                                                   clip.logit_scale, ids, neg_ids)
        else:
            loss = losses.clip_loss(img1, clip.encode_text(ids), clip.logit_scale, ids)
        if iw > 0:
            img2 = clip.encode_image(_augment(x, rng))
            loss = loss + iw * losses.instance_nce(img1, img2)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            clip.logit_scale.clamp_(0, math.log(100))
        tuner.after(step)
        step += 1
        losses_hist.append(float(loss))
        if progress.due(force=step == max_steps or step % 500 == 0):
            progress.report(step, f"loss {np.mean(losses_hist[-50:]):.4f} scale {clip.logit_scale.exp().item():.1f}")
        if step % 500 == 0:
            _save_ckpt(ckpt, {"model": clip.state_dict(), "opt": opt.state_dict(), "step": step,
                              "losses": losses_hist, "t_used": t_used + time.time() - t0})
    t_used += time.time() - t0
    _save_ckpt(ckpt, {"model": clip.state_dict(), "opt": opt.state_dict(), "step": step, "losses": losses_hist,
                      "t_used": t_used})
    clip.eval()
    nw = max(1, min(50, len(losses_hist) // 4))
    (work / "encoder-history.json").write_text(json.dumps({"contrastive": losses_hist}))
    return {"model": clip, "steps": step, "seconds": round(t_used, 1),
            "loss_first": float(np.mean(losses_hist[:nw])) if losses_hist else None,
            "loss_last": float(np.mean(losses_hist[-50:])) if losses_hist else None, "batch": B}


@torch.no_grad()
def embed_images(clip: SmallCLIP, imgs_u8: np.ndarray, batch: int = 256) -> np.ndarray:
    dev = next(clip.parameters()).device
    out = []
    for i in range(0, len(imgs_u8), batch):
        out.append(clip.encode_image(_to_float(imgs_u8[i:i + batch], dev)).float().cpu())
    return torch.cat(out).numpy() if out else np.zeros((0, clip.image.proj.out_features), np.float32)


class ViewBatches:
    """Random (target view, view class, embedding, z) batches of training samples; targets in [-1,1] at the
    generator's resolution, channels-last."""

    def __init__(self, data: Dict[str, np.ndarray], kappa: torch.Tensor, train_idx: np.ndarray, batch: int,
                 resolution: int, z_dim: int, rng):
        self.views, self.kappa, self.train_idx = data["views"], kappa, train_idx
        if kappa.device.type == "cuda":
            # Why: copying each batch from host memory (and waiting for it) was a large share of a GPU step of
            # these small networks; the uint8 views of a few thousand samples fit in GPU memory many times over.
            self.views = torch.from_numpy(data["views"]).to(kappa.device)
        self.batch, self.resolution, self.z_dim, self.rng = batch, resolution, z_dim, rng

    def __call__(self):
        return self.sample()[:4]

    def sample(self):
        """(target, view class, embedding, z, patient indices, view indices); the indices find each sample's labels."""
        dev, B, R = self.kappa.device, self.batch, self.resolution
        si = self.rng.choice(self.train_idx, B)
        vi = self.rng.integers(0, 4, B)
        if isinstance(self.views, torch.Tensor):
            picked = self.views[torch.from_numpy(si).to(dev), torch.from_numpy(vi).to(dev)]
        else:
            picked = torch.from_numpy(np.ascontiguousarray(self.views[si, vi])).to(dev)
        tgt = picked.permute(0, 3, 1, 2).float()
        if tgt.shape[-1] != R:
            tgt = F.interpolate(tgt, size=(R, R), mode="bilinear", align_corners=False, antialias=True)
        tgt = tgt / 127.5 - 1.0
        c = one_hot_views(torch.from_numpy(vi)).to(dev)
        z = torch.randn(B, self.z_dim, device=dev)
        return tgt.contiguous(memory_format=torch.channels_last), c, self.kappa[torch.from_numpy(si).to(dev)], z, si, vi


# ================================================================================================
def train_generator(cfg: dict, data: Dict[str, np.ndarray], kappa: np.ndarray, clip: SmallCLIP, work: Path,
                    deadline: float, log=print) -> dict:
    """Reconstruction training of G(kappa, c, z) (L1 + feature loss on the frozen image tower) and the
    MSE-weighted refinement; the adversarial phase follows in ``train_adversarial``."""
    g = cfg["generator"]
    dev = device()
    torch.manual_seed(cfg.get("seed", 0) + 1)
    G = build_generator(cfg).to(dev)
    if g.get("channels_last", True):
        G = G.to(memory_format=torch.channels_last)
    opt = torch.optim.Adam(G.parameters(), lr=g["lr"], betas=(0.0, 0.99))
    for p in clip.parameters():
        p.requires_grad_(False)
    clip.eval()
    ckpt = work / "generator.ckpt"
    G_ema = copy.deepcopy(G).eval()
    for p in G_ema.parameters():
        p.requires_grad_(False)
    ema_beta = float(g.get("ema_beta", 0.999))
    step, hist, t_used = 0, {"l1": [], "feat": [], "total": []}, 0.0
    refine = {"steps": 0, "seconds": 0.0}
    if ckpt.exists():
        st = torch.load(ckpt, map_location=dev)
        G.load_state_dict(st["train_model"]); G_ema.load_state_dict(st["model"]); opt.load_state_dict(st["opt"])
        step, hist, t_used = st["step"], st["hist"], st["t_used"]
        refine = st.get("refine", refine)
        log(f"generator: resumed at step {step}, refinement step {refine['steps']}")
    train_idx = np.nonzero(data["split"] == 0)[0]
    B = g["batch"]
    R = g["resolution"]
    kap = torch.from_numpy(kappa).float().to(dev)
    rng = np.random.default_rng(cfg.get("seed", 0) + 17 + step)
    recon_deadline = deadline
    max_steps = g["steps"]
    t0 = time.time()
    progress = Progress(log, "generator", max_steps, recon_deadline, t_used)
    fw = g.get("feat_weight", 1.0)
    tuner = ThreadTuner(cfg.get("threads", 2), period=1000, probe=30)

    def save_generator(seconds_used: float):
        _save_ckpt(ckpt, {"model": G_ema.state_dict(), "train_model": G.state_dict(), "opt": opt.state_dict(),
                          "step": step, "hist": hist, "t_used": seconds_used, "refine": refine})

    batch = ViewBatches(data, kap, train_idx, B, R, G.z_dim, rng)

    def reconstruction_step(mse_weight: float, feat_weight: float):
        """One optimiser step on L1 + mse_weight·MSE + feat_weight·feature loss (reconstruction and refinement)."""
        tgt, c, k, z = batch()
        fake = G(c, k, z, update_w_avg=True)
        diff = fake - tgt
        l1, mse = diff.abs().mean(), diff.square().mean()
        fl = losses.feature_loss(clip.image, clip.preprocess_unit(fake), clip.preprocess_unit(tgt))
        loss = l1 + feat_weight * fl + (mse_weight * mse if mse_weight else 0.0)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return l1, mse, fl, loss

    while step < max_steps and time.time() < recon_deadline:
        frac = min(1.0, max(step / max_steps, (time.time() - t0) / max(1.0, recon_deadline - t0)))
        lr = g["lr"] * min(1.0, (step + 1) / 500) * (0.3 if frac > 0.8 else 1.0)
        for gp in opt.param_groups:
            gp["lr"] = lr
        tuner.before(step)
        l1, _, fl, loss = reconstruction_step(0.0, fw)
        _ema_update(G_ema, G, min(ema_beta, (1 + step) / (10 + step)))
        tuner.after(step)
        step += 1
        hist["l1"].append(float(l1)); hist["feat"].append(float(fl)); hist["total"].append(float(loss))
        if progress.due():
            progress.report(step, f"l1 {np.mean(hist['l1'][-100:]):.4f} feat {np.mean(hist['feat'][-100:]):.4f}")
        if step % 1000 == 0:
            save_generator(t_used + time.time() - t0)
    t_used += time.time() - t0
    save_generator(t_used)

    # ---- refinement: pixel-MSE-weighted, decaying learning rate ------------------------------
    # Why: after L1 + feature loss alone the side views were still below the per-view mean image on SSIM. An
    # MSE term pulls towards the conditional mean, which is what one prediction from an ambiguous front photo
    # should be; the smaller feature weight keeps some patient-specific detail.
    rc = g.get("refine")
    if rc and refine["steps"] < rc["steps"]:
        refine_until = min(recon_deadline, time.time() + 60 * rc.get("minutes", 1e9))
        t2 = time.time()
        fw_r, mse_w = rc.get("feat_weight", fw), rc.get("mse_weight", 0.0)
        seconds_before = refine.get("seconds", 0.0)
        hist_r = refine.setdefault("hist", {"l1": [], "mse": [], "feat": []})
        while refine["steps"] < rc["steps"] and time.time() < refine_until:
            frac = max(refine["steps"] / rc["steps"], (time.time() - t2) / max(1.0, refine_until - t2))
            for gp in opt.param_groups:
                gp["lr"] = g["lr"] * rc.get("lr_mult", 0.3) * max(0.05, 1.0 - frac)
            tuner.before(refine["steps"])
            l1, mse, fl, _ = reconstruction_step(mse_w, fw_r)
            _ema_update(G_ema, G, ema_beta)
            tuner.after(refine["steps"])
            refine["steps"] += 1
            hist_r["l1"].append(float(l1)); hist_r["mse"].append(float(mse)); hist_r["feat"].append(float(fl))
            if progress.due():
                progress.note(f"refine step {refine['steps']}/{rc['steps']} l1 {np.mean(hist_r['l1'][-100:]):.4f} "
                              f"mse {np.mean(hist_r['mse'][-100:]):.4f} feat {np.mean(hist_r['feat'][-100:]):.4f} "
                              f"threads {torch.get_num_threads()} {progress.left_until(refine_until)}")
            refine["seconds"] = seconds_before + time.time() - t2
            if refine["steps"] % 1000 == 0:
                save_generator(t_used)
        save_generator(t_used)

    nw = max(1, min(200, len(hist["l1"]) // 4))
    return {"model": G_ema.eval(), "train_model": G, "steps": step, "seconds": round(t_used, 1), "batch": B,
            "l1_first": float(np.mean(hist["l1"][:nw])) if hist["l1"] else None,
            "l1_last": float(np.mean(hist["l1"][-nw:])) if hist["l1"] else None,
            "feat_first": float(np.mean(hist["feat"][:nw])) if hist["feat"] else None,
            "feat_last": float(np.mean(hist["feat"][-nw:])) if hist["feat"] else None,
            "refine_steps": refine["steps"], "refine_seconds": round(refine.get("seconds", 0.0), 1),
            "refine_mse_last": _tail_mean(refine.get("hist", {}).get("mse")),
            "refine_l1_last": _tail_mean(refine.get("hist", {}).get("l1")),
            "refine_feat_last": _tail_mean(refine.get("hist", {}).get("feat")),
            "gan_finetune": False, "history": {"reconstruction": hist, "refine": refine.get("hist", {})}}


@torch.no_grad()
def _ema_update(ema: nn.Module, model: nn.Module, beta: float, buffers: bool = True) -> None:
    for pe, p in zip(ema.parameters(), model.parameters()):
        pe.lerp_(p, 1 - beta)
    if buffers:
        for be, b_ in zip(ema.buffers(), model.buffers()):
            be.copy_(b_)


def _tail_mean(values, n: int = 200):
    return float(np.mean(values[-n:])) if values else None


# ================================================================================================
def build_discriminator(cfg: dict) -> Discriminator:
    a = cfg["generator"].get("adversarial", {})
    guided = len(attributes.GUIDED) if float(a.get("attr_weight", 0.0)) > 0 else 0
    return Discriminator(cfg["generator"]["resolution"], cfg["encoder"]["embed_dim"],
                         channels=tuple(a.get("d_channels", (16, 32, 64, 128, 128))), attributes=guided)


class AttributeTargets:
    """The phantom's per-view attribute labels (attributes.view_labels) of a data set on the training device, and
    the positive weights of the training split, for the discriminator's attribute head."""

    def __init__(self, params, train_idx: np.ndarray, dev):
        if not all(params):
            raise ValueError("attr_weight needs the phantom's parameters of every patient (a data pack made before "
                             "device_pack carried them: pack again)")
        y, known = attributes.view_label_tensors(list(params))
        pos = (y * known)[train_idx].sum((0, 1)) / np.maximum(known[train_idx].sum((0, 1)), 1.0)
        pos = pos.clip(0.02, 0.98)
        self.labels, self.known = torch.from_numpy(y).to(dev), torch.from_numpy(known).to(dev)
        self.pos_weight = torch.from_numpy((1 - pos) / pos).float().to(dev)

    def of(self, patients: np.ndarray, views: np.ndarray) -> tuple:
        """(labels, known) [B, attributes] of the sampled (patient, view) pairs."""
        i, v = torch.from_numpy(np.asarray(patients)), torch.from_numpy(np.asarray(views))
        i, v = i.to(self.labels.device), v.to(self.labels.device)
        return self.labels[i, v], self.known[i, v]

    def loss(self, logits: torch.Tensor, target: tuple) -> torch.Tensor:
        return losses.attribute_bce(logits, target[0], target[1], self.pos_weight)


def _some_views(views, train_idx: np.ndarray, rng, patients: int = 400) -> np.ndarray:
    """The views of up to ``patients`` training patients (what a colour histogram needs, without the whole set)."""
    picked = np.sort(rng.choice(train_idx, min(patients, len(train_idx)), replace=False))
    return np.asarray(views[picked])


def adversarial_d_step(D: Discriminator, optD, real: torch.Tensor, fake: torch.Tensor, c: torch.Tensor,
                       kn: torch.Tensor, r1_weight: float, augment: bool, mismatch_weight: float = 0.0,
                       attribute_weight: float = 0.0, attribute_loss=None) -> Dict[str, torch.Tensor]:
    """Discriminator step: logistic loss on (augmented) real vs fake views; when ``r1_weight`` > 0 the lazy R1
    penalty (gamma/2 * |grad_x D(x)|^2 on real views, scaled by the regularisation interval); when
    ``mismatch_weight`` > 0 real views shown with ANOTHER sample's embedding count as fake (matching-aware
    discriminator, Reed et al. 2016), so D must check that a view fits its embedding, not only that it looks real;
    when ``attribute_weight`` > 0 the attribute head learns to read the real views' labels (``attribute_loss``:
    logits -> loss; real views only, so the head cannot learn what the generator's drawings look like).
    The losses come back as detached 0-d tensors: reading them as floats here would wait for the GPU each step."""
    aug = losses.diff_augment if augment else (lambda x: x)
    real = real.detach().requires_grad_(r1_weight > 0)
    attr = torch.zeros([], device=real.device)
    if attribute_weight > 0:
        real_logits, real_attr = D(aug(real), c, kn, with_attributes=True)
        attr = attribute_loss(real_attr)
    else:
        real_logits = D(aug(real), c, kn)
    fake_logits = D(aug(fake.detach()), c, kn)
    dl = losses.d_logistic(real_logits, fake_logits)
    if mismatch_weight > 0:
        dl = dl + mismatch_weight * F.softplus(D(aug(real.detach()), c, kn.roll(1, 0))).mean()
    r1 = torch.zeros([], device=real.device)
    if r1_weight > 0:
        r1 = losses.r1_penalty(real_logits, real)
    optD.zero_grad(set_to_none=True)
    (dl + r1_weight * r1 + attribute_weight * attr).backward()
    optD.step()
    return {"d": dl.detach(), "r1": r1.detach(), "real": real_logits.detach().mean(),
            "fake": fake_logits.detach().mean(), "attr": attr.detach()}


class DeferredHistory:
    """Per-step losses kept as device tensors and appended to the history in blocks, one GPU wait per block
    instead of one per loss and step (the adversarial step of these small networks was launch-bound on a GPU)."""

    def __init__(self, hist: Dict[str, list], block: int = 50):
        self.hist, self.block, self.pending = hist, block, []

    def add(self, **losses_now: torch.Tensor) -> None:
        self.pending.append(losses_now)
        if len(self.pending) >= self.block:
            self.flush()

    def flush(self) -> Dict[str, list]:
        for key in {k for p in self.pending for k in p}:
            vals = [p[key].detach().reshape(()) for p in self.pending if key in p]
            self.hist[key].extend(torch.stack(vals).float().cpu().tolist())
        self.pending.clear()
        return self.hist


def train_adversarial(cfg: dict, G: Generator, G_ema: Generator, data: Dict[str, np.ndarray], kappa: np.ndarray,
                      clip: SmallCLIP, ckpt: Path, deadline: float, log=print) -> dict:
    """The CLIP-IVP objective on top of the reconstruction-trained generator: a projection discriminator
    conditioned on view class + normalised embedding, non-saturating logistic loss, lazy R1, DiffAugment, EMA
    generator; plus ``rec_weight`` x (L1 + feat_weight x feature loss) because the phantom has ground truth.
    Resumable from ``ckpt``; updates G and G_ema in place and returns a summary with the loss history."""
    a = cfg["generator"]["adversarial"]
    dev = next(G.parameters()).device
    D = build_discriminator(cfg).to(dev)
    optG = torch.optim.Adam(G.parameters(), lr=a.get("lr", 0.002), betas=(0.0, 0.99))
    optD = torch.optim.Adam(D.parameters(), lr=a.get("d_lr", 0.002), betas=(0.0, 0.99))
    hist = {"d": [], "g_adv": [], "rec": [], "r1": []}
    step, seconds = 0, 0.0
    if ckpt.exists():
        st = torch.load(ckpt, map_location=dev)
        G.load_state_dict(st["G"]); G_ema.load_state_dict(st["G_ema"]); D.load_state_dict(st["D"])
        optG.load_state_dict(st["optG"]); optD.load_state_dict(st["optD"])
        step, seconds, hist = st["step"], st["seconds"], st["hist"]
        log(f"adversarial: resumed at step {step}")
    max_steps = int(a["steps"])
    until = min(deadline, time.time() + 60 * a.get("minutes", 1e9))
    rng = np.random.default_rng(cfg.get("seed", 0) + 31 + step)
    train_idx = np.nonzero(data["split"] == 0)[0]
    kap = torch.from_numpy(kappa).float().to(dev)
    batch = ViewBatches(data, kap, train_idx, a.get("batch", cfg["generator"]["batch"]), G.resolution, G.z_dim, rng)
    gamma, every = float(a.get("r1_gamma", 5.0)), int(a.get("r1_every", 16))
    mismatch = float(a.get("mismatch_weight", 0.0))
    attr_w = float(a.get("attr_weight", 0.0))
    # Why a warm-up: a continued run starts with a fresh discriminator whose attribute head reads nothing yet; while
    # it learns, its gradients would steer the generator at random.
    d_warmup = int(a.get("d_warmup", 0))
    targets = AttributeTargets(data["params"], train_idx, dev) if attr_w > 0 else None
    if attr_w > 0:
        hist.setdefault("attr_d", []); hist.setdefault("attr_g", [])
    deferred = DeferredHistory(hist)
    rec_w, feat_w, adv_w = float(a.get("rec_weight", 1.0)), float(a.get("feat_weight", 1.0)), float(a.get("adv_weight", 1.0))
    rare_w = float(a.get("rare_colour_weight", 0.0))
    rarity = None
    if rare_w > 0:  # its own random numbers: the batches stay those of a run without it
        some = _some_views(data["views"], train_idx, np.random.default_rng(cfg.get("seed", 0) + 43))
        rarity = losses.ColourRarity(some, rare_w)
    ema_beta = float(a.get("ema_beta", cfg["generator"].get("ema_beta", 0.999)))
    augment = bool(a.get("diffaug", True))
    progress = Progress(log, "adversarial", max_steps, until, seconds)
    tuner = ThreadTuner(cfg.get("threads", 2), period=1000, probe=20)

    def save():
        _save_ckpt(ckpt, {"G": G.state_dict(), "G_ema": G_ema.state_dict(), "D": D.state_dict(),
                          "optG": optG.state_dict(), "optD": optD.state_dict(), "step": step,
                          "seconds": seconds + time.time() - t0, "hist": deferred.flush()})
    aug = losses.diff_augment if augment else (lambda x: x)

    def generator_step(tgt, c, k, z, kn, wanted) -> Dict[str, torch.Tensor]:
        fake = G(c, k, z, update_w_avg=True)
        if targets:
            fake_logits, fake_attr = D(aug(fake), c, kn, with_attributes=True)
            attr_g = targets.loss(fake_attr, wanted)
        else:
            fake_logits, attr_g = D(aug(fake), c, kn), torch.zeros([], device=dev)
        adv = losses.g_nonsat(fake_logits)
        rec = rarity.l1(fake, tgt) if rarity else (fake - tgt).abs().mean()
        if feat_w > 0:
            rec = rec + feat_w * losses.feature_loss(clip.image, clip.preprocess_unit(fake), clip.preprocess_unit(tgt))
        optG.zero_grad(set_to_none=True)
        (adv_w * adv + rec_w * rec + attr_w * attr_g).backward()
        optG.step()
        _ema_update(G_ema, G, ema_beta)
        return {"g_adv": adv, "rec": rec, **({"attr_g": attr_g} if targets else {})}

    def recent(key: str, n: int = 100) -> float:
        return float(np.mean(hist[key][-n:])) if hist.get(key) else 0.0

    t0 = time.time()
    G.train()
    while step < max_steps and time.time() < until:
        tuner.before(step)
        tgt, c, k, z, patients, views = batch.sample()
        kn = F.normalize(k, dim=1)
        with torch.no_grad():
            fake = G(c, k, z)
        r1_weight = gamma / 2 * every if step % every == 0 else 0.0
        wanted = targets.of(patients, views) if targets else None
        ds = adversarial_d_step(D, optD, tgt, fake, c, kn, r1_weight, augment, mismatch, attr_w,
                                (lambda logits: targets.loss(logits, wanted)) if targets else None)
        losses_now = {"d": ds["d"], **({"r1": ds["r1"]} if r1_weight else {}),
                      **({"attr_d": ds["attr"]} if targets else {})}
        if step >= d_warmup:
            losses_now.update(generator_step(tgt, c, k, z, kn, wanted))
        tuner.after(step)
        step += 1
        deferred.add(**losses_now)
        if progress.due(force=step == max_steps):
            deferred.flush()
            attr_line = f" attr d {recent('attr_d'):.3f} g {recent('attr_g'):.3f}" if targets else ""
            warm = " (discriminator warm-up)" if step <= d_warmup else ""
            progress.report(step, f"d {recent('d'):.3f} g_adv {recent('g_adv'):.3f} rec {recent('rec'):.4f} "
                                  f"r1 {recent('r1', 10):.3f}{attr_line}{warm}")
        if step % 500 == 0:
            save()
    save()
    seconds += time.time() - t0
    G_ema.eval()
    return {"steps": step, "seconds": round(seconds, 1), "rec_weight": rec_w, "feat_weight": feat_w,
            "adv_weight": adv_w, "r1_gamma": gamma, "r1_every": every, "diffaug": augment,
            "mismatch_weight": mismatch, "attr_weight": attr_w, "d_warmup": d_warmup, "batch": batch.batch,
            "rare_colour_weight": rare_w,
            "d_last": _tail_mean(hist["d"]), "g_adv_last": _tail_mean(hist["g_adv"]),
            "rec_last": _tail_mean(hist["rec"]), "attr_g_last": _tail_mean(hist.get("attr_g", [])), "history": hist}


def load_generators(cfg: dict, ckpt: Path, dev) -> tuple:
    """(EMA generator, training generator) from a reconstruction or adversarial checkpoint."""
    st = torch.load(ckpt, map_location="cpu")
    ema, trained = build_generator(cfg), build_generator(cfg)
    ema.load_state_dict(st.get("G_ema", st.get("model")))
    trained.load_state_dict(st.get("G", st.get("train_model")))
    return ema.to(dev).eval(), trained.to(dev)
