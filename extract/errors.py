"""One exception hierarchy; only the CLI turns these into exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    document_failed = 1  # at least one document failed; the others completed
    bad_usage = 2
    environment_incomplete = 3  # an OCR engine or its language data is missing


class ExtractError(Exception):
    """Base of every error extract raises on purpose; its message is one line for a curator."""


class BadInputError(ExtractError):
    """The input is not a readable PDF (not a PDF, encrypted, truncated, empty, no pages)."""


class SchemaError(ExtractError):
    """The schema file is missing, malformed or inconsistent."""


class MissingDependencyError(ExtractError):
    """A system tool (Tesseract, a language pack) that the run needs is not installed."""


class TimeLimitError(ExtractError):
    """A document took longer than its time limit; it fails as a whole."""


def time_up(exc: BaseException) -> TimeLimitError | None:
    """The time limit behind an error, when the limit struck inside a library that wrapped
    it in an error of its own (RapidOCR raises ``ONNXRuntimeError ... from`` it): a page
    whose time ran out must fail the document, not pass for a page OCR could not read."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, TimeLimitError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
