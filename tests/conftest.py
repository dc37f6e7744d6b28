from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PDFS = FIXTURES / "pdf"
DOCS = ("intl", "domestic", "transarterial")
MODES = ("clean", "cid", "scrambled", "scan", "badocr")


@pytest.fixture(scope="session")
def pdfs() -> Path:
    return PDFS
