"""The bilingual schema: which fields a record has, their types, ranges and header synonyms.

The schema is a TOML data file (``extract/data/clinical.toml`` by default) so that a new
field or a new header wording is a data change, not a code change.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import SchemaError

DATA = resources.files("extract") / "data"
DEFAULT_SCHEMA = "clinical.toml"
TYPES = {"str", "int", "float"}


@dataclass(frozen=True)
class FieldSpec:
    """One field of the schema."""

    name: str
    type: str  # str, int or float
    group: str = "text"  # numeric or text, for evaluation reports
    synonyms: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    split_arms: bool = False
    from_column: str | None = None  # parsed out of another field's column
    holds: str | None = None  # what its cells look like: year, number, long_text (headers.py)
    unit: str | None = None  # the unit a header may name for it: months, percent, count

    @property
    def numeric(self) -> bool:
        return self.type in ("int", "float")


@dataclass(frozen=True)
class Check:
    """A check across fields of one arm, e.g. 5-year OS at most 3-year OS."""

    name: str
    kind: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class StudyTable:
    """What makes a table a table of studies: a column naming the study (one of
    ``identify``) and one holding what was measured on it (one of ``measure``). Other tables
    in a review (baseline characteristics, adverse events, a journal's rating table) keep
    their grid but give no records."""

    identify: tuple[str, ...] = ()
    measure: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schema:
    name: str
    version: str
    fields: tuple[FieldSpec, ...]
    checks: tuple[Check, ...] = field(default=())
    study_table: StudyTable = field(default=StudyTable())

    def get(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def matchable(self) -> list[FieldSpec]:
        """Fields printed in a column of their own (those a header can match)."""
        return [f for f in self.fields if f.from_column is None]


def _bound(value: Any) -> float | None:
    if value is None:
        return None
    if value == "this_year":
        return float(dt.date.today().year)
    return float(value)


def parse_schema(data: dict[str, Any], origin: str) -> Schema:
    try:
        specs = []
        for raw in data["field"]:
            if raw["type"] not in TYPES:
                raise SchemaError(
                    f"{origin}: field {raw['name']!r} has unknown type {raw['type']!r}"
                )
            specs.append(
                FieldSpec(
                    name=raw["name"],
                    type=raw["type"],
                    group=raw.get("group", "numeric" if raw["type"] != "str" else "text"),
                    synonyms=tuple(raw.get("synonyms", ())),
                    min=_bound(raw.get("min")),
                    max=_bound(raw.get("max")),
                    split_arms=bool(raw.get("split_arms", False)),
                    from_column=raw.get("from_column"),
                    holds=raw.get("holds"),
                    unit=raw.get("unit"),
                )
            )
        checks = tuple(
            Check(c["name"], c["kind"], tuple(c["fields"])) for c in data.get("check", [])
        )
        rule = data.get("study_table", {})
        study_table = StudyTable(tuple(rule.get("identify", ())), tuple(rule.get("measure", ())))
        schema = Schema(str(data["name"]), str(data["version"]), tuple(specs), checks, study_table)
    except (KeyError, TypeError, ValueError) as exc:
        raise SchemaError(f"{origin}: malformed schema ({exc!r})") from exc
    names = set(schema.names)
    if not set(study_table.identify + study_table.measure) <= names:
        raise SchemaError(f"{origin}: [study_table] names a field the schema lacks")
    for c in schema.checks:
        if not set(c.fields) <= names:
            raise SchemaError(f"{origin}: check {c.name!r} names a field the schema lacks")
    return schema


@cache
def load_schema(path: str | None = None) -> Schema:
    """Load a schema file; ``None`` means the packaged default."""
    if path is None:
        text = (DATA / DEFAULT_SCHEMA).read_text(encoding="utf-8")
        origin = DEFAULT_SCHEMA
    else:
        p = Path(path)
        if not p.is_file():
            raise SchemaError(f"{path}: schema file not found")
        text = p.read_text(encoding="utf-8")
        origin = str(p)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"{origin}: not valid TOML ({exc})") from exc
    return parse_schema(data, origin)


@cache
def load_data(name: str) -> dict[str, Any]:
    """A packaged data file (repair tables, triage thresholds) as a dict."""
    return tomllib.loads((DATA / name).read_text(encoding="utf-8"))
