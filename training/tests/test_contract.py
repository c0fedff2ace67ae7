"""Schema validator, shared bundle vectors, tokenizer and z-from-seed contracts (no training needed)."""
import json
from pathlib import Path

import numpy as np
import pytest

from ivp_training.schema import BundleError, check_manifest, load_schema, validate
from ivp_training.tokenizer import EOS_ID, GOLDEN_TEXTS, PAD_ID, SOS_ID, Tokenizer, build_vocab
from ivp_training.zrng import SplitMix64, z_from_seed

VEC = Path(__file__).resolve().parents[2] / "docs" / "model-bundle" / "vectors"


def _vectors(kind):
    return sorted((VEC / kind).glob("*.json"))


def test_vectors_present():
    assert len(_vectors("valid")) >= 2 and len(_vectors("invalid")) >= 10


@pytest.mark.parametrize("path", _vectors("valid"), ids=lambda p: p.stem)
def test_valid_vectors_accepted(path):
    check_manifest(json.loads(path.read_text())["manifest"])


@pytest.mark.parametrize("path", _vectors("invalid"), ids=lambda p: p.stem)
def test_invalid_vectors_refused(path):
    v = json.loads(path.read_text())
    with pytest.raises(BundleError) as ei:
        check_manifest(v["manifest"])
    assert v["expected_error"] in str(ei.value)


def test_validator_subset():
    s = {"type": "object", "required": ["a"], "properties": {"a": {"type": "integer", "minimum": 1},
                                                             "b": {"type": "array", "items": {"enum": [1, 2]}}},
         "additionalProperties": False}
    assert validate({"a": 1.0}, s) == []
    assert validate({"a": True}, s) == ["$.a: expected type integer"]
    assert validate({"b": [3], "c": 1}, s) == ["$: missing required property 'a'", "$.b[0]: must be one of [1, 2]",
                                              "$: unknown property 'c'"]
    assert load_schema()["type"] == "object"


def test_tokenizer_algorithm():
    tok = Tokenizer(build_vocab(["Mild crowding of the upper incisors."]), 32)
    ids = tok.encode("MILD crowding, zzzq!")
    assert ids[:6] == [SOS_ID, tok.vocab["mild"], tok.vocab["crowding"], tok.vocab[","], 1, tok.vocab["!"]]
    assert ids[6] == EOS_ID and ids[7:] == [PAD_ID] * 25
    assert tok.encode("") == [SOS_ID, EOS_ID] + [PAD_ID] * 30
    long = tok.encode(" ".join(["teeth"] * 100))
    assert len(long) == 32 and long[-1] == EOS_ID and long[0] == SOS_ID
    assert all(len(tok.encode(t)) == 32 for t in GOLDEN_TEXTS)


def test_tokenizer_json_roundtrip(tmp_path):
    tok = Tokenizer(build_vocab(["a b c"]), 32)
    tok.save(tmp_path / "tokenizer.json")
    j = json.loads((tmp_path / "tokenizer.json").read_text())
    assert j["model"]["type"] == "WordLevel" and j["model"]["unk_token"] == "[UNK]"
    assert j["normalizer"]["type"] == "Lowercase" and j["pre_tokenizer"]["type"] == "Whitespace"
    assert j["truncation"]["max_length"] == 32 and j["padding"]["strategy"] == {"Fixed": 32}
    assert j["post_processor"]["type"] == "TemplateProcessing"
    assert [t["content"] for t in j["added_tokens"]] == ["[PAD]", "[UNK]", "[SOS]", "[EOS]"]
    t2 = Tokenizer.load(tmp_path / "tokenizer.json")
    assert all(t2.encode(t) == tok.encode(t) for t in GOLDEN_TEXTS)


def test_z_from_seed_vectors():
    assert SplitMix64(0).next_u64() == 0xE220A8397B1DCDAF
    assert SplitMix64(42).next_u64() == 0xBDD732262FEB6E95
    np.testing.assert_allclose(z_from_seed(0, 8)[:3], [-1.8839084, 0.86450684, 0.22760794], atol=1e-6)
    np.testing.assert_allclose(z_from_seed(42, 8)[:3], [0.88224888, 1.3884733, -0.45084986], atol=1e-6)
    np.testing.assert_allclose(z_from_seed(1, 8)[:3], [-0.034267321, -1.2926085, -2.5000675], atol=1e-6)
    assert z_from_seed(5, 7).shape == (7,) and np.array_equal(z_from_seed(5, 7), z_from_seed(5, 8)[:7])
    assert z_from_seed(-1, 4).dtype == np.float32
