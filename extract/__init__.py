"""extract: bilingual review-article PDFs to validated study records."""

from __future__ import annotations

__version__ = "0.1.0"
CONTRACT_VERSION = "1"

from .config import Config  # noqa: E402
from .errors import ExtractError  # noqa: E402

__all__ = ["Config", "ExtractError", "__version__", "CONTRACT_VERSION"]

from .pipeline import Result, run  # noqa: E402

__all__ += ["Result", "run"]
