"""Refreshing a recovered encoder on more phantom patients before a GPU session continues the generator."""
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from ivp_training import data as D


@pytest.fixture()
def refresh_setup(tiny_run, tiny_bundle, tiny_cfg, phantom_dir, tmp_path):
    from ivp_training.training_form import main as recover_main
    cfg = {**tiny_cfg, "work_dir": str(tmp_path / "work")}
    work = Path(cfg["work_dir"])
    (work / "data").mkdir(parents=True)
    shutil.copytree(Path(tiny_run["work"]) / "data" / "main-cache", work / "data" / "main-cache")
    shutil.copy(Path(tiny_run["work"]) / "tokenizer.json", work / "tokenizer.json")
    new = D.export_phantom(work / "data" / "new_patients-export", 6, 32, 9, 1,
                           classes=D.phantom_classes_dir(phantom_dir / "classes"))
    D.cached_arrays(new, work / "data" / "new_patients-cache", 32)
    config = tmp_path / "tiny.json"
    config.write_text(json.dumps(cfg))
    recover_main(["--bundle", str(tiny_bundle), "--config", str(config), "--out", str(tmp_path / "start")])
    return config, tmp_path / "start", work


def test_the_refreshed_encoder_is_trained_on_the_extra_patients_and_keeps_the_earlier_record(refresh_setup):
    from ivp_training.encoder_refresh import main
    config, start, work = refresh_setup
    main(["--config", str(config), "--start", str(start), "--extra-patients", "6", "--extra-seed", "11",
          "--steps", "2", "--negatives", "1"])
    record = json.loads((start / "encoder-refreshed.done.json").read_text())
    earlier = json.loads((start / "encoder.done.json").read_text())
    assert {k: record[k] for k in earlier} == earlier
    refreshed = record["refreshed"]
    main_train = int((D.load_cache(work / "data" / "main-cache")["split"] == 0).sum())
    extra = D.load_cache(work / "data" / "extra-11-6-cache")
    assert refreshed["train_fronts"] == main_train + int((extra["split"] == 0).sum()) > main_train
    assert refreshed["steps"] == 2 and refreshed["hard_negatives"] == 1
    assert set(refreshed["probe_new_patients"]) == {"before", "after"}
    with np.load(start / "encoder-refreshed.npz") as after, np.load(start / "encoder.npz") as before:
        assert not np.array_equal(after["image.proj.weight"], before["image.proj.weight"])


def test_extra_patients_that_are_held_out_patients_are_refused(refresh_setup):
    from ivp_training.encoder_refresh import main
    config, start, _ = refresh_setup
    with pytest.raises(ValueError, match="patient seeds"):
        main(["--config", str(config), "--start", str(start), "--extra-patients", "6", "--extra-seed", "9",
              "--steps", "1"])
    assert not (start / "encoder-refreshed.npz").exists()
