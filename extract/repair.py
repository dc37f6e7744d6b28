"""Repair: turn the cells of one table row into one record per study arm.

What old OCR layers and engines do to table cells is data (``data/repairs.toml``); this
module holds the mechanisms:

- ``vs.`` misread as ``ws.``, ``us.``, ``0s.``, ``1s.``, ``/s`` or glued to its neighbours;
- a cell of only a dash (``—``, ``–``, ``-``, ``一``, ``=``) means missing, never 0;
- ``23.8±5.8`` (or the ``23.8+5.8`` OCR makes of it) is 23.8 with the spread flagged, and
  ``42 (27.2–58.9)`` or ``9 [95% CI 7.4-10.9]`` is the value without its interval;
- a lost decimal point (a 335-month median, a 493% rate) is restored only when the literal
  reading breaks the field's valid range, and always flagged;
- multi-arm cells split on ``vs.``; a single value in a split row is shared by every arm and
  flagged; the study cell yields first author, citation number and trial registry id.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .model import Cell, ColumnMatch, Field, Record
from .schema import FieldSpec, Schema, load_data
from .text import HAN
from .validate import in_range

NUMBER = re.compile(r"^[<>≤≥]?\s*(\d+(?:\.\d+)?)$")
SPREAD = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:±|\+/-|\+|士)\s*(\d+(?:\.\d+)?)$")
# A value with its interval or range in brackets after it: ``42 (27.2–58.9)``,
# ``9 [95% CI 7.4-10.9]``, ``54（范围12~80）``.
INTERVAL = re.compile(r"^(\d+(?:\.\d+)?)\s*[(\[（［][^)\]）］]*\d[^)\]）］]*[)\]）］]$")
# ... whose closing bracket OCR read as a figure or lost (``72.0 [95% CI 64.7-80.11``)
UNCLOSED = re.compile(r"^(\d+(?:\.\d+)?)\s*[(\[（［][^)\]）］]*\d[^)\]）］]*$")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
REF = re.compile(r"[\[［(（]\s*(\d(?:\s?\d)*)(?:\s*[,，\-–~]\s*\d+)*\s*[\]］)）]\s*$")
ARM_SPLIT = re.compile(r"\s*\bvs\.\s*")
# ``vs`` as a word of its own however printed (``vs``, ``VS.``, ``Vs``): where a table's
# separator is counted and where a line ends in one.
VS_WORD = r"[Vv][Ss]\.?"
# A citation set as a superscript reads as figures run into the name: ``Costa et al.13``,
# ``He48``, ``王建国等12`` (names do not end in figures).
MARKER = re.compile(r"(?<=[A-Za-z\u00c0-\u024f.\u4e00-\u9fff])\s?(\d{1,3})\s*$")


@dataclass
class Value:
    """A value while it is being repaired: what was read and what was done to it."""

    value: Any
    raw: str
    repairs: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@cache
def tables() -> dict[str, Any]:
    return load_data("repairs.toml")


def _nfkc(text: str) -> str:
    # NFKC folds full-width digits and brackets; keep dashes that NFKC would not change anyway.
    return unicodedata.normalize("NFKC", text).strip()


def normalise_vs(text: str) -> tuple[str, list[str]]:
    """Every reading of ``vs.`` becomes `` vs. ``."""
    out = text
    for rule in tables()["vs"]:
        out = re.sub(rule["pattern"], rule["replace"], out)
    out = re.sub(r"\s+", " ", out).strip()
    changed = re.sub(r"\s+", "", out) != re.sub(r"\s+", "", text)
    return out, (["vs_normalised"] if changed else [])


def is_missing(text: str) -> bool:
    """An empty cell, a missing mark, or a run of dashes as printed or as OCR reads one."""
    t = text.strip()
    return not t or t in tables()["missing"] or bool(_dash_run().fullmatch(t))


@cache
def _dash_run() -> re.Pattern[str]:
    glyphs = load_data("layout.toml")["dash_glyphs"] + tables()["dash_readings"]
    return re.compile(f"[{re.escape(''.join(glyphs))}]+")


def _missing(v: Value, text: str) -> bool:
    """Whether the cell is empty or a dash; a dash is recorded as the repair it took."""
    if not is_missing(text):
        return False
    if text:
        v.repairs.append("dash_to_missing")
    return True


def split_arms(text: str) -> list[str]:
    """``69 vs. 98`` → ``["69", "98"]``; a cell without ``vs.`` is one part."""
    return [p.strip() for p in ARM_SPLIT.split(text.strip())] if text.strip() else [""]


def parse_number(raw: str, spec: FieldSpec) -> Value:
    """A numeric cell part → number, with the repairs that reading it took."""
    v = Value(None, raw)
    text = _nfkc(raw)
    if _missing(v, text):
        return v
    if text.endswith("%"):
        text = text[:-1].strip()
        v.repairs.append("percent_removed")
    text = re.sub(r"(?<=\d)\s*[.,·]\s*(?=\d)", ".", text)
    m = INTERVAL.match(text)
    if m:
        text = m.group(1)
        v.repairs.append("interval_removed")
    elif m := UNCLOSED.match(text):
        text = m.group(1)
        v.repairs.append("interval_unclosed")
    m = SPREAD.match(text)
    if m:
        text = m.group(1)
        v.repairs.append("spread_removed")
        v.flags.append("spread_reported")
    if not NUMBER.match(text):
        fixed = "".join(tables()["digit_confusions"].get(ch, ch) for ch in text)
        if NUMBER.match(fixed):
            text = fixed
            v.repairs.append("digit_confused")
    m = NUMBER.match(text)
    if not m:
        v.flags.append("unparseable")
        return v
    digits = m.group(1)
    number = float(digits)
    if not in_range(number, spec):
        restored = restore_decimal(digits, spec)
        if restored is not None:
            number = restored
            v.repairs.append("decimal_restored")
            v.flags.append("decimal_restored")
    if spec.type == "int":
        if number != int(number):  # a count printed with a fraction: the cell is not a count
            v.flags.append("not_integer")
            return v  # no value (the integer column cannot hold it); the raw text stays
        v.value = int(number)
    else:
        v.value = number
    return v


def restore_decimal(digits: str, spec: FieldSpec) -> float | None:
    """Put back a decimal point OCR lost, at the rightmost place that makes the value valid.

    Only whole numbers of three or more digits qualify: ``335`` → 33.5, ``5454`` → 54.54.
    """
    if "." in digits or len(digits) < 3 or spec.type == "int":
        return None
    for places in range(1, len(digits) - 1):
        candidate = float(digits[:-places] + "." + digits[-places:])
        if in_range(candidate, spec):
            return candidate
    return None


def parse_year(raw: str) -> Value:
    v = Value(None, raw)
    text = _nfkc(raw)
    if _missing(v, text):
        return v
    if any(re.search(p, text, re.IGNORECASE) for p in tables()["study"]["ongoing"]):
        v.repairs.append("ongoing_to_missing")
        return v
    m = YEAR.search(text)
    if m:
        v.value = int(m.group(1))
        if m.group(0) != text:
            v.repairs.append("whitespace")
    else:
        v.flags.append("unparseable")
    return v


def parse_study(raw: str) -> dict[str, Value]:
    """``Sabol, 等[22]`` → study Sabol, ref 22 (also ``Sabol et al.22``, a superscript marker
    run into the name); ``NCT04079049`` → registry id."""
    text = _nfkc(raw)
    study, ref, reg = Value(None, raw), Value(None, raw), Value(None, raw)
    for pattern in tables()["registry"]["patterns"]:
        m = re.search(pattern, text)
        if m:
            reg.value = m.group(0).replace(" ", "")
            reg.repairs.append("registry_parsed")
            text = text[: m.start()] + text[m.end() :]
            break
    m = REF.search(text) or MARKER.search(text)
    if m:
        ref.value = int(m.group(1).replace(" ", ""))
        ref.repairs.append("ref_parsed")
        text = text[: m.start()]
    for pattern in tables()["study"]["et_al"]:
        new = re.sub(r"[,，]?\s*" + pattern + r"\s*$", "", text.strip(), flags=re.IGNORECASE)
        if new != text.strip():
            study.repairs.append("et_al_removed")
            text = new
            break
    # marks that part a name from what follows it; a name ends in no quote (a speck read)
    text = text.strip(" ,，;；:：.．").rstrip("'’‘`").rstrip()
    if text and not is_missing(text):
        study.value = text
    return {"study": study, "ref": ref, "registry_id": reg}


def normalise_treatment(raw: str, exact: bool = True) -> Value:
    """Close up stray spaces in treatment names: ``MW A`` → ``MWA``, ``SBRT+ ST`` → ``SBRT+ST``.

    Only an ``exact`` reading is safe from the vocabulary: a text-layer token or a confident
    OCR word is what was printed (``WBRT`` is not a misread ``SBRT``), so known names are
    used to undo OCR damage only in words the engine was unsure of."""
    v = Value(None, raw)
    text = _nfkc(raw)
    if _missing(v, text):
        return v
    text = re.sub(r"\s*([+/])\s*", r"\1", text)
    names = set(tables()["treatment"]["names"])
    parts = re.split(r"([+/])", text)
    out = []
    for part in parts:
        closed = part.replace(" ", "")
        # A stray lower-case glyph beside a name (``/s SBRT``: a slash read twice) goes.
        trimmed = re.sub(r"^[a-z]\s+|\s+[a-z]$", "", part)
        if part != closed and closed.upper() in names:
            v.repairs.append("treatment_joined")
            part = closed.upper()
        elif exact:
            pass  # printed as it is: unknown names pass through
        elif trimmed != part and trimmed in names:
            v.repairs.append("treatment_joined")
            part = trimmed
        elif part not in "+/" and part not in names and (near := _resembled_name(part, names)):
            v.repairs.append("treatment_corrected")
            part = near
        out.append(part)
    v.value = "".join(out).strip()
    return v


def _resembled_name(part: str, names: set[str]) -> str | None:
    """The one known treatment name an OCR-damaged part resembles (``LIIT`` → ``LITT``):
    close in spelling, and apart only by glyphs an engine confuses (``I`` for ``T``; never
    ``W`` for ``S``: ``WBRT`` is a name of its own, not a misread ``SBRT``)."""
    if not re.fullmatch(r"[A-Za-z]{3,}", part):
        return None
    cfg = tables()["treatment"]
    close = [
        n
        for n in names
        if len(n) >= 3
        and fuzz.ratio(part.upper(), n) >= cfg["resembles"]
        and _confusable(part.upper(), n, cfg)
    ]
    return close[0] if len(close) == 1 else None


def _confusable(read: str, name: str, cfg: dict[str, Any]) -> bool:
    """Whether every edit from ``read`` to ``name`` is a known confusion: a glyph read as
    one of like shape, or a thin glyph read twice or missed."""
    pairs = {frozenset(p) for p in cfg["confusable"]}
    for edit in Levenshtein.editops(read, name):
        op, i, j = edit.tag, edit.src_pos, edit.dest_pos
        if op == "replace" and frozenset((read[i], name[j])) not in pairs:
            return False
        if op == "delete" and read[i] not in cfg["thin"]:
            return False
        if op == "insert" and name[j] not in cfg["thin"]:
            return False
    return True


def parse_text(raw: str) -> Value:
    text = re.sub(r"\s+", " ", raw).strip()
    v = Value(None, raw)
    if not _missing(v, text):
        v.value = text
    return v


def parse_value(raw: str, spec: FieldSpec, exact: bool = True) -> Value:
    if spec.name == "year":
        return parse_year(raw)
    if spec.name == "treatment":
        return normalise_treatment(raw, exact)
    if spec.numeric:
        return parse_number(raw, spec)
    return parse_text(raw)


@cache
def confidence_table() -> dict[str, Any]:
    return load_data("confidence.toml")


def calibrated(reader: float, source: str, numeric: bool) -> float:
    """What an engine's score means as a probability of a right value, from the points
    measured on the fixtures (``[calibration.<engine>]`` in confidence.toml); a source with
    no calibration keeps its score."""
    if not source.startswith("ocr:"):
        return reader
    engine = source.removeprefix("ocr:")
    points = confidence_table().get("calibration", {}).get(engine, {})
    points = points.get("numeric" if numeric else "text")
    if not points:
        return reader
    xs, ys = zip(*points, strict=True)
    return float(np.interp(reader, xs, ys))


def confidence_of(
    reader: float, header_score: float, v: Value, source: str = "text_layer", numeric: bool = False
) -> float:
    """A value's confidence from how it was read and what it took to repair it."""
    c = confidence_table()
    conf = calibrated(reader, source, numeric) * c["read"]
    if header_score < c["strong_header"]:
        conf *= c["weak_header"]
    for r in v.repairs:
        conf *= c["repair"].get(r, 0.9)
    for f in v.flags:
        conf *= c["flag"].get(f, 0.9)
    return round(conf, 4)


def repair_row(
    cells: list[Cell],
    matches: list[ColumnMatch],
    schema: Schema,
    table: str,
    row: int,
    row_page: int = 1,
    doubts: list[str] | None = None,
) -> list[Record]:
    """One table row → one Record per arm; ``row_page`` is the page the row starts on;
    ``doubts`` are what the layout left in doubt about the row, flags on each value read."""
    by_field = {m.field: (cells[m.column], m.score) for m in matches if m.field is not None}
    parts: dict[str, list[str]] = {}
    repairs: dict[str, list[str]] = {}
    for name, (cell, _) in by_field.items():
        spec = schema.get(name)
        assert spec is not None
        text, rep = normalise_vs(cell.text) if spec.split_arms else (cell.text, [])
        parts[name] = split_arms(text) if spec.split_arms else [text]
        repairs[name] = rep + (["vs_split"] if len(parts[name]) > 1 else [])
    for name, mine in parts.items():
        others = [p for n, p in parts.items() if n != name and _per_arm(schema, n)]
        single = others and all(len(p) == 1 for p in others)
        if len(mine) > 1 and single and _glued_only(by_field[name][0].text):
            # ``TKIVSBRT`` for ``TKI/SBRT``: a slash read V inside a run of letters, in a row
            # whose every other cell prints one value: a word, not two arms
            parts[name] = [_nfkc(by_field[name][0].text)]
            repairs[name] = ["separator_in_word"]
    arms = max((len(p) for p in parts.values()), default=1)
    for name, mine in parts.items():
        spec = schema.get(name)
        if len(mine) == 1 and spec is not None and spec.holds == "treatment":
            names = _names_apart(mine[0], arms)
            if names and arms in (1, len(names)):
                parts[name] = names
                repairs[name].append("names_per_arm")
    arms = max((len(p) for p in parts.values()), default=1)
    page = min((c.page for c, _ in by_field.values() if c.box is not None), default=row_page)
    records = []
    for arm in range(arms):
        fields: dict[str, Field] = {}
        for spec in schema.fields:
            fields.update(
                _arm_fields(spec, arm, arms, by_field, parts, repairs, page, doubts or [])
            )
        records.append(Record(table, row, arm + 1, arms, page, fields))
    return records


def _per_arm(schema: Schema, name: str) -> bool:
    spec = schema.get(name)
    return spec is not None and spec.split_arms


# A separator read glued between letters, with no stop (``TKIVSBRT``): it may be a slash or
# an I read wrong, where one read with room around it, or dotted, may not.
GLUED_VS = re.compile(r"(?<=[A-Za-z])[Vv][Ss](?=[A-Za-z])")


def _glued_only(text: str) -> bool:
    """Whether every separator the cell's text reads as is one glued between letters."""
    hidden = GLUED_VS.sub("\x00", text)
    return hidden != text and len(split_arms(normalise_vs(hidden)[0])) == 1


def _names_apart(text: str, arms: int = 1) -> list[str] | None:
    """A treatment cell of names side by side with no joiner (``ET TACE``, ``HIFU SBRT+SRFA``,
    ``腹腔镜肝切除TARE``: arms that each printed their own line, the lines taken for one wrapped
    cell, or a ``vs.`` OCR lost): no treatment is printed so, it is a name per arm. Known
    names are told apart wherever the row's other cells have that many arms or one value
    each (a shared ``n`` centred beside); names the vocabulary does not know (``SRS``,
    ``WBRT``, a run of hanzi), only where the other cells count exactly as many arms. A name
    ends where hanzi meet Latin letters."""
    names = set(tables()["treatment"]["names"])

    def known(word: str) -> bool:
        return all(p in names for p in re.split(r"[+/]", word))

    def name_like(word: str) -> bool:  # an acronym per part (``LT+SIRT``) or a run of hanzi
        return known(word) or bool(NAMED.fullmatch(word)) or bool(HANZI_RUN.fullmatch(word))

    words: list[str] = []
    for piece in _nfkc(text).split():
        for word in SCRIPT_RUNS.findall(piece):  # ``肝切除术ICI``: two names
            if words and not known(words[-1]) and known(words[-1] + word):
                words[-1] += word  # a name OCR parted at a wide glyph gap: ``HI FU``
            else:
                words.append(word)
    if len(words) < 2:
        return None
    if all(known(w) for w in words):
        return words
    return words if len(words) == arms and all(name_like(w) for w in words) else None


# Treatment names as printed: acronyms joined by + or / (``SBRT``, ``LT+SIRT``, ``cTACE``),
# and the runs a cell's text parts into where hanzi meet Latin letters.
NAMED = re.compile(r"[a-z]?[A-Z][A-Z0-9-]+(?:[+/][a-z]?[A-Z][A-Z0-9-]+)*")
HANZI_RUN = re.compile(f"[{HAN}]{{2,}}")
SCRIPT_RUNS = re.compile(f"[{HAN}]+|[^{HAN}]+")


def _arm_fields(
    spec: FieldSpec,
    arm: int,
    arms: int,
    by_field: dict[str, tuple[Cell, float]],
    parts: dict[str, list[str]],
    repairs: dict[str, list[str]],
    page: int,
    doubts: list[str],
) -> dict[str, Field]:
    if spec.from_column is not None:
        return {}  # filled with the column it is parsed from
    if spec.name not in by_field:
        out = {spec.name: Field(spec.name, None, "", 1.0, page, None, "none")}
        if spec.name == "study":
            out.update(
                {n: Field(n, None, "", 1.0, page, None, "none") for n in ("ref", "registry_id")}
            )
        return out
    cell, score = by_field[spec.name]
    mine = parts[spec.name]
    extra_flags = list(doubts)
    if len(mine) == arms:
        raw = mine[arm]
    elif len(mine) == 1:
        raw = mine[0]
        if arms > 1 and spec.split_arms and not is_missing(raw):
            extra_flags.append("shared_value")
    else:
        raw = mine[arm] if arm < len(mine) else ""
        extra_flags.append("arm_mismatch")
    exact = cell.source == "text_layer" or cell.confidence >= tables()["treatment"]["sure"]
    values = (
        parse_study(raw) if spec.name == "study" else {spec.name: parse_value(raw, spec, exact)}
    )
    out = {}
    for name, v in values.items():
        v.repairs = repairs[spec.name] + v.repairs
        v.flags += extra_flags
        out[name] = Field(
            name,
            v.value,
            cell.text,
            confidence_of(
                cell.confidence, score, v, cell.source, spec.numeric and name == spec.name
            ),
            cell.page,
            cell.box,
            cell.source,
            v.repairs,
            v.flags,
            score,
            rereads=[(own, theirs) for own, theirs in cell.rereads if own in raw],
        )
    return out
