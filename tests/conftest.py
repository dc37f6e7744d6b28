import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PDFS = FIXTURES / "pdf"
DOCS = ("intl", "domestic", "transarterial", "landscape")
MODES = ("clean", "cid", "scrambled", "scan", "badocr", "mixed")
GARBAGE_MODES = ("cid", "scrambled", "scan", "badocr")  # every page needs OCR


def fixture_pdfs(modes: tuple[str, ...] = MODES) -> list[Path]:
    """The fixture PDFs of these modes (not every document is made in every mode)."""
    return sorted(p for p in PDFS.glob("*.pdf") if p.stem.rsplit("-", 1)[1] in modes)


@pytest.fixture(scope="session")
def pdfs() -> Path:
    return PDFS


def run_cli(*args: object, **kwargs) -> subprocess.CompletedProcess:  # noqa: ANN003
    """``python -m extract ARGS...`` as a curator runs it, output captured as text."""
    cmd = [sys.executable, "-m", "extract", *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)
