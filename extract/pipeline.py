"""The pipeline, stage by stage. Read ``run`` to see the whole flow."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .confidence import score
from .config import Config
from .corrections import Correction, NotApplied, apply_corrections, for_document
from .headers import is_study_table, match_columns
from .ingest import ingest, sha256_of
from .model import ColumnMatch, Page, PageClass, PageImage, Record, Table
from .ocr import ocr, page_box
from .records import fields_frame, records_frame, review_frame
from .repair import repair_row
from .schema import Schema, load_schema
from .tables import find_tables
from .triage import triage
from .validate import Failure, validate


@dataclass
class Result:
    """Everything one document produced; ``write`` turns it into the contract's files."""

    source: Path
    sha256: str
    schema: Schema
    pages: list[PageClass]
    tables: list[Table]
    columns: dict[str, list[ColumnMatch]]
    records: pd.DataFrame
    fields: pd.DataFrame
    review: pd.DataFrame
    timings: dict[str, float] = field(default_factory=dict)
    images: dict[int, PageImage] = field(default_factory=dict)  # OCR'd pages as rendered
    study_tables: list[str] = field(default_factory=list)  # labels of tables giving records
    corrected: int = 0  # curated values applied
    not_corrected: list[NotApplied] = field(default_factory=list)  # and those that found nothing
    evidence: list[dict[str, Any]] = field(default_factory=list)  # behind each value's confidence


class Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.seconds[stage] = round(time.perf_counter() - start, 4)


def run(
    path: str | Path, config: Config | None = None, corrections: list[Correction] | None = None
) -> Result:
    """Read one PDF into validated study records, a curator's ``corrections`` applied."""
    config = config or Config()
    path = Path(path)
    timer = Timer()
    schema = load_schema(config.schema)
    with timer("ingest"):
        pages = ingest(path, config.max_pages)
        sha = sha256_of(path)
    with timer("triage"):
        classes = triage(pages)
    with timer("ocr"):
        pages, classes = ocr(path, pages, classes, config.engine, config.dpi)
    readable = [p for p, c in zip(pages, classes, strict=True) if c.text_source != "none"]
    with timer("tables"):
        tables = find_tables(readable)
    with timer("headers"):
        columns = {t.label: match_columns(t.header, schema, t.columns) for t in tables}
        studies = [t for t in tables if is_study_table(columns[t.label], schema)]
    with timer("repair"):
        records = repair_tables(studies, columns, schema)
        turn_boxes_back(records, pages)
    with timer("corrections"):
        mine = for_document(corrections or [], sha)
        corrected, not_corrected = apply_corrections(records, mine, schema, sha)
    with timer("validate"):
        failures = validate(records, schema)
    with timer("confidence"):
        evidence = score(records, schema)
    with timer("records"):
        frames = _frames(records, failures, schema, path.name, sha, not_corrected)
    images = {p.number: p.image for p in pages if p.image is not None}
    return Result(
        path, sha, schema, classes, tables, columns, *frames, timer.seconds, images,
        [t.label for t in studies], corrected, not_corrected, evidence,
    )  # fmt: skip


def repair_tables(
    tables: list[Table], columns: dict[str, list[ColumnMatch]], schema: Schema
) -> list[Record]:
    return [
        rec
        for t in tables
        for i, row in enumerate(t.rows)
        for rec in repair_row(
            row.cells, columns[t.label], schema, t.label, i, row.page, row.doubts
        )  # fmt: skip
        if any(f.value is not None for f in rec.fields.values())  # never an empty record
    ]


def turn_boxes_back(records: list[Record], pages: list[Page]) -> None:
    """Boxes of fields read from a page OCR turned upright, on the page as displayed."""
    by_number = {p.number: p for p in pages}
    for rec in records:
        for f in rec.fields.values():
            if f.box is not None and f.page in by_number:
                f.box = page_box(f.box, by_number[f.page])


def _frames(
    records: list[Record],
    failures: list[Failure],
    schema: Schema,
    source: str,
    sha: str,
    not_corrected: list[NotApplied],
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return (
        records_frame(records, schema, source, sha),
        fields_frame(records, sha),
        review_frame(records, failures, sha, not_corrected),
    )
