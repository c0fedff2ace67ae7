"""Out-of-distribution statistics of a bundle: a Mahalanobis distance to the training fronts in embedding space.

The bundle carries the mean and the precision matrix of the training fronts' embeddings (``ood/stats.f32``,
little-endian float32: mean[D] then precision[D*D] row-major) and a threshold: the 99th percentile of the scores
of HELD-OUT in-distribution fronts (patients not used for fitting). A photo whose score exceeds it is unlike the
photos the model was trained on. See docs/model-bundle.md, "Out-of-distribution check".

The precision is the inverse of a shrunk covariance, (1-s)*Sigma + s*(tr Sigma / D)*I: with a few thousand
fronts in 256 dimensions the plain sample covariance has tiny eigenvalues whose inverse would make the distance
depend on noise directions.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict

import numpy as np

STATS_FILE = "ood/stats.f32"
PERCENTILE = 99
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


def add_to_bundle(bundle: Path, fit_embeddings: np.ndarray, held_out_embeddings: np.ndarray,
                  space: str = DEFAULT_SPACE, shrinkage: float = DEFAULT_SHRINKAGE) -> Dict:
    """Fits on the training fronts, writes ood/stats.f32, calibrates the threshold on the held-out fronts from the
    stored (float32) statistics, and returns the manifest's ``ood`` section."""
    if len(held_out_embeddings) < 1:
        raise ValueError("the OOD threshold needs held-out in-distribution fronts")
    stats = fit(fit_embeddings, space, shrinkage)
    write_stats(stats, Path(bundle) / STATS_FILE)
    stored = read_stats(Path(bundle) / STATS_FILE, stats.dim, space)
    held = stored.score(held_out_embeddings)
    t = threshold(held)
    return {"method": "mahalanobis", "file": STATS_FILE, "dim": stats.dim, "space": space,
            "shrinkage": float(shrinkage), "threshold": t, "percentile": PERCENTILE,
            "calibration": {"count": int(len(held)), "false_alarm_rate": float((held > t).mean()),
                            "fit_count": int(len(fit_embeddings))}}


def write_golden_scores(bundle: Path, section: Dict) -> None:
    """golden/ood_vectors.json: the scores of the golden image-encoder outputs (the golden front and the
    random-pixel batch), so the Java side checks its distance against Python's; listed in golden/index.json."""
    bundle = Path(bundle)
    gd = bundle / "golden"
    index = json.loads((gd / "index.json").read_text())
    stored = read_stats(bundle / section["file"], section["dim"], section["space"])
    vectors = []
    for case in index["cases"]:
        if case["module"] != "image_encoder.pt":
            continue
        out = case["outputs"][0]
        emb = np.frombuffer((gd / out["file"]).read_bytes(), dtype="<f4").reshape(out["shape"])
        for row, s in enumerate(stored.score(emb)):
            vectors.append({"embedding_file": out["file"], "row": row, "score": float(s)})
    vectors_json = {"method": "mahalanobis", "tolerance": 1e-3, "vectors": vectors}
    (gd / "ood_vectors.json").write_text(json.dumps(vectors_json, indent=1) + "\n")
    index["ood_vectors"] = "ood_vectors.json"
    (gd / "index.json").write_text(json.dumps(index, indent=1) + "\n")
