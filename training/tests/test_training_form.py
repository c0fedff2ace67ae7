"""The training forms recovered from a bundle (the starting point of further training on a new machine)."""
import copy
import json
from pathlib import Path

import pytest
import torch

from ivp_training.inference_graph import nearest2x_conv3x3_as_transposed
from ivp_training.models import ImageEncoderExport
from ivp_training.training_form import recover, transposed_as_nearest2x_conv3x3

REPO = Path(__file__).resolve().parents[2]


def test_a_transposed_upsampling_kernel_gives_back_its_3x3_kernel():
    w = torch.randn(5, 7, 3, 3, generator=torch.Generator().manual_seed(1))
    assert (transposed_as_nearest2x_conv3x3(nearest2x_conv3x3_as_transposed(w)) - w).abs().max() < 1e-6


def test_the_recovered_generator_has_the_trained_parameters(tiny_run, tiny_bundle, tiny_cfg):
    _, G, differences = recover(tiny_bundle, tiny_cfg)
    trained = tiny_run["generator"].cpu().state_dict()
    for name, value in G.state_dict().items():
        scale = float(trained[name].abs().max()) or 1.0
        assert (value - trained[name]).abs().max() <= 1e-4 * scale, name
    assert all(d < 1e-4 for d, _ in differences.values())


def test_the_recovered_encoder_embeds_and_reads_text_as_the_trained_one(tiny_run, tiny_bundle, tiny_cfg):
    clip, _, _ = recover(tiny_bundle, tiny_cfg)
    trained = tiny_run["clip"].cpu().eval()
    photo = torch.randint(0, 256, (3, 3, 60, 100), generator=torch.Generator().manual_seed(4)).float()
    ids = torch.zeros(2, tiny_cfg["text"]["context"], dtype=torch.int64)
    ids[:, 0], ids[:, 1], ids[:, 2], ids[1, 3] = 2, 5, 3, 6
    with torch.no_grad():
        want = ImageEncoderExport(trained)(photo)
        assert (ImageEncoderExport(clip.eval())(photo) - want).abs().max() < 1e-4 * want.abs().max()
        assert torch.allclose(clip.encode_text(ids), trained.encode_text(ids), atol=1e-6)


def test_a_bundle_made_with_another_config_is_refused(tiny_bundle, tiny_cfg):
    cfg = copy.deepcopy(tiny_cfg)
    cfg["generator"]["resolution"] *= 2
    with pytest.raises(ValueError, match="not made with this config: resolution"):
        recover(tiny_bundle, cfg)


def test_the_shipped_demo_bundle_recovers_with_its_config():
    cfg = json.loads((REPO / "training" / "configs" / "demo.json").read_text())
    _, G, differences = recover(REPO / "models" / "demo", cfg)
    assert all(d < 1e-4 for d, _ in differences.values()), differences
    assert G.synthesis.resolution == cfg["generator"]["resolution"]


def test_a_run_continued_from_a_recovered_bundle_ships_with_the_bundles_training_as_its_earlier_part(
        tiny_run, tiny_bundle, tiny_cfg, tmp_path):
    import time
    from ivp_training import data as D
    from ivp_training import device_pack
    from ivp_training.device_train import continue_phase, install_results
    from ivp_training.pipeline import run
    from ivp_training.tokenizer import Tokenizer
    from ivp_training.training_form import main as recover_main

    config = tmp_path / "tiny.json"
    config.write_text(json.dumps(tiny_cfg))
    start, results, device_work = tmp_path / "start", tmp_path / "results", tmp_path / "device-work"
    recover_main(["--bundle", str(tiny_bundle), "--config", str(config), "--out", str(start)])
    manifest = json.loads((tiny_bundle / "manifest.json").read_text())
    assert json.loads((start / "encoder.done.json").read_text()) == manifest["training"]["encoder"]

    # what the GPU machine does: a continued adversarial phase from the recovered start, on the packed data
    main_cache = D.load_cache(Path(tiny_run["work"]) / "data" / "main-cache")
    device_pack.pack(main_cache, tmp_path / "pack", 10 ** 8)
    results.mkdir(), device_work.mkdir()
    continue_phase(tiny_cfg, device_pack.unpack(tmp_path / "pack"), Tokenizer.load(start / "tokenizer.json"),
                   device_work, results, time.time() + 60, "more", {"rec_weight": 10, "batch": 4},
                   start / "encoder.npz", start / "generator.npz", lambda *_: None)
    for f in device_work.glob("adversarial-*more*.json"):
        (results / f.name).write_bytes(f.read_bytes())
    for f in start.iterdir():
        (results / f.name).write_bytes(f.read_bytes())

    cfg = copy.deepcopy(tiny_cfg)
    work = tmp_path / "work"
    cfg["work_dir"], cfg["bundle"]["out"] = str(work), str(tmp_path / "bundle")
    for key in ("grid", "model_card", "curves"):
        cfg["bundle"].pop(key, None)
    work.mkdir()
    (work / "tokenizer.json").write_bytes((start / "tokenizer.json").read_bytes())
    install_results(results, work, "more", cfg, Tokenizer.load(start / "tokenizer.json").vocab_size)
    shipped = json.loads((Path(run(cfg, float("inf"))["bundle"]) / "manifest.json").read_text())
    adversarial = shipped["training"]["generator"]["adversarial"]
    earlier = manifest["training"]["generator"]["adversarial"]
    continued = json.loads((results / "adversarial-more.done.json").read_text())
    assert [p["steps"] for p in adversarial["parts"]] == [earlier["steps"], continued["steps"]]
    assert adversarial["steps"] == earlier["steps"] + continued["steps"]
    assert "continued from the bundle " + manifest["id"] in adversarial["parts"][1]["when"]
    assert shipped["training"]["encoder"] == manifest["training"]["encoder"]


def test_a_continued_run_on_another_encoder_installs_that_encoder_and_its_record(tiny_run, tiny_bundle, tiny_cfg,
                                                                                 tmp_path):
    """A run line may name a refreshed encoder beside the recovered one: the generator learns from its embeddings,
    so the bundle must ship that encoder and its training record, not the recovered one."""
    import time
    import torch
    from ivp_training import data as D
    from ivp_training import device_pack
    from ivp_training.device_train import continue_phase, install_results, load_npz, save_npz
    from ivp_training.tokenizer import Tokenizer
    from ivp_training.train import build_clip
    from ivp_training.training_form import main as recover_main

    config = tmp_path / "tiny.json"
    config.write_text(json.dumps(tiny_cfg))
    start, results, device_work, work = (tmp_path / d for d in ("start", "results", "device-work", "work"))
    recover_main(["--bundle", str(tiny_bundle), "--config", str(config), "--out", str(start)])
    tok = Tokenizer.load(start / "tokenizer.json")
    refreshed = load_npz(build_clip(tiny_cfg, tok.vocab_size), start / "encoder.npz")
    with torch.no_grad():
        refreshed.image.proj.weight.mul_(1.5)
    save_npz(refreshed, start / "encoder-refreshed.npz")
    record = {**json.loads((start / "encoder.done.json").read_text()), "refreshed": {"steps": 3}}
    (start / "encoder-refreshed.done.json").write_text(json.dumps(record))

    device_pack.pack(D.load_cache(Path(tiny_run["work"]) / "data" / "main-cache"), tmp_path / "pack", 10 ** 8)
    results.mkdir(), device_work.mkdir(), work.mkdir()
    continue_phase(tiny_cfg, device_pack.unpack(tmp_path / "pack"), tok, device_work, results, time.time() + 60,
                   "fresh", {"batch": 4, "encoder": "encoder-refreshed.npz"}, start / "encoder.npz",
                   start / "generator.npz", lambda *_: None)
    done = json.loads((device_work / "adversarial-fresh.done.json").read_text())
    assert done["encoder"] == "encoder-refreshed.npz" and "encoder" not in done["settings"]
    for f in list(device_work.glob("adversarial-*fresh*.json")) + list(start.iterdir()):
        (results / f.name).write_bytes(f.read_bytes())

    install_results(results, work, "fresh", tiny_cfg, tok.vocab_size)
    installed = torch.load(work / "encoder.ckpt")["model"]
    assert torch.equal(installed["image.proj.weight"], refreshed.state_dict()["image.proj.weight"])
    assert json.loads((work / "encoder.done.json").read_text()) == record
