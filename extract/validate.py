"""Validate: types, ranges and cross-field checks from the schema, all failures at once.

Nothing here raises on bad data: every failure becomes a flag on its field and record and a
row in one tidy table (record, field, check, reason, value) that goes to review.csv.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Record
from .schema import FieldSpec, Schema


@dataclass
class Failure:
    record: Record
    field: str
    check: str
    reason: str
    value: object


def in_range(value: float, spec: FieldSpec) -> bool:
    """Whether a number is valid for its field (also used by repair to restore decimals)."""
    if spec.min is not None and value < spec.min:
        return False
    return not (spec.max is not None and value > spec.max)


def _less_or_equal(values: list[object]) -> bool:
    a, b = values
    return not (isinstance(a, int | float) and isinstance(b, int | float)) or a <= b


CHECKS = {"less_or_equal": _less_or_equal}


def validate(records: list[Record], schema: Schema) -> list[Failure]:
    """Check every record; flag what fails and return the failures."""
    failures: list[Failure] = []
    for rec in records:
        for spec in schema.fields:
            f = rec.fields.get(spec.name)
            if f is None or f.value is None:
                continue
            if spec.numeric:
                if not isinstance(f.value, int | float):
                    failures.append(Failure(rec, spec.name, "type", "not a number", f.value))
                    f.flags.append("unparseable")
                elif not in_range(float(f.value), spec):
                    reason = f"outside {spec.min:g}..{spec.max:g}" if spec.max else "out of range"
                    failures.append(Failure(rec, spec.name, "range", reason, f.value))
                    f.flags.append("out_of_range")
        for check in schema.checks:
            fields = [rec.fields.get(n) for n in check.fields]
            values = [f.value if f is not None else None for f in fields]
            if not CHECKS[check.kind](values):
                failures.append(
                    Failure(rec, check.fields[0], check.name, f"{check.kind} failed", values)
                )
                for f in fields:
                    if f is not None:
                        f.flags.append("check_failed")
        for f in rec.fields.values():
            for flag in f.flags:
                if flag in ("arm_mismatch", "unparseable", "not_integer", "decimal_restored"):
                    failures.append(Failure(rec, f.name, flag, flag.replace("_", " "), f.raw))
        rec.flags = sorted({flag for f in rec.fields.values() for flag in f.flags})
    return failures
