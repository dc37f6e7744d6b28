"""Write: one folder per document with exactly the files of the output contract.

Every file is written to a temporary name beside its target and renamed into place, so a
crash or a full disk never leaves a half-written file where a curator's tools look.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from . import CONTRACT_VERSION, __version__
from .confidence import review_reasons
from .model import PageClass, Table
from .pipeline import Result
from .report import render

SAFE = re.compile(r"[^\w .\-]+")


def safe_name(name: str, limit: int = 100) -> str:
    """A file or folder name that stays inside its folder on any filesystem."""
    cleaned = SAFE.sub("_", name).strip("._") or "document"
    return cleaned[:limit]


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def _parquet(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def table_grid(table: Table) -> bytes:
    """tables/<label>.csv: the header as read, then one line per logical row, before repair."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(table.header)
    for row in table.rows:
        w.writerow([c.text for c in row.cells])
    return buf.getvalue().encode("utf-8")


def page_entry(c: PageClass) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "page": c.page, "class": c.kind, "score": c.score, "evidence": c.evidence,
        "text_source": c.text_source, "rotation": c.rotation,
    }  # fmt: skip
    if c.reason:
        entry["reason"] = c.reason
    if c.error:
        entry["error"] = c.error
    return entry


def manifest(result: Result) -> dict[str, Any]:
    tables = []
    unmatched = []
    matchable = [s.name for s in result.schema.matchable]
    for t in result.tables:
        cols = result.columns[t.label]
        tables.append({
            "label": t.label, "caption": t.caption, "pages": t.pages, "rows": len(t.rows),
            "study_table": t.label in result.study_tables,
            "columns": [{"header": m.header, "field": m.field, "score": round(m.score, 1)}
                        for m in cols],
        })  # fmt: skip
        found = {m.field for m in cols}
        unmatched.append({
            "table": t.label,
            "fields": [f for f in matchable if f not in found],
            "columns": [m.header for m in cols if m.field is None],
        })  # fmt: skip
    return {
        **base_manifest(result.source, result.sha256),
        "pages_total": len(result.pages),
        "schema": {"name": result.schema.name, "version": result.schema.version},
        "status": "ok",
        "pages": [page_entry(c) for c in result.pages],
        "tables": tables,
        "unmatched": unmatched,
        "records": len(result.records),
        "needs_review": int(result.records["needs_review"].sum()),
        "review_reasons": review_counts(result.records),
        "second_opinion": second_opinion_counts(result),
        "corrections": {
            "applied": result.corrected,
            "not_applied": [
                {**vars(m.correction), "reason": m.reason} for m in result.not_corrected
            ],
        },
        "timings": result.timings,
    }


def second_opinion_counts(result: Result) -> dict[str, int]:
    """How many OCR'd words a second engine read again and how many it read otherwise, and
    the same for the values made of them (``second_opinion``)."""
    pages = [c.evidence for c in result.pages]
    return {
        "words_reread": sum(int(e.get("reread_words", 0)) for e in pages),
        "words_differing": sum(int(e.get("reread_differ", 0)) for e in pages),
        "values_reread": sum(
            1 for e in result.evidence if e.get("second_agrees") or e.get("second_differs")
        ),
        "values_differing": sum(1 for e in result.evidence if e.get("second_differs")),
    }


def review_counts(records: pd.DataFrame) -> dict[str, int]:
    """How many records the queue holds for each reason (a record may have several)."""
    counts: Counter[str] = Counter()
    for confidence, flags in zip(records["confidence"], records["flags"], strict=True):
        raised = str(flags).split(";") if isinstance(flags, str) else []
        counts.update(review_reasons(float(confidence), raised))
    return dict(sorted(counts.items()))


def base_manifest(source: Path, sha256: str) -> dict[str, Any]:
    return {
        "tool_version": __version__,
        "contract_version": CONTRACT_VERSION,
        "source": source.name,
        "sha256": sha256,
    }


def write_json(path: Path, data: dict[str, Any]) -> None:
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=2, default=str).encode())


def write_result(result: Result, folder: Path) -> None:
    """All of one document's files; run.json last, so its presence means the rest is there."""
    atomic_write(folder / "records.csv", _csv(result.records))
    atomic_write(folder / "records.parquet", _parquet(result.records))
    atomic_write(folder / "fields.csv", _csv(result.fields))
    atomic_write(folder / "review.csv", _csv(result.review))
    for t in result.tables:
        atomic_write(folder / "tables" / f"{safe_name(t.label)}.csv", table_grid(t))
    data = manifest(result)
    html = render(result)
    atomic_write(folder / "report.html", html.encode("utf-8"))
    write_json(folder / "run.json", data)


def write_failure(source: Path, sha256: str, error: str, folder: Path) -> None:
    write_json(folder / "run.json", {**base_manifest(source, sha256), "status": "failed",
                                     "error": error})  # fmt: skip
