"""A small JSON-Schema validator for the subset used by docs/model-bundle/manifest.schema.json, plus the
bundle's semantic checks. Error messages are canonical (see docs/model-bundle.md, "Validation errors");
the Java loader produces the same texts, and the shared vectors in docs/model-bundle/vectors check both."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, List

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "model-bundle" / "manifest.schema.json"


class BundleError(ValueError):
    pass


def _type_ok(v: Any, t: str) -> bool:
    if t == "object":
        return isinstance(v, dict)
    if t == "array":
        return isinstance(v, list)
    if t == "string":
        return isinstance(v, str)
    if t == "boolean":
        return isinstance(v, bool)
    if t == "null":
        return v is None
    if t == "integer":
        return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    raise ValueError(f"unsupported type {t}")


def _resolve(root: dict, ref: str) -> dict:
    if not ref.startswith("#/"):
        raise ValueError("only local $ref supported")
    node = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def validate(value: Any, schema: dict, root: dict = None, path: str = "$") -> List[str]:
    """Return a list of canonical error messages ("<path>: <message>") in document order."""
    root = root if root is not None else schema
    if "$ref" in schema:
        return validate(value, _resolve(root, schema["$ref"]), root, path)
    errs: List[str] = []
    t = schema.get("type")
    if t is not None:
        types = t if isinstance(t, list) else [t]
        if not any(_type_ok(value, x) for x in types):
            return [f"{path}: expected type {'|'.join(types)}"]
    if "const" in schema and value != schema["const"]:
        errs.append(f"{path}: must equal {json.dumps(schema['const'])}")
    if "enum" in schema and value not in schema["enum"]:
        errs.append(f"{path}: must be one of {json.dumps(schema['enum'])}")
    if isinstance(value, str):
        if "minLength" in schema and len(value) < schema["minLength"]:
            errs.append(f"{path}: shorter than {schema['minLength']} characters")
        if "pattern" in schema and re.search(schema["pattern"], value) is None:
            errs.append(f"{path}: does not match pattern {schema['pattern']}")
    if _type_ok(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            errs.append(f"{path}: must be >= {schema['minimum']}")
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            errs.append(f"{path}: must be > {schema['exclusiveMinimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errs.append(f"{path}: must be <= {schema['maximum']}")
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            errs.append(f"{path}: must have at least {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errs.append(f"{path}: must have at most {schema['maxItems']} items")
        if schema.get("uniqueItems"):
            seen = [json.dumps(x, sort_keys=True) for x in value]
            if len(set(seen)) != len(seen):
                errs.append(f"{path}: items must be unique")
        if "items" in schema:
            for i, item in enumerate(value):
                errs += validate(item, schema["items"], root, f"{path}[{i}]")
    if isinstance(value, dict):
        for req in schema.get("required", []):
            if req not in value:
                errs.append(f"{path}: missing required property '{req}'")
        props = schema.get("properties", {})
        for k, v in value.items():
            if k in props:
                errs += validate(v, props[k], root, f"{path}.{k}")
            elif schema.get("additionalProperties") is False:
                errs.append(f"{path}: unknown property '{k}'")
            elif isinstance(schema.get("additionalProperties"), dict):
                errs += validate(v, schema["additionalProperties"], root, f"{path}.{k}")
    return errs


def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def semantic_errors(m: dict) -> List[str]:
    """Checks the schema cannot express. Only run on a schema-valid manifest."""
    errs = []
    listed = {f["path"] for f in m["files"]}
    for sect, key in (("encoder", "file"), ("text", "encoder_file"), ("text", "tokenizer_file"),
                      ("generator", "mapping_file"), ("generator", "synthesis_file")):
        f = m[sect][key]
        if f not in listed:
            errs.append(f"$.{sect}.{key}: file not listed in $.files: {f}")
    if m["generator"]["views"] != ["left", "right", "lower", "upper"]:
        errs.append("$.generator.views: must be [\"left\",\"right\",\"lower\",\"upper\"] in this order")
    if "float32" not in m["encoder"].get("input_dtypes", ["float32"]):
        errs.append("$.encoder.input_dtypes: must include \"float32\"")
    for f in m["files"]:
        p = f["path"]
        if p.startswith("/") or ".." in p.split("/") or "\\" in p:
            errs.append(f"$.files: unsafe path {p}")
    pre = m["encoder"].get("preprocessing")
    if pre is not None and pre["resize"]["size"] != m["encoder"]["input_size"]:
        errs.append("$.encoder.preprocessing.resize.size: must equal $.encoder.input_size")
    errs += ood_errors(m, listed)
    src = m.get("source")
    if src is not None and src["kind"] == "reference-import":
        roles = {f["role"] for f in src.get("files", [])}
        if not {"network", "clip"} <= roles:
            errs.append("$.source.files: a reference import must name its network and clip files")
    return errs


def ood_errors(m: dict, listed: set) -> List[str]:
    """The ood section's statistics file is listed, has the embedding's dimension and holds exactly
    mean[dim] + precision[dim*dim] float32 values (its listed size, checked against the file later); the same for
    the optional picture check, whose module must be listed too and whose names (if given) name each statistic;
    the optional orientation check's module must be listed."""
    o = m.get("ood")
    if o is None:
        return []
    if o["file"] not in listed:
        return [f"$.ood.file: file not listed in $.files: {o['file']}"]
    errs = []
    if o["dim"] != m["encoder"]["embedding_dim"]:
        errs.append("$.ood.dim: must equal $.encoder.embedding_dim")
    errs += _statistics_size_errors(m, o, "$.ood")
    if "picture" in o:
        errs += _picture_errors(m, o["picture"], listed)
    r = o.get("orientation")
    if r is not None and r["module"] not in listed:
        errs.append(f"$.ood.orientation.module: file not listed in $.files: {r['module']}")
    return errs


def _picture_errors(m: dict, p: dict, listed: set) -> List[str]:
    for key in ("module", "file"):
        if p[key] not in listed:
            return [f"$.ood.picture.{key}: file not listed in $.files: {p[key]}"]
    errs = _statistics_size_errors(m, p, "$.ood.picture")
    if "names" in p and len(p["names"]) != p["dim"]:
        errs.append("$.ood.picture.names: must name each of the dim statistics")
    return errs


def _statistics_size_errors(m: dict, check: dict, path: str) -> List[str]:
    size = next(f["size"] for f in m["files"] if f["path"] == check["file"])
    expected = 4 * (int(check["dim"]) + int(check["dim"]) * int(check["dim"]))
    return [] if size == expected else [f"{path}.file: size must be 4*(dim+dim*dim) = {expected} bytes"]


def check_manifest(m: Any, schema: dict = None) -> None:
    """Raise BundleError with the first canonical error (all errors joined in the message)."""
    schema = schema or load_schema()
    errs = validate(m, schema)
    if not errs:
        errs = semantic_errors(m)
    if errs:
        raise BundleError("invalid manifest: " + "; ".join(errs))
