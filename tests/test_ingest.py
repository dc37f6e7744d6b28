"""Ingest: a page turned with /Rotate reads like the upright original."""

import shutil
import subprocess

import pdfplumber
import pikepdf
import pytest
from conftest import PDFS

import extract
from extract.ingest import read_page
from extract.lines import group_lines, join_words


def rotate_sideways(src, dst, shown_upright=True):
    """Draw each page's content turned 90° on a landscape box, and /Rotate 90 to show it upright,
    as journals print a wide table (``shown_upright=False``: no /Rotate, shown on its side)."""
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            width, height = (float(v) for v in page.MediaBox[2:])
            page.contents_coalesce()
            body = page.Contents.read_bytes()
            page.Contents = pdf.make_stream(b"q 0 1 -1 0 %f 0 cm\n" % height + body + b"\nQ")
            page.MediaBox = [0, 0, height, width]
            if shown_upright:
                page.Rotate = 90
        pdf.save(dst)


def test_rotated_page_gives_the_same_records(tmp_path):
    rotated = tmp_path / "rotated.pdf"
    rotate_sideways(PDFS / "domestic-clean.pdf", rotated)
    turned, upright = extract.run(rotated), extract.run(PDFS / "domestic-clean.pdf")
    assert [p.rotation for p in turned.pages] == [90, 90]
    drop = ["record_id", "source"]
    assert len(upright.records) > 0
    assert turned.records.drop(columns=drop).equals(upright.records.drop(columns=drop))


def set_sideways(src, dst, quarter: int):
    """Draw each page's content turned a quarter (90: reading upwards, 270: downwards) on a
    landscape box with no /Rotate: the page shows the table on its side."""
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            width, height = (float(v) for v in page.MediaBox[2:])
            page.contents_coalesce()
            body = page.Contents.read_bytes()
            up, down = b"0 1 -1 0 %f 0 cm" % height, b"0 -1 1 0 0 %f cm" % width
            matrix = up if quarter == 90 else down
            page.Contents = pdf.make_stream(b"q " + matrix + b"\n" + body + b"\nQ")
            page.MediaBox = [0, 0, height, width]
        pdf.save(dst)


@pytest.mark.parametrize("quarter", [90, 270])
def test_a_table_set_sideways_in_the_content_stream_reads_like_the_upright_one(tmp_path, quarter):
    sideways = tmp_path / "sideways.pdf"
    set_sideways(PDFS / "domestic-clean.pdf", sideways, quarter)
    turned, upright = extract.run(sideways), extract.run(PDFS / "domestic-clean.pdf")
    assert [p.rotation for p in turned.pages] == [quarter, quarter]
    drop = ["record_id", "source"]
    assert turned.records.drop(columns=drop).equals(upright.records.drop(columns=drop))
    # fields.csv gives each value where it lies on the page as displayed (sideways)
    names = turned.fields[(turned.fields["field"] == "study") & turned.fields["x0"].notna()]
    names = names[names["raw"].str.len() >= 6]
    assert len(names) > 0
    assert ((names["bottom"] - names["top"]) > (names["x1"] - names["x0"])).all()


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium is not installed")
def test_hanzi_and_latin_of_one_printed_line_are_one_line_whatever_their_fonts_say(tmp_path):
    """A browser's CJK subset gives no descent: its boxes sit on the baseline, 2 pt above the
    Latin beside them, and a wrapped cell's first hanzi came as close to the line below."""
    html = tmp_path / "t.html"
    html.write_text(
        '<html><body style=\'font: 10pt "Liberation Sans", "Noto Serif CJK SC"\'>'
        "<table style='border-collapse:collapse;line-height:1.25'><tr>"
        "<td style='width:90pt'>ChiCTR1974380135</td>"
        "<td style='width:80pt'>MWA vs. 腹腔镜肝切除</td><td>进行中</td></tr>"
        "<tr><td>NCT04127350</td><td>SIRT</td><td>完成</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    pdf = tmp_path / "t.pdf"
    cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
           f"--user-data-dir={tmp_path}/profile", f"--print-to-pdf={pdf}",
           html.as_uri()]  # fmt: skip
    subprocess.run(cmd, capture_output=True, timeout=120, check=True)
    with pdfplumber.open(pdf) as doc:
        page = read_page(doc.pages[0])
    lines = [join_words(line.words) for line in group_lines(page.words)]
    # the study and its remark centred on the row, the treatment wrapped around them
    assert lines == ["MWA vs. 腹腔", "ChiCTR1974380135 进行中", "镜肝切除", "NCT04127350 SIRT 完成"]
