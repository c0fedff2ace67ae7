"""Hard negative captions for the encoder's contrastive training (in the spirit of NegCLIP, Yuksekgonul et al.
2023): for each caption, captions that differ from it in ONE finding.

Why: the phantom's captions are nearly all distinct (1 059 of 1 074), so a batch is told apart by coarse cues
(brackets, shade, bite) and the contrastive loss saturates (0.03) before the image embedding carries the small
findings; a linear probe on 0.2.2's front embeddings read crowns at 0.80, missing teeth 0.75, stains 0.60.
A caption that lacks exactly one finding of the photo, or names the other side, arch or material, can only be
ruled out by an image embedding that carries that finding.

Captions are the phantom's (Captions.java): findings joined with ", "."""
from __future__ import annotations

import re
from typing import List

SEPARATOR = ", "

# Words whose exchange turns a true finding into a false one of the same kind.
SWAPS = {"left": "right", "right": "left", "upper": "lower", "lower": "upper", "metal": "ceramic",
         "ceramic": "metal", "deep": "open", "open": "deep", "first": "second", "second": "first"}
_SWAP_WORD = re.compile(r"\b(" + "|".join(SWAPS) + r")\b")


def findings(caption: str) -> List[str]:
    return [f for f in caption.split(SEPARATOR) if f]


def without_one_finding(caption: str, rng) -> str:
    """The caption with one finding left out; '' when it has a single finding (nothing would be left)."""
    parts = findings(caption)
    if len(parts) < 2:
        return ""
    drop = int(rng.integers(len(parts)))
    return SEPARATOR.join(p for i, p in enumerate(parts) if i != drop)


def with_one_word_swapped(caption: str, rng) -> str:
    """The caption with one side/arch/material/bite/tooth word exchanged (left->right, metal->ceramic, ...);
    '' when it has none."""
    hits = list(_SWAP_WORD.finditer(caption))
    if not hits:
        return ""
    m = hits[int(rng.integers(len(hits)))]
    return caption[:m.start()] + SWAPS[m.group(1)] + caption[m.end():]


def hard_negatives(caption: str, count: int, rng) -> List[str]:
    """``count`` captions that contradict ``caption`` in one finding, alternating the two kinds; a kind that does
    not apply falls back to the other, and '' (the empty caption, matching no photo better than any other) is the
    last resort. Never returns the caption itself."""
    makers = (without_one_finding, with_one_word_swapped)
    out = []
    for i in range(count):
        neg = ""
        for make in (makers[i % 2], makers[(i + 1) % 2]):
            neg = make(caption, rng)
            if neg and neg != caption:
                break
            neg = ""
        out.append(neg)
    return out


def negative_batch(captions, count: int, rng) -> List[str]:
    """[len(captions) * count] negatives, caption-major."""
    return [n for c in captions for n in hard_negatives(str(c), count, rng)]
