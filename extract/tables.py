"""Tables: find each table on the page, its header and columns; its rows come from ``rows``.

Works from words with boxes and the page's rules only, so text-layer words and OCR words go
through the same code. The steps keep their intermediates (lines → captions → regions →
header → columns → rows), each a small function that can be tested alone:

- printed *lines* (``lines``) are words on one baseline;
- a *caption* (``表1`` / ``Table 1``, any continued marker) opens a table, and a caption
  carrying a label seen before continues it;
- its *region* runs from the caption to the last wide rule before a footnote, the next
  caption or the page end; without rules, to the first line of prose after the body;
- the *header* is every line between the caption or top rule and the first body line
  (``header_block`` gives each header word its column, group cells their sub-columns);
- *columns* (``columns``) come from vertical rules that run the body's height, otherwise
  from the vertical strips no body cell crosses;
- logical *rows* and their study arms (``rows``): by rules, line spacing and study cells.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from .columns import column_edges, dedupe, gap_edges
from .header_block import (
    assign,
    cut_header_at_edges,
    first_body_line,
    is_value,
    looks_like_body,
    phrases,
)
from .lines import (
    Line,
    cut_at_edges,
    group_lines,
    join_lines,
    join_words,
    split_cells,
    text_height,
)
from .model import Box, Cell, Page, Rule, Table, TableRow
from .repair import VS_WORD, normalise_vs, split_arms
from .rows import (
    column_room,
    columns_per_arm,
    group_rows,
    make_cells,
    ruled_apart,
    study_column,
    value_breaks,
)
from .schema import load_data
from .text import HAN

FIGURE = re.compile(r"\d")


@dataclass
class Region:
    """Where one table (or one page's part of it) lies."""

    label: str
    caption: str
    page: Page
    top: float
    bottom: float
    rules_y: list[float] = field(default_factory=list)  # wide horizontal rules, top to bottom
    caption_top: float = 0.0  # where its caption begins (its top when it has none)


# --- text joining ---------------------------------------------------------------------------


def merge_rules(rules: list[Rule], tol: float = 1.5) -> list[Rule]:
    """Collinear rule pieces joined into whole rules: browsers and word processors draw a
    table's rules as one border per cell, so no single piece spans the table."""
    out: list[Rule] = []
    for horizontal in (True, False):
        pieces = [r.box for r in rules if r.horizontal == horizontal]

        def across(b: Box, horizontal: bool = horizontal) -> float:
            return b.y_mid if horizontal else b.x_mid

        def start(b: Box, horizontal: bool = horizontal) -> float:
            return b.x0 if horizontal else b.top

        def end(b: Box, horizontal: bool = horizontal) -> float:
            return b.x1 if horizontal else b.bottom

        pieces.sort(key=lambda b: (round(across(b)), start(b)))
        merged: list[Box] = []
        for b in pieces:
            last = merged[-1] if merged else None
            if (
                last is not None
                and abs(across(last) - across(b)) <= tol
                and start(b) <= end(last) + tol
            ):
                merged[-1] = last.union(b)
            else:
                merged.append(b)
        out += [Rule(b) for b in merged]
    return out


ROMAN = {"I": 1, "V": 5, "X": 10}


def table_number(printed: str) -> int:
    """A table's number as printed: figures, or a Roman numeral (``II``, ``IV``)."""
    if printed.isdigit():
        return int(printed)
    values = [ROMAN[c] for c in printed.upper()]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))


# Spaces between hanzi (and their full-width brackets) mean nothing in Chinese: OCR cuts a
# phrase where its glyphs stand a little apart (``(续`` ``下页)``).
HANZI_SPACE = re.compile(rf"(?<=[{HAN}（）()])\s+(?=[{HAN}（）()])")


def _match(patterns: list[str], text: str) -> re.Match[str] | None:
    """The first pattern matching at the line's start, its words read as Chinese is written."""
    text = HANZI_SPACE.sub("", text)
    for p in patterns:
        m = re.match(p, text, re.IGNORECASE)
        if m:
            return m
    return None


def wide_rules(page: Page, x0: float, x1: float, share: float) -> list[Rule]:
    span = x1 - x0
    return [r for r in page.rules if r.horizontal and r.box.width >= share * span]


def find_regions(page: Page, lines: list[Line]) -> list[Region]:
    """Each caption on the page and the stretch of page its table occupies."""
    cfg = load_data("layout.toml")
    h = text_height(lines)
    content = Box.enclosing([line.box for line in lines]) or Box(0, 0, page.width, page.height)
    rules = sorted(
        wide_rules(page, content.x0, content.x1, cfg["wide_rule"]), key=lambda r: r.box.top
    )
    captions: list[tuple[int, str, str, int]] = []  # last line, label, text, first line
    for i, line in enumerate(lines):
        text = line.text
        cap = _match(cfg["continued"], text) or _match(cfg["caption"], text)
        if not cap:
            continue
        label = f"Table {table_number(cap.group(1))}"
        if captions and captions[-1][1] == label and i - captions[-1][0] <= 2:
            last = captions[-1]
            captions[-1] = (i, label, last[2] + " " + text, last[3])
        else:
            captions.append((i, label, text, i))
    regions = []
    for k, (i, label, text, first) in enumerate(captions):
        start = lines[i].box.bottom
        limit = lines[captions[k + 1][0]].box.top if k + 1 < len(captions) else page.height
        for line in lines[i + 1 :]:
            if line.box.top >= limit:
                break
            if _match(cfg["footnote"] + cfg["continues_below"], line.text):
                limit = line.box.top
                break
        inside = [r.box.top for r in rules if start - h < r.box.top < limit + h]
        inside = dedupe(inside, h / 2)
        if inside and inside[0] - start <= cfg["caption_gap"] * h:
            # From the caption, not the first rule: a top rule lost in a scan leaves the
            # header above the first rule found.
            top, bottom = start, inside[-1] if len(inside) > 1 else limit
        else:
            top, bottom, inside = start, limit, []
        cap_top = lines[first].box.top
        regions.append(Region(label, text, page, top, bottom, inside, cap_top))
    return regions


@dataclass
class Part:
    """What one region gives its table: header cells (None when it repeats no header), body
    rows and the column edges they were cut with."""

    header: list[Cell] | None
    rows: list[TableRow]
    edges: list[float]
    room: list[float] = field(default_factory=list)  # each column's widest line (column_room)
    header_lines: list[Line] = field(default_factory=list)
    per_arm: frozenset[int] = frozenset()  # the columns that print a value per arm


def body_end(inside: list[Line], h: float) -> list[Line]:
    """An unruled table ends where the page leaves a gap much wider than its own rows do
    (a page number or a paragraph set off below it), or at the first line of prose after
    its body: a line with a run of words wider than a third of the table that runs across
    two of the body's columns (prose in one column or in two), which no cell does, or a line
    reaching past every row with a run of words that long, or with many words across
    columns (prose justified with spaces as wide as a column's). The body
    is the lines holding figures, or in a table of words the lines with a column's space."""
    gap = load_data("layout.toml")["word_gap"] * h

    def spaced(line: Line) -> bool:
        words = line.words
        return any(b.box.x0 - a.box.x1 >= gap for a, b in zip(words, words[1:], strict=False))

    rows = [line for line in inside if looks_like_body(line.words)]
    if len(rows) < 2:  # a table of words: its lines with a column's space, within its extent
        rows = _within_extent([line for line in inside if spaced(line)], h)
    width = max((line.box.width for line in rows), default=0.0)
    right = max((line.box.x1 for line in rows), default=0.0)
    edges = gap_edges(rows, h)
    seen_body = False
    for i, line in enumerate(inside):
        if i >= 2:
            pitches = [
                b.box.y_mid - a.box.y_mid for a, b in zip(inside[:i], inside[1:i], strict=False)
            ]
            usual = sorted(pitches)[len(pitches) // 2]
            if line.box.top - inside[i - 1].box.bottom > max(3 * usual, 4 * h):
                return inside[:i]
        if seen_body and not looks_like_body(line.words):
            if _prose(line, rows, edges, right, width, gap):
                return inside[:i]
            runs = phrases([line.words], gap)
            for run in runs:
                crossed = sum(1 for e in edges if run.box.x0 < e < run.box.x1)
                if run.box.width > width / 3 and crossed >= 2:
                    return inside[:i]
            # Clauses of prose (OCR parts a line at its commas) each run over column edges;
            # a row's words keep to their columns.
            over = [r for r in runs if any(r.box.x0 + gap < e < r.box.x1 - gap for e in edges)]
            if len(over) >= load_data("layout.toml")["prose_clauses"]:
                return inside[:i]
        seen_body = seen_body or line in rows
    while len(inside) > 1 and _page_number(inside[-1]):
        inside = inside[:-1]  # the page's foot: its number, set below the table
    return inside


def _within_extent(lines: list[Line], h: float) -> list[Line]:
    """The lines that keep within the extent most of them share: prose under a table of words
    has its columns' spaces too, but runs from the margin or past the table's right edge."""
    if len(lines) < 3:
        return lines
    left = statistics.median(line.box.x0 for line in lines)
    right = statistics.median(line.box.x1 for line in lines)
    return [line for line in lines if line.box.x0 >= left - 2 * h and line.box.x1 <= right + 2 * h]


def _prose(
    line: Line, rows: list[Line], edges: list[float], right: float, width: float, gap: float
) -> bool:
    """Whether a line by a table ``width`` wide, ending at ``right``, is prose, not a row:
    it reaches past every row from the margin, or fills a wide strip every row leaves."""
    return _prose_past(line, edges, right, width, gap) or _fills_strip(line, rows, edges, width / 3)


def _prose_past(line: Line, edges: list[float], right: float, width: float, gap: float) -> bool:
    """Prose reaching past every row of a table ``width`` wide ending at ``right``, from the
    margin: a run of words longer than a third of the table across a column edge (a column
    of prose; a long cell keeps to its column), two such runs (two columns of prose), or
    many evenly spaced words across two column edges (prose justified with spaces as wide
    as a column's)."""
    if line.box.x1 <= right + gap or looks_like_body(line.words):
        return False
    if edges and line.box.x0 > edges[0]:
        return False  # prose starts at the margin, in the first column's place
    crossed = sum(1 for e in edges if line.box.x0 < e < line.box.x1)
    runs = phrases([line.words], gap)
    spaces = sorted(b.box.x0 - a.box.x1 for a, b in zip(line.words, line.words[1:], strict=False))
    even = bool(spaces) and spaces[-1] <= 3 * max(spaces[len(spaces) // 2], 1.0)
    justified = len(line.words) >= 6 and crossed >= 2 and even  # no cell's gap among them
    long_runs = [r for r in runs if r.box.width > width / 3]
    # Two columns of prose, side by side: their gutter may fall in a column's gap.
    return (
        justified
        or len(long_runs) >= 2
        or any(any(r.box.x0 < e < r.box.x1 for e in edges) for r in long_runs)
    )  # a run longer than a third of the table, across a column edge


def _fills_strip(line: Line, rows: list[Line], edges: list[float], wide: float) -> bool:
    """Whether a line's words cover most of a wide strip of paper (``wide`` or more) that
    every row leaves between two columns: a long cell may run some way into the strip, but
    not across most of it; prose does, wherever its words part (a two-column table's one
    strip may hold the gap between two clauses) and however far it reaches (a column of
    prose narrower than the table under it)."""
    words = [w for row in rows for w in row.words]
    gap = load_data("layout.toml")["word_gap"] * text_height([line])
    runs = phrases([line.words], gap)
    for e in edges:
        left = max((w.box.x1 for w in words if w.box.x_mid < e), default=e)
        right = min((w.box.x0 for w in words if w.box.x_mid > e), default=e)
        covered = sum(max(0.0, min(w.box.x1, right) - max(w.box.x0, left)) for w in line.words)
        if right - left < wide or covered <= 0.5 * (right - left):
            continue
        # A strip holding whole columns of the table (a continued study's arms leave its
        # study, country and year cells to the line that prints them): a line whose cells
        # keep to those columns is a row; prose runs across them.
        inner = [x for x in edges if left <= x <= right]  # e and at least one more
        if len(inner) > 1 and not any(r.box.x0 < x < r.box.x1 for r in runs for x in inner):
            continue
        return True
    return False


def _page_number(line: Line) -> bool:
    """A line holding only a page number (a figure of up to four digits)."""
    return len(line.words) == 1 and bool(re.fullmatch(r"\d{1,4}", line.words[0].text.strip()))


def read_region(
    region: Region,
    lines: list[Line],
    known: Table | None = None,
    columns: Part | None = None,
) -> Part:
    """The header and body rows of a region; ``known`` is the table it continues, whose
    columns (``columns``: their edges, their room measured over more rows than a page's last
    few, and which print a value per arm) it keeps when the page is laid out alike."""
    inside = [line for line in lines if region.top - 1 < line.box.y_mid < region.bottom + 1]
    # A line reaching up into the caption is the caption's, unless it is one word's OCR box
    # grown tall (most of its words start below the caption)
    inside = [
        line for line in inside if statistics.median(w.box.top for w in line.words) > region.top - 1
    ]
    if not inside:
        return Part(None, [], [])
    h = text_height(inside)
    if not region.rules_y:
        inside = body_end(inside, h)
    # Rules with no line above them in the region (a top rule) end no header.
    inner_rules = [y for y in full_rules(region, h) if any(ln.box.y_mid < y for ln in inside)]
    if not region.rules_y:
        inner_rules = []  # an unruled table: a rule further down (a footnote's) is not its own
    found = first_body_line([ln.words for ln in inside])
    if found:
        found = _past_header_tail(inside, found, h)
    first_body = found or 0
    if inner_rules:
        header_lines = [line for line in inside if line.box.y_mid < inner_rules[0]]
    elif found is None and _ruled_under(region, inside):
        header_lines = inside  # the header's rule at the foot of the page: the body follows
    elif known is not None and known.header:
        header_lines = _repeated_header(inside[:first_body], known)
    else:
        header_lines = _header_block(inside, first_body)
    if known is not None and header_lines and not _repeats(header_lines, known):
        header_lines = []  # a continuation that starts with body rows, not its header again
    body = [line for line in inside if line not in header_lines]
    edges = column_edges(region, body, header_lines, h)
    room, known_per_arm = None, frozenset[int]()
    if columns is not None and known is not None and _within(body, columns.edges):
        # A continuation keeps its table's columns when its own cut is coarser (a page too
        # sparse to show every column's space) or finer (a table gains no column on a new
        # page: OCR spaced a study cell's words apart); a cut with as many columns is its
        # own (a browser sizes columns page by page). Either way the words fit the table's
        # columns, whose room a page of few rows shows too little of.
        edges = columns.edges if len(edges) != len(columns.edges) else edges
        room, known_per_arm = columns.room, columns.per_arm
    # Two columns' values a detector read as one word are cut apart at the edge between them
    body = [Line(cut_at_edges(line.words, edges, h, value_breaks)) for line in body]
    body_rules = inner_rules[1:] if header_lines else inner_rules
    partial = partial_rules(region, h, edges, body_rules)
    rows = group_rows(body, edges, body_rules, dedupe([b.y_mid for b in partial], h / 2))
    n = region.page.number
    header = None
    if header_lines:
        header = header_cells(header_lines, body, edges, n, h, region.page.rules)
    right = max((line.box.x1 for line in body), default=0.0)
    here = column_room(body, edges)
    room = [max(a, b) for a, b in zip(here, room, strict=True)] if room else here
    per_arm = columns_per_arm(rows, edges, room, known_per_arm)
    study = study_column(body, edges)
    cells = [
        make_cells(r, edges, n, room, ruled_apart(partial, edges, r, right, h), per_arm, study)
        for r in rows
    ]
    doubts = [["arms_ambiguous"] if i in rows.ambiguous else [] for i in range(len(cells))]
    return Part(header, [TableRow(n, c, d) for c, d in zip(cells, doubts, strict=True)], edges,
                room, header_lines, per_arm)  # fmt: skip


def _past_header_tail(inside: list[Line], first: int, h: float) -> int:
    """The first body line, past a wrapped header's last lines that look like values
    (``event 1-2 3-4`` under ``Adverse Grade Grade``): a line set closer under the header
    than the body's rows are set to each other, each of its pieces centred under a piece of
    a line above, continues the header's centred cells. Closer both between the lines'
    boxes and between their middles: OCR boxes lines a point or two taller or shorter, and
    a first row of a centred table of words (``2016 AAA 正面``) came closer by its boxes
    only."""
    gap = load_data("layout.toml")["word_gap"] * h
    body = inside[first:]
    pairs = list(zip(body, body[1:], strict=False))
    if len(pairs) < 2:
        return first
    usual = statistics.median(b.box.top - a.box.bottom for a, b in pairs)
    pitch = statistics.median(b.box.y_mid - a.box.y_mid for a, b in pairs)
    while first + 1 < len(inside):
        above, line = inside[first - 1], inside[first]
        if (
            line.box.top - above.box.bottom > usual - 0.3 * h
            or line.box.y_mid - above.box.y_mid > pitch - 0.3 * h
        ):
            break
        # under a piece of any header line above: a cell centred on the header's height
        # (``Adverse event``) may stand on a line of its own between the two
        heads = phrases([ln.words for ln in inside[:first]], gap)
        pieces = phrases([line.words], gap)
        if not all(any(abs(p.box.x_mid - q.box.x_mid) <= h for q in heads) for p in pieces):
            break
        first += 1
    return first


def _ruled_under(region: Region, inside: list[Line]) -> bool:
    """Whether a rule runs under a region's last line with a rule over its first: the top
    rule and the header's, the rest of the table on the next page."""
    ys = region.rules_y
    return len(ys) >= 2 and ys[0] < inside[0].box.y_mid and ys[-1] > inside[-1].box.y_mid


def _header_block(inside: list[Line], first_body: int) -> list[Line]:
    """The lines of an unruled table's header: those before its first body line, up to the
    widest space among them when that space is clearly wider than the header's own line
    spacing (a centred first row prints its wrapped remark above its first figures).

    Spaces are measured between the lines' boxes, and else between their middles less a
    line of text: header cells centred at several heights interleave their lines' boxes, and
    an OCR box grown over two lines leaves its line's edges where no text is."""
    head = inside[:first_body]
    if len(head) < 2:
        return head
    h = text_height(head)
    pairs = list(zip(inside, inside[1 : first_body + 1], strict=False))
    for spaces in (
        [b.box.top - a.box.bottom for a, b in pairs],
        [b.box.y_mid - a.box.y_mid - h for a, b in pairs],
    ):
        widest = max(range(len(spaces)), key=lambda i: spaces[i])
        usual = sorted(spaces)[(len(spaces) - 1) // 2]  # of two spaces, the other one
        if widest < len(spaces) - 1 and spaces[widest] > max(2 * usual, usual + 0.5 * h):
            return inside[: widest + 1]
    return head


def full_rules(region: Region, h: float) -> list[float]:
    """Heights of the rules inside a region that run the table's whole width: they end the
    header and part rows. A shorter rule (under a group cell, beside a spanning cell) does
    neither."""
    inside = [
        r.box
        for r in region.page.rules
        if r.horizontal and region.top - h / 2 <= r.box.y_mid <= region.bottom + h / 2
    ]
    width = max((b.width for b in inside), default=0.0)
    ys = [b.y_mid for b in inside if b.width >= 0.9 * width]
    return dedupe([y for y in ys if region.top + h / 2 < y < region.bottom - h / 2], h / 2)


def partial_rules(region: Region, h: float, edges: list[float], full: list[float]) -> list[Box]:
    """Rules inside the body that cross one or more column edges but not the first column:
    they part the arms of a study whose cell spans them."""
    if not edges:
        return []
    return [
        r.box
        for r in region.page.rules
        if r.horizontal
        and region.top + h / 2 < r.box.y_mid < region.bottom - h / 2
        and r.box.x0 > edges[0] - h / 2
        and sum(1 for e in edges if r.box.x0 - 1 < e < r.box.x1 + 1) >= 1
        and all(abs(r.box.y_mid - f) > h / 2 for f in full)
    ]


def _repeats(header_lines: list[Line], known: Table) -> bool:
    """Whether the lines a continuation starts with print its table's header again. Compared
    as the glyphs they hold, in any order and spacing: header cells centred on different
    lines interleave their words, and OCR joins or splits them otherwise than a layer. A group
    cell is printed once but names each of its sub-columns, so the printed glyphs need only be
    found among the known header's and cover most of the kinds of glyph it holds."""

    found, covered = _likeness(header_lines, known)
    # Every glyph printed found in the header: most of it is printed again, though the
    # known header took in a stray word of the first row (a remark centred on its row).
    return (found >= 0.8 and covered >= 0.8) or (found >= 0.98 and covered >= 0.6)


def _glyphs(text: str) -> Counter[str]:
    """A text's glyphs and how often each, its spacing left out and full-width forms folded
    (OCR and a layer print ``（月）`` and ``(月)`` alike)."""
    return Counter(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))


def _likeness(lines: list[Line], known: Table) -> tuple[float, float]:
    """The share of the lines' glyphs found among the known header's, and the share of the
    header's kinds of glyph they cover."""
    printed = _glyphs(" ".join(line.text for line in lines))
    header = _glyphs(" ".join(known.header or []))
    if not printed or not header:
        return 0.0, 0.0
    found = sum((printed & header).values()) / sum(printed.values())
    return found, len(printed.keys() & header.keys()) / len(header)


def _repeated_header(lines: list[Line], known: Table) -> list[Line]:
    """The lines a continuation opens with that print its table's header again: each made of
    glyphs of the header not yet printed by the lines before it (a centred first row's
    remark may print between the header and the row's figures, as close as the header's own
    lines, in the same letters), all of them repeating the header (``_repeats``)."""
    left = _glyphs(" ".join(known.header or []))
    taken = 0
    for line in lines:
        glyphs = _glyphs(line.text)
        if not glyphs or sum((glyphs & left).values()) < 0.8 * sum(glyphs.values()):
            break
        left -= glyphs
        taken += 1
    head = lines[:taken]
    return head if head and _repeats(head, known) else []


def _within(body: list[Line], edges: list[float]) -> bool:
    """Whether a page's words (all but a few) fall between the column edges of a table."""
    words = [w for line in body for w in line.words]
    crossing = sum(1 for w in words if any(w.box.x0 + 1 < e < w.box.x1 - 1 for e in edges))
    return crossing <= 0.05 * max(1, len(words))


def header_cells(
    header_lines: list[Line],
    body: list[Line],
    edges: list[float],
    page: int,
    h: float,
    rules: list[Rule] | None = None,
) -> list[Cell]:
    """One cell per column from the header block (see ``header_block``); ``rules`` are the
    page's, of which those drawn inside the header short of the table's width underline
    groups."""
    ncols = len(edges) + 1
    spans: list[tuple[float, float] | None] = [None] * ncols
    for line in body:
        for c, words in enumerate(split_cells(line, edges)):
            for w in words:
                old = spans[c]
                spans[c] = (w.box.x0, w.box.x1) if old is None else (
                    min(old[0], w.box.x0), max(old[1], w.box.x1))  # fmt: skip
    gap = load_data("layout.toml")["word_gap"] * h
    top = min(line.box.top for line in header_lines)
    bottom = max(line.box.bottom for line in header_lines)
    known = [s for s in spans if s is not None]
    width = known[-1][1] - known[0][0] if known else 0.0
    inside = [r.box for r in rules or [] if r.horizontal and top < r.box.y_mid < bottom]
    # A rule under a group: short of the table, with no other rule at its height that would
    # make it a piece of one across the table (a scan's rules are found in pieces).
    underlines = [
        b
        for b in inside
        if b.width < 0.8 * width
        and sum(o.width for o in inside if abs(o.y_mid - b.y_mid) < h / 2) < 0.8 * width
    ]
    lines = cut_header_at_edges([line.words for line in header_lines], edges, h)
    per_col = assign(lines, edges, spans, gap, underlines)
    cells = []
    for col_lines in per_col:
        words = [w for ws in col_lines for w in ws]
        box = Box.enclosing([w.box for w in words])
        text = join_lines([join_words(ws) for ws in col_lines])
        cells.append(Cell(text, page, box))
    return cells


def find_tables(pages: list[Page]) -> list[Table]:
    """Every table in the document. A caption with a label seen before continues that table
    (whatever its wording: ``续表1``, ``表1 ……（续）``, ``Table 1 (cont.)``), and so do body
    rows at the top of a page, under no caption, that fit the columns of the table the
    previous page ended in."""
    tables: dict[str, Table] = {}
    columns: dict[str, Part] = {}  # the part whose columns a table's continuations keep
    open_table: str | None = None  # a table that ran to the foot of the previous page
    firsts: dict[str, tuple[Part, Region]] = {}  # a table's first part, till the next is read
    page_lines = {page.number: group_lines(page.words) for page in pages}
    furniture = _furniture(pages, page_lines)
    for page in pages:
        page = replace(page, rules=merge_rules(page.rules))
        lines = [ln for ln in page_lines[page.number] if _key(ln) not in furniture]
        regions = find_regions(page, lines)
        if open_table is not None:
            lead = lead_region(page, lines, regions, tables[open_table], columns[open_table].edges)
            regions = ([lead] if lead else []) + regions
        carried, open_table = open_table, None
        if not regions and len(lines) <= 4:
            open_table = carried  # a page of nothing but its head and foot ends no table
        for region in regions:
            known = tables.get(region.label)
            label = region.label
            part = read_region(region, lines, known, columns.get(label))
            first = firsts.pop(label, None) if known is not None and part.rows else None
            if known is not None and first is not None:
                alone = _after_header_alone(first[0], region, lines, known)
                if alone is not None:
                    part = alone
                    known.header, known.rows = _header_at(*first, part), []
                    columns[label] = part
            if known is not None:
                if label in columns:  # a column set per arm on one page is so on every page
                    seen = columns[label]
                    columns[label] = replace(seen, per_arm=seen.per_arm | part.per_arm)
                known.pages += [page.number] if page.number not in known.pages else []
                known.rows += _align(part.rows, len(known.header))
            else:
                head = [c.text for c in part.header] if part.header else []
                ncols = max([len(head)] + [len(r.cells) for r in part.rows])
                tables[region.label] = Table(
                    region.label, region.caption, [page.number],
                    head + [""] * (ncols - len(head)), _align(part.rows, ncols),
                )  # fmt: skip
                columns[region.label] = part
                firsts[label] = (part, region)
            if part.rows and _runs_to_foot(region, lines, page):
                open_table = region.label
    return [_dashes_as_arms(table) for table in tables.values()]


def _after_header_alone(
    first: Part, region: Region, lines: list[Line], known: Table
) -> Part | None:
    """The part after a first part that printed its table's header alone, its rule at the
    foot of the page and the body on this page, read with its own columns (a header's lines
    show no column's space the body does not). The first part holds no row, or only lines
    this part prints again in its header: a wrapped header's last line (``event 1-2``) looks
    like a row of values. None when the first part had rows of its own."""
    if not first.rows:
        return read_region(region, lines, known)
    rows = [c.text for r in first.rows for c in r.cells if c.text]
    part = read_region(region, lines, replace(known, header=[*known.header, *rows]))
    if not part.header:
        return None
    printed = _glyphs(" ".join(rows))
    again = printed & _glyphs(" ".join(c.text for c in part.header))
    return part if sum(again.values()) >= 0.9 * sum(printed.values()) else None


def _header_at(first: Part, region: Region, part: Part) -> list[str]:
    """The header of a table whose first part printed its header alone (``_after_header_alone``):
    a header's lines show no column's space the body does not, so it is cut at the columns
    of the part with rows, unless that part prints the header again."""
    if part.header:
        return [c.text for c in part.header]
    h = text_height(first.header_lines)
    cells = header_cells(first.header_lines, [], part.edges, region.page.number, h,
                         region.page.rules)  # fmt: skip
    return [c.text for c in cells]


SEPARATOR = re.compile(f"(?<!\\S)({VS_WORD})(?!\\S)")


def _dashes_as_arms(table: Table) -> Table:
    """Dashes in a row of several arms, as many missing values as the row's other cells give
    it arms: two dashes set apart or run together where the thin ``vs`` between them went
    unread (``— —``, ``10.9 vs——vs—`` of three arms are ``— vs —``, ``10.9 vs — vs —``
    when the row's other cells hold three), or one dash read twice (``—vs.——vs. —`` of
    three arms). Joined with the separator the table prints. A cell that is a double dash
    alone (``——``, a missing mark) stays as printed."""
    dash = re.escape("".join(load_data("layout.toml")["dash_glyphs"]))
    lone = re.compile(f"[{dash}](?:\\s*[{dash}])*")
    printed = Counter(m.group(1) for r in table.rows for c in r.cells
                      for m in SEPARATOR.finditer(c.text))  # fmt: skip
    if not printed:
        return table
    sep = printed.most_common(1)[0][0]
    for row in table.rows:
        parts = [split_arms(normalise_vs(c.text)[0]) if c.text.strip() else [] for c in row.cells]
        for k, cell in enumerate(row.cells):
            others = [len(p) for j, p in enumerate(parts) if j != k and len(p) >= 2]
            mine = parts[k]
            if not others or not mine:
                continue
            arms = max(others)
            runs = [re.findall(f"[{dash}]", p) if lone.fullmatch(p) else None for p in mine]
            if all(r is None or len(r) == 1 for r in runs):
                continue  # a dash per part: as printed
            spaced = len(mine) > 1 or re.search(r"\s", cell.text.strip()) is not None
            whole = sum(1 for r in runs if r is None)
            if spaced and whole + sum(len(r) for r in runs if r) == arms:
                new = [d for p, r in zip(mine, runs, strict=True) for d in (r or [p])]
            elif len(mine) == arms > 1:
                new = [r[0] if r else p for p, r in zip(mine, runs, strict=True)]
            else:
                continue
            row.cells[k] = replace(cell, text=f" {sep} ".join(new))
    return table


def _key(line: Line) -> tuple[str, int]:
    """A line as page furniture repeats it: its text with the figures left out (page and
    volume numbers change), and where it stands on the page, in steps of 5 pt."""
    return re.sub(r"\d+", "#", line.text.replace(" ", "")), round(line.box.y_mid / 5)


def _furniture(pages: list[Page], page_lines: dict[int, list[Line]]) -> set[tuple[str, int]]:
    """Running heads and feet: a page's first or last line, in its top or bottom eighth, that
    another page prints alike at the same height (``Journal … Vol. 12, No. 3``, a page
    number). Alike, not the same: OCR reads one page's head a glyph differently from the
    next's (``Joumal``). A caption is never furniture."""
    layout = load_data("layout.toml")
    ends: list[tuple[int, Line]] = []
    for page in pages:
        margin = page.height / 8
        lines = page_lines[page.number]
        ends += [
            (page.number, ln)
            for ln in ({id(x): x for x in (lines[:1] + lines[-1:])}.values())
            if (ln.box.bottom < margin or ln.box.top > page.height - margin)
            and not _match(layout["caption"] + layout["continued"], ln.text)
        ]
    alike = layout["furniture_alike"]

    def repeats(a: Line, b: Line) -> bool:
        # the same but for its figures (a page number), or alike figures and all: two rows
        # of one table may be the same but for their figures, never alike with them
        same = _key(a)[0] == _key(b)[0]
        return same or fuzz.ratio(a.text.replace(" ", ""), b.text.replace(" ", "")) >= alike

    out: set[tuple[str, int]] = set()
    for number, line in ends:
        if any(
            other != number and abs(match.box.y_mid - line.box.y_mid) < 5 and repeats(line, match)
            for other, match in ends
        ):
            out.add(_key(line))
    return out


def _runs_to_foot(region: Region, lines: list[Line], page: Page) -> bool:
    """Whether nothing but the page's foot (page number, running foot) follows the table."""
    after = [line for line in lines if line.box.top > region.bottom + 1]
    return len(after) <= 2 and region.bottom > 0.6 * page.height


def lead_region(
    page: Page, lines: list[Line], regions: list[Region], known: Table, edges: list[float]
) -> Region | None:
    """The body rows a page opens with, under no caption, when they fit the columns of the
    table the previous page ended in: a continuation whose caption was left out. Rows of
    words alone (a table of ratings) count when the page first prints that table's header
    again."""
    limit = regions[0].caption_top if regions else page.height
    above = [line for line in lines if line.box.bottom < limit]
    h = text_height(above) if above else 0.0
    repeated = len(_repeated_header(above, known))

    def row_like(i: int, line: Line) -> bool:  # a body row of that table fills most columns
        # the line right under the repeated header, or one shaped like the table's rows
        words_only = i == repeated > 0 or _shaped_like(line, edges, known)
        filled = _filled(above, i, edges)
        return (looks_like_body(line.words) or words_only) and filled >= 0.5 * (len(edges) + 1)

    start = next((i for i, line in enumerate(above) if row_like(i, line)), None)
    if start is None or not edges or not _fits(above[start], edges):
        return None
    # Wrapped cells (and a repeated header) above the first body line belong to the part,
    # up to a line that does not fit the columns, a wide space or a rule.
    first = start
    while first > 0 and _fits(above[first - 1], edges):
        if _set_off(above[first - 1], above[first], page, h):
            break
        first -= 1
    top = above[first].box.top - 1
    gap = load_data("layout.toml")["word_gap"] * h
    rows = [line for line in above[start:] if looks_like_body(line.words)] or [above[start]]
    right = max(line.box.x1 for line in rows)
    width = right - min(line.box.x0 for line in rows)
    end = next(
        (i for i, line in enumerate(above[start:], start)
         if not _fits(line, edges) or _prose(line, rows, edges, right, width, gap)),
        None,
    )  # fmt: skip
    bottom = above[end].box.top if end is not None else limit
    rules = [r.box.y_mid for r in page.rules if r.horizontal and top - 1 <= r.box.y_mid <= bottom]
    below_first = [y for y in rules if y > above[start].box.bottom]
    bottom = next((y for y in below_first if _prose_after(y, above, width, gap)), bottom)
    rules = [y for y in rules if y <= bottom]
    return Region(known.label, "", page, top, bottom, dedupe(rules, 2.0))


def _shape(text: str) -> str:
    """What a cell prints, as far as telling rows from prose goes: figures (or dashes),
    hanzi, or Latin letters."""
    if all(is_value(t) for t in text.split()):
        return "figures"
    return "hanzi" if re.search(f"[{HAN}]", text) else "letters"


def _shaped_like(line: Line, edges: list[float], known: Table) -> bool:
    """Whether a line fills the columns the table's rows fill, each cell of the shape they
    print there (a year, a rating, an outlook in hanzi): a row of a table of words, whose
    rows look like no body by their figures, continued on a page that prints its header
    no more."""
    cells = [join_words(ws) for ws in split_cells(line, edges)]
    rows = [[c.text for c in r.cells] for r in known.rows if len(r.cells) == len(cells)]
    if not rows:
        return False
    for col, text in enumerate(cells):
        printed = [r[col] for r in rows if r[col].strip()]
        if bool(text.strip()) != bool(printed) or (
            text.strip() and _shape(text) not in {_shape(t) for t in printed}
        ):
            return False
    return True


def _filled(lines: list[Line], i: int, edges: list[float]) -> int:
    """How many columns the printed row starting at line ``i`` fills: that line's cells and
    those of the lines after it that overlap it in height. A row printed as one line per arm
    sets its shared cells (study, country, status) once, centred between the arm lines and
    overlapping both, so its first line alone fills few columns."""
    filled = {k for k, c in enumerate(split_cells(lines[i], edges)) if c}
    for upper, lower in zip(lines[i:], lines[i + 1 :], strict=False):
        if lower.box.top >= upper.box.bottom:
            break
        filled |= {k for k, c in enumerate(split_cells(lower, edges)) if c}
    return len(filled)


def _prose_after(y: float, lines: list[Line], width: float, gap: float) -> bool:
    """Whether the line after a rule at ``y`` is prose (a run of words wider than a third of
    the table ``width`` wide, and no figure): then that rule is the table's bottom rule."""
    after = next((line for line in lines if line.box.top > y), None)
    if after is None or FIGURE.search(after.text):
        return False
    return any(run.box.width > width / 3 for run in phrases([after.words], gap))


def _set_off(upper: Line, lower: Line, page: Page, h: float) -> bool:
    """Whether a rule or a space wider than two lines parts two lines (a running head from
    what the page holds)."""
    a, b = upper.box, lower.box
    ruled = any(a.bottom < r.box.y_mid < b.top for r in page.rules if r.horizontal)
    return ruled or b.top - a.bottom > 2 * h


def _fits(line: Line, edges: list[float]) -> bool:
    """A printed line of a table with these columns rather than prose or a footnote: no run
    of its words (set a word's space apart) runs across two column edges and a third of the
    columns' span, as prose in one or two columns does and no cell (a group header spans a
    few sub-columns)."""
    if _match(load_data("layout.toml")["footnote"], line.text):
        return False
    if looks_like_body(line.words):
        return True  # figures: a body row, though OCR may have run its cells together
    gap = load_data("layout.toml")["word_gap"] * text_height([line])
    span = edges[-1] - edges[0] if edges else 0.0
    for run in phrases([line.words], gap):
        crossed = sum(1 for e in edges if run.box.x0 + 1 < e < run.box.x1 - 1)
        if crossed >= 2 and run.box.width > span / 3:
            return False
    return True


def _align(rows: list[TableRow], ncols: int) -> list[TableRow]:
    """Pad short rows so every row has one cell per column of the table."""
    for r in rows:
        r.cells += [Cell("", r.page, None) for _ in range(ncols - len(r.cells))]
    return rows
