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
# What a curator reads in review.csv for each failure.
SAYS = {
    "less_or_equal": "{0} {2} is more than {1} {3}",
    "arm_mismatch": "{name} {raw!r} does not give one value to each of the {arms} arms",
    "unparseable": "{name} {raw!r} is not a number",
    "not_integer": "{name} {raw!r} is not a whole number",
    "decimal_restored": "{name} printed {raw!r}, read as {value}: decimal point restored",
}


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
                    reason = f"{spec.name} {f.raw!r} is not a number"
                    failures.append(Failure(rec, spec.name, "type", reason, f.value))
                    f.flags.append("unparseable")
                elif not in_range(float(f.value), spec):
                    bounds = f"{spec.min:g}..{spec.max:g}" if spec.max else "its range"
                    reason = f"{spec.name} {f.value:g} (printed {f.raw!r}) is outside {bounds}"
                    failures.append(Failure(rec, spec.name, "range", reason, f.value))
                    f.flags.append("out_of_range")
        for check in schema.checks:
            fields = [rec.fields.get(n) for n in check.fields]
            values = [f.value if f is not None else None for f in fields]
            if not CHECKS[check.kind](values):
                reason = SAYS[check.kind].format(*check.fields, *values)
                failures.append(Failure(rec, check.fields[0], check.name, reason, values))
                for f in fields:
                    if f is not None:
                        f.flags.append("check_failed")
        for f in rec.fields.values():
            for flag in f.flags:
                if flag in SAYS:
                    reason = SAYS[flag].format(name=f.name, raw=f.raw, value=f.value, arms=rec.arms)
                    failures.append(Failure(rec, f.name, flag, reason, f.raw))
        rec.flags = sorted({flag for f in rec.fields.values() for flag in f.flags})
    return failures
