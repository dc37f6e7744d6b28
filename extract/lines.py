"""Printed lines: words on one baseline, joined as a reader would read them, and cut at
column edges. What every later step of the table finder (regions, columns, rows) works on."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Box, Word
from .text import CJK_CHAR, FULL_WIDTH_PUNCTUATION, HUGS_AFTER, HUGS_BEFORE, glyph_spans


@dataclass
class Line:
    """Words printed on one baseline, left to right."""

    words: list[Word]

    @property
    def box(self) -> Box:
        box = Box.enclosing([w.box for w in self.words])
        assert box is not None
        return box

    @property
    def text(self) -> str:
        return join_words(self.words)


def _needs_space(left: str, right: str) -> bool:
    if not left or not right:
        return False
    return not (CJK_CHAR.match(left[-1]) or CJK_CHAR.match(right[0]))


def join_words(words: list[Word]) -> str:
    """Words of one printed line: separate words keep a space, except hanzi set close together
    (OCR engines cut Chinese into one word per glyph or phrase), and full-width punctuation,
    whose em of paper holds its own space (its ink is a speck in it)."""
    out, prev = "", None
    for w in sorted(words, key=lambda w: w.box.x0):
        if prev is not None:
            gap = w.box.x0 - prev.box.x1
            height = max(w.box.height, prev.box.height)
            cjk_pair = CJK_CHAR.match(out[-1]) and CJK_CHAR.match(w.text[0])
            hugs = bool(HUGS_BEFORE.match(w.text[0]) or HUGS_AFTER.match(out[-1])) or bool(
                cjk_pair and any(FULL_WIDTH_PUNCTUATION.match(c) for c in (out[-1], w.text[0]))
            )
            # within a full-width mark's em; hanzi justified across a narrow column stand up
            # to half an em apart, and Chinese prints no space between words
            close = gap < (0.8 if hugs else 0.5 if cjk_pair else 0.25) * height
            out += "" if close and (cjk_pair or hugs) else " "
        out += w.text
        prev = w
    return out


def paper_span(word: Word) -> tuple[float, float]:
    """The x extent a word read by OCR takes on paper. A full-width mark is set in a whole em
    its ink fills one side of (a comma's or a closing bracket's left, an opening bracket's
    right); OCR fits its box to the ink, so the blank side, which belongs to the word, reads
    as a gap as wide as a column's (``消融完全率高，`` ``术后并发症少``, one remark). The pitch
    of the word's own full-width glyphs gives the em."""
    x0, x1 = word.box.x0, word.box.x1
    text = word.text.strip()
    if not text or not word.source.startswith("ocr:"):
        return x0, x1  # a text layer's glyph boxes are their whole advance
    after, before = bool(HUGS_BEFORE.match(text[-1])), bool(HUGS_AFTER.match(text[0]))
    if not (after or before):
        return x0, x1
    em = cjk_em(word, blank=(after + before) / 2)
    return x0 - before * em / 2, x1 + after * em / 2


def cjk_em(word: Word, blank: float = 0.0) -> float:
    """A word's em: the pitch of its glyphs when all are full-width (``blank``: ems of its
    marks' paper its box leaves out), else its height."""
    text = word.text.strip()
    if text and all(CJK_CHAR.match(c) for c in text) and len(text) - blank >= 1:
        return word.box.width / (len(text) - blank)
    return word.box.height


def join_lines(lines: list[str]) -> str:
    """Lines of one wrapped cell; a line ending in ``+`` or ``/`` continues a name."""
    out = ""
    for line in (s.strip() for s in lines):
        if not line:
            continue
        glue = _needs_space(out, line) and not out.endswith(("+", "/", "-"))
        out += (" " if glue else "") + line
    return out


# --- lines and captions ---------------------------------------------------------------------


def group_lines(words: list[Word]) -> list[Line]:
    """Cluster words into printed lines: a word joins the line whose band (the middle of its
    words, give or take half their height) holds its middle. Bands do not grow with each
    word, so a superscript marker or a tall OCR box cannot chain two rows into one line; a
    word standing over another already on the line starts a line of its own."""
    lines: list[Line] = []
    bands: list[tuple[float, float]] = []  # running sum of middles and heights, per line
    for w in sorted(words, key=lambda w: (w.box.y_mid, w.box.x0)):
        if lines:
            total_mid, total_h = bands[-1]
            n = len(lines[-1].words)
            mid, height = total_mid / n, total_h / n
            near = abs(w.box.y_mid - mid) <= 0.5 * max(height, w.box.height)
            if near and not any(_stacked(w, other) for other in lines[-1].words):
                lines[-1].words.append(w)
                bands[-1] = (total_mid + w.box.y_mid, total_h + w.box.height)
                continue
        lines.append(Line([w]))
        bands.append((w.box.y_mid, w.box.height))
    lines = _to_nearer_bands(lines)
    for line in lines:
        line.words.sort(key=lambda w: w.box.x0)
    return lines


def _to_nearer_bands(lines: list[Line]) -> list[Line]:
    """Words moved to the next line when its band's middle is nearer theirs and holds it: a
    tall OCR box (hanzi beside Latin, ``Søndergaard 等[62]``) puts a word's middle within
    reach of the line above, which is met first, though it prints on the line below."""

    def band(line: Line) -> tuple[float, float]:
        return (
            statistics.mean(w.box.y_mid for w in line.words),
            statistics.mean(w.box.height for w in line.words),
        )

    bands = [band(line) for line in lines]
    for i in range(len(lines) - 1):
        (mid, _), (below, height) = bands[i], bands[i + 1]
        for w in list(lines[i].words):
            if len(lines[i].words) == 1:
                break
            nearer = abs(w.box.y_mid - below) < abs(w.box.y_mid - mid)
            holds = abs(w.box.y_mid - below) <= 0.5 * max(height, w.box.height)
            if nearer and holds and not any(_stacked(w, o) for o in lines[i + 1].words):
                lines[i].words.remove(w)
                lines[i + 1].words.append(w)
    return lines


def _stacked(a: Word, b: Word) -> bool:
    """Two words over one another (most of the narrower one's width shared): never on one
    printed line, however tall the OCR boxes that put their middles close."""
    shared = min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0)
    apart = abs(a.box.y_mid - b.box.y_mid) >= 0.25 * min(a.box.height, b.box.height)
    return apart and shared > 0.5 * min(a.box.width, b.box.width)  # not a glyph read twice


def text_height(lines: list[Line]) -> float:
    heights = [w.box.height for line in lines for w in line.words]
    return statistics.median(heights) if heights else 8.0


def column_of(word: Word, edges: list[float]) -> int:
    return sum(1 for e in edges if word.box.x_mid > e)


def split_cells(line: Line, edges: list[float]) -> list[list[Word]]:
    cells: list[list[Word]] = [[] for _ in range(len(edges) + 1)]
    for w in line.words:
        cells[column_of(w, edges)].append(w)
    return cells


def cut_at_edges(
    words: list[Word],
    edges: list[float],
    h: float,
    breaks: Callable[[str], Iterable[int]],
    whole_over: Callable[[Word, float], bool] = lambda word, edge: False,
) -> list[Word]:
    """OCR words cut where a column edge falls at a break inside them: a detector reads text
    set close in two columns as one word (``Child-Pugh中位生存时间``, ``92.436.9``). Which
    places are breaks is the caller's (``breaks``: glyph indices); where each falls is
    estimated from the glyphs' widths (a hanzi an em, a Latin glyph about half), and the cut
    is made at the break nearest an edge lying inside the word, within an em of it. Each
    piece may be cut again at another edge. A layer's words are the author's and stay, and
    so does a word where the caller says it spans the edge whole (``whole_over``)."""
    out: list[Word] = []
    todo = list(words)
    while todo:
        w = todo.pop(0)
        inside = [e for e in edges if w.box.x0 + h / 2 < e < w.box.x1 - h / 2
                  and not whole_over(w, e)]  # fmt: skip
        cut = _break_cut(w, inside, h, breaks) if inside and w.source.startswith("ocr:") else None
        if cut is None:
            out.append(w)
            continue
        at, x = cut
        box = w.box
        todo[:0] = [
            Word(w.text[:at], Box(box.x0, box.top, x, box.bottom), w.source, w.confidence),
            Word(w.text[at:], Box(x, box.top, box.x1, box.bottom), w.source, w.confidence),
        ]
    return out


def _break_cut(
    word: Word, edges: list[float], h: float, breaks: Callable[[str], Iterable[int]]
) -> tuple[int, float] | None:
    """The break in an OCR word nearest a column edge, within an em of it: the glyph index
    and its x."""
    spans = glyph_spans(word.text, word.box.x0, word.box.x1)
    best: tuple[float, int, float] | None = None
    for i in breaks(word.text):
        x = spans[i][0]
        miss = min(abs(x - e) for e in edges)
        if miss < h and (best is None or miss < best[0]):
            best = (miss, i, x)
    return None if best is None else (best[1], best[2])
