"""The engine that reads nothing: pages needing OCR are skipped (``--engine none``).

For runs on documents known to have good text layers, on machines without an OCR engine,
and for fast tests of everything around OCR.
"""

from __future__ import annotations

import numpy as np

from ..model import Word


class NoOCR:
    name = "none"

    def check(self) -> None:
        return None

    def read(self, image: np.ndarray) -> list[Word]:
        return []
