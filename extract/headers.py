"""Headers: match each printed column header to a schema field over bilingual synonyms.

A header often holds a Chinese and an English wording (``中位OS(月) Median OS (mo)``); each
is scored on its own and as a whole. Scores come from rapidfuzz on a normalised form (NFKC,
lower case, no spaces) and on jieba's segmentation in sorted order (so word order and
extra words weigh less). Figures must agree: ``3年生存率`` never matches a 5-year field.
Columns are then given fields one to one, best score first.

What a column holds counts as well as its words (``holds`` in the schema): a header match
whose cells do not fit the field at all is dropped (a ``年份`` column of ratings is no year),
and a column whose header matched nothing is given the one unmatched field its cells fit
(a remarks column headed ``预后因素`` holds long free text: it is ``notes``), at the lowest
score that counts as a match, so its values are less sure.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from functools import cache

import jieba
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .model import ColumnMatch
from .repair import normalise_vs, split_arms
from .schema import FieldSpec, Schema, load_data
from .text import HAN_CHAR, STUDY_CELL

jieba.setLogLevel(logging.WARNING)

# A bilingual header: the Chinese wording (up to its last hanzi and whatever is set close
# after it: ``三年OS``, ``中位OS (月)``), then the English one; or the Chinese part ends at
# its last hanzi (``中位生存时间Median OS, mo``). Both splits are tried.
LANG_SPLIT = (
    re.compile(r"^(.*[\u4e00-\u9fff][^\s]*(?:\s*[(（][^)）]*[)）])?)\s+([A-Za-z0-9].*)$"),
    re.compile(r"^(.*[\u4e00-\u9fff][^A-Za-z0-9]*?)\s*([A-Za-z0-9].*)$"),
)
DIGITS = re.compile(r"\d+")
ALTERNATIVES = re.compile(r"^[A-Za-z\u4e00-\u9fff .-]{2,}(?:/[A-Za-z\u4e00-\u9fff .-]{2,})+$")


UNIT = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]|/\s*%|%")
NOT_WORD = re.compile(r"[^\w]+")


CHINESE_NUMERAL = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "十": "10"}
COUNTED = re.compile(r"([一二两三四五十])(?=\s*年)")


def concept(text: str) -> str:
    """The header's words without units and brackets: ``随访时间(月)`` → ``随访时间``; a
    number of years written in hanzi as figures (``三年`` → ``3年``).

    Units are shared by unrelated columns (months for follow-up and for survival), so they
    must not make two headers look alike.
    """
    text = COUNTED.sub(lambda m: CHINESE_NUMERAL[m.group(1)], text)
    text = UNIT.sub(" ", unicodedata.normalize("NFKC", text)).lower()
    return NOT_WORD.sub(" ", text).strip()


def normalise(text: str) -> str:
    return concept(text).replace(" ", "")


def segmented(text: str) -> str:
    tokens = [t for t in jieba.lcut(concept(text)) if t.strip()]
    return " ".join(sorted(tokens))


def pieces(header: str) -> list[str]:
    """The header as a whole and, when bilingual, its Chinese and its English part; a part
    naming alternatives (``Trial/Author``, ``研究/注册号``) also each alternative."""
    out = [header.strip()]
    for split in LANG_SPLIT:  # each way of splitting is a candidate: the best piece counts
        m = split.match(header.strip())
        if m:
            out += [m.group(1).strip(), m.group(2).strip()]
    for piece in list(out):
        if ALTERNATIVES.match(piece):
            out += [part.strip() for part in piece.split("/")]
    return [p for p in out if p]


OF = re.compile(r"\s+(?:of|per|for|in)\s+", re.I)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


@cache
def head_phrases(header: str) -> frozenset[str]:
    """What each piece of a header names, less the words that qualify it: a phrase's last
    words in Chinese (``纳入研究`` is a study, ``研究地点`` a place, ``入组病例数`` a count)
    and in English before any ``of`` (``Included studies`` is a study, ``Number of
    patients`` a number, ``Study design`` a design). A header naming a field's synonym
    qualified by words the schema has never seen names that field."""
    out: set[str] = set()
    parts = pieces(header)
    for piece in parts[1:] or parts:  # a bilingual header's words, one language at a time
        text = OF.split(concept(piece))[0]
        if HAN_CHAR.search(text):
            tokens = [t for t in jieba.lcut(text.replace(" ", "")) if t.strip()]
        else:
            tokens = [_singular(t) for t in text.split()]
        out |= {"".join(tokens[-k:]) for k in range(1, len(tokens))}
    return frozenset(out)


SHORT = 8  # a word this short is only its near-identical spellings (Regimen is no Region)


def similarity(header: str, synonym: str) -> float:
    """0..100: how alike a header and a synonym are, over the header's pieces; figures must
    agree."""
    best = 0.0
    syn_digits = set(DIGITS.findall(concept(synonym)))
    for piece in pieces(header):
        if set(DIGITS.findall(concept(piece))) != syn_digits:
            continue
        a, b = normalise(piece), normalise(synonym)
        score = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(segmented(piece), segmented(synonym)))
        if a != b and max(len(a), len(b)) <= SHORT and Levenshtein.distance(a, b) > 1:
            score = min(score, 60.0)  # short words two edits apart are other words
        best = max(best, score)
    return best


YEAR_CELL = re.compile(r"^[(\[]?(?:19|20)\d\d[)\]]?$")
NUMBER_CELL = re.compile(r"^[<>≤≥~]?\d")
WHOLE_NUMBER = re.compile(r"^\d+$")  # a count, in each arm
UNIT_PART = re.compile(r"[(\[（【]\s*([^)\]）】]*?)\s*[)\]）】]|[,，]\s*([^\s,，]+)\s*$")
MISSING_CELL = re.compile(
    r"^[—–\-一－―‐=_~/]*$|^(?:NR|NA|N/A|未报告|未达到|未提及)$", re.IGNORECASE
)


def _width(text: str) -> int:
    """Length as printed: a hanzi is as wide as two Latin letters."""
    return len(text) + len(HAN_CHAR.findall(text))


def _missing(cell: str) -> bool:
    ongoing = load_data("repairs.toml")["study"]["ongoing"]
    return bool(MISSING_CELL.match(cell)) or any(re.search(p, cell, re.I) for p in ongoing)


@cache
def _treatment_names() -> frozenset[str]:
    return frozenset(n.upper() for n in load_data("repairs.toml")["treatment"]["names"])


@cache
def _territories() -> frozenset[str]:
    """Names of countries and regions as CLDR (shipped with babel) writes them in English and
    Chinese, and the last word of a longer English name (Korea of South Korea): what a
    country column holds, whatever its header says."""
    from babel import Locale

    names: set[str] = set()
    for locale in ("en", "zh", "zh_Hant"):
        for name in Locale.parse(locale).territories.values():
            names.add(name.lower())
            words = name.split()
            if len(words) > 1 and len(words[-1]) >= 4:
                names.add(words[-1].lower())
    return frozenset(names)


def _names_treatment(cell: str) -> bool:
    """Whether a cell names a treatment the vocabulary knows (``RFA``, ``HR+TACE vs. ST``)."""
    names = _treatment_names()
    return any(t.upper() in names for t in re.split(r"[\s+/,;()]+|vs\.?", cell) if t)


def _arms(cell: str) -> list[str]:
    """A cell's values, one per arm, without the arms that print a dash or "ongoing"
    (``— vs. 9.8`` holds one figure; ``— vs. —`` holds nothing)."""
    return [a for a in split_arms(normalise_vs(cell)[0]) if not _missing(a)]


def holds(cells: list[str]) -> dict[str, float]:
    """Share of a column's filled cells (some arm not a dash, not "ongoing") that look like
    a year, a number, long free text, a study. A multi-arm cell is judged by its arms'
    values: a survival column of ``— vs. 9.8`` cells holds numbers."""
    arms = {c: _arms(c) for c in (c.strip() for c in cells)}
    filled = [c for c in (c.strip() for c in cells) if arms[c]]
    if not filled:
        return {}
    n = len(filled)
    once = Counter(filled)
    # A few values, each printed again and again (Retrospective, Prospective, RCT): the
    # column names categories, a study design; remarks are free text, rarely repeated.
    few = load_data("layout.toml")["categories"]
    categories = len(once) <= few and n >= 2 * few

    def every(pattern: re.Pattern[str], cell: str) -> bool:
        return all(pattern.match(a) for a in arms[cell])

    return {
        "year": sum(1 for c in filled if every(YEAR_CELL, c)) / n,
        "number": sum(1 for c in filled if every(NUMBER_CELL, c)) / n,
        "long_text": 0.0
        if categories
        else sum(1 for c in filled if _width(c) >= 12 and not every(NUMBER_CELL, c)) / n,
        "study": sum(1 for c in filled if STUDY_CELL.search(c) and not every(NUMBER_CELL, c)) / n,
        "names": sum(1 for c in filled if not NUMBER_CELL.match(c) and once[c] == 1) / n,
        "count": sum(1 for c in filled if every(WHOLE_NUMBER, c)) / n,
        "treatment": sum(1 for c in filled if _names_treatment(c)) / n,
        "country": sum(1 for c in filled if c.lower() in _territories()) / n,
    }


def fits(kind: str | None, profile: dict[str, float], cfg: dict[str, float]) -> bool | None:
    """Whether cells of this profile can be the field's (None when there is nothing to tell)."""
    if kind is None or not profile:
        return None
    return profile[kind] >= cfg[kind]


def match_columns(
    header: list[str], schema: Schema, cells: list[list[str]] | None = None
) -> list[ColumnMatch]:
    """One ColumnMatch per column; ``field`` is None where no field fits well enough.

    ``cells`` are each column's body texts, when known: they veto and complete the match.
    """
    layout = load_data("layout.toml")
    threshold, cfg = layout["header_match"], layout["holds"]
    profiles = [holds(c) for c in cells] if cells else [{} for _ in header]
    scores = []
    for col, text in enumerate(header):
        for spec in schema.matchable:
            s = max((similarity(text, syn) for syn in spec.synonyms), default=0.0)
            if s < threshold and _heads(text, spec) and _fits_named(spec, profiles[col]):
                s = float(threshold)  # a known word, qualified: 纳入研究, Included studies
            if s >= threshold and fits(spec.holds, profiles[col], cfg["veto"]) is not False:
                scores.append((s, col, spec.name))
    taken_cols: dict[int, tuple[str, float]] = {}
    taken_fields: set[str] = set()
    for s, col, name in sorted(scores, key=lambda t: (-t[0], t[1])):
        if col in taken_cols or name in taken_fields:
            continue
        taken_cols[col] = (name, s)
        taken_fields.add(name)
    for spec in schema.matchable:
        if spec.name in taken_fields or spec.holds is None:
            continue
        free = [c for c in range(len(header)) if c not in taken_cols]
        fitting = [c for c in free if fits(spec.holds, profiles[c], cfg["fill"])]
        if not fitting and spec.holds in cfg["fill_alone"]:
            texts = [c for c in free if _holds_text(profiles[c])]
            if len(texts) == 1 and fits(spec.holds, profiles[texts[0]], cfg["fill_alone"]):
                fitting = texts
        rivals = [f for f in schema.matchable if f.holds == spec.holds and f.name != spec.name]
        if len(fitting) == 1 and not rivals:
            taken_cols[fitting[0]] = (spec.name, float(threshold))
            taken_fields.add(spec.name)
    _fill_by_unit(header, schema, profiles, taken_cols, float(threshold))
    return [
        ColumnMatch(col, text, *taken_cols.get(col, (None, 0.0))) for col, text in enumerate(header)
    ]


def _holds_text(profile: dict[str, float]) -> bool:
    """Whether a column holds words: most of its filled cells are no figures and no years."""
    return bool(profile) and profile["number"] < 0.5 and profile["year"] < 0.5


def _fits_named(spec: FieldSpec, profile: dict[str, float]) -> bool:
    """Whether a column whose header only names the field's word, among others, holds what
    the field holds: ``Tumour location`` is no country. Studies are told by the header and by
    names each printed once (bare surnames cite nothing)."""
    fill = load_data("layout.toml")["holds"]["fill"]
    if spec.holds is None or not profile:
        return True
    return profile[spec.holds] >= fill[spec.holds] or (
        spec.holds == "study" and profile["names"] >= fill[spec.holds]
    )


def _heads(header: str, spec: FieldSpec) -> bool:
    heads = head_phrases(header)
    words = (normalise(syn) for syn in spec.synonyms)
    return any(w in heads or _singular(w) in heads for w in words if len(w) >= 2)


def header_units(text: str) -> set[str]:
    """The kinds of unit a header names (``layout.toml`` ``[units]``): ``mOS (months)`` →
    months, ``3年OS率(%)`` → percent, ``病例数(例)`` → count."""
    words = load_data("layout.toml")["units"]
    found = {"percent"} if "%" in text else set()
    for m in UNIT_PART.finditer(unicodedata.normalize("NFKC", text)):
        inner = (m.group(1) or m.group(2) or "").strip().lower()
        found |= {kind for kind, names in words.items() if inner in names}
    return found


def field_digits(spec: FieldSpec) -> set[str]:
    """The figures every wording of a field carries (3 for a 3-year rate)."""
    sets = [set(DIGITS.findall(concept(s))) for s in spec.synonyms]
    return set.intersection(*sets) if sets else set()


def _resembles(text: str, spec: FieldSpec, floor_name: str = "unit_match") -> bool:
    """Some likeness of words, short of a match: enough, with the unit or the figures, to
    tell ``mOS (months)`` from ``Follow-up (mo)``."""
    floor = load_data("layout.toml")[floor_name]
    return max((similarity(text, syn) for syn in spec.synonyms), default=0.0) >= floor


def _fill_by_unit(
    header: list[str],
    schema: Schema,
    profiles: list[dict[str, float]],
    taken: dict[int, tuple[str, float]],
    score: float,
) -> None:
    """Columns whose words matched no field, given a field by the unit their header names
    (or the figures it carries: the 3 of a 3-year rate) with some likeness of words, and the
    figures they hold, when exactly one unmatched field and one column fit."""
    cfg = load_data("layout.toml")["holds"]
    named = {name for name, _ in taken.values()}
    open_fields = [f for f in schema.matchable if f.unit and f.name not in named]
    free = [c for c in range(len(header)) if c not in taken]
    options: dict[str, list[int]] = {}
    for spec in open_fields:
        digits = field_digits(spec)
        options[spec.name] = [
            c
            for c in free
            if set(DIGITS.findall(concept(header[c]))) == digits
            and profiles[c].get("number", 0.0) >= cfg["veto"]["number"]
            and (
                (spec.unit in header_units(header[c]) and _resembles(header[c], spec))
                or (digits and _resembles(header[c], spec, "figure_match"))  # 5年存活率
                or (
                    spec.unit == "count"
                    and not header_units(header[c])
                    and profiles[c].get("count", 0.0) >= cfg["fill"]["count"]
                )
            )
        ]
    for name, cols in options.items():
        claimed = [c for c in cols if sum(c in other for other in options.values()) == 1]
        if len(cols) == 1 and claimed:
            taken[cols[0]] = (name, score)


def is_study_table(matches: list[ColumnMatch], schema: Schema) -> bool:
    """Whether the table's columns identify studies and carry what was measured on them
    (``[study_table]`` in the schema); a schema without that rule takes every table."""
    rule = schema.study_table
    found = {m.field for m in matches if m.field is not None}
    identifies = not rule.identify or bool(found & set(rule.identify))
    measures = not rule.measure or bool(found & set(rule.measure))
    return identifies and measures
