"""Ingest: a page turned with /Rotate reads like the upright original."""

import pikepdf
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
