"""Hard negative captions and the encoder fine-tuning that uses them."""
import copy

import numpy as np
import torch

from ivp_training import losses
from ivp_training import negatives as N
from ivp_training.tokenizer import build_vocab

CAPTION = ("metal brackets on the upper and lower teeth, missing upper right first premolar, "
           "metal crown on the lower left first molar, brown stains near the gums, ivory teeth")


def test_leaving_out_a_finding_keeps_all_the_others_in_order():
    rng = np.random.default_rng(0)
    parts = N.findings(CAPTION)
    for _ in range(20):
        neg = N.findings(N.without_one_finding(CAPTION, rng))
        assert len(neg) == len(parts) - 1
        assert [p for p in parts if p in neg] == neg


def test_a_caption_of_one_finding_has_no_finding_to_leave_out():
    assert N.without_one_finding("ivory teeth", np.random.default_rng(0)) == ""


def test_swapping_exchanges_exactly_one_word_for_its_opposite():
    rng = np.random.default_rng(1)
    for _ in range(20):
        neg = N.with_one_word_swapped(CAPTION, rng)
        diff = [(a, b) for a, b in zip(CAPTION.split(" "), neg.split(" ")) if a != b]
        assert len(diff) == 1 and N.SWAPS[diff[0][0].rstrip(",")] == diff[0][1].rstrip(",")
    assert N.with_one_word_swapped("ivory teeth", rng) == ""


def test_negatives_never_repeat_the_caption_and_fall_back_to_the_other_kind():
    rng = np.random.default_rng(2)
    negs = N.hard_negatives(CAPTION, 4, rng)
    assert len(negs) == 4 and CAPTION not in negs and all(negs)
    only_swappable = "deep bite"  # one finding: nothing to leave out, one word to swap
    assert N.hard_negatives(only_swappable, 2, rng) == ["open bite", "open bite"]
    assert N.hard_negatives("ivory teeth", 1, rng) == [""]


def test_every_swapped_word_is_a_word_the_tokenizer_always_knows():
    """A swap must never become an unknown token, whatever captions the vocabulary was built from."""
    vocab = build_vocab([])
    assert set(N.SWAPS) <= set(vocab)


def _ids(*rows):
    return torch.tensor(rows, dtype=torch.int64)


def test_a_negative_as_close_as_the_caption_raises_the_loss():
    img = torch.eye(2, 4)
    txt = torch.eye(2, 4)
    scale = torch.tensor(np.log(20.0))
    ids = _ids([1, 2], [3, 4])
    far = losses.clip_loss_with_negatives(img, txt, -torch.eye(2, 4), scale, ids, _ids([5, 6], [7, 8]))
    near = losses.clip_loss_with_negatives(img, txt, torch.eye(2, 4), scale, ids, _ids([5, 6], [7, 8]))
    assert near > far + 0.3  # half of log 2: the image cannot tell its caption from the negative


def test_a_negative_equal_to_a_batch_caption_counts_as_a_positive():
    img, scale = torch.eye(2, 4), torch.tensor(np.log(20.0))
    txt = torch.tensor([[0.8, 0.0, 0.6, 0.0], [0.0, 1.0, 0.0, 0.0]])
    closer = img[:1]  # a text closer to photo 0 than photo 0's own caption
    ids = _ids([1, 2], [3, 4])
    as_negative = losses.clip_loss_with_negatives(img, txt, closer, scale, ids, _ids([9, 9]))
    as_positive = losses.clip_loss_with_negatives(img, txt, closer, scale, ids, _ids([1, 2]))
    assert as_positive < as_negative - 0.4


def test_without_negatives_the_loss_is_the_plain_contrastive_loss():
    g = torch.Generator().manual_seed(0)
    img, txt = torch.randn(6, 8, generator=g), torch.randn(6, 8, generator=g)
    ids = torch.randint(0, 50, (6, 5), generator=g)
    scale = torch.tensor(np.log(30.0))
    plain = losses.clip_loss(img, txt, scale, ids)
    none = losses.clip_loss_with_negatives(img, txt, txt[:0], scale, ids, ids[:0])
    assert torch.allclose(plain, none)


def test_fine_tuning_at_zero_learning_rate_leaves_the_encoder_as_it_started(tiny_cfg, tiny_run, tmp_path):
    """The batch norms keep their statistics when fine-tuning (a recovered encoder has them folded away)."""
    from ivp_training import data as D
    from ivp_training.tokenizer import Tokenizer
    from ivp_training.train import build_clip, embed_images, train_encoder
    from pathlib import Path
    work = Path(tiny_cfg["work_dir"])
    tok = Tokenizer.load(work / "tokenizer.json")
    arrs = D.load_cache(work / "data" / "main-cache") if (work / "data" / "main-cache").exists() else None
    if arrs is None:
        arrs = D.build_arrays(Path(tiny_cfg["data"]["source"]) / "main", tiny_cfg["data"]["size"])
    start = build_clip(tiny_cfg, tok.vocab_size).eval()
    for m in start.modules():  # non-trivial statistics, so that train-mode batch norms would change the output
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.1, 0.1)
            m.running_var.uniform_(0.5, 1.5)
    cfg = copy.deepcopy(tiny_cfg)
    cfg["encoder"].update({"lr": 0.0, "steps": 3, "hard_negatives": 2})
    r = train_encoder(cfg, arrs, tok, tmp_path, float("inf"), lambda m: None, start_state=start.state_dict())
    assert r["steps"] == 3
    before, after = embed_images(start, arrs["front"][:4]), embed_images(r["model"].eval(), arrs["front"][:4])
    assert np.allclose(before, after, atol=1e-5)
