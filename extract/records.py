"""Records: the tidy tables a curator gets (records, fields, review), as pandas frames."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from .confidence import calibration, needs_review
from .model import Field, Record
from .repair import confidence_table
from .schema import Schema
from .second_opinion import differing
from .validate import Failure

if TYPE_CHECKING:
    from .corrections import NotApplied

ID_COLUMNS = ["record_id", "source", "page", "table", "row", "arm", "arms"]
TAIL_COLUMNS = ["confidence", "needs_review", "flags"]
FIELD_COLUMNS = ["record_id", "field", "value", "raw", "confidence", "page", "x0", "top", "x1",
                 "bottom", "source", "repairs"]  # fmt: skip
REVIEW_COLUMNS = ["record_id", "table", "row", "arm", "field", "check", "reason", "value"]
DTYPES = {"str": "string", "int": "Int64", "float": "Float64"}


def record_id(sha256: str, rec: Record) -> str:
    """Stable across re-runs of the same file: ``<sha256[:12]>:<table>:<row>:<arm>``."""
    return f"{sha256[:12]}:{rec.table}:{rec.row}:{rec.arm}"


def doubt_sentence(f: Field) -> str:
    """Why a value is not trusted, as a curator reads it."""
    said = confidence_table()["doubt"]
    readings = ", ".join(f"{theirs!r} for {own!r}" for own, theirs in differing(f.rereads))
    why = "; ".join(said[d].format(readings=readings) for d in f.doubts if d in said)
    value = "nothing" if f.value is None else repr(f.value)
    return f"{f.name} read as {value} from {f.raw!r} with confidence {f.confidence:.2f}" + (
        f": {why}" if why else ""
    )


def records_frame(records: list[Record], schema: Schema, source: str, sha256: str) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    for rec in records:
        row: dict[str, Any] = {
            "record_id": record_id(sha256, rec),
            "source": source,
            "page": rec.page,
            "table": rec.table,
            "row": rec.row,
            "arm": rec.arm,
            "arms": rec.arms,
        }
        for spec in schema.fields:
            f = rec.fields.get(spec.name)
            row[spec.name] = f.value if f is not None else None
        row["confidence"] = rec.confidence
        row["needs_review"] = needs_review(rec)
        row["flags"] = ";".join(rec.flags)
        rows.append(row)
    columns = ID_COLUMNS + schema.names + TAIL_COLUMNS
    frame = pd.DataFrame(rows, columns=columns)
    types = {"page": "Int64", "row": "Int64", "arm": "Int64", "arms": "Int64",
             "confidence": "Float64", "needs_review": "boolean", "flags": "string",
             "record_id": "string", "source": "string", "table": "string"}  # fmt: skip
    types.update({s.name: DTYPES[s.type] for s in schema.fields})
    return frame.astype(types)


def fields_frame(records: list[Record], sha256: str) -> pd.DataFrame:
    rows = []
    for rec in records:
        rid = record_id(sha256, rec)
        for f in rec.fields.values():
            box = f.box
            rows.append({
                "record_id": rid, "field": f.name,
                "value": "" if f.value is None else f.value, "raw": f.raw,
                "confidence": f.confidence, "page": f.page,
                "x0": box.x0 if box else None, "top": box.top if box else None,
                "x1": box.x1 if box else None, "bottom": box.bottom if box else None,
                "source": f.source, "repairs": ";".join(f.repairs),
            })  # fmt: skip
    return pd.DataFrame(rows, columns=FIELD_COLUMNS)


def review_frame(
    records: list[Record],
    failures: list[Failure],
    sha256: str,
    not_corrected: Sequence[NotApplied] = (),
) -> pd.DataFrame:
    """One row per reason a curator must look: every validation failure, low confidence,
    and every correction that found nothing to correct."""
    rows = [
        {
            "record_id": record_id(sha256, f.record),
            "table": f.record.table,
            "row": f.record.row,
            "arm": f.record.arm,
            "field": f.field,
            "check": f.check,
            "reason": f.reason,
            "value": str(f.value),
        }  # fmt: skip
        for f in failures
    ]
    for rec in records:
        if not needs_review(rec):
            continue
        low = min(rec.fields.values(), key=lambda f: f.confidence, default=None)
        if low is not None and rec.confidence < calibration()["review"]["min_confidence"]:
            rows.append({
                "record_id": record_id(sha256, rec), "table": rec.table, "row": rec.row,
                "arm": rec.arm, "field": low.name, "check": "confidence",
                "reason": doubt_sentence(low), "value": str(low.raw),
            })  # fmt: skip
        for flag in rec.flags:
            if flag == "arms_ambiguous":
                rows.append({
                    "record_id": record_id(sha256, rec), "table": rec.table, "row": rec.row,
                    "arm": rec.arm, "field": "", "check": "arms_ambiguous",
                    "reason": "the table's study cells could stand at the top of their arms or "
                              "centred on them, and the two readings give this row other arms: "
                              "check which study each arm belongs to",
                    "value": "",
                })  # fmt: skip
            if flag == "shared_value":
                names = [f.name for f in rec.fields.values() if "shared_value" in f.flags]
                rows.append({
                    "record_id": record_id(sha256, rec), "table": rec.table, "row": rec.row,
                    "arm": rec.arm, "field": ",".join(names), "check": "shared_value",
                    "reason": "one value printed for the whole row, repeated on each arm",
                    "value": "",
                })  # fmt: skip
    for miss in not_corrected:
        c = miss.correction
        parts = c.record_id.split(":")  # <sha256[:12]>:<table>:<row>:<arm>
        where = [":".join(parts[1:-2]), parts[-2], parts[-1]] if len(parts) >= 4 else [""] * 3
        rows.append({
            "record_id": c.record_id, "table": where[0], "row": where[1], "arm": where[2],
            "field": c.field, "check": "correction_not_applied",
            "reason": f"correction not applied: {miss.reason}; it stays in its file",
            "value": c.value,
        })  # fmt: skip
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS)
