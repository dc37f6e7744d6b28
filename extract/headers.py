"""Headers: match each printed column header to a schema field over bilingual synonyms.

A header often holds a Chinese and an English wording (``中位OS(月) Median OS (mo)``); each
is scored on its own and as a whole. Scores come from rapidfuzz on a normalised form (NFKC,
lower case, no spaces) and on jieba's segmentation in sorted order (so word order and
extra words weigh less). Figures must agree: ``3年生存率`` never matches a 5-year field.
Columns are then given fields one to one, best score first.
"""

from __future__ import annotations

import logging
import re
import unicodedata

import jieba
from rapidfuzz import fuzz

from .model import ColumnMatch
from .schema import Schema, load_data

jieba.setLogLevel(logging.WARNING)

LANG_SPLIT = re.compile(r"^(.*[\u4e00-\u9fff][^A-Za-z0-9]*?)\s*([A-Za-z0-9].*)$")
DIGITS = re.compile(r"\d+")


UNIT = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]|/\s*%|%")
NOT_WORD = re.compile(r"[^\w]+")


def concept(text: str) -> str:
    """The header's words without units and brackets: ``随访时间(月)`` → ``随访时间``.

    Units are shared by unrelated columns (months for follow-up and for survival), so they
    must not make two headers look alike.
    """
    text = UNIT.sub(" ", unicodedata.normalize("NFKC", text)).lower()
    return NOT_WORD.sub(" ", text).strip()


def normalise(text: str) -> str:
    return concept(text).replace(" ", "")


def segmented(text: str) -> str:
    tokens = [t for t in jieba.lcut(concept(text)) if t.strip()]
    return " ".join(sorted(tokens))


def pieces(header: str) -> list[str]:
    """The header as a whole and, when bilingual, its Chinese and its English part."""
    out = [header.strip()]
    m = LANG_SPLIT.match(header.strip())
    if m:
        out += [m.group(1).strip(), m.group(2).strip()]
    return [p for p in out if p]


def similarity(header: str, synonym: str) -> float:
    best = 0.0
    syn_digits = set(DIGITS.findall(synonym))
    for piece in pieces(header):
        if set(DIGITS.findall(piece)) != syn_digits:
            continue
        score = max(
            fuzz.ratio(normalise(piece), normalise(synonym)),
            fuzz.token_sort_ratio(segmented(piece), segmented(synonym)),
        )
        best = max(best, score)
    return best


def match_columns(header: list[str], schema: Schema) -> list[ColumnMatch]:
    """One ColumnMatch per column; ``field`` is None where no field fits well enough."""
    threshold = load_data("layout.toml")["header_match"]
    scores = []
    for col, text in enumerate(header):
        for spec in schema.matchable:
            s = max((similarity(text, syn) for syn in spec.synonyms), default=0.0)
            if s >= threshold:
                scores.append((s, col, spec.name))
    taken_cols: dict[int, tuple[str, float]] = {}
    taken_fields: set[str] = set()
    for s, col, name in sorted(scores, key=lambda t: (-t[0], t[1])):
        if col in taken_cols or name in taken_fields:
            continue
        taken_cols[col] = (name, s)
        taken_fields.add(name)
    return [
        ColumnMatch(col, text, *taken_cols.get(col, (None, 0.0))) for col, text in enumerate(header)
    ]
