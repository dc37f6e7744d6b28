"""The plain data passed between stages.

Every stage takes and returns these dataclasses, so a stage can be run and tested alone on
a hand-made input. Coordinates are PDF points in pdfplumber's convention: origin at the
top-left of the page, ``top`` and ``bottom`` measured downwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Box:
    """A rectangle on a page, in PDF points (pdfplumber coordinates)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def x_mid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def y_mid(self) -> float:
        return (self.top + self.bottom) / 2

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def overlap(self, other: Box) -> float:
        """Share of the smaller of the two boxes that the other covers, 0..1."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.bottom, other.bottom) - max(self.top, other.top)
        if w <= 0 or h <= 0:
            return 0.0
        smaller = min(self.width * self.height, other.width * other.height) or 1.0
        return w * h / smaller

    def scaled(self, factor: float) -> Box:
        return Box(self.x0 * factor, self.top * factor, self.x1 * factor, self.bottom * factor)

    def turned(self, rotation: int, width: float, height: float) -> Box:
        """This box after turning its ``width`` x ``height`` page clockwise by ``rotation``."""
        r = rotation % 360
        if r == 90:
            return Box(height - self.bottom, self.x0, height - self.top, self.x1)
        if r == 180:
            return Box(width - self.x1, height - self.bottom, width - self.x0, height - self.top)
        if r == 270:
            return Box(self.top, width - self.x1, self.bottom, width - self.x0)
        return self

    @staticmethod
    def enclosing(boxes: list[Box]) -> Box | None:
        if not boxes:
            return None
        out = boxes[0]
        for b in boxes[1:]:
            out = out.union(b)
        return out

    @staticmethod
    def middles(pieces: list[tuple[int, Box]]) -> dict[int, float]:
        """The middle height of each column's block (all its pieces' boxes together): what
        tells a cell centred on a row, or headers centred on one line, from one set higher."""
        blocks: dict[int, Box] = {}
        for c, box in pieces:
            blocks[c] = blocks[c].union(box) if c in blocks else box
        return {c: b.y_mid for c, b in blocks.items()}


@dataclass(frozen=True)
class Word:
    """A run of glyphs read as one token, from the text layer or from OCR.

    ``confidence`` is how sure the reader is of the text (1.0 for an exact text layer).
    """

    text: str
    box: Box
    source: str = "text_layer"
    confidence: float = 1.0
    second: str | None = None  # how a second engine read it, when it was read again


@dataclass(frozen=True)
class Rule:
    """A drawn line or thin rectangle: table rules and cell borders."""

    box: Box

    @property
    def horizontal(self) -> bool:
        return self.box.width >= self.box.height


@dataclass(frozen=True)
class PageImage:
    """A page as rendered for OCR, upright and deskewed, kept so that no stage renders twice.

    Pixel = PDF point x ``dpi / 72`` in the page's upright frame (kept at a lower dpi than
    it was read at, to bound memory).
    """

    png: bytes
    dpi: float
    turn: int = 0  # degrees OCR turned the displayed page clockwise to read it upright


@dataclass
class Page:
    """One page: its words, rules and the raw measurements triage needs.

    ``words`` and ``rules`` are in the upright frame: a page whose text runs sideways (set
    so in its content stream, or a scan lying on its side) was turned by ``turn`` degrees
    clockwise to read it, and a quarter turn swaps its width and height.
    """

    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    rules: list[Rule]
    chars: list[str]  # every glyph's text as the layer maps it, e.g. "表" or "(cid:123)"
    image_cover: float  # share of the page area covered by images, 0..1
    image_dpi: float = 0.0  # pixels per inch of the largest image on the page (a scan's)
    rotation: int = 0  # /Rotate of the page, or the turn OCR gave it to read it upright
    image: PageImage | None = None
    text_turn: int | None = None  # clockwise turn that stands its glyphs upright, if known
    turn: int = 0  # clockwise turn the displayed page was given to read it (ingest or OCR)
    invisible_share: float = 0.0  # share of glyphs drawn invisible (text render mode 3), 0..1


@dataclass
class PageClass:
    """Triage's verdict on one page's text layer."""

    page: int
    kind: str  # good, cid, mojibake, bad_ocr_layer, no_text
    score: float  # 0..1, how sure triage is
    evidence: dict[str, Any]
    text_source: str = "text_layer"  # text_layer, ocr:<engine>, none
    reason: str = ""
    rotation: int = 0
    error: str = ""


@dataclass
class Cell:
    """One printed cell: its text (wrapped lines joined) and where it was read."""

    text: str
    page: int
    box: Box | None
    source: str = "text_layer"
    confidence: float = 1.0
    rereads: list[tuple[str, str]] = field(default_factory=list)  # (read, second reading)


@dataclass
class TableRow:
    """A logical row of a table body (one or more printed lines)."""

    page: int
    cells: list[Cell]  # one per column
    doubts: list[str] = field(default_factory=list)  # what the layout left in doubt


@dataclass
class Table:
    """A table as read, before header matching or repair.

    ``header`` holds one text per column (all header lines joined); a table continued on
    the next page is one Table whose ``pages`` lists every page.
    """

    label: str  # "Table 1"
    caption: str
    pages: list[int]
    header: list[str]
    rows: list[TableRow]

    @property
    def columns(self) -> list[list[str]]:
        """Each column's body cell texts, top to bottom."""
        return [[r.cells[c].text for r in self.rows] for c in range(len(self.header))]


@dataclass
class ColumnMatch:
    """Which schema field a printed column matched, and how well (0..100)."""

    column: int
    header: str
    field: str | None
    score: float


@dataclass
class Field:
    """One extracted value with its provenance."""

    name: str
    value: Any  # int, float, str or None for missing
    raw: str
    confidence: float
    page: int
    box: Box | None
    source: str = "text_layer"
    repairs: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    header: float = 100.0  # how well its column's header matched the field (0..100)
    doubts: list[str] = field(default_factory=list)  # evidence that lowered its confidence
    rereads: list[tuple[str, str]] = field(default_factory=list)  # its words read again


@dataclass
class Record:
    """One study arm: the unit a curator counts."""

    table: str
    row: int
    arm: int
    arms: int
    page: int
    fields: dict[str, Field]
    flags: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        values = [f.confidence for f in self.fields.values()]
        return min(values) if values else 0.0
