"""Batch: many PDFs in one run. A bad document is reported and skipped; the rest go on."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from .config import Config
from .corrections import FILE_NAME, Correction, read_corrections
from .errors import ExtractError, TimeLimitError
from .ingest import sha256_of
from .pipeline import Result, run
from .write import safe_name, write_failure, write_result


@dataclass
class BatchSummary:
    done: list[Path] = field(default_factory=list)
    failed: dict[Path, str] = field(default_factory=dict)


def collect_inputs(inputs: list[Path]) -> list[Path]:
    """PDF files named, and the PDFs in folders named (recursively), in a stable order."""
    found: list[Path] = []
    for p in inputs:
        if p.is_dir():
            found += sorted(q for q in p.rglob("*") if q.suffix.lower() == ".pdf" and q.is_file())
        else:
            found.append(p)
    return found


def page_count(path: Path) -> int:
    """Pages in the PDF, cheaply, to size its time limit; 1 when it cannot be opened (the
    pipeline then reports why)."""
    try:
        pdf = pdfium.PdfDocument(path)
    except Exception:  # noqa: BLE001 - any unreadable file: the pipeline says why
        return 1
    try:
        return max(1, len(pdf))
    finally:
        pdf.close()


def unique_stems(paths: list[Path]) -> dict[Path, str]:
    seen: dict[str, int] = {}
    out = {}
    for p in paths:
        stem = safe_name(p.stem)
        n = seen.get(stem.lower(), 0)
        seen[stem.lower()] = n + 1
        out[p] = stem if n == 0 else f"{stem}-{n + 1}"
    return out


@contextmanager
def time_limit(seconds: float, path: Path) -> Iterator[None]:
    """Bound the time one document may take (main thread only; elsewhere unbounded)."""

    def stop(signum: int, frame: object) -> None:
        raise TimeLimitError(f"{path}: took longer than the {seconds:g} s limit per document")

    try:
        old = signal.signal(signal.SIGALRM, stop)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def corrections_in(files: list[Path]) -> list[Correction]:
    """The corrections of every file given that exists (one named on the command line was
    checked to exist before any work)."""
    return [c for f in files if f.is_file() for c in read_corrections(f)]


def run_batch(
    inputs: list[Path],
    outdir: Path,
    config: Config,
    progress: Callable[[str], None] = lambda msg: print(msg, file=sys.stderr),
) -> BatchSummary:
    paths = collect_inputs(inputs)
    stems = unique_stems(paths)
    summary = BatchSummary()
    shared = corrections_in([Path(p) for p in config.corrections] + [outdir / FILE_NAME])
    for i, path in enumerate(paths, 1):
        folder = outdir / stems[path]
        try:
            corrections = shared + corrections_in([folder / FILE_NAME])
            with time_limit(config.max_seconds_per_page * page_count(path), path):
                result: Result = run(path, config, corrections)
            write_result(result, folder)
        except Exception as exc:  # one bad document must not stop the batch
            message = (
                str(exc)
                if isinstance(exc, ExtractError)
                else (f"{path}: unexpected {type(exc).__name__}: {exc}".splitlines()[0])
            )
            summary.failed[path] = message
            sha = sha256_of(path) if path.is_file() else ""
            write_failure(path, sha, message, folder)
            progress(f"error: {message}")
            continue
        summary.done.append(path)
        n = len(result.records)
        flagged = int(result.records["needs_review"].sum())
        ocr = sum(1 for c in result.pages if c.text_source != "text_layer")
        progress(
            f"[{i}/{len(paths)}] {path.name}: {n} records, {flagged} for review, "
            f"{len(result.tables)} tables, {len(result.pages)} pages ({ocr} need OCR)"
        )
    return summary
