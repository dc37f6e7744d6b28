"""OCR end to end on real rendered fixture pages, with the default engine and with Tesseract.

The batch reads one document of each kind of damage (a few pages each, not everything twice):
a (cid:N) layer, a mojibake layer, a fully ruled scan, a landscape table printed sideways on
a portrait scan, a bad English-only OCR layer over a three-line table, and a document whose
first page has a good layer and whose second is a scan. Floors are the issue's acceptance
floors, checked per mode with ``extract eval``.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import FIXTURES, PDFS, run_cli
from PIL import Image

from extract import Config
from extract.batch import run_batch
from extract.engines import ENGINES, get_engine
from extract.errors import TimeLimitError
from extract.evaluate import evaluate
from extract.model import Box, Word
from extract.ocr import merge_layer, split_at_layer_words
from extract.pipeline import run

OCR_SET = [
    "intl-cid",
    "domestic-scrambled",
    "domestic-scan",  # fully ruled
    "landscape-scan",  # sideways
    "intl-badocr",  # bad OCR layer over a three-line table
    "intl-mixed",  # page 1 text layer, page 2 scan
]
NUMERIC = ("year", "n", "median_os_months", "os_3y_pct", "os_5y_pct")


@pytest.fixture(scope="module")
def ocr_batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("ocr")
    pdfs = [PDFS / f"{name}.pdf" for name in OCR_SET]
    proc = run_cli("run", *pdfs, "-o", out, timeout=1200)
    assert proc.returncode == 0, proc.stderr
    return out, evaluate(out, FIXTURES / "truth")


@pytest.mark.parametrize("mode", ["cid", "scrambled", "scan", "badocr", "mixed"])
def test_every_mode_meets_the_floors(ocr_batch, mode):
    _, scores = ocr_batch
    s = scores[mode]
    assert s["record_recall"] >= 0.98 and s["record_precision"] >= 0.98
    floor = 0.99 if mode in ("cid", "scrambled", "mixed") else 0.97
    right = sum(s["field_accuracy"][f] for f in NUMERIC) / len(NUMERIC)
    assert right >= floor, s["field_accuracy"]
    assert s["notes_cer"] <= 0.05
    assert s["grid_cells"] >= 0.95
    assert s["confident_accuracy"] >= 0.9  # confidence is a probability: the contract


def test_a_second_engine_reads_the_weak_words_again_and_run_json_counts_them(ocr_batch):
    out, _ = ocr_batch
    for name in ("domestic-scan", "intl-cid"):
        counts = json.loads((out / name / "run.json").read_text())["second_opinion"]
        assert 0 < counts["words_differing"] < counts["words_reread"]
        assert 0 < counts["values_differing"] < counts["values_reread"]
        fields = pd.read_csv(out / name / "fields.csv")
        assert len(fields) > counts["values_reread"]  # only the weak words are read again


def test_an_engine_score_is_read_as_a_measured_probability():
    from extract.repair import Value, calibrated, confidence_of

    # RapidOCR is unsure of "35.4Vs.33.9" as a whole; its figures were right at such scores
    assert calibrated(0.55, "ocr:rapidocr", numeric=True) > 0.95
    assert calibrated(0.2, "ocr:rapidocr", numeric=True) < 0.5
    assert calibrated(0.55, "ocr:rapidocr", numeric=False) < calibrated(0.99, "ocr:rapidocr", False)
    assert calibrated(0.55, "ocr:tesseract", numeric=True) == 0.55  # not measured: as it is
    assert confidence_of(1.0, 100, Value(21, "21")) == 0.99


def test_sideways_and_ruled_scans_meet_the_floors_alone(ocr_batch, tmp_path):
    out, _ = ocr_batch
    for name in ("landscape-scan", "domestic-scan"):
        alone = tmp_path / name
        alone.mkdir()
        (alone / name).symlink_to(out / name)
        s = evaluate(alone, FIXTURES / "truth")["scan"]
        assert s["record_recall"] >= 0.98, name
        assert min(s["field_accuracy"][f] for f in NUMERIC) >= 0.97, (name, s)
        assert s["grid_cells"] >= 0.95, name


def test_the_sideways_page_is_turned_and_says_so(ocr_batch):
    out, _ = ocr_batch
    pages = json.loads((out / "landscape-scan" / "run.json").read_text())["pages"]
    assert {p["rotation"] for p in pages} == {pages[0]["rotation"]} and pages[0]["rotation"] in (
        90,
        270,
    )
    assert all(p["text_source"] == "ocr:rapidocr" for p in pages)


def test_boxes_of_a_turned_page_are_on_the_page_as_displayed(ocr_batch):
    out, _ = ocr_batch
    fields = pd.read_csv(out / "landscape-scan" / "fields.csv")
    assert fields["x1"].max() <= 596 and fields["bottom"].max() <= 843  # portrait page
    row = fields[fields["record_id"] == fields["record_id"].iloc[0]].set_index("field")
    study, notes = row.loc["study"], row.loc["notes"]
    # the printed row runs down the displayed page: same strip across, far apart down it
    assert abs(study["x0"] - notes["x0"]) < 15
    assert abs(study["top"] - notes["top"]) > 200


def test_each_page_says_where_its_text_came_from(ocr_batch):
    out, _ = ocr_batch
    mixed = json.loads((out / "intl-mixed" / "run.json").read_text())["pages"]
    assert [p["text_source"] for p in mixed] == ["text_layer", "ocr:rapidocr"]
    records = pd.read_csv(out / "intl-mixed" / "records.csv")
    assert set(records["page"]) == {1, 2}
    fields = pd.read_csv(out / "intl-cid" / "fields.csv")
    # figures come from the exact Latin layer, hanzi (进行中, 德国) from OCR
    years = fields[(fields["field"] == "year") & fields["value"].notna()]
    assert len(years) > 20 and set(years["source"]) == {"text_layer"}
    assert "ocr:rapidocr" in set(fields[fields["field"] == "country"]["source"])


def test_tesseract_reads_a_scanned_page():
    """The second engine, through the same interface, on one real page; the rendered page is
    kept for later stages (row crops in the QA report)."""
    config = Config(engine="tesseract")
    result = run(PDFS / "transarterial-scan.pdf", config)
    assert result.pages[0].text_source == "ocr:tesseract"
    kept = result.images[1]
    with Image.open(io.BytesIO(kept.png)) as img:
        size = img.size
    assert abs(size[0] - 595 * kept.dpi / 72) < 3 and abs(size[1] - 842 * kept.dpi / 72) < 3
    years = result.records["year"].dropna().astype(int).tolist()
    assert len(years) >= 8 and set(years) <= set(range(2014, 2025))


# --- errors --------------------------------------------------------------------------------


class Failing:
    """An engine that fails on every page, to show a page's failure stays that page's."""

    name = "failing"

    def check(self) -> None:
        return None

    def read(self, image):  # noqa: ANN001, ANN201
        raise RuntimeError("engine crashed")


def test_an_ocr_failure_is_the_page_error_and_the_rest_is_done(tmp_path):
    ENGINES["failing"] = f"{__name__}:Failing"
    try:
        result = run(PDFS / "intl-mixed.pdf", Config(engine="failing"))
    finally:
        del ENGINES["failing"]
    first, second = result.pages
    assert first.text_source == "text_layer" and not first.error
    assert second.reason == "ocr_failed" and "engine crashed" in second.error
    assert "page 2" in second.error
    assert len(result.records) > 10  # page 1's rows still read


class Wrapping:
    """An engine in which the document's time runs out, and which wraps that in an error of
    its own, as RapidOCR wraps whatever interrupts its ONNX session."""

    name = "wrapping"

    def check(self) -> None:
        return None

    def read(self, image):  # noqa: ANN001, ANN201
        try:
            raise TimeLimitError("doc.pdf: took longer than the 60 s limit per document")
        except TimeLimitError as exc:
            raise RuntimeError("ONNXRuntimeError: Traceback ...") from exc


def test_a_time_limit_struck_inside_an_engine_fails_the_document(tmp_path):
    # Not a page OCR could not read, and a document with that page's rows missing: the
    # document's time ran out, and it fails as a whole (the batch says so and goes on).
    ENGINES["wrapping"] = f"{__name__}:Wrapping"
    try:
        with pytest.raises(TimeLimitError, match="60 s limit"):
            run(PDFS / "intl-mixed.pdf", Config(engine="wrapping"))
    finally:
        del ENGINES["wrapping"]


def _run_without(env_changes: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_changes}
    out = tmp_path / "out"
    return run_cli("run", PDFS / "intl-clean.pdf", "-o", out, "--engine", "tesseract", env=env)


def test_missing_tesseract_is_one_clear_line_before_any_work(tmp_path):
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python").symlink_to(sys.executable)
    proc = _run_without({"PATH": str(bare)}, tmp_path)
    assert proc.returncode == 3  # the environment is incomplete (contract)
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "Tesseract is not installed" in lines[0]
    assert "apt-get install tesseract-ocr" in lines[0]
    assert not (tmp_path / "out").exists()


def test_missing_language_pack_is_named(tmp_path):
    empty = tmp_path / "tessdata"
    empty.mkdir()
    proc = _run_without({"TESSDATA_PREFIX": str(empty)}, tmp_path)
    assert proc.returncode == 3
    assert "language data missing: chi_sim, eng" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_engines_are_registered_by_name():
    assert {"rapidocr", "tesseract", "none"} <= set(ENGINES)
    assert get_engine("none").read(None) == []  # type: ignore[arg-type]


# --- merging a layer's exact Latin words into OCR --------------------------------------------


def _w(text: str, x0: float, x1: float, source: str = "text_layer") -> Word:
    return Word(text, Box(x0, 0, x1, 8), source, 1.0 if source == "text_layer" else 0.9)


def test_exact_layer_words_replace_ocr_and_hanzi_stay_from_ocr():
    ocr = [_w("Weinrich，等[23]", 10, 60, "ocr:x"), _w("一", 100, 108, "ocr:x"),
           _w("意大利", 150, 175, "ocr:x"), _w("2014", 200, 220, "ocr:x"),
           _w("2l", 240, 250, "ocr:x")]  # fmt: skip
    layer = [_w("Weinrich,", 10, 40), _w("—", 99, 108), _w("(cid:1)(cid:2)", 150, 175),
             _w("2014", 200, 220), _w("21", 240, 250)]  # fmt: skip
    words, agreement = merge_layer(ocr, layer, {"agree_share": 0.6, "agree_ratio": 60})
    texts = sorted((w.box.x0, w.text, w.source) for w in words)
    assert texts == [
        (10, "Weinrich,", "text_layer"),
        (40, "，等[23]", "ocr:x"),
        (99, "—", "text_layer"),
        (150, "意大利", "ocr:x"),
        (200, "2014", "text_layer"),
        (240, "21", "text_layer"),
    ]
    assert agreement == 1.0  # the layer's — is what OCR read as 一


def test_an_ocr_word_read_in_other_case_and_dash_under_layer_words_is_not_kept_too():
    # OCR reads the layer's ``vs`` and ``—`` as one word ``VS一``: the same glyphs, twice.
    ocr = [_w("—", 0, 8, "ocr:x"), _w("VS一", 12, 30, "ocr:x"), _w("2014", 40, 60, "ocr:x")]
    layer = [_w("—", 0, 8), _w("vs", 12, 20), _w("—", 22, 30), _w("2014", 40, 60)]
    words, _ = merge_layer(ocr, layer, {"agree_share": 0.6, "agree_ratio": 60})
    assert sorted((w.box.x0, w.text) for w in words) == [
        (0, "—"), (12, "vs"), (22, "—"), (40, "2014")
    ]  # fmt: skip


def test_a_layer_figure_on_the_line_over_an_ocr_box_grown_over_two_lines_is_kept():
    # ``3`` over ``年总生存率`` (a cid font): the detector boxed both lines as one and read the
    # five hanzi of the lower line only. Its hanzi lie under the ``3`` by the box alone; the
    # layer places five glyphs on the other line, so the ``3`` is the layer's to give.
    def word(text: str, x0: float, x1: float, top: float, bottom: float, source: str) -> Word:
        return Word(text, Box(x0, top, x1, bottom), source, 0.95)

    ocr = [word("年总生存率", 365.3, 413.5, 226.1, 254.9, "ocr:x"),
           word("Salvage", 454.9, 491.1, 254.4, 264.4, "ocr:x")]  # fmt: skip
    layer = [word("3", 386.4, 392.0, 227.4, 237.4, "text_layer"),
             word("(cid:113)(cid:143)(cid:31)(cid:140)(cid:144)", 364.2, 414.2, 238.9, 248.9,
                  "text_layer"),
             word("Salvage", 454.9, 491.1, 254.4, 264.4, "text_layer")]  # fmt: skip
    words, _ = merge_layer(ocr, layer, {"agree_share": 0.5, "agree_ratio": 60})
    assert sorted(w.text for w in words) == ["3", "Salvage", "年总生存率"]


def test_an_ocr_word_read_across_two_layer_words_is_cut_where_they_part():
    # A damaged font misnames glyphs (scrambled hanzi, cid codes) but places each one: the
    # layer's words part at the gap between two header cells that OCR read as one word.
    ocr = [_w("中位生存期3年OS率", 10, 86, "ocr:x"), _w("RFA", 100, 120, "ocr:x")]
    layer = [_w("倾较纵亡肝", 10, 50), _w("3(cid:7)OS(cid:9)", 54, 86), _w("RFA", 100, 120)]
    words = split_at_layer_words(ocr, layer)
    assert [(w.text, w.box.x0, w.box.x1) for w in words] == [
        ("中位生存期", 10, 50), ("3年OS率", 54, 86), ("RFA", 100, 120)
    ]  # fmt: skip
    # Where the glyphs do not add up, OCR's reading is left whole.
    assert split_at_layer_words([_w("中位生存期3年OS", 10, 86, "ocr:x")], layer)[0].text == (
        "中位生存期3年OS"
    )


def test_an_ocr_word_read_over_two_cells_at_two_heights_is_cut_at_the_layers_words():
    # A cramped header: ``3`` / ``年总生存率`` wrapped beside ``五年OS`` set between its lines.
    # The detector boxes all of it as one tall line; the layer places each glyph, the ``3``
    # over the rest. The pieces are boxed where the layer prints them, not the tall box.
    def word(text, x0, x1, top, bottom, source="text_layer"):
        return Word(text, Box(x0, top, x1, bottom), source, 0.9)

    ocr = [word("年总生存率五年OS", 365, 451, 226, 255, "ocr:x")]
    layer = [word("3", 386, 392, 227.5, 237.5), word("限新横者同", 364, 414, 238.4, 248.4),
             word("袁限OS", 417.6, 452, 232.7, 242.7)]  # fmt: skip
    words = split_at_layer_words(ocr, layer)
    assert [(w.text, w.box.x0, w.box.top) for w in words] == [
        ("年总生存率", 364, 238.4), ("五年OS", 417.6, 232.7)
    ]  # fmt: skip


def test_rapidocr_words_part_where_the_paper_between_two_glyphs_is_blank():
    # Two header cells a narrow gap apart: the recogniser reads them as one line and its
    # glyph boxes close the gap up; the blank paper between the glyphs parts them.
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/arphic/uming.ttc", 22)
    image = Image.new("L", (520, 60), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, 18), "3年总生存率", font=font, fill=0)
    second = 30 + draw.textlength("3年总生存率", font=font)
    draw.text((second, 18), "5年总生存率", font=font, fill=0)
    engine = get_engine("rapidocr")
    settings = engine.cfg
    assert [w.text for w in engine.read(np.array(image))] == ["3年总生存率", "5年总生存率"]
    engine.cfg = dict(settings, ink_gap=99, hanzi_gap=99)  # glyph boxes alone
    assert [w.text for w in engine.read(np.array(image))] == ["3年总生存率5年总生存率"]
    one = Image.new("L", (520, 60), 255)
    ImageDraw.Draw(one).text((20, 18), "腹腔镜肝切除术", font=font, fill=0)
    engine.cfg = settings
    assert [w.text for w in engine.read(np.array(one))] == ["腹腔镜肝切除术"]


def test_rapidocr_words_part_where_hanzi_stand_a_third_of_an_em_apart():
    # ``发表年`` and ``纳入人数``, two header cells set close, read by the detector as one
    # line: the engine's glyph boxes close the gap up, and the paper between the glyphs'
    # middles shows a third of an em (a 150-dpi scan: ``Child-Pugh`` | ``中位生存时间``),
    # less than the line's ink is tall, more than hanzi in a word leave (a sixth).
    from extract.engines.rapidocr import _glyph_line

    engine = get_engine("rapidocr")
    ink = np.zeros((40, 400), bool)
    glyphs, boxes, x = [], [], 10
    for glyph in "发表年纳入人数":
        x += 9 if glyph == "纳" else 4  # 0.37 em between the cells, a sixth inside them
        ink[8:32, x : x + 24] = True  # a hanzi's ink: an em (24 px) square
        glyphs.append(glyph)
        boxes.append([[x - 2, 8], [x + 26, 8], [x + 26, 32], [x - 2, 32]])
        x += 24
    points = [[10, 6], [x, 6], [x, 34], [10, 34]]
    line = [points, "".join(glyphs), 0.95, boxes, glyphs, [0.95] * len(glyphs)]
    words = engine._words(line, _glyph_line(line), ink)
    assert [w.text for w in words] == ["发表年", "纳入人数"]
    settings = engine.cfg
    engine.cfg = dict(settings, hanzi_gap=99)
    try:
        glued = engine._words(line, _glyph_line(line), ink)
    finally:
        engine.cfg = settings
    assert [w.text for w in glued] == ["发表年纳入人数"]


def test_a_capital_look_alike_closing_a_word_the_engine_ran_into_the_next_stays_capital():
    # ``Shorter DFS in`` read ``DFsin`` as one run of glyphs, no space between: the s is as
    # tall as the capitals, and the paper after it (a word space) says the i opens a word,
    # so the S closes ``DFS`` rather than sitting inside a word (``FOllow``).
    engine = get_engine("rapidocr")
    ink = np.zeros((50, 300), bool)
    glyphs, boxes, x = [], [], 10
    for glyph, height, gap in [("D", 30, 0), ("F", 30, 4), ("s", 30, 4), ("i", 22, 14),
                               ("n", 22, 4)]:  # fmt: skip
        x += gap
        ink[40 - height : 40, x : x + 16] = True
        glyphs.append(glyph)
        boxes.append([[x - 1, 6], [x + 17, 6], [x + 17, 44], [x - 1, 44]])
        x += 16
    line = [[[10, 6], [x, 6], [x, 44], [10, 44]], "DFsin", 0.7, boxes, glyphs, [0.7] * 5]
    assert [w.text for w in engine.words_of([line], ink)] == ["DFS", "in"]


LATIN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
HAN_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


def _set_in_type(size: tuple[int, int], lines: list, unit: float, threshold: bool = False):
    """A scan drawn for the OCR stage: each line is ``((x, y), runs)``, a run being
    ``(text, font, gap before it, rise)`` set after the one before. The page prepared (its
    ink thresholded when asked, else grey as it is), and each line's right edge."""
    from PIL import ImageDraw

    from extract.imaging import Prepared

    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    rights = []
    for (x, y), runs in lines:
        for text, font, gap, rise in runs:
            x += gap
            draw.text((x, y - rise), text, font=font, fill=0)
            x += draw.textlength(text, font=font)
        rights.append(x)
    grey = np.array(image)
    ink = np.where(grey < 128, 0, 255).astype(np.uint8) if threshold else grey
    return Prepared(grey, ink, 300.0, unit=unit), rights


def _fonts(size: int):
    from PIL import ImageFont

    return ImageFont.truetype(LATIN_FONT, size), ImageFont.truetype(HAN_FONT, size)


def test_accents_are_read_again_in_a_name_that_opens_a_word_and_only_accents_are_taken():
    # RapidOCR reads ``Gómez,等[22]`` as ``Gomez,等[22]`` and ``Kümler`` as ``Kimler``: the
    # Latin-script model gives the name its accents, and the rest of the word stays.
    from extract.ocr import with_accents_and_slashes
    from extract.schema import load_data

    latin, han = _fonts(40)
    prepared, rights = _set_in_type(
        (900, 200),
        [((20, 30), [("Gómez,", latin, 0, 0), ("等", han, 0, 0), ("[22]", latin, 5, 0)]),
         ((20, 120), [("Kümler", latin, 0, 0)]),
         ((420, 120), [("Wójcik", latin, 0, 0)]),  # its ó read as a figure: W6jcik
         ((620, 30), [("ratė", latin, 0, 0)])],  # a speck over a remark's word
        unit=30.0,
    )  # fmt: skip
    words = [Word(read, Box(x - 5, y - 8, right + 5, y + 52), "ocr:x", 0.9)
             for read, (x, y), right in zip(["Gomez,等[22]", "Kimler", "W6jcik", "rate"],
                                            [(20, 30), (20, 120), (420, 120), (620, 30)],
                                            rights, strict=True)]  # fmt: skip
    read = with_accents_and_slashes(words, prepared, load_data("ocr.toml")["accents"])
    assert [w.text for w in read] == ["Gómez,等[22]", "Kümler", "Wójcik", "rate"]


def test_a_citations_superscript_figures_blurred_into_one_are_read_again_enlarged():
    # ``Schullian et al.²²`` on a scan: the engine read ``al.2`` (two small figures blurred
    # into one), ``al.,28`` and ``Schullian's`` for ``Schullian⁷⁵``; the raised ink,
    # enlarged and read alone, says 22, 28 and 75. A word whose figures or ``'s`` stand on
    # its line's foot (``Sabol48``, ``Yates's``, and the 7 whose bar alone stands high) is
    # not read again.
    from PIL import ImageFont

    from extract.engines import get_engine
    from extract.ocr import _superscripts_read_again
    from extract.schema import load_data

    serif = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
    body, small = ImageFont.truetype(serif, 36), ImageFont.truetype(serif, 20)
    lines = [((20, 30), [("al.", body, 0, 0), ("22", small, 2, 4)]),
             ((20, 130), [("al.", body, 0, 0), ("28", small, 2, 4)]),
             ((20, 230), [("Schullian", body, 0, 0), ("75", small, 2, 4)]),
             ((400, 30), [("Sabol48", body, 0, 0)]),
             ((400, 130), [("NCT02672257", body, 0, 0)]),
             ((400, 230), [("Yates's", body, 0, 0)])]  # fmt: skip
    prepared, rights = _set_in_type((800, 360), lines, unit=30.0, threshold=True)
    readings = ["al.2", "al.,28", "Schullian's", "Sabol48", "NCT02672257", "Yates's"]
    words = [Word(read, Box(x, y, right + 2, y + 44), "ocr:x", 0.9)
             for read, ((x, y), _), right in zip(readings, lines, rights, strict=True)]  # fmt: skip
    cfg = load_data("ocr.toml")["superscripts"]
    read = _superscripts_read_again(words, get_engine("rapidocr"), prepared, cfg)
    assert [w.text for w in read] == [
        "al.22", "al.28", "Schullian75", "Sabol48", "NCT02672257", "Yates's"
    ]  # fmt: skip


def test_a_citations_superscript_read_as_a_letter_or_left_out_of_the_box_is_read_again():
    # ``Bale⁵`` read ``Bales``, ``Okafor⁷`` read ``Okafor?``, ``马敏超⁴`` boxed without its
    # raised 4: the raised ink is the citation, and the letter the glyphs on the foot leave
    # over is the engine's reading of it. Raised figures the engine read as a word of their
    # own stay theirs, and a name whose last letter stands on the foot keeps it.
    from PIL import ImageFont

    from extract.engines import get_engine
    from extract.ocr import _superscripts_read_again
    from extract.schema import load_data

    serif = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
    body, small = ImageFont.truetype(serif, 36), ImageFont.truetype(serif, 20)
    han = ImageFont.truetype(HAN_FONT, 36)
    lines = [((20, 30), [("Bale", body, 0, 0), ("5", small, 2, 4)]),
             ((20, 130), [("Okafor", body, 0, 0), ("7", small, 2, 4)]),
             ((20, 230), [("马敏超", han, 0, 0), ("4", small, 2, 4)]),
             ((400, 30), [("al.", body, 0, 0), ("13", small, 2, 4)]),
             ((400, 130), [("Bales", body, 0, 0)])]  # fmt: skip
    prepared, rights = _set_in_type((800, 330), lines, unit=30.0, threshold=True)
    readings = ["Bales", "Okafor?", "马敏超", "al.", "Bales"]
    ends = [rights[0], rights[1], 20 + 3 * 36, 400 + body.getlength("al."), rights[4]]
    words = [Word(read, Box(x, y, right + 1, y + 44), "ocr:x", 0.9)
             for read, ((x, y), _), right in zip(readings, lines, ends, strict=True)]  # fmt: skip
    words.append(Word("13", Box(ends[3] + 2, 30, rights[3] + 1, 74), "ocr:x", 0.9))
    cfg = load_data("ocr.toml")["superscripts"]
    read = _superscripts_read_again(words, get_engine("rapidocr"), prepared, cfg)
    assert [w.text for w in read] == ["Bale5", "Okafor7", "马敏超4", "al.", "Bales", "13"]


@pytest.mark.parametrize(
    "own,theirs,taken",
    [("Muller", "Müller", "Müller"), ("Kimler", "Kümler", "Kümler"),
     ("Ovrebg", "Øvrebø", "Øvrebø"), ("Kumler", "Kümlen", "Kümler"),
     ("Lefevre", "LefèvreF", "Lefèvre"), ("Smith", "Smith", "Smith"),
     ("Smith", "Smjth", "Smith"), ("Wang", "Wangi", "Wang"), ("Sato", "Sá", "Sato"),
     ("Tanaka", "Ñoura", "Tanaka"), ("Muiller", "Müller", "Müller"),
     ("Kuimler", "Kümler", "Kümler"), ("Lili", "Lil", "Lili"), ("Smith", "Smth", "Smith")],
)  # fmt: skip
def test_only_the_latin_models_accents_are_taken(own, theirs, taken):
    """Its accented letters go where it read them; its other letters only vouch that it
    read the same name (``Kümlen``), never replace the engine's."""
    from extract.ocr import _accents_taken

    assert _accents_taken(own, theirs) == taken


def test_an_unsure_reading_accents_only_the_same_letter():
    from extract.ocr import _accents_taken

    assert _accents_taken("Single", "Siùgle", unsure=True) == "Single"
    assert _accents_taken("Jonsson", "Jönsson", unsure=True) == "Jönsson"
    assert _accents_taken("Kimler", "Kümler", unsure=False) == "Kümler"


def test_a_layer_that_disagrees_with_ocr_is_not_used():
    ocr = [_w("2014", 0, 20, "ocr:x"), _w("45", 30, 40, "ocr:x"), _w("RFA", 50, 70, "ocr:x")]
    layer = [_w("FRBALRT", 0, 20), _w("ws", 30, 40), _w("SERY", 50, 70)]
    words, agreement = merge_layer(ocr, layer, {"agree_share": 0.6, "agree_ratio": 60})
    assert words == ocr and agreement < 0.6


def test_accented_layer_words_are_kept_where_ocr_read_them_without_accents():
    ocr = [
        _w("Kumler", 0, 30, "ocr:x"),
        _w("Ovrebo", 40, 70, "ocr:x"),
        _w("2014", 80, 100, "ocr:x"),
    ]
    layer = [_w("Kümler", 0, 30), _w("Øvrebø", 40, 70), _w("2014", 80, 100), _w("Ã¤Â¸", 110, 130)]
    words, _ = merge_layer(ocr, layer, {"agree_share": 0.6, "agree_ratio": 60})
    assert sorted(w.text for w in words) == ["2014", "Kümler", "Øvrebø"]  # mojibake stays out


def test_a_run_of_ascii_symbols_in_the_layer_is_kept_only_where_ocr_read_it():
    ocr = [_w("胆道损伤", 0, 40, "ocr:x"), _w("(%)", 50, 70, "ocr:x"), _w("2014", 80, 100, "ocr:x")]
    layer = [_w("#$%&", 0, 40), _w("(%)", 50, 70), _w("2014", 80, 100)]
    words, _ = merge_layer(ocr, layer, {"agree_share": 0.6, "agree_ratio": 60})
    assert sorted((w.text, w.source) for w in words) == [
        ("(%)", "text_layer"), ("2014", "text_layer"), ("胆道损伤", "ocr:x")]  # fmt: skip


def test_a_confusion_told_by_the_word_before_is_undone_across_the_engines_word_cut():
    # The engine cut ``ECOG sl`` and ``数目s3个`` where the glyphs leave a gap: the word
    # alone cannot say its s is a ≤ that lost its bar, the word before it can. A word
    # farther off on the line, or on another line, says nothing.
    from extract.ocr import _corrected_after
    from extract.schema import load_data

    def word(text: str, x0: float, x1: float, top: float = 0) -> Word:
        return Word(text, Box(x0, top, x1, top + 30), "ocr:x", 0.9)

    words = [word("ECOG", 0, 80), word("sl", 92, 110), word("数目", 200, 260),
             word("s3个", 268, 320), word("CR", 400, 440), word("s1", 560, 580),
             word("OS", 600, 640, 100), word("s2", 600, 620, 140)]  # fmt: skip
    fixed = _corrected_after(words, load_data("ocr.toml")["correct"], unit=30)
    assert [w.text for w in fixed] == ["ECOG", "≤1", "数目", "≤3个", "CR", "s1", "OS", "s2"]


@pytest.mark.parametrize(
    ("read", "meant"),
    [("35.4Vs.33.9", "35.4vs.33.9"), ("HRVS.SBRT", "HRvs.SBRT"), ("48vS.45", "48vs.45"),
     ("5年0S率", "5年OS率"), ("1年0s率", "1年OS率"), ("10s", "10s"), ("3-year Os", "3-year OS"),
     ("obvs.", "obvs."), ("10S", "10S"),
     ("Osaka", "Osaka"), ("ECOG≤1丶肝内", "ECOG≤1、肝内"), ("a1.27", "al.27"), ("Cl", "CI"),
     ("短期随访·两种", "短期随访，两种"), ("Jean·Paul", "Jean·Paul"),
     ("[95% C]", "[95% CI"), ("Cla", "Cla"), ("C1", "C1"), ("[95%C123.3", "[95% CI 23.3"),
     ("[95% Cl40.5", "[95% CI 40.5"), ("C123", "C123"), ("ECOGs1", "ECOG≤1"),
     ("数目s3个", "数目≤3个"), ("ECOGS1", "ECOG≤1"), ("数目S3个", "数目≤3个"), ("HS10", "HS10"),
     ("CPS 1", "CPS 1"), ("42Vs20", "42Vs20"), ("TKIs", "TKIs"), ("RO切除", "R0切除"),
     ("ROC", "ROC"), ("Ro", "Ro"), ("2013.", "2013"), ("34.6.", "34.6"), ("SRFA.vs.", "SRFAvs."),
     ("-.vs.", "-vs."), ("al.", "al."), ("12vs.", "12vs."), ("5.2", "5.2"), ("≤l", "≤1"),
     ("l-year", "1-year"), ("S-yr", "5-yr"), ("Sales", "Sales"), ("al.2s", "al.25"),
     ("al.4o", "al.40"), ("1990s", "1990s"), ("0ngoing", "Ongoing"), ("10mg", "10mg"),
     ("l年OS", "1年OS"), ("S年", "5年"), ("SI年", "SI年"), ("al.↓40]", "al.[40]"),
     ("al. (12,13]", "al. [12,13]"), ("al.[40]", "al.[40]"), ("(2013)", "(2013)"),
     ("x(40)", "x(40)"), ("ECOG s1", "ECOG ≤1"), ("Cases s1", "Cases s1"),
     ("et al.s3", "et al.53"), ("et al.ss", "et al.55"), ("al.so", "al.50"), ("e.g.sa", "e.g.sa"),
     ("et al.co", "et al.60"), ("al.c", "al.6"), ("al.3c", "al.36"), ("al.cat", "al.cat"),
     ("表]", "表1"), ("表l治疗相关", "表1治疗相关"), ("表]]", "表]]"), ("Table]", "Table]"),
     ("O", "0"), ("OS", "OS"), ("Zhang.等[35]", "Zhang,等[35]"), ("HR.等", "HR,等"),
     ("al.,[17]", "al.[17]"), ("al., [17]", "al. [17]"), ("Lee, al.,", "Lee, al.,"),
     ("82%v5 —", "82%vs —"), ("59v5.16", "59vs.16"), ("— vs, —", "— vs. —"), ("v50", "v50"),
     ("Kv5", "Kv5"), ("vs,a", "vs,a"), ("Ong0ing", "Ongoing"), ("R0", "R0"), ("a0", "a0"),
     ("al,s5", "al.55"), ("al,62", "al.62"), ("al, 2004", "al, 2004"), ("Real,5", "Real,5"),
     ("lbanez", "Ibanez"), ("lto等[3]", "Ito等[3]"), ("Lloyd", "Lloyd"), ("lyon", "lyon"),
     ("lbs", "lbs"), ("level", "level"), ("Bell", "Bell"), ("al.", "al.")],
)  # fmt: skip
def test_engines_glyph_confusions_are_undone(read, meant):
    from extract.ocr import corrected
    from extract.schema import load_data

    assert corrected(read, load_data("ocr.toml")["correct"]) == meant


def test_a_scan_displayed_sideways_by_rotate_is_turned_back(tmp_path):
    """/Rotate shows the scan sideways; OCR turns it upright again and reads the table."""
    import pikepdf

    folder = tmp_path / "in"
    folder.mkdir()
    with pikepdf.open(PDFS / "transarterial-scan.pdf") as pdf:
        del pdf.pages[1]  # the table is on page 1
        pdf.pages[0].Rotate = 90
        pdf.save(folder / "transarterial-rotated.pdf")
    run_batch([folder], tmp_path / "out", Config(), progress=lambda m: None)
    page = json.loads((tmp_path / "out" / "transarterial-rotated" / "run.json").read_text())
    assert page["pages"][0]["rotation"] == 0  # displayed +90, turned back by 270
    s = evaluate(tmp_path / "out", FIXTURES / "truth")["rotated"]
    assert s["record_recall"] >= 0.98
    assert min(s["field_accuracy"][f] for f in NUMERIC) >= 0.97


@pytest.mark.parametrize("turned", [0, 180])
def test_an_upside_down_scan_is_set_upright_by_its_lines_when_osd_is_unsure(turned):
    # OSD is made never sure (as on pages of hanzi and figures): the engine's reading of the
    # text lines alone says which way up the page stands.
    import pypdfium2 as pdfium

    from extract.imaging import prepare, render, turn
    from extract.schema import load_data

    cfg = dict(load_data("ocr.toml")["prepare"], orientation_confidence=1000.0)
    pdf = pdfium.PdfDocument(PDFS / "domestic-scan.pdf")
    grey, dpi = render(pdf, 1, 150)
    pdf.close()
    engine = get_engine("rapidocr")
    prepared = prepare(turn(grey, turned), dpi, cfg, None, engine.line_turns)
    assert prepared.rotation == turned


@pytest.mark.parametrize("turned", [90, 270])
def test_a_scan_on_its_side_is_set_upright_by_its_standing_lines_when_osd_and_ink_cannot_tell(
    turned, monkeypatch
):
    # A sparse page on its side (a few table rows, a paragraph): OSD is unsure, and the
    # ink's profile looks no more like columns than rows. The text lines the engine's
    # detector finds stand rather than lie: the page lies on its side.
    import pypdfium2 as pdfium

    from extract import imaging
    from extract.imaging import prepare, render, turn
    from extract.schema import load_data

    monkeypatch.setattr(imaging, "lines_run_vertically", lambda binary: False)
    cfg = dict(load_data("ocr.toml")["prepare"], orientation_confidence=1000.0)
    pdf = pdfium.PdfDocument(PDFS / "domestic-scan.pdf")
    grey, dpi = render(pdf, 1, 150)
    pdf.close()
    prepared = prepare(turn(grey, turned), dpi, cfg, None, get_engine("rapidocr").line_turns)
    assert (turned + prepared.rotation) % 360 == 0


def test_a_dash_read_twice_is_kept_once_and_dashes_of_two_rows_both():
    from extract.ocr import _one_dash_each

    layer = Word("—", Box(462.1, 307.2, 470.1, 315.2), "text_layer", 1.0)
    read = Word("一", Box(462.2, 309.4, 469.7, 318.7), "ocr:rapidocr", 0.82)
    below = Word("—", Box(462.1, 323.7, 470.1, 331.7), "text_layer", 1.0)
    kept = _one_dash_each([layer, below, read], unit=6.0)
    assert kept == [layer, below]
    # the piece an OCR word ``VS-`` left beside the layer's ``VS``, its box cut short at the
    # word's end: it touches the layer's dash, which no second dash would
    piece = Word("-", Box(486.0, 334.0, 489.0, 342.0), "ocr:rapidocr", 0.9)
    dash = Word("—", Box(488.0, 334.0, 495.0, 342.0), "text_layer", 1.0)
    apart = Word("—", Box(499.0, 334.0, 506.0, 342.0), "text_layer", 1.0)  # — vs — spaced
    assert _one_dash_each([dash, piece, apart], unit=6.0) == [dash, apart]


def test_a_piece_of_a_word_boxed_again_is_read_once():
    from extract.ocr import _read_once

    whole = Word("30.8", Box(1806, 2775, 1890, 2819), "rapidocr", 1.0)
    piece = Word("3", Box(1879, 2767, 1890, 2829), "rapidocr", 0.91)  # the 8's right half
    beside = Word("No", Box(1923, 2767, 1972, 2829), "rapidocr", 1.0)
    assert _read_once([whole, piece, beside]) == [whole, beside]


def test_a_glyph_of_another_lines_word_caught_in_a_line_box_is_read_once():
    # ``— vs. 39%``'s line box ran on into the next column and caught the ``s`` of
    # ``single-centre`` on the line beside it: a box two thirds inside a longer word's.
    from extract.ocr import _read_once

    word = Word("single-centre", Box(438.5, 274.1, 496.3, 287.0), "rapidocr", 1.0)
    caught = Word("S", Box(439.0, 277.0, 442.6, 292.6), "rapidocr", 0.86)
    below = Word("experience;", Box(438.5, 286.3, 490.1, 296.6), "rapidocr", 0.99)
    assert _read_once([word, caught, below]) == [word, below]
    # the right half of 58.8's 8 boxed again, reaching past the word's box: printed words
    # share no ink, these share half the narrower one's width
    figure = Word("58.8", Box(309.4, 121.7, 327.8, 133.0), "rapidocr", 1.0)
    half = Word("3", Box(326.4, 121.2, 329.3, 133.4), "rapidocr", 0.96)
    assert _read_once([figure, half]) == [figure]


def test_a_glyph_read_where_the_ink_cannot_be_it_is_dropped():
    from extract.ocr import _ink_agrees
    from extract.schema import load_data

    cfg = load_data("ocr.toml")["glyphs"]
    binary = np.full((60, 300), 255, np.uint8)
    binary[10:40, 20:24] = 0  # a rule's upright stub, as tall as a line
    binary[10:40, 60:80] = binary[10:40, 84:90] = 0  # a % and the piece right of it
    binary[24:28, 120:150] = 0  # a dash
    binary[34:40, 200:203] = 0  # a comma, low on its line
    assert not _ink_agrees(Word("1", Box(250, 8, 256, 42), "x", 0.8), binary, cfg)
    assert not _ink_agrees(Word("一", Box(19, 8, 25, 42), "x", 0.7), binary, cfg)
    assert not _ink_agrees(Word(",", Box(83, 8, 91, 42), "x", 0.8), binary, cfg)
    assert _ink_agrees(Word("—", Box(119, 8, 151, 42), "x", 0.9), binary, cfg)
    assert _ink_agrees(Word(",", Box(199, 8, 204, 42), "x", 0.9), binary, cfg)
    assert _ink_agrees(Word("1", Box(19, 8, 25, 42), "x", 0.9), binary, cfg)


def test_a_dash_read_as_a_one_where_a_lone_stroke_lies_is_the_dash():
    from extract.imaging import Prepared
    from extract.ocr import _measured_dash
    from extract.schema import load_data

    unit = 26.0
    prepared = Prepared(np.zeros((10, 10), np.uint8), np.zeros((10, 10), np.uint8), 300,
                        dashes=[Box(1473, 2777, 1502, 2781)], unit=unit, figure=unit)  # fmt: skip
    cfg = load_data("ocr.toml")["prepare"]
    one = Word("1", Box(1471, 2769, 1502, 2793), "rapidocr", 0.81)
    assert _measured_dash(one, prepared, cfg).text == "—"
    elsewhere = Word("1", Box(1600, 2769, 1606, 2793), "rapidocr", 0.81)
    assert _measured_dash(elsewhere, prepared, cfg).text == "1"
    # an en dash with a scan's speck under its right end, read L over the two
    with_speck = Word("L", Box(1490, 2770, 1506, 2795), "rapidocr", 0.62)
    assert _measured_dash(with_speck, prepared, cfg).text == "—"


def test_a_wide_dash_read_as_two_at_a_words_start_is_the_one_glyph_measured():
    from extract.imaging import Prepared
    from extract.ocr import _measured_dash
    from extract.schema import load_data

    unit = 26.0
    prepared = Prepared(np.zeros((10, 10), np.uint8), np.zeros((10, 10), np.uint8), 300,
                        dashes=[Box(100, 118, 128, 121)], unit=unit)  # fmt: skip
    cfg = load_data("ocr.toml")["prepare"]
    word = Word("——vs.", Box(99, 105, 160, 131), "rapidocr", 0.9)
    assert _measured_dash(word, prepared, cfg).text == "—vs."
    hyphen = Word("12vs.--", Box(40, 105, 129, 131), "rapidocr", 0.9)
    assert _measured_dash(hyphen, prepared, cfg).text == "12vs.—"
    assert _measured_dash(Word("R0-", Box(0, 105, 30, 131), "x", 0.9), prepared, cfg).text == "R0-"
    # a word opening and closing with dashes: the one at its end measured after the one
    # at its start shortened it
    strokes = [Box(100, 118, 128, 121), Box(180, 118, 208, 121)]
    both = Prepared(np.zeros((10, 10), np.uint8), np.zeros((10, 10), np.uint8), 300,
                    dashes=strokes, unit=unit)  # fmt: skip
    word = Word("——vs—", Box(99, 105, 208, 131), "rapidocr", 0.9)
    assert _measured_dash(word, both, cfg).text == "—vs—"


def test_a_dash_read_at_a_words_start_whose_box_falls_short_is_not_added_again():
    # The engine read ``—vs.`` with its box starting halfway along the dash's stroke: the
    # lone stroke found on the page is that dash, not another (``— —vs. —``), and its
    # measure is the word's first glyph.
    from extract.imaging import Prepared
    from extract.ocr import _measured_dash, _opens_or_ends
    from extract.schema import load_data

    unit = 30.0
    stroke = Box(1613, 1162, 1641, 1166)  # an em dash: as long as a figure is tall
    word = Word("-vs.", Box(1634, 1150, 1672, 1180), "rapidocr", 0.9)
    assert _opens_or_ends(stroke, word, unit)
    assert not _opens_or_ends(stroke, Word("vs.", Box(1645, 1150, 1672, 1180), "x", 0.9), unit)
    assert not _opens_or_ends(stroke, Word("-vs.", Box(1634, 1250, 1672, 1280), "x", 0.9), unit)
    prepared = Prepared(np.zeros((10, 10), np.uint8), np.zeros((10, 10), np.uint8), 300,
                        dashes=[stroke], unit=unit, figure=unit)  # fmt: skip
    assert _measured_dash(word, prepared, load_data("ocr.toml")["prepare"]).text == "—vs."


def test_an_undotted_vs_is_left_as_read_where_the_page_prints_no_dot():
    from extract.ocr import _restore_vs_dots
    from extract.schema import load_data

    pattern = load_data("ocr.toml")["vs_undotted"]
    read = ["SRSvsLRvS", "TARE", "42Vs20", "TAEVS肝切除术", "AVSD", "VS", "vs."]
    words = [Word(t, Box(0, 0, 1, 1), "ocr:x", 0.9) for t in read]
    assert _restore_vs_dots(words, pattern) == words  # engines misread the case both ways


def test_a_vs_that_lost_its_dot_on_a_page_printing_vs_dot_gets_it_back():
    from extract.ocr import _restore_vs_dots
    from extract.schema import load_data

    read = ["—", "VS", "—", "20%", "vs.", "40%", "12vs.", "74%vs."]
    words = [Word(t, Box(0, 0, 1, 1), "ocr:x", 0.9) for t in read]
    texts = [w.text for w in _restore_vs_dots(words, load_data("ocr.toml")["vs_undotted"])]
    assert texts == ["—", "vs.", "—", "20%", "vs.", "40%", "12vs.", "74%vs."]


def test_rapidocr_words_part_at_a_word_space_between_latin_glyphs_not_after_a_hanzi_comma():
    # A cramped table scanned at 200 dpi: a year and a treatment one word space apart, read
    # as one run with no space (``1995CRA``). Blank paper half the line's ink height wide
    # parts two Latin glyphs (inside a word the paper between them is under a fifth); a
    # full-width comma leaves as much paper inside one remark of hanzi.
    engine = get_engine("rapidocr")
    ink = np.zeros((40, 400), bool)
    glyphs, boxes, x = [], [], 10
    for glyph in "1995CRA术，R0":
        x += 14 if glyph == "C" else 3
        width = 24 if glyph == "，" else 10
        ink[7:33, x : x + 10] = glyph != "，"
        ink[28:33, x : x + 4] = True  # a comma's ink: a speck at the foot of its box
        glyphs.append(glyph)
        # The recogniser's glyph boxes are wider than the ink and close the gaps up.
        boxes.append([[x - 4, 7], [x + width + 4, 7], [x + width + 4, 33], [x - 4, 33]])
        x += width
    points = [[10, 5], [x, 5], [x, 35], [10, 35]]
    line = [points, "".join(glyphs), 0.95, boxes, glyphs, [0.95] * len(glyphs)]
    from extract.engines.rapidocr import _glyph_line

    words = engine._words(line, _glyph_line(line), ink)
    assert [w.text for w in words] == ["1995", "CRA术，R0"]


def test_rapidocr_words_part_at_a_narrow_word_space_between_letters_not_inside_a_citation():
    # A small font on a coarse scan: the space between two words is a quarter of the line's
    # ink height, as wide as a bracket stands from a narrow figure (``[1``) inside a word.
    # ink 24 rows high: 7 blank columns are 0.29 of it
    spaces = {g: 7 for g in "f[1"}  # a word space, a bracket's and a figure's margins
    assert _latin_words("rate,few[12]", spaces) == ["rate,", "few[12]"]
    # a stop closes a word as a comma does: ``57 vs.`` and a remark's ``trial`` beside it in
    # the next column (``e.g.`` keeps its letters a letter's gap apart)
    assert _latin_words("vs.trial", {"t": 7}) == ["vs.", "trial"]
    assert _latin_words("e.g.", {}) == ["e.g."]


def test_rapidocr_words_part_at_a_narrow_word_space_after_a_figure():
    # A 150-dpi scan: ``74 vs. 59`` and ``37.8 [95%`` read as runs with no space, the word
    # spaces after the figures a third of the line's ink height; figures inside a word stand
    # closer (``T2N0``), and a bracket's figures are its word's.
    assert _latin_words("74vs.59", {"v": 8, "5": 11}) == ["74", "vs.", "59"]
    assert _latin_words("37.8[95%", {"[": 8}) == ["37.8", "[95%"]
    assert _latin_words("T2N0", {}) == ["T2N0"]


def _latin_words(text: str, spaces: dict[str, int]) -> list[str]:
    """The words RapidOCR's reader makes of a line of Latin glyphs, each 8 px of ink 24 rows
    high, set 2 px apart or ``spaces[glyph]`` before a glyph; the recogniser's glyph boxes
    2 px wider than the ink each side, closing the gaps up."""
    from extract.engines.rapidocr import _glyph_line

    engine = get_engine("rapidocr")
    ink = np.zeros((40, 400), bool)
    glyphs, boxes, x = [], [], 10
    for glyph in text:
        x += spaces.get(glyph, 2)
        ink[8:32, x : x + 8] = True
        glyphs.append(glyph)
        boxes.append([[x - 2, 8], [x + 10, 8], [x + 10, 32], [x - 2, 32]])
        x += 8
    points = [[10, 6], [x, 6], [x, 34], [10, 34]]
    line = [points, "".join(glyphs), 0.95, boxes, glyphs, [0.95] * len(glyphs)]
    return [w.text for w in engine._words(line, _glyph_line(line), ink)]


def test_rapidocr_words_part_after_the_stop_of_vs_before_the_next_cells_figure():
    # A compact table: ``DEB-TACE vs.`` ends a treatment cell and ``23.0`` starts the next
    # cell a column gap on. A stop after a digit is a decimal point and stays with its
    # figure however far the blur spaces them; the stop of ``vs.`` ends a word.
    spaces = {"v": 9, "2": 13}  # a word space; a column gap
    assert _latin_words("TACEvs.23.0", spaces) == ["TACE", "vs.", "23.0"]


def test_a_word_box_grown_over_two_printed_lines_moves_onto_the_line_it_read():
    # A centred two-line cell beside a three-line one sits half a line off it: the detector
    # grew one box over the cell's second and third lines (``vs. HAIC/CRA`` over
    # ``vs. LITT``) and the recogniser read the upper. The box moves onto that line's ink,
    # so the lower line is unread, and found again.
    from extract.imaging import unread_regions
    from extract.ocr import _one_line_each
    from extract.schema import load_data

    binary = np.full((200, 400), 255, np.uint8)
    binary[12:40, 100:300] = 0  # the line above, inside its own box
    binary[62:90, 100:300] = 0  # HAIC/CRA: the line read
    binary[112:140, 100:180] = 0  # LITT: the line the box also covers, shorter
    cfg = load_data("ocr.toml")["lines"]
    above = Word("ICI vs. TACE", Box(100, 6, 300, 46))
    tall = Word("HAIC/CRA", Box(100, 56, 300, 146))
    others = [Word(t, Box(320, y, 360, y + 40)) for t, y in [("a", 6), ("b", 56), ("c", 106)]]
    words = _one_line_each([above, tall, *others], binary, cfg)
    assert words[0] == above
    moved = words[1].box
    assert moved.top <= 62 and 90 <= moved.bottom < 112
    unread = unread_regions(binary, [w.box for w in words], 28, 10)
    assert [(b.top < 112, b.bottom > 140, b.x1 < 200) for b in unread] == [(True, True, True)]


def test_a_glyph_a_box_cut_short_is_not_read_again_as_a_word_of_its_own():
    # ``4.2%``: the detector's box stopped inside the ``%``, the next box began on the rest
    # of it and read its lower ring as a ``6``. A one-glyph word that stands on its own
    # ink (a ``1`` a space on from its neighbour) is kept.
    from extract.ocr import _own_glyphs

    for touching in (True, False):
        binary = np.full((60, 300), 255, np.uint8)
        for x in (20, 40, 60):
            binary[20:44, x : x + 14] = 0  # 4, ., 2 as blocks of ink
        binary[20:44, 80:84] = 0  # the % stroke, inside the box
        binary[30:44, 84:92] = 0  # its lower ring, past the box's end
        if not touching:
            binary[30:44, 84:86] = 255  # a space: the ring is a glyph of its own
        read = Word("4.2%", Box(20, 18, 84, 46))
        ring = Word("6", Box(85, 20, 92, 46))
        after = Word("IRE", Box(120, 18, 170, 46))
        words = _own_glyphs([read, ring, after], binary)
        assert [w.text for w in words] == (["4.2%", "IRE"] if touching else ["4.2%", "6", "IRE"])


def test_a_mark_read_from_the_other_line_under_a_grown_box_is_dropped():
    # ``未报告`` over ``vs. 61.6``: one box over both lines read ``未报告。``, the stop from
    # the 6 below. On the word's own line its last piece of ink is the hanzi 告, wider than a
    # mark: the stop has no ink there. A stop printed after the hanzi keeps its place.
    from extract.ocr import _one_line_each
    from extract.schema import load_data

    cfg = load_data("ocr.toml")["lines"]
    others = [Word(t, Box(320, y, 360, y + 40)) for t, y in [("a", 6), ("b", 56), ("c", 106)]]
    for printed, read in [(False, "未报告"), (True, "未报告。")]:
        binary = np.full((200, 400), 255, np.uint8)
        for x in (100, 130, 160):
            binary[62:88, x : x + 26] = 0  # three hanzi on the word's line
        if printed:
            binary[82:88, 192:198] = 0  # a stop low in its em
        binary[112:140, 170:215] = 0  # the line below, under the stop's em
        tall = Word("未报告。", Box(100, 56, 218, 146))
        words = _one_line_each([tall, *others], binary, cfg)
        assert words[0].text == read


def test_a_stroke_parted_from_the_hanzi_beside_it_is_no_dash():
    # A 150-dpi scan parts the left end of 干's or 手's crossbar from the glyph, and the
    # engine's box leaves it out: a lone stroke reaching the word's box, level with it, is
    # the hanzi's. A dash for a missing value stands a space apart from any word.
    from extract.ocr import _hanzi_stroke

    unit = 20.0
    word = Word("手术", Box(100, 50, 140, 72))
    assert _hanzi_stroke(Box(93, 60, 100.5, 61), word, unit)  # reaches its first glyph
    assert _hanzi_stroke(Box(139, 60, 146, 61), word, unit)  # ...or its last
    assert not _hanzi_stroke(Box(80, 60, 92, 61), word, unit)  # a space apart: a dash
    assert not _hanzi_stroke(Box(93, 60, 100.5, 61), Word("vs.", Box(100, 50, 112, 72)), unit)
    assert not _hanzi_stroke(Box(93, 80, 100.5, 81), word, unit)  # on the next line


def _blurred_rows(rows: list[str], size: int, scale: float) -> np.ndarray:
    """Rows printed in a Latin font and scanned coarsely: shrunk, speckled, enlarged again."""
    import cv2
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype(
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", size
    )
    pitch = int(size * 2.2)
    image = Image.new("L", (1600, pitch * len(rows) + 20), 255)
    draw = ImageDraw.Draw(image)
    for i, row in enumerate(rows):
        draw.text((20, 20 + pitch * i), row, font=font, fill=0)
    sharp = np.array(image)
    small = cv2.resize(sharp, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    noise = np.random.default_rng(1).normal(0, 12, small.shape)
    small = np.clip(small + noise, 0, 255).astype(np.uint8)
    return cv2.resize(small, (sharp.shape[1], sharp.shape[0]), interpolation=cv2.INTER_LINEAR)


def test_the_case_of_look_alike_letters_is_the_height_of_their_ink():
    # c o s v w x z are one shape in both cases: an engine guesses (— Vs 18.4, 36vS, 13.1VS)
    # and the glyph's height against its line's figures and small letters tells.
    rows = ["Costa 2004  cTACE vs SBRT  42 vs 20  — vs 18.4",
            "Weber 2011  PRRT VS TAE  13 VS 42  — VS 51.1",
            "mOS (months)  Overall survival  SIRT vs cTACE",
            "10.9 vs 4  — vs —  Sorafenib vs Ozone",
            "— vs —  36 vs 13.1 vs 23.5  RT vs HAIC"]  # fmt: skip
    engine = get_engine("rapidocr")
    read = " ".join(w.text for w in engine.read(_blurred_rows(rows, 28, 0.4)))
    separators = re.findall(r"(?i)v\.?s", read)
    assert separators == ["vs"] * 3 + ["VS"] * 3 + ["vs"] * 8
    for name in ("Costa", "cTACE", "SBRT", "mOS", "Overall", "Ozone", "HAIC"):
        assert name in read


def test_a_stop_read_where_no_dot_stands_on_the_line_is_dropped():
    # ``LT.``: the engine adds a stop after a cell's last letter; ``al.`` prints one.
    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((60, 200), bool)
    ink[10:40, 10:20] = ink[10:40, 25:35] = True  # L, T
    ink[20:40, 110:120] = ink[10:40, 125:128] = True  # a, l
    ink[36:40, 133:137] = True  # the dot after al
    lines = [GlyphLine(["L", "T", "."], [(10, 20), (25, 35), (40, 48)], 8, 42),
             GlyphLine(["a", "l", "."], [(110, 120), (124, 129), (132, 138)], 8, 42)]  # fmt: skip
    assert settle_glyphs(lines, ink, load_data("ocr.toml")["glyphs"]) == [
        ["L", "T", ""],
        ["a", "l", "."],
    ]


@pytest.mark.parametrize("read_as", ["一", "-"])
def test_a_dash_glued_between_separators_is_the_glyph_its_stroke_measures(read_as: str):
    # ``42.8vs.一vs.57.0``: a missing value's em dash, glued between two ``vs.`` and read as
    # the hanzi 一, which no Latin word holds, or as a hyphen (``vs-vs``, ``vs.-vs.``).
    from extract.imaging import Prepared
    from extract.ocr import _measured_range_dashes
    from extract.schema import load_data

    binary = np.full((60, 400), 255, np.uint8)
    for x in (10, 30, 60, 80, 240, 260, 290, 310):  # 42.8 vs. and vs. 57.0, roughly
        binary[15:45, x : x + 16] = 0
    binary[27:31, 150:180] = 0  # the em dash, as long as a figure is tall
    prepared = Prepared(binary, binary, 300.0, unit=22.0, figure=30.0)
    word = Word(f"42.8vs.{read_as}vs.57.0", Box(8, 10, 330, 50), "rapidocr", 0.9)
    read = _measured_range_dashes([word], prepared, load_data("ocr.toml")["prepare"])[0]
    assert read.text == "42.8vs.—vs.57.0"


def test_a_ranges_en_dash_is_measured_beside_a_stop_blurred_flat():
    # ``63.3–113.5`` on a scan: the stop of 113.5 blurred into a flat piece of ink, as
    # thick as the dash and twice as long as thick. Only the stroke standing between the
    # figures' foot and top is the range's dash.
    from extract.imaging import Prepared
    from extract.ocr import _measured_range_dashes
    from extract.schema import load_data

    binary = np.full((60, 300), 255, np.uint8)
    for x in (10, 30, 60, 110, 130, 150, 180):  # 6 3 3 1 1 3 5, 30 pixels tall
        binary[15:45, x : x + 16] = 0
    binary[41:45, 48:54] = binary[41:45, 168:176] = 0  # the stops, 113.5's blurred flat
    binary[27:31, 82:102] = 0  # the en dash, 20 by 4
    prepared = Prepared(binary, binary, 300.0, unit=22.0, figure=29.0)
    word = Word("63.3-113.5", Box(8, 10, 200, 50), "rapidocr", 0.9)
    read = _measured_range_dashes([word], prepared, load_data("ocr.toml")["prepare"])[0]
    assert read.text == "63.3–113.5"


def test_a_pages_ranges_print_one_dash_told_by_their_strokes_together():
    # A 150-dpi scan whose ranges print en dashes: blur and the threshold leave one stroke
    # a pixel short of an en dash's length, and another range's stroke cannot be told apart
    # from its figures at all. Together the page's ranges measure an en dash: each is one.
    from extract.imaging import Prepared
    from extract.ocr import _measured_range_dashes
    from extract.schema import load_data

    cfg = load_data("ocr.toml")["prepare"]
    binary = np.full((60, 400), 255, np.uint8)
    words = []
    for x, length in [(10, 10), (110, 11), (210, 12)]:  # 1–2, three times
        binary[15:39, x : x + 4] = binary[15:39, x + length + 8 : x + length + 12] = 0
        binary[26:29, x + 4 + 2 : x + 4 + 2 + length] = 0
        words.append(Word("1-2", Box(x - 2, 10, x + length + 14, 44), "rapidocr", 0.9))
    binary[15:39, 310:314] = binary[15:39, 320:324] = 0
    binary[26:29, 313:321] = 0  # a stroke run into both figures: not measured on its own
    words.append(Word("1-2", Box(308, 10, 326, 44), "rapidocr", 0.9))
    prepared = Prepared(binary, binary, 300.0, unit=24.0, figure=24.0)
    assert _measured_range_dashes(words[:1], prepared, cfg)[0].text == "1-2"  # alone: a hyphen
    assert [w.text for w in _measured_range_dashes(words, prepared, cfg)] == ["1–2"] * 4


def test_a_ranges_en_dash_blurred_into_its_figure_where_the_range_wraps_is_measured():
    # ``(26.9–`` over ``48.9)`` scanned at 150 dpi: the dash closes the word and blur has
    # joined it to the 9, one piece of ink; its columns hold nothing but the stroke.
    from extract.imaging import Prepared
    from extract.ocr import _measured_range_dashes
    from extract.schema import load_data

    binary = np.full((60, 300), 255, np.uint8)
    for x in (10, 30, 60, 80):  # 2 6 . 9, 30 pixels tall
        binary[15:45, x : x + 16] = 0
    binary[41:45, 50:56] = 0  # the stop
    binary[28:33, 90:112] = 0  # the en dash, run into the 9 (80..96)
    prepared = Prepared(binary, binary, 300.0, unit=30.0, figure=30.0)
    word = Word("(26.9-", Box(8, 10, 112, 50), "rapidocr", 0.9)
    read = _measured_range_dashes([word], prepared, load_data("ocr.toml")["prepare"])[0]
    assert read.text == "(26.9–"
    # an em dash blurred into the glyphs on both its sides lost a piece to each: what is
    # left of it measures no glyph, and the reading stands
    binary = np.full((60, 300), 255, np.uint8)
    binary[15:45, 10:26] = binary[15:45, 38:54] = 0  # 9 and 9, the dash's ends under them
    binary[28:33, 20:44] = 0
    prepared = Prepared(binary, binary, 300.0, unit=30.0, figure=30.0)
    word = Word("9—9", Box(8, 10, 56, 50), "rapidocr", 0.9)
    (read,) = _measured_range_dashes([word], prepared, load_data("ocr.toml")["prepare"])
    assert read.text == "9—9"
    # a missing value's dash closing ``vs.—``, the word's box short of its stroke, is no
    # range's: ``_measured_dash`` measures it whole among the page's lone strokes
    binary = np.full((60, 300), 255, np.uint8)
    binary[25:45, 10:24] = binary[25:45, 28:42] = binary[41:45, 46:50] = 0  # v s .
    binary[28:33, 60:90] = 0  # an em dash, its last third past the word's box
    prepared = Prepared(binary, binary, 300.0, unit=30.0, figure=30.0)
    word = Word("vs.—", Box(8, 10, 80, 50), "rapidocr", 0.9)
    (read,) = _measured_range_dashes([word], prepared, load_data("ocr.toml")["prepare"])
    assert read.text == "vs.—"


@pytest.mark.parametrize(
    "font", ["liberation2/LiberationSerif-Regular.ttf", "dejavu/DejaVuSerif.ttf"]
)
def test_a_lone_hyphen_on_a_page_of_latin_text_is_measured_against_its_figures(font):
    # On a page of English words the typical glyph is a small letter, two thirds of a
    # figure: measured against it a hyphen is as long as an en dash.
    import cv2
    from PIL import ImageDraw, ImageFont

    from extract.imaging import prepare
    from extract.ocr import read_words
    from extract.schema import load_data

    rows = ["Costa et al.      2004      resection and ablation      -      42.1      -",
            "Weber et al.      2011      systemic therapy alone      38      -      18.4",
            "Brown et al.      2013      microwave ablation      -      -      51.1",
            "Owens et al.      2016      laser ablation      29      57.0      -"]  # fmt: skip
    size = 96  # printed four times as large as scanned: the scanner averages its pixels
    image = Image.new("L", (6800, int(size * 2.2) * len(rows) + 160), 255)
    draw = ImageDraw.Draw(image)
    for i, row in enumerate(rows):
        draw.text((80, 80 + int(size * 2.2) * i), row, fill=0,
                  font=ImageFont.truetype(f"/usr/share/fonts/truetype/{font}", size))  # fmt: skip
    grey = cv2.resize(np.array(image), None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    cfg = load_data("ocr.toml")
    words = read_words(get_engine("rapidocr"), prepare(grey, 200, cfg["prepare"]), cfg)
    assert [w.text for w in words if w.text in ("-", "–", "—")] == ["-"] * 6


def test_a_ranges_en_dash_blurred_into_the_next_figure_is_measured_from_its_free_end():
    # ``(21.7–47.5)`` on a 300-dpi scan: the dash runs into the 4, one piece of ink with it,
    # read as a hyphen. Its columns hold only the stroke up to where the 4's slant meets it
    # (the band thickens there); its other end stands free and measures it.
    from extract.imaging import Prepared
    from extract.ocr import _measured_range_dashes
    from extract.schema import load_data

    binary = np.full((60, 300), 255, np.uint8)
    for x in (10, 30, 60, 104):  # 2 1 . 7 and the 5 after the 4, 30 pixels tall
        binary[15:45, x : x + 16] = 0
    binary[41:45, 50:56] = 0  # the stop
    binary[28:32, 80:98] = 0  # the en dash...
    for k in range(6):  # ...whose right end the 4's slant meets, climbing to its top
        binary[15 + 2 * k : 32, 98 + k] = 0
    prepared = Prepared(binary, binary, 300.0, unit=30.0, figure=30.0)
    word = Word("21.7-45", Box(8, 10, 122, 50), "rapidocr", 0.9)
    read = _measured_range_dashes([word], prepared, load_data("ocr.toml")["prepare"])[0]
    assert read.text == "21.7–45"


def test_a_separator_the_detector_missed_is_kept_though_the_rows_around_it_were_read():
    # ``— vs. —`` between two rows the detector boxed tall: the separator read again alone
    # lies in its own place, not in the next row's box ("read already").
    import cv2
    from PIL import ImageDraw, ImageFont

    from extract.imaging import fit_to_ink, prepare
    from extract.ocr import reread
    from extract.schema import load_data

    size = 96  # printed four times as large as scanned
    image = Image.new("L", (2400, 2400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", size
    )
    for i, row in enumerate(["56   vs.   —", "—   vs.   —", "12   vs.   37"]):
        draw.text((200, 120 + int(size * 1.25) * i), row, font=font, fill=0)
    grey = cv2.resize(np.array(image), None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    cfg = load_data("ocr.toml")
    prepared = prepare(grey, 200, cfg["prepare"])
    engine = get_engine("rapidocr")
    words = engine.read(prepared.grey)
    middle = sorted({round(w.box.y_mid) for w in words})[1]
    found = [
        replace(
            w,
            box=fit_to_ink(
                prepared.binary, Box(w.box.x0, w.box.top - 8, w.box.x1, w.box.bottom + 8)
            ),
        )
        for w in words
        if abs(w.box.y_mid - middle) > 10
    ]  # the first and last rows as a detector boxes them on a page
    again = reread(engine, prepared.grey, prepared, found, cfg["reread"])
    assert [w.text.lower() for w in again] == ["vs."]
    assert all(again[0].box.overlap(f.box) < 0.2 for f in found)


@pytest.mark.parametrize(
    ("read", "separator"),
    [("vs.", True), ("—vs.", True), ("——Vs.", True), ("一vs.一", True), ("— vs.", False),
     ("vs.12", False), ("Cl", False)],
)  # fmt: skip
def test_a_separator_read_again_with_its_cells_dashes_is_kept_on_less_confidence(read, separator):
    # ``— vs. —`` read again alone comes back ``——Vs.`` at 0.54: a separator with its
    # cell's dashes, which must not be dropped as an unsure word is.
    from extract.schema import load_data

    pattern = load_data("ocr.toml")["reread"]["separator"]
    assert bool(re.fullmatch(pattern, read)) is separator


def test_rows_with_nothing_to_measure_against_take_the_pages_heights_of_their_size():
    # A font whose small letters stand 0.78 of its capitals (the page's rows show both): a
    # W opening ``Worse`` on a row of small letters is a capital; ``— Vs —`` alone on its
    # row is measured against the page's rows of its size.
    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((340, 320), bool)

    def line(foot: int, glyphs: list[tuple[str, int]], start: int = 10) -> GlyphLine:
        spans = []
        for k, (_, height) in enumerate(glyphs):
            x = start + 30 * k
            if height:
                ink[foot - height : foot, x : x + 20] = True
            else:  # a dash
                ink[foot - 14 : foot - 11, x : x + 20] = True
            spans.append((float(x), float(x + 20)))
        return GlyphLine([g for g, _ in glyphs], spans, foot - 38, foot + 4)

    lines = [
        line(100, [("H", 32), ("a", 25), ("n", 25), ("E", 32), ("m", 25), ("u", 25)]),
        line(200, [("W", 32), ("o", 25), ("r", 25), ("s", 25), ("e", 25)]),
        line(300, [("—", 0), ("V", 25), ("s", 25), ("—", 0)]),
        line(100, [("m", 25), ("o", 32), ("s", 32)], start=200),  # on the first one's row
        # a C the threshold broke (its foot a speck): the word's capital stays as read
        line(300, [("C", 6), ("o", 25), ("s", 25), ("t", 30), ("a", 25)], start=160),
    ]
    settled = settle_glyphs(lines, ink, load_data("ocr.toml")["glyphs"])
    assert ["".join(g) for g in settled] == ["HanEmu", "Worse", "—vs—", "mOS", "Costa"]


def test_a_comparison_sign_is_barred_or_not_as_its_ink_says():
    # ``ECOG ≤1`` read ``<1``, and a ``<5 cm`` read ``≤5``: the bar under the sign tells.
    import cv2

    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((60, 200), np.uint8)
    foot = 50
    cv2.polylines(ink, [np.array([[26, foot - 24], [10, foot - 15], [26, foot - 6]])], False, 1, 2)
    ink[foot - 2 : foot, 10:27] = 1  # the bar of ≤
    cv2.polylines(ink, [np.array([[86, foot - 20], [70, foot - 11], [86, foot - 1]])], False, 1, 2)
    ink[foot - 22 : foot, 34:38] = ink[foot - 22 : foot, 94:98] = 1  # figures: 1, 5
    ink = ink.astype(bool)
    line = GlyphLine(["<", "1", "≤", "5"], [(9, 28), (33, 39), (69, 88), (93, 99)], foot - 30,
                     foot + 4)  # fmt: skip
    settled = settle_glyphs([line], ink, load_data("ocr.toml")["glyphs"])
    assert settled[0] == ["≤", "1", "<", "5"]


def test_a_semicolon_and_a_colon_are_told_by_the_lower_marks_tail():
    # ``therapy: no`` for ``therapy; no``, and the other way: a semicolon's lower mark is a
    # comma, taller than its dot and reaching under the line's foot; a colon's are two dots.
    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((80, 200), bool)
    foot = 60
    for x in (10, 40, 90, 120):  # letters standing on the foot
        ink[foot - 20 : foot, x : x + 16] = True
    ink[foot - 18 : foot - 14, 63:67] = True  # the first mark: dot over a comma
    ink[foot - 5 : foot + 3, 63:68] = True
    ink[foot - 18 : foot - 14, 143:147] = True  # the second: dot over dot
    ink[foot - 5 : foot - 1, 143:147] = True
    spans = [(10.0, 26.0), (40.0, 56.0), (60.0, 70.0), (90.0, 106.0), (120.0, 136.0),
             (140.0, 150.0)]  # fmt: skip
    line = GlyphLine(["a", "n", ":", "n", "a", ";"], spans, foot - 30, foot + 6)
    settled = settle_glyphs([line], ink, load_data("ocr.toml")["glyphs"])
    assert "".join(settled[0]) == "an;na:"


def test_a_150_dpi_semicolon_is_told_by_its_tail_hanging_under_the_foot():
    # Upsampled from 150 dpi, a semicolon's comma is a blob as tall as the dot above it,
    # hanging two pixels under the line's foot; its tail reaches left out of the glyph's
    # estimated box. A colon's lower dot ends on the foot. A speck under a colon's lower dot
    # and off its columns is not its mark.
    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((80, 260), bool)
    foot = 60
    for x in (10, 40, 90, 120, 170, 200):  # letters standing on the foot
        ink[foot - 20 : foot, x : x + 16] = True
    ink[foot - 18 : foot - 13, 63:68] = True  # a semicolon: dot over a comma as tall
    ink[foot - 4 : foot + 2, 61:67] = True  # ...starting left of the glyph's box
    ink[foot - 18 : foot - 13, 143:148] = True  # a colon: dot over dot
    ink[foot - 5 : foot, 143:148] = True
    ink[foot + 1 : foot + 3, 150:153] = True  # ...and a speck under its right side
    spans = [(10.0, 26.0), (40.0, 56.0), (62.0, 70.0), (90.0, 106.0), (120.0, 136.0),
             (140.0, 155.0), (170.0, 186.0), (200.0, 216.0)]  # fmt: skip
    line = GlyphLine(["a", "n", ":", "n", "a", ";", "n", "a"], spans, foot - 30, foot + 6)
    settled = settle_glyphs([line], ink, load_data("ocr.toml")["glyphs"])
    assert "".join(settled[0]) == "an;na:na"


def test_a_capital_s_whose_thin_top_arc_broke_off_stays_a_capital():
    # ``Sato`` on a 200-dpi scan: the S's top arc parts from its body by a few rows of paper,
    # and the body alone stands lower than the x-height. Arc and body are one glyph.
    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((80, 260), bool)
    foot = 60
    ink[foot - 17 : foot, 10:26] = True  # S's body
    ink[foot - 27 : foot - 20, 10:26] = True  # its top arc, three rows above
    for k, height in enumerate([21, 24, 21, 27, 26, 21]):  # a t o  l 1 e
        x = 40 + 30 * k
        ink[foot - height : foot, x : x + 16] = True
    spans = [(10.0, 26.0)] + [(40.0 + 30 * k, 56.0 + 30 * k) for k in range(6)]
    line = GlyphLine(list("Satol1e"), spans, foot - 34, foot + 4)
    settled = settle_glyphs([line], ink, load_data("ocr.toml")["glyphs"])
    assert "".join(settled[0]) == "Satol1e"


def test_a_capital_opening_a_word_is_measured_whole_though_its_glyph_box_starts_inside_it():
    # ``Spain`` on an upsampled 150-dpi scan: the engine's box for the S starts four columns
    # into it, and the S's top arc joins its body only in those columns. Cut at the box,
    # the body alone stood little higher than the small letters and the S was made an s.
    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((80, 200), bool)
    foot = 60
    ink[foot - 29 : foot - 25, 10:26] = True  # the S's top arc
    ink[foot - 25 : foot - 15, 10:14] = True  # its upper left side, joining the arc...
    ink[foot - 15 : foot - 12, 10:26] = True  # ... to its spine
    ink[foot - 12 : foot - 4, 22:26] = True  # its lower right side
    ink[foot - 4 : foot, 10:26] = True  # its lower arc
    for k in range(4):  # p a i n
        x = 34 + 20 * k
        ink[foot - 20 : foot, x : x + 14] = True
    spans = [(14.0, 26.0)] + [(34.0 + 20 * k, 48.0 + 20 * k) for k in range(4)]
    line = GlyphLine(list("Spain"), spans, foot - 30, foot + 4)
    settled = settle_glyphs([line], ink, load_data("ocr.toml")["glyphs"])
    assert "".join(settled[0]) == "Spain"


def test_a_small_c_blurred_into_the_bar_of_the_capital_after_it_stays_small():
    # ``cTACE`` on an upsampled 150-dpi scan: the T's bar reaches over the c's glyph box and
    # touches it, so the c's box holds ink as high as the capitals. A c's top spans its
    # middle: measured in its middle columns it is small.
    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((80, 200), bool)
    foot = 60
    ink[foot - 18 : foot, 5:19] = True  # c
    ink[foot - 26 : foot - 17, 15:38] = True  # the T's bar, over the c's right edge
    ink[foot - 26 : foot, 24:29] = True  # its stem
    for x in (44, 70, 96):  # A C E
        ink[foot - 26 : foot, x : x + 18] = True
    spans = [(0.0, 17.0), (17.0, 36.0), (44.0, 62.0), (70.0, 88.0), (96.0, 114.0)]
    line = GlyphLine(list("CTACE"), spans, foot - 30, foot + 4)
    settled = settle_glyphs([line], ink, load_data("ocr.toml")["glyphs"])
    assert "".join(settled[0]) == "cTACE"


def test_a_stop_blurred_into_the_letter_before_it_is_kept_a_serif_is_no_stop():
    # ``al.[9]`` on a low-resolution scan: the stop has run into the foot serif of the l, so
    # it is no dot of its own; its columns hold ink on the foot only. Under ``al.`` where no
    # stop was printed, the box's only foot ink is the serif: a column or so wide.
    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((60, 300), bool)
    for x in (0, 150):
        ink[20:40, x + 10 : x + 20] = ink[10:40, x + 25 : x + 28] = True  # a, l
        ink[38:40, x + 24 : x + 29] = True  # the l's foot serif
        ink[10:42, x + 40 : x + 43] = True  # [
    ink[34:40, 28:34] = True  # the stop, touching the serif
    lines = [GlyphLine(["a", "l", ".", "["], [(10, 20), (23, 29), (27, 37), (40, 43)], 8, 42),
             GlyphLine(["a", "l", ".", "["], [(160, 170), (173, 179), (177, 187), (190, 193)],
                       8, 42)]  # fmt: skip
    assert settle_glyphs(lines, ink, load_data("ocr.toml")["glyphs"]) == [
        ["a", "l", ".", "["],
        ["a", "l", "", "["],
    ]


def test_a_stop_before_a_superscript_citation_stands_on_the_line():
    # ``al.50`` with the citation set high: two glyphs on the foot, two above it, and the
    # stop's dot on the foot. The line's foot is the letters' and the stop's, not between.
    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((60, 120), bool)
    ink[20:40, 10:20] = ink[10:40, 24:27] = True  # a, l
    ink[36:40, 31:35] = True  # the stop
    ink[8:26, 40:48] = ink[8:26, 52:60] = True  # 5, 0 set high and small
    line = GlyphLine(["a", "l", ".", "5", "0"], [(10, 20), (23, 28), (30, 36), (40, 48), (52, 60)],
                     8, 42)  # fmt: skip
    assert settle_glyphs([line], ink, load_data("ocr.toml")["glyphs"]) == [
        ["a", "l", ".", "5", "0"]
    ]


def test_a_case_is_kept_where_the_rows_references_scatter_as_widely_as_the_cases_differ():
    # ``Wang,等[40]`` on a blurred scan: its a measures 32, its n 23, the figures 30 to 33;
    # a W of 28 is then as near the one as the other.
    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((60, 300), bool)
    glyphs = [("W", 28), ("a", 32), ("n", 23), ("4", 30), ("0", 30), ("1", 33), ("2", 33)]
    for k, (_, height) in enumerate(glyphs):
        ink[45 - height : 45, 10 + 30 * k : 30 + 30 * k] = True
    spans = [(10.0 + 30 * k, 30.0 + 30 * k) for k in range(len(glyphs))]
    line = GlyphLine([g for g, _ in glyphs], spans, 7, 49)
    (settled,) = settle_glyphs([line], ink, load_data("ocr.toml")["glyphs"])
    assert "".join(settled) == "Wan4012"


def test_a_lines_own_letters_tell_its_case_where_its_rows_references_scatter():
    # ``mOS(月)`` read ``mos月``, a header cell beside ``Te``, whose e blurred as tall as a
    # capital: the row's small letters scatter as widely as the cases differ. The line's
    # own m still tells: its O and S stand a capital's height.
    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((120, 400), bool)

    def line(glyphs: list[tuple[str, int]], x: int, foot: int) -> GlyphLine:
        for k, (_, height) in enumerate(glyphs):
            ink[foot - height : foot, x + 24 * k : x + 20 + 24 * k] = True
        spans = [(float(x + 24 * k), float(x + 20 + 24 * k)) for k in range(len(glyphs))]
        return GlyphLine([g for g, _ in glyphs], spans, foot - 38, foot + 4)

    header = line([("m", 18), ("o", 24), ("s", 24), ("月", 29)], 10, 45)
    beside = line([("T", 24), ("e", 23)], 200, 45)
    below = line([("T", 24), ("a", 18), ("n", 18)], 10, 105)  # the page's other row
    settled = settle_glyphs([header, beside, below], ink, load_data("ocr.toml")["glyphs"])
    assert "".join(settled[0]) == "mOS月"


def test_a_decimal_point_blurred_into_its_figures_is_kept():
    from extract.glyph_ink import GlyphLine, settle_glyphs
    from extract.schema import load_data

    ink = np.zeros((60, 120), bool)
    ink[10:40, 10:20] = ink[10:40, 36:46] = True  # 3, 5
    ink[36:40, 20:24] = True  # the point, touching the 3
    line = GlyphLine(["3", ".", "5"], [(10, 20), (22, 33), (36, 46)], 8, 42)
    assert settle_glyphs([line], ink, load_data("ocr.toml")["glyphs"]) == [["3", ".", "5"]]


def test_latin_layer_words_over_hanzi_ocr_read_are_the_damaged_fonts_not_the_text():
    # A CJK font whose codes fall on ASCII: ``WXY`` for 不良反应, ``Fl`` for 除术 — plausible
    # Latin no glyph check catches. The image shows hanzi there: OCR's reading stands, while
    # the layer's real Latin words beside them (Adverse, /TAE) are still taken.
    ocr = [_w("不良反应", 0, 32, "ocr:x"), _w("Adverse", 36, 66, "ocr:x"),
           _w("肝切除术/TAE", 100, 148, "ocr:x")]  # fmt: skip
    layer = [_w("WXY", 0, 32), _w("Adverse", 36, 66), _w("(cid:7)(cid:8)", 100, 116),
             _w("Fl/TAE", 116, 148)]  # fmt: skip
    words, _ = merge_layer(ocr, layer, {"agree_share": 0.3, "agree_ratio": 60})
    assert sorted((w.text, w.source) for w in words) == [
        ("Adverse", "text_layer"), ("不良反应", "ocr:x"), ("肝切除术/TAE", "ocr:x")]  # fmt: skip


def test_a_names_crop_holds_its_letters_alone():
    # A name run into a hanzi and a citation (Åberg等58, Lefèvre等), in lines set tight: read
    # with the glyphs beside and the tops of the next line under it, the model reads the crop
    # as something else and the accents are lost.
    from extract.ocr import with_accents_and_slashes
    from extract.schema import load_data

    latin, han = _fonts(36)
    printed = [("Åberg", "Aberg", "58"), ("Lefèvre", "Lefevre", "[59]"),
               ("Dvořák", "Dvorak", "60"), ("Jönsson", "Jonsson", "[61]")]  # fmt: skip
    ys = (20, 62, 104, 146)
    prepared, rights = _set_in_type(
        (700, 260),
        [((20, y), [(name, latin, 0, 0), ("等", han, 2, 0), (tail, latin, 2, 0)])
         for y, (name, _, tail) in zip(ys, printed, strict=True)],
        unit=34.0,
    )  # fmt: skip
    words = [Word(f"{read}等{tail}", Box(18, y + 4, right + 2, y + 42), "ocr:x", 0.9)
             for y, (_, read, tail), right in zip(ys, printed, rights, strict=True)]  # fmt: skip
    read = with_accents_and_slashes(words, prepared, load_data("ocr.toml")["accents"])
    assert [w.text for w in read] == ["Åberg等58", "Lefèvre等[59]", "Dvořák等60", "Jönsson等[61]"]


@pytest.mark.parametrize(
    "own,theirs,unsure,taken",
    [("PEIHIFU", "PEI/HIFU", False, "PEI/HIFU"), ("AB", "A/B", False, "A/B"),
     ("PEIHIFU", "PEI/HIFU", True, "PEIHIFU"), ("RFALR", "RFAI/LR", False, "RFALR"),
     ("TACE", "T/ACE", False, "TACE"), ("TACE", "TACE/", False, "TACE"),
     ("OS", "Os", False, "OS")],
)  # fmt: skip
def test_only_slashes_between_the_engines_capitals_are_taken(own, theirs, unsure, taken):
    from extract.ocr import _slashes_taken

    assert _slashes_taken(own, theirs, unsure) == taken


def test_a_slash_set_tight_between_capitals_is_read_again():
    # At 150-200 dpi the slash of PEI/HIFU blurs into the I before it and the engine reads
    # PEIHIFU; the Latin model, reading the word alone, sees it.
    from extract.ocr import with_accents_and_slashes
    from extract.schema import load_data

    latin, _ = _fonts(36)
    printed = [("PEI/HIFU", "PEIHIFU", 20), ("TACE", "TACE", 80)]
    prepared, rights = _set_in_type(
        (700, 140), [((20, y), [(text, latin, 0, 0)]) for text, _, y in printed], unit=34.0
    )
    words = [Word(read, Box(18, y + 4, right + 2, y + 42), "ocr:x", 0.9)
             for (_, read, y), right in zip(printed, rights, strict=True)]  # fmt: skip
    read = with_accents_and_slashes(words, prepared, load_data("ocr.toml")["accents"])
    assert [w.text for w in read] == ["PEI/HIFU", "TACE"]


@pytest.mark.parametrize("printed", ["1~2级", "ECOG 0~1", "41.4–69.3", "3-4"])
def test_a_tilde_read_as_a_dash_is_told_by_its_wave(printed):
    # Engines read the tilde of a range (1~2级, ECOG 0~1) as a dash; its ink rises and
    # falls across its length, where a dash's lies level.
    from extract.ocr import _measured_range_dashes
    from extract.schema import load_data

    latin, han = _fonts(32)
    runs = [(glyph, han if glyph == "级" else latin, 0, 0) for glyph in printed]
    prepared, (x,) = _set_in_type((500, 80), [((20, 20), runs)], unit=24.0)
    read = printed.replace("~", "–")
    word = Word(read, Box(18, 18, x + 2, 60), "ocr:x", 0.9)
    cfg = load_data("ocr.toml")["prepare"]
    assert _measured_range_dashes([word], prepared, cfg)[0].text == printed


def test_a_letter_spaced_hanzi_one_read_glyph_by_glyph_is_no_dash():
    # ``第 一 作 者`` set a third of an em apart: the engine reads each glyph a word of its
    # own, and a lone ``一`` lies where a flat stroke is. Set tight between hanzi it is the
    # hanzi; a cell's dash, a cell's padding from its neighbours, is still the dash.
    import cv2
    from PIL import ImageDraw, ImageFont

    from extract.imaging import prepare
    from extract.ocr import read_words
    from extract.schema import load_data

    size = 96  # printed four times as large as scanned
    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", size)
    image = Image.new("L", (4000, 600), 255)
    draw = ImageDraw.Draw(image)
    for i, glyph in enumerate("第一作者"):
        draw.text((80 + int(size * 1.45) * i, 80), glyph, font=font, fill=0)
    for x, text in ((1400, "年份"), (2100, "—"), (2600, "患者数")):
        draw.text((x, 80), text, font=font, fill=0)
    grey = cv2.resize(np.array(image), None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    cfg = load_data("ocr.toml")
    words = read_words(get_engine("rapidocr"), prepare(grey, 200, cfg["prepare"]), cfg)
    text = "".join(w.text for w in sorted(words, key=lambda w: w.box.x0))
    assert text == "第一作者年份—患者数"


def test_a_full_width_comma_the_engine_dropped_between_hanzi_is_read_from_its_speck():
    # ``消融完全率高，术后`` read as two words an em apart: the comma's ink is a speck low in
    # the hanzi's height, early in the gap. A flat speck there (a dash), or a gap holding
    # nothing, or a next word of Latin letters, gives no comma.
    from extract.ocr import _dropped_commas
    from extract.schema import load_data

    def page(speck: tuple[int, int, int, int] | None) -> np.ndarray:
        binary = np.full((60, 400), 255, np.uint8)
        binary[10:46, 20:236] = 0  # six hanzi, 36 pixels an em
        binary[10:46, 286:358] = 0  # two more, after the comma's em
        if speck is not None:
            y, x, h, w = speck
            binary[y : y + h, x : x + w] = 0
        return binary

    cfg = load_data("ocr.toml")["commas"]
    words = [Word("消融完全率高", Box(20, 5, 236, 50), "rapidocr", 0.99),
             Word("术后", Box(286, 5, 358, 50), "rapidocr", 0.99)]  # fmt: skip
    (comma,) = _dropped_commas(words, page((34, 244, 9, 6)), "rapidocr", cfg)
    assert comma.text == "，" and 236 < comma.box.x0 < 286
    assert _dropped_commas(words, page((30, 244, 3, 12)), "rapidocr", cfg) == []  # a dash
    assert _dropped_commas(words, page(None), "rapidocr", cfg) == []
    latin = [words[0], Word("TACE", Box(286, 5, 358, 50), "rapidocr", 0.99)]
    assert _dropped_commas(latin, page((34, 244, 9, 6)), "rapidocr", cfg) == []


def test_a_comma_after_a_one_glyph_word_beside_its_cut_strokes_is_read_from_its_speck():
    # ``究，肝转移`` on a 150-dpi scan: the detector boxed 究 narrower than an em, leaving the
    # tail of its last stroke outside the box, beside the comma. The line's longer run of
    # hanzi gives the em; the stroke cut at the box is 究's own, not a second speck.
    from extract.ocr import _dropped_commas
    from extract.schema import load_data

    binary = np.full((60, 400), 255, np.uint8)
    binary[10:46, 20:48] = 0  # 究, its box 28 pixels wide of a 36-pixel em
    binary[38:45, 48:52] = 0  # ...its stroke's tail past the box
    binary[34:43, 62:67] = 0  # the comma
    binary[10:46, 92:200] = 0  # 肝转移
    cfg = load_data("ocr.toml")["commas"]
    words = [Word("究", Box(20, 5, 48, 50), "rapidocr", 0.99),
             Word("肝转移", Box(92, 5, 200, 50), "rapidocr", 0.99)]  # fmt: skip
    (comma,) = _dropped_commas(words, binary, "rapidocr", cfg)
    assert comma.text == "，" and 60 <= comma.box.x0 < 67


def test_a_kai_fonts_comma_set_higher_at_a_lines_end_is_read_from_its_speck():
    # A Kai font sets its full-width comma higher than a Song font: its middle is level
    # with the hanzi's, its foot below. A speck in the line's upper half is no comma.
    from extract.ocr import _dropped_commas
    from extract.schema import load_data

    cfg = load_data("ocr.toml")["commas"]
    words = [Word("二线治疗", Box(20, 5, 164, 50), "rapidocr", 0.99)]

    def page(top: int) -> np.ndarray:
        binary = np.full((60, 400), 255, np.uint8)
        binary[10:46, 20:164] = 0  # four hanzi, 36 pixels an em
        binary[top : top + 10, 174:182] = 0
        return binary

    (comma,) = _dropped_commas(words, page(22), "rapidocr", cfg)
    assert comma.text == "，"
    assert _dropped_commas(words, page(12), "rapidocr", cfg) == []


def test_a_full_width_mark_dropped_between_figures_and_hanzi_is_read_from_its_speck():
    # ``ECOG≤1、肝内`` read as two words an em apart: the speck in the gap is the mark the
    # engine dropped, and the way its stroke runs says which: ``、`` falls to the right,
    # ``，`` ends in a tail to the left. An empty gap gives nothing.
    from extract.ocr import _dropped_commas
    from extract.schema import load_data

    def page(stroke: list[tuple[int, int]] | None) -> np.ndarray:
        binary = np.full((60, 400), 255, np.uint8)
        binary[12:46, 20:200] = 0  # ECOG≤1
        binary[10:46, 236:308] = 0  # two hanzi, 36 pixels an em
        for y, x in stroke or []:
            binary[y : y + 2, x : x + 3] = 0
        return binary

    falls_right = [(30 + k, 206 + k) for k in range(7)]
    comma = [(31, 212), (32, 212), (33, 212)] + [(34 + k, 212 - k) for k in range(6)]
    cfg = load_data("ocr.toml")["commas"]
    words = [Word("ECOG≤1", Box(20, 5, 200, 50), "rapidocr", 0.99),
             Word("肝内", Box(236, 5, 308, 50), "rapidocr", 0.99)]  # fmt: skip
    (mark,) = _dropped_commas(words, page(falls_right), "rapidocr", cfg)
    assert mark.text == "、" and 200 < mark.box.x0 < 236
    (mark,) = _dropped_commas(words, page(comma), "rapidocr", cfg)
    assert mark.text == "，"
    # a speck too small to show its stroke (a coarse scan) is the commoner comma
    (mark,) = _dropped_commas(words, page([(30 + k, 206 + k) for k in range(5)]), "rapidocr", cfg)
    assert mark.text == "，"
    assert _dropped_commas(words, page(None), "rapidocr", cfg) == []


def test_a_full_width_comma_dropped_at_a_wrapped_lines_end_is_read_from_its_speck():
    # ``作为挽救治疗，`` ends its line in a wrapped remark: no word follows, and the comma's
    # speck is all the ink in the em and a half after the hanzi. A ring there is a full
    # stop (``。``), and a speck with more ink after it is no comma of a line's end.
    from extract.ocr import _dropped_commas
    from extract.schema import load_data

    cfg = load_data("ocr.toml")["commas"]
    words = [Word("为挽救治疗", Box(20, 5, 200, 50), "rapidocr", 0.99)]

    def page(ring: bool = False, more: bool = False) -> np.ndarray:
        binary = np.full((60, 400), 255, np.uint8)
        binary[10:46, 20:200] = 0  # five hanzi, 36 pixels an em
        binary[34:44, 208:216] = 0  # the speck low in the next em
        if ring:
            binary[37:41, 211:213] = 255
        if more:
            binary[20:40, 240:250] = 0
        return binary

    (comma,) = _dropped_commas(words, page(), "rapidocr", cfg)
    assert comma.text == "，" and 200 < comma.box.x0 < 216
    assert _dropped_commas(words, page(ring=True), "rapidocr", cfg) == []
    assert _dropped_commas(words, page(more=True), "rapidocr", cfg) == []


def test_a_full_width_comma_set_at_the_start_of_a_wrapped_line_is_read_from_its_speck():
    # A typesetter that breaks a line before its comma sets ``，激素受体阳性`` at the start
    # of the next: the speck stands low in the em before the first hanzi, alone but for a
    # scan's noise. Nothing there, or a speck against the hanzi, gives no comma.
    from extract.ocr import _dropped_commas
    from extract.schema import load_data

    cfg = load_data("ocr.toml")["commas"]
    words = [Word("激素受体阳性", Box(60, 5, 276, 50), "rapidocr", 0.99)]

    def page(speck_at: int | None) -> np.ndarray:
        binary = np.full((60, 400), 255, np.uint8)
        binary[10:46, 60:276] = 0  # six hanzi, 36 pixels an em
        binary[20, 10] = 0  # noise
        if speck_at is not None:
            binary[36:44, speck_at : speck_at + 5] = 0
        return binary

    (comma,) = _dropped_commas(words, page(30), "rapidocr", cfg)
    assert comma.text == "，" and comma.box.x1 < 60
    assert _dropped_commas(words, page(None), "rapidocr", cfg) == []
    assert _dropped_commas(words, page(52), "rapidocr", cfg) == []


def test_a_dash_blurred_round_is_found_by_the_size_of_the_dashes_the_engine_read():
    # A 150-dpi scan: the engine read two hyphens (7 by 3 pixels) and missed a third, blurred
    # to 7 by 5, which the stroke finder takes for no dash. Level with the middle of the
    # figures on its row, alone in its column, it is one more of the page's hyphens; a
    # speck, or a blob off the row's middle, is not.
    from extract.imaging import Prepared
    from extract.ocr import _dashes_like_the_pages
    from extract.schema import load_data

    binary = np.full((200, 400), 255, np.uint8)
    words = []
    for y in (20, 60, 100):  # rows of figures, 20 pixels tall
        binary[y : y + 20, 20:50] = 0
        words.append(Word("59", Box(20, y, 50, y + 20), "rapidocr", 0.99))
    for x, y in ((100, 28), (100, 68)):  # the hyphens the engine read
        binary[y : y + 3, x : x + 7] = 0
        words.append(Word("-", Box(x, y - 12, x + 7, y + 18), "rapidocr", 0.9))
    binary[107:112, 100:107] = 0  # the one it missed, blurred round
    binary[109:112, 200:203] = 0  # a speck
    binary[150:155, 100:107] = 0  # a blob on no row
    prepared = Prepared(binary, binary, 300.0, unit=21.0)
    cfg = load_data("ocr.toml")["prepare"]
    (dash,) = _dashes_like_the_pages(words, prepared, "rapidocr", cfg)
    assert dash.text == "-" and (dash.box.x0, dash.box.top) == (100, 107)
