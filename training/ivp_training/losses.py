"""Losses: CLIP contrastive, reconstruction (L1 + frozen-image-tower feature loss, rare-colour weights), GAN + R1."""
import numpy as np
import torch
import torch.nn.functional as F


def clip_loss(img_emb, txt_emb, logit_scale, caption_ids=None):
    """Symmetric InfoNCE. Identical captions in a batch are treated as positives (multi-positive)."""
    a = F.normalize(img_emb, dim=1)
    b = F.normalize(txt_emb, dim=1)
    logits = logit_scale.exp().clamp(max=100) * a @ b.t()
    if caption_ids is None:
        target = torch.arange(a.shape[0], device=a.device)
        return 0.5 * (F.cross_entropy(logits, target) + F.cross_entropy(logits.t(), target))
    same = (caption_ids.unsqueeze(0) == caption_ids.unsqueeze(1)).all(dim=2).float()
    tgt = same / same.sum(1, keepdim=True)
    return 0.5 * (-(tgt * logits.log_softmax(1)).sum(1).mean() - (tgt * logits.t().log_softmax(1)).sum(1).mean())


def clip_loss_with_negatives(img_emb, txt_emb, neg_emb, logit_scale, caption_ids, negative_ids):
    """clip_loss whose image->text side also ranks hard negative captions (negatives.py): each image must prefer
    its own caption over the batch's captions AND over captions contradicting one of its findings. The
    text->image side is the plain one (a negative caption has no photo). A negative that equals some image's
    caption counts as a positive for that image."""
    a = F.normalize(img_emb, dim=1)
    texts = F.normalize(torch.cat([txt_emb, neg_emb]), dim=1)
    scale = logit_scale.exp().clamp(max=100)
    logits = scale * a @ texts.t()
    all_ids = torch.cat([caption_ids, negative_ids])
    same = (caption_ids.unsqueeze(1) == all_ids.unsqueeze(0)).all(dim=2).float()
    i2t = -((same / same.sum(1, keepdim=True)) * logits.log_softmax(1)).sum(1).mean()
    same_t = same[:, :len(caption_ids)].t()
    t2i = -((same_t / same_t.sum(1, keepdim=True)) * logits[:, :len(caption_ids)].t().log_softmax(1)).sum(1).mean()
    return 0.5 * (i2t + t2i)


def feature_loss(tower, pre_fake, pre_real, weights=(1.0, 1.0, 1.0, 1.0)):
    """L1 between channel-normalised intermediate features of the frozen image tower."""
    ff = tower.features(pre_fake)
    with torch.no_grad():
        fr = tower.features(pre_real)
    loss = 0.0
    for w, a, b in zip(weights, ff, fr):
        loss = loss + w * (F.normalize(a, dim=1) - F.normalize(b, dim=1)).abs().mean()
    return loss


def d_logistic(real_logits, fake_logits):
    return F.softplus(fake_logits).mean() + F.softplus(-real_logits).mean()


def g_nonsat(fake_logits):
    return F.softplus(-fake_logits).mean()


def attribute_bce(logits, labels, known, pos_weight):
    """Binary cross-entropy of attribute logits [B, A] against 0/1 labels, counted only where ``known`` is 1 (a view
    that cannot show an attribute says nothing about it); ``pos_weight`` [A] lets rare attributes count as much as
    common ones."""
    per = F.binary_cross_entropy_with_logits(logits, labels, pos_weight=pos_weight, reduction="none")
    return (per * known).sum() / known.sum().clamp(min=1.0)


def r1_penalty(real_logits, real_img):
    g, = torch.autograd.grad(real_logits.sum(), real_img, create_graph=True)
    return g.square().sum(dim=(1, 2, 3)).mean()


def instance_nce(a, b, temperature: float = 0.1):
    """SimCLR-style loss between two augmentations of the same images (makes kappa instance-discriminative)."""
    a = F.normalize(a, dim=1)
    b = F.normalize(b, dim=1)
    logits = a @ b.t() / temperature
    target = torch.arange(a.shape[0], device=a.device)
    return 0.5 * (F.cross_entropy(logits, target) + F.cross_entropy(logits.t(), target))


def diff_augment(x, generator=None):
    """DiffAugment (Zhao et al. 2020: colour, translation, cutout) on [-1,1] images, differentiable and applied
    the same way to real and generated images before the discriminator, so that D cannot memorise a few
    thousand training views while G still sees the un-augmented distribution."""
    B, _, H, W = x.shape
    dev = x.device

    def rand(*shape):
        return torch.rand(*shape, device=dev, generator=generator)
    x = x + (rand(B, 1, 1, 1) - 0.5)  # brightness
    m = x.mean(dim=1, keepdim=True)
    x = (x - m) * (rand(B, 1, 1, 1) * 2) + m  # saturation
    m = x.mean(dim=(1, 2, 3), keepdim=True)
    x = (x - m) * (rand(B, 1, 1, 1) + 0.5) + m  # contrast
    # translation by up to 1/8 of the size, zero padded, as one gather
    sx, sy = W // 8, H // 8
    tx = (rand(B, 1, 1) * (2 * sx + 1)).long() - sx
    ty = (rand(B, 1, 1) * (2 * sy + 1)).long() - sy
    gy, gx = torch.meshgrid(torch.arange(H, device=dev), torch.arange(W, device=dev), indexing="ij")
    gy = (gy.unsqueeze(0) + ty).clamp(-1, H)
    gx = (gx.unsqueeze(0) + tx).clamp(-1, W)
    pad = F.pad(x, (1, 1, 1, 1))
    idx = ((gy + 1) * (W + 2) + (gx + 1)).view(B, 1, -1).expand(-1, x.shape[1], -1)
    x = pad.flatten(2).gather(2, idx).view_as(x)
    # cutout: one zeroed square of half the size
    cy = (rand(B, 1, 1) * H).long()
    cx = (rand(B, 1, 1) * W).long()
    gy, gx = torch.meshgrid(torch.arange(H, device=dev), torch.arange(W, device=dev), indexing="ij")
    keep = ((gy.unsqueeze(0) - cy).abs() >= H // 4) | ((gx.unsqueeze(0) - cx).abs() >= W // 4)
    return x * keep.unsqueeze(1).to(x.dtype)


class ColourRarity:
    """Per-pixel weights for the reconstruction term: how rare a target pixel's colour is among the training views.

    Why: a gold or metal crown, a ceramic bracket or a gap is a few dozen pixels of one view in a quarter of the
    patients, so in a plain L1 it costs about 0.002 of a loss near 0.15 and the generator never learned to draw it
    (0.2.2 draws no crown even for its own training patients). Colours that rare (gold, metal grey, dark gaps) get
    up to ``1 + strength`` times the weight of common ones (tooth cream, gum red); the weights are normalised per
    batch so the term keeps the scale of a plain L1. The rarity of a colour is its surprise (-log2 of its share
    among the training views, colours quantised to ``levels`` per channel), mapped to [0, 1] between the median
    pixel's surprise and the 99.5th percentile's. Measured at CPU scale (scripts/rare_colour_pilot.py, training/README):
    it does not help there; it stays a setting for a GPU run to try."""

    def __init__(self, views_u8: np.ndarray, strength: float, levels: int = 16):
        q = np.asarray(views_u8).reshape(-1, 3).astype(np.int64) * levels // 256
        idx = (q[:, 0] * levels + q[:, 1]) * levels + q[:, 2]
        share = np.bincount(idx, minlength=levels ** 3) / len(idx)
        surprise = -np.log2(np.maximum(share, 1e-12))
        low, high = np.percentile(surprise[idx], [50.0, 99.5])
        self.rarity = torch.from_numpy(np.clip((surprise - low) / max(high - low, 1e-6), 0.0, 1.0)).float()
        self.levels, self.strength = levels, float(strength)

    def weights(self, target: torch.Tensor) -> torch.Tensor:
        """[B,1,H,W] weights of target views in [-1, 1] (mean 1 over the batch)."""
        q = ((target.detach() + 1.0) * 127.5).round().clamp(0, 255).long() * self.levels // 256
        idx = (q[:, 0] * self.levels + q[:, 1]) * self.levels + q[:, 2]
        if self.rarity.device != target.device:  # moved once, not copied on every step
            self.rarity = self.rarity.to(target.device)
        w = 1.0 + self.strength * self.rarity[idx].unsqueeze(1)
        return w / w.mean()

    def l1(self, fake: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        return (self.weights(target) * (fake - target).abs()).mean()
