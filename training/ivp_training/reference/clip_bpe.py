"""CLIP's byte-level BPE tokenizer, written from its published definition, and its HuggingFace tokenizer.json
form (what DJL's HuggingFaceTokenizer loads on the Java side). Both must give the same ids; the Java loader checks
the bundle's golden tokenizer vectors, and tests/test_clip_bpe.py checks these ids against ids computed with
OpenAI's reference tokenizer (committed as numbers only).

Definition (``bpe_simple_vocab_16e6.txt.gz``, 49,408 ids):
  * vocabulary: the 256 byte symbols (GPT-2 byte→unicode table, in its order), the same with ``</w>``, one entry
    per merge (merges are lines 1 .. 48,894 of the file: 49,152 − 256 − 2), then ``<|startoftext|>`` and
    ``<|endoftext|>``;
  * text: Unicode NFC, runs of whitespace → one space, trimmed, lower-cased;
  * pieces: the special tokens, the contractions 's 't 're 've 'm 'll 'd, runs of letters, single digits, runs of
    other non-space characters (in that order of preference at each position);
  * each piece: its UTF-8 bytes as byte symbols, ``</w>`` on the last, then the lowest-ranked adjacent pair merged
    until no pair is a merge;
  * ids: start, pieces, end, cut to ``context`` (start + context − 2 pieces + end), padded with 0.
Not reproduced (stated in docs/importing-reference-models.md): the reference also runs ftfy.fix_text (mojibake,
curly quotes, ligatures, full-width forms) and html.unescape (entities such as ``&amp;``) before this.
"""
from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

SOT, EOT = "<|startoftext|>", "<|endoftext|>"
CONTRACTIONS = ("'s", "'t", "'re", "'ve", "'m", "'ll", "'d")
MERGE_LINES = 49152 - 256 - 2
PRETOKENIZE_REGEX = (r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|"
                     r"[^\s\p{L}\p{N}]+")


def byte_symbols() -> List[str]:
    """The GPT-2 byte-level table as a list indexed by symbol order: printable Latin-1 bytes keep their own
    character, the others are mapped to 256 + n in byte order; the list is ordered printable-first."""
    keep = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    order, chars = list(keep), [chr(b) for b in keep]
    n = 0
    for b in range(256):
        if b not in keep:
            order.append(b)
            chars.append(chr(256 + n))
            n += 1
    return list(zip(order, chars))


def _letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")


def _number(ch: str) -> bool:
    return unicodedata.category(ch).startswith("N")


def normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).lower()


def pieces(text: str) -> List[str]:
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        special = next((s for s in (SOT, EOT) + CONTRACTIONS if text.startswith(s, i)), None)
        if special:
            out.append(special)
            i += len(special)
        elif _letter(ch):
            j = i + 1
            while j < n and _letter(text[j]):
                j += 1
            out.append(text[i:j]); i = j
        elif _number(ch):
            out.append(ch); i += 1
        elif ch.isspace():
            i += 1
        else:
            j = i + 1
            while j < n and not (text[j].isspace() or _letter(text[j]) or _number(text[j])):
                j += 1
            out.append(text[i:j]); i = j
    return out


class ClipBpeTokenizer:
    def __init__(self, merges: Sequence[Tuple[str, str]], context: int = 77):
        self.context = int(context)
        self.merges = [tuple(m) for m in merges]
        table = byte_symbols()
        self.byte_char = {b: c for b, c in table}
        vocab = [c for _, c in table] + [c + "</w>" for _, c in table] + ["".join(m) for m in self.merges]
        vocab += [SOT, EOT]
        self.vocab: Dict[str, int] = {t: i for i, t in enumerate(vocab)}
        if len(self.vocab) != len(vocab):
            raise ValueError("the BPE merges give duplicate vocabulary entries")
        self.rank = {m: i for i, m in enumerate(self.merges)}
        self.sot, self.eot = self.vocab[SOT], self.vocab[EOT]
        self._cache: Dict[str, List[int]] = {}

    @classmethod
    def from_bpe_file(cls, path, context: int = 77) -> "ClipBpeTokenizer":
        with gzip.open(path, "rt", encoding="utf-8") as f:
            lines = f.read().split("\n")
        # CLIP uses the first 48,894 merges of the file; a shorter file (the tests' own vocabulary) uses all
        merges = [tuple(l.split()) for l in lines[1:MERGE_LINES + 1] if l.strip()]
        if not merges or any(len(m) != 2 for m in merges):
            raise ValueError(f"{path}: expected merge lines of two symbols after a header line "
                             "(bpe_simple_vocab_16e6.txt.gz)")
        return cls(merges, context)

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    def _bpe(self, piece: str) -> List[int]:
        if piece in (SOT, EOT):
            return [self.vocab[piece]]
        hit = self._cache.get(piece)
        if hit is not None:
            return hit
        syms = [self.byte_char[b] for b in piece.encode("utf-8")]
        syms[-1] += "</w>"
        while len(syms) > 1:
            ranked = [(self.rank.get((a, b), -1), k) for k, (a, b) in enumerate(zip(syms, syms[1:]))]
            ranked = [(r, k) for r, k in ranked if r >= 0]
            if not ranked:
                break
            best = min(ranked)[0]
            pair = self.merges[best]
            merged, k = [], 0
            while k < len(syms):  # merge every occurrence, left to right
                if k + 1 < len(syms) and (syms[k], syms[k + 1]) == pair:
                    merged.append(syms[k] + syms[k + 1]); k += 2
                else:
                    merged.append(syms[k]); k += 1
            syms = merged
        ids = [self.vocab[s] for s in syms]
        self._cache[piece] = ids
        return ids

    def encode(self, text: str) -> List[int]:
        ids: List[int] = []
        for p in pieces(normalize(text)):
            ids.extend(self._bpe(p))
        ids = [self.sot] + ids[: self.context - 2] + [self.eot]
        return ids + [0] * (self.context - len(ids))

    def encode_batch(self, texts: Sequence[str]) -> List[List[int]]:
        return [self.encode(t) for t in texts]

    def to_hf_json(self) -> dict:
        def added(i, s):
            return {"id": i, "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                    "normalized": True, "special": True}
        template = [{"SpecialToken": {"id": SOT, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                    {"SpecialToken": {"id": EOT, "type_id": 0}}]
        return {
            "version": "1.0",
            "truncation": {"direction": "Right", "max_length": self.context, "strategy": "LongestFirst", "stride": 0},
            "padding": {"strategy": {"Fixed": self.context}, "direction": "Right", "pad_to_multiple_of": None,
                        "pad_id": 0, "pad_type_id": 0, "pad_token": self._token(0)},
            "added_tokens": [added(self.sot, SOT), added(self.eot, EOT)],
            "normalizer": {"type": "Sequence", "normalizers": [
                {"type": "NFC"}, {"type": "Replace", "pattern": {"Regex": r"\s+"}, "content": " "},
                {"type": "Strip", "strip_left": True, "strip_right": True}, {"type": "Lowercase"}]},
            "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                {"type": "Split", "pattern": {"Regex": PRETOKENIZE_REGEX}, "behavior": "Removed", "invert": True},
                {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
            "post_processor": {"type": "TemplateProcessing", "single": template,
                               "pair": template + [{"Sequence": {"id": "B", "type_id": 1}},
                                                   {"SpecialToken": {"id": EOT, "type_id": 1}}],
                               "special_tokens": {SOT: {"id": SOT, "ids": [self.sot], "tokens": [SOT]},
                                                  EOT: {"id": EOT, "ids": [self.eot], "tokens": [EOT]}}},
            "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False},
            "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                      "end_of_word_suffix": "</w>", "fuse_unk": False, "byte_fallback": False,
                      "vocab": self.vocab, "merges": [f"{a} {b}" for a, b in self.merges]},
        }

    def _token(self, i: int) -> str:
        return next(t for t, k in self.vocab.items() if k == i)

    @classmethod
    def load(cls, path) -> "ClipBpeTokenizer":
        j = json.loads(Path(path).read_text(encoding="utf-8"))
        model = j.get("model", {})
        if model.get("type") != "BPE" or model.get("end_of_word_suffix") != "</w>":
            raise ValueError(f"{path}: not a CLIP BPE tokenizer.json")
        merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in model["merges"]]
        tok = cls(merges, j["truncation"]["max_length"])
        if tok.vocab != model["vocab"]:
            raise ValueError(f"{path}: the vocabulary does not follow from the merges")
        return tok

    def save(self, path) -> None:
        Path(path).write_text(json.dumps(self.to_hf_json(), ensure_ascii=False) + "\n", encoding="utf-8")


def small_merges(corpus: Sequence[str], count: int) -> List[Tuple[str, str]]:
    """A small BPE merge list learnt from a corpus by our own code (most frequent adjacent pair first): the test
    vocabulary when the real bpe_simple_vocab_16e6.txt.gz is absent."""
    table = dict(byte_symbols())
    words: Dict[Tuple[str, ...], int] = {}
    for text in corpus:
        for p in pieces(normalize(text)):
            syms = [table[b] for b in p.encode("utf-8")]
            syms[-1] += "</w>"
            words[tuple(syms)] = words.get(tuple(syms), 0) + 1
    merges: List[Tuple[str, str]] = []
    seen = set()
    while len(merges) < count:
        counts: Dict[Tuple[str, str], int] = {}
        for w, n in words.items():
            for pair in zip(w, w[1:]):
                counts[pair] = counts.get(pair, 0) + n
        counts = {p: n for p, n in counts.items() if "".join(p) not in seen}
        if not counts:
            break
        best = max(sorted(counts), key=lambda p: counts[p])
        merges.append(best)
        seen.add("".join(best))
        new = {}
        for w, n in words.items():
            out, k = [], 0
            while k < len(w):
                if k + 1 < len(w) and (w[k], w[k + 1]) == best:
                    out.append(w[k] + w[k + 1]); k += 2
                else:
                    out.append(w[k]); k += 1
            new[tuple(out)] = new.get(tuple(out), 0) + n
        words = new
    return merges
