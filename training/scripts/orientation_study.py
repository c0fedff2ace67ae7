"""Can a small reader tell which way up a front photo is, well enough to warn a clinician?

0.2.3's two out-of-distribution checks let 98 % of upside-down and 76 % of 90°-rotated phantom fronts through: the
embedding and the colour statistics barely change when a photo is turned, and the generator then draws views for
a patient it misreads. This study trains ivp_training.orientation's reader on the 962 training fronts, each batch
turned at random by 0/90/180/270 degrees (colour, framing, tilt and mirror augmented), and measures it with the
data split of pixel_ood_study.py (the held-out fronts calibrate; the other half of the new patients measures).

Rule, written before this script's first run (2026-12-03; a 1500-step pilot of the same reader had been run in /tmp
to see whether the idea works at all: 0 % false alarms on 240 new fronts, 99.6-100 % of turns found, the real
front read as upright). The third check is worth shipping if
  (1) its false alarms on new phantom patients' upright fronts are at most 0.5 % at 128 px and at the app's
      640x384, and all three checks together stay at most 1 % at both sizes;
  (2) it flags at least 95 % of new fronts turned by 90, 180 and 270 degrees, each turn and both sizes;
  (3) on the real front photo it is no false guide: the photo and all 14 everyday changes of it read as upright,
      and each of its three turns reads as that turn (so the app's "turn it ..." advice is right).
Only the reader's readings of the real photo are printed; nothing of it is written.

    cd training && /usr/bin/python3 scripts/orientation_study.py --bundle ../models/demo \
        --train-export work/demo/data/main-export --new-export work/demo/data/new_patients-export \
        --reference /path/to/real-photo-strip.png [--steps 2000] [--write --version 0.2.4] [--json out.json]

``--write`` (only when the rule holds) adds the reader to the bundle with both other checks (their statistics fitted
again on the same fronts, so they do not change) through ivp_training.ood, and measures the three as shipped.
"""
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure_ood import everyday_variations, perturbations, reference_panels, render_app_fronts, \
    study_arguments, study_split  # noqa: E402
from ivp_training import ood, orientation  # noqa: E402
from ivp_training.export import embed_photos as embed, verify_bundle, write_manifest  # noqa: E402
from ivp_training.picture_statistics import of_photos as picture_statistics  # noqa: E402

TURNS = (1, 2, 3)


def turned_sets(name: str, photos: list) -> dict:
    return {f"{name} turned {90 * k}": [np.ascontiguousarray(np.rot90(p, k)) for p in photos] for k in TURNS}


def readings(module, sets: dict) -> dict:
    """Per set: the share read as not upright, and (for turned sets) the share read as exactly that turn."""
    rows = {}
    for name, photos in sets.items():
        p = orientation.of_photos(module, photos)
        rows[name] = {"count": len(photos), "flagged": float(orientation.not_upright(p).mean())}
        expected = next((k for k in TURNS if name.endswith(f"turned {90 * k}")), 0)
        rows[name]["read_as_that_turn"] = float((p.argmax(1) == expected).mean())
        if len(photos) == 1:
            rows[name]["probabilities"] = [round(float(x), 3) for x in p[0]]
        print(f"{name:60s} flagged {rows[name]['flagged']:6.1%}  read as that turn "
              f"{rows[name]['read_as_that_turn']:6.1%}", flush=True)
    return rows


def judge(rows: dict, combined: dict) -> dict:
    upright = [k for k in rows if k.startswith("new fronts") and "turned" not in k]
    turned = [k for k in rows if k.startswith("new fronts") and "turned" in k]
    real = [k for k in rows if k.startswith("real front")]
    verdict = {
        "false_alarms_at_most_half_a_percent": max(rows[k]["flagged"] for k in upright) <= 0.005,
        "all_checks_false_alarms_at_most_1_percent": max(combined.values()) <= 0.01,
        "turns_found_95_percent": min(rows[k]["flagged"] for k in turned) >= 0.95,
        "real_front_read_right": all(rows[k]["read_as_that_turn"] == 1 for k in real)}
    verdict["worth_shipping"] = all(verdict.values())
    return verdict


def all_checks_false_alarms(bundle: Path, module, sets: dict, encoder) -> dict:
    """The share of new upright fronts any of the bundle's three checks flags, as shipped."""
    m = verify_bundle(bundle)
    o, p = m["ood"], m["ood"]["picture"]
    emb, pic, pictures = ood.stored_checks(bundle, o)
    out = {}
    for name, photos in sets.items():
        flagged = (emb.score(embed(encoder, photos)) > o["threshold"]) \
            | (pic.score(picture_statistics(pictures, photos)) > p["threshold"]) \
            | orientation.not_upright(orientation.of_photos(module, photos))
        out[name] = float(flagged.mean())
        print(f"all three checks, {name:45s} {out[name]:6.1%}", flush=True)
    return out


def write_check(bundle: Path, version: str, reader, encoder, fit_photos, held_photos) -> dict:
    """All three checks into the bundle (the embedding check's space and shrinkage kept), golden cases and scores."""
    m = verify_bundle(bundle)
    m.pop("_root")
    m["ood"] = ood.add_to_bundle(
        bundle, embed(encoder, fit_photos), embed(encoder, held_photos), m["ood"]["space"], m["ood"]["shrinkage"],
        pictures={"fit": fit_photos, "held_out": held_photos, "input_size": m["encoder"]["input_size"]},
        orientation={"reader": reader, "held_out": held_photos})
    ood.write_golden_scores(bundle, m["ood"])
    m["version"] = version or m["version"]
    write_manifest(bundle, m)
    verify_bundle(bundle)
    return m["ood"]


def main(argv=None):
    ap = study_arguments(__doc__, reference_required=True)
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--write", action="store_true", help="add the reader to the bundle (only if the rule holds)")
    a = ap.parse_args(argv)
    torch.set_num_threads(2)
    bundle = Path(a.bundle)
    encoder = torch.jit.load(str(bundle / "image_encoder.pt")).eval()
    fit_photos, held_photos, new_photos, new = study_split(a.train_export, a.new_export)
    # a measuring run and the --write run after it share the reader
    saved = Path(a.train_export).parent.parent / f"orientation-reader-{a.steps}-seed{a.seed}.pt"
    reader = orientation.trained_once(saved, np.stack(fit_photos), encoder_input_size(bundle), a.steps, a.seed)
    module = orientation.export(reader, Path("/tmp") / f"orientation-study-{a.seed}.pt")

    app_fronts = render_app_fronts(30, 987_650_000)
    upright = {"new fronts (128 px)": new_photos, "new fronts (640x384)": app_fronts}
    sets = dict(upright)
    for name, photos in upright.items():
        sets.update(turned_sets(name, photos))
    shifted = perturbations(new[:100])
    sets.update({"phantom front, " + k: shifted[k] for k in ("upside down", "rotated 90 degrees")})
    panels = reference_panels(Path(a.reference))
    sets["real front"] = [panels["front"]]
    sets.update(turned_sets("real front", [panels["front"]]))
    sets.update({"real front, " + k: [v] for k, v in everyday_variations(panels["front"]).items()})
    rows = readings(module, sets)
    combined = all_checks_false_alarms(bundle, module, upright, encoder)
    verdict = judge(rows, combined)
    print("verdict: " + json.dumps(verdict), flush=True)
    result = {"steps": a.steps, "seed": a.seed, "fit": len(fit_photos), "held_out": len(held_photos),
              "sets": rows, "all_checks_false_alarms": combined, "verdict": verdict}
    if a.write:
        if not verdict["worth_shipping"]:
            raise SystemExit("--write adds the reader only when the rule in this script's header holds")
        section = write_check(bundle, a.version, reader, encoder, fit_photos, held_photos)
        shipped = torch.jit.load(str(bundle / section["orientation"]["module"])).eval()
        result["shipped"] = {"calibration": section["calibration"],
                             "orientation_calibration": section["orientation"]["calibration"],
                             "all_checks_false_alarms": all_checks_false_alarms(bundle, shipped, upright, encoder)}
        print("as shipped: " + json.dumps(result["shipped"]), flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=1))


def encoder_input_size(bundle: Path) -> int:
    return int(json.loads((bundle / "manifest.json").read_text())["encoder"]["input_size"])


if __name__ == "__main__":
    main()
