"""Tiny end-to-end run on a tiny real phantom export: losses fall, artefacts exist."""
import json
from pathlib import Path

import numpy as np

from ivp_training import data as D


def test_phantom_export_format(phantom_dir):
    from ivp_training.data import read_index
    rows = read_index(phantom_dir / "main")
    assert rows, "empty index.jsonl"
    r = rows[0]
    for k in ("patient", "split", "view", "stage", "stages", "caption", "file", "width", "height"):
        assert k in r, k
    assert {x["view"] for x in rows} == {"front", "left", "right", "upper", "lower"}
    assert (phantom_dir / "main" / r["file"]).exists()
    assert r["width"] == r["height"] == 32


def test_tiny_training_losses_fall(tiny_run):
    t = tiny_run["training"]
    e, g = t["encoder"], t["generator"]
    assert e["steps"] > 0 and g["steps"] > 0
    assert e["loss_last"] < e["loss_first"], e
    assert g["l1_last"] < g["l1_first"], g
    assert t["gan_finetune"] is True and g["adversarial"]["steps"] == 6


def test_tiny_refinement_runs_after_reconstruction(tiny_run, tiny_cfg):
    g = tiny_run["training"]["generator"]
    assert g["refine_steps"] == tiny_cfg["generator"]["refine"]["steps"]
    assert g["refine_mse_last"] is not None and g["refine_mse_last"] > 0
    assert "pixel MSE (refinement)" in g["losses"]


def test_tiny_outputs(tiny_run, tiny_cfg):
    ev = tiny_run["evaluation"]
    for k in ("model", "baseline_mean_image", "baseline_nearest_train_patient", "baseline_linear_from_front"):
        for v in ("left", "right", "lower", "upper", "all"):
            assert np.isfinite(ev[k][v]["psnr"]) and -1 <= ev[k][v]["ssim"] <= 1
    assert 0 <= ev["retrieval"]["top1"] <= ev["retrieval"]["top5"] <= 1
    assert Path(tiny_cfg["bundle"]["grid"]).exists()
    card = Path(tiny_cfg["bundle"]["model_card"]).read_text()
    assert "not for clinical use" in card and "PSNR" in card
    m = json.loads((Path(tiny_run["bundle"]) / "manifest.json").read_text())
    assert m["training"]["gan_finetune"] is True and m["synthetic"] is True


def test_tiny_run_saves_loss_histories_for_every_phase(tiny_run):
    work = Path(tiny_run["work"])
    for name in ("encoder-history.json", "generator-history.json", "adversarial-history.json"):
        assert (work / name).exists(), name
    adv = json.loads((work / "adversarial-history.json").read_text())
    assert len(adv["d"]) == 6 and all(np.isfinite(adv["d"])) and adv["r1"]


def test_loss_curves_png_is_drawn_from_the_histories(tiny_run, tmp_path):
    from PIL import Image
    from ivp_training.curves import draw_loss_curves
    out = draw_loss_curves(Path(tiny_run["work"]), tmp_path / "curves.png")
    im = Image.open(out)
    assert im.width >= 3 * 400 and len(set(im.convert("L").getdata())) > 2


def test_nudge_on_new_staged_patients_uses_every_patient(tiny_run, phantom_dir):
    """A staged set never seen in training: every patient is judged (with another patient's change as the nudge);
    read as a training set's held-out split, only its val/test patients would be."""
    from ivp_training.evaluate import nudge_eval
    from ivp_training.train import embed_images
    staged = D.build_arrays(phantom_dir / "nudge", 32)
    clip, G = tiny_run["clip"], tiny_run["generator"]
    kappa = embed_images(clip, staged["front"])
    everyone = nudge_eval(G, clip, kappa, staged, G.resolution, all_new=True)
    assert everyone["test_patients"] == len(set(staged["patients"])) == 8 and everyone["new_patients"] is True
    held_out = nudge_eval(G, clip, kappa, staged, G.resolution)
    assert held_out is None or held_out["test_patients"] < 8
