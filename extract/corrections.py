"""Corrections: a curator's fixes, applied on every run so that reprocessing never loses them.

A curator fixes a value once, in ``corrections.csv`` (``record_id, field, value, note,
curator, time``: the report's save button writes it). Every later run of the same file
applies it: the value becomes ``source = curated`` with confidence 1, and validation checks
it like any other. The pipeline only reads corrections files, never writes them. A
correction whose record or field no longer exists (the table was read differently) is not
dropped: it is reported in ``run.json`` and ``review.csv`` and stays in its file.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .errors import ExtractError
from .model import Field, Record
from .records import record_id
from .schema import FieldSpec, Schema

COLUMNS = ["record_id", "field", "value", "note", "curator", "time"]
FILE_NAME = "corrections.csv"


@dataclass(frozen=True)
class Correction:
    record_id: str
    field: str
    value: str
    note: str = ""
    curator: str = ""
    time: str = ""


@dataclass(frozen=True)
class NotApplied:
    """A correction that found nothing to correct, and why: a curator must look again."""

    correction: Correction
    reason: str


def read_corrections(path: Path) -> list[Correction]:
    """The corrections in one file, in file order (a later line for the same value wins)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
            header = reader.fieldnames
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ExtractError(f"{path}: cannot read corrections: {exc}") from exc
    missing = [c for c in ("record_id", "field", "value") if header and c not in header]
    if missing:
        raise ExtractError(f"{path}: corrections file lacks column(s) {', '.join(missing)}")
    return [
        Correction(*((row.get(c) or "").strip() for c in COLUMNS))
        for row in rows
        if (row.get("record_id") or "").strip()
    ]


def for_document(corrections: list[Correction], sha256: str) -> list[Correction]:
    """The corrections whose record ids name this file (they start with its hash)."""
    return [c for c in corrections if c.record_id.startswith(f"{sha256[:12]}:")]


def apply_corrections(
    records: list[Record], corrections: list[Correction], schema: Schema, sha256: str
) -> tuple[int, list[NotApplied]]:
    """Curated values put in place (before validation, which checks them too); how many
    were applied, and those that were not, with the reason."""
    by_id = {record_id(sha256, rec): rec for rec in records}
    applied = 0
    missed: list[NotApplied] = []
    for c in corrections:
        rec = by_id.get(c.record_id)
        spec = schema.get(c.field)
        if rec is None:
            missed.append(NotApplied(c, "no such record in this run (the table was read "
                                        "differently)"))  # fmt: skip
            continue
        if spec is None:
            missed.append(NotApplied(c, f"the schema has no field {c.field!r}"))
            continue
        try:
            value = _typed(c.value, spec)
        except ValueError:
            missed.append(NotApplied(c, f"{c.value!r} is not a {spec.type} for {c.field}"))
            continue
        old = rec.fields.get(c.field)
        rec.fields[c.field] = Field(
            c.field, value, old.raw if old else "", 1.0,
            old.page if old else rec.page, old.box if old else None, "curated",
        )  # fmt: skip
        applied += 1
    return applied, missed


def _typed(text: str, spec: FieldSpec) -> object:
    """A curated value as its field's type; empty means missing."""
    text = text.strip()
    if not text:
        return None
    if spec.type == "int":
        number = float(text)
        if not number.is_integer():
            raise ValueError(text)
        return int(number)
    if spec.type == "float":
        return float(text)
    return text
