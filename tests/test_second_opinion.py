"""A second engine reads again the words the first read unsurely (``second_opinion``)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.confidence import evidence
from extract.imaging import Prepared
from extract.model import Box, Field, Record, Word
from extract.records import doubt_sentence
from extract.schema import load_data, load_schema
from extract.second_opinion import agree, second_opinion

LATIN = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def test_weak_words_are_read_again_by_tesseract_and_kept_beside_the_first_reading():
    # The first engine read ``Kovač`` as ``Kova&`` and ``36`` as ``38``, unsure of both, and
    # ``2014`` surely: Tesseract reads the two weak words again from the page, their text
    # stays the first engine's, and the sure word is not read again.
    font = ImageFont.truetype(LATIN, 40)
    image = Image.new("L", (700, 120), 255)
    draw = ImageDraw.Draw(image)
    placed = []
    x = 20.0
    for text in ("Kovač", "36", "2014"):
        draw.text((x, 30), text, font=font, fill=0)
        width = draw.textlength(text, font=font)
        placed.append(Box(x - 4, 22, x + width + 4, 84))
        x += width + 120
    grey = np.array(image)
    prepared = Prepared(grey, grey, 300.0, unit=30.0)
    words = [
        Word("Kova&", placed[0], "ocr:rapidocr", 0.73),
        Word("38", placed[1], "ocr:rapidocr", 0.6),
        Word("2014", placed[2], "ocr:rapidocr", 0.999),
    ]
    cfg = load_data("ocr.toml")["second_opinion"]
    read = second_opinion(words, prepared, cfg, "rapidocr")
    assert [w.text for w in read] == ["Kova&", "38", "2014"]
    assert read[0].second is not None and not agree("Kova&", read[0].second)
    assert read[0].second.lower().startswith("kova")
    assert read[1].second == "36"
    assert read[2].second is None


def test_no_second_opinion_from_the_engine_that_read_the_page():
    cfg = load_data("ocr.toml")["second_opinion"]
    words = [Word("38", Box(0, 0, 10, 10), "ocr:tesseract", 0.5)]
    grey = np.full((20, 20), 255, dtype=np.uint8)
    assert (
        second_opinion(words, Prepared(grey, grey, 300.0, unit=10.0), cfg, cfg["engine"]) == words
    )


@pytest.mark.parametrize(
    "own,theirs,same",
    [("Kovač", "Kovac", True), ("ＡＢ", "AB", True), ("— vs. 12", "- vs 12", True),
     ("Müller,", "muller", True), ("36", "38", False), ("Kova&", "Kovaé", False),
     ("72.6", "726", False), ("vs.", "vs", True), ("‘whole-brain", "whole-brain", True),
     ("R0", "RO", False), ("", "36", False)],
)  # fmt: skip
def test_two_readings_agree_apart_from_what_engines_print_differently(own, theirs, same):
    assert agree(own, theirs) is same


def test_a_value_read_otherwise_by_the_second_engine_says_so_and_how():
    schema = load_schema()
    f = Field("n", 38, "38", 0.9, 1, Box(0, 0, 1, 1), "ocr:rapidocr", rereads=[("38", "36")])
    g = Field("year", 2014, "2014", 0.9, 1, Box(0, 0, 1, 1), "ocr:rapidocr",
              rereads=[("2014", "2014")])  # fmt: skip
    rec = Record("Table 1", 0, 0, 1, 1, {"n": f, "year": g})
    features = {field.name: feats for _, field, feats in evidence([rec], schema)}
    assert features["n"]["second_differs"] == 1.0 and features["n"]["second_agrees"] == 0.0
    assert features["year"]["second_agrees"] == 1.0 and features["year"]["second_differs"] == 0.0
    notes = Field("notes", "无肝外转移", "无肝外转移", 0.99, 1, Box(0, 0, 1, 1), "ocr:rapidocr")
    checked = Field("notes", "消融完全率高", "消融完全率高", 0.9, 1, Box(0, 0, 1, 1),
                    "ocr:rapidocr", rereads=[("消融完全率高", "消融完全率高")])  # fmt: skip
    for value, agreed, unread in ((notes, 0.0, 1.0), (checked, 1.0, 0.0)):
        rec = Record("Table 1", 0, 0, 1, 1, {"notes": value})
        ((_, _, feats),) = evidence([rec], schema)
        assert (feats["long_text_agreed"], feats["long_text_unread"]) == (agreed, unread)
    f.doubts = ["second_differs"]
    assert "a second engine reads '36' for '38'" in doubt_sentence(f)


@pytest.mark.parametrize(
    "own,theirs,taken",
    [("Pieper,tal", "Pieper, et al.", True), ("ew", "few", False), ("al.", "tal.", False),
     ("OS", "OSs", False),
     ("rection;suitablefr", "resection; suitable for", True),
     ("Schullian,", "Schullian, oe ，，", False), ("al.27", "IvLaly al.27", False),
     ("Clinical", "[Clinical |", False), ("17%", "179%6", False), ("Smith", "Smith", False),
     ("Smith", "Smyth", False), ("TACE", "TACE 1", False), ("l", "la", False),
     ("mortality", "mortality,", False)],
)  # fmt: skip
def test_a_second_reading_is_taken_only_where_it_puts_back_glyphs_the_first_lost(
    own, theirs, taken
):
    from extract.second_opinion import fills_in

    assert fills_in(own, theirs, load_data("ocr.toml")["second_opinion"]) is taken
