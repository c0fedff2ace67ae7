"""Losses: CLIP contrastive, reconstruction (L1 + frozen-image-tower feature loss), GAN + R1."""
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
