"""Evaluation on held-out phantom patients: PSNR / SSIM / feature cosine per view, Fréchet distance in
image-tower feature space, baselines (per-view mean image, nearest training patient by embedding),
nudge accuracy, caption->image retrieval, and the demo grid picture."""
from __future__ import annotations

from typing import Dict, List, Optional

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from .models import VIEWS, Generator, SmallCLIP, one_hot_views
from .tokenizer import Tokenizer
from .train import embed_images
from .zrng import z_from_seed


@torch.no_grad()
def generate_views(G: Generator, kappa: np.ndarray, z_seed: int = 0, psi: float = 1.0, batch: int = 64) -> np.ndarray:
    """kappa [N,D] -> uint8 [N,4,R,R,3] with the app's z-from-seed and PNG mapping."""
    dev = next(G.parameters()).device
    N = len(kappa)
    z = torch.from_numpy(z_from_seed(z_seed, G.z_dim)).to(dev).view(1, -1)
    out = np.zeros((N, 4, G.resolution, G.resolution, 3), np.uint8)
    for i in range(0, N, max(1, batch // 4)):
        k = torch.from_numpy(kappa[i:i + batch // 4]).float().to(dev)
        n = k.shape[0]
        kk = k.repeat_interleave(4, 0)
        c = one_hot_views(torch.arange(4).repeat(n)).to(dev)
        img = G(c, kk, z.expand(n * 4, -1), psi=psi).clamp(-1, 1)
        u8 = torch.round((img + 1) * 127.5).clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1).cpu().numpy()
        out[i:i + n] = u8.reshape(n, 4, *u8.shape[1:])
    return out


def _resize_u8(a: np.ndarray, R: int) -> np.ndarray:
    if a.shape[-2] == R:
        return a
    flat = a.reshape(-1, *a.shape[-3:])
    t = torch.from_numpy(np.ascontiguousarray(flat)).permute(0, 3, 1, 2).float()
    t = F.interpolate(t, size=(R, R), mode="bilinear", align_corners=False, antialias=True)
    r = t.round().clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1).numpy()
    return r.reshape(*a.shape[:-3], R, R, 3)


def psnr(pred: np.ndarray, true: np.ndarray) -> np.ndarray:
    mse = ((pred.astype(np.float64) - true.astype(np.float64)) ** 2).reshape(len(pred), -1).mean(1)
    return 10 * np.log10(255.0 ** 2 / np.maximum(mse, 1e-10))


def _gauss1d(size=11, sigma=1.5):
    x = torch.arange(size, dtype=torch.float64) - size // 2
    g = torch.exp(-x ** 2 / (2 * sigma ** 2))
    return (g / g.sum()).float()


def ssim(pred: np.ndarray, true: np.ndarray, chunk: int = 64) -> np.ndarray:
    """Mean SSIM (Gaussian 11x11, sigma 1.5, per RGB channel, data range 1 after /255) per image.
    Separable float32 convolutions."""
    g1 = _gauss1d()
    wv = g1.view(1, 1, 11, 1).repeat(3, 1, 1, 1)
    wh = g1.view(1, 1, 1, 11).repeat(3, 1, 1, 1)
    f = lambda x: F.conv2d(F.conv2d(x, wv, groups=3), wh, groups=3)
    C1, C2 = 0.01 ** 2, 0.03 ** 2
    out = []
    for i in range(0, len(pred), chunk):
        a = torch.from_numpy(np.ascontiguousarray(pred[i:i + chunk])).permute(0, 3, 1, 2).float() / 255.0
        b = torch.from_numpy(np.ascontiguousarray(true[i:i + chunk])).permute(0, 3, 1, 2).float() / 255.0
        mu_a, mu_b = f(a), f(b)
        saa = f(a * a) - mu_a ** 2
        sbb = f(b * b) - mu_b ** 2
        sab = f(a * b) - mu_a * mu_b
        m = ((2 * mu_a * mu_b + C1) * (2 * sab + C2)) / ((mu_a ** 2 + mu_b ** 2 + C1) * (saa + sbb + C2))
        out.append(m.mean(dim=(1, 2, 3)))
    return torch.cat(out).double().numpy()


def frechet(f1: np.ndarray, f2: np.ndarray):
    if len(f1) < 2 or len(f2) < 2:
        return None  # undefined for fewer than two samples
    f1 = f1.astype(np.float64); f2 = f2.astype(np.float64)
    m1, m2 = f1.mean(0), f2.mean(0)
    s1, s2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
    ev = np.linalg.eigvals(s1 @ s2)
    tr_sqrt = np.sqrt(np.clip(ev.real, 0, None)).sum()
    return float(((m1 - m2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * tr_sqrt)


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True).clip(1e-8)
    b = b / np.linalg.norm(b, axis=1, keepdims=True).clip(1e-8)
    return (a * b).sum(1)


def view_metrics(clip: SmallCLIP, pred: np.ndarray, true: np.ndarray) -> Dict[str, dict]:
    """pred/true uint8 [N,4,R,R,3] -> per-view metrics."""
    res = {}
    allp, allt = [], []
    for j, v in enumerate(VIEWS):
        fp = embed_images(clip, pred[:, j]); ft = embed_images(clip, true[:, j])
        allp.append(fp); allt.append(ft)
        res[v] = {"psnr": float(psnr(pred[:, j], true[:, j]).mean()), "ssim": float(ssim(pred[:, j], true[:, j]).mean()),
                  "feat_cos": float(_cos(fp, ft).mean()), "fd": frechet(fp, ft)}
    res["all"] = {k: float(np.mean([res[v][k] for v in VIEWS])) for k in ("psnr", "ssim", "feat_cos")}
    res["all"]["fd"] = frechet(np.concatenate(allp), np.concatenate(allt))
    return res


@torch.no_grad()
def retrieval(clip: SmallCLIP, tok: Tokenizer, fronts: np.ndarray, captions: List[str]) -> dict:
    dev = next(clip.parameters()).device
    ie = torch.from_numpy(embed_images(clip, fronts))
    ids = torch.tensor(tok.encode_batch(captions), dtype=torch.int64).to(dev)
    te = torch.cat([clip.encode_text(ids[i:i + 256]).cpu() for i in range(0, len(ids), 256)])
    sim = F.normalize(te, dim=1) @ F.normalize(ie, dim=1).t()
    order = sim.argsort(dim=1, descending=True).numpy()
    n = len(captions)
    caps = np.array(captions)
    own1 = float(np.mean([order[i, 0] == i for i in range(n)]))
    own5 = float(np.mean([i in order[i, :5] for i in range(n)]))
    match1 = float(np.mean([caps[order[i, 0]] == caps[i] for i in range(n)]))
    match5 = float(np.mean([(caps[order[i, :5]] == caps[i]).any() for i in range(n)]))
    return {"n": n, "unique_captions": int(len(set(captions))), "top1": own1, "top5": own5,
            "top1_caption_match": match1, "top5_caption_match": match5, "chance_top1": 1.0 / max(1, n)}


def nudge_eval(G: Generator, clip: SmallCLIP, kappa: np.ndarray, nd: Dict[str, np.ndarray], R: int,
               seed: int = 0, all_new: bool = False) -> Optional[dict]:
    """For test patients with >=2 stages: apply ANOTHER patient's (before->after) difference at alpha=1 and
    measure how much closer the predicted views get to the patient's true after-state than alpha=0.
    ``all_new``: no patient of ``nd`` was in training, so every patient is a test patient and every other
    patient a donor (otherwise test = the val/test split, donors = the train split)."""
    if nd is None or len(nd["patients"]) == 0:
        return None
    pats = nd["patients"]
    first, last = {}, {}
    for i, (p, st) in enumerate(zip(pats, nd["stage"])):
        if p not in first or st < nd["stage"][first[p]]:
            first[p] = i
        if p not in last or st > nd["stage"][last[p]]:
            last[p] = i
    plist = [p for p in first if last[p] != first[p]]
    test = plist if all_new else [p for p in plist if nd["split"][first[p]] != 0]  # held out of training
    donors = plist if all_new else ([p for p in plist if nd["split"][first[p]] == 0] or plist)
    if not test or not donors:
        return None
    rng = np.random.default_rng(seed)
    kb = np.stack([kappa[first[p]] for p in test]); ka = np.stack([kappa[last[p]] for p in test])
    dq = [donors[rng.integers(len(donors))] for _ in test]
    dq = [q if q != p else donors[(donors.index(q) + 1) % len(donors)] for q, p in zip(dq, test)]
    delta = np.stack([kappa[last[q]] - kappa[first[q]] for q in dq])
    mean_delta = np.mean([kappa[last[q]] - kappa[first[q]] for q in donors], axis=0)
    true_after = _resize_u8(np.stack([nd["views"][last[p]] for p in test]), R)
    true_before = _resize_u8(np.stack([nd["views"][first[p]] for p in test]), R)
    p0 = generate_views(G, kb); p1 = generate_views(G, (kb + delta).astype(np.float32))
    pm = generate_views(G, (kb + mean_delta).astype(np.float32)); po = generate_views(G, ka)

    def dist(pred):
        l1 = np.abs(pred.astype(np.float32) - true_after.astype(np.float32)).mean(axis=(1, 2, 3, 4)) / 255.0
        fp = embed_images(clip, pred.reshape(-1, R, R, 3)); ft = embed_images(clip, true_after.reshape(-1, R, R, 3))
        fc = 1 - _cos(fp, ft).reshape(len(pred), 4).mean(1)
        return l1, fc
    d0, f0 = dist(p0); d1, f1 = dist(p1); dm, fm = dist(pm); do, fo = dist(po)
    k_after_cos0 = _cos(kb, ka).mean(); k_after_cos1 = _cos(kb + delta, ka).mean()
    before_after_l1 = float((np.abs(true_before.astype(np.float32) - true_after.astype(np.float32)).mean()) / 255)
    return {"test_patients": len(test), "donor_patients": len(donors), "alpha": 1.0, "new_patients": all_new,
            "l1_to_true_after_alpha0": float(d0.mean()), "l1_to_true_after_alpha1": float(d1.mean()),
            "l1_rel_improvement": float(1 - d1.mean() / d0.mean()),
            "frac_patients_closer_l1": float((d1 < d0).mean()),
            "featdist_to_true_after_alpha0": float(f0.mean()), "featdist_to_true_after_alpha1": float(f1.mean()),
            "featdist_rel_improvement": float(1 - f1.mean() / max(f0.mean(), 1e-12)),
            "frac_patients_closer_feat": float((f1 < f0).mean()),
            "mean_donor_delta": {"l1": float(dm.mean()), "featdist": float(fm.mean())},
            "oracle_true_after_embedding": {"l1": float(do.mean()), "featdist": float(fo.mean())},
            "kappa_cos_to_after_alpha0": float(k_after_cos0), "kappa_cos_to_after_alpha1": float(k_after_cos1),
            "true_before_vs_after_l1": before_after_l1}


def _area(u8: np.ndarray, r: int) -> torch.Tensor:
    t = torch.from_numpy(np.ascontiguousarray(u8)).permute(0, 3, 1, 2).float()
    return F.interpolate(t, size=(r, r), mode="area")


def linear_from_front(data, tr: np.ndarray, te: np.ndarray, R: int, components: int = 64, coarse: int = 32,
                      ridge: float = 1.0) -> np.ndarray:
    """Reference for what pixel metrics can reward at all: ridge regression from the front photo's pixels
    (24 px, first ``components`` principal components) to each view at ``coarse`` px, upsampled to R.
    A blurry conditional average with no notion of teeth; uint8 [N,4,R,R,3] for the test samples."""
    fx = _area(np.asarray(data["front"]), 24).reshape(len(data["front"]), -1).numpy().astype(np.float64) / 255.0
    fx -= fx[tr].mean(0)
    _, _, vt = np.linalg.svd(fx[tr], full_matrices=False)
    x = fx @ vt[:components].T
    xtr, xte = np.c_[x[tr], np.ones(len(tr))], np.c_[x[te], np.ones(len(te))]
    out = np.zeros((len(te), 4, R, R, 3), np.uint8)
    for j in range(4):
        y = _area(np.asarray(data["views"][tr, j]), coarse).reshape(len(tr), -1).numpy().astype(np.float64)
        w = np.linalg.solve(xtr.T @ xtr + ridge * np.eye(xtr.shape[1]), xtr.T @ y)
        p = torch.from_numpy(xte @ w).float().view(-1, 3, coarse, coarse)
        p = F.interpolate(p, size=(R, R), mode="bilinear", align_corners=False)
        out[:, j] = p.round().clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1).numpy()
    return out


def evaluate_all(G, clip, tok, data, kappa, nudge_data, nudge_kappa, max_test: int = 400,
                 nudge_all_new: bool = False) -> dict:
    R = G.resolution
    tr = np.nonzero(data["split"] == 0)[0]
    te = np.nonzero(data["split"] == 2)[0][:max_test]
    eval_set = "test split"
    if len(te) < 2:  # tiny exports may have no test patients: fall back to everything held out, then to all
        te = np.nonzero(data["split"] != 0)[0][:max_test]
        eval_set = "val+test split"
    if len(te) < 2:
        te = np.arange(len(data["split"]))[-max(2, min(4, len(data["split"]))):]
        eval_set = "last samples (NOT held out; tiny export)"
    true = _resize_u8(np.asarray(data["views"][te]), R)
    pred = generate_views(G, kappa[te])
    mean_img = np.stack([_resize_u8(np.asarray(data["views"][tr, j]), R).astype(np.float64).mean(0)
                         for j in range(4)]).round().astype(np.uint8)
    base_mean = np.broadcast_to(mean_img, true.shape).copy()
    kt, kr = kappa[te], kappa[tr]
    d = ((kt ** 2).sum(1)[:, None] - 2 * kt @ kr.T + (kr ** 2).sum(1)[None, :])
    nn_idx = tr[d.argmin(1)]
    base_nn = _resize_u8(np.asarray(data["views"][nn_idx]), R)
    base_lin = linear_from_front(data, tr, te, R)
    res = {"test_samples": int(len(te)), "train_samples": int(len(tr)), "eval_set": eval_set,
           "model": view_metrics(clip, pred, true),
           "baseline_mean_image": view_metrics(clip, base_mean, true),
           "baseline_nearest_train_patient": view_metrics(clip, base_nn, true),
           "baseline_linear_from_front": view_metrics(clip, base_lin, true)}
    res["retrieval"] = retrieval(clip, tok, np.asarray(data["front"][te]), [str(c) for c in data["captions"][te]])
    res["nudge"] = (nudge_eval(G, clip, nudge_kappa, nudge_data, R, all_new=nudge_all_new)
                    if nudge_data is not None else None)
    res["_pred"] = pred
    res["_true"] = true
    res["_test_idx"] = te
    return res


def demo_grid(fronts: np.ndarray, true: np.ndarray, pred: np.ndarray, path, n: int = 6, tile_w: int = 160,
              tile_h: int = 96) -> None:
    """Rows: test patients; columns: input front | true left,right,lower,upper | predicted (same order).
    Tiles are stretched back to the 5:3 display aspect."""
    from PIL import ImageDraw
    n = min(n, len(fronts))
    gap, head = 6, 18
    cols = 9
    W = cols * tile_w + (cols - 1) * gap + 2 * gap
    H = head + n * (tile_h + gap) + gap
    canvas = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(canvas)
    labels = ["input front"] + [f"true {v}" for v in VIEWS] + [f"pred {v}" for v in VIEWS]
    for c, lab in enumerate(labels):
        x = gap + c * (tile_w + gap) + (gap if c >= 5 else 0) * 0
        d.text((x + 4, 3), lab, fill=(0, 0, 0))
    for r in range(n):
        tiles = [fronts[r]] + [true[r, j] for j in range(4)] + [pred[r, j] for j in range(4)]
        for c, t in enumerate(tiles):
            im = Image.fromarray(np.asarray(t)).resize((tile_w, tile_h), Image.BILINEAR)
            canvas.paste(im, (gap + c * (tile_w + gap), head + r * (tile_h + gap)))
    canvas.save(path, optimize=True)


# ------------------------------------------------------------------------------------------------
# Sharpness and the evaluation on new patients
# ------------------------------------------------------------------------------------------------
def _luma(u8: np.ndarray) -> torch.Tensor:
    t = torch.from_numpy(np.ascontiguousarray(u8)).float()
    return (0.299 * t[..., 0] + 0.587 * t[..., 1] + 0.114 * t[..., 2]).unsqueeze(1)  # [N,1,H,W]


def laplacian_variance(u8: np.ndarray) -> np.ndarray:
    """Variance of the 3x3 Laplacian of the luma, per image: large for crisp edges, small for blur."""
    k = torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]]).view(1, 1, 3, 3)
    return F.conv2d(_luma(u8), k).flatten(1).var(dim=1).double().numpy()


def high_frequency_share(u8: np.ndarray) -> np.ndarray:
    """Share of the luma's spectral energy (mean removed) above a quarter of the Nyquist frequency, per image."""
    y = _luma(u8)[:, 0]
    y = y - y.mean(dim=(1, 2), keepdim=True)
    p = torch.fft.fft2(y).abs().square()
    fy = torch.fft.fftfreq(y.shape[1]).abs().view(-1, 1)
    fx = torch.fft.fftfreq(y.shape[2]).abs().view(1, -1)
    high = (torch.sqrt(fy ** 2 + fx ** 2) > 0.125).float()  # Nyquist is 0.5 cycles per pixel
    return ((p * high).sum(dim=(1, 2)) / p.sum(dim=(1, 2)).clamp(min=1e-12)).double().numpy()


def sharpness_ratios(pred: np.ndarray, true: np.ndarray) -> Dict[str, dict]:
    """Per view: predicted / true mean Laplacian variance and high-frequency share (1.0 = as sharp as truth)."""
    res = {}
    for j, v in enumerate(VIEWS):
        res[v] = {"laplacian_var_ratio": float(laplacian_variance(pred[:, j]).mean() / laplacian_variance(true[:, j]).mean()),
                  "hf_share_ratio": float(high_frequency_share(pred[:, j]).mean() / high_frequency_share(true[:, j]).mean())}
    res["min"] = {k: min(res[v][k] for v in VIEWS) for k in ("laplacian_var_ratio", "hf_share_ratio")}
    return res


def pixel_similarity(a: np.ndarray, b: np.ndarray) -> Dict[str, dict]:
    res = {v: {"psnr": float(psnr(a[:, j], b[:, j]).mean()), "ssim": float(ssim(a[:, j], b[:, j]).mean())}
           for j, v in enumerate(VIEWS)}
    res["all"] = {k: float(np.mean([res[v][k] for v in VIEWS])) for k in ("psnr", "ssim")}
    return res


def check_disjoint_patients(train_seeds: np.ndarray, new_seeds: np.ndarray) -> None:
    """New patients must be new: no phantom patient seed of the evaluation set may occur in training."""
    if (np.asarray(new_seeds) < 0).any():
        raise ValueError("new-patient set without patient seeds: cannot check that it is disjoint from training")
    shared = set(int(s) for s in train_seeds) & set(int(s) for s in new_seeds)
    if shared:
        raise ValueError(f"{len(shared)} patient seeds of the new-patient set also occur in the training data")


def evaluate_new_patients(G: Generator, clip: SmallCLIP, train: Dict[str, np.ndarray], kappa_train: np.ndarray,
                          new: Dict[str, np.ndarray], kappa_new: np.ndarray, classifier=None, log=None,
                          judge: dict = None) -> dict:
    """The fidelity report on patients never seen in training (psi = 1, z seed 0): pixel metrics against truth
    and against the per-view average image of the same patients, sharpness ratios, Fréchet distance against the
    nearest-training-patient baseline, attribute fidelity. ``judge``: the settings of the attribute classifier
    (attributes.judge_settings; recorded with the result). ``classifier`` (trained here when None) reads the
    attributes; its training uses true views of the training split only."""
    from . import attributes as A
    check_disjoint_patients(train["seeds"], new["seeds"])
    R = G.resolution
    tr = np.nonzero(train["split"] == 0)[0]
    true = _resize_u8(np.asarray(new["views"]), R)
    pred = generate_views(G, kappa_new)
    mean_img = np.broadcast_to(true.astype(np.float64).mean(0).round().astype(np.uint8), true.shape).copy()
    d = ((kappa_new ** 2).sum(1)[:, None] - 2 * kappa_new @ kappa_train[tr].T + (kappa_train[tr] ** 2).sum(1)[None, :])
    nn_views = _resize_u8(np.asarray(train["views"][tr[d.argmin(1)]]), R)
    res = {"patients": int(len(true)), "train_patients": int(len(tr)), "psi": 1.0, "z_seed": 0,
           "seeds_disjoint_from_training": True,
           "model": view_metrics(clip, pred, true),
           "baseline_mean_image": view_metrics(clip, mean_img, true),
           "baseline_nearest_train_patient": view_metrics(clip, nn_views, true),
           "model_vs_mean_image": pixel_similarity(pred, mean_img),
           "sharpness": sharpness_ratios(pred, true),
           "sharpness_nearest_train_patient": sharpness_ratios(nn_views, true)}
    if all(p for p in new["params"]) and all(p for p in train["params"][tr]):
        y_tr, y_new = A.label_matrix(list(train["params"][tr])), A.label_matrix(list(new["params"]))
        if classifier is None:
            classifier = A.train_classifier(_resize_u8(np.asarray(train["views"][tr]), R), y_tr, log=log,
                                            **(judge or A.PIPELINE_JUDGE))
        res["attributes"] = A.fidelity(classifier, true, pred, y_new)
        res["attribute_judge"] = dict(judge or A.PIPELINE_JUDGE)
        res["_labels"] = y_new
    res["_pred"], res["_true"] = pred, true
    return res


def attribute_grid(fronts: np.ndarray, true: np.ndarray, pred: np.ndarray, label_rows: List[List[str]], path,
                   tile_w: int = 160, tile_h: int = 96) -> None:
    """Rows: new patients; columns: input front | true left,right,lower,upper | predicted (same order); under
    each row the attributes the phantom gave the patient, so a reader can check them in the predicted views."""
    from PIL import ImageDraw
    n, gap, head, foot = len(fronts), 6, 18, 16
    cols = 9
    W = cols * tile_w + (cols + 1) * gap
    H = head + n * (tile_h + foot + gap) + gap
    canvas = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(canvas)
    for c, lab in enumerate(["input front (new patient)"] + [f"true {v}" for v in VIEWS] + [f"predicted {v}" for v in VIEWS]):
        d.text((gap + c * (tile_w + gap) + 4, 3), lab, fill=(0, 0, 0))
    for r in range(n):
        y0 = head + r * (tile_h + foot + gap)
        for c, t in enumerate([fronts[r]] + [true[r, j] for j in range(4)] + [pred[r, j] for j in range(4)]):
            canvas.paste(Image.fromarray(np.asarray(t)).resize((tile_w, tile_h), Image.BILINEAR),
                         (gap + c * (tile_w + gap), y0))
        text = "has: " + (", ".join(label_rows[r]) if label_rows[r] else "none of the tracked attributes")
        d.text((gap + 4, y0 + tile_h + 2), text, fill=(20, 20, 120))
    canvas.save(path, optimize=True)
