"""Ingest: open a PDF and read each page's words, rules and glyphs with pdfplumber.

Work is done from words with boxes only, so that OCR words (which carry the same boxes)
flow through the same table code.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfminer.pdfcolor import PDFColorSpace
from pdfminer.pdfdevice import PDFTextDevice, PDFTextSeq
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import (
    PDFGraphicState,
    PDFPageInterpreter,
    PDFResourceManager,
    PDFTextState,
)
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import extract_words

from .errors import BadInputError
from .model import Box, Page, Rule, Word
from .text import normalise

# Glyphs closer than this (points) belong to one word. Table cells are further apart.
WORD_X_TOLERANCE = 1.5
RULE_MAX_THICKNESS = 2.5
MIN_GLYPHS_FOR_DIRECTION = 10
# Where a glyph's box ends below its baseline, as a share of its height. Fonts say it with
# their descent; a font without one (a browser's CJK subset with no FontBBox) gets a box that
# stands on the baseline, a fifth of a line higher than its Latin neighbours'.
GLYPH_DESCENT = 0.2
# What pdfminer raises on a damaged file (pdfplumber wraps some in PdfminerException).
# pdfminer warns on stderr about every font descriptor it finds incomplete (browsers' Type3
# fonts have no FontBBox): noise for a curator, and nothing the pipeline acts on.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
UNREADABLE = (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError, TypeError)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@contextmanager
def open_pdf(path: Path, max_pages: int) -> Iterator[pdfplumber.PDF]:
    """Open a PDF or raise BadInputError saying, in one line, why it cannot be read."""
    if not path.is_file():
        raise BadInputError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise BadInputError(f"{path}: empty file")
    with open(path, "rb") as fh:
        if b"%PDF" not in fh.read(1024):
            raise BadInputError(f"{path}: not a PDF (no %PDF header)")
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise BadInputError(f"{path}: encrypted PDF, cannot be read without its password") from exc
    except UNREADABLE as exc:
        raise BadInputError(f"{path}: damaged or truncated PDF ({type(exc).__name__})") from exc
    try:
        try:
            n = len(pdf.pages)
        except UNREADABLE as exc:
            raise BadInputError(f"{path}: damaged or truncated PDF ({type(exc).__name__})") from exc
        if n == 0:
            raise BadInputError(f"{path}: the PDF has no pages")
        if n > max_pages:
            raise BadInputError(f"{path}: {n} pages, more than the limit of {max_pages}")
        yield pdf
    finally:
        pdf.close()


def on_baseline(char: dict, mediabox_x0: float = 0.0) -> dict:
    """The glyph with its box hung from its baseline by one descent for every font.

    pdfminer hangs each box by its font's descent, and a font that gives none (browsers'
    CJK subsets) sits its boxes on the baseline: a line of hanzi and Latin in two fonts
    then has two heights, and a hanzi of a wrapped cell's first line is as close to the
    line below as to its own. The baseline is in the text matrix, whatever the font says.
    Only glyphs set along a page axis are moved (the rest keep pdfminer's box)."""
    a, b, c, d, e, f = char["matrix"]
    if abs(c) <= 1e-3 * abs(d):  # the glyph's up is along y (upright or upside down)
        sign, lo_key, hi_key, origin = math.copysign(1.0, d), "y0", "y1", f
    elif abs(d) <= 1e-3 * abs(c):  # set sideways: up is along x
        sign, lo_key, hi_key, origin = math.copysign(1.0, c), "x0", "x1", e + mediabox_x0
    else:
        return char
    ups = sorted(sign * (char[k] - origin) for k in (lo_key, hi_key))
    height = ups[1] - ups[0]
    shift = sign * (-GLYPH_DESCENT * height - ups[0])
    if abs(shift) < 0.05:
        return char
    if lo_key == "y0":  # pdfminer's y runs up, the page's top down
        return {**char, "y0": char["y0"] + shift, "y1": char["y1"] + shift,
                "top": char["top"] - shift, "bottom": char["bottom"] - shift,
                "doctop": char["doctop"] - shift}  # fmt: skip
    return {**char, "x0": char["x0"] + shift, "x1": char["x1"] + shift}


def _edges(box: Box) -> dict[str, float]:
    return {"x0": box.x0, "x1": box.x1, "top": box.top, "bottom": box.bottom, "doctop": box.top}


def text_turn(chars: list[dict]) -> int | None:
    """Degrees to turn the displayed page clockwise so that most of its glyphs stand upright,
    from their text matrices; None when the page has too few glyphs to tell.

    A vector page says which way its text runs: an image of it (as OCR sees it) need not be
    guessed at, and a guess (OSD on hanzi) can turn an upright page upside down. pdfplumber
    gives the matrices as displayed (after /Rotate), as it gives the boxes.
    """
    votes: dict[int, int] = {}
    for c in chars:
        if c["text"].isspace():
            continue
        a, b = c["matrix"][0], c["matrix"][1]
        quarter = round(math.degrees(math.atan2(b, a)) / 90) % 4 * 90
        votes[quarter] = votes.get(quarter, 0) + 1
    if sum(votes.values()) < MIN_GLYPHS_FOR_DIRECTION:
        return None
    angle = max(votes, key=lambda k: votes[k])
    return angle % 360


class RenderModes(PDFTextDevice):
    """Counts the glyphs a page shows in each text render mode (pdfplumber does not keep it)."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.glyphs: Counter[int] = Counter()

    def render_string(
        self,
        textstate: PDFTextState,
        seq: PDFTextSeq,
        ncs: PDFColorSpace,
        graphicstate: PDFGraphicState,
    ) -> None:
        if textstate.font is not None:
            shown = sum(1 for s in seq if isinstance(s, bytes) for _ in textstate.font.decode(s))
            self.glyphs[textstate.render] += shown


def invisible_share(page: pdfplumber.page.Page) -> float:
    """Share of the page's glyphs drawn neither filled, stroked nor clipped (render mode 3):
    the invisible text an OCR program lays over a page image. It takes a second pass over
    the page's content, so a page with no image and no glyphs (nothing to lay text over, or
    no text) is not read again."""
    if not page.images or not page.chars:
        return 0.0
    device = RenderModes(page.pdf.rsrcmgr)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    total = sum(device.glyphs.values())
    return device.glyphs[3] / total if total else 0.0


def read_page(page: pdfplumber.page.Page) -> Page:
    """One pdfplumber page as words, rules and raw glyph texts, in the frame where its text
    stands upright (a table set sideways in the content stream, with no /Rotate to show it
    upright, is read turned)."""
    rotation = int(page.rotation or 0) % 360
    direction = text_turn(page.chars)
    turn = direction if direction in (90, 180, 270) else 0
    width, height = float(page.width), float(page.height)

    def upright(o: dict) -> Box:
        return Box(o["x0"], o["top"], o["x1"], o["bottom"]).turned(turn, width, height)

    chars = [on_baseline(c, float(page.mediabox[0])) for c in page.chars]
    if turn:
        chars = [{**c, **_edges(upright(c)), "upright": True} for c in chars]
    words = [
        Word(normalise(w["text"]), Box(w["x0"], w["top"], w["x1"], w["bottom"]))
        for w in extract_words(
            chars, x_tolerance=WORD_X_TOLERANCE, y_tolerance=2, keep_blank_chars=False
        )
    ]
    rules = [Rule(upright(o)) for o in page.lines]
    for r in page.rects:
        box = upright(r)
        if min(box.width, box.height) <= RULE_MAX_THICKNESS:
            rules.append(Rule(box))
        else:  # a drawn cell: its four edges are rules
            rules += [
                Rule(Box(box.x0, box.top, box.x1, box.top)),
                Rule(Box(box.x0, box.bottom, box.x1, box.bottom)),
                Rule(Box(box.x0, box.top, box.x0, box.bottom)),
                Rule(Box(box.x1, box.top, box.x1, box.bottom)),
            ]
    area = float(page.width * page.height) or 1.0
    covered = sum(
        max(0.0, min(i["x1"], page.width) - max(i["x0"], 0))
        * max(0.0, min(i["bottom"], page.height) - max(i["top"], 0))
        for i in page.images
    )
    image_dpi = 0.0
    if page.images:
        big = max(page.images, key=lambda i: (i["x1"] - i["x0"]) * (i["bottom"] - i["top"]))
        src = big.get("srcsize") or (0, 0)
        if big["x1"] > big["x0"] and src[0]:
            image_dpi = round(float(src[0]) / ((big["x1"] - big["x0"]) / 72), 1)
    quarter = turn in (90, 270)
    return Page(
        number=page.page_number,
        width=height if quarter else width,
        height=width if quarter else height,
        words=words,
        rules=rules,
        chars=[c["text"] for c in page.chars],  # as the layer maps them: triage's evidence
        image_cover=min(1.0, covered / area),
        image_dpi=image_dpi,
        rotation=(rotation + turn) % 360,
        text_turn=direction,
        turn=turn,
        invisible_share=invisible_share(page),
    )


def ingest(path: Path, max_pages: int) -> list[Page]:
    """Every page of the PDF, read from its text layer."""
    with open_pdf(path, max_pages) as pdf:
        try:
            return [read_page(p) for p in pdf.pages]
        except UNREADABLE as exc:
            raise BadInputError(f"{path}: damaged or truncated PDF ({type(exc).__name__})") from exc
