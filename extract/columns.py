"""Columns: where a table's columns part, from the vertical rules that run its body's height
or else from the empty strips between its cells, checked against its header (a strip too
narrow for a column's space still parts two cells the header sets apart; a strip that
only one long cell's tail or a column's own dashes leave parts nothing)."""

from __future__ import annotations

import math
import re
import statistics
from typing import TYPE_CHECKING

from .header_block import Phrase, over_sub_headers, phrases
from .lines import Line, column_of, paper_span, split_cells
from .model import Word
from .rows import FIGURE_START, prints_vs
from .schema import load_data

# A cell's text wholly in brackets: a spread, share or unit printed after what it qualifies
BRACKETED = re.compile(r"^[(\[（【［].*[)\]）】］]$")
FIGURE = re.compile(r"^[<>≤≥~]?\d")

if TYPE_CHECKING:
    from .tables import Region


def dedupe(values: list[float], tol: float) -> list[float]:
    """Sorted values, each within ``tol`` of the one kept before it dropped (a rule drawn
    twice, or in pieces)."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def column_edges(region: Region, body: list[Line], header: list[Line], h: float) -> list[float]:
    """x positions separating columns: vertical rules when ruled, else empty strips.

    A rule counts when it runs the height of the body: rules between sub-columns start
    under their group's header cell, not at the table's top."""
    lines = body or header
    top = min((ln.box.top for ln in lines), default=region.top)
    bottom = max((ln.box.bottom for ln in lines), default=region.bottom)
    vertical = sorted(
        (r.box.x0 + r.box.x1) / 2
        for r in region.page.rules
        if not r.horizontal and r.box.top <= top + h and r.box.bottom >= bottom - h
    )
    vertical = dedupe(vertical, h / 2)
    if len(vertical) >= 3:
        return vertical[1:-1]  # inner borders; the outer two frame the table
    edges = gap_edges(body or header, h)
    if len(body) >= 4 and header:
        edges = sorted(edges + _narrow_edges(body, header, edges, h))
    return _one_column_parts(edges, body, header, h)


def _narrow_edges(
    body: list[Line], header: list[Line], edges: list[float], h: float
) -> list[float]:
    """Strips narrower than a column's space that still part two columns: no body line
    crosses them and the header sets two cells apart over them (a long registry id runs
    up to the next column's text, leaving less than a space between)."""
    space = load_data("layout.toml")["word_gap"] * h
    spans = [_arm_spans(line.words, space, even=0.1 * h) for line in body]
    heads = [w for line in header for w in line.words]
    out = []
    for e in strip_edges(spans, 0.1 * h, crossing=0.12):  # the header says two columns
        if any(abs(e - known) < space for known in edges):
            continue
        e = _off_header_words(e, spans, heads)
        if any(w.box.x0 < e < w.box.x1 and not over_sub_headers(w, e, heads) for w in heads):
            continue
        before = max((x for x in edges if x < e), default=-math.inf)
        after = min((x for x in edges if x > e), default=math.inf)
        # the header words nearest either side, on any of its lines (a header centred on
        # the header's height stands beside another's second line), a cell's space apart
        left = max((w.box.x1 for w in heads if before < w.box.x_mid and w.box.x1 < e), default=None)
        right = min((w.box.x0 for w in heads if e < w.box.x0 and w.box.x_mid < after), default=None)
        if left is not None and right is not None and right - left >= space:
            out.append(e)
    return out


def _off_header_words(e: float, spans: list[list[tuple[float, float]]], heads: list[Word]) -> float:
    """An edge moved within its strip of the body clear of the header word whose end reaches
    into the strip (a group's header centred over its sub-columns runs a little past their
    figures): the edge goes between that end and the strip's other side."""
    lo = max((x1 for row in spans for _, x1 in row if x1 <= e), default=e)
    hi = min((x0 for row in spans for x0, _ in row if x0 >= e), default=e)
    for w in heads:
        if w.box.x0 < e < w.box.x1:
            if lo <= w.box.x1 < hi:
                return (w.box.x1 + hi) / 2
            if lo < w.box.x0 <= hi:
                return (lo + w.box.x0) / 2
    return e


def _one_column_parts(
    edges: list[float], body: list[Line], header: list[Line], h: float
) -> list[float]:
    """Edges that part one column in two, dropped: when no body line fills both sides a
    cell's space apart and one side has no header word over it (a column's dashes set
    apart from its figures; the ends of a long remark's lines); or
    when one side is filled on a few lines only, never alone, and no header run of words
    stands over it alone (the tail of one long cell that OCR spaced widely, under a header
    wider than its figures); or when one side holds no word of the body and no header
    word fits in it (two strips a long remark's lines each cross once, under its header
    centred over them: the words between lie mostly on either side)."""
    if not header:
        return edges
    space = load_data("layout.toml")["word_gap"] * h
    runs = phrases([line.words for line in header], space)
    kept = _dashes_joined(list(edges), body, runs)
    for e in list(kept):
        at = kept.index(e)
        sides = (at, at + 1)
        cells = [split_cells(line, kept) for line in body]
        both = any(c[at] and c[at + 1] and _space_between(c[at], c[at + 1]) >= space for c in cells)
        # ``Median age (y)``'s ``(y)`` reaching past the edge heads nothing there
        headed = [any(_headed_column(r, kept) == col for r in runs) for col in sides]
        own_head = [
            any(all(column_of(w, kept) == col for w in r.words) for r in runs) for col in sides
        ]
        used = [sum(1 for c in cells if c[col]) for col in sides]
        alone = [sum(1 for c in cells if c[col] and not c[sum(sides) - col]) for col in sides]
        tail = any(
            0 < used[k] <= max(1, used[1 - k] // 4)
            and not alone[k]
            and not own_head[k]
            and not _nearer_beyond(cells, sides[k], at + 1 - k)
            for k in (0, 1)
        )
        bounds = [-math.inf, *kept, math.inf]
        empty = any(
            used[k] == 0
            and not any(
                bounds[col] <= w.box.x0 and w.box.x1 <= bounds[col + 1]
                for r in runs
                for w in r.words
            )
            for k, col in enumerate(sides)
        )
        # A side under no header word at all whose lines run on into the other side, there
        # on a few of them only and never alone: one left-aligned cell under its centred
        # header (a remark's lines, spaced where OCR parted their words).
        headless = any(
            not headed[k] and 0 < used[1 - k] <= used[k] / 2 and not alone[1 - k] for k in (0, 1)
        )
        if (
            empty
            or _bracketed_tail(cells, at, runs, kept)
            or (min(used) > 0 and (tail or headless or (not both and not all(headed))))
        ):
            kept.remove(e)
    return kept


def _space_between(left: list[Word], right: list[Word]) -> float:
    """The paper between two cells of a line (a full-width mark's blank half em is its)."""
    return min(paper_span(w)[0] for w in right) - max(paper_span(w)[1] for w in left)


def _headed_column(run: Phrase, edges: list[float]) -> int:
    """The column a header run heads: the one its middle stands over (the tail of a long
    header reaching past an edge heads nothing there)."""
    return sum(run.box.x_mid > x for x in edges)


def _bracketed_tail(
    cells: list[list[list[Word]]], at: int, runs: list[Phrase], edges: list[float]
) -> bool:
    """Whether the column right of edge ``at`` holds only bracketed text, each piece after a
    figure on its left, under no header but bracketed units: a share, spread or interval
    printed after its figure (``246 (67.6)`` under ``n (%)``, ``12.1 (9.8-14.0)``), set a
    word's space apart, which OCR's ink-fitted boxes can widen to a column's gap."""
    pairs = [(c[at], c[at + 1]) for c in cells if c[at + 1]]
    if not pairs:
        return False
    for left, right in pairs:
        text = "".join(w.text for w in right)
        if not left or not FIGURE.match(left[-1].text) or not BRACKETED.match(text):
            return False
    over = [r for r in runs if sum(r.box.x_mid > x for x in edges) == at + 1]
    return all(BRACKETED.match("".join(w.text for w in r.words)) for r in over)


def _nearer_beyond(cells: list[list[list[Word]]], col: int, toward: int) -> bool:
    """Whether a column's words stand nearer, on the lines they share, to the column on their
    other side than to the column ``toward``: a fragment is the start or the tail of the
    cell it runs on into (``24`` of ``24 [95% CI …]``, far from the remark before it)."""
    beyond = col + (col - toward)
    if not 0 <= beyond < (len(cells[0]) if cells else 0):
        return False

    def gap(a: int, b: int) -> list[float]:  # spaces between columns a < b on shared lines
        return [_space_between(c[a], c[b]) for c in cells if c[a] and c[b]]

    here = gap(min(col, toward), max(col, toward))
    there = gap(min(col, beyond), max(col, beyond))
    return bool(here and there) and statistics.median(there) < statistics.median(here)


def _dashes_joined(edges: list[float], body: list[Line], runs: list[Phrase]) -> list[float]:
    """A strip holding nothing but dashes, under no header run's middle, joins a neighbour:
    a dash is a column's missing value, set apart from its figures (left-aligned in a
    column of centred values), not part of a name beside it. It joins the neighbour its
    rows leave empty where they print the dash (a value is missing from one cell, and the
    cell beside may hold ``进行中``), else the one whose cells are figures."""
    dashes = set(load_data("layout.toml")["dash_glyphs"])
    kept = list(edges)
    col = 1
    while col < len(kept):  # strips with a neighbour on each side
        cells = [split_cells(line, kept) for line in body]
        strip = [w for c in cells for w in c[col]]
        headed = any(_headed_column(r, kept) == col for r in runs)
        if not strip or headed or not all(w.text.strip() in dashes for w in strip):
            col += 1
            continue
        dashed = [c for c in cells if c[col]]
        empty = [sum(1 for c in dashed if not c[k]) for k in (col - 1, col + 1)]
        share = [
            _figure_share([c[k] for c in cells if c[k] and not c[col]]) for k in (col - 1, col + 1)
        ]
        # a header word over the strip (not its run's middle) keeps it, unless the rows say
        # whose missing values the dashes are
        worded = any(column_of(w, kept) == col for r in runs for w in r.words)
        if empty[0] != empty[1]:
            del kept[col if empty[1] > empty[0] else col - 1]
        elif share[0] != share[1] and not worded:
            del kept[col if share[1] > share[0] else col - 1]
        else:
            col += 1
    return kept


def _figure_share(cells: list[list[Word]]) -> float:
    return sum(1 for ws in cells if FIGURE_START.match(ws[0].text)) / max(1, len(cells))


def gap_edges(rows: list[Line], h: float) -> list[float]:
    """Column edges from the empty strips between the words of these lines."""
    words = [w for line in rows for w in line.words]
    read = sum(1 for w in words if w.source.startswith("ocr:")) > len(words) / 2
    # OCR boxes are cut at glyph gaps and fitted to ink: the space between them is uneven,
    # so a strip must be as wide as the space between cells to part columns.
    gap = load_data("layout.toml")["word_gap" if read else "column_gap"] * h
    space = load_data("layout.toml")["word_gap"] * h
    return strip_edges([_arm_spans(line.words, space) for line in rows], gap)


def _arm_spans(
    words: list[Word], space: float, even: float | None = None
) -> list[tuple[float, float]]:
    """The x extents a line's words cover, a multi-arm value (``146 vs. 94``) as one: the
    words around a ``vs.`` set a word's space apart are one cell, whatever the other rows
    leave beside them. With ``even``, a word after a ``vs`` standing alone joins it only
    when no more than ``even`` wider apart than the word before it: one printed space
    either side (a wrapped ``— vs`` ends its cell, and the next column starts close by)."""
    spans: list[tuple[float, float]] = []
    joined = False
    before: float | None = None  # the space before the last word, when it stood alone
    for i, w in enumerate(words):
        arm_word = prints_vs(Line([w]))
        x0, x1 = paper_span(w)
        gap = x0 - spans[-1][1] if spans else math.inf
        lopsided = joined and even is not None and before is not None and gap > before + even
        if spans and (joined or arm_word) and gap < space and not lopsided:
            spans[-1] = (spans[-1][0], x1)
        else:
            spans.append((x0, x1))
        joined = arm_word
        before = x0 - paper_span(words[i - 1])[1] if arm_word and i > 0 else None
    return spans


def strip_edges(
    rows: list[list[tuple[float, float]]], min_width: float, crossing: float = 0.06
) -> list[float]:
    """Middles of the vertical strips, at least ``min_width`` wide, that (almost) no row crosses.

    A strip may be crossed by a few rows (``crossing``, a share of them: a cell too long for
    its column, as happens in print) without merging the two columns it separates.
    """
    spans = [s for row in rows for s in row]
    if not spans:
        return []
    step = 0.5
    left = min(x0 for x0, _ in spans)
    right = max(x1 for _, x1 in spans)
    bins = int((right - left) / step) + 1
    cover = [0] * bins
    for row in rows:
        hit = [False] * bins
        for x0, x1 in row:
            for i in range(int((x0 - left) / step), int((x1 - left) / step) + 1):
                hit[i] = True
        for i, flag in enumerate(hit):
            cover[i] += flag
    allowed = max(1, round(crossing * len(rows))) if len(rows) >= 8 else 0

    edges, run_start = [], None
    for i, c in enumerate([*cover, allowed + 1]):
        if c <= allowed and run_start is None:
            run_start = i
        elif c > allowed and run_start is not None:
            if (i - run_start) * step >= min_width and run_start > 0 and i < bins:
                a, b = _clearest(cover[run_start:i])
                edges.append(left + (run_start + (a + b) / 2) * step)
            run_start = None
    return edges


def _clearest(cover: list[int]) -> tuple[int, int]:
    """The longest stretch of a strip that the fewest rows cross: the edge goes there, not
    through the word of the one row whose cell runs into the strip."""
    least = min(cover)
    best: tuple[int, int] = (0, len(cover))
    start: int | None = None
    best_len = -1
    for i, c in enumerate([*cover, least + 1]):
        if c == least and start is None:
            start = i
        elif c != least and start is not None:
            if i - start > best_len:
                best, best_len = (start, i), i - start
            start = None
    return best
