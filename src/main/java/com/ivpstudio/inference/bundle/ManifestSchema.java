package com.ivpstudio.inference.bundle;

/**
 * Fallback copy of docs/model-bundle/manifest.schema.json, used only when the pom has not put that file on the
 * classpath (e.g. a build context without docs/). ManifestSchemaTest keeps the two equal.
 */
final class ManifestSchema {

    static final String JSON = """
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://ivpstudio.example/model-bundle/manifest.schema.json",
  "title": "IVP Studio model bundle manifest",
  "description": "Subset of JSON Schema used: type, required, properties, additionalProperties, items, enum, const, pattern, minLength, minimum, exclusiveMinimum, maximum, minItems, maxItems, uniqueItems, $ref (local). See docs/model-bundle.md.",
  "type": "object",
  "required": ["format", "format_version", "id", "name", "version", "created", "description", "license",
               "synthetic", "intended_use", "encoder", "text", "generator", "embedding_stats", "files",
               "training", "evaluation"],
  "properties": {
    "format": {"const": "ivp-model-bundle"},
    "format_version": {"type": "integer", "const": 1},
    "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]*$"},
    "name": {"type": "string", "minLength": 1},
    "version": {"type": "string", "pattern": "^[0-9]+\\\\.[0-9]+\\\\.[0-9]+([-+].*)?$"},
    "created": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"},
    "description": {"type": "string"},
    "license": {"type": "string", "minLength": 1},
    "synthetic": {"type": "boolean"},
    "intended_use": {"type": "string", "minLength": 1},
    "encoder": {
      "type": "object",
      "required": ["kind", "file", "embedding_dim", "input_size", "input_range", "normalized"],
      "properties": {
        "kind": {"type": "string", "minLength": 1},
        "file": {"$ref": "#/$defs/relpath"},
        "embedding_dim": {"type": "integer", "minimum": 1},
        "input_size": {"type": "integer", "minimum": 1},
        "input_range": {"const": "0..255"},
        "normalized": {"const": false},
        "input_dtypes": {"type": "array", "minItems": 1, "uniqueItems": true, "items": {"enum": ["float32", "uint8"]}},
        "resize": {"type": "string"},
        "preprocessing": {
          "type": "object",
          "required": ["input_range", "input_scale", "mean", "std", "resize"],
          "additionalProperties": false,
          "properties": {
            "input_range": {"const": "0..255"},
            "input_scale": {"type": "number", "exclusiveMinimum": 0},
            "mean": {"type": "array", "minItems": 3, "maxItems": 3, "items": {"type": "number"}},
            "std": {"type": "array", "minItems": 3, "maxItems": 3, "items": {"type": "number", "exclusiveMinimum": 0}},
            "resize": {
              "type": "object",
              "required": ["mode", "size", "antialias"],
              "additionalProperties": false,
              "properties": {
                "mode": {"enum": ["bilinear", "bicubic"]},
                "size": {"type": "integer", "minimum": 1},
                "antialias": {"type": "boolean"},
                "align_corners": {"type": "boolean"},
                "aspect": {"enum": ["squash"]}
              }
            }
          }
        }
      }
    },
    "text": {
      "type": "object",
      "required": ["encoder_file", "tokenizer_file", "context_length"],
      "properties": {
        "encoder_file": {"$ref": "#/$defs/relpath"},
        "tokenizer_file": {"$ref": "#/$defs/relpath"},
        "context_length": {"type": "integer", "minimum": 2},
        "pad_id": {"type": "integer", "minimum": 0},
        "tokenizer": {"enum": ["word-level", "clip-bpe"]}
      }
    },
    "generator": {
      "type": "object",
      "required": ["mapping_file", "synthesis_file", "views", "resolution", "display_aspect", "z_dim", "w_dim",
                   "num_ws", "default_psi", "output_range"],
      "properties": {
        "mapping_file": {"$ref": "#/$defs/relpath"},
        "synthesis_file": {"$ref": "#/$defs/relpath"},
        "views": {"type": "array", "minItems": 4, "maxItems": 4, "uniqueItems": true,
                  "items": {"enum": ["left", "right", "lower", "upper"]}},
        "resolution": {"type": "integer", "minimum": 4},
        "display_aspect": {"type": "string", "pattern": "^[1-9][0-9]*:[1-9][0-9]*$"},
        "z_dim": {"type": "integer", "minimum": 0},
        "w_dim": {"type": "integer", "minimum": 1},
        "num_ws": {"type": "integer", "minimum": 1},
        "default_psi": {"type": "number", "minimum": 0, "maximum": 2},
        "output_range": {"const": "-1..1"},
        "noise_mode": {"enum": ["const"]},
        "z_generator": {"type": "string"},
        "z_sensitivity": {
          "type": "object",
          "required": ["mean_abs_change", "seed_pairs", "fronts"],
          "additionalProperties": false,
          "properties": {
            "mean_abs_change": {"type": "number", "minimum": 0},
            "seed_pairs": {"type": "integer", "minimum": 1},
            "fronts": {"type": "integer", "minimum": 1}
          }
        }
      }
    },
    "embedding_stats": {
      "type": "object",
      "required": ["norm_mean", "norm_std"],
      "properties": {
        "norm_mean": {"type": "number", "exclusiveMinimum": 0},
        "norm_std": {"type": "number", "minimum": 0},
        "norm_min": {"type": "number"},
        "norm_max": {"type": "number"},
        "count": {"type": "integer", "minimum": 0}
      }
    },
    "files": {
      "type": "array",
      "minItems": 1,
      "uniqueItems": true,
      "items": {
        "type": "object",
        "required": ["path", "sha256", "size"],
        "additionalProperties": false,
        "properties": {
          "path": {"$ref": "#/$defs/relpath"},
          "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
          "size": {"type": "integer", "minimum": 0}
        }
      }
    },
    "source": {
      "type": "object",
      "required": ["kind"],
      "properties": {
        "kind": {"enum": ["reference-import", "trained"]},
        "importer": {"type": "string"},
        "files": {
          "type": "array",
          "uniqueItems": true,
          "items": {
            "type": "object",
            "required": ["role", "name", "sha256", "size"],
            "additionalProperties": false,
            "properties": {
              "role": {"enum": ["network", "clip", "bpe"]},
              "name": {"type": "string", "minLength": 1},
              "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
              "size": {"type": "integer", "minimum": 0}
            }
          }
        },
        "generator": {"type": "object"},
        "clip": {"type": "object"}
      }
    },
    "ood": {
      "type": "object",
      "required": ["method", "file", "dim", "space", "shrinkage", "threshold", "percentile", "calibration"],
      "additionalProperties": false,
      "properties": {
        "method": {"enum": ["mahalanobis"]},
        "file": {"$ref": "#/$defs/relpath"},
        "dim": {"type": "integer", "minimum": 1},
        "space": {"enum": ["unit", "raw"]},
        "shrinkage": {"type": "number", "minimum": 0, "maximum": 1},
        "threshold": {"type": "number", "exclusiveMinimum": 0},
        "percentile": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
        "calibration": {
          "type": "object",
          "required": ["count", "false_alarm_rate"],
          "properties": {
            "count": {"type": "integer", "minimum": 1},
            "false_alarm_rate": {"type": "number", "minimum": 0, "maximum": 1}
          }
        },
        "picture": {
          "type": "object",
          "required": ["module", "file", "dim", "space", "shrinkage", "threshold", "percentile"],
          "additionalProperties": false,
          "properties": {
            "module": {"$ref": "#/$defs/relpath"},
            "file": {"$ref": "#/$defs/relpath"},
            "dim": {"type": "integer", "minimum": 1},
            "space": {"enum": ["unit", "raw"]},
            "shrinkage": {"type": "number", "minimum": 0, "maximum": 1},
            "threshold": {"type": "number", "exclusiveMinimum": 0},
            "percentile": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
            "names": {"type": "array", "items": {"type": "string", "minLength": 1}}
          }
        },
        "orientation": {
          "type": "object",
          "required": ["module", "classes", "calibration"],
          "additionalProperties": false,
          "properties": {
            "module": {"$ref": "#/$defs/relpath"},
            "classes": {"const": ["upright", "rotated_90_counterclockwise", "rotated_180", "rotated_90_clockwise"]},
            "calibration": {
              "type": "object",
              "required": ["count", "false_alarm_rate", "detection_rate"],
              "properties": {
                "count": {"type": "integer", "minimum": 1},
                "false_alarm_rate": {"type": "number", "minimum": 0, "maximum": 1},
                "detection_rate": {"type": "number", "minimum": 0, "maximum": 1}
              }
            }
          }
        }
      }
    },
    "golden": {"type": "object"},
    "training": {"type": "object"},
    "evaluation": {"type": "object"}
  },
  "$defs": {
    "relpath": {"type": "string", "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$"}
  }
}
""";

    private ManifestSchema() {
    }
}
