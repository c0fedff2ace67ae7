"""How much of each attribute can be read from the TRUE front photo at all?

Every prediction starts from the front photo. This trains the attribute judge's network on the training patients'
true FRONT photos only (at the encoder's input size; the judge's four-view tower sees the front four times) and
reports its AUROC on the NEW patients' true fronts: how plainly the front photo shows each attribute to a reader
trained on this data. Not a bound (the model's encoder, trained on captions and, once refreshed, on more patients,
reads crowns on front teeth better: probe 0.92-0.97 against this reader's 0.82), but what this reader misses is
faint in the front photo (stains 0.53). Written to work/front-readability.json; the card's judge section shows it.

    cd training && /usr/bin/python3 scripts/front_readability.py configs/demo.json [EPOCHS]
"""
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ivp_training import attributes as A  # noqa: E402
from ivp_training import data as D  # noqa: E402
from ivp_training.evaluate import check_disjoint_patients  # noqa: E402
from ivp_training.judging import judging_setup  # noqa: E402


def as_four_views(fronts: np.ndarray) -> np.ndarray:
    return np.repeat(np.asarray(fronts)[:, None], 4, axis=1)


def main(config: str, epochs: int = 24):
    cfg, work, log, train, main_set = judging_setup(config, "front-readability.log")
    new = D.load_cache(work / "data" / "new_patients-cache")
    check_disjoint_patients(main_set["seeds"], new["seeds"])
    size = int(cfg["encoder"]["input_size"])
    t0 = time.time()
    reader = A.train_classifier(as_four_views(train["front"]), A.label_matrix(list(train["params"])), epochs=epochs,
                                size=size, log=log)
    s = A.scores(reader, as_four_views(new["front"]))
    y = A.label_matrix(list(new["params"]))
    out = {"size": size, "epochs": epochs, "train_patients": int(len(train["front"])), "new_patients": int(len(y)),
           "train_seconds": round(time.time() - t0, 1),
           "new_true_front": {a: A.auroc(s[:, i], y[:, i]) for i, a in enumerate(A.NAMES)}}
    (work / "front-readability.json").write_text(json.dumps(out, indent=1))
    log(f"front readability: {json.dumps(out)}")


if __name__ == "__main__":
    main(sys.argv[1], *(int(x) for x in sys.argv[2:3]))
