"""report.html in a real browser: what a curator sees, filters, keys, and saved corrections.

One run of the CLI makes the reports of a text-layer document and of a scanned page printed
sideways (read by OCR); headless Chromium opens them from disk as a curator would.
"""

from __future__ import annotations

import base64
import csv
import io
import re
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pikepdf
import pytest
from conftest import PDFS, run_cli
from PIL import Image, ImageFilter

import extract
from extract import report
from extract.config import Config
from extract.corrections import COLUMNS
from extract.report import Sheets, add_crops, render, sheet_from_pdf, table_rows

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed")

# A document whose first page has a text layer and whose second is scanned (its rows are
# the ones to review), one scanned page lying on its side, and the document it is a scan of.
MIXED, SCAN, PRINTED = "intl-mixed", "landscape-scan-p1", "landscape-clean"
COLOURS = {"hi": "rgb(214, 240, 214)", "mid": "rgb(255, 228, 168)", "lo": "rgb(248, 192, 192)"}
EVIL = "<img src=x onerror=alert(1)>"
BLUR = ImageFilter.GaussianBlur(3)


def band(confidence: float) -> str:
    return "hi" if confidence >= 0.9 else "mid" if confidence >= 0.6 else "lo"


def first_page(src: Path, dst: Path) -> None:
    with pikepdf.open(src) as pdf, pikepdf.new() as one:
        one.pages.append(pdf.pages[0])
        one.save(dst)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """Reports of a text-layer document, of one scanned page lying on its side and of the
    document it is a scan of."""
    base = tmp_path_factory.mktemp("report")
    first_page(PDFS / "landscape-scan.pdf", base / f"{SCAN}.pdf")
    out = base / "out"
    done = run_cli(
        "run", PDFS / f"{MIXED}.pdf", base / f"{SCAN}.pdf", PDFS / f"{PRINTED}.pdf", "-o", out
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def clean_result() -> extract.Result:
    return extract.run(PDFS / f"{MIXED}.pdf", Config(engine="none"))


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh tab that records every dialog a script opens (none may open)."""
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.errors = []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


def open_report(page, html: Path) -> None:
    page.goto(html.as_uri())
    page.wait_for_function("[...document.images].every(i => i.complete)")


ROWS_JS = """[...document.querySelectorAll('tbody.row')].map(r => ({
  table: r.dataset.table, flagged: r.dataset.flagged === '1',
  visible: r.offsetParent !== null,
  picture: (r.querySelector('img.crop') || {naturalWidth: 0}).naturalWidth,
  arms: [...r.querySelectorAll('tr.arm')].map(a => ({
    id: a.dataset.recordId, flagged: a.dataset.flagged === '1',
    reasons: a.querySelector('td.flags').innerText}))}))"""


def shown_rows(page) -> list[dict]:
    return page.evaluate(ROWS_JS)


def records(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "records.csv", dtype={"record_id": str})


@pytest.mark.parametrize("doc", [MIXED, SCAN])
def test_flagged_rows_come_first_each_with_its_picture_and_reasons(out, page, doc):
    folder = out / doc
    recs = records(folder).set_index("record_id")
    review = pd.read_csv(folder / "review.csv", dtype=str, keep_default_na=False)
    open_report(page, folder / "report.html")
    rows = shown_rows(page)
    flagged = set(recs.index[recs["needs_review"]])
    assert flagged, "the fixture has records to review"
    assert {a["id"] for r in rows for a in r["arms"] if a["flagged"]} == flagged
    assert {a["id"] for r in rows for a in r["arms"]} == set(recs.index)
    for table in {r["table"] for r in rows}:
        order = [r["flagged"] for r in rows if r["table"] == table]
        assert order == sorted(order, reverse=True)
    for row in (r for r in rows if r["flagged"]):
        assert row["picture"] > 0
        for arm in (a for a in row["arms"] if a["flagged"]):
            flags = recs.loc[arm["id"], "flags"]
            for code in flags.split(";") if isinstance(flags, str) else []:
                assert code in arm["reasons"]
            for reason in review.loc[review["record_id"] == arm["id"], "reason"]:
                assert reason in arm["reasons"]
    assert page.dialogs == [] and page.errors == []


def pictures(html: Path) -> dict[str, Image.Image]:
    """Each row's picture under its place (``Table 4, row 7``)."""
    found = re.findall(
        r'class="where">([^<]*), page \d+</span><img class="crop" [^>]*'
        r'src="data:image/png;base64,([^"]+)"',
        html.read_text(encoding="utf-8"),
    )
    return {where: Image.open(io.BytesIO(base64.b64decode(b))) for where, b in found}


def likeness(a: np.ndarray, b: np.ndarray) -> float:
    """Correlation of two grey images of one size, -1..1, each blurred by a stroke's width
    first (a scan's row is cut a pixel or two off the printed one's, and its strokes are
    thicker)."""
    a, b = (np.asarray(Image.fromarray(x.astype(np.uint8)).filter(BLUR), float) for x in (a, b))
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


@pytest.mark.parametrize("doc", [MIXED, SCAN])
def test_each_picture_is_a_printed_row_standing_upright(out, doc):
    # A row of a table runs across: its picture is wide, and holds ink. (The scan lies on its
    # side: cut from the page as displayed, its rows would stand tall.)
    shots = pictures(out / doc / "report.html")
    assert len(shots) == len(set(records(out / doc)[["table", "row"]].itertuples(index=False)))
    for shot in shots.values():
        assert shot.mode == "L"
        assert shot.width > 3 * shot.height
        assert shot.getextrema()[0] < 100


def test_a_scanned_row_looks_like_the_same_row_printed(out):
    # The scan's pictures are cut from OCR's upright image: each looks like the picture of the
    # same row of the document it is a scan of, and not like it upside down.
    scanned, printed = pictures(out / SCAN / "report.html"), pictures(out / PRINTED / "report.html")
    assert scanned and set(scanned) <= set(printed)
    for where, shot in scanned.items():
        theirs = np.asarray(printed[where].resize(shot.size), float)
        mine = np.asarray(shot, float)
        assert likeness(mine, theirs) > 0.8
        assert likeness(mine, theirs) > likeness(mine, theirs[::-1, ::-1]) + 0.3


@pytest.mark.parametrize("shown_upright", [False, True])
def test_a_sideways_text_page_gives_the_same_pictures_as_the_upright_one(
    tmp_path, monkeypatch, shown_upright
):
    # The table drawn on its side in the content stream, with no /Rotate (the page shows it
    # on its side) or /Rotate 90 (the page shows it upright): the page is rendered turned the
    # way its text was read, so each row's picture is the upright document's, pixel for pixel.
    from test_ingest import rotate_sideways

    sideways = tmp_path / "sideways.pdf"
    rotate_sideways(PDFS / "domestic-clean.pdf", sideways, shown_upright)
    renders: list[int] = []

    def counted(pdf, verdict):  # noqa: ANN001, ANN202
        renders.append(verdict.page)
        return sheet_from_pdf(pdf, verdict)

    monkeypatch.setattr(report, "sheet_from_pdf", counted)
    sizes = []
    for path in (PDFS / "domestic-clean.pdf", sideways):
        result = extract.run(path, Config(engine="none"))
        rows = table_rows(result, result.review)
        sheets = Sheets(result.source, result.pages, result.images)
        add_crops(rows, sheets)
        sheets.close()
        assert sorted(renders) == sorted(set(renders)) != []  # a page is rendered once
        renders.clear()
        sizes.append([Image.open(io.BytesIO(r.crop)) for r in rows if r.crop])
    upright, turned = sizes
    assert len(upright) == len(turned) > 0
    for a, b in zip(upright, turned, strict=True):
        assert a.size == b.size and (np.asarray(a) < 128).any()
        assert np.array_equal(np.asarray(a), np.asarray(b))  # the same picture, pixel for pixel


def test_values_are_coloured_by_their_confidence(out, page):
    folder = out / MIXED
    fields = pd.read_csv(folder / "fields.csv", dtype={"record_id": str})
    confidence = fields.set_index(["record_id", "field"])["confidence"]
    open_report(page, folder / "report.html")
    cells = page.evaluate("""[...document.querySelectorAll('td.v')].map(td => [
        td.closest('tr').dataset.recordId, td.querySelector('input.edit').dataset.field,
        getComputedStyle(td).backgroundColor])""")
    assert len(cells) == len(fields)
    for rid, name, colour in cells:
        assert colour == COLOURS[band(confidence[(rid, name)])], (rid, name)


@pytest.mark.parametrize(("confidence", "colour"), [(0.3, "lo"), (0.7, "mid"), (0.95, "hi")])
def test_a_doubtful_value_is_red_and_a_fair_one_amber(clean_result, page, tmp_path,
                                                       confidence, colour):  # fmt: skip
    result = replace(clean_result, fields=clean_result.fields.copy())
    result.fields.loc[0, "confidence"] = confidence
    html = tmp_path / "report.html"
    html.write_text(render(result), encoding="utf-8")
    open_report(page, html)
    rid, name = result.fields.loc[0, ["record_id", "field"]]
    cell = page.locator(f'tr[data-record-id="{rid}"] input.edit[data-field="{name}"]')
    shown = cell.evaluate("i => getComputedStyle(i.closest('td')).backgroundColor")
    assert shown == COLOURS[colour]


def test_filters_show_only_the_rows_asked_for(out, page):
    folder = out / MIXED
    open_report(page, folder / "report.html")
    every = shown_rows(page)
    assert all(r["visible"] for r in every)
    page.check("#flagged-only")
    rows = shown_rows(page)
    assert [r["visible"] for r in rows] == [r["flagged"] for r in rows]
    page.uncheck("#flagged-only")
    page.select_option("#reason-filter", "shared_value")
    rows = shown_rows(page)
    shared = [any("shared_value" in a["reasons"] for a in r["arms"]) for r in rows]
    assert any(shared) and [r["visible"] for r in rows] == shared
    page.select_option("#reason-filter", "")
    page.select_option("#table-filter", "Table 1")
    assert all(r["visible"] for r in shown_rows(page))


def test_keys_move_between_flagged_rows_accept_and_edit(out, page):
    open_report(page, out / MIXED / "report.html")
    current = (
        "() => [...document.querySelectorAll('tbody.row')]"
        ".indexOf(document.querySelector('tbody.row.current'))"
    )
    flagged = [i for i, r in enumerate(shown_rows(page)) if r["flagged"]]
    assert len(flagged) >= 2
    page.keyboard.press("j")
    assert page.evaluate(current) == flagged[0]
    page.keyboard.press("n")
    assert page.evaluate(current) == flagged[1]
    page.keyboard.press("k")
    assert page.evaluate(current) == flagged[0]
    page.keyboard.press("a")  # accepted: marked reviewed, and on to the next
    assert page.locator("tbody.row.reviewed").count() == 1
    assert page.evaluate(current) == flagged[1]
    assert "1 of" in page.inner_text("#progress")
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.classList.contains('edit')")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement === document.body")
    page.keyboard.press("j")  # keys work again once out of the box
    assert page.evaluate(current) == flagged[2 if len(flagged) > 2 else 1]


def test_strings_from_the_pdf_are_shown_as_text_never_run(clean_result, page, tmp_path):
    source = tmp_path / f"{EVIL}.pdf"
    shutil.copy(PDFS / f"{MIXED}.pdf", source)
    result = replace(clean_result, source=source, fields=clean_result.fields.copy(),
                     tables=[replace(t) for t in clean_result.tables])  # fmt: skip
    study = result.fields.index[result.fields["field"] == "study"][0]
    result.fields.loc[study, ["value", "raw"]] = [EVIL, "</script><script>alert(2)</script>"]
    result.tables[0].caption = "<script>alert(3)</script>"
    html = tmp_path / "report.html"
    html.write_text(render(result), encoding="utf-8")
    open_report(page, html)
    rid = result.fields.loc[study, "record_id"]
    arm = page.locator(f'tr[data-record-id="{rid}"]')
    assert arm.locator('input.edit[data-field="study"]').input_value() == EVIL
    assert "</script><script>alert(2)</script>" in arm.inner_text()
    assert "<script>alert(3)</script>" in page.inner_text("section.table .caption")
    assert EVIL in page.title() and EVIL in page.inner_text("h1")
    assert page.locator("img:not(.crop)").count() == 0
    assert page.locator("script").count() == 1
    assert page.dialogs == [] and page.errors == []


def test_an_edit_saved_in_the_page_is_applied_by_the_next_run(out, page, tmp_path):
    folder = out / MIXED
    open_report(page, folder / "report.html")
    rid = shown_rows(page)[0]["arms"][0]["id"]  # the first flagged arm
    arm = page.locator(f'tr[data-record-id="{rid}"]')
    page.click("#save")  # no name yet: nothing is saved, the page asks for one
    assert "name" in page.inner_text("#status")
    page.fill("#curator", "Ana Lima")
    arm.locator('input.edit[data-field="n"]').fill("123")
    arm.locator('input.edit[data-field="n"]').locator("xpath=..").locator("input.note").fill(
        'checked, "page 2"'
    )
    arm.locator('input.edit[data-field="treatment"]').fill('HR, "open"')
    with page.expect_download() as info:
        page.click("#save")
    download = info.value
    assert download.suggested_filename == "corrections.csv"
    saved = tmp_path / "corrections.csv"
    download.save_as(saved)
    with open(saved, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        lines = list(reader)
    assert reader.fieldnames == COLUMNS
    assert [(r["record_id"], r["field"], r["value"]) for r in lines] == [
        (rid, "n", "123"), (rid, "treatment", 'HR, "open"')]  # fmt: skip
    assert lines[0]["note"] == 'checked, "page 2"' and lines[1]["note"] == ""
    assert {r["curator"] for r in lines} == {"Ana Lima"}
    assert datetime.fromisoformat(lines[0]["time"]).tzinfo is not None

    again = tmp_path / "out"
    (again / MIXED).mkdir(parents=True)
    shutil.copy(saved, again / MIXED / "corrections.csv")
    assert run_cli("run", PDFS / f"{MIXED}.pdf", "-o", again).returncode == 0
    recs = records(again / MIXED).set_index("record_id")
    assert recs.loc[rid, "n"] == 123 and recs.loc[rid, "treatment"] == 'HR, "open"'
    fields = pd.read_csv(again / MIXED / "fields.csv", dtype=str, keep_default_na=False)
    curated = fields[fields["source"] == "curated"]
    assert sorted(zip(curated["record_id"], curated["field"], strict=True)) == [
        (rid, "n"), (rid, "treatment")]  # fmt: skip
