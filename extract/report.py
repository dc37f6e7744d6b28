"""report.html: the page a curator works in. One self-contained file, opened from disk.

Per table, the rows that need review come first. Each table row shows its image cut from
the page beside the values read from it (one line per arm), each value coloured by its
confidence, with its raw text, an edit box and a note box, and the reasons it was flagged.
The page's script turns the edits into ``corrections.csv``, which the next run applies.

Every string from the PDF is untrusted: it is escaped with ``html.escape`` wherever it is
written, and no such string is written inside the script, which is a constant. The page's
Content-Security-Policy loads nothing from outside and runs that script only.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pypdfium2 as pdfium
from PIL import Image

from .model import Box, PageClass, PageImage
from .schema import DATA

if TYPE_CHECKING:
    from .pipeline import Result

CROP_DPI = 130  # enough to read a row's figures against the values; a row costs a few kB
MARGIN = 3.0  # points of page kept around a row's crop, so glyphs are not cut at the edge
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@dataclass(frozen=True)
class Sheet:
    """One page as an upright greyscale image, and how the page as displayed maps onto it.

    Field boxes are in points on the page as displayed; the image stands the way the page
    was read (turned clockwise by ``turn``), ``scale`` pixels per point.
    """

    pixels: np.ndarray
    scale: float
    turn: int
    width: float  # of the page as displayed, points
    height: float

    def upright(self, box: Box) -> Box:
        return box.turned(self.turn, self.width, self.height)

    def crop(self, upright: Box) -> bytes | None:
        """The PNG of an upright box (points) with a margin, or None when it is off the page."""
        px = upright.scaled(self.scale)
        m = MARGIN * self.scale
        h, w = self.pixels.shape
        x0, y0 = max(0, int(px.x0 - m)), max(0, int(px.top - m))
        x1, y1 = min(w, int(px.x1 + m + 1)), min(h, int(px.bottom + m + 1))
        if x1 <= x0 or y1 <= y0:
            return None
        buf = io.BytesIO()
        Image.fromarray(self.pixels[y0:y1, x0:x1]).save(buf, format="PNG", optimize=True)
        return buf.getvalue()


def sheet_from_image(image: PageImage) -> Sheet:
    """The page OCR read, as it kept it (upright, in the frame OCR turned it to)."""
    picture = Image.open(io.BytesIO(image.png)).convert("L")
    dpi = image.dpi
    if dpi > CROP_DPI:
        size = (max(1, round(picture.width * CROP_DPI / dpi)),
                max(1, round(picture.height * CROP_DPI / dpi)))  # fmt: skip
        picture, dpi = picture.resize(size, Image.Resampling.LANCZOS), CROP_DPI
    scale = dpi / 72
    width, height = picture.width / scale, picture.height / scale
    if image.turn % 180:
        width, height = height, width  # the displayed page lies the other way
    return Sheet(np.asarray(picture), scale, image.turn % 360, width, height)


def sheet_from_pdf(pdf: pdfium.PdfDocument, verdict: PageClass) -> Sheet:
    """A text-layer page rendered as displayed, then turned the way its text was read (a
    table set sideways with no /Rotate to show it upright)."""
    page = pdf[verdict.page - 1]
    try:
        scale = CROP_DPI / 72
        turn = (verdict.rotation - page.get_rotation()) % 360
        # pdfium turns the page before it rasterises: the glyphs come out as they would
        # from a page whose /Rotate shows it upright, pixel for pixel
        bitmap = page.render(scale=scale, rotation=turn, grayscale=True)
        pixels = np.asarray(bitmap.to_pil().convert("L"))
    finally:
        page.close()
    upright_h, upright_w = pixels.shape[0] / scale, pixels.shape[1] / scale
    width, height = (upright_h, upright_w) if turn % 180 else (upright_w, upright_h)
    return Sheet(pixels, scale, turn, width, height)


class Sheets:
    """Each page's image, made at most once: from OCR's kept image, or rendered."""

    def __init__(self, source: Path, pages: list[PageClass], images: dict[int, PageImage]):
        self.source = source
        self.verdicts = {c.page: c for c in pages}
        self.images = images
        self.cache: dict[int, Sheet | None] = {}
        self.pdf: pdfium.PdfDocument | None = None

    def get(self, page: int) -> Sheet | None:
        if page not in self.cache:
            self.cache[page] = self._make(page)
        return self.cache[page]

    def _make(self, page: int) -> Sheet | None:
        try:
            if page in self.images:
                return sheet_from_image(self.images[page])
            if page not in self.verdicts:
                return None
            if self.pdf is None:
                self.pdf = pdfium.PdfDocument(self.source)
            return sheet_from_pdf(self.pdf, self.verdicts[page])
        except Exception:  # noqa: BLE001 - a missing picture must not lose the report
            return None

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


# --- what a table row holds -------------------------------------------------------------


@dataclass
class Arm:
    """One record: its values (field -> fields.csv row) and why it is flagged."""

    record: dict[str, Any]
    values: dict[str, dict[str, Any]]
    reasons: list[tuple[str, str]]  # (code, sentence)


@dataclass
class TableRow:
    """The records of one printed table row, and its picture."""

    table: str
    row: int
    page: int
    arms: list[Arm]
    crop: bytes | None = None

    @property
    def flagged(self) -> bool:
        return any(bool(a.record["needs_review"]) for a in self.arms)

    @property
    def codes(self) -> list[str]:
        return sorted({code for a in self.arms for code, _ in a.reasons})


def missing(value: object) -> bool:
    """Whether a cell of a frame holds nothing (None, NaN or pandas' NA)."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def plain_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as dicts of plain values, None for missing."""
    cleaned = frame.astype(object).where(frame.notna(), None)
    return [{str(k): v for k, v in row.items()} for row in cleaned.to_dict("records")]


def _box(value: dict[str, Any]) -> Box | None:
    corners: list[Any] = [value.get(k) for k in ("x0", "top", "x1", "bottom")]
    if any(missing(c) for c in corners):
        return None
    return Box(*(float(c) for c in corners))


def _reasons(record: dict[str, Any], review: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The record's review.csv sentences, then its flag codes review.csv did not explain."""
    out: list[tuple[str, str]] = []
    for r in review:
        where = f" ({r['field']})" if r["field"] else ""
        out.append((str(r["check"]), f"{r['reason']}{where}"))
    known = {code for code, _ in out}
    for code in str(record.get("flags") or "").split(";"):
        if code and code not in known:
            out.append((code, code.replace("_", " ")))
    return out


def table_rows(result: Result, review: pd.DataFrame) -> list[TableRow]:
    """Records grouped by printed table row, in table then row order."""
    values: dict[str, dict[str, dict[str, Any]]] = {}
    for f in plain_rows(result.fields):
        values.setdefault(str(f["record_id"]), {})[str(f["field"])] = f
    why: dict[str, list[dict[str, Any]]] = {}
    for r in plain_rows(review):
        why.setdefault(str(r["record_id"]), []).append(r)
    rows: dict[tuple[str, int], TableRow] = {}
    for rec in plain_rows(result.records):
        key = (str(rec["table"]), int(rec["row"]))
        if key not in rows:
            rows[key] = TableRow(key[0], key[1], int(rec["page"]), [])
        rid = str(rec["record_id"])
        rows[key].arms.append(Arm(rec, values.get(rid, {}), _reasons(rec, why.get(rid, []))))
    return list(rows.values())


def row_boxes(row: TableRow, sheet: Sheet) -> list[Box]:
    """The boxes of the row's values on its page, in the upright frame of its picture."""
    return [
        sheet.upright(box)
        for arm in row.arms
        for v in arm.values.values()
        if v["page"] == row.page and (box := _box(v)) is not None
    ]


def add_crops(rows: list[TableRow], sheets: Sheets) -> None:
    """Each row's picture: the box around its values on its page, widened to its table's
    width there (a value the pipeline missed is then still in the picture)."""
    boxes: dict[int, tuple[Sheet, list[Box]]] = {}
    spans: dict[tuple[str, int], tuple[float, float]] = {}
    for i, row in enumerate(rows):
        sheet = sheets.get(row.page)
        found = row_boxes(row, sheet) if sheet is not None else []
        if sheet is None or not found:
            continue
        boxes[i] = sheet, found
        lo, hi = spans.get((row.table, row.page), (found[0].x0, found[0].x1))
        lo, hi = min([lo] + [b.x0 for b in found]), max([hi] + [b.x1 for b in found])
        spans[(row.table, row.page)] = lo, hi
    for i, (sheet, found) in boxes.items():
        row = rows[i]
        x0, x1 = spans[(row.table, row.page)]
        whole = Box.enclosing(found)
        if whole is not None:
            row.crop = sheet.crop(Box(x0, whole.top, x1, whole.bottom))


# --- HTML --------------------------------------------------------------------------------


def esc(value: object) -> str:
    """Text or attribute value from the PDF, made inert."""
    if missing(value):
        return ""
    return html.escape(str(value), quote=True)


def band(confidence: float) -> str:
    """The colour band a curator reads a value's confidence by."""
    if confidence >= 0.9:
        return "hi"
    if confidence >= 0.6:
        return "mid"
    return "lo"


def _shown(value: object) -> str:
    if missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else str(value)
    return str(value)


def value_cell(name: str, value: dict[str, Any] | None) -> str:
    """One value as the curator checks it: coloured by confidence, raw text beneath, an edit
    box holding the value (the page's script compares it with this to find edits) and a
    note box."""
    if value is None:
        return '<td class="none"></td>'
    conf = float(value["confidence"])
    source = str(value.get("source") or "")
    tip = f"confidence {conf:.2f}; {source}"
    if value.get("repairs"):
        tip += f"; repairs: {value['repairs']}"
    shown = _shown(value.get("value"))
    curated = ' <span class="curated">curated</span>' if source == "curated" else ""
    return (
        f'<td class="v c-{band(conf)}" data-confidence="{conf:.4f}" title="{esc(tip)}">'
        f'<input class="edit" data-field="{esc(name)}" value="{esc(shown)}" '
        f'aria-label="{esc(name)}">{curated}'
        f'<div class="raw" title="raw text as read">{esc(value.get("raw"))}</div>'
        f'<input class="note" placeholder="note" aria-label="note on {esc(name)}"></td>'
    )


def arm_line(arm: Arm, names: list[str]) -> str:
    """One record: which arm, why it is flagged, its values. ``data-record-id`` is what a
    saved correction names."""
    rec = arm.record
    reasons = "".join(
        f'<li><span class="code">{esc(code)}</span> {esc(text)}</li>' for code, text in arm.reasons
    )
    cells = "".join(value_cell(n, arm.values.get(n)) for n in names)
    flagged = "1" if rec["needs_review"] else "0"
    return (
        f'<tr class="arm" data-record-id="{esc(rec["record_id"])}" data-flagged="{flagged}">'
        f'<th class="who">arm {esc(rec["arm"])}/{esc(rec["arms"])}'
        f'<div class="conf">{float(rec["confidence"] or 0):.2f}</div></th>'
        f'<td class="flags"><ul>{reasons}</ul></td>{cells}</tr>'
    )


def row_block(row: TableRow, names: list[str]) -> str:
    """A printed row: its picture above its arms. The ``data-`` attributes are what the
    filters and keys of the page read."""
    if row.crop:
        data = base64.b64encode(row.crop).decode("ascii")
        src = f"data:image/png;base64,{data}"
        picture = f'<img class="crop" alt="row {row.row} as printed" src="{src}">'
    else:
        picture = '<span class="nocrop">no image of this row</span>'
    arms = "".join(arm_line(a, names) for a in row.arms)
    return (
        f'<tbody class="row{" flagged" if row.flagged else ""}" data-table="{esc(row.table)}" '
        f'data-flagged="{int(row.flagged)}" data-reasons="{esc(" ".join(row.codes))}">'
        f'<tr class="picture"><td colspan="{len(names) + 2}">'
        f'<span class="where">{esc(row.table)}, row {row.row}, page {row.page}</span>'
        f"{picture}</td></tr>{arms}</tbody>"
    )


def table_section(label: str, caption: str, rows: list[TableRow], names: list[str]) -> str:
    """One table, the rows to review first (each group keeps the printed order)."""
    ordered = [r for r in rows if r.flagged] + [r for r in rows if not r.flagged]
    flagged = sum(r.flagged for r in rows)
    head = "".join(f"<th>{esc(n)}</th>" for n in names)
    body = "".join(row_block(r, names) for r in ordered)
    return (
        f'<section class="table" data-table="{esc(label)}"><h2>{esc(label)}</h2>'
        f'<p class="caption">{esc(caption)}</p>'
        f"<p>{len(rows)} rows, {flagged} need review</p>"
        f'<table class="values"><thead><tr><th>arm</th><th>reasons</th>{head}</tr></thead>'
        f"{body}</table></section>"
    )


def _options(values: list[str]) -> str:
    return "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)


def _pages(result: Result) -> str:
    """How each page was read: a page skipped or failed gives no rows, and says why."""
    return ", ".join(
        f"{c.page}: {c.kind} ({c.text_source}{', ' + c.reason if c.reason else ''})"
        for c in result.pages
    )


def _not_applied(review: pd.DataFrame) -> str:
    missed = review[review["check"] == "correction_not_applied"]
    if missed.empty:
        return ""
    items = "".join(
        f"<li>{esc(r['record_id'])} {esc(r['field'])} = {esc(r['value'])}: {esc(r['reason'])}</li>"
        for _, r in missed.iterrows()
    )
    return f'<section class="missed"><h2>Corrections not applied</h2><ul>{items}</ul></section>'


def by_table(rows: list[TableRow]) -> dict[str, list[TableRow]]:
    """Rows under their table's label, tables in the order they are printed."""
    tables: dict[str, list[TableRow]] = {}
    for r in rows:
        tables.setdefault(r.table, []).append(r)
    return tables


def render(result: Result, review: pd.DataFrame | None = None) -> str:
    """The QA page for one document (``review`` defaults to the result's)."""
    review = result.review if review is None else review
    rows = table_rows(result, review)
    sheets = Sheets(result.source, result.pages, result.images)
    try:
        add_crops(rows, sheets)
    finally:
        sheets.close()
    names = result.schema.names
    captions = {t.label: t.caption for t in result.tables}
    tables = by_table(rows)
    sections = "".join(
        table_section(label, captions.get(label, ""), group, names)
        for label, group in tables.items()
    )
    flagged = sum(r.flagged for r in rows)
    records = len(result.records)
    review_count = int(result.records["needs_review"].fillna(False).sum()) if records else 0
    parts = {
        "title": esc(result.source.name),
        "summary": esc(
            f"{records} records in {len(rows)} table rows; {review_count} records "
            f"({flagged} rows) need review. Pages: {_pages(result)}"
        ),
        "sha": esc(result.sha256[:12]),
        "tables": _options(list(tables)),
        "reasons": _options(sorted({c for r in rows for c in r.codes})),
        "missed": _not_applied(review),
        "sections": sections or "<p>No records.</p>",
    }
    template = (DATA / "report.html.tmpl").read_text(encoding="utf-8")
    parts["script_hash"] = script_hash(template)
    return PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)


def script_hash(template: str) -> str:
    """The page's Content-Security-Policy lets only its own script run: were a string from
    the PDF ever written unescaped, no handler or script it brought would run."""
    match = SCRIPT.search(template)
    body = match.group(1) if match else ""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
