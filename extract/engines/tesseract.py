"""Tesseract 5 through pytesseract, Chinese and English models from Debian's packages."""

from __future__ import annotations

import os
import shutil
import subprocess

import numpy as np
import pytesseract

from ..errors import MissingDependencyError
from ..model import Box, Word
from ..schema import load_data

# Tesseract's own OpenMP threads fight over the cores when documents run in parallel
# processes; one thread each scales better. Set before the first tesseract call.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def require(languages: list[str], install: str, why: str = "") -> None:
    """Raise MissingDependencyError, saying what to install, unless Tesseract and these
    language data files are there. ``why`` tells a curator what needs them."""
    because = f" ({why})" if why else ""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise MissingDependencyError(
            f"Tesseract is not installed (no 'tesseract' command){because}: {install}"
        )
    have = installed_languages()
    missing = [lang for lang in languages if lang not in have]
    if missing:
        raise MissingDependencyError(
            f"Tesseract language data missing: {', '.join(missing)}{because}: {install}"
        )


def installed_languages() -> set[str]:
    """The language and script data Tesseract has (``--list-langs``; pytesseract's own list
    leaves out script models such as ``Latin``, whose names are capitalised)."""
    out = subprocess.run(
        [pytesseract.pytesseract.tesseract_cmd, "--list-langs"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    lines = (out.stdout or out.stderr).splitlines()
    return {line.strip() for line in lines[1:] if line.strip()}


class Tesseract:
    name = "tesseract"

    def __init__(self) -> None:
        cfg = load_data("ocr.toml")["engines"]["tesseract"]
        self.languages: str = cfg["languages"]
        self.psm: int = cfg["psm"]
        self.timeout: float = cfg["timeout"]
        self.install: str = cfg["install"]

    def check(self) -> None:
        require(self.languages.split("+"), self.install)

    def read(self, image: np.ndarray) -> list[Word]:
        data = pytesseract.image_to_data(
            image,
            lang=self.languages,
            config=f"--psm {self.psm} -c preserve_interword_spaces=1",
            output_type=pytesseract.Output.DICT,
            timeout=self.timeout,
        )
        words = []
        for i, text in enumerate(data["text"]):
            conf = float(data["conf"][i])
            if not text.strip() or conf < 0:
                continue
            x, y, w, h = (data[k][i] for k in ("left", "top", "width", "height"))
            words.append(Word(text.strip(), Box(x, y, x + w, y + h), self.name, conf / 100))
        return words
