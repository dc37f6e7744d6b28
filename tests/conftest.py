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
