"""Tables: find each table on the page, its header, columns and logical rows.

Works from words with boxes and the page's rules only, so text-layer words and OCR words go
through the same code. The steps keep their intermediates (lines → captions → regions →
columns → rows), each a small function that can be tested alone:

- a *caption* (``表1`` / ``Table 1``; ``续表1`` / ``Table 1 (continued)``) opens a table;
- its *region* runs from the first wide rule under the caption to the last wide rule before
  a footnote (``注：`` / ``Note:``), the next caption or the page end; without rules, to the
  footnote or the first line that is prose;
- the *header* is what lies between the first two wide rules (three-line and fully ruled
  tables alike); without rules, the lines before the first line holding figures;
- *columns* come from vertical rules when the table is ruled, otherwise from the vertical
  strips no body word crosses;
- a printed line starts a new *logical row* when its first column has text and the line is
  separated from the previous one like rows are (a rule, a wider line pitch, or most columns
  filled);
  otherwise it continues the row above (a wrapped cell: the seed's four-arm Vogl row).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace

from .header_block import assign, first_body_line, looks_like_body, phrases
from .model import Box, Cell, Page, Rule, Table, TableRow, Word
from .schema import load_data
from .text import CJK_CHAR, STUDY_CELL

FIGURE = re.compile(r"\d")


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


def _needs_space(left: str, right: str) -> bool:
    if not left or not right:
        return False
    return not (CJK_CHAR.match(left[-1]) or CJK_CHAR.match(right[0]))


def join_words(words: list[Word]) -> str:
    """Words of one printed line: separate words keep a space, except hanzi set close together
    (OCR engines cut Chinese into one word per glyph or phrase)."""
    out, prev = "", None
    for w in sorted(words, key=lambda w: w.box.x0):
        if prev is not None:
            gap = w.box.x0 - prev.box.x1
            tight = gap < 0.25 * max(w.box.height, prev.box.height)
            cjk_pair = CJK_CHAR.match(out[-1]) and CJK_CHAR.match(w.text[0])
            out += "" if (tight and cjk_pair) else " "
        out += w.text
        prev = w
    return out


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
    word, so a superscript marker or a tall OCR box cannot chain two rows into one line."""
    lines: list[Line] = []
    bands: list[tuple[float, float]] = []  # running sum of middles and heights, per line
    for w in sorted(words, key=lambda w: (w.box.y_mid, w.box.x0)):
        if lines:
            total_mid, total_h = bands[-1]
            n = len(lines[-1].words)
            mid, height = total_mid / n, total_h / n
            if abs(w.box.y_mid - mid) <= 0.5 * max(height, w.box.height):
                lines[-1].words.append(w)
                bands[-1] = (total_mid + w.box.y_mid, total_h + w.box.height)
                continue
        lines.append(Line([w]))
        bands.append((w.box.y_mid, w.box.height))
    for line in lines:
        line.words.sort(key=lambda w: w.box.x0)
    return lines


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


def _match(patterns: list[str], text: str) -> re.Match[str] | None:
    for p in patterns:
        m = re.match(p, text, re.IGNORECASE)
        if m:
            return m
    return None


def text_height(lines: list[Line]) -> float:
    heights = [w.box.height for line in lines for w in line.words]
    return statistics.median(heights) if heights else 8.0


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
        label = f"Table {int(cap.group(1))}"
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
            if _match(cfg["footnote"], line.text):
                limit = line.box.top
                break
        inside = [r.box.top for r in rules if start - h < r.box.top < limit + h]
        inside = _dedupe(inside, h / 2)
        if inside and inside[0] - start <= cfg["caption_gap"] * h:
            # From the caption, not the first rule: a top rule lost in a scan leaves the
            # header above the first rule found.
            top, bottom = start, inside[-1] if len(inside) > 1 else limit
        else:
            top, bottom, inside = start, limit, []
        cap_top = lines[first].box.top
        regions.append(Region(label, text, page, top, bottom, inside, cap_top))
    return regions


def _dedupe(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


# --- columns and rows -----------------------------------------------------------------------


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
    vertical = _dedupe(vertical, h / 2)
    if len(vertical) >= 3:
        return vertical[1:-1]  # inner borders; the outer two frame the table
    return _edges(body or header, h)


def _edges(rows: list[Line], h: float) -> list[float]:
    """Column edges from the empty strips between the words of these lines."""
    words = [w for line in rows for w in line.words]
    read = sum(1 for w in words if w.source.startswith("ocr:")) > len(words) / 2
    # OCR boxes are cut at glyph gaps and fitted to ink: the space between them is uneven,
    # so a strip must be as wide as the space between cells to part columns.
    gap = load_data("layout.toml")["word_gap" if read else "column_gap"] * h
    space = load_data("layout.toml")["word_gap"] * h
    return strip_edges([_arm_spans(line.words, space) for line in rows], gap)


def _arm_spans(words: list[Word], space: float) -> list[tuple[float, float]]:
    """The x extents a line's words cover, a multi-arm value (``146 vs. 94``) as one: the
    words around a ``vs.`` set a word's space apart are one cell, whatever the other rows
    leave beside them."""
    spans: list[tuple[float, float]] = []
    joined = False
    for w in words:
        arm_word = _prints_vs(Line([w]))
        if spans and (joined or arm_word) and w.box.x0 - spans[-1][1] < space:
            spans[-1] = (spans[-1][0], w.box.x1)
        else:
            spans.append((w.box.x0, w.box.x1))
        joined = arm_word
    return spans


def strip_edges(rows: list[list[tuple[float, float]]], min_width: float) -> list[float]:
    """Middles of the vertical strips, at least ``min_width`` wide, that (almost) no row crosses.

    A strip may be crossed by a few rows (a cell too long for its column, as happens in print)
    without merging the two columns it separates; but not by more rows than that each reaching
    into part of it: the spaces between the words of several rows' cells (``146 vs. 94``,
    ``23 vs. 319``), side by side, are no column's space.
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
    allowed = max(1, round(0.06 * len(rows))) if len(rows) >= 8 else 0

    def crossing(a: int, b: int) -> int:  # rows reaching into bins a..b-1
        x0, x1 = left + a * step, left + b * step
        return sum(1 for row in rows if any(s0 < x1 and s1 > x0 for s0, s1 in row))

    edges, run_start = [], None
    for i, c in enumerate([*cover, allowed + 1]):
        if c <= allowed and run_start is None:
            run_start = i
        elif c > allowed and run_start is not None:
            if (i - run_start) * step >= min_width and run_start > 0 and i < bins:
                a, b = _clearest(cover[run_start:i])
                a, b = a + run_start, b + run_start
                if crossing(run_start, i) <= allowed or (b - a) * step >= min_width:
                    edges.append(left + (a + b) / 2 * step)
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


def column_of(word: Word, edges: list[float]) -> int:
    return sum(1 for e in edges if word.box.x_mid > e)


def split_cells(line: Line, edges: list[float]) -> list[list[Word]]:
    cells: list[list[Word]] = [[] for _ in range(len(edges) + 1)]
    for w in line.words:
        cells[column_of(w, edges)].append(w)
    return cells


Arms = list[list[Line]]  # a logical row: its printed lines, in one group per study arm


def group_rows(
    body: list[Line], edges: list[float], rules_y: list[float], partial_y: list[float]
) -> list[Arms]:
    """Printed lines → logical rows, each as its arms' lines.

    A drawn rule across the table always ends a row; in a table ruled row by row, the lines
    between two such rules are one row. Without rules between rows, when wrapped cells show
    two kinds of line spacing (closer inside a cell than between rows), each column's lines
    are joined into cell blocks at the closer spacing and a row is every block that overlaps
    another vertically: this holds whether cells are set at the top of their row or centred
    in it (browsers and word processors centre them, so a row's first printed line may hold
    only a wrapped remark). A band holding two study cells (rows set with no space between
    them) is cut where the second begins. Without two spacings, a line starts a new row when
    its first column has text and it lies as far below the line above as rows do.

    Arms printed on rows of their own, beside a study cell spanning them (``\\multirow``,
    ``rowspan``), are one row: in a ruled table they are the parts of a row that rules
    across all but the first column divide; elsewhere a printed row with no study cell is an
    arm of the study whose cell lies closest to it (a spanning cell is centred on its arms,
    or stands on the first).
    """
    if rules_y:  # rows ruled off one by one: a segment is a row, unless two studies share it
        rows: list[Arms] = []
        for segment in _between_rules(body, rules_y):
            cells = [split_cells(line, edges) for line in segment]
            spacing = 0.7 * text_height(segment)
            for row in _cut_at_study_cells(list(range(len(segment))), segment, cells, spacing):
                arms = _between_rules(row, partial_y)
                rows.append(arms if len(arms) > 1 else _arm_lines(row, edges))
        return rows
    plain: list[list[Line]] = []
    for segment in _between_rules(body, rules_y):
        plain += _segment_rows(segment, edges)
    out = _arms_beside_study_cells(plain, edges)
    return [[arm for part in arms for arm in _arm_lines(part, edges)] for arms in out]


WHOLE = re.compile(r"^(?:[<>≤≥~]?\d+(?:\.\d+)?%?|[—–\-一－―‐=]|NR)$")


def _value_columns(line: Line, edges: list[float]) -> frozenset[int]:
    """Columns beside the first whose cell on this line is a whole figure or dash (not a
    wrapped part such as ``(18.2–`` or ``29.4)``)."""
    cells = split_cells(line, edges)
    return frozenset(
        c for c in range(1, len(cells)) if cells[c] and all(WHOLE.match(w.text) for w in cells[c])
    )


def _whole_values(line: Line, edges: list[float]) -> int:
    return len(_value_columns(line, edges))


def _prints_vs(line: Line) -> bool:
    return any(re.match(r"vs\b", w.text, re.I) for w in line.words)


def _arm_line(line: Line, cells: list[list[Word]], edges: list[float]) -> bool:
    """A printed line that is an arm of the study beside it: no first-column text, two or
    more whole values, no ``vs.``."""
    return not cells[0] and _whole_values(line, edges) >= 2 and not _prints_vs(line)


def _arm_lines(lines: list[Line], edges: list[float]) -> Arms:
    """A row whose arms stand on printed lines of their own: two or more lines holding whole
    values in the same two or more columns (the per-arm columns), in a row that prints no
    ``vs.`` (arms joined inline wrap their cells instead). Every other line (the study cell,
    cells spanning the arms, wrapped parts) goes with the arm line nearest it."""
    if any(_prints_vs(line) for line in lines):
        return [lines]  # arms printed inline, joined by vs.: cells wrapped, not arm rows
    sets = {id(line): _value_columns(line, edges) for line in lines}
    counts: dict[frozenset[int], int] = {}
    for cols in sets.values():
        if len(cols) >= 2:
            counts[cols] = counts.get(cols, 0) + 1
    if not counts or max(counts.values()) < 2:
        return [lines]
    per_arm = max(counts, key=lambda k: (counts[k], len(k)))
    starts = [line for line in lines if sets[id(line)] == per_arm]
    cited = [ln for ln in starts if STUDY_CELL.search(join_words(split_cells(ln, edges)[0]))]
    if len(cited) >= 2:
        return [lines]  # two studies, each with its citation: rows run together, not arms
    groups: dict[int, list[Line]] = {id(s): [] for s in starts}
    for line in lines:
        nearest = min(starts, key=lambda s: abs(s.box.y_mid - line.box.y_mid))
        groups[id(nearest)].append(line)
    return [groups[id(s)] for s in sorted(starts, key=lambda s: s.box.top)]


def _arms_beside_study_cells(rows: list[list[Line]], edges: list[float]) -> list[Arms]:
    """Rows with no study cell given to their study: an arm's printed row (two or more
    values) becomes one of its arms; a stray wrapped line joins the nearest part of the row.

    Whose arm a row is follows how the spanning study cell is set: when arms are printed
    above a study's cell (before the first study, inside a study's own band, or a study's
    cell stands alone between arm rows), study cells are centred on their arms (as many arm
    rows above as below); otherwise each study cell
    stands on its first arm and the arm rows below it are its own.
    """

    def has_study(row: list[Line]) -> bool:
        return any(split_cells(line, edges)[0] for line in row)

    def values(row: list[Line]) -> int:
        return max(sum(1 for c in split_cells(line, edges) if c) for line in row)

    studies = [i for i, row in enumerate(rows) if has_study(row)]
    if not studies:
        return [[row] for row in rows]
    arm_rows = [i for i, row in enumerate(rows) if i not in studies and values(row) >= 2]

    def arm_above_cell(row: list[Line]) -> bool:  # an arm printed above its study's cell
        cell_top = min(ln.box.top for ln in row if split_cells(ln, edges)[0])
        return any(ln.box.y_mid < cell_top for ln in row if _whole_values(ln, edges) >= 2)

    owner: dict[int, int] = {}

    def between_arms(i: int) -> bool:  # a study's cell alone on its lines, between arms
        alone = all(_whole_values(ln, edges) < 2 for ln in rows[i])
        return alone and i - 1 in arm_rows and i + 1 in arm_rows

    centred = any(i < studies[0] for i in arm_rows) or any(
        arm_above_cell(rows[i]) or between_arms(i) for i in studies
    )
    if centred:  # as many arm rows above a study's cell as below it
        owner = _centred_owners(arm_rows, studies, rows, edges)
    else:
        for i in arm_rows:
            above = [s for s in studies if s < i]
            owner[i] = above[-1] if above else studies[0]
    arms: dict[int, Arms] = {i: [rows[i]] for i in studies}
    for i, s in owner.items():
        arms[s].append(rows[i])
    for i, row in enumerate(rows):
        if i in studies or i in owner:
            continue
        mid = statistics.mean(line.box.y_mid for line in row)  # a stray wrapped line
        target = min(studies, key=lambda s: abs(statistics.mean(
            ln.box.y_mid for ln in rows[s]) - mid))  # fmt: skip
        group = min(arms[target], key=lambda g: min(abs(ln.box.y_mid - mid) for ln in g))
        group += row
        group.sort(key=lambda line: line.box.top)
    out = [sorted(a, key=lambda g: min(line.box.top for line in g)) for a in arms.values()]
    return sorted(out, key=lambda a: min(line.box.top for g in a for line in g))


def _centred_owners(
    arm_rows: list[int], studies: list[int], rows: list[list[Line]], edges: list[float]
) -> dict[int, int]:
    """Arm rows given to study cells centred on them: walking down, a study takes the arm
    rows waiting above it and as many below it as keep its arms balanced about its cell
    (counting the arm lines printed in its own row, above and below the study cell)."""

    def arm_lines(row: list[Line]) -> list[Line]:  # not a line of cells spanning the arms
        return [ln for ln in row if _whole_values(ln, edges) >= 2]

    owner: dict[int, int] = {}
    waiting = [i for i in arm_rows if i < studies[0]]
    for k, s in enumerate(studies):
        nxt = studies[k + 1] if k + 1 < len(studies) else None
        below = [i for i in arm_rows if i > s and (nxt is None or i < nxt)]
        cell = [ln.box.y_mid for ln in rows[s] if split_cells(ln, edges)[0]]
        middle = statistics.mean(cell) if cell else 0.0
        own = arm_lines(rows[s])
        above_in = sum(1 for ln in own if ln.box.y_mid < middle - 1)
        below_in = sum(1 for ln in own if ln.box.y_mid > middle + 1)
        for i in waiting:
            owner[i] = s
        want = max(0, len(waiting) + above_in - below_in)
        take = below[:want] if nxt is not None else below
        for i in take:
            owner[i] = s
        waiting = below[len(take) :]
    return owner


def _between_rules(body: list[Line], rules_y: list[float]) -> list[list[Line]]:
    # Between the two lines' middles: OCR boxes may reach over a rule drawn close to text.
    out: list[list[Line]] = []
    for line in body:
        if out and not any(out[-1][-1].box.y_mid < y < line.box.y_mid for y in rules_y):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _segment_rows(lines: list[Line], edges: list[float]) -> list[list[Line]]:
    cells = [split_cells(line, edges) for line in lines]
    join = _cell_spacing(lines, cells)
    if join is None:
        return _rows_by_first_column(lines, cells, edges)
    parent = list(range(len(lines)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for col in range(len(edges) + 1):
        pieces = [i for i, c in enumerate(cells) if c[col]]
        for a, b in zip(pieces, pieces[1:], strict=False):
            if _gap(cells[a][col], cells[b][col]) <= join:
                parent[find(b)] = find(a)
    bands: list[list[int]] = []
    for i in range(len(lines)):
        root = find(i)
        band = next((b for b in bands if find(b[0]) == root), None)
        if band is None:
            bands.append([i])
        else:
            band.append(i)
    bands = _merge_overlapping(bands, lines)
    rows = []
    for band in bands:
        rows += _cut_at_study_cells(band, lines, cells, join)
    return rows


def _gap(upper: list[Word], lower: list[Word]) -> float:
    """Space between two printed pieces of a column, from their middles and the lower of
    their heights: an OCR box taller than its glyphs (hanzi beside Latin) does not close
    the space between two rows."""
    a, b = Box.enclosing([w.box for w in upper]), Box.enclosing([w.box for w in lower])
    assert a is not None and b is not None
    return b.y_mid - a.y_mid - min(a.height, b.height)


def _cell_spacing(lines: list[Line], cells: list[list[list[Word]]]) -> float | None:
    """The largest space between two lines of one wrapped cell, when the table shows two
    spacings (inside cells, between rows); None when it shows one."""
    h = text_height(lines)
    # Pairs of lines of one column with no first-column text from the second on: where
    # cells sit at the top of their rows, only lines of one wrapped cell qualify (one
    # spacing); where they are centred, a row's first lines are such too (two spacings).
    gaps = []
    for col in range(1, len(cells[0]) if cells else 0):
        at = [i for i, c in enumerate(cells) if c[col]]
        gaps += [
            _gap(cells[i][col], cells[j][col])
            for i, j in zip(at, at[1:], strict=False)
            if not any(cells[k][0] for k in range(i + 1, j + 1))
        ]
    gaps.sort()
    gaps = [g for g in gaps if g <= 2 * h]  # wider: a row between with that cell empty
    return _lowest_class(gaps, h, ratio=0.6)


def _lowest_class(values: list[float], h: float, ratio: float | None = None) -> float | None:
    """The bound between a sorted list's lowest class of values and the rest, split again
    and again (Otsu) while the lower part stands apart by 0.3 line heights (and, with a
    ``ratio``, is at most that share of the upper part); None when it never does."""
    threshold = None
    while (split := _two_classes(values)) is not None:
        low, high = values[:split], values[split:]
        low_mean, high_mean = sum(low) / len(low), sum(high) / len(high)
        if high_mean - low_mean < 0.3 * h or (ratio is not None and low_mean > ratio * high_mean):
            break
        threshold, values = (low[-1] + high[0]) / 2, low
    return threshold


def _two_classes(values: list[float]) -> int | None:
    """Where a sorted list splits best into two classes (Otsu: most variance between)."""
    if len(values) < 2:
        return None
    best, best_k = -1.0, None
    total, n = sum(values), len(values)
    left = 0.0
    for k in range(1, n):
        left += values[k - 1]
        a, b = left / k, (total - left) / (n - k)
        between = k * (n - k) * (a - b) ** 2
        if between > best:
            best, best_k = between, k
    return best_k


def _merge_overlapping(bands: list[list[int]], lines: list[Line]) -> list[list[int]]:
    def extent(band: list[int]) -> tuple[float, float]:
        return min(lines[i].box.top for i in band), max(lines[i].box.bottom for i in band)

    out: list[list[int]] = []
    for band in sorted(bands, key=lambda b: extent(b)[0]):
        if out and extent(band)[0] < extent(out[-1])[1] - 0.5:
            out[-1] = sorted(out[-1] + band)
        else:
            out.append(sorted(band))
    return out


CITATION = re.compile(r"\[\s*\d|[A-Za-z\u4e00-\u9fff.]\s?\d{1,3}\s*$|NCT\d|ChiCTR", re.I)
NAME = re.compile(r"[A-Za-z\u00c0-\u024f]{2}|[\u4e00-\u9fff]")


def _cited(words: list[Word]) -> bool:
    """A whole study cell: a name and its citation (or a registry id) on one line."""
    text = join_words(words)
    return bool(CITATION.search(text) and NAME.search(text))


CITATION_END = re.compile(
    r"(?:\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|[A-Za-z\u4e00-\u9fff.]\s?\d{1,3})\s*$"
)
NAME_START = re.compile(r"^[A-Za-z\u00c0-\u024f\u4e00-\u9fff]")


def _ends_cell(upper: list[Word], lower: list[Word]) -> bool:
    """Whether a study cell ends on the upper line and another begins on the lower: a
    citation closes a study's cell (``Gordon, 等`` / ``[13]``), a name opens the next."""
    return bool(CITATION_END.search(join_words(upper)) and NAME_START.match(join_words(lower)))


def _cut_at_study_cells(
    band: list[int], lines: list[Line], cells: list[list[list[Word]]], join: float
) -> list[list[Line]]:
    """A band holding two or more first-column cells is cut where each begins: where the
    space before it is a row's, or where it follows a study cell's citation (a study's name
    wraps before its citation, not after)."""
    starts: list[int] = []
    prev: int | None = None
    for i in band:
        if not cells[i][0]:
            continue
        cited = prev is not None and _cited(cells[i][0]) and _cited(cells[prev][0])
        ended = prev is not None and _ends_cell(cells[prev][0], cells[i][0])
        if prev is None or cited or ended or _gap(cells[prev][0], cells[i][0]) > join:
            starts.append(i)
        prev = i
    rows: list[list[Line]] = []
    for i in band:
        if not rows or (i in starts and i != starts[0]):
            rows.append([])
        rows[-1].append(lines[i])
    return rows


def _rows_by_first_column(
    lines: list[Line], cells: list[list[list[Word]]], edges: list[float]
) -> list[list[Line]]:
    """Rows by line spacing: where rows stand further apart than the lines of a wrapped cell,
    a line as far from the line above as rows are starts a row (distances between line
    middles, not gaps between boxes: OCR boxes vary in height by as much as the padding
    between rows), whether its first column has text or not (a centred row may open with a
    wrapped remark). With one spacing only, a line starts a row when its first column has
    text and it fills half the columns, or when it is an arm on a printed row of its own."""
    ncols = len(cells[0])
    pitches = [b.box.y_mid - a.box.y_mid for a, b in zip(lines, lines[1:], strict=False)]
    h = text_height(lines)
    split = _lowest_class(sorted(pitches), h)  # a wrapped cell's line pitch, and the rest
    rows: list[list[Line]] = [[lines[0]]]
    for line, line_cells, pitch in zip(lines[1:], cells[1:], pitches, strict=True):
        filled = sum(1 for c in line_cells if c) / ncols
        if split is not None:  # rows stand apart: a row gap starts a row, whatever it holds
            new = pitch >= split
        elif _arm_line(line, line_cells, edges):
            new = True  # an arm on its own printed row: given to its study afterwards
        else:
            new = bool(line_cells[0]) and filled >= 0.5
        if new:
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows


def make_cells(
    arms: Arms, edges: list[float], page: int, apart: frozenset[int] = frozenset()
) -> list[Cell]:
    """One cell per column; a column holding a value on several arms' printed rows gets
    them joined by `` vs. ``, as a multi-arm cell prints them (``apart``: columns whose arms
    drawn rules part)."""
    dashes = load_data("layout.toml")["dash_glyphs"]
    per_col: list[list[list[Line]]] = [[[] for _ in arms] for _ in range(len(edges) + 1)]
    for a, lines in enumerate(arms):
        for line in lines:
            for c, words in enumerate(split_cells(line, edges)):
                if words:
                    per_col[c][a].append(Line(words))
    cells = []
    for col, col_arms in enumerate(per_col):
        words = [w for lines in col_arms for line in lines for w in line.words]
        box = Box.enclosing([w.box for w in words])
        weakest = min(words, key=lambda w: w.confidence, default=None)
        conf = weakest.confidence if weakest else 1.0
        source = weakest.source if weakest else "text_layer"  # the part least sure of
        if col not in apart and _one_cell(col_arms):  # spanning the arms, wrapped
            col_arms = [sorted((ln for g in col_arms for ln in g), key=lambda ln: ln.box.top)]
        texts = [join_lines([line.text for line in lines]) for lines in col_arms]
        if col not in apart or len(col_arms) < 2:  # an arm's own cell left empty stays in place
            texts = [t for t in texts if t]
        if source.startswith("ocr:"):  # an engine reads a printed dash as any of these
            texts = ["—" if t in dashes else t for t in texts]
        cells.append(Cell(" vs. ".join(texts), page, box, source, conf))
    return cells


def _one_cell(col_arms: list[list[Line]]) -> bool:
    """Whether a column's text on several arms' lines is one cell spanning them: its lines
    follow each other at a wrapped cell's spacing, and are not each a whole value."""
    lines = sorted((ln for g in col_arms for ln in g), key=lambda ln: ln.box.top)
    if sum(1 for g in col_arms if g) < 2:
        return False
    if all(all(WHOLE.match(w.text) for w in ln.words) for ln in lines):
        return False  # a figure on each arm's line
    h = text_height(lines)
    return all(b.box.top - a.box.bottom <= 0.7 * h for a, b in zip(lines, lines[1:], strict=False))


@dataclass
class Part:
    """What one region gives its table: header cells (None when it repeats no header), body
    rows and the column edges they were cut with."""

    header: list[Cell] | None
    rows: list[TableRow]
    edges: list[float]


def body_end(inside: list[Line], h: float) -> list[Line]:
    """An unruled table ends where the page leaves a gap much wider than its own rows do
    (a page number or a paragraph set off below it), or at the first line of prose after
    its body: a line with a run of words wider than a third of the table that runs across
    two of the body's columns (prose in one column or in two), which no cell does. The body
    is the lines holding figures, or in a table of words the lines with a column's space."""
    gap = load_data("layout.toml")["word_gap"] * h

    def spaced(line: Line) -> bool:
        words = line.words
        return any(b.box.x0 - a.box.x1 >= gap for a, b in zip(words, words[1:], strict=False))

    rows = [line for line in inside if looks_like_body(line.words)]
    if len(rows) < 2:
        rows = [line for line in inside if spaced(line)]
    width = max((line.box.width for line in rows), default=0.0)
    edges = _edges(rows, h)
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
            for run in phrases([line.words], gap):
                crossed = sum(1 for e in edges if run.box.x0 < e < run.box.x1)
                if run.box.width > width / 3 and crossed >= 2:
                    return inside[:i]
        seen_body = seen_body or line in rows
    return inside


def read_region(
    region: Region,
    lines: list[Line],
    known: Table | None = None,
    known_edges: list[float] | None = None,
) -> Part:
    """The header and body rows of a region; ``known`` is the table it continues, whose
    columns it keeps when the page is laid out alike."""
    inside = [line for line in lines if region.top - 1 < line.box.y_mid < region.bottom + 1]
    inside = [line for line in inside if line.box.top > region.top - 1]
    if not inside:
        return Part(None, [], [])
    h = text_height(inside)
    if not region.rules_y:
        inside = body_end(inside, h)
    # Rules with no line above them in the region (a top rule) end no header.
    inner_rules = [y for y in full_rules(region, h) if any(ln.box.y_mid < y for ln in inside)]
    if not region.rules_y:
        inner_rules = []  # an unruled table: a rule further down (a footnote's) is not its own
    first_body = first_body_line([ln.words for ln in inside]) or 0
    if inner_rules:
        header_lines = [line for line in inside if line.box.y_mid < inner_rules[0]]
    else:
        header_lines = _header_block(inside, first_body)
    if known is not None and header_lines and not _repeats(header_lines, known):
        header_lines = []  # a continuation that starts with body rows, not its header again
    body = [line for line in inside if line not in header_lines]
    edges = column_edges(region, body, header_lines, h)
    if known_edges is not None and known is not None and _same_frame(body, known_edges, edges):
        edges = known_edges
    body_rules = inner_rules[1:] if header_lines else inner_rules
    partial = partial_rules(region, h, edges, body_rules)
    rows = group_rows(body, edges, body_rules, _dedupe([b.y_mid for b in partial], h / 2))
    n = region.page.number
    header = header_cells(header_lines, body, edges, n, h) if header_lines else None
    right = max((line.box.x1 for line in body), default=0.0)
    cells = [make_cells(r, edges, n, ruled_apart(partial, edges, r, right, h)) for r in rows]
    return Part(header, [TableRow(n, c) for c in cells], edges)


def _header_block(inside: list[Line], first_body: int) -> list[Line]:
    """The lines of an unruled table's header: those before its first body line, up to the
    widest space among them when that space is clearly wider than the header's own line
    spacing (a centred first row prints its wrapped remark above its first figures)."""
    head = inside[:first_body]
    if len(head) < 2:
        return head
    spaces = [
        b.box.top - a.box.bottom for a, b in zip(inside, inside[1 : first_body + 1], strict=False)
    ]
    widest = max(range(len(spaces)), key=lambda i: spaces[i])
    usual = sorted(spaces)[len(spaces) // 2]
    h = text_height(head)
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
    return _dedupe([y for y in ys if region.top + h / 2 < y < region.bottom - h / 2], h / 2)


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


def ruled_apart(
    rules: list[Box], edges: list[float], arms: Arms, right: float, h: float
) -> frozenset[int]:
    """Columns of one row (never the first) where rules run right across between each two of
    its arms: there each arm has a cell of its own, never one cell wrapped over the arms'
    lines. ``right`` is where the table ends."""
    lines = [line for group in arms for line in group]
    top = min(line.box.top for line in lines)
    bottom = max(line.box.bottom for line in lines)
    inside = [r for r in rules if top < r.y_mid < bottom]
    bounds = [*edges, right]
    return frozenset(
        c
        for c in range(1, len(edges) + 1)
        if sum(1 for r in inside if r.x0 <= bounds[c - 1] + h and r.x1 >= bounds[c] - h)
        >= len(arms) - 1
        and len(arms) > 1
    )


def _repeats(header_lines: list[Line], known: Table) -> bool:
    """Whether the lines a continuation starts with print its table's header again. Compared
    as the glyphs they hold, in any order and spacing: header cells centred on different
    lines interleave their words, and OCR joins or splits them otherwise than a layer. A group
    cell is printed once but names each of its sub-columns, so the printed glyphs need only be
    found among the known header's and cover most of the kinds of glyph it holds."""

    def glyphs(text: str) -> Counter[str]:
        return Counter(re.sub(r"\s+", "", text))

    printed = glyphs(" ".join(line.text for line in header_lines))
    header = glyphs(" ".join(known.header))
    if not printed or not header:
        return False
    found = sum((printed & header).values()) / sum(printed.values())
    covered = len(printed.keys() & header.keys()) / len(header)
    return found >= 0.8 and covered >= 0.8


def _same_frame(body: list[Line], known: list[float], own: list[float]) -> bool:
    """A continuation keeps its table's columns unless its own cut is as fine and its words
    do not fit the old one (a page laid out anew)."""
    if len(own) > len(known):
        return False
    words = [w for line in body for w in line.words]
    crossing = sum(1 for w in words if any(w.box.x0 + 1 < e < w.box.x1 - 1 for e in known))
    return crossing <= 0.05 * max(1, len(words))


def header_cells(
    header_lines: list[Line], body: list[Line], edges: list[float], page: int, h: float
) -> list[Cell]:
    """One cell per column from the header block (see ``header_block``)."""
    ncols = len(edges) + 1
    spans: list[tuple[float, float] | None] = [None] * ncols
    for line in body:
        for c, words in enumerate(split_cells(line, edges)):
            for w in words:
                old = spans[c]
                spans[c] = (w.box.x0, w.box.x1) if old is None else (
                    min(old[0], w.box.x0), max(old[1], w.box.x1))  # fmt: skip
    gap = load_data("layout.toml")["word_gap"] * h
    per_col = assign([line.words for line in header_lines], edges, spans, gap)
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
    edges: dict[str, list[float]] = {}
    open_table: str | None = None  # a table that ran to the foot of the previous page
    for page in pages:
        page = replace(page, rules=merge_rules(page.rules))
        lines = group_lines(page.words)
        regions = find_regions(page, lines)
        if open_table is not None:
            lead = lead_region(page, lines, regions, open_table, edges[open_table])
            regions = ([lead] if lead else []) + regions
        open_table = None
        for region in regions:
            known = tables.get(region.label)
            part = read_region(region, lines, known, edges.get(region.label))
            if known is not None:
                known.pages += [page.number] if page.number not in known.pages else []
                known.rows += _align(part.rows, len(known.header))
            else:
                head = [c.text for c in part.header] if part.header else []
                ncols = max([len(head)] + [len(r.cells) for r in part.rows])
                tables[region.label] = Table(
                    region.label, region.caption, [page.number],
                    head + [""] * (ncols - len(head)), _align(part.rows, ncols),
                )  # fmt: skip
                edges[region.label] = part.edges
            if part.rows and _runs_to_foot(region, lines, page):
                open_table = region.label
    return list(tables.values())


def _runs_to_foot(region: Region, lines: list[Line], page: Page) -> bool:
    """Whether nothing but the page's foot (page number, running foot) follows the table."""
    after = [line for line in lines if line.box.top > region.bottom + 1]
    return len(after) <= 2 and region.bottom > 0.6 * page.height


def lead_region(
    page: Page, lines: list[Line], regions: list[Region], label: str, edges: list[float]
) -> Region | None:
    """The body rows a page opens with, under no caption, when they fit the columns of the
    table the previous page ended in: a continuation whose caption was left out."""
    limit = regions[0].caption_top if regions else page.height
    above = [line for line in lines if line.box.bottom < limit]

    def row_like(line: Line) -> bool:  # a body row of that table fills most of its columns
        filled = sum(1 for c in split_cells(line, edges) if c)
        return looks_like_body(line.words) and filled >= 0.5 * (len(edges) + 1)

    start = next((i for i, line in enumerate(above) if row_like(line)), None)
    if start is None or not edges or not _fits(above[start], edges):
        return None
    # Wrapped cells (and a repeated header) above the first body line belong to the part,
    # up to a line that does not fit the columns, a wide space or a rule (a running head).
    h = text_height(above)
    first = start
    while first > 0 and _fits(above[first - 1], edges):
        upper, lower = above[first - 1].box, above[first].box
        ruled = any(upper.bottom < r.box.y_mid < lower.top for r in page.rules if r.horizontal)
        if ruled or lower.top - upper.bottom > 2 * h:
            break
        first -= 1
    top = above[first].box.top - 1
    end = next((i for i, line in enumerate(above[start:], start) if not _fits(line, edges)), None)
    bottom = above[end].box.top if end is not None else limit
    rules = [r.box.y_mid for r in page.rules if r.horizontal and top - 1 <= r.box.y_mid <= bottom]
    return Region(label, "", page, top, bottom, _dedupe(rules, 2.0))


def _fits(line: Line, edges: list[float]) -> bool:
    """A printed line of a table with these columns rather than prose: its words leave a
    column's space between them somewhere, or they do not run across two column edges."""
    h = text_height([line])
    gap = load_data("layout.toml")["word_gap"] * h
    words = line.words
    spaced = any(b.box.x0 - a.box.x1 >= gap for a, b in zip(words, words[1:], strict=False))
    box = line.box
    crossed = sum(1 for e in edges if box.x0 + 1 < e < box.x1 - 1)
    return spaced or crossed < 2


def _align(rows: list[TableRow], ncols: int) -> list[TableRow]:
    """Pad short rows so every row has one cell per column of the table."""
    for r in rows:
        r.cells += [Cell("", r.page, None) for _ in range(ncols - len(r.cells))]
    return rows
