"""Triage on hand-made PDFs from real producers (built by ``triage_cases.py`` at test time).

Each case is read by ``ingest`` and classed by ``classify`` as the pipeline does, and must get
its class with the evidence that decided it.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import triage_cases as tc

from extract.ingest import ingest
from extract.model import Box, Page, PageClass, Word
from extract.text import normalise
from extract.triage import classify

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Skia's Type3 fonts have no FontBBox

# case -> the class its page must get (or any of a tuple of classes)
EXPECTED: dict[str, str | tuple[str, ...]] = {
    "heading": "good",
    "signature": "good",
    "japanese": "good",
    "traditional_cns": "good",
    # wrong CIDs: most read as other hanzi, a few as (cid:N) (no Unicode for that CID)
    "reportlab_default_cns": ("cid", "mojibake"),
    "simplified_ucs2": "good",
    "simplified_gbk": "good",
    "junk_map": "mojibake",
    "junk_quarter": "mojibake",
    "junk_runs": "mojibake",
    "form_xobject": "good",
    "chromium_type3": "good",
    "kangxi": "good",
    "tesseract_english_table": "bad_ocr_layer",
    "background_image": "good",
}
# case -> what the evidence must show for the class to be right for the right reason
EVIDENCE = {
    "heading": lambda e: e["glyphs"] == 8 and e["cjk_glyphs"] == 8,
    "signature": lambda e: e["glyphs"] < 20 and e["repeat_glyphs"] == 0,
    "japanese": lambda e: e["kana_share"] > 0.3,
    "traditional_cns": lambda e: (
        e["traditional_share"] > 0.2
        and e["dictionary_glyphs"] < e["cjk_glyphs"]
        and e["cjk_word_share"] >= 0.45
    ),
    "simplified_ucs2": lambda e: e["cjk_glyphs"] == 160 and e["traditional_share"] == 0,
    "simplified_gbk": lambda e: e["cjk_glyphs"] == 160 and e["traditional_share"] == 0,
    "junk_map": lambda e: e["repeat_share"] > 0.05 and e["cjk_word_share"] < 0.45,
    "junk_quarter": lambda e: (
        e["repeat_glyphs"] == 0 and e["cjk_word_share"] >= 0.45 and e["bigram_share"] < 0.5
    ),
    "junk_runs": lambda e: e["cjk_glyphs"] < 40 and e["repeat_glyphs"] >= 6,
    "form_xobject": lambda e: e["glyphs"] == len(tc.SIMPLIFIED),
    "chromium_type3": lambda e: e["radical_glyphs"] > 0 and e["cjk_word_share"] >= 0.45,
    "kangxi": lambda e: (
        e["radical_glyphs"] == sum(tc.KANGXI_TEXT.count(c) for c in tc.KANGXI)
        and e["cjk_glyphs"] == len(re.findall(r"[\u4e00-\u9fff]", tc.KANGXI_TEXT))
    ),
    "tesseract_english_table": lambda e: (
        e["invisible_share"] > 0.9 and e["image_cover"] > 0.7 and e["cjk_glyphs"] == 0
    ),
    "background_image": lambda e: e["invisible_share"] == 0 and e["image_cover"] > 0.7,
}


def build(name: str, folder: Path) -> Path:
    if name == "chromium_type3" and not tc.chromium_available():
        pytest.skip("needs chromium and Noto Sans CJK (fonts-noto-cjk)")
    return tc.CASES[name](folder)


def verdict_of(name: str, folder: Path) -> tuple[PageClass, object]:
    pages = ingest(build(name, folder), max_pages=5)
    assert len(pages) == 1
    return classify(pages[0]), pages[0]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_case_gets_its_class(name, tmp_path):
    verdict, _ = verdict_of(name, tmp_path)
    want = EXPECTED[name]
    assert verdict.kind in (want if isinstance(want, tuple) else (want,)), verdict.evidence
    assert 0.5 <= verdict.score <= 1.0
    assert EVIDENCE.get(name, lambda e: True)(verdict.evidence), verdict.evidence
    assert (verdict.text_source == "text_layer") == (verdict.kind == "good")


def test_the_builders_write_the_same_bytes_twice(tmp_path):
    for name in ("heading", "simplified_gbk", "junk_map", "form_xobject", "kangxi"):
        a, b = tmp_path / "a", tmp_path / "b"
        a.mkdir(exist_ok=True)
        b.mkdir(exist_ok=True)
        assert tc.CASES[name](a).read_bytes() == tc.CASES[name](b).read_bytes(), name


def test_predefined_cmaps_read_the_text_as_written(tmp_path):
    for name, text in [
        ("simplified_ucs2", tc.SIMPLIFIED),
        ("simplified_gbk", tc.SIMPLIFIED),
        ("traditional_cns", tc.TRADITIONAL),
    ]:
        page = ingest(build(name, tmp_path), max_pages=5)[0]
        assert "".join(page.chars) == text, name


def test_text_in_a_form_xobject_is_read(tmp_path):
    verdict, page = verdict_of("form_xobject", tmp_path)
    assert "".join(w.text for w in page.words) == tc.SIMPLIFIED
    assert verdict.evidence["glyphs"] == len(tc.SIMPLIFIED)


def test_chromium_sets_noto_cjk_as_type3(tmp_path):
    import pikepdf

    with pikepdf.open(build("chromium_type3", tmp_path)) as pdf:
        kinds = {str(f.Subtype) for _, f in pdf.pages[0].Resources.Font.items()}
    assert kinds == {"/Type3"}


def test_radical_code_points_read_as_their_ideographs():
    assert normalise("\u2f63\u2f47\u2ee9\u2ed3") == "生日黄长"  # ⽣⽇⻩⻓
    assert normalise("\uf900") == "豈"  # a CJK compatibility ideograph


def _short_page(text: str, image_cover: float) -> Page:
    return Page(1, 595, 842, [Word(text, Box(72, 72, 72 + 14 * len(text), 86))], [],
                list(text), image_cover)  # fmt: skip


def test_a_short_page_alone_is_good_and_under_a_page_image_no_text():
    assert classify(_short_page(tc.HEADING, 0.0)).kind == "good"
    assert classify(_short_page(tc.HEADING, 1.0)).kind == "no_text"  # a scan with a stamp
    assert classify(_short_page("3", 0.0)).kind == "no_text"  # a page number is no text
    assert classify(_short_page("佛佛佛釉佛佛佛佛", 0.0)).kind == "mojibake"
