"""What a line's ink says of the glyphs an engine read there: their case, and whether a
stop was printed at all.

Letter case from glyph heights, where a glyph's shape cannot tell it.

``c o s v w x z`` are one shape in both cases and differ only in size: an engine reading
them guesses, and the guess varies along one row (``— Vs —``, ``10.9 VS 4``, ``vS``,
``CTACE`` for ``cTACE``, ``mos`` for ``mOS``). The page image says which it is: a small
letter reaches the x-height of its line, a capital the height of the line's figures and
capitals. Each such glyph's ink is measured and compared with the glyphs of its printed line
whose case is not in doubt (figures and capitals; ``a e m n r u``). A run of them (``vs``)
is one decision: a word does not change case inside ``vs`` or ``OS``. Where the ink cannot
be measured cleanly (touching glyphs, a speck below) the engine's reading stands.

A stop the engine reads where its glyph box holds no ink on the line's foot was never
printed (``LT.``, ``Retrospective.``, ``Wen.et al.``): engines add one at a line's end or
between words on a noisy scan. It is read as the space it stands in.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np


@dataclass
class GlyphLine:
    """One line as an engine read it: its glyphs, each glyph's x-range, the line's rows."""

    glyphs: list[str]
    spans: list[tuple[float, float]]  # x0, x1 per glyph, pixels
    top: float
    bottom: float
    # glyphs that open a word where the engine read no space (the paper before them says so)
    starts: frozenset[int] = frozenset()


def settle_glyphs(lines: list[GlyphLine], ink: np.ndarray, cfg: dict[str, Any]) -> list[list[str]]:
    """Each line's glyphs with the case of the look-alike letters set by their ink, and its
    unprinted stops as spaces (``""``).

    The heights a line is measured against come from every line sharing its rows: a
    detector may box ``VS`` alone, apart from the figures beside it on the printed row. A
    row with nothing to measure against (``— vs —`` alone on it) takes the heights of the
    page's lines of its own height: one font size prints one capital height. The ratio of
    small letters to capitals is the page's own where its rows show both."""
    cfg = {**cfg, **{k: frozenset(cfg[k]) for k in ("look_alike", "capital_height", "x_height")}}
    found = [_measure(line, ink, cfg) for line in lines]
    references = [_references(line, m.heights, cfg) for line, m in zip(lines, found, strict=True)]
    by_row = [_row_references(line, lines, references) for line in lines]
    ratios = [
        statistics.median(smalls) / statistics.median(caps)
        for caps, smalls in by_row
        if caps and smalls and not _scatter(caps, smalls, *map(statistics.median, (caps, smalls)))
    ]
    if ratios:
        cfg["x_to_capital"] = statistics.median(ratios)
    out = []
    for line, measured, (caps, smalls), own in zip(lines, found, by_row, references, strict=True):
        heights = measured.heights
        glyphs = [_punctuation(g, k, line.glyphs, measured, cfg) for k, g in enumerate(line.glyphs)]
        line = replace(line, glyphs=glyphs)
        if not any(g in cfg["look_alike"] for g in line.glyphs):
            out.append(line.glyphs)
            continue
        if not caps and not smalls:
            caps, smalls = _row_references(line, lines, references, _same_size)
        decided = _decided(line, heights, caps, smalls, cfg)
        if decided is None and own != (caps, smalls):  # the row's scatter; the line's own?
            decided = _decided(line, heights, *own, cfg)
        out.append(decided or line.glyphs)
    return out


def _punctuation(g: str, k: int, glyphs: list[str], measured: Measured, cfg: dict[str, Any]) -> str:
    """A stop with no ink on the foot was never printed: a space (``""``). A comparison
    sign is ``≤`` or ``<`` as its ink has a bar under it or not: an engine reads one for
    the other (``ECOG <1`` for ``ECOG ≤1``); a ``;`` or ``:`` as its lower mark has a
    comma's tail or is a dot like the upper one (``therapy: no`` for ``therapy; no``)."""
    if g in cfg["stops"] and not measured.on_foot[k] and not _between_figures(glyphs, k):
        return ""
    for plain, barred in zip(*cfg["barred"], strict=True):
        if g in (plain, barred) and measured.barred[k] is not None:
            return barred if measured.barred[k] else plain
    for plain, tailed in zip(*cfg["tailed"], strict=True):
        if g in (plain, tailed) and measured.tailed[k] is not None:
            return tailed if measured.tailed[k] else plain
    return g


def _references(
    line: GlyphLine, heights: list[float | None], cfg: dict[str, Any]
) -> tuple[list[float], list[float]]:
    """The measured heights of a line's glyphs whose case is not in doubt: capitals and
    figures, small letters."""
    caps = [
        m
        for g, m in zip(line.glyphs, heights, strict=True)
        if m is not None and g in cfg["capital_height"]
    ]
    smalls = [
        m
        for g, m in zip(line.glyphs, heights, strict=True)
        if m is not None and g in cfg["x_height"]
    ]
    return caps, smalls


def _row_references(
    line: GlyphLine,
    lines: list[GlyphLine],
    references: list[tuple[list[float], list[float]]],
    together: Callable[[GlyphLine, GlyphLine], bool] | None = None,
) -> tuple[list[float], list[float]]:
    """The reference heights of every line standing with ``line`` (by default: sharing its
    rows)."""
    together = together or _same_row
    caps: list[float] = []
    smalls: list[float] = []
    for other, (other_caps, other_smalls) in zip(lines, references, strict=True):
        if together(line, other):
            caps += other_caps
            smalls += other_smalls
    return caps, smalls


def _between_figures(glyphs: list[str], k: int) -> bool:
    """A decimal point's place: blurred into its figures, it has no ink of its own."""
    return 0 < k < len(glyphs) - 1 and glyphs[k - 1].isdigit() and glyphs[k + 1].isdigit()


def _decided(
    line: GlyphLine,
    heights: list[float | None],
    caps: list[float],
    smalls: list[float],
    cfg: dict[str, Any],
) -> list[str] | None:
    """The line's glyphs with the look-alikes' case set by their heights against the
    reference capitals and small letters; None when the references scatter too widely to
    tell (the reading stands, unless other references can tell)."""
    if not caps and not smalls:
        return line.glyphs
    ratio = cfg["x_to_capital"]
    cap = statistics.median(caps) if caps else statistics.median(smalls) / ratio
    small = statistics.median(smalls) if smalls else cap * ratio
    if cap - small < cfg["min_difference"] * cap:
        return line.glyphs
    # References that scatter as widely as capitals and small letters differ (an a measured
    # 32, an n 23: touching glyphs, specks) tell nothing: the reading stands. (The median
    # deviation: a few odd glyphs among many do not scatter a row.)
    if _scatter(caps, smalls, cap, small):
        return None
    margin = cfg["margin"] * (cap - small)
    look_alike = [g in cfg["look_alike"] for g in line.glyphs]
    size: list[str | None] = [None] * len(line.glyphs)  # "small", "capital" or not told
    for k, h in enumerate(heights):
        if look_alike[k] and h is not None:
            if cfg["min_height"] * small <= h <= small + margin:
                size[k] = "small"
            elif cap - margin <= h <= cfg["max_height"] * cap:
                size[k] = "capital"
    i = 0
    while i < len(size):  # a run (vs, OS) told by some of its glyphs is told for all
        j = i
        while j < len(size) and look_alike[j] and (j == i or j not in line.starts):
            j += 1
        told = {size[k] for k in range(i, j)} - {None}
        # A run opening a longer word (Cos of Costa) may open it with a capital: its first
        # glyph is told by its own ink only. A whole word (vs, OS) is one case.
        opens = (i == 0 or i in line.starts or not line.glyphs[i - 1].isalpha()) and (
            j < len(size) and j not in line.starts and line.glyphs[j].isalpha()
        )
        if len(told) == 1:
            run_size = told.pop()
            for k in range(i + 1 if opens else i, j):
                h = heights[k]  # not a glyph whose own ink is nearer the other height (Wo)
                nearer = None if h is None else "capital" if cap - h < h - small else "small"
                if size[k] is None and nearer in (None, run_size):
                    size[k] = run_size
        i = max(j, i + 1)
    glyphs = [g.lower() if s == "small" else g for g, s in zip(line.glyphs, size, strict=True)]
    for k, s in enumerate(size):
        before = glyphs[k - 1] if k and k not in line.starts else ""
        # what follows as decided: a run told capital (mOS) is no capital before small letters
        after_small = (
            k + 1 < len(glyphs)
            and k + 1 not in line.starts
            and (size[k + 1] == "small" or (size[k + 1] is None and glyphs[k + 1].islower()))
        )
        # A capital before small letters opens its word (Ozone), never sits inside (FOllow)
        if s == "capital" and (not before.isalpha() or not after_small):
            glyphs[k] = glyphs[k].upper()
    return glyphs


@dataclass
class Measured:
    """What a line's ink says of each glyph the engine read there."""

    heights: list[float | None]  # from the line's foot to the glyph's top; None: not told
    on_foot: list[bool]  # ink stands on the foot in its box (where a stop is printed)
    barred: list[bool | None]  # a comparison sign's ink has a bar at its foot; None: not one
    tailed: list[bool | None]  # a colon's lower mark has a comma's tail (;); None: not told


def _measure(line: GlyphLine, ink: np.ndarray, cfg: dict[str, Any]) -> Measured:
    """Each glyph's height: from the line's foot to the top of the ink in the middle of its
    box, counting only pieces of ink that stand on the foot. Glyphs blurred into one piece
    (``VS``) are told apart by their columns; a speck or a neighbouring line's ink stands
    elsewhere and is not counted; the engine's glyph boxes are estimates, so the outer
    columns of each are left out. And whether its box holds any ink just above the foot
    (where a stop is printed)."""
    n = len(line.glyphs)
    unknown = Measured([None] * n, [True] * n, [None] * n, [None] * n)
    if not line.glyphs:
        return unknown
    # A detector's box may clip a capital's top, and the glyph boxes the first glyph's
    # side (an S whose arcs join only there): measure in a strip with paper around it.
    height = line.bottom - line.top
    pad = int(cfg["strip_pad"] * height)
    x0 = max(0, int(min(a for a, _ in line.spans)) - pad)
    x1 = int(max(b for _, b in line.spans)) + 1 + pad
    top = max(0, int(line.top - cfg["strip_pad"] * height))
    strip = ink[top : int(line.bottom + cfg["strip_pad"] * height) + 1, x0:x1]
    strip = np.ascontiguousarray(strip, dtype=np.uint8)
    if strip.size == 0:
        return unknown
    count, labels, stats, _ = cv2.connectedComponentsWithStats(strip, connectivity=8)
    # Glyphs' pieces: no speck, and no piece of a rule left under or over the text
    flat = (stats[:, 2] >= cfg["rule_length"] * height) & (stats[:, 3] <= 0.25 * height)
    cut_off = (stats[:, 1] == 0) | (
        stats[:, 1] + stats[:, 3] >= strip.shape[0]
    )  # lines above, below
    big = (stats[:, 4] >= cfg["min_piece_area"]) & ~flat & ~cut_off
    big[0] = False
    extents: list[list[tuple[int, int]]] = []  # per glyph: (top, bottom) of each piece of it
    for glyph, (a, b) in zip(line.glyphs, line.spans, strict=True):
        left, right = max(0, int(a) - x0), max(0, int(b) - x0) + 1
        inset = int(cfg["column_inset"] * (b - a))
        own = np.unique(labels[:, left + inset : max(left + inset + 1, right - inset)])
        parts = []
        for k in own:
            if not big[k]:
                continue
            k_left, k_right = stats[k, 0], stats[k, 0] + stats[k, 2]
            if k_left >= left - inset and k_right <= right + inset:  # a glyph of its own
                parts.append((int(stats[k, 1]), int(stats[k, 1] + stats[k, 3])))
            else:  # blurred into its neighbours: the part in its own box, and of a glyph
                # whose top spans its middle, in its middle (a T's bar reaching over a c)
                own_cols = (
                    slice(left + inset, right - inset)
                    if glyph.lower() in cfg["flat_tops"]
                    else slice(left, right)
                )
                rows = np.flatnonzero((labels[:, own_cols] == k).any(axis=1))
                if rows.size == 0:
                    continue
                parts.append((int(rows[0]), int(rows[-1]) + 1))
        extents.append(parts)
    # The foot most letters, figures and stops sit on: descenders hang below it, dashes and
    # superscripts (a citation's 50 after al.) stand above it; a tie goes to the lower.
    reach = cfg["foot_tolerance"] * height
    sitting = [
        p
        for g, p in zip(line.glyphs, extents, strict=True)
        if p and (g.isalnum() or g in cfg["stops"])
    ]
    bottoms = [max(b for _, b in parts) for parts in sitting or [p for p in extents if p]]
    if not bottoms:
        return unknown

    def sharing(c: float) -> tuple[int, float]:  # how many sit at c's height, how low
        near = [b for b in bottoms if abs(b - c) <= reach]
        return len(near), statistics.median(near)

    best = max(bottoms, key=sharing)
    foot = statistics.median([b for b in bottoms if abs(b - best) <= reach])
    out: list[float | None] = []
    for glyph, parts in zip(line.glyphs, extents, strict=True):
        tops = [t for t, b in parts if abs(b - foot) <= reach]
        # A capital's stroke the threshold broke off just above (an S's top arc); over a
        # small letter such a piece is an accent (č), which makes it no capital.
        if tops and glyph.isupper():
            for t, b in sorted(parts, key=lambda p: -p[1]):
                if b < min(tops) and min(tops) - b <= cfg["broken_stroke"] * (foot - min(tops)):
                    tops.append(t)
        clipped = not tops or min(tops) <= 0  # ink running out of the strip: another line's
        out.append(None if clipped else foot - min(tops))
    # A stop is a dot of its own on the foot, under its glyph box
    low = foot - cfg["stop_lift"] * height
    dots = [k for k in range(1, count) if big[k] and stats[k, 1] >= low
            and abs(stats[k, 1] + stats[k, 3] - foot) <= reach]  # fmt: skip
    # ... or blurred into the glyph beside it (``l.`` on a low-resolution scan): columns of
    # its box whose ink lies on the foot only, as wide as a stop is
    above = np.any(strip[max(0, int(foot - height)) : max(0, int(low))], axis=0)
    below = np.any(strip[int(foot + reach) + 1 : int(foot + 0.3 * height) + 1], axis=0)
    low_only: np.ndarray = (
        np.any(strip[max(0, int(low)) : int(foot + reach) + 1], axis=0) & ~above & ~below
    )
    inked = [
        any(stats[k, 0] <= b - x0 and stats[k, 0] + stats[k, 2] >= a - x0 for k in dots)
        or _longest_run(low_only[max(0, int(a) - x0) : max(0, int(b) - x0) + 1])
        >= cfg["stop_width"] * height
        for a, b in line.spans
    ]
    signs = set("".join(cfg["barred"]))
    barred = [
        _barred(
            strip[:, max(0, int(a) - x0) : max(0, int(b) - x0) + 1],
            foot,
            reach,
            line.top - top,
            cfg,
        )  # fmt: skip
        if g in signs
        else None
        for g, (a, b) in zip(line.glyphs, line.spans, strict=True)
    ]
    colons = set("".join(cfg["tailed"]))
    tailed = [
        _tailed(strip[:, max(0, int(a) - x0) : max(0, int(b) - x0) + 1], foot, reach, cfg)
        if g in colons
        else None
        for g, (a, b) in zip(line.glyphs, line.spans, strict=True)
    ]
    return Measured(out, inked, barred, tailed)


def _tailed(box: np.ndarray, foot: float, reach: float, cfg: dict[str, Any]) -> bool | None:
    """Whether a colon's lower mark has a comma's tail (``;``) or is a dot like its upper
    one (``:``); None when the ink cannot tell. A semicolon's lower mark stands taller than
    its dot above, or its tail hangs under the line's foot (on a 150-dpi scan by a pixel
    or two, the marks no taller than each other); a colon's two dots are alike, the lower
    on the foot. Told by the two marks' own sizes, not the line's, so a scan's resolution
    matters not. The comma's tail reaches left, out of the glyph's estimated box: a piece
    running out of the box's sides is a neighbour's only when larger than a mark."""
    box = np.ascontiguousarray(box[: int(foot + 2 * reach) + 2], dtype=np.uint8)
    if box.size == 0 or not box.any():
        return None
    count, _, stats, _ = cv2.connectedComponentsWithStats(box, connectivity=8)
    height = reach / cfg["foot_tolerance"]  # the line's
    pieces = [stats[k] for k in range(1, count) if stats[k, 4] >= cfg["min_piece_area"]]
    inner = [p for p in pieces if p[0] > 0 and p[0] + p[2] < box.shape[1]]
    small = (cfg["mark_width"] * height, cfg["mark_height"] * height)
    reaching = [p for p in pieces if p[2] <= small[0] and p[3] <= small[1]
                and (p[0] == 0 or p[0] + p[2] >= box.shape[1])]  # fmt: skip
    pair = _stacked_marks(inner, reaching)
    if pair is None:
        return None
    upper, lower = pair
    ratio = lower[3] / max(1, upper[3])
    below = lower[1] + lower[3] - foot
    hangs = ratio >= 1 and below >= cfg["tail_below"] * upper[3]
    if ratio >= cfg["tail_ratio"] or below > reach + 1 or hangs:
        return True
    if ratio <= cfg["dot_ratio"] and below <= 1:
        return False
    return None


def _stacked_marks(
    inner: list[np.ndarray], reaching: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray] | None:
    """A colon's two marks (pieces' x, y, w, h, area), the upper one and the lower: the
    lowest piece with another piece of the glyph's own above it, the two sharing at least
    half the narrower one's columns (a speck under the lower dot, or a stroke of the hanzi
    beside it, is not stacked under a mark). The lower may run out of the glyph's box (a
    comma's tail, ``reaching``); the upper dot is the box's own."""
    for lower in sorted([*inner, *reaching], key=lambda p: -(p[1] + p[3])):
        above = [
            p for p in inner
            if p is not lower and p[1] + p[3] <= lower[1]
            and min(p[0] + p[2], lower[0] + lower[2]) - max(p[0], lower[0])
            >= 0.5 * min(p[2], lower[2])
        ]  # fmt: skip
        if above:
            return max(above, key=lambda p: p[1] + p[3]), lower
    return None


def _barred(
    box: np.ndarray, foot: float, reach: float, line_top: float, cfg: dict[str, Any]
) -> bool | None:
    """Whether a comparison sign's ink has a bar under it (``≤``) or not (``<``); None when
    the ink cannot tell. The bar is a flat piece of its own on the foot across most of the
    box, under the sign's chevron; ``<`` has only the tip of its lower arm there, at one
    side. A neighbour's flat foot (the ``2`` of ``>2``) is no piece of the box's width."""
    box = np.ascontiguousarray(box[: int(foot + reach) + 1], dtype=np.uint8)
    if box.size == 0 or not box.any():
        return None
    count, _, stats, _ = cv2.connectedComponentsWithStats(box, connectivity=8)
    pieces = [  # the sign's own: no speck, nothing of the line above
        stats[k]
        for k in range(1, count)
        if stats[k, 4] >= cfg["min_piece_area"] and stats[k, 1] + stats[k, 3] > line_top
    ]
    if not pieces:
        return None
    top = min(p[1] for p in pieces)
    bottom = max(p[1] + p[3] for p in pieces)
    height = bottom - top
    for p in pieces:
        flat = (
            p[2] >= cfg["bar_fill"] * box.shape[1]
            and p[3] <= cfg["bar_depth"] * height
            and p[2] >= 3 * p[3]
        )
        above = any(q[1] + q[3] <= p[1] for q in pieces)
        if flat and above and abs(p[1] + p[3] - foot) <= reach + 1:
            return True
    inset = int(cfg["column_inset"] * box.shape[1])
    middle = box[max(0, int(line_top)) :, inset : box.shape[1] - inset]
    rows = np.flatnonzero(middle.any(axis=1))
    if rows.size == 0:
        return None
    depth = max(1, round(0.1 * height))
    low = middle[rows[-1] - depth + 1 : rows[-1] + 1].any(axis=0)
    return False if low.mean() < 0.5 else None


def _longest_run(flags: np.ndarray) -> int:
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def _scatter(caps: list[float], smalls: list[float], cap: float, small: float) -> bool:
    """Whether reference heights scatter as widely as capitals and small letters differ."""
    return any(len(r) > 1 and _deviation(r) > 0.5 * (cap - small) for r in (caps, smalls))


def _deviation(values: list[float]) -> float:
    middle = statistics.median(values)
    return statistics.median([abs(v - middle) for v in values])


def _same_size(a: GlyphLine, b: GlyphLine) -> bool:
    """Lines whose boxes are about as tall: set in one font size (a detector's box is a
    little taller over capitals than over small letters alone)."""
    ha, hb = a.bottom - a.top, b.bottom - b.top
    return abs(ha - hb) <= 0.3 * max(ha, hb)


def _same_row(a: GlyphLine, b: GlyphLine) -> bool:
    shared = min(a.bottom, b.bottom) - max(a.top, b.top)
    return shared >= 0.5 * min(a.bottom - a.top, b.bottom - b.top)
