"""Rows: a table body's printed lines grouped into logical rows, and each row's lines into its
study arms; then one cell per column.

Rows are told apart by drawn rules, by line spacing (closer inside a wrapped cell than between
rows) and by study cells (a citation closes one, a name opens the next); arms printed on rows
of their own are given to the study cell that spans them (``\\multirow``, ``rowspan``).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from .lines import Line, column_of, join_lines, join_words, split_cells, text_height
from .model import Box, Cell, Word
from .repair import VS_WORD, is_missing
from .schema import load_data
from .second_opinion import rereads
from .text import CJK_CHAR, STUDY_CELL, paired_brackets

Arms = list[list[Line]]  # a logical row: its printed lines, in one group per study arm


class Rows(list[Arms]):
    """Logical rows, and which of them the layout leaves in doubt: ``ambiguous`` holds the
    rows whose arms could be read two ways (see ``_owners_by_alignment``)."""

    def __init__(self, rows: list[Arms], ambiguous: set[int] | None = None) -> None:
        super().__init__(rows)
        self.ambiguous: set[int] = ambiguous or set()


def group_rows(
    body: list[Line], edges: list[float], rules_y: list[float], partial_y: list[float]
) -> Rows:
    """Printed lines → logical rows, each as its arms' lines (see ``_group_rows``). The study
    column leads: the column whose cells cite studies, wherever the table prints it."""
    moved, moved_edges, lines, words = _study_first(body, edges)
    rows = _group_rows(moved, moved_edges, rules_y, partial_y)

    def original(line: Line) -> Line:  # a part of a line, cut where a rule crossed it, too
        return lines.get(id(line)) or Line([words[id(w)] for w in line.words])

    return Rows([[[original(line) for line in arm] for arm in arms] for arms in rows],
                rows.ambiguous)  # fmt: skip


def _study_first(
    body: list[Line], edges: list[float]
) -> tuple[list[Line], list[float], dict[int, Line], dict[int, Word]]:
    """The body with its study column moved to the front (its words shifted in x), the edges
    of the columns so ordered, and each moved line's and word's original."""
    study = study_column(body, edges)
    if study == 0:
        return body, edges, {id(ln): ln for ln in body}, {id(w): w for ln in body for w in ln.words}
    every = [w for line in body for w in line.words]
    bounds = [min(w.box.x0 for w in every) - 1, *edges, max(w.box.x1 for w in every) + 1]
    order = [study] + [c for c in range(len(edges) + 1) if c != study]
    start, x = {}, bounds[0]
    for c in order:
        start[c] = x
        x += bounds[c + 1] - bounds[c]
    moved_edges = [start[c] for c in order[1:]]

    def shift(w: Word) -> Word:
        dx = start[column_of(w, edges)] - bounds[column_of(w, edges)]
        return replace(w, box=Box(w.box.x0 + dx, w.box.top, w.box.x1 + dx, w.box.bottom))

    moved = [Line([shift(w) for w in line.words]) for line in body]
    lines = {id(m): line for m, line in zip(moved, body, strict=True)}
    words = {id(a): b for m, line in zip(moved, body, strict=True)
             for a, b in zip(m.words, line.words, strict=True)}  # fmt: skip
    return moved, moved_edges, lines, words


def study_column(body: list[Line], edges: list[float]) -> int:
    """The column whose cells cite studies: the first, unless another plainly holds the
    studies and the first plainly does not (a remark may hold a 等 or end in a figure)."""
    cells = [split_cells(line, edges) for line in body]
    counts = [
        _cited_cells([line_cells[col] for line_cells in cells if line_cells[col]])
        for col in range(len(edges) + 1)
    ]
    cited = [c for c, _ in counts]
    share = [c / (f or 1) for c, f in counts]
    study = max(range(len(cited)), key=lambda c: (cited[c], -c)) if cited else 0
    if study == 0 or cited[study] < 2 or share[study] < 0.6 or share[0] >= 0.3:
        return 0
    return study


def _cited_cells(pieces: list[list[Word]]) -> tuple[int, int]:
    """How many of a column's cells cite a study, and how many cells it has, from its
    pieces line by line: a name wrapped before its citation (``Capek, et`` / ``al.[36]``)
    is one cell."""
    cited = cells = 0
    k = 0
    while k < len(pieces):
        wrapped = k + 1 < len(pieces) and not _names_study(pieces[k])
        if wrapped and _names_study(pieces[k + 1]) and _names_study(pieces[k] + pieces[k + 1]):
            k += 1
        cited += _names_study(pieces[k])
        cells += 1
        k += 1
    return cited, cells


def _names_study(words: list[Word]) -> bool:
    """A study's cell (an author with a citation, ``et al.``/``等``, or a registry id), not a
    value or a multi-arm cell."""
    text = join_words(words)
    arms = re.search(r"vs\.", text, re.I)
    return bool(STUDY_CELL.search(text)) and not arms and not FIGURE_START.match(text)


def _group_rows(
    body: list[Line], edges: list[float], rules_y: list[float], partial_y: list[float]
) -> Rows:
    """Printed lines → logical rows, each as its arms' lines; the study column first.

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
    # Only rules with body lines on both sides part rows (not the table's bottom rule).
    rules_y = [y for y in rules_y if body and body[0].box.y_mid < y < body[-1].box.y_mid]
    if rules_y:  # rows ruled off one by one: a segment is a row, unless two studies share it
        rows: list[Arms] = []
        for segment in _between_rules(body, rules_y):
            cells = [split_cells(line, edges) for line in segment]
            spacing = 0.7 * text_height(segment)
            band = list(range(len(segment)))
            for row in _cut_at_study_cells(band, segment, cells, spacing, ruled=True):
                arms = _between_partial_rules(row, partial_y)
                rows.append(arms if len(arms) > 1 else _arm_lines(row, edges))
        return Rows(rows)
    plain: list[list[Line]] = []
    for segment in _between_rules(body, rules_y):
        plain += _segment_rows(segment, edges)
    out = _arms_beside_study_cells(_join_citation_tails(plain, edges), edges)
    return Rows([_arms_of(parts, edges) for parts in out], out.ambiguous)


def _arms_of(parts: list[list[Line]], edges: list[float]) -> Arms:
    """A logical row's arms from its parts (the study's own lines, each arm row given to
    it): each part is an arm, or its lines split into arms (``_arm_lines``), except a part
    with nothing in the columns the arms fill: the study cell and the cells spanning the
    arms, and a piece of an arm's wrapped cell centred beside them, which goes to the arm
    nearest it."""
    row = [ln for part in parts for ln in part]
    arms = [arm for part in parts for arm in _arm_lines(part, edges, row)]
    if len(arms) < 2:
        return arms
    per_arm = _per_arm_values(_valued_lines(row, edges), edges)
    if not per_arm:
        return arms

    def fills(arm: list[Line]) -> bool:
        return any(split_cells(ln, edges)[c] for ln in arm for c in per_arm)

    kept = [arm for arm in arms if fills(arm)]
    if not kept:
        return arms
    for arm in arms:
        if fills(arm):
            continue
        for line in arm:
            nearest = min(kept, key=lambda a: min(abs(ln.box.y_mid - line.box.y_mid) for ln in a))
            nearest.append(line)
    return [sorted(arm, key=lambda ln: ln.box.top) for arm in kept]


PRINTED_DASHES = ("-", "–", "—")  # as measured on the page image (``imaging.dash_glyph``)
FIGURE_START = re.compile(r"^[\d(\[<>≤≥~—–-]")
WHOLE = re.compile(r"^(?:[<>≤≥~]?\d+(?:\.\d+)?%?|[—–\-一－―‐=]|NR)$")
# A whole figure with its spread or interval in brackets: ``58.7 [95% CI 41.4-69.3]``.
WHOLE_SPREAD = re.compile(
    r"^(?:[<>≤≥~]?\d+(?:\.\d+)?%?(?:\s*(?:[\[(][^\[\]()]*[\])]|±\s*\d+(?:\.\d+)?%?))?"
    r"|[—–\-一－―‐=]|NR)$"
)


OPENS_SPREAD = re.compile(r"^[<>≤≥~]?\d+(?:\.\d+)?%?\s*[\[(][^\[\]()]*$")


def whole_value(text: str) -> bool:
    """A cell's whole value: a figure with its spread or interval, or a word printed for a
    missing value (``未达到``, ``NR``), which stands in a figure's place."""
    text = text.strip()
    return bool(WHOLE_SPREAD.match(text)) or (bool(text) and is_missing(text))


def value_breaks(text: str) -> list[int]:
    """Where an OCR word is two whole values run together (``92.436.9``, two narrow columns'
    figures set a hair apart: no figure holds two decimal points): the places that leave a
    whole figure or dash on either side. A word that is one value is never two."""
    if whole_value(text):
        return []
    return [i for i in range(1, len(text)) if WHOLE.match(text[:i]) and WHOLE.match(text[i:])]


def _value_columns(line: Line, edges: list[float], opening: bool = True) -> frozenset[int]:
    """Columns beside the first whose cell on this line is a whole figure or dash, one
    figure with its whole interval (``23.0 (16.0–30.6)``), or a figure whose interval wraps
    (``63 [95% CI`` over ``41.5-71.8]``: the value is on this line); not a wrapped part such
    as ``(18.2–`` or ``29.4)``."""
    cells = split_cells(line, edges)
    return frozenset(
        c
        for c in range(1, len(cells))
        if cells[c]
        and (
            all(WHOLE.match(w.text) for w in cells[c])
            or whole_value(text := join_words(cells[c]))
            or (opening and OPENS_SPREAD.match(text))
        )
    )


def _whole_values(line: Line, edges: list[float]) -> int:
    return len(_value_columns(line, edges))


def prints_vs(line: Line) -> bool:
    return any(re.match(r"vs\b", w.text, re.I) for w in line.words)


def _arm_line(line: Line, cells: list[list[Word]], edges: list[float]) -> bool:
    """A printed line that is an arm of the study beside it: no first-column text, two or
    more whole values, no ``vs.``."""
    return not cells[0] and _whole_values(line, edges) >= 2 and not prints_vs(line)


def _arm_lines(lines: list[Line], edges: list[float], row: list[Line] | None = None) -> Arms:
    """A row whose arms stand on printed lines of their own: two or more lines holding whole
    values in two or more of the same columns (the per-arm columns), in a row that prints no
    ``vs.`` (arms joined inline wrap their cells instead). Every other line (the study cell,
    cells spanning the arms, wrapped parts) goes with the arm line nearest it."""
    if any(prints_vs(line) for line in lines):
        return [lines]  # arms printed inline, joined by vs.: cells wrapped, not arm rows
    row = row or lines  # the whole logical row, when these lines are a part of it
    sets = {id(line): _value_columns(line, edges) for line in row}
    valued = _valued_lines(row, edges)
    per_arm = _per_arm_values(valued, edges)
    # An arm's line may hold one whole value only, its others wrapped and centred on it
    # (``58.7 [95% CI`` over ``41.4-69.3]``): it still fills the columns every arm fills.
    filled = {id(ln): {c for c, ws in enumerate(split_cells(ln, edges)) if ws} for ln in row}
    # not the study's own line, nor one whose values wrap (``53.0 [95% CI`` on the line
    # above its arm's treatment, centred on the two lines of the value)
    arm_like = [ln for ln in valued if len(_value_columns(ln, edges, False) & per_arm) >= 2]
    arm_like = arm_like or [ln for ln in valued if sets[id(ln)] & per_arm]
    every_arm = set.intersection(*(filled[id(ln)] for ln in arm_like)) - {0} if arm_like else set()
    starts = [
        line
        for line in lines
        if len(sets[id(line)] & per_arm) >= 2
        or (sets[id(line)] & per_arm and len(filled[id(line)] & every_arm) >= 2)
    ]
    if len(starts) < 2:
        return [lines]
    cited = [ln for ln in starts if _names_study(split_cells(ln, edges)[0])]
    if len(cited) >= 2:
        return [lines]  # two studies, each with its citation: rows run together, not arms
    groups: dict[int, list[Line]] = {id(s): [] for s in starts}
    for line in lines:
        nearest = min(starts, key=lambda s: abs(s.box.y_mid - line.box.y_mid))
        groups[id(nearest)].append(line)
    return [groups[id(s)] for s in sorted(starts, key=lambda s: s.box.top)]


def _valued_lines(row: list[Line], edges: list[float]) -> list[Line]:
    """The lines of a row that may be arms' own: those holding two or more whole values; or,
    where fewer than two do (a table whose only per-arm figure is one column, beside the
    arms' treatments; the one line with two being the study's own, its year and age centred
    between its arms), those holding one beside another filled cell."""
    values = [(line, _value_columns(line, edges)) for line in row]
    valued = [line for line, cols in values if len(cols) >= 2]
    if len(valued) >= 2:
        return valued
    return [
        line
        for line, cols in values
        if cols and sum(1 for ws in split_cells(line, edges)[1:] if ws) >= 2
    ]


def _per_arm_values(valued: list[Line], edges: list[float]) -> set[int]:
    """The columns a row's arms each print a value in: those holding a whole value on two or
    more of its valued lines (``_valued_lines``; the first arm's line may also print a
    spanning cell's value, a year, that the others do not)."""
    sets = [_value_columns(line, edges) for line in valued]
    return {c for cols in sets for c in cols if sum(c in other for other in sets) >= 2}


def _arms_beside_study_cells(rows: list[list[Line]], edges: list[float]) -> Rows:
    """Rows with no study cell given to their study: an arm's printed row (two or more
    values) becomes one of its arms; a stray wrapped line joins the nearest part of the row.

    Whose arm a row is follows how the table sets its spanning study cells, centred on
    their arms or standing on the first (``_owners_by_alignment``).
    """

    def has_study(row: list[Line]) -> bool:
        return any(split_cells(line, edges)[0] for line in row)

    def values(row: list[Line]) -> int:
        return max(sum(1 for c in split_cells(line, edges) if c) for line in row)

    studies = [i for i, row in enumerate(rows) if has_study(row)]
    if not studies:
        return Rows([[row] for row in rows])
    arm_rows = [i for i, row in enumerate(rows) if i not in studies and values(row) >= 2]
    arm_rows = sorted(arm_rows + _lone_arm_cells(rows, studies, edges))

    owner, ambiguous = _owners_by_alignment(arm_rows, studies, rows, edges)
    arms: dict[int, Arms] = {i: [rows[i]] for i in studies}
    for i, s in owner.items():
        arms[s].append(rows[i])
    for i, row in enumerate(rows):
        if i in studies or i in owner:
            continue
        mid = statistics.mean(line.box.y_mid for line in row)  # a stray wrapped line
        target = min(
            studies, key=lambda s: _distance(row, [ln for g in arms[s] for ln in g], edges)
        )
        group = min(arms[target], key=lambda g: min(abs(ln.box.y_mid - mid) for ln in g))
        group += row
        group.sort(key=lambda line: line.box.top)
    out = [
        (sorted(a, key=lambda g: min(line.box.top for line in g)), s in ambiguous)
        for s, a in arms.items()
    ]
    out.sort(key=lambda pair: min(line.box.top for g in pair[0] for line in g))
    return Rows([a for a, _ in out], {k for k, (_, doubt) in enumerate(out) if doubt})


def _lone_arm_cells(rows: list[list[Line]], studies: list[int], edges: list[float]) -> list[int]:
    """Rows holding one cell only that are arms, not stray wrapped lines: a pair in one
    column on either side of a study row that prints nothing there. A table whose only
    per-arm cell is the treatment sets it on each arm's row, the study's cells centred
    between them (``CRA`` / ``胡艳军等[58] … 2053`` / ``WBRT``); a wrapped cell's lines
    follow one another with no room for a line between."""

    def filled(row: list[Line]) -> set[int]:
        return {c for line in row for c, ws in enumerate(split_cells(line, edges)) if ws}

    out: list[int] = []
    for s in studies:
        if s == 0 or s + 1 >= len(rows):
            continue
        above, below = filled(rows[s - 1]), filled(rows[s + 1])
        if len(above) != 1 or above != below or 0 in above or above & filled(rows[s]):
            continue
        room = min(ln.box.top for ln in rows[s + 1]) - max(ln.box.bottom for ln in rows[s - 1])
        if room >= text_height(rows[s]):  # a line's room between them: not one wrapped cell
            out += [s - 1, s + 1]
    return out


def _distance(stray: list[Line], row: list[Line], edges: list[float]) -> float:
    """How far a stray wrapped line stands from a row: from the nearest piece of the row in
    a column the line prints in (a wrapped cell runs on in its own column: ``21.5-49.9]``
    under ``35.7 [95% CI``), else from the row's middle."""
    gaps = []
    for line in stray:
        for c, words in enumerate(split_cells(line, edges)):
            if not words:
                continue
            piece = Box.enclosing([w.box for w in words])
            assert piece is not None
            for other in row:
                box = Box.enclosing([w.box for w in split_cells(other, edges)[c]])
                if box is not None:
                    gaps.append(max(piece.top - box.bottom, box.top - piece.bottom, 0.0))
    if gaps:
        return min(gaps)
    mid = statistics.mean(line.box.y_mid for line in stray)
    return abs(statistics.mean(line.box.y_mid for line in row) - mid)


def _owners_by_alignment(
    arm_rows: list[int], studies: list[int], rows: list[list[Line]], edges: list[float]
) -> tuple[dict[int, int], set[int]]:
    """Arm rows given to the study cells spanning them, as the table sets spanning cells:
    each study takes a run of the arm rows around it, and the runs are chosen so that every
    study cell sits where the layout puts it on its arms: centred on them (browsers and word
    processors: ``rowspan`` with ``vertical-align: middle``) or standing on the first (LaTeX's
    ``\\multirow`` at the top, most journals). Both settings are fitted to the whole table
    and the closer one kept: one study cell between arm rows decides nothing, the table does.

    When both settings fit the table as well (layout.toml's ``arms_tie``) and give some
    study cells other arms (``Ruiz`` on one line, ``Schullian`` centred on three, or each on
    two at the top), the page cannot tell: those studies are returned as ambiguous.
    """
    per_arm = _per_arm_columns([rows[i] for i in arm_rows], edges)
    h = text_height([ln for row in rows for ln in row])
    # The arm rows between consecutive studies: ``gaps[k]`` lies above study k.
    gaps = [[i for i in arm_rows if i < studies[0]]]
    for k, s in enumerate(studies):
        nxt = studies[k + 1] if k + 1 < len(studies) else None
        gaps.append([i for i in arm_rows if i > s and (nxt is None or i < nxt)])

    anchors = set(arm_rows) | set(studies)
    # A row of wrapped lines alone (a remark's) goes with the nearer of the anchors around
    # it: a centred remark starts above its study's line, close under the row above.
    stray_home: dict[int, int] = {}
    for i in range(len(rows)):
        if i in anchors:
            continue
        above = max((a for a in anchors if a < i), default=None)
        below = min((a for a in anchors if a > i), default=None)
        around = [a for a in (above, below) if a is not None]
        if around:
            stray_home[i] = min(around, key=lambda a: _distance(rows[i], rows[a], edges))

    def cost(k: int, taken: list[int], centred: bool) -> float:
        s = studies[k]
        cell = Box.enclosing([w.box for ln in rows[s] for w in split_cells(ln, edges)[0]])
        members = [s, *taken]
        arms = Box.enclosing([w.box for w in _words_in(rows, members, edges, per_arm)])
        if cell is None or arms is None:
            return 2 * h  # a study with no arm at all: possible, but never the better fit
        if not centred:
            return abs(arms.top - cell.top)
        # A centred cell sits in the middle of its whole band: its rows and the wrapped
        # lines of a long remark that go with them, above or below (they make the band
        # taller than its arms).
        band_rows = members + [i for i, home in stray_home.items() if home in members]
        band = Box.enclosing([w.box for w in _words_in(rows, band_rows, edges, None)])
        assert band is not None
        return abs(band.y_mid - cell.y_mid)

    fits = [_fit_runs(gaps, len(studies), partial(cost, centred=c)) for c in (False, True)]
    (top, top_cost), (centred, centred_cost) = fits
    best = centred if centred_cost < top_cost - 0.5 else top  # at the top unless centring fits
    ambiguous: set[int] = set()
    if abs(top_cost - centred_cost) < load_data("layout.toml")["arms_tie"] * h:
        ambiguous = {studies[k] for i, k in top.items() if centred.get(i) != k}
        ambiguous |= {studies[k] for i, k in centred.items() if top.get(i) != k}
    return {i: studies[k] for i, k in best.items()}, ambiguous


def _words_in(
    rows: list[list[Line]], which: list[int], edges: list[float], columns: set[int] | None
) -> list[Word]:
    """The words of these rows in these columns (None: every column but the first)."""
    return [
        w
        for i in which
        for ln in rows[i]
        for c, ws in enumerate(split_cells(ln, edges))
        if (c in columns if columns is not None else c > 0)
        for w in ws
    ]


def _fit_runs(
    gaps: list[list[int]], n: int, cost: Callable[[int, list[int]], float]
) -> tuple[dict[int, int], float]:
    """The split of each gap between the study above and the one below that costs least in
    all (dynamic programming over the studies, top to bottom): returns each arm row's study
    (0..n-1) and the total cost. Rows above the first study go to it, rows below the last
    to the last."""
    # state: how many rows of gaps[k] study k-1 took; value: (cost so far, choices)
    states: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
    for k in range(n):
        upper, lower = gaps[k], gaps[k + 1]
        options = [len(lower)] if k == n - 1 else range(len(lower) + 1)
        nxt: dict[int, tuple[float, list[int]]] = {}
        for a, (so_far, choice) in states.items():
            for b in options:
                total = so_far + cost(k, upper[a:] + lower[:b])
                if b not in nxt or total < nxt[b][0]:
                    nxt[b] = (total, [*choice, b])
        states = nxt
    total, splits = min(states.values(), key=lambda v: v[0])
    owner: dict[int, int] = {}
    a = 0
    for k in range(n):
        for i in gaps[k][a:] + gaps[k + 1][: splits[k]]:
            owner[i] = k
        a = splits[k]
    return owner, total


def _per_arm_columns(arm_rows: list[list[Line]], edges: list[float]) -> set[int]:
    """Columns an arm fills on its own printed row (values, treatment), as against cells
    spanning the arms (study, year, a shared remark): those filled on half the arm rows."""
    filled = [
        {c for ln in row for c, ws in enumerate(split_cells(ln, edges)) if ws and c}
        for row in arm_rows
    ]
    return {c for c in range(1, len(edges) + 1) if 2 * sum(c in f for f in filled) >= len(filled)}


def _between_rules(body: list[Line], rules_y: list[float]) -> list[list[Line]]:
    # Between the two lines' middles: OCR boxes may reach over a rule drawn close to text.
    out: list[list[Line]] = []
    for line in body:
        if out and not any(out[-1][-1].box.y_mid < y < line.box.y_mid for y in rules_y):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _between_partial_rules(row: list[Line], rules_y: list[float]) -> list[list[Line]]:
    """A row's lines parted by rules drawn across its arms' columns only. A rule through the
    middle of a word is drawn where that word is not: the word is in a cell spanning the
    arms (a study cell centred on an even number of arms stands across the middle rule), and
    goes with the arm nearest it instead of parting any. Words are judged one by one: a
    spanning cell centred on the arms may print level enough with one arm's values to be
    read as one line with them, and that line is an arm's all the same."""

    def crossed(box: Box) -> bool:
        return any(box.top + box.height / 4 < y < box.bottom - box.height / 4 for y in rules_y)

    def side(word: Word) -> int:
        return sum(y < word.box.y_mid for y in rules_y)

    spanning, own = [], []
    for line in row:
        across = [w for w in line.words if crossed(w.box)]
        if across:
            spanning.append(Line(across))
        rest = [w for w in line.words if not crossed(w.box)]
        for k in sorted({side(w) for w in rest}):
            own.append(Line([w for w in rest if side(w) == k]))
    arms = _between_rules(sorted(own, key=lambda ln: ln.box.y_mid), rules_y)
    if not arms:
        return [row]
    for line in spanning:
        nearest = min(arms, key=lambda a: min(abs(ln.box.y_mid - line.box.y_mid) for ln in a))
        nearest.append(line)
    return [sorted(arm, key=lambda ln: ln.box.top) for arm in arms]


def _segment_rows(lines: list[Line], edges: list[float]) -> list[list[Line]]:
    cells = [split_cells(line, edges) for line in lines]
    join = _cell_spacing(lines, cells)
    if join is None:
        return _rows_by_first_column(lines, cells, edges)
    h = text_height(lines)
    parent = list(range(len(lines)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Two lines each printing whole values in the same two columns are two printed rows (an
    # arm's row under a one-arm study's), however close: a wrapped cell's lines are not so.
    values = [_value_columns(line, edges) for line in lines]
    for col in range(len(edges) + 1):
        pieces = [i for i, c in enumerate(cells) if c[col]]
        for a, b in zip(pieces, pieces[1:], strict=False):
            if len(values[a] & values[b]) < 2 and _gap(cells[a][col], cells[b][col], h) <= join:
                parent[find(b)] = find(a)
    bands: list[list[int]] = []
    for i in range(len(lines)):
        root = find(i)
        band = next((b for b in bands if find(b[0]) == root), None)
        if band is None:
            bands.append([i])
        else:
            band.append(i)
    bands = _merge_overlapping(bands, lines, cells)
    rows = []
    for band in bands:
        rows += _cut_at_study_cells(band, lines, cells, join, edges=edges)
    return rows


def _gap(upper: list[Word], lower: list[Word], h: float) -> float:
    """Space between two printed pieces of a column, from their middles and the lower of
    their heights, at most the table's text height ``h``: an OCR box taller than its glyphs
    (hanzi beside Latin, or two lines of hanzi read by OCR beside a text layer's Latin) does
    not close the space, and one line pitch measures as one spacing whoever boxed it."""
    a, b = Box.enclosing([w.box for w in upper]), Box.enclosing([w.box for w in lower])
    assert a is not None and b is not None
    return b.y_mid - a.y_mid - min(a.height, b.height, h)


def _cell_spacing(lines: list[Line], cells: list[list[list[Word]]]) -> float | None:
    """The largest space between two lines of one wrapped cell, when the table shows two
    spacings (inside cells, between rows); None when it shows one."""
    h = text_height(lines)

    # Pairs of lines of one column with no first-column text from the second on: where
    # cells sit at the top of their rows, only lines of one wrapped cell qualify (one
    # spacing); where they are centred, a row's first lines are such too (two spacings).
    # So are two lines of words with the row's study cell centred between them: in rows set
    # as close as a cell's lines, the only pairs of one cell's lines (two values so set are
    # two arms' rows, not one cell).
    def whole(piece: list[Word]) -> bool:
        return all(WHOLE.match(w.text) for w in piece) or whole_value(join_words(piece))

    def one_cell(i: int, j: int, col: int) -> bool:
        if cells[j][0]:
            return False
        return not any(cells[k][0] for k in range(i + 1, j)) or not (
            whole(cells[i][col]) or whole(cells[j][col])
        )

    gaps = []
    for col in range(1, len(cells[0]) if cells else 0):
        at = [i for i, c in enumerate(cells) if c[col]]
        gaps += [
            _gap(cells[i][col], cells[j][col], h)
            for i, j in zip(at, at[1:], strict=False)
            if one_cell(i, j, col)
            and not _stroke(cells[i][col], h)
            and not _stroke(cells[j][col], h)
        ]  # a dash found on the image is boxed at a stroke's height: it measures no spacing
    gaps.sort()
    gaps = [g for g in gaps if g <= 2 * h]  # wider: a row between with that cell empty
    return _lowest_class(gaps, h, ratio=0.6)


def _stroke(words: list[Word], h: float) -> bool:
    """Whether a piece is boxed lower than half a line (a lone stroke: a dash on an image)."""
    return max(w.box.height for w in words) < 0.5 * h


def _lowest_class(values: list[float], h: float, ratio: float | None = None) -> float | None:
    """The bound between a sorted list's lowest class of values and the rest, split again
    and again (Otsu) while the lower part stands apart by 0.3 line heights (and, with a
    ``ratio``, is at most that share of the upper part); None when it never does. A class
    of spaces all below nothing is no spacing: boxes that overlap (an OCR box padded over
    the line below, a superscript) say nothing of how far lines are set apart."""
    threshold = None
    while (split := _two_classes(values)) is not None:
        low, high = values[:split], values[split:]
        low_mean, high_mean = sum(low) / len(low), sum(high) / len(high)
        if high_mean - low_mean < 0.3 * h or (ratio is not None and low_mean > ratio * high_mean):
            break
        if low[-1] < 0:
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


def _merge_overlapping(
    bands: list[list[int]], lines: list[Line], cells: list[list[list[Word]]]
) -> list[list[int]]:
    """Bands one of which reaches into the other are one row: a cell centred beside a
    wrapped one, a study cell centred between its arms' rows. Boxes of two printed rows set
    close touch or overlap a little too (an OCR box is padded): lines printing in one
    column are one row only when one reaches a good part of a line into the other."""
    deep = 0.3 * text_height([lines[i] for band in bands for i in band])

    def filled(i: int) -> set[int]:
        return {c for c, words in enumerate(cells[i]) if words}

    def reaches(upper: list[int], lower: list[int]) -> bool:
        for a in upper:
            for b in lower:
                depth = lines[a].box.bottom - lines[b].box.top
                if depth > 0.5 and (depth >= deep or not filled(a) & filled(b)):
                    return True
        return False

    out: list[list[int]] = []
    for band in sorted(bands, key=lambda b: min(lines[i].box.top for i in b)):
        if out and reaches(out[-1], band):
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
CITATION_TAIL = re.compile(  # the end of a study cell: [61], al.[36], 等[12], et al.13
    r"^(?:(?:et\s*)?al\.?\s*|等\s*)?(?:\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\d{1,3})\.?$"
)
NAME_START = re.compile(r"^(?!等|et\b|al\b)[A-Za-z\u00c0-\u024f\u4e00-\u9fff]")


AUTHORS_END = re.compile(r"(?:等人?|\bet\s*al\.?)\s*$")


def ends_cell(upper: list[Word], lower: list[Word]) -> bool:
    """Whether a study cell ends on the upper line and another begins on the lower: a
    citation closes a study's cell (``Gordon, 等`` / ``[13]``), a name opens the next. In a
    table that cites no reference, the author list's end does (``Sánchez 等`` / ``冯斌杰等``);
    a citation wrapped under it opens with no name."""
    above = join_words(upper)
    closed = CITATION_END.search(above) or AUTHORS_END.search(above)
    return bool(closed and NAME_START.match(join_words(lower)))


def _join_citation_tails(rows: list[list[Line]], edges: list[float]) -> list[list[Line]]:
    """A row whose study cell is only the end of one (``[61]``, ``al.[36]``) while the last
    study cell above is still waiting for its citation (``O'Brien, et al.``) is that cell's
    last line, with whatever else is printed beside it and between (cells spanning the
    arms, centred between the cell's lines): a citation closes a study, it opens none."""

    def study(row: list[Line]) -> str:
        return join_lines([join_words(split_cells(ln, edges)[0]) for ln in row])

    out: list[list[Line]] = []
    for row in rows:
        text = study(row)
        # the last row with a study cell, past rows of cells spanning its arms (no study text)
        k = next((i for i in range(len(out) - 1, -1, -1) if study(out[i])), None)
        above = study(out[k]) if k is not None else ""
        waiting = NAME_START.match(above) and not CITATION_END.search(above)
        if k is not None and waiting and CITATION_TAIL.match(text):
            out[k:] = [[line for part in out[k:] for line in part] + row]
        else:
            out.append(row)
    return out


def _cut_at_study_cells(
    band: list[int],
    lines: list[Line],
    cells: list[list[list[Word]]],
    join: float,
    ruled: bool = False,
    edges: list[float] | None = None,
) -> list[list[Line]]:
    """A band holding two or more first-column cells is cut where each begins: where the
    space before it is a row's, or where it follows a study cell's citation (a study's name
    wraps before its citation, not after). Between two drawn rules (``ruled``) only two whole
    study cells part a row: the words of one cell may stand a little above one another.
    Between two study cells, an arm's own printed row (given ``edges``) starts a row too:
    whose arm it is, the table's fit of its study cells says (``_arms_beside_study_cells``),
    not a remark that runs on from the row above into the next."""
    h = text_height(lines)
    starts: list[int] = []
    prev: int | None = None
    for i in band:
        if not cells[i][0]:
            continue
        cited = prev is not None and _cited(cells[i][0]) and _cited(cells[prev][0])
        ended = (
            prev is not None
            and not ruled
            and ends_cell(cells[prev][0], cells[i][0])
            and not side_by_side(cells[prev][0], cells[i][0])
        )
        if prev is None or cited or ended or _gap(cells[prev][0], cells[i][0], h) > join:
            starts.append(i)
        prev = i
    if edges is not None and len(starts) >= 2:  # arm rows between two study cells
        arms = [
            i for i in band if starts[0] < i < starts[-1] and _arm_line(lines[i], cells[i], edges)
        ]
        starts = sorted(starts + arms, key=band.index)
        starts = [_lead_in(i, band, starts, cells, join, h) for i in starts]
    starts = _run_on_separators(starts, band, cells, join, h)
    if not ruled:
        starts = _centred_run_ons(starts, band, cells, join, h)
    rows: list[list[Line]] = []
    for i in band:
        if not rows or (i in starts and i != starts[0]):
            rows.append([])
        rows[-1].append(lines[i])
    return rows


def _run_on_separators(
    starts: list[int], band: list[int], cells: list[list[list[Word]]], join: float, h: float
) -> list[int]:
    """A line ending a cell with its separator (``RFA vs`` over ``SBRT``) is in one row with
    the line that goes on with that cell. Where that line's row starts below the separator's
    line, at a study cell, the study's row starts at the separator's line instead (its cells
    are centred on the study's line); at a line with no study cell (taken for the next
    row's lead), that row is the separator's row going on."""
    out = list(starts)
    for at, i in enumerate(band):
        for c, piece in enumerate(cells[i]):
            text = join_words(piece)
            if not DANGLING_VS.search(text) or not DANGLING_VS.sub("", text).strip():
                continue  # no separator closing a value (a lone ``vs.`` may sit anywhere)
            nxt = next((k for k, j in enumerate(band) if k > at and cells[j][c]), None)
            if nxt is None or _gap(piece, cells[band[nxt]][c], h) > join:
                continue  # the cell does not go on right under it
            owner = max((band.index(s) for s in out if band.index(s) <= nxt), default=None)
            if owner is None or owner <= at or band[owner] == out[0]:
                continue
            study = bool(cells[band[owner]][0])
            out = sorted(({*out, i} if study else set(out)) - {band[owner]}, key=band.index)
    return out


def _centred_run_ons(
    starts: list[int], band: list[int], cells: list[list[list[Word]]], join: float, h: float
) -> list[int]:
    """Lines right above a row's first line, with no study cell, whose pieces run on into
    that row's cells (a remark wrapped across the two rows' boundary: ``No 30-day`` over
    ``mortality; …``) are the lower row's first lines when the table centres its cells:
    then each of the two rows has its cells centred on one middle, as they do not with the
    lines in the upper row. A table that sets its cells at the top never centres them so."""
    out = list(starts)
    for n in range(1, len(out)):
        at, floor = band.index(out[n]), band.index(out[n - 1])
        end = band.index(out[n + 1]) if n + 1 < len(out) else len(band)
        top = floor if n > 1 else 0  # lines above the first start are the first row's
        for first in range(at - 1, floor, -1):
            k = band[first]
            cols = [c for c, piece in enumerate(cells[k]) if piece]
            if cells[k][0] or not all(
                _runs_on(cells, k, c, band[first + 1 : end], join, h) for c in cols
            ):
                break
            moved = sorted({c for i in band[first:at] for c, p in enumerate(cells[i]) if p})
            upper, lower = band[top:at], band[at:end]
            if _centred(cells, upper, moved, h) and _centred(cells, lower, moved, h):
                break
            if _centred(cells, band[top:first], moved, h) and _centred(
                cells, band[first:end], moved, h
            ):
                out[n] = k
                break
    return out


def _centred(cells: list[list[list[Word]]], row: list[int], cols: list[int], h: float) -> bool:
    """Whether these columns' cells in a row stand on the middle of the row's other cells."""
    blocks = Box.middles([(c, w.box) for i in row for c, cell in enumerate(cells[i]) for w in cell])
    others = [y for c, y in blocks.items() if c not in cols]
    if not others:
        return False
    middle = statistics.median(others)
    return all(abs(blocks[c] - middle) <= 0.3 * h for c in cols if c in blocks)


def _lead_in(
    start: int,
    band: list[int],
    starts: list[int],
    cells: list[list[list[Word]]],
    join: float,
    h: float,
) -> int:
    """Where an arm's row begins: at the lines right above its own printed row whose pieces
    each run on into the arm's (``83.4 [95% CI`` over ``57.4-93.5]``, centred on the arm's
    line) while one at least is set apart from the row above."""
    if cells[start][0]:
        return start  # a study cell's line begins its row
    at = band.index(start)
    floor = max((band.index(s) for s in starts if band.index(s) < at), default=0)
    first = at
    while first - 1 > floor:
        k = band[first - 1]
        if cells[k][0]:
            break
        cols = [c for c, piece in enumerate(cells[k]) if piece]
        below = band[first : at + 1]
        above = band[floor : first - 1]
        if not all(_runs_on(cells, k, c, below, join, h) for c in cols) or all(
            _runs_on(cells, k, c, above, join, h) for c in cols
        ):
            break
        first -= 1
    return band[first]


def _runs_on(
    cells: list[list[list[Word]]], k: int, col: int, others: list[int], join: float, h: float
) -> bool:
    """Whether line ``k``'s piece of a column is one cell with a piece of it on another of
    these lines: no further from it than a wrapped cell's lines."""
    piece = cells[k][col]

    def apart(other: list[Word]) -> float:
        upper, lower = sorted((other, piece), key=lambda ws: ws[0].box.top)
        return _gap(upper, lower, h)

    return any(cells[j][col] and apart(cells[j][col]) <= join for j in others)


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


DANGLING_VS = re.compile(f"(?<![A-Za-z]){VS_WORD}$")


def make_cells(
    arms: Arms,
    edges: list[float],
    page: int,
    room: list[float],
    apart: frozenset[int] = frozenset(),
    per_arm: frozenset[int] = frozenset(),
    study: int = 0,
) -> list[Cell]:
    """One cell per column; a column holding a value on several arms' printed rows gets
    them joined by `` vs. ``, as a multi-arm cell prints them (``apart``: columns whose arms
    drawn rules part; ``per_arm``: columns the rest of the table prints one per arm, which
    decide where the row alone cannot, see ``columns_per_arm``). The ``study`` column's
    cell spans the arms, however its lines fall."""
    dashes = load_data("layout.toml")["dash_glyphs"]
    per_col, on_values = _columns_by_arm(arms, edges)
    cells = []
    for col, col_arms in enumerate(per_col):
        words = [w for lines in col_arms for line in lines for w in line.words]
        box = Box.enclosing([w.box for w in words])
        weakest = min(words, key=lambda w: w.confidence, default=None)
        conf = weakest.confidence if weakest else 1.0
        source = weakest.source if weakest else "text_layer"  # the part least sure of
        pitch = _wrapped_pitch(per_col, col)
        spanning = True if col == study else _spanning(col_arms, room[col], on_values, pitch)
        if col not in apart and (spanning or (spanning is None and col not in per_arm)):
            col_arms = [sorted((ln for g in col_arms for ln in g), key=lambda ln: ln.box.top)]
        if len(arms) == 1 and col != study and col_arms[0]:
            col_arms = _pieces_apart(col_arms[0], pitch)  # arms with no value of their own
        texts = [join_lines([ln.text for ln in _level(lines)]) for lines in col_arms]
        if col not in apart or len(col_arms) < 2:  # an arm's own cell left empty stays in place
            texts = [t for t in texts if t]
        if source.startswith("ocr:"):  # an engine reads a printed dash as any of these
            texts = ["—" if t in dashes and t not in PRINTED_DASHES else t for t in texts]
        # A line ending in its separator (``— vs`` over ``—``) is one cell wrapped, not arms
        dangling = any(DANGLING_VS.search(t) for t in texts[:-1])
        text = join_lines(texts) if dangling else " vs. ".join(texts)
        if source.startswith("ocr:"):
            text = paired_brackets(text)
        cells.append(Cell(text, page, box, source, conf, rereads(words)))
    return cells


def columns_per_arm(
    rows: list[Arms], edges: list[float], room: list[float], known: frozenset[int] = frozenset()
) -> frozenset[int]:
    """Columns the table prints one per arm: where a row cannot tell (each arm's line of it
    on the arm's row, set as close as a wrapped cell's lines), the other rows with several
    arms say how the column is set (a treatment per arm; a remark spanning them). Where
    none of them tells either, the rows of one arm do: a column whose cells there never
    wrap (three or more of them, each one line) prints short values, and its lines level
    with several arms are one value each (``RT`` ``WBRT`` ``TAE`` ``HR``). Where a continued
    table's rows do not tell, its earlier pages do (``known``): a table sets a column alike
    on every page, so only this page's rows voting against it undo what they showed."""
    votes: Counter[int] = Counter()
    single: Counter[int] = Counter()  # cells in rows of one arm...
    wraps: set[int] = set()  # ... and the columns where one of them wraps
    for arms in rows:
        per_col, on_values = _columns_by_arm(arms, edges)
        for col, col_arms in enumerate(per_col):
            if len(arms) == 1 and col_arms[0]:
                single[col] += 1
                if len(_level(col_arms[0])) > 1:
                    wraps.add(col)
            if sum(1 for g in col_arms if g) >= 2:
                pitch = _wrapped_pitch(per_col, col)
                spanning = _spanning(col_arms, room[col], on_values, pitch)
                if spanning is not None:
                    votes[col] += -1 if spanning else 1
    short = {c for c, n in single.items() if n >= 3 and c not in wraps and c not in votes}
    against = {col for col, vote in votes.items() if vote < 0}
    return frozenset({col for col, vote in votes.items() if vote > 0} | short | (known - against))


def _columns_by_arm(arms: Arms, edges: list[float]) -> tuple[list[list[list[Line]]], set[int]]:
    """Each column's pieces per arm, and which pieces (by id) stand on a printed line that
    holds whole values in another column: an arm's own row."""
    per_col: list[list[list[Line]]] = [[[] for _ in arms] for _ in range(len(edges) + 1)]
    on_values: set[int] = set()
    for a, lines in enumerate(arms):
        for line in lines:
            valued = _value_columns(line, edges)
            for c, words in enumerate(split_cells(line, edges)):
                if words:
                    piece = Line(words)
                    per_col[c][a].append(piece)
                    if valued - {c}:
                        on_values.add(id(piece))
    return per_col, on_values


def _level(lines: list[Line]) -> list[Line]:
    """A cell's lines, those standing mostly side by side made one: OCR boxes a hanzi word
    taller or lower than the Latin word beside it (``Gandy 等[23]``), and the line finder may
    have set the two on lines of their own, the right one first."""
    out: list[Line] = []
    for line in sorted(lines, key=lambda ln: ln.box.top):
        if out and side_by_side(out[-1].words, line.words):
            out[-1] = Line(sorted(out[-1].words + line.words, key=lambda w: w.box.x0))
            continue
        out.append(line)
    return out


def side_by_side(upper: list[Word], lower: list[Word]) -> bool:
    """Whether two pieces stand mostly at one height: one printed line the line finder cut
    in two (an OCR box of hanzi set higher or taller than the Latin word beside it)."""
    a, b = Box.enclosing([w.box for w in upper]), Box.enclosing([w.box for w in lower])
    assert a is not None and b is not None
    return min(a.bottom, b.bottom) - max(a.top, b.top) > 0.5 * min(a.height, b.height)


def _pieces_apart(lines: list[Line], pitch: float | None) -> list[list[Line]]:
    """A cell's lines as one value each, when every two stand farther apart than the row's
    wrapped lines (``pitch``, measured on another column's wrapped cell): arms printed on
    lines of their own whose values the study shares (its year, one n, one remark wrapped
    beside them) print nothing else on their lines to make them arms. Without a wrapped cell
    beside them to measure against, lines are one cell however far apart (a generous
    leading sets a wrapped cell's lines apart too)."""
    lines = sorted(lines, key=lambda ln: ln.box.top)
    pairs = list(zip(lines, lines[1:], strict=False))
    if not pairs or not all(_beyond_pitch(a, b, pitch) for a, b in pairs):
        return [lines]
    return [[line] for line in lines]


def _apart(a: Line, b: Line, h: float, pitch: float | None) -> bool:
    """Two lines of a column farther apart than a wrapped cell's (``0.7`` of a line height of
    paper between them, or farther than the row's wrapped lines, ``pitch``)."""
    return b.box.top - a.box.bottom > 0.7 * h or _beyond_pitch(a, b, pitch)


def _beyond_pitch(a: Line, b: Line, pitch: float | None) -> bool:
    """Two lines set farther apart than the row's wrapped lines (``pitch``; None: unknown)."""
    return pitch is not None and b.box.y_mid - a.box.y_mid > 1.3 * pitch


def _wrapped_pitch(per_col: list[list[list[Line]]], col: int) -> float | None:
    """How far apart a wrapped cell's lines stand in this row, measured in its other
    columns (a remark wrapped over many lines): the font's line pitch."""
    pitches = []
    for c, col_arms in enumerate(per_col):
        # printed lines: a tall hanzi box beside a Latin word is one line, not two a step apart
        lines = _level([ln for g in col_arms for ln in g])
        if c == col or len(lines) < 3:
            continue
        h = text_height(lines)
        steps = [
            b.box.y_mid - a.box.y_mid
            for a, b in zip(lines, lines[1:], strict=False)
            if b.box.top - a.box.bottom <= 0.7 * h
        ]
        if len(steps) >= 2:
            pitches.append(statistics.median(steps))
    return min(pitches, default=None)


def _spanning(
    col_arms: list[list[Line]], room: float, on_values: set[int], pitch: float | None = None
) -> bool | None:
    """Whether a column's text on several arms' lines is one cell spanning them (True), a
    cell per arm (False), or either (None).

    One cell: its lines follow each other at a wrapped cell's spacing, each but the last too
    full to have held the next one's first word (``room``: the column's widest line), and
    the arms' parts are not each a whole value (``58.7 [95% CI 41.4-69.3]``, ``41.3``).
    A cell per arm: its lines stand far apart (or farther apart than the row's wrapped
    lines, ``pitch``), or each arm has one line of it, on the arm's own row of values, that
    ended short of the column's room. Either: every arm has one
    such line but they are full (arm rows set as close as a wrapped cell's lines, names long
    enough to fill the column), or a line ended short elsewhere (a break the author set in
    one cell)."""
    lines = sorted((ln for g in col_arms for ln in g), key=lambda ln: ln.box.top)
    if sum(1 for g in col_arms if g) < 2:
        return False
    parts = [join_lines([join_words(ln.words) for ln in _level(g)]) for g in col_arms if g]
    if all(whole_value(part) for part in parts):
        return False  # a figure for each arm
    h = text_height(lines)
    pairs = list(zip(lines, lines[1:], strict=False))
    if any(_apart(a, b, h, None) for a, b in pairs):
        return False
    if all(_apart(a, b, h, pitch) for a, b in pairs):
        return False  # farther apart than the row's wrapped lines: a line per arm
    if _block_per_arm(col_arms):
        return False
    on_arm_rows = all(len(g) == 1 and id(g[0]) in on_values for g in col_arms)
    if not all(_wrapped(a, b, room, h) for a, b in pairs):
        # a line ended short: a cell per arm when each stands on its arm's row, else
        # perhaps a break the author set in one cell
        return False if on_arm_rows else None
    return None if on_arm_rows else True


def _block_per_arm(col_arms: list[list[Line]]) -> bool:
    """Whether the column's lines, parted where they stand farther apart than its own closest
    two (a wrapped cell's pitch), make one block per arm, each block an arm's lines: one
    arm's name wrapped over two lines and the next arm's on its own row
    (``腹腔镜肝切除`` ``+CRA`` then ``HIFU/TACE``), each block on its arm's row."""
    arms = [_level(g) for g in col_arms if g]
    lines = sorted((ln for g in arms for ln in g), key=lambda ln: ln.box.top)
    if len(lines) < 3:
        return False
    steps = [b.box.y_mid - a.box.y_mid for a, b in zip(lines, lines[1:], strict=False)]
    pitch = min(steps)
    if pitch <= 0:
        return False
    blocks: list[list[Line]] = [[lines[0]]]
    for line, step in zip(lines[1:], steps, strict=True):
        if step > 1.3 * pitch:
            blocks.append([])
        blocks[-1].append(line)
    if len(blocks) != len(arms):
        return False
    return all(
        {id(ln) for ln in b} == {id(ln) for ln in g} for b, g in zip(blocks, arms, strict=True)
    )


def _wrapped(upper: Line, lower: Line, room: float, h: float) -> bool:
    """Whether a line ended because the next line's first word would not fit beside it (a
    wrapped cell) rather than where its text ended (cells of their own, one over another).
    A word of hanzi wraps glyph by glyph."""
    first = lower.words[0]
    glyph = first.box.width / max(1, len(first.text))
    needed = glyph if CJK_CHAR.match(first.text) else first.box.width
    space = load_data("layout.toml")["word_gap"] * h
    return upper.box.width + space + needed > room - space


def column_room(lines: list[Line], edges: list[float]) -> list[float]:
    """Each column's widest line of text: about the room a cell's line has before it wraps."""
    room = [0.0] * (len(edges) + 1)
    for line in lines:
        for c, words in enumerate(split_cells(line, edges)):
            if words:
                room[c] = max(room[c], words[-1].box.x1 - words[0].box.x0)
    return room


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
