"""OCR engines behind one small interface.

An engine is a class with a ``name`` and one method, ``read(image) -> list[Word]``: it takes
an upright, prepared greyscale page image (a numpy array) and returns words with boxes in
*pixels* of that image; the ``ocr`` stage turns pixels into PDF points. ``check()`` raises
``MissingDependencyError`` saying what to install, so a run can fail before any work.

An engine may also offer ``line_turns(image) -> (upright, upside_down, sideways)``: how many
text lines it reads the right way up and upside down, and whether the lines it finds stand
(the page lies on its side). Then a scanned page is turned on its head or side only when its
lines say so (Tesseract's OSD alone is unsure of pages of hanzi and figures).

Adding an engine: a module in this package with such a class, and one line in ``ENGINES``
(an engine kept elsewhere can be registered at run time: ``ENGINES["mine"] = "pkg.mod:Cls"``).
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Protocol

import numpy as np

from ..errors import ExtractError
from ..model import Word

# name -> "module:Class", imported only when asked for (each engine has its own dependencies)
ENGINES = {
    "rapidocr": f"{__name__}.rapidocr:RapidOCR",
    "tesseract": f"{__name__}.tesseract:Tesseract",
    "none": f"{__name__}.null:NoOCR",
}
DEFAULT_ENGINE = "rapidocr"


class Engine(Protocol):
    name: str

    def check(self) -> None:
        """Raise MissingDependencyError, naming what to install, when the engine cannot run."""

    def read(self, image: np.ndarray) -> list[Word]:
        """Words on an upright greyscale page image, boxes in pixels."""
        ...


@cache
def get_engine(name: str) -> Engine:
    """The engine registered under ``name``, checked and ready (one instance per process)."""
    if name not in ENGINES:
        raise ExtractError(f"unknown OCR engine {name!r}; choose one of {', '.join(ENGINES)}")
    module, cls = ENGINES[name].split(":")
    engine: Engine = getattr(import_module(module), cls)()
    engine.check()
    return engine
