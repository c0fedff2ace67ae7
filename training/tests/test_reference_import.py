"""Importing CLIP-IVP reference-code networks: safe pickle reading, our generator vs its inference form, CLIP
encoders vs the archive's own methods, the CLIP BPE tokenizer, and the one-command importer."""
import json
import os
import pickle
from pathlib import Path

import pytest
import torch

from ivp_training import import_reference as ir
from ivp_training.export import load_bundle, verify_bundle
from ivp_training.reference import clip_bpe, clip_vit, safe_pickle, stylegan2, stylegan2_inference, synthetic

DATA = Path(__file__).parent / "data"


class _Reduce:
    def __init__(self, fn, args):
        self.fn, self.args = fn, args

    def __reduce__(self):
        return self.fn, self.args


# ---- safe reading ----------------------------------------------------------------------------
def test_pickle_whose_reduce_runs_os_system_is_refused_and_nothing_runs(tmp_path):
    marker = tmp_path / "ran"
    p = tmp_path / "evil.pkl"
    p.write_bytes(pickle.dumps({"G_ema": _Reduce(os.system, (f"touch {marker}",))}))
    with pytest.raises(safe_pickle.RefusedPickle, match=r"refused: the file calls (posix|os)\.system"):
        safe_pickle.load_network_pickle(p)
    assert not marker.exists()


def test_pickle_that_would_write_a_file_is_refused_and_no_file_appears(tmp_path):
    target = tmp_path / "written.txt"
    p = tmp_path / "evil.pkl"
    p.write_bytes(pickle.dumps([_Reduce(open, (str(target), "w")), _Reduce(eval, ("1+1",))]))
    with pytest.raises(safe_pickle.RefusedPickle, match=r"builtins\.(open|io\.open)|io\.open"):
        safe_pickle.load_network_pickle(p)
    assert not target.exists()


def test_persistence_record_source_is_recorded_never_executed(tmp_path):
    target = tmp_path / "from-source.txt"
    G = synthetic.reference_generator(64, channel_max=16, source=f"open({str(target)!r}, 'w').write('ran')\n")
    p = tmp_path / "net.pkl"
    synthetic.write_network_pickle(p, G)
    snap = safe_pickle.load_network_pickle(p)
    assert isinstance(snap["G_ema"], safe_pickle.PersistentRecord)
    assert snap["G_ema"].class_name == "Generator" and len(snap["G_ema"].source_sha256) == 64
    assert not target.exists()


def test_importer_reports_a_refused_pickle_by_name_and_writes_nothing(tmp_path, capsys):
    p = tmp_path / "evil.pkl"
    p.write_bytes(pickle.dumps({"G_ema": _Reduce(os.system, ("true",))}))
    out = tmp_path / "bundle"
    rc = ir.main(["--network", str(p), "--clip", str(p), "--bpe", str(p), "--out", str(out)])
    assert rc == 2 and "system" in capsys.readouterr().err and not out.exists()


def test_tensor_claiming_more_than_its_bytes_is_refused_cleanly(tmp_path):
    G = synthetic.reference_generator(64, channel_max=16)
    synthetic.write_network_pickle(tmp_path / "n.pkl", G)
    data = bytearray((tmp_path / "n.pkl").read_bytes())
    cut = tmp_path / "cut.pkl"
    cut.write_bytes(bytes(data[: len(data) // 2]))
    with pytest.raises(safe_pickle.RefusedPickle):
        safe_pickle.load_network_pickle(cut)


def test_recorded_tensors_equal_what_was_pickled(tmp_path):
    G = synthetic.reference_generator(64, channel_max=16, seed=5)
    synthetic.write_network_pickle(tmp_path / "n.pkl", G)
    rec = safe_pickle.load_network_pickle(tmp_path / "n.pkl")["G_ema"]
    t = rec.tensors()
    want = G.state["_modules"]["synthesis"].state["_modules"]["b8"].state["_modules"]["conv0"].state["_parameters"]
    assert torch.equal(t["synthesis.b8.conv0.weight"], want["weight"])
    assert t["synthesis.b8.conv0.noise_strength"].shape == torch.Size([])
    assert rec.init_kwargs["c_dim"] == 4
    fc = rec.module("mapping").module("fc0")
    assert isinstance(fc.state["weight_gain"], float) and abs(fc.state["weight_gain"] - 0.01 / 64 ** 0.5) < 1e-12  # fc0 reads z and the embeddings: 32 + 32


def test_numpy_values_other_than_numbers_are_refused(tmp_path):
    import numpy as np
    p = tmp_path / "np.pkl"
    p.write_bytes(pickle.dumps({"G_ema": np.array(["text"])}))
    with pytest.raises(safe_pickle.RefusedPickle, match="numpy"):
        safe_pickle.load_network_pickle(p)


# ---- generator ---------------------------------------------------------------------------------
@pytest.mark.parametrize("res,base,cmax,clamp", [(64, 1024, 64, 256.0), (128, 2048, 32, None), (64, 256, 16, 0.5)])
def test_inference_forms_equal_the_eager_definition(tmp_path, res, base, cmax, clamp):
    G = synthetic.reference_generator(res, channel_base=base, channel_max=cmax, conv_clamp=clamp, seed=res)
    synthetic.write_network_pickle(tmp_path / "n.pkl", G)
    spec = stylegan2.read_generator(safe_pickle.load_network_pickle(tmp_path / "n.pkl"))
    assert spec.resolution == res and spec.num_ws == 2 * (res.bit_length() - 3) + 2
    g = torch.Generator().manual_seed(1)
    c, k = torch.eye(4), torch.randn(4, spec.img_dim, generator=g) * 3
    with torch.no_grad():
        for psi in (1.0, 0.7):
            w = stylegan2.EagerMapping(spec)(c, k, None, torch.tensor([psi]))
            assert (stylegan2_inference.MappingInference(spec)(c, k, None, torch.tensor([psi])) - w).abs().max() < 1e-5
            img = stylegan2.EagerSynthesis(spec)(w)
            fast = stylegan2_inference.SynthesisInference(spec)(w)
            assert img.shape == (4, 3, res, res)
            assert (fast - img).abs().max() < 1e-4
            assert 0.01 < float((img.abs() < 1).float().mean())  # not all clamped: the comparison means something


def _spec_problem(tmp_path, **kw):
    synthetic.write_network_pickle(tmp_path / "n.pkl", synthetic.reference_generator(64, channel_max=16, **kw))
    with pytest.raises(stylegan2.ImportProblem) as e:
        stylegan2.read_generator(safe_pickle.load_network_pickle(tmp_path / "n.pkl"))
    return str(e.value)


def test_unexpected_generators_are_refused_with_what_is_wrong(tmp_path):
    assert "c_dim 10, CLIP-IVP uses 4 views" in _spec_problem(tmp_path, c_dim=10)
    assert "img_dim 0" in _spec_problem(tmp_path, img_dim=0)
    assert "architecture 'resnet'" in _spec_problem(tmp_path, architecture="resnet")
    p = tmp_path / "plain.pkl"
    p.write_bytes(pickle.dumps({"G": None}))
    with pytest.raises(stylegan2.ImportProblem, match="no 'G_ema'"):
        stylegan2.read_generator(safe_pickle.load_network_pickle(p))


# ---- CLIP ----------------------------------------------------------------------------------------
def test_clip_encoders_equal_the_archives_own_methods(tmp_path):
    archive = synthetic.write_clip_archive(tmp_path / "clip.pt", embed=24, size=48, patch=16, vision_width=128,
                                           vision_layers=2, vocab=700, text_width=128, text_layers=2)
    sd = clip_vit.read_clip_archive(tmp_path / "clip.pt")
    dims, image_enc, text_enc = clip_vit.clip_encoders(sd, clip_vit.Preprocessing(size=48, input_scale=1 / 255))
    assert (dims.image_size, dims.patch, dims.vision_heads, dims.embed_dim) == (48, 16, 2, 24)
    photo = torch.randint(0, 256, (2, 3, 60, 100), dtype=torch.uint8)
    mean, std = torch.tensor(clip_vit.CLIP_MEAN).view(1, 3, 1, 1), torch.tensor(clip_vit.CLIP_STD).view(1, 3, 1, 1)
    x = (clip_vit.resize_bilinear(photo, 48) / 255 - mean) / std
    ids = torch.zeros(2, 77, dtype=torch.long)
    ids[:, 0] = 698
    ids[0, 1:6] = torch.tensor([5, 70, 300, 9, 699]); ids[1, 1] = 699
    with torch.no_grad():
        assert (image_enc(photo) - archive.encode_image(x)).abs().max() < 1e-4
        assert (image_enc(photo) - image_enc(photo.float())).abs().max() < 1e-5
        assert (text_enc(ids) - archive.encode_text(ids)).abs().max() < 1e-4


def test_resnet_clip_is_refused_by_name():
    with pytest.raises(stylegan2.ImportProblem, match="ResNet"):
        clip_vit.clip_dims({"visual.layer1.0.conv1.weight": torch.zeros(1)})


# ---- tokenizer -----------------------------------------------------------------------------------
def test_pieces_follow_the_clip_pattern():
    assert clip_bpe.pieces("don't it''s abc123 ²³ a,b") == ["don", "'t", "it", "''", "s", "abc", "1", "2", "3", "²",
                                                             "³", "a", ",", "b"]
    assert clip_bpe.pieces("x<|endoftext|>y") == ["x", "<|endoftext|>", "y"]


def test_small_vocabulary_round_trip_and_truncation():
    merges = clip_bpe.small_merges(["upper teeth", "lower teeth"], 30)
    tok = clip_bpe.ClipBpeTokenizer(merges, context=8)
    ids = tok.encode("Upper   teeth")
    assert ids[0] == tok.sot and tok.eot in ids and len(ids) == 8
    assert tok.vocab["upper</w>"] in ids and tok.vocab["teeth</w>"] in ids
    long = tok.encode("teeth " * 20)
    assert long[0] == tok.sot and long[-1] == tok.eot and long[1:-1] == [tok.vocab["teeth</w>"]] * 6
    assert tok.encode("") == [tok.sot, tok.eot] + [0] * 6
    hf = tok.to_hf_json()
    assert hf["model"]["type"] == "BPE" and hf["model"]["end_of_word_suffix"] == "</w>"
    assert len(hf["model"]["vocab"]) == 512 + len(merges) + 2


REAL_BPE = os.environ.get("IVP_CLIP_BPE", "/tmp/reftok/bpe_simple_vocab_16e6.txt.gz")


@pytest.mark.skipif(not Path(REAL_BPE).is_file(), reason="OpenAI's bpe_simple_vocab_16e6.txt.gz is not present "
                    "(set IVP_CLIP_BPE); it cannot be committed")
def test_real_vocabulary_gives_the_reference_tokenizer_ids():
    tok = clip_bpe.ClipBpeTokenizer.from_bpe_file(REAL_BPE)
    want = json.loads((DATA / "clip_bpe_reference_ids.json").read_text(encoding="utf-8"))
    assert tok.vocab_size == 49408 and len(want["vectors"]) >= 50
    for v in want["vectors"]:
        assert tok.encode(v["text"]) == v["ids"], v["text"]


def test_reference_ids_cover_the_odd_cases():
    texts = [v["text"] for v in json.loads((DATA / "clip_bpe_reference_ids.json").read_text("utf-8"))["vectors"]]
    assert len(texts) >= 50
    assert any(any(ord(ch) > 127 for ch in t) for t in texts) and any(len(t) > 300 for t in texts)
    assert any("," in t for t in texts) and any("!" in t for t in texts)


# ---- the command ---------------------------------------------------------------------------------
def test_one_command_writes_a_verified_bundle_and_zip(tmp_path):
    net, clip, bpe = synthetic.write_small_reference_inputs(tmp_path / "in")
    out = tmp_path / "bundle"
    assert ir.main(["--network", str(net), "--clip", str(clip), "--bpe", str(bpe), "--out", str(out), "--zip",
                    "--synthetic", "--id", "ref-test"]) == 0
    m = verify_bundle(out)
    verify_bundle(Path(str(out) + ".zip"))
    assert m["generator"]["z_dim"] == 0 and m["generator"]["resolution"] == 64
    assert m["encoder"]["preprocessing"]["input_scale"] == 1.0 and m["encoder"]["preprocessing"]["resize"]["size"] == 32
    src = m["source"]
    assert src["kind"] == "reference-import" and [f["role"] for f in src["files"]] == ["network", "clip", "bpe"]
    assert src["files"][0]["sha256"] == ir.sha256_file(net)
    assert all(v <= 1e-4 for v in m["evaluation"]["export_parity_max_abs"].values())
    loaded = load_bundle(out)
    assert loaded["tokenizer"].encode("upper teeth") == json.loads(
        (out / "golden" / "tokenizer_vectors.json").read_text("utf-8"))["vectors"][1]["ids"]
    names = {p.name for p in out.rglob("*")}
    assert not any(n.endswith((".pkl", ".pickle")) for n in names)


def test_embedding_size_mismatch_is_explained(tmp_path):
    net, clip, bpe = synthetic.write_small_reference_inputs(tmp_path / "in")
    synthetic.write_clip_archive(clip, embed=24, size=32, patch=8, vision_width=64, vision_layers=1, vocab=714,
                                 text_width=64, text_layers=1)
    with pytest.raises(stylegan2.ImportProblem, match="takes 16-value image embeddings but the CLIP file"):
        ir.import_reference(net, clip, bpe, tmp_path / "b", "x", "x", "1.0.0", 1.0, True, "t", "t", 1.0)
    assert not (tmp_path / "b").exists()


def test_missing_input_file_is_named(tmp_path, capsys):
    rc = ir.main(["--network", str(tmp_path / "nope.pkl"), "--clip", "c", "--bpe", "b", "--out", str(tmp_path / "o")])
    assert rc == 2 and "--network: no such file" in capsys.readouterr().err
