"""Confidence: the probability that a value is right, from the evidence the pipeline has.

Repair gives each value a first estimate: the reader's score (calibrated per engine), times a
factor for a weak header match and for every repair and flag (``confidence.toml``). That
estimate knows the cell alone. The errors that cost most on new documents are structural: a
column given the wrong field, a row that lost an arm, a wrapped cell split in two. They show
around the value, after validation: its field's other values in the table fail their checks,
its row's other fields are doubtful or disagree on the number of arms. This stage gathers
that evidence per value and turns it into a probability with a logistic model fitted on
development seeds of the layout space (``calibration.toml``, refitted by
``bench/fit_calibration.py``, checked by ``extract eval`` on seeds it was not fitted on).

A curated value is right by definition (confidence 1). A record's confidence is the lowest of
its fields'; a record goes to review when that is under the fitted threshold or a field failed
a check the schema makes (``calibration.toml [review]``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any

from .model import Field, Record
from .schema import Schema, load_data
from .second_opinion import differing

# What a field's value failed: it is not what its field can hold, whatever its score says.
INVALID = frozenset({"out_of_range", "unparseable", "check_failed", "not_integer", "arm_mismatch"})
# The row's arms are in doubt: its columns disagree on their number, or the layout lets them
# be read two ways (rows.py).
ARMS_IN_DOUBT = frozenset({"arm_mismatch", "arms_ambiguous"})
DOUBT = 0.5  # a first estimate under this makes a value doubtful to its neighbours
SURE = 0.9  # a first estimate under this is itself a doubt review.csv names
DOUBT_WEIGHT = -0.5  # a piece of evidence whose weighted part is under this is named too


@cache
def calibration() -> dict[str, Any]:
    return load_data("calibration.toml")


def _logit(p: float) -> float:
    p = min(max(p, 1e-3), 1 - 1e-3)
    return math.log(p / (1 - p))


def _doubtful(f: Field) -> bool:
    return bool(INVALID & set(f.flags)) or f.confidence < DOUBT


def evidence(records: list[Record], schema: Schema) -> list[tuple[Record, Field, dict[str, float]]]:
    """Each value read (not curated) with what speaks for and against it, as numbers.

    ``prior`` is repair's estimate (as a logit); the rest is what validation and the value's
    row and column say, which repair could not see."""
    numeric = {s.name for s in schema.fields if s.numeric}
    long_text = {s.name for s in schema.fields if s.holds == "long_text"}
    column: dict[tuple[str, str], list[bool]] = defaultdict(list)  # (table, field) -> invalid
    for rec in records:
        for f in rec.fields.values():
            if f.value is not None and f.source not in ("none", "curated"):
                column[(rec.table, f.name)].append(bool(INVALID & set(f.flags)))
    out = []
    for rec in records:
        read = [f for f in rec.fields.values() if f.source not in ("none", "curated")]
        valued = [f for f in read if f.value is not None]
        arms_differ = any(ARMS_IN_DOUBT & set(f.flags) for f in rec.fields.values())
        for f in read:
            others = [g for g in valued if g is not f]
            invalid = column.get((rec.table, f.name), [])
            ocr = f.source.startswith("ocr:")
            differs = bool(differing(f.rereads))
            agreed = bool(f.rereads) and not differs
            out.append((rec, f, {
                "prior": _logit(f.confidence),
                "ocr": float(ocr),
                "ocr_text": float(ocr and f.name not in numeric),  # a glyph slip in a name
                "ocr_long_text": float(ocr and f.name in long_text),  # many glyphs, many slips
                "header_gap": (100.0 - f.header) / 100.0,
                "missing": float(f.value is None),
                "numeric": float(f.name in numeric),
                "invalid": float(bool(INVALID & set(f.flags))),
                "shared": float("shared_value" in f.flags),
                "row_doubt": sum(map(_doubtful, others)) / len(others) if others else 0.0,
                "column_doubt": sum(invalid) / len(invalid) if invalid else 0.0,
                "arms_differ": float(arms_differ),
                # a second engine read its weak words alike, or otherwise (second_opinion);
                # a long text's many glyphs are in doubt until a second reading bears
                # them out, and more so when the engine was sure of every word
                "second_agrees": float(agreed),
                "second_differs": float(differs),
                "long_text_agreed": float(ocr and f.name in long_text and agreed),
                "long_text_unread": float(ocr and f.name in long_text and not f.rereads),
            }))  # fmt: skip
    return out


def probability(features: dict[str, float], model: dict[str, Any] | None = None) -> float:
    """The fitted logistic model's probability that a value with these features is right."""
    model = model or calibration()["model"]
    z = model["intercept"] + sum(w * features[name] for name, w in model["weights"].items())
    return 1.0 / (1.0 + math.exp(-z))


def doubts(features: dict[str, float], prior: float) -> list[str]:
    """The evidence that lowered a value's confidence most, worst first (review.csv says it)."""
    weights = calibration()["model"]["weights"]
    parts = {n: w * features[n] for n, w in weights.items() if n != "prior"}
    worst = sorted((p, n) for n, p in parts.items() if p < DOUBT_WEIGHT)
    return (["prior"] if prior < SURE else []) + [n for _, n in worst]


def score(records: list[Record], schema: Schema) -> list[dict[str, Any]]:
    """Give every value read its calibrated confidence; return the evidence behind each (the
    rows ``bench/fit_calibration.py`` fits on)."""
    rows = []
    for rec, f, features in evidence(records, schema):
        prior = f.confidence
        f.confidence = round(probability(features), 4)
        f.doubts = doubts(features, prior)
        rows.append({"table": rec.table, "row": rec.row, "arm": rec.arm, "field": f.name,
                     "flags": ";".join(f.flags), "first_estimate": prior, **features,
                     "confidence": f.confidence})  # fmt: skip
    return rows


def review_reasons(confidence: float, flags: Iterable[str]) -> list[str]:
    """Why a record with this confidence (its lowest value's) and these flags goes before a
    curator: ``low_confidence`` under the fitted threshold, and every flag that always does
    (a value that failed a check the schema makes). None: it need not."""
    review = calibration()["review"]
    reasons = sorted(set(review["flags"]) & set(flags))
    return (["low_confidence"] if confidence < review["min_confidence"] else []) + reasons


def needs_review(rec: Record) -> bool:
    return bool(review_reasons(rec.confidence, rec.flags))
