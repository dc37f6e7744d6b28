"""The header block of a table: which printed lines are the header, and which column each
header word names.

Headers are where documents made by other tools differ most: cells wrap to different numbers
of lines, a Chinese line sits over an English one, a header is wider than the figures under
it, a group cell (``总生存率 OS (%)``) spans sub-columns (``1年 | 3年 | 5年``). So the header
is read from geometry, not from wording:

- the header is every line between the table's top (caption or top rule) and its first body
  line, however many there are; a body line holds at least two *values* (figures or dashes:
  ``45``, ``23.8±5.8``, ``—``), which header words such as ``3年`` or ``5-yr`` are not;
- header words close together on a line form one *phrase* (a cell's text); a phrase names the
  column whose body it sits over (by its middle, so ``Sample size`` wider than its figures
  stays whole instead of giving ``size`` to the neighbour);
- a *group* phrase stands over a run of two or more columns that each have a phrase of their
  own on one lower line (the sub-header line) and nothing at the group's height, centred on
  the run or covering most of it, while every other column with words on the sub-header
  line has a header of its own at the group's height (else the phrase is only the first line
  of a wrapped header cell); the group's words join each sub-column's name.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .lines import Line, cut_at_edges, text_height
from .model import Box, Word
from .repair import normalise_vs
from .rows import side_by_side
from .text import EM_WIDE

VALUE = re.compile(r"^[(\[]?[<>≤≥~]?\d[\d.,:;/%±+\-–—~()\[\]]*$")
DASH = re.compile(r"^[—–\-一－―‐=]$")


def is_value(token: str) -> bool:
    """A figure or a dash as a table body prints it; ``vs.`` between figures is ignored."""
    return bool(VALUE.match(token) or DASH.match(token))


def looks_like_body(words: list[Word]) -> bool:
    """A printed line of the table body: two or more values (``-VS-`` holds two: OCR glues
    an arm cell's parts together, and a figure to its bracketed share or interval:
    ``6(10.5)``)."""
    text = " ".join(normalise_vs(w.text)[0] for w in words)
    text = re.sub(r"(?<=\d)(?=[(\[])", " ", text)
    return sum(1 for t in text.split() if t != "vs." and is_value(t)) >= 2


def first_body_line(lines: list[list[Word]]) -> int | None:
    """The first line of the body: one that looks like body, and holds a figure of more than
    one glyph or has another such line right after it (a header cell ``3年`` wrapped as
    ``3`` / ``年`` can leave two lone figures on a header line, but the header's next line
    holds none)."""
    body = [looks_like_body(words) for words in lines]
    for i, is_body in enumerate(body):
        if not is_body:
            continue
        if (
            i + 1 < len(lines)
            and body[i + 1]
            and _labelled(lines[i])
            and not _labelled(lines[i + 1])
        ):
            continue  # ``Grade 1-2``, ``Grade 3-4``: figures inside the labels of a header
        values = [t for w in lines[i] for t in w.text.split() if is_value(t)]
        if any(len(t) > 1 for t in values):  # a figure of its own, not a header's lone digit
            return i
        if i + 1 == len(lines) or body[i + 1]:
            return i
    found = next((i for i, is_body in enumerate(body) if is_body), None)
    if found is None:  # a table of words (years and ratings): its first line with a figure
        found = next(
            (
                i
                for i, ws in enumerate(lines)
                if any(is_value(t) for w in ws for t in w.text.split())
            ),
            None,
        )
    return found


def _labelled(words: list[Word]) -> bool:
    """Whether a line's figures all stand inside labels: each in a run of words (one cell)
    that also holds a word of letters. A body row has figures standing as cells of their
    own; a header may print ``Grade 1-2``, ``3 yr`` or ``3 年`` (one hanzi is a word)."""
    if not words:
        return False
    height = sorted(w.box.height for w in words)[len(words) // 2]
    runs = phrases([words], 0.45 * height)
    figures = [r for r in runs if any(is_value(t) for w in r.words for t in w.text.split())]
    lettered = [
        any(re.search(r"[^\W\d_]{2}|[\u3400-\u9fff]", w.text)
            and w.text.lower() not in ("vs.", "vs")
            for w in r.words)
        for r in figures
    ]  # fmt: skip
    return bool(figures) and all(lettered)


@dataclass
class Phrase:
    """Header words set close together on one printed line: one cell's text on that line."""

    words: list[Word]
    line: int  # index of the header line

    @property
    def box(self) -> Box:
        box = Box.enclosing([w.box for w in self.words])
        assert box is not None
        return box


def phrases(lines: list[list[Word]], gap: float) -> list[Phrase]:
    """Each header line cut into phrases where the space between words reaches ``gap``, or
    where two words overlap: one cell's words never do, two cells' may (a header longer
    than its cell runs into the next one's text)."""
    out: list[Phrase] = []
    for i, words in enumerate(lines):
        current: list[Word] = []
        for w in sorted(words, key=lambda w: w.box.x0):
            space = w.box.x0 - current[-1].box.x1 if current else 0.0
            if current and (space >= gap or space < -0.1 * w.box.height):
                out.append(Phrase(current, i))
                current = []
            current.append(w)
        if current:
            out.append(Phrase(current, i))
    return out


def over_sub_headers(group: Word, e: float, heads: list[Word]) -> bool:
    """Whether a header word over ``e`` is a group's, with header words under it on both
    sides of ``e`` (``总生存率(%)`` over ``3 年`` and ``5 年``): it spans the edge. A group's
    text may be narrower than the sub-headers it is centred on (three short ones set a
    column apart): those within its own width of it count."""
    reach = group.box.width
    under = [
        w
        for w in heads
        if w.box.top >= group.box.y_mid
        and group.box.x0 - reach <= w.box.x_mid <= group.box.x1 + reach
    ]
    return any(w.box.x1 < e for w in under) and any(w.box.x0 > e for w in under)


def cut_header_at_edges(lines: list[list[Word]], edges: list[float], h: float) -> list[list[Word]]:
    """OCR header words cut where a column edge falls at a break inside them
    (``lines.cut_at_edges``): a detector may read headers set close as one word
    (``Child-Pugh中位生存时间``, ``样本量（例）3年OS率（%）国家/地区`` over three columns); the
    body's columns part there, and so does the text: its script changes, or a closing
    bracket ends a header's unit. A group's text over the edge stays whole."""
    heads = [w for words in lines for w in words]

    def group(word: Word, edge: float) -> bool:
        return over_sub_headers(word, edge, heads)

    return [cut_at_edges(words, edges, h, _header_breaks, group) for words in lines]


CLOSING, OPENING = "）)]】", "（([【"


def _header_breaks(text: str) -> list[int]:
    """Where a header's text breaks: its script changes, or a closing bracket ends a unit;
    never inside a bracket's hold."""
    out = []
    for i in range(1, len(text)):
        script = bool(EM_WIDE.match(text[i - 1])) != bool(EM_WIDE.match(text[i]))
        if not (script or text[i - 1] in CLOSING) or not text[i].strip():
            continue
        if text[i] in CLOSING or text[i - 1] in OPENING:
            continue  # a bracket stays with what it holds
        out.append(i)
    return out


def column_at(x: float, edges: list[float]) -> int:
    return sum(1 for e in edges if x > e)


def assign(
    lines: list[list[Word]],
    edges: list[float],
    spans: list[tuple[float, float] | None],
    gap: float,
    underlines: list[Box] | None = None,
) -> list[list[list[Word]]]:
    """Header words per column, as printed lines top to bottom (a group's words included).

    ``spans`` are the x extents of each column's body words (None for a column empty on
    this page); they tell how far a run of columns reaches when testing for a group.
    ``underlines`` are rules inside the header shorter than the table: a rule drawn under a
    group's text spans its sub-columns (a booktabs cmidrule), however close its neighbours' text.
    """
    ncols = len(edges) + 1
    per_col: list[dict[int, list[Word]]] = [{} for _ in range(ncols)]
    lines = _underlined_groups(lines, edges, spans, underlines or [], per_col)
    found = _join_strays(phrases(lines, gap), edges, spans)
    home = [column_at(p.box.x_mid, edges) for p in found]
    taken: set[int] = set()
    for k, (p, col) in enumerate(zip(found, home, strict=True)):
        if k in taken:
            continue
        stack = stacked(k, found, home)
        group = group_columns(k, stack, found, home, edges, spans)
        beside = _beside(k, found, taken)
        pieces = [k] if beside is None else [k, beside]
        if (
            group is None
            and beside is not None
            and not all(_clear_of_edges(found[i].words, edges) for i in pieces)
            and all(len(_own_columns(found[i], home[i], edges, spans)) == 1 for i in pieces)
        ):
            # A group's text in two pieces on its line (OCR boxes hanzi and Latin apart:
            # ``总生存率`` ``OS (%)``): the pieces together may be the centred group. Two
            # pieces each clear of the column edges, or a piece made of two columns' headers
            # set close, are headers of their own.
            stack = [*stack, beside]
            group = group_columns(k, stack, found, home, edges, spans)
        if group is None:
            for c, words in _own_columns(p, col, edges, spans).items():
                per_col[c].setdefault(p.line, []).extend(words)
            continue
        taken |= set(stack)
        for c in group:
            for i in [k, *stack]:
                per_col[c].setdefault(found[i].line, []).extend(found[i].words)
    return [[per_col[c][i] for i in sorted(per_col[c])] for c in range(ncols)]


def _underlined_groups(
    lines: list[list[Word]],
    edges: list[float],
    spans: list[tuple[float, float] | None],
    underlines: list[Box],
    per_col: list[dict[int, list[Word]]],
) -> list[list[Word]]:
    """Each group drawn with a rule under its text: the words just above the rule and within
    its reach join every column whose body lies under the rule; the lines without them."""
    taken: set[int] = set()
    h = text_height([Line(words) for words in lines if words])
    for rule in sorted(underlines, key=lambda r: r.top):
        reach = (rule.x0 - 0.5 * h, rule.x1 + 0.5 * h)
        cols = [
            c
            for c, span in enumerate(spans)
            if span is not None and reach[0] <= (span[0] + span[1]) / 2 <= reach[1]
        ]
        above = [
            (i, w)
            for i, words in enumerate(lines)
            for w in words
            if id(w) not in taken
            and w.box.bottom <= rule.y_mid + 0.25 * w.box.height
            and w.box.bottom >= rule.y_mid - 2.5 * w.box.height
            and reach[0] <= w.box.x_mid <= reach[1]
        ]
        # The text right over the rule, and sub-headers under it in two or more columns.
        under = {
            column_at(w.box.x_mid, edges)
            for words in lines
            for w in words
            if w.box.top >= rule.y_mid - 0.25 * w.box.height and reach[0] <= w.box.x_mid <= reach[1]
        }
        if len(cols) < 2 or not above or len(under & set(cols)) < 2:
            continue
        for i, w in above:
            taken.add(id(w))
            for c in cols:
                per_col[c].setdefault(i, []).append(w)
    return [[w for w in words if id(w) not in taken] for words in lines]


def _join_strays(
    found: list[Phrase], edges: list[float], spans: list[tuple[float, float] | None]
) -> list[Phrase]:
    """A one-word phrase across a column edge, its middle over no column's body, joins the
    phrase beside it on its line when that stands a word's space away (under 0.7 of a line's
    height), clear of the edges, and the one on its other side at least twice as far: the
    last word of a header wider than its column, set apart by OCR's ink-fitted boxes
    (``Publication`` ``year`` over a year column, its ``year`` reaching over the next
    column's edge)."""

    def over_body(x: float) -> bool:
        return any(s is not None and s[0] <= x <= s[1] for s in spans)

    out = list(found)
    for p in found:
        box = p.box
        if len(p.words) > 1 or _clear_of_edges(p.words, edges, 0.2) or over_body(box.x_mid):
            continue
        same = [q for q in out if q is not p and q.line == p.line]
        left = max((q for q in same if q.box.x1 <= box.x0), key=lambda q: q.box.x1, default=None)
        right = min((q for q in same if q.box.x0 >= box.x1), key=lambda q: q.box.x0, default=None)
        gaps = [
            (box.x0 - left.box.x1) if left else math.inf,
            (right.box.x0 - box.x1) if right else math.inf,
        ]
        near = 0 if gaps[0] <= gaps[1] else 1
        other = [left, right][near]
        if (
            other is None
            or not _clear_of_edges(other.words, edges, 0.2)  # itself two columns' words
            or gaps[near] >= 0.7 * box.height
            or gaps[1 - near] < 2 * gaps[near]
        ):
            continue
        joined = Phrase(sorted(other.words + p.words, key=lambda w: w.box.x0), p.line)
        out[out.index(other)] = joined
        out.remove(p)
    return out


def _beside(k: int, found: list[Phrase], taken: set[int]) -> int | None:
    """The phrase right of phrase ``k`` on its line, when less than a glyph's height apart."""
    p = found[k]
    right = [
        i
        for i, q in enumerate(found)
        if i != k and i not in taken and q.line == p.line and q.box.x0 >= p.box.x1
    ]
    nearest = min(right, key=lambda i: found[i].box.x0, default=None)
    if nearest is None or found[nearest].box.x0 - p.box.x1 > p.box.height:
        return None
    return nearest


def stacked(k: int, found: list[Phrase], home: list[int]) -> list[int]:
    """The phrases set right under phrase ``k``, one line under the other with no more space
    than between a cell's lines: the rest of one header cell that wraps (``总生存率`` over
    ``OS (%)``; other columns' centred lines may print between them). A line's phrases in
    ``k``'s column, or wholly under ``k`` (OCR boxes ``OS`` and ``(%)`` apart, and an edge
    may fall between them), all belong to it."""
    out: list[int] = []
    top = found[k].box
    last, line = top, found[k].line
    while True:
        below = [
            i for i, q in enumerate(found)
            if q.line > line
            and (home[i] == home[k] or top.x0 - 1 <= q.box.x0 and q.box.x1 <= top.x1 + 1)
            and q.box.top - last.bottom <= 0.7 * max(q.box.height, last.height)
            and min(q.box.x1, last.x1) > max(q.box.x0, last.x0)
        ]  # fmt: skip
        if not below:
            return out
        line = min(found[i].line for i in below)
        row = [i for i in below if found[i].line == line]
        if any(_has_siblings(i, k, found, home) for i in row):
            return out
        out += row
        box = Box.enclosing([found[i].box for i in row])
        assert box is not None
        last = box


def _has_siblings(i: int, k: int, found: list[Phrase], home: list[int]) -> bool:
    """Whether phrase ``i`` has sub-header siblings: phrases on its line in the columns
    beside it that have nothing at the height of phrase ``k`` above (``1年 | 3年 | 5年``
    under ``总生存率``); then it is a sub-header, not the rest of ``k``'s cell. Sub-headers
    stand on one baseline, whichever header line OCR's boxes put them in; a neighbour's
    header centred on the header's height only shares the printed line."""
    group = found[k].box
    # Columns with header text beside the group's line, not wholly under it: a header
    # centred on the whole header's height starts between the group's lines. The group's
    # own text does not count: its middle sub-header stands in its column (``3-yr`` under
    # ``Overall survival (%)``), and is a sibling of the ``5-yr`` beside it.
    upper = {
        home[j]
        for j, q in enumerate(found)
        if j != k and (q.line == found[k].line or q.box.top < group.bottom)
    }
    p = found[i]
    if _unit_only(p):
        return False
    return any(
        abs(home[j] - home[i]) == 1
        and home[j] not in upper
        and not _unit_only(q)
        and abs(q.box.y_mid - p.box.y_mid) < 0.25 * min(q.box.height, p.box.height)
        for j, q in enumerate(found)
    )


def _unit_only(p: Phrase) -> bool:
    """A phrase that is only a bracketed unit (``(%)``, ``（月）``): it follows the words it
    measures and names no sub-column of its own (OCR boxed ``OS`` and ``(%)`` apart)."""
    text = "".join(w.text for w in p.words)
    inner = text[1:-1]
    return (
        len(text) >= 2
        and text[0] in OPENING
        and text[-1] in CLOSING
        and not any(c in OPENING + CLOSING for c in inner)
    )


def _own_columns(
    p: Phrase, col: int, edges: list[float], spans: list[tuple[float, float] | None]
) -> dict[int, list[Word]]:
    """A phrase that is no group: its column, unless its words sit over several columns (two
    cells set too close to be told apart by the gap): each word clear of the column edges,
    or centred over the figures of a column of its own, or the words together centred over
    one column's figures and over no other's (a header wider than its column runs into the
    strips beside it, and the edges drawn in them: ``mOS (months)`` ``OS at 5yr (%)``). A
    lone glyph beside the edge is the end of its neighbour's word, which OCR boxed apart
    (``Child-Pugh分`` ``级``), unless it stands over its own column's figures."""
    by_word: dict[int, list[Word]] = {}
    for w in p.words:
        by_word.setdefault(column_at(w.box.x_mid, edges), []).append(w)

    def over_body(c: int, words: list[Word]) -> bool:
        span = spans[c]
        return span is not None and all(span[0] <= w.box.x_mid <= span[1] for w in words)

    def clear(words: list[Word]) -> bool:
        return _clear_of_edges(words, edges) and sum(len(w.text) for w in words) > 1

    def centred_alone(c: int, words: list[Word]) -> bool:
        box = Box.enclosing([w.box for w in words])
        span = spans[c]
        return (
            box is not None
            and span is not None
            and span[0] <= box.x_mid <= span[1]
            and not any(
                s is not None and i != c and s[0] < box.x1 and box.x0 < s[1]
                for i, s in enumerate(spans)
            )
        )

    if len(by_word) > 1 and all(
        clear(ws) or over_body(c, ws) or centred_alone(c, ws) for c, ws in by_word.items()
    ):
        return by_word
    return {col: p.words}


def _clear_of_edges(words: list[Word], edges: list[float], slack: float = 0.0) -> bool:
    """Whether no edge runs through the words; with ``slack``, one through their first or
    last ``slack`` of a line's height does not count (an edge is the middle of a strip, an
    OCR box a guess)."""
    box = Box.enclosing([w.box for w in words])
    if box is None:
        return False
    inset = slack * box.height
    return not any(box.x0 + inset < e < box.x1 - inset for e in edges)


def group_columns(
    k: int,
    stack: list[int],
    found: list[Phrase],
    home: list[int],
    edges: list[float],
    spans: list[tuple[float, float] | None],
) -> list[int] | None:
    """The columns a group cell (phrase ``k`` and the phrases ``stack``ed under it) spans;
    None when it is no group.

    The run of columns must each hold a phrase on one lower line (the sub-header line), set
    below the group's text, and nothing else at the group's height or above it, and be
    centred under the group (or lie mostly under its text), as group cells are set.
    """
    cell = [k, *stack]
    box = Box.enclosing([found[i].box for i in cell])
    assert box is not None
    bottom = max(found[i].line for i in cell)
    col = home[k]
    below = [i for i, q in enumerate(found) if q.line > bottom]
    if not below:
        return None
    own = [i for i in below if home[i] == col]
    if not own:
        return None
    sub_line = min(found[i].line for i in own)
    subs = _sub_header_line(min(own, key=lambda i: found[i].line), below, found)
    # A sub-header is set under its group, clear of it: a header centred on the whole
    # header's height starts beside a wrapped cell's first line, not under it.
    clear = box.bottom - 0.25 * min(found[i].box.height for i in cell)
    on_sub = {home[i] for i in subs if found[i].box.top >= clear}
    occupied = {
        home[i]
        for i, q in enumerate(found)
        if i not in cell and (q.line <= bottom or q.box.top < clear)
    }

    # Columns whose own header starts above the sub-header line (centred cells start lower
    # than the group, but still above its sub-headers): no sub-column of it.
    headed = {
        home[i]
        for i, q in enumerate(found)
        if i not in cell and i not in subs and q.line < sub_line
    }

    def usable(c: int) -> bool:
        return 0 <= c < len(edges) + 1 and c in on_sub and c not in occupied

    if not usable(col) or _centred_on_one_middle(found, home):
        return None
    best: tuple[int, int] | None = None
    lo = col
    while usable(lo - 1):
        lo -= 1
    hi = col
    while usable(hi + 1):
        hi += 1
    sub_top = min(found[i].box.top for i in subs)
    for a in range(lo, col + 1):
        for b in range(col, hi + 1):
            wider = best is None or b - a > best[1] - best[0]
            # Every other column with a phrase on the sub-header line must have its own
            # header above that line (a header cell wrapped under its first line, with the
            # other headers beside it, is no group).
            alone = all(c in headed or a <= c <= b for c in on_sub)
            if (
                b > a
                and wider
                and alone
                and _under(box, spans[a : b + 1])
                and _balanced_run(k, box, a, b, found, home, subs, edges, spans)
                and not _outer_headers_start_lower(found, home, a, b, sub_top)
            ):
                best = (a, b)
    if best is None:
        return None
    return list(range(best[0], best[1] + 1))


def _balanced_run(
    k: int,
    box: Box,
    a: int,
    b: int,
    found: list[Phrase],
    home: list[int],
    subs: list[int],
    edges: list[float],
    spans: list[tuple[float, float] | None],
) -> bool:
    """Whether a group's text stands over the middle of columns a..b: of their sub-headers'
    text, or of the columns' room when its first line is no pair of headers set close (its
    words each clear of the edges, over columns of their own)."""
    texts = [(found[i].box.x0, found[i].box.x1) for i in subs if a <= home[i] <= b]
    if _balanced(box, texts, 0.0):
        return True
    split = _own_columns(found[k], home[k], edges, spans)
    return len(split) == 1 and _balanced(box, _slots(a, b, edges, spans), 0.25)


def _sub_header_line(first: int, below: list[int], found: list[Phrase]) -> list[int]:
    """The phrases printed on one line with the sub-header ``first``: those level with it
    (``rows.side_by_side``). Not the header line it was grouped in: header cells centred
    on the header's height interleave their lines, so a sub-header a pixel lower than its
    neighbour goes with the next line's words, and a one-line cell centred beside the group
    and its sub-headers with theirs."""
    anchor = found[first].words
    return [i for i in below if i == first or side_by_side(anchor, found[i].words)]


def _slots(
    a: int, b: int, edges: list[float], spans: list[tuple[float, float] | None]
) -> list[tuple[float, float]]:
    """The room of columns a..b across the page: from edge to edge, and at the table's outer
    sides to the column's body."""
    out = []
    for c in range(a, b + 1):
        span = spans[c]
        left = edges[c - 1] if c > 0 else (span[0] if span else None)
        right = edges[c] if c < len(edges) else (span[1] if span else None)
        if left is not None and right is not None:
            out.append((left, right))
    return out


def _balanced(box: Box, slots: list[tuple[float, float]], share: float) -> bool:
    """Whether a group's text stands over the middle of its sub-columns (their headers'
    text, or their room): as many of them wholly left of its centre as wholly right of it
    (a group cell is centred on its run; a cell's first line over its own column has its
    neighbours on one side). Sub-headers set flush left in columns of unequal width all lie
    left of the group's centre: the columns' room is centred on it. An edge within ``share``
    of a column's width of the centre is on it: a group over two columns is centred on the
    edge between them; so is the middle of the run, over columns of unequal widths (the
    middle one of three may then lie nearly all on one side)."""
    if not slots:
        return False
    near = share * min(x1 - x0 for x0, x1 in slots)
    left = sum(1 for x0, x1 in slots if x1 < box.x_mid + near)
    right = sum(1 for x0, x1 in slots if x0 > box.x_mid - near)
    middle = (slots[0][0] + slots[-1][1]) / 2
    return left == right or abs(box.x_mid - middle) < near


def _centred_on_one_middle(found: list[Phrase], home: list[int]) -> bool:
    """Whether every column's header, however many lines it takes, stands on one middle:
    the cells are centred on the header's height, and the tallest one's first line, above
    all others, spans nothing. (A group's sub-headers stand below its middle.)"""
    middles = list(Box.middles(list(zip(home, (p.box for p in found), strict=True))).values())
    if len(middles) < 3:
        return False
    height = min(p.box.height for p in found)
    return max(middles) - min(middles) <= 0.3 * height


def _outer_headers_start_lower(
    found: list[Phrase], home: list[int], a: int, b: int, sub_top: float
) -> bool:
    """Whether every header outside columns a..b starts a line or more below the sub-header
    line: then the cells are centred on the header's height, and the taller one starts
    above its neighbours without spanning them. (Beside a group, headers start at the
    group's line, at the sub-headers' when set at the foot, or between when centred.)"""
    tops: dict[int, float] = {}
    for p, c in zip(found, home, strict=True):
        if not a <= c <= b:
            tops[c] = min(tops.get(c, p.box.top), p.box.top)
    height = min((p.box.height for p in found), default=0.0)
    return bool(tops) and all(t >= sub_top + 0.5 * height for t in tops.values())


def _under(box: Box, spans: list[tuple[float, float] | None]) -> bool:
    """Whether a run of columns (their body extents) lies under a group cell's text: the text
    is centred on the run or covers most of it."""
    known = [s for s in spans if s is not None]
    if len(known) < len(spans) or not known:
        return False
    left, right = known[0][0], known[-1][1]
    width = right - left
    centred = abs((left + right) / 2 - box.x_mid) <= 0.2 * width
    covered = min(right, box.x1) - max(left, box.x0) >= 0.6 * width
    return centred or covered
