"""Ingest: a page turned with /Rotate reads like the upright original."""

import pikepdf
import pytest
from conftest import PDFS

import extract


def rotate_sideways(src, dst):
    """Draw each page's content turned 90° on a landscape box, and /Rotate 90 to show it upright,
    as journals print a wide table."""
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            width, height = (float(v) for v in page.MediaBox[2:])
            page.contents_coalesce()
            body = page.Contents.read_bytes()
            page.Contents = pdf.make_stream(b"q 0 1 -1 0 %f 0 cm\n" % height + body + b"\nQ")
            page.MediaBox = [0, 0, height, width]
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
