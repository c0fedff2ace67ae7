"""Regenerates docs/model-bundle/vectors/{valid,invalid}/*.json (shared Python/Java manifest test vectors).

    cd training && /usr/bin/python3 scripts/make_bundle_vectors.py
"""
import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training"))
from ivp_training.schema import BundleError, check_manifest  # noqa: E402

H = "0123456789abcdef" * 4


def base():
    return {
        "format": "ivp-model-bundle", "format_version": 1, "id": "ivp-demo-phantom",
        "name": "IVP Studio demo model (synthetic phantom)", "version": "0.1.0", "created": "2026-11-28T07:00:00Z",
        "description": "vector", "license": "Apache-2.0", "synthetic": True,
        "intended_use": "demonstration, not for clinical use",
        "encoder": {"kind": "small-clip-resnet", "file": "image_encoder.pt", "embedding_dim": 256, "input_size": 64,
                    "input_range": "0..255", "normalized": False},
        "text": {"encoder_file": "text_encoder.pt", "tokenizer_file": "tokenizer.json", "context_length": 32,
                 "pad_id": 0},
        "generator": {"mapping_file": "mapping.pt", "synthesis_file": "synthesis.pt",
                      "views": ["left", "right", "lower", "upper"], "resolution": 128, "display_aspect": "5:3",
                      "z_dim": 32, "w_dim": 256, "num_ws": 12, "default_psi": 1.0, "output_range": "-1..1",
                      "noise_mode": "const", "z_generator": "splitmix64-box-muller-v1"},
        "embedding_stats": {"norm_mean": 12.5, "norm_std": 1.25, "norm_min": 9.0, "norm_max": 16.0, "count": 2000},
        "files": [{"path": p, "sha256": H, "size": 1000 + i} for i, p in enumerate(
            ["golden/index.json", "image_encoder.pt", "mapping.pt", "synthesis.pt", "text_encoder.pt", "tokenizer.json"])],
        "golden": {"index": "golden/index.json", "tolerance": 1e-4},
        "training": {"gan_finetune": False}, "evaluation": {},
    }


def reference_import():
    m = base()
    m["encoder"].update({"kind": "openai-clip-vit", "embedding_dim": 768, "input_size": 224,
                         "input_dtypes": ["float32", "uint8"], "preprocessing": {
                             "input_range": "0..255", "input_scale": 1.0,
                             "mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711],
                             "resize": {"mode": "bilinear", "size": 224, "antialias": False, "align_corners": False,
                                        "aspect": "squash"}}})
    m["text"].update({"context_length": 77, "tokenizer": "clip-bpe"})
    m["generator"].update({"resolution": 256, "z_dim": 0, "w_dim": 512, "num_ws": 14})
    m["source"] = {"kind": "reference-import", "importer": "ivp_training.import_reference 1", "files": [
        {"role": "network", "name": "network-snapshot-001000.pkl", "sha256": H, "size": 300000000},
        {"role": "clip", "name": "ViT-L-14.pt", "sha256": H[::-1], "size": 890000000},
        {"role": "bpe", "name": "bpe_simple_vocab_16e6.txt.gz", "sha256": "f" * 64, "size": 1356917}],
        "generator": {"class": "Generator"}, "clip": {"model": "ViT-L/14"}}
    return m


OOD_SIZE = 4 * (256 + 256 * 256)


def measured():
    """A bundle exported with its measurements: z-sensitivity and the out-of-distribution statistics."""
    m = base()
    m["generator"]["z_sensitivity"] = {"mean_abs_change": 0.42, "seed_pairs": 4, "fronts": 8}
    m["files"].append({"path": "ood/stats.f32", "sha256": H, "size": OOD_SIZE})
    m["ood"] = {"method": "mahalanobis", "file": "ood/stats.f32", "dim": 256, "space": "unit", "shrinkage": 0.1,
                "threshold": 21.5, "percentile": 99, "calibration": {"count": 600, "false_alarm_rate": 0.01}}
    return m


PICTURE_SIZE = 4 * (13 + 13 * 13)


def two_checks():
    """A bundle whose ood section adds the second check on picture statistics (module and statistics listed)."""
    m = measured()
    m["files"] += [{"path": "ood/picture_statistics.pt", "sha256": H, "size": 9000},
                   {"path": "ood/picture_stats.f32", "sha256": H, "size": PICTURE_SIZE}]
    m["ood"].update(percentile=99.5, threshold=20.5)
    m["ood"]["calibration"].update(embedding_false_alarm_rate=0.005, picture_false_alarm_rate=0.005)
    m["ood"]["picture"] = {"module": "ood/picture_statistics.pt", "file": "ood/picture_stats.f32", "dim": 13,
                           "space": "raw", "shrinkage": 0.01, "threshold": 4.9, "percentile": 99.5,
                           "names": [f"statistic_{i}" for i in range(13)]}
    return m


ORIENTATION_CLASSES = ["upright", "rotated_90_counterclockwise", "rotated_180", "rotated_90_clockwise"]


def three_checks():
    """Both statistics checks plus the orientation reader (its module listed)."""
    m = two_checks()
    m["files"].append({"path": "ood/orientation.pt", "sha256": H, "size": 420000})
    m["ood"]["calibration"].update(orientation_false_alarm_rate=0.0, false_alarm_rate=0.012)
    m["ood"]["orientation"] = {"module": "ood/orientation.pt", "classes": list(ORIENTATION_CLASSES),
                               "calibration": {"count": 232, "false_alarm_rate": 0.0, "detection_rate": 0.997}}
    return m


def without_picture_check(m):
    m["ood"].pop("picture")
    m["files"] = [f for f in m["files"] if not f["path"].startswith("ood/picture")]
    return m


def starting_from(manifest):
    """An edit of another starting manifest than base(): ``starting_from(measured)(fn)`` edits measured()."""
    def edit(fn):
        def f(m):
            m.clear()
            m.update(manifest())
            fn(m)
        return f
    return edit


with_two_checks = starting_from(two_checks)
with_three_checks = starting_from(three_checks)
with_measurements = starting_from(measured)
imported = starting_from(reference_import)


def mod(fn):
    m = base()
    fn(m)
    return m


def setp(path, value):
    def f(m):
        node = m
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value
    return f


def delp(path):
    def f(m):
        node = m
        for k in path[:-1]:
            node = node[k]
        del node[path[-1]]
    return f


VALID = {
    "minimal": ("all required fields, typical values", mod(lambda m: [m.pop("golden"), m["generator"].pop("noise_mode"),
                                                                      m["generator"].pop("z_generator")])),
    "full-extra-fields": ("unknown top-level field allowed; 1.0 counts as integer; z_dim 0; uint8 input declared",
                          mod(lambda m: [m.update({"x_future": {"a": 1}}), setp(["encoder", "embedding_dim"], 256.0)(m),
                                         setp(["generator", "z_dim"], 0)(m),
                                         setp(["encoder", "input_dtypes"], ["float32", "uint8"])(m)])),
    "two-ood-checks": ("the out-of-distribution check on the embedding and on picture statistics", two_checks()),
    "three-ood-checks": ("both statistics checks and the orientation reader", three_checks()),
    "orientation-without-picture-check": ("the embedding check and the orientation reader, no picture check",
                                          without_picture_check(three_checks())),
    "reference-import": ("a bundle imported from the CLIP-IVP reference code: explicit encoder preprocessing, "
                         "BPE tokenizer, z_dim 0, source block naming the input files", reference_import()),
    "measured": ("z-sensitivity of the generator and out-of-distribution statistics (file listed, size "
                 "4*(dim+dim*dim))", measured()),
}

INVALID = {
    "missing-generator": ("no generator section", delp(["generator"]), "$: missing required property 'generator'"),
    "wrong-format-version": ("format_version 2", setp(["format_version"], 2), "$.format_version: must equal 1"),
    "wrong-format": ("format name", setp(["format"], "onnx-bundle"), "$.format: must equal \"ivp-model-bundle\""),
    "synthetic-string": ("synthetic as string", setp(["synthetic"], "yes"), "$.synthetic: expected type boolean"),
    "not-object": ("manifest is an array", None, "$: expected type object"),
    "views-three": ("three views", setp(["generator", "views"], ["left", "right", "lower"]),
                    "$.generator.views: must have at least 4 items"),
    "views-duplicate": ("duplicate view", setp(["generator", "views"], ["left", "left", "lower", "upper"]),
                        "$.generator.views: items must be unique"),
    "views-unknown": ("unknown view name", setp(["generator", "views"], ["left", "right", "lower", "front"]),
                      "$.generator.views[3]: must be one of"),
    "views-order": ("views in the wrong class order", setp(["generator", "views"], ["upper", "lower", "left", "right"]),
                    "$.generator.views: must be [\"left\",\"right\",\"lower\",\"upper\"] in this order"),
    "sha256-uppercase": ("sha256 not lowercase hex", lambda m: m["files"][1].update(sha256=H.upper()),
                         "$.files[1].sha256: does not match pattern"),
    "sha256-short": ("sha256 too short", lambda m: m["files"][2].update(sha256="abc123"),
                     "$.files[2].sha256: does not match pattern"),
    "file-extra-property": ("unknown property in a files entry", lambda m: m["files"][3].update(md5="x"),
                            "$.files[3]: unknown property 'md5'"),
    "file-missing-size": ("files entry without size", lambda m: m["files"][0].pop("size"),
                          "$.files[0]: missing required property 'size'"),
    "path-traversal": ("path escapes the bundle", lambda m: m["files"][0].update(path="../etc/passwd"),
                       "$.files[0].path: does not match pattern"),
    "absolute-path": ("absolute path", lambda m: m["files"][0].update(path="/tmp/x.pt"),
                      "$.files[0].path: does not match pattern"),
    "unlisted-mapping": ("mapping file not listed in files", lambda m: m["files"].pop(2),
                         "$.generator.mapping_file: file not listed in $.files: mapping.pt"),
    "normalized-true": ("encoder claims normalised output", setp(["encoder", "normalized"], True),
                        "$.encoder.normalized: must equal false"),
    "embedding-dim-zero": ("embedding_dim 0", setp(["encoder", "embedding_dim"], 0),
                           "$.encoder.embedding_dim: must be >= 1"),
    "embedding-dim-fraction": ("embedding_dim 256.5", setp(["encoder", "embedding_dim"], 256.5),
                               "$.encoder.embedding_dim: expected type integer"),
    "created-format": ("created not UTC ISO", setp(["created"], "28.11.2026"), "$.created: does not match pattern"),
    "display-aspect": ("display aspect 5x3", setp(["generator", "display_aspect"], "5x3"),
                       "$.generator.display_aspect: does not match pattern"),
    "psi-too-large": ("default_psi 3", setp(["generator", "default_psi"], 3), "$.generator.default_psi: must be <= 2"),
    "norm-mean-zero": ("embedding norm mean 0", setp(["embedding_stats", "norm_mean"], 0),
                       "$.embedding_stats.norm_mean: must be > 0"),
    "noise-random": ("non-const noise", setp(["generator", "noise_mode"], "random"),
                     "$.generator.noise_mode: must be one of"),
    "name-empty": ("empty name", setp(["name"], ""), "$.name: shorter than 1 characters"),
    "files-empty": ("no files", setp(["files"], []), "$.files: must have at least 1 items"),
    "context-string": ("context_length as string", setp(["text", "context_length"], "32"),
                       "$.text.context_length: expected type integer"),
    "input-dtypes-unknown": ("encoder input dtype float16", setp(["encoder", "input_dtypes"], ["float32", "float16"]),
                             "$.encoder.input_dtypes[1]: must be one of"),
    "input-dtypes-without-float32": ("encoder takes uint8 only", setp(["encoder", "input_dtypes"], ["uint8"]),
                                     "$.encoder.input_dtypes: must include \"float32\""),
    "missing-embedding-stats": ("no embedding stats", delp(["embedding_stats"]),
                                "$: missing required property 'embedding_stats'"),
    "preprocessing-size-mismatch": ("preprocessing resizes to another size than the encoder's input_size",
                                    imported(setp(["encoder", "preprocessing", "resize", "size"], 336)),
                                    "$.encoder.preprocessing.resize.size: must equal $.encoder.input_size"),
    "preprocessing-std-zero": ("a zero standard deviation", imported(
        lambda m: m["encoder"]["preprocessing"].update(std=[0.27, 0, 0.27])),
        "$.encoder.preprocessing.std[1]: must be > 0"),
    "preprocessing-mean-two": ("mean with two channels", imported(
        lambda m: m["encoder"]["preprocessing"].update(mean=[0.5, 0.5])),
        "$.encoder.preprocessing.mean: must have at least 3 items"),
    "preprocessing-resize-nearest": ("an undescribed resize mode", imported(
        setp(["encoder", "preprocessing", "resize", "mode"], "nearest")),
        "$.encoder.preprocessing.resize.mode: must be one of"),
    "preprocessing-unknown-field": ("an unknown preprocessing field", imported(
        lambda m: m["encoder"]["preprocessing"].update(crop="center")),
        "$.encoder.preprocessing: unknown property 'crop'"),
    "source-kind-unknown": ("source kind not one of the two", imported(setp(["source", "kind"], "downloaded")),
                            "$.source.kind: must be one of"),
    "source-file-sha256": ("a source file with a short sha256", imported(
        lambda m: m["source"]["files"][0].update(sha256="abc")),
        "$.source.files[0].sha256: does not match pattern"),
    "source-import-without-clip": ("a reference import that does not name its CLIP file", imported(
        lambda m: m["source"]["files"].pop(1)),
        "$.source.files: a reference import must name its network and clip files"),
    "z-sensitivity-negative": ("a negative mean change", with_measurements(
        setp(["generator", "z_sensitivity", "mean_abs_change"], -0.5)),
        "$.generator.z_sensitivity.mean_abs_change: must be >= 0"),
    "z-sensitivity-no-pairs": ("measured with no seed pair", with_measurements(
        setp(["generator", "z_sensitivity", "seed_pairs"], 0)),
        "$.generator.z_sensitivity.seed_pairs: must be >= 1"),
    "z-sensitivity-without-fronts": ("the number of fronts measured is missing", with_measurements(
        delp(["generator", "z_sensitivity", "fronts"])),
        "$.generator.z_sensitivity: missing required property 'fronts'"),
    "z-sensitivity-string": ("the change as text", with_measurements(
        setp(["generator", "z_sensitivity", "mean_abs_change"], "small")),
        "$.generator.z_sensitivity.mean_abs_change: expected type number"),
    "ood-method-unknown": ("an undescribed distance", with_measurements(setp(["ood", "method"], "knn")),
                           "$.ood.method: must be one of"),
    "ood-space-unknown": ("an undescribed embedding space", with_measurements(setp(["ood", "space"], "pca")),
                          "$.ood.space: must be one of"),
    "ood-threshold-zero": ("a zero threshold", with_measurements(setp(["ood", "threshold"], 0)),
                           "$.ood.threshold: must be > 0"),
    "ood-shrinkage-above-one": ("shrinkage 1.5", with_measurements(setp(["ood", "shrinkage"], 1.5)),
                                "$.ood.shrinkage: must be <= 1"),
    "ood-missing-calibration": ("no calibration record", with_measurements(delp(["ood", "calibration"])),
                                "$.ood: missing required property 'calibration'"),
    "ood-calibration-rate": ("a false alarm rate above 1", with_measurements(
        setp(["ood", "calibration", "false_alarm_rate"], 2)),
        "$.ood.calibration.false_alarm_rate: must be <= 1"),
    "ood-unknown-field": ("an unknown field in the ood section", with_measurements(
        lambda m: m["ood"].update(radius=3)), "$.ood: unknown property 'radius'"),
    "ood-file-unlisted": ("the statistics file is not listed in files", with_measurements(
        lambda m: m["files"].pop()), "$.ood.file: file not listed in $.files: ood/stats.f32"),
    "ood-file-size": ("the statistics file's listed size does not hold mean and precision", with_measurements(
        lambda m: m["files"][-1].update(size=OOD_SIZE - 4)),
        "$.ood.file: size must be 4*(dim+dim*dim) = 263168 bytes"),
    "ood-dim-mismatch": ("statistics of another embedding dimension", with_measurements(
        lambda m: [m["ood"].update(dim=128), m["files"][-1].update(size=4 * (128 + 128 * 128))]),
        "$.ood.dim: must equal $.encoder.embedding_dim"),
    "ood-picture-module-unlisted": ("the picture statistics module is not listed in files", with_two_checks(
        lambda m: m["files"].pop(-2)), "$.ood.picture.module: file not listed in $.files: ood/picture_statistics.pt"),
    "ood-picture-file-size": ("the picture statistics file does not hold mean and precision", with_two_checks(
        lambda m: m["files"][-1].update(size=PICTURE_SIZE + 4)),
        "$.ood.picture.file: size must be 4*(dim+dim*dim) = 728 bytes"),
    "ood-picture-names-count": ("12 names for 13 statistics", with_two_checks(
        lambda m: m["ood"]["picture"]["names"].pop()), "$.ood.picture.names: must name each of the dim statistics"),
    "ood-picture-without-threshold": ("a picture check without its threshold", with_two_checks(
        delp(["ood", "picture", "threshold"])), "$.ood.picture: missing required property 'threshold'"),
    "ood-picture-unknown-field": ("an unknown field in the picture check", with_two_checks(
        lambda m: m["ood"]["picture"].update(method="knn")), "$.ood.picture: unknown property 'method'"),
    "ood-orientation-module-unlisted": ("the orientation reader is not listed in files", with_three_checks(
        lambda m: m["files"].pop()), "$.ood.orientation.module: file not listed in $.files: ood/orientation.pt"),
    "ood-orientation-classes-order": ("the orientation classes in another order", with_three_checks(
        lambda m: m["ood"]["orientation"]["classes"].reverse()),
        '$.ood.orientation.classes: must equal ["upright", "rotated_90_counterclockwise", "rotated_180", '
        '"rotated_90_clockwise"]'),
    "ood-orientation-without-detection": ("an orientation check without its measured detection", with_three_checks(
        delp(["ood", "orientation", "calibration", "detection_rate"])),
        "$.ood.orientation.calibration: missing required property 'detection_rate'"),
    "ood-orientation-unknown-field": ("an unknown field in the orientation check", with_three_checks(
        lambda m: m["ood"]["orientation"].update(threshold=0.5)), "$.ood.orientation: unknown property 'threshold'"),
    "tokenizer-kind-unknown": ("an unknown tokenizer kind", imported(setp(["text", "tokenizer"], "sentencepiece")),
                               "$.text.tokenizer: must be one of"),
}


def main():
    out = ROOT / "docs" / "model-bundle" / "vectors"
    for sub in ("valid", "invalid"):
        (out / sub).mkdir(parents=True, exist_ok=True)
        for p in (out / sub).glob("*.json"):
            p.unlink()
    for name, (desc, m) in VALID.items():
        check_manifest(m)
        (out / "valid" / f"{name}.json").write_text(json.dumps({"description": desc, "manifest": m}, indent=1) + "\n")
    for name, (desc, fn, err) in INVALID.items():
        if fn is None:
            m = [base()]
        else:
            m = base(); fn(m)
        try:
            check_manifest(m)
            raise SystemExit(f"{name}: unexpectedly valid")
        except BundleError as e:
            if err not in str(e):
                raise SystemExit(f"{name}: expected {err!r} in {e}")
        (out / "invalid" / f"{name}.json").write_text(
            json.dumps({"description": desc, "expected_error": err, "manifest": m}, indent=1) + "\n")
    print(f"wrote {len(VALID)} valid and {len(INVALID)} invalid vectors to {out}")


if __name__ == "__main__":
    main()
