"""Out-of-distribution statistics of a bundle: a Mahalanobis distance to the training fronts in embedding space.

The bundle carries the mean and the precision matrix of the training fronts' embeddings (``ood/stats.f32``,
little-endian float32: mean[D] then precision[D*D] row-major) and a threshold: the 99th percentile of the scores
of HELD-OUT in-distribution fronts (patients not used for fitting). A photo whose score exceeds it is unlike the
photos the model was trained on. See docs/model-bundle.md, "Out-of-distribution check".

A bundle may add a second check of the same kind on 13 colour and brightness statistics of the photo
(picture_statistics.py: a TorchScript module beside the statistics, ``ood.picture`` in the manifest): the embedding
ignores colours by training, the statistics do not. With both, each threshold is the 99.5th percentile of the same
held-out fronts and a photo is unusual when either exceeds (scripts/pixel_ood_study.py measured the pair).

A third check (orientation.py, ``ood.orientation``) has no statistics: a small reader says which way up the photo is,
and a photo whose most probable turn is not upright is unusual too (scripts/orientation_study.py measured it).

The precision is the inverse of a shrunk covariance, (1-s)*Sigma + s*(tr Sigma / D)*I: with a few thousand
fronts in 256 dimensions the plain sample covariance has tiny eigenvalues whose inverse would make the distance
depend on noise directions.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Tuple

import numpy as np
import torch

from . import orientation as orientation_reader, picture_statistics

STATS_FILE = "ood/stats.f32"
PERCENTILE = 99
# two checks at the 99.5th percentile each keep their combined false alarms near 1 % (pixel_ood_study.py's rule)
PERCENTILE_WITH_PICTURES = 99.5
PICTURE_SPACE = "raw"
PICTURE_SHRINKAGE = 0.01
# Chosen by training/scripts/measure_ood.py on the demo encoder (docs/model-card.md, "Out-of-distribution check"):
# unit space with little shrinkage detected the most non-phantom pictures at <= 1 % false alarms on new patients.
DEFAULT_SPACE = "unit"
DEFAULT_SHRINKAGE = 0.01


@dataclass(frozen=True)
class OodStats:
    """Mean and precision as stored (float32 values); scores are computed from exactly these values."""
    mean: np.ndarray        # [D] float32
    precision: np.ndarray   # [D, D] float32
    space: str              # "unit" (embeddings normalised to length 1 first) or "raw"

    @property
    def dim(self) -> int:
        return int(self.mean.shape[0])

    def score(self, embeddings: np.ndarray) -> np.ndarray:
        """sqrt((x - mean)^T P (x - mean)) per row, in double precision (as the Java side computes it)."""
        x = prepare(np.atleast_2d(np.asarray(embeddings, dtype=np.float64)), self.space)
        d = x - self.mean.astype(np.float64)
        q = np.einsum("ni,ij,nj->n", d, self.precision.astype(np.float64), d)
        return np.sqrt(np.maximum(q, 0.0))


def prepare(x: np.ndarray, space: str) -> np.ndarray:
    if space == "unit":
        n = np.linalg.norm(x, axis=1, keepdims=True)
        return x / np.maximum(n, 1e-12)
    if space == "raw":
        return x
    raise ValueError(f"unknown OOD space {space!r} (unit or raw)")


def fit(embeddings: np.ndarray, space: str = DEFAULT_SPACE, shrinkage: float = DEFAULT_SHRINKAGE) -> OodStats:
    """Mean and shrunk-covariance precision of the fitting fronts' embeddings."""
    if not 0.0 <= shrinkage <= 1.0:
        raise ValueError("shrinkage must be in 0..1")
    x = prepare(np.asarray(embeddings, dtype=np.float64), space)
    if len(x) < 2:
        raise ValueError("at least 2 fronts are needed to fit OOD statistics")
    dim = x.shape[1]
    mean = x.mean(axis=0)
    cov = np.cov(x, rowvar=False).reshape(dim, dim)
    target = np.trace(cov) / dim
    if target <= 0:
        raise ValueError("the fitting fronts' embeddings are all identical")
    shrunk = (1.0 - shrinkage) * cov + shrinkage * target * np.eye(dim)
    precision = np.linalg.inv(shrunk)
    precision = (precision + precision.T) / 2  # exact symmetry after inversion round-off
    return OodStats(mean.astype(np.float32), precision.astype(np.float32), space)


def threshold(held_out_scores: np.ndarray, percentile: float = PERCENTILE) -> float:
    return float(np.percentile(np.asarray(held_out_scores, dtype=np.float64), percentile))


def write_stats(stats: OodStats, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(stats.mean.astype("<f4").tobytes() + stats.precision.astype("<f4").tobytes())


def read_stats(path: Path, dim: int, space: str) -> OodStats:
    raw = Path(path).read_bytes()
    expected = 4 * (dim + dim * dim)
    if len(raw) != expected:
        raise ValueError(f"{path}: {len(raw)} bytes, expected 4*(dim+dim*dim) = {expected}")
    a = np.frombuffer(raw, dtype="<f4")
    return OodStats(a[:dim].copy(), a[dim:].reshape(dim, dim).copy(), space)


def stored_checks(bundle: Path, section: Dict):
    """The ood section's checks as the app reads them: (embedding statistics, picture statistics, picture module),
    the last two None without the picture check."""
    bundle = Path(bundle)
    embedding = read_stats(bundle / section["file"], section["dim"], section["space"])
    p = section.get("picture")
    if p is None:
        return embedding, None, None
    return embedding, read_stats(bundle / p["file"], p["dim"], p["space"]), \
        torch.jit.load(str(bundle / p["module"])).eval()


def add_to_bundle(bundle: Path, fit_embeddings: np.ndarray, held_out_embeddings: np.ndarray,
                  space: str = DEFAULT_SPACE, shrinkage: float = DEFAULT_SHRINKAGE,
                  pictures: Optional[Dict] = None, orientation: Optional[Dict] = None) -> Dict:
    """Fits on the training fronts, writes ood/stats.f32, calibrates the threshold on the held-out fronts from the
    stored (float32) statistics, and returns the manifest's ``ood`` section.

    ``pictures`` ({"fit": photos, "held_out": photos, "input_size": the encoder's}: uint8 HxWx3 photos of the same
    fronts as the embeddings) adds the second check on picture statistics, its module exported beside them; both
    thresholds are then the 99.5th percentile and ``calibration.false_alarm_rate`` counts a front above either.
    ``orientation`` ({"reader": a trained orientation.OrientationReader, "held_out": the held-out fronts' photos})
    adds the orientation check; the false alarm rate then counts a front any check flags."""
    if len(held_out_embeddings) < 1:
        raise ValueError("the OOD threshold needs held-out in-distribution fronts")
    bundle = Path(bundle)
    percentile = PERCENTILE if pictures is None else PERCENTILE_WITH_PICTURES
    check, held = _fitted_check(bundle, STATS_FILE, fit_embeddings, held_out_embeddings, space, shrinkage, percentile)
    flagged = held > check["threshold"]
    section = {"method": "mahalanobis", **check,
               "calibration": {"count": int(len(held)), "false_alarm_rate": 0.0, "fit_count": int(len(fit_embeddings))}}
    if pictures is not None:
        if len(pictures["held_out"]) != len(held) or len(pictures["fit"]) != len(fit_embeddings):
            raise ValueError("the picture check needs the photos of the same fronts as the embeddings")
        module = picture_statistics.export(pictures["input_size"], bundle / picture_statistics.MODULE_FILE)
        picture, picture_held = _fitted_check(
            bundle, picture_statistics.STATS_FILE, picture_statistics.of_photos(module, pictures["fit"]),
            picture_statistics.of_photos(module, pictures["held_out"]), PICTURE_SPACE, PICTURE_SHRINKAGE, percentile)
        section["picture"] = {"module": picture_statistics.MODULE_FILE, **picture,
                              "names": list(picture_statistics.NAMES)}
        section["calibration"].update(embedding_false_alarm_rate=float(flagged.mean()),
                                      picture_false_alarm_rate=float((picture_held > picture["threshold"]).mean()))
        flagged = flagged | (picture_held > picture["threshold"])
    if orientation is not None:
        if len(orientation["held_out"]) != len(held):
            raise ValueError("the orientation check needs the photos of the same held-out fronts as the embeddings")
        module = orientation_reader.export(orientation["reader"], bundle / orientation_reader.MODULE_FILE)
        calibration, turned = orientation_reader.calibrate(module, orientation["held_out"])
        section["orientation"] = {"module": orientation_reader.MODULE_FILE, "classes": list(orientation_reader.CLASSES),
                                  "calibration": calibration}
        section["calibration"]["orientation_false_alarm_rate"] = calibration["false_alarm_rate"]
        flagged = flagged | turned
    section["calibration"]["false_alarm_rate"] = float(flagged.mean())
    return section


def _fitted_check(bundle: Path, file: str, fit_values: np.ndarray, held_out_values: np.ndarray, space: str,
                  shrinkage: float, percentile: float) -> Tuple[Dict, np.ndarray]:
    """One Mahalanobis check written to ``file``: its manifest fields and the held-out scores of its stored form."""
    stats = fit(fit_values, space, shrinkage)
    write_stats(stats, bundle / file)
    held = read_stats(bundle / file, stats.dim, space).score(held_out_values)
    return {"file": file, "dim": stats.dim, "space": space, "shrinkage": float(shrinkage),
            "threshold": threshold(held, percentile), "percentile": percentile}, held


def write_golden_scores(bundle: Path, section: Dict) -> None:
    """golden/ood_vectors.json: the scores of the golden image-encoder outputs (the golden front and the
    random-pixel batch), so the Java side checks its distance against Python's; listed in golden/index.json.
    With a picture check, the picture module also gets golden cases (the image encoder's golden inputs) and the
    scores of its golden outputs go into ``picture_vectors``; with an orientation check, its reader gets golden
    cases on the same inputs."""
    bundle = Path(bundle)
    gd = bundle / "golden"
    index = json.loads((gd / "index.json").read_text())
    picture, orientation = section.get("picture"), section.get("orientation")
    checks = {c["module"] for c in (picture, orientation) if c is not None}
    index["cases"] = [c for c in index["cases"] if c["module"] not in checks]
    encoder_cases = [c for c in index["cases"] if c["module"] == "image_encoder.pt"]
    vectors_json = {"method": "mahalanobis", "tolerance": 1e-3,
                    "vectors": _golden_scores(gd, section, encoder_cases, "embedding_file")}
    if picture is not None:
        module = torch.jit.load(str(bundle / picture["module"])).eval()
        picture_cases = [_module_case(gd, module, picture["module"], c, "picture_statistics") for c in encoder_cases]
        index["cases"] += picture_cases
        vectors_json["picture_vectors"] = _golden_scores(gd, picture, picture_cases, "statistics_file")
    if orientation is not None:
        module = torch.jit.load(str(bundle / orientation["module"])).eval()
        index["cases"] += [_module_case(gd, module, orientation["module"], c, "orientation") for c in encoder_cases]
    (gd / "ood_vectors.json").write_text(json.dumps(vectors_json, indent=1) + "\n")
    index["ood_vectors"] = "ood_vectors.json"
    (gd / "index.json").write_text(json.dumps(index, indent=1) + "\n")


def _golden_scores(gd: Path, check: Dict, cases, key: str):
    """The check's score of every row of the cases' outputs, as stored."""
    stored = read_stats(gd.parent / check["file"], check["dim"], check["space"])
    vectors = []
    for case in cases:
        out = case["outputs"][0]
        values = np.frombuffer((gd / out["file"]).read_bytes(), dtype="<f4").reshape(out["shape"])
        vectors += [{key: out["file"], "row": row, "score": float(s)} for row, s in enumerate(stored.score(values))]
    return vectors


def _module_case(gd: Path, module, module_file: str, encoder_case: Dict, name: str) -> Dict:
    """A golden case of a check's module (it takes the image encoder's input) on an image-encoder case's input."""
    spec = encoder_case["inputs"][0]
    photo = torch.from_numpy(np.frombuffer((gd / spec["file"]).read_bytes(), dtype="<f4").reshape(spec["shape"]).copy())
    with torch.no_grad():
        values = module(photo).numpy().astype("<f4")
    file = f"{name}_b{encoder_case['batch']}_out.bin"
    (gd / file).write_bytes(values.tobytes())
    return {"module": module_file, "batch": encoder_case["batch"], "inputs": [dict(spec)],
            "outputs": [{"file": file, "dtype": "float32", "shape": list(values.shape)}]}
