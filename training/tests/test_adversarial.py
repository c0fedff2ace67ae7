"""The CLIP-IVP adversarial objective: a conditional projection discriminator, lazy R1, DiffAugment."""
import copy
import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from ivp_training import losses
from ivp_training.models import one_hot_views
from ivp_training.train import adversarial_d_step, build_discriminator, build_generator

TINY = json.loads((__import__("pathlib").Path(__file__).resolve().parents[1] / "configs" / "tiny.json").read_text())


def _inputs(n=4, seed=0):
    g = torch.Generator().manual_seed(seed)
    R, K = TINY["generator"]["resolution"], TINY["encoder"]["embed_dim"]
    img = torch.rand(n, 3, R, R, generator=g) * 2 - 1
    c = one_hot_views(torch.arange(n) % 4)
    k = F.normalize(torch.randn(n, K, generator=g), dim=1)
    return img, c, k


def test_discriminator_output_depends_on_view_class_and_embedding():
    torch.manual_seed(0)
    D = build_discriminator(TINY).eval()
    img, c, k = _inputs()
    base = D(img, c, k)
    wrong_class = D(img, c.roll(1, dims=1), k)
    wrong_embedding = D(img, c, k.roll(1, dims=0))
    assert (base - wrong_class).abs().min() > 1e-6
    assert (base - wrong_embedding).abs().min() > 1e-6


def test_r1_penalty_is_finite_and_positive():
    torch.manual_seed(0)
    D = build_discriminator(TINY)
    img, c, k = _inputs()
    real = img.requires_grad_(True)
    r1 = losses.r1_penalty(D(losses.diff_augment(real), c, k), real)
    assert torch.isfinite(r1) and r1 > 0
    r1.backward()  # the penalty itself is differentiable (create_graph) so D can minimise it
    assert all(torch.isfinite(p.grad).all() for p in D.parameters() if p.grad is not None)


def test_diff_augment_keeps_shape_and_range_and_is_differentiable():
    img, _, _ = _inputs()
    x = img.clone().requires_grad_(True)
    y = losses.diff_augment(x)
    assert y.shape == x.shape and torch.isfinite(y).all()
    y.sum().backward()
    assert x.grad is not None and x.grad.abs().sum() > 0


def test_a_few_discriminator_steps_reduce_its_loss_on_the_tiny_config(phantom_dir):
    from ivp_training import data as D_
    arrs = D_.build_arrays(phantom_dir / "main", TINY["generator"]["resolution"])
    torch.manual_seed(0)
    G = build_generator(TINY).eval()
    D = build_discriminator(TINY)
    optD = torch.optim.Adam(D.parameters(), lr=2e-3, betas=(0.0, 0.99))
    n = len(arrs["split"])
    vi = np.arange(n) % 4
    real = torch.from_numpy(arrs["views"][np.arange(n), vi]).permute(0, 3, 1, 2).float() / 127.5 - 1
    c = one_hot_views(torch.from_numpy(vi))
    k = torch.randn(n, TINY["encoder"]["embed_dim"])
    with torch.no_grad():
        fake = G(c, k, torch.randn(n, G.z_dim))
    kn = F.normalize(k, dim=1)
    first = [float(adversarial_d_step(D, optD, real, fake, c, kn, 2.5 * 4 if s % 4 == 0 else 0.0, True)["d"])
             for s in range(5)]
    for s in range(30):
        adversarial_d_step(D, optD, real, fake, c, kn, 2.5 * 4 if s % 4 == 0 else 0.0, True)
    last = [float(adversarial_d_step(D, optD, real, fake, c, kn, 0.0, True)["d"]) for _ in range(5)]
    assert np.mean(last) < np.mean(first) - 0.1, (first, last)


def test_a_matching_aware_discriminator_learns_to_reject_real_views_shown_with_another_embedding():
    torch.manual_seed(0)
    D = build_discriminator(TINY)
    optD = torch.optim.Adam(D.parameters(), lr=2e-3, betas=(0.0, 0.99))
    real, c, k = _inputs(n=8, seed=1)
    fake = torch.rand_like(real) * 2 - 1

    def gap():
        with torch.no_grad():
            return float((D(real, c, k) - D(real, c, k.roll(1, 0))).mean())

    before = gap()
    for _ in range(40):
        adversarial_d_step(D, optD, real, fake, c, k, 0.0, False, mismatch_weight=1.0)
    assert gap() > before + 0.5, (before, gap())


def test_losses_kept_on_the_device_reach_the_history_in_order_and_complete():
    from ivp_training.train import DeferredHistory
    hist = {"d": [], "r1": []}
    deferred = DeferredHistory(hist, block=3)
    for i in range(7):
        deferred.add(d=torch.tensor(float(i)), **({"r1": torch.tensor(10.0 * i)} if i % 2 == 0 else {}))
    assert hist["d"] == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]  # two full blocks so far
    deferred.flush()
    assert hist["d"] == [float(i) for i in range(7)] and hist["r1"] == [0.0, 20.0, 40.0, 60.0]


def test_continuing_a_returned_generator_trains_from_its_weights_and_returns_new_ones(tmp_path):
    import time
    from ivp_training import device_pack
    from ivp_training.device_train import continue_phase, load_npz, save_npz
    from ivp_training.tokenizer import Tokenizer, build_vocab
    from ivp_training.train import build_clip
    S, n = TINY["data"]["size"], 12
    rng = np.random.default_rng(0)
    arrs = {"front": rng.integers(0, 255, (n, S, S, 3), dtype=np.uint8),
            "views": rng.integers(0, 255, (n, 4, S, S, 3), dtype=np.uint8),
            "split": np.array([0] * 10 + [1] * 2, np.int8), "patients": np.array([f"p{i}" for i in range(n)]),
            "captions": np.array(["upper teeth with metal braces"] * n)}
    device_pack.pack(arrs, tmp_path / "pack", 10 ** 8)
    tok = Tokenizer(build_vocab(list(arrs["captions"])))
    start_g = build_generator(TINY)
    save_npz(build_clip(TINY, tok.vocab_size), tmp_path / "encoder.npz")
    save_npz(start_g, tmp_path / "generator.npz")
    work, out = tmp_path / "work", tmp_path / "out"
    work.mkdir(); out.mkdir()
    continue_phase(TINY, device_pack.unpack(tmp_path / "pack"), tok, work, out, time.time() + 60, "t",
                   {"rec_weight": 10, "mismatch_weight": 1, "batch": 4}, tmp_path / "encoder.npz",
                   tmp_path / "generator.npz", lambda *_: None)
    done = json.loads((work / "adversarial-t.done.json").read_text())
    assert done["steps"] == TINY["generator"]["adversarial"]["steps"] and done["mismatch_weight"] == 1.0
    assert done["continued_from"] == "generator.npz" and done["batch"] == 4
    trained = load_npz(build_generator(TINY), out / "generator-t.npz")
    moved = [float((a - b).abs().max()) for a, b in zip(trained.state_dict().values(), start_g.state_dict().values())
             if a.is_floating_point()]
    assert max(moved) > 0, "the returned generator is the start generator unchanged"


def _with_attribute_guidance(cfg, weight=1.0):
    out = copy.deepcopy(cfg)
    out["generator"]["adversarial"]["attr_weight"] = weight
    return out


def test_the_discriminator_has_an_attribute_head_only_when_attribute_guidance_is_on():
    from ivp_training.attributes import GUIDED
    img, c, k = _inputs()
    assert build_discriminator(TINY).attribute_head is None
    logits, attrs = build_discriminator(_with_attribute_guidance(TINY))(img, c, k, with_attributes=True)
    assert logits.shape == (4,) and attrs.shape == (4, len(GUIDED))


def test_the_attribute_head_learns_to_read_the_labels_of_real_views(phantom_dir):
    from ivp_training import data as D_
    from ivp_training.train import AttributeTargets
    arrs = D_.build_arrays(phantom_dir / "main", TINY["generator"]["resolution"])
    torch.manual_seed(0)
    D = build_discriminator(_with_attribute_guidance(TINY))
    optD = torch.optim.Adam(D.parameters(), lr=2e-3, betas=(0.0, 0.99))
    n = len(arrs["split"])
    patients, views = np.arange(n), np.arange(n) % 4
    targets = AttributeTargets(arrs["params"], patients, "cpu")
    wanted = targets.of(patients, views)
    assert wanted[0].sum() > 0, "the tiny export has no attribute any view shows"
    real = torch.from_numpy(arrs["views"][patients, views]).permute(0, 3, 1, 2).float() / 127.5 - 1
    c = one_hot_views(torch.from_numpy(views))
    kn = F.normalize(torch.randn(n, TINY["encoder"]["embed_dim"]), dim=1)
    fake = torch.rand_like(real) * 2 - 1

    def step():
        return float(adversarial_d_step(D, optD, real, fake, c, kn, 0.0, False, attribute_weight=1.0,
                                        attribute_loss=lambda logits: targets.loss(logits, wanted))["attr"])
    first = step()
    for _ in range(150):
        last = step()
    assert last < first * 0.5, (first, last)


def test_each_view_is_labelled_with_what_it_can_show():
    from ivp_training.attributes import GUIDED, view_labels
    params = {"appliance": "none", "restorations": {"23": "gold_crown", "36": "metal_crown"}, "missing": [41],
              "spacing_upper": 0.0, "spacing_lower": 0.0, "diastema": 0.0, "overbite": 6.0, "stain": 0.0,
              "crossbite_right": 0.0, "crossbite_left": 0.0}
    y, known = view_labels(params)
    col = {n: i for i, n in enumerate(GUIDED)}
    left, right, lower, upper = range(4)
    # upper left canine: the left buccal and the upper occlusal view; the molar crown is not a guided attribute
    assert [y[v, col["crown"]] for v in (left, right, lower, upper)] == [1, 0, 0, 1]
    # lower right central incisor missing: the right buccal and the lower occlusal view
    assert [y[v, col["missing_tooth"]] for v in (left, right, lower, upper)] == [0, 1, 1, 0]
    # a deep bite shows from the side; an occlusal view says nothing about it either way
    assert [y[v, col["deep_bite"]] for v in (left, right)] == [1, 1]
    assert [known[v, col["deep_bite"]] for v in (left, right, lower, upper)] == [1, 1, 0, 0]
    assert known[:, col["crown"]].all() and "molar_crown" not in col and "crossbite" not in col


def test_attribute_guidance_reaches_the_generator(phantom_dir):
    from ivp_training import data as D_
    from ivp_training.train import AttributeTargets
    arrs = D_.build_arrays(phantom_dir / "main", TINY["generator"]["resolution"])
    torch.manual_seed(0)
    G, D = build_generator(TINY), build_discriminator(_with_attribute_guidance(TINY))
    n = 8
    patients, views = np.arange(n), np.arange(n) % 4
    targets = AttributeTargets(arrs["params"], np.arange(len(arrs["split"])), "cpu")
    c = one_hot_views(torch.from_numpy(views))
    k = torch.randn(n, TINY["encoder"]["embed_dim"])
    fake = G(c, k, torch.randn(n, G.z_dim))
    _, attrs = D(fake, c, F.normalize(k, dim=1), with_attributes=True)
    targets.loss(attrs, targets.of(patients, views)).backward()
    assert sum(float(p.grad.abs().sum()) for p in G.parameters() if p.grad is not None) > 0


def test_a_data_pack_carries_the_phantom_parameters_attribute_guidance_needs(phantom_dir, tmp_path):
    from ivp_training import data as D_
    from ivp_training import device_pack
    arrs = D_.build_arrays(phantom_dir / "main", TINY["data"]["size"])
    device_pack.pack(arrs, tmp_path / "pack", 10 ** 8)
    back = device_pack.unpack(tmp_path / "pack")
    assert list(back["params"]) == list(arrs["params"]) and all(back["params"])


def _continue_on_phantom(phantom_dir, tmp_path, settings):
    """continue_phase on the tiny real phantom export; (record, start generator, returned generator, history)."""
    import time
    from ivp_training import data as D_
    from ivp_training.device_train import continue_phase, load_npz, save_npz
    from ivp_training.tokenizer import Tokenizer, build_vocab
    from ivp_training.train import build_clip
    arrs = D_.build_arrays(phantom_dir / "main", TINY["data"]["size"])
    tok = Tokenizer(build_vocab(list(arrs["captions"])))
    torch.manual_seed(0)
    start_g = build_generator(TINY)
    save_npz(build_clip(TINY, tok.vocab_size), tmp_path / "encoder.npz")
    save_npz(start_g, tmp_path / "generator.npz")
    work, out = tmp_path / "work", tmp_path / "out"
    work.mkdir(); out.mkdir()
    continue_phase(TINY, arrs, tok, work, out, time.time() + 60, "t", settings, tmp_path / "encoder.npz",
                   tmp_path / "generator.npz", lambda *_: None)
    done = json.loads((work / "adversarial-t.done.json").read_text())
    history = json.loads((work / "adversarial-history-t.json").read_text())
    return done, start_g, load_npz(build_generator(TINY), out / "generator-t.npz"), history


def _largest_change(a, b):
    return max(float((x - y).abs().max()) for x, y in zip(a.state_dict().values(), b.state_dict().values())
               if x.is_floating_point())


def test_during_the_discriminator_warm_up_the_generator_does_not_move(phantom_dir, tmp_path):
    steps = TINY["generator"]["adversarial"]["steps"]
    done, start_g, trained, history = _continue_on_phantom(phantom_dir, tmp_path,
                                                           {"d_warmup": steps, "attr_weight": 1, "batch": 4})
    assert done["d_warmup"] == steps and done["steps"] == steps
    assert _largest_change(trained, start_g) == 0.0
    assert len(history["d"]) == steps and len(history["attr_d"]) == steps and not history.get("g_adv")


def test_a_guided_run_trains_the_generator_and_records_its_attribute_losses(phantom_dir, tmp_path):
    steps = TINY["generator"]["adversarial"]["steps"]
    done, start_g, trained, history = _continue_on_phantom(phantom_dir, tmp_path,
                                                           {"d_warmup": 2, "attr_weight": 1, "batch": 4})
    assert done["attr_weight"] == 1.0 and done["attr_g_last"] is not None
    assert len(history["attr_g"]) == steps - 2 and len(history["attr_d"]) == steps
    assert _largest_change(trained, start_g) > 0


def _views_with_a_rare_gold_patch(n=6, size=16):
    """Cream views with gum-red lower halves; a 2x2 gold patch in one corner of every view (a rare colour)."""
    v = np.zeros((n, 4, size, size, 3), np.uint8)
    v[...] = (225, 215, 190)
    v[:, :, size // 2:] = (190, 90, 95)
    v[:, :, :2, :2] = (210, 170, 40)
    return v


def _as_targets(views_u8):
    return torch.from_numpy(views_u8).permute(0, 3, 1, 2).float() / 127.5 - 1.0


def test_rare_colours_weigh_more_than_common_ones_and_the_weights_average_one():
    views = _views_with_a_rare_gold_patch()
    rarity = losses.ColourRarity(views, strength=8.0)
    w = rarity.weights(_as_targets(views[:, 0]))
    assert w.shape == (6, 1, 16, 16)
    assert float(w.mean()) == pytest.approx(1.0, abs=1e-6)
    assert float(w[:, 0, :2, :2].min()) > 5 * float(w[:, 0, 2:].max())
    # a plain L1 when the strength is 0
    flat = losses.ColourRarity(views, strength=0.0)
    t = _as_targets(views[:, 1])
    assert float(flat.l1(torch.zeros_like(t), t)) == pytest.approx(float(t.abs().mean()), rel=1e-6)


def test_an_error_on_a_rare_colour_costs_more_than_the_same_error_on_a_common_one():
    views = _views_with_a_rare_gold_patch()
    rarity = losses.ColourRarity(views, strength=8.0)
    t = _as_targets(views[:, 2])
    on_patch, on_tooth = t.clone(), t.clone()
    on_patch[:, :, :2, :2] += 0.5
    on_tooth[:, :, 4:6, 4:6] += 0.5
    assert float(rarity.l1(on_patch, t)) > 5 * float(rarity.l1(on_tooth, t))


def test_rare_colour_weighting_changes_what_the_generator_learns_and_the_run_says_so(phantom_dir, tmp_path):
    (tmp_path / "plain").mkdir(); (tmp_path / "weighted").mkdir()
    _, start_g, plain, _ = _continue_on_phantom(phantom_dir, tmp_path / "plain", {"batch": 4})
    done, _, weighted, _ = _continue_on_phantom(phantom_dir, tmp_path / "weighted", {"rare_colour_weight": 8, "batch": 4})
    assert done["rare_colour_weight"] == 8.0
    assert _largest_change(weighted, start_g) > 0
    assert _largest_change(weighted, plain) > 0  # same seed, batches and steps: only the weighting differs
