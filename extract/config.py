"""Run settings: one object, one way in for the CLI, the Python API and tests."""

from __future__ import annotations

from dataclasses import dataclass

from .engines import DEFAULT_ENGINE

DEFAULT_DPI = 300
MAX_PAGES = 200  # a document longer than this is refused: bounds time and memory
MAX_SECONDS_PER_PAGE = 60.0  # a document may take this much per page (OCR takes ~5-15 s)


@dataclass(frozen=True)
class Config:
    """Settings for one run.

    ``schema``: path of a schema TOML file, ``None`` for the packaged clinical schema.
    ``dpi``: resolution at which pages needing OCR are rendered.
    ``engine``: OCR engine for pages whose text layer is not trusted (``extract.engines``).
    ``corrections``: curators' corrections files applied to every document (record ids say
    which); a batch also applies ``OUTDIR/corrections.csv`` and each document folder's own.
    """

    schema: str | None = None
    dpi: int = DEFAULT_DPI
    engine: str = DEFAULT_ENGINE
    max_pages: int = MAX_PAGES
    max_seconds_per_page: float = MAX_SECONDS_PER_PAGE
    corrections: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 50 <= self.dpi <= 1200:
            raise ValueError(f"dpi must be between 50 and 1200, got {self.dpi}")
        if self.max_seconds_per_page <= 0:
            raise ValueError("max_seconds_per_page must be positive")
        if self.max_pages < 1:
            raise ValueError("max_pages must be at least 1")
