"""A second opinion: the words one engine read unsurely, read again by another engine.

An engine is sure of many of its slips (``Kova&`` for ``Kovač`` at 0.97), so its own score
says little about which OCR'd values a curator must look at. A second engine trained apart
seldom makes the same slip: where the two read a word alike it is likely right, where they
differ a person should look (review.csv: "Tesseract reads 38, RapidOCR 36"). Only words
under ``weak`` are read again, their crops stacked on one sheet and read in one call per
page, so the cost stays small. What the second engine reads is kept beside the word, and
put in its place only where it fills in glyphs the first lost (``fills_in``): the first
engine reads these pages better as a whole (``ocr.toml``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Any

from .engines import get_engine
from .imaging import Prepared, stacked
from .model import Word

# Marks two engines print differently for one glyph: spaces, dashes, quotes, stops and commas
# (not a decimal point or a thousands comma between figures: a figure read without one is
# another value)
LOOSE = re.compile(r"[\s\u2010-\u2015\-–—_'‘’`\"“”，。:：;；]|(?<!\d)[.,]|[.,](?!\d)")


def second_opinion(
    words: list[Word], prepared: Prepared, cfg: dict[str, Any], engine_name: str
) -> list[Word]:
    """The words, each one read under ``weak`` with how ``cfg["engine"]`` reads its crop
    (``Word.second``; empty when it reads nothing there). Boxes in pixels of ``prepared``."""
    if not cfg["enabled"] or cfg["engine"] == engine_name or not words:
        return words
    weak = sorted(
        (i for i, w in enumerate(words) if w.confidence < cfg["weak"] and w.text.strip()),
        key=lambda i: words[i].confidence,
    )[: cfg["max_words"]]
    if not weak:
        return words
    pad = max(1, round(cfg["pad"] * prepared.unit))
    sheet, placed = stacked(prepared.grey, [words[i].box for i in weak], pad)
    read: dict[int, list[Word]] = {}
    for w in get_engine(cfg["engine"]).read(sheet):
        mid = w.box.y_mid
        row = next((r for r, (top, _, _, h) in enumerate(placed) if top <= mid < top + h), None)
        if row is not None:
            read.setdefault(row, []).append(w)
    out = list(words)
    for row, i in enumerate(weak):
        theirs = " ".join(w.text for w in sorted(read.get(row, []), key=lambda w: w.box.x0))
        own = words[i]
        taken = own.confidence < cfg["fills_in_below"] and fills_in(own.text, theirs, cfg)
        out[i] = replace(own, text=theirs if taken else own.text, second=theirs)
    return out


def fills_in(own: str, theirs: str, cfg: dict[str, Any]) -> bool:
    """Whether the second reading is the first with glyphs it lost put back: every glyph of
    the first stands in it in order, the glyphs it adds are letters or stops (``fills_in``),
    a letter among them and none before or after the first's, and each of its words holds a
    glyph of the first. An engine unsure of a word it read short (``Pieper,tal``,
    ``rection;suitablefr``) was right about the glyphs it kept; what a second engine makes
    of a speck or a neighbour's edge is a word or a letter of its own (``al. oe``, ``tal.``),
    a bar, a bracket or a lone comma, never taken."""
    if sum(c.isalpha() for c in own) < 2:
        return False
    kept = own.replace(" ", "")
    blocks = SequenceMatcher(None, kept, theirs, autojunk=False).get_matching_blocks()
    if sum(b.size for b in blocks) < len(kept):
        return False
    matched = {b.b + k for b in blocks for k in range(b.size)}
    added = [c for i, c in enumerate(theirs) if i not in matched and not c.isspace()]
    # letters only inside: one before or after the word is the neighbour's, read in the
    # crop's margin (``et al.`` read again as ``tal.``, ``OS`` as ``OSs``)
    outside = [c for i, c in enumerate(theirs) if i < min(matched) or i > max(matched)]
    return (
        any(c.isalpha() for c in added)  # a mark alone is as likely a speck
        and not any(c.isalpha() for c in outside)
        and all(re.fullmatch(cfg["fills_in"], c) for c in added)
        and all(matched & set(range(m.start(), m.end())) for m in re.finditer(r"\S+", theirs))
    )


def agree(own: str, theirs: str) -> bool:
    """Whether two readings of one word say the same, apart from what engines print
    differently for the same ink: width forms, case, accents, spaces, dashes and stops."""
    return _plain(own) == _plain(theirs)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return LOOSE.sub("", letters).casefold()


def rereads(words: list[Word]) -> list[tuple[str, str]]:
    """(first reading, second reading) of each of the words read again."""
    return [(w.text, w.second) for w in words if w.second is not None]


def differing(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(own, theirs) for own, theirs in pairs if not agree(own, theirs)]
