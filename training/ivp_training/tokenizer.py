"""Word-level tokenizer written as a HuggingFace ``tokenizer.json`` and re-implemented exactly in Python.

Algorithm (must match the Rust ``tokenizers`` library used by DJL on the Java side):
  1. normalizer ``Lowercase``  (str.lower())
  2. pre-tokenizer ``Whitespace``: regex ``\\w+|[^\\w\\s]+``
  3. model ``WordLevel``: token -> id, unknown -> [UNK]
  4. truncation to ``context - 2`` content tokens (right side), so [EOS] is always kept
  5. post-processor ``TemplateProcessing``: [SOS] $A [EOS]
  6. padding (right) with [PAD]=0 to exactly ``context`` ids
"""
from __future__ import annotations

import json
import re
from typing import Dict, Iterable, List, Sequence

PAD, UNK, SOS, EOS = "[PAD]", "[UNK]", "[SOS]", "[EOS]"
SPECIALS = [PAD, UNK, SOS, EOS]
PAD_ID, UNK_ID, SOS_ID, EOS_ID = 0, 1, 2, 3

_PRE = re.compile(r"\w+|[^\w\s]+")

# Common clinical / dental words added to the caption vocabulary so that free-text prompts work.
CLINICAL_WORDS = """
a an the and or of with without in on at to from by for no not mild moderate severe slight marked
tooth teeth dental dentition incisor incisors canine canines premolar premolars molar molars
upper lower left right front frontal anterior posterior buccal lingual labial occlusal palatal
maxillary mandibular maxilla mandible arch arches jaw jaws bite overbite underbite openbite open
crossbite overjet crowding crowded spacing spaced gap gaps diastema midline shift shifted rotated
rotation tipped tilted proclined retroclined intruded extruded missing extracted extraction
gum gums gingiva gingival gingivitis inflamed inflammation recession healthy pink red swollen
plaque calculus tartar stain stained staining discolored discoloration white yellow yellowish
bright dark shade enamel brace braces bracket brackets wire aligner aligners retainer
orthodontic orthodontics treatment before after stage progress start end final initial
narrow wide broad large small big short long tall round square straight aligned misaligned
photo photograph intraoral view patient smile lips lip cheek retractor retractors mirror
class i ii iii one two three four normal ideal good poor light lighting flash bright dim
mildly moderately severely absent generalised fixed appliance metal ceramic clear gold crown crowns
caries spots carious lesion lesions deep reverse increased ivory natural slightly stains brown near well
during is are several visible has shows side sides central lateral first second
""".split()

_SPECIAL_IDS = {PAD: PAD_ID, UNK: UNK_ID, SOS: SOS_ID, EOS: EOS_ID}
_SPECIAL_SPLIT = re.compile("(" + "|".join(re.escape(t) for t in SPECIALS) + ")")

PUNCT = [".", ",", ";", ":", "-", "(", ")", "/", "%", "'", "+", "!", "?", "&"]


def normalize(text: str) -> str:
    return text.lower()


def pre_tokenize(text: str) -> List[str]:
    return _PRE.findall(text)


def build_vocab(captions: Iterable[str], extra: Sequence[str] = CLINICAL_WORDS) -> Dict[str, int]:
    words = set()
    for cap in captions:
        words.update(pre_tokenize(normalize(cap)))
    words.update(normalize(w) for w in extra)
    words.update(PUNCT)
    vocab = {tok: i for i, tok in enumerate(SPECIALS)}
    for w in sorted(words):
        if w not in vocab:
            vocab[w] = len(vocab)
    return vocab


class Tokenizer:
    def __init__(self, vocab: Dict[str, int], context: int = 32):
        self.vocab = dict(vocab)
        self.context = int(context)
        for i, s in enumerate(SPECIALS):
            if self.vocab.get(s) != i:
                raise ValueError(f"special token {s} must have id {i}")

    @property
    def vocab_size(self) -> int:
        return max(self.vocab.values()) + 1

    def encode(self, text: str) -> List[int]:
        # Like the Rust AddedVocabulary: exact (case-sensitive, non-normalised) occurrences of the special
        # tokens are split out of the raw text first; the rest is normalised and pre-tokenised.
        ids: List[int] = []
        for seg in _SPECIAL_SPLIT.split(text):
            if seg in _SPECIAL_IDS:
                ids.append(_SPECIAL_IDS[seg])
            elif seg:
                ids.extend(self.vocab.get(t, UNK_ID) for t in pre_tokenize(normalize(seg)))
        ids = ids[: self.context - 2]
        ids = [SOS_ID] + ids + [EOS_ID]
        return ids + [PAD_ID] * (self.context - len(ids))

    def encode_batch(self, texts: Sequence[str]) -> List[List[int]]:
        return [self.encode(t) for t in texts]

    # ---- HuggingFace tokenizer.json ------------------------------------------------------------
    def to_hf_json(self) -> dict:
        def added(i, s):
            return {"id": i, "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                    "normalized": False, "special": True}
        return {
            "version": "1.0",
            "truncation": {"direction": "Right", "max_length": self.context, "strategy": "LongestFirst", "stride": 0},
            "padding": {"strategy": {"Fixed": self.context}, "direction": "Right", "pad_to_multiple_of": None,
                        "pad_id": PAD_ID, "pad_type_id": 0, "pad_token": PAD},
            "added_tokens": [added(i, s) for i, s in enumerate(SPECIALS)],
            "normalizer": {"type": "Lowercase"},
            "pre_tokenizer": {"type": "Whitespace"},
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": SOS, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                           {"SpecialToken": {"id": EOS, "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": SOS, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                         {"SpecialToken": {"id": EOS, "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                         {"SpecialToken": {"id": EOS, "type_id": 1}}],
                "special_tokens": {
                    SOS: {"id": SOS, "ids": [SOS_ID], "tokens": [SOS]},
                    EOS: {"id": EOS, "ids": [EOS_ID], "tokens": [EOS]},
                },
            },
            "decoder": None,
            "model": {"type": "WordLevel", "vocab": self.vocab, "unk_token": UNK},
        }

    def save(self, path) -> None:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.to_hf_json(), f, ensure_ascii=False, indent=1, sort_keys=False)
            f.write("\n")

    @classmethod
    def load(cls, path) -> "Tokenizer":
        with open(path, encoding="utf-8") as f:
            j = json.load(f)
        if j.get("model", {}).get("type") != "WordLevel":
            raise ValueError("tokenizer.json: only WordLevel model is supported")
        if j.get("normalizer", {}).get("type") != "Lowercase" or j.get("pre_tokenizer", {}).get("type") != "Whitespace":
            raise ValueError("tokenizer.json: expected Lowercase normalizer and Whitespace pre-tokenizer")
        ctx = j["truncation"]["max_length"]
        return cls(j["model"]["vocab"], ctx)


# Odd cases that every golden tokenizer vector file must include.
GOLDEN_TEXTS = [
    "",
    "upper teeth",
    "UPPER Teeth, Mild Crowding.",
    "  spaces\tand\nnewlines   everywhere  ",
    "gingivitis!!! (severe) -- 50% plaque; re-check 2x",
    "zyxxy unknownword qwerty teeth",
    "don't over-brush: it's bad",
    "Café crème brûlée",
    "teeth [EOS] gums [PAD][unk] [SOS]x",
    " ".join(["teeth"] * 40),
    "moderate crowding of the lower incisors with mild gingival inflammation and yellowish staining "
    "on the upper canines, narrow upper arch, deep overbite and a small midline diastema before orthodontic treatment",
]
