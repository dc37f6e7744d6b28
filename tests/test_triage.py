"""Every fixture page gets the class its mode implies, with the evidence recorded."""

from pathlib import Path

import pytest
from conftest import fixture_pdfs

from extract.ingest import ingest
from extract.model import Box, Page, Word
from extract.triage import classify, token_is_plausible

EXPECTED = {
    "clean": "good",
    "cid": "cid",
    "scrambled": "mojibake",
    "scan": "no_text",
    "badocr": "bad_ocr_layer",
    "mixed": ["good", "no_text"],  # page by page
}


@pytest.mark.parametrize("pdf", fixture_pdfs(), ids=lambda p: p.stem)
def test_fixture_pages_get_their_class(pdf):
    mode = pdf.stem.rsplit("-", 1)[1]
    pages = ingest(pdf, max_pages=50)
    for page in pages:
        verdict = classify(page)
        want = EXPECTED[mode]
        want = want[page.number - 1] if isinstance(want, list) else want
        assert verdict.kind == want, (page.number, verdict.evidence)
        assert 0.5 <= verdict.score <= 1.0
        assert {"cid_share", "cjk_word_share", "garbage_share", "image_cover"} <= set(
            verdict.evidence
        )


def _page(text: str, image_cover: float = 0.0) -> Page:
    words = [Word(t, Box(0, 0, 1, 1)) for t in text.split()]
    return Page(1, 595, 842, words, [], list(text.replace(" ", "")), image_cover)


def test_gbk_read_as_latin1_is_mojibake():
    # 全世界女性最常见的恶性肿瘤 encoded as GBK and decoded as Latin-1
    garbled = "全世界女性最常见的恶性肿瘤是乳腺癌".encode("gbk").decode("latin-1")
    verdict = classify(_page(" ".join([garbled] * 3)))
    assert verdict.kind == "mojibake"


SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_67d4bd3cf7430fde.txt"


@pytest.mark.skipif(not SEED.exists(), reason="the seed lies beside the checkout")
def test_seed_english_ocr_layer_is_bad_on_table_pages_and_good_on_the_english_abstract():
    text = SEED.read_text(encoding="utf-8")
    starts = [text.index(" Table 1 Overview"), text.index("(continued)"), text.index(" Table 2")]
    pages = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    for page in pages:
        assert classify(_page(page, image_cover=1.0)).kind == "bad_ocr_layer"
    assert classify(_page(text[: starts[0]], image_cover=1.0)).kind == "good"


@pytest.mark.parametrize(
    "token,ok",
    [("Sabol", True), ("survival", True), ("2014", True), ("HR/RFA", True), ("34E0SHR", False),
     ("FRBALRT", False), ("SEEa", False), ("53.6%", True), ("Kümler", True)],
)  # fmt: skip
def test_token_plausibility(token, ok):
    assert token_is_plausible(token) is ok
