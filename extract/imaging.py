"""Page images for OCR: render, turn upright, deskew, find and remove rules.

Every step works on a greyscale numpy array in pixels; ``Prepared`` keeps what a later stage
needs to put the words back on the page (the scale, the turn, the skew) and the rules that
were found, which the table stage uses like the drawn rules of a text page.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from .model import Box, Rule

MAX_PIXELS = 80_000_000  # a render larger than this is made at a lower dpi: bounds memory


@dataclass
class Prepared:
    """A page image made ready for an engine, and how it relates to the page."""

    grey: np.ndarray  # upright, deskewed, rules painted white
    binary: np.ndarray  # the same, thresholded to black and white
    dpi: float
    rotation: int = 0  # degrees the page was turned clockwise to stand upright
    skew: float = 0.0  # degrees of skew that were corrected
    rules: list[Rule] = field(default_factory=list)  # in pixels of the upright image
    dashes: list[Box] = field(default_factory=list)  # lone dashes, pixels
    unit: float = 0.0  # typical glyph height, pixels
    figure: float = 0.0  # a figure's printed height, pixels, once words are read (0: unknown)
    dash_lengths: list[float] = field(default_factory=list)  # of ``dashes``, in ``dash_unit``

    @property
    def dash_unit(self) -> float:
        """What a dash's length is measured in: a figure's height (``figure_height``), else
        the typical glyph height, which on a page of Latin text is the small letters'."""
        return self.figure or self.unit

    def dash(self, stroke: Box, cfg: dict[str, Any]) -> str:
        """The dash a stroke on this page is, among the page's lone strokes (``dash_glyph``)."""
        return dash_glyph(stroke, self.dash_unit, cfg, self.dash_lengths)

    def dash_of_all(self, strokes: list[Box], cfg: dict[str, Any]) -> str:
        """The one dash strokes printed alike on this page are (``dash_of_all``)."""
        return dash_of_all(strokes, self.dash_unit, cfg)

    def measured(self, figure: float, cfg: dict[str, Any]) -> Prepared:
        """This page with its figure height known, and its lone strokes measured in it once."""
        page = replace(self, figure=figure)
        lengths = [dash_length(d, page.dash_unit, cfg) for d in self.dashes]
        return replace(page, dash_lengths=lengths)

    def image_for(self, binarize: bool) -> np.ndarray:
        return self.binary if binarize else self.grey


def render(pdf: pdfium.PdfDocument, number: int, dpi: float) -> tuple[np.ndarray, float]:
    """Page ``number`` (1-based) as it is displayed, greyscale; the dpi actually used."""
    page = pdf[number - 1]
    width, height = page.get_size()
    pixels = width * height * (dpi / 72) ** 2
    if pixels > MAX_PIXELS:
        dpi = dpi * math.sqrt(MAX_PIXELS / pixels)
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    grey = np.asarray(bitmap.to_pil().convert("L")).copy()
    page.close()
    return grey, dpi


def binarize(grey: np.ndarray, median: int) -> np.ndarray:
    """Black text on white: a median filter takes scanner speckle, Otsu's threshold the grey."""
    if median:
        grey = cv2.medianBlur(grey, median)
    _, out = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return out


def turn(image: np.ndarray, rotation: int) -> np.ndarray:
    """The image turned clockwise by ``rotation`` (a multiple of 90) degrees."""
    return np.ascontiguousarray(np.rot90(image, k=(-rotation // 90) % 4))


def orientation(binary: np.ndarray, min_confidence: float) -> int:
    """Degrees to turn the page clockwise so its text stands upright.

    Tesseract's OSD decides when it is sure. When it is not (a page of few glyphs, hanzi only)
    its guess of a quarter turn is taken if the ink itself says the text lines run across the
    short way of the image, that is, the page lies on its side. 0 when OSD is not installed.
    """
    import pytesseract

    try:
        osd: dict[str, Any] = pytesseract.image_to_osd(
            binary, config="--psm 0", output_type=pytesseract.Output.DICT, timeout=60
        )
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, RuntimeError):
        return 0
    rotate = int(osd.get("rotate", 0)) % 360
    if float(osd.get("orientation_conf", 0)) >= min_confidence:
        return rotate
    if rotate in (90, 270) and lines_run_vertically(binary):
        return rotate
    return 0


def lines_run_vertically(binary: np.ndarray) -> bool:
    """Whether the ink forms columns rather than rows: text lines printed sideways."""
    ink = (binary < 128).astype(np.float64)

    def sharpness(profile: np.ndarray) -> float:
        profile = profile / (profile.mean() or 1.0)
        return float(np.mean(np.diff(profile) ** 2))

    return sharpness(ink.sum(axis=0)) > 1.5 * sharpness(ink.sum(axis=1))


def check_orientation() -> None:
    """Raise MissingDependencyError when OSD, which turns sideways pages upright, cannot run."""
    from .engines.tesseract import require

    require(["osd"], "apt-get install tesseract-ocr tesseract-ocr-osd",
            "it turns sideways pages upright")  # fmt: skip


def skew_angle(binary: np.ndarray, max_skew: float, step: float) -> float:
    """The small rotation (degrees, counter-clockwise positive) that makes text lines level.

    The rotation whose row profile of ink is sharpest: level lines put all their ink in a few
    rows with white rows between them.
    """
    ink = (binary < 128).astype(np.uint8) * 255
    factor = max(1, round(max(ink.shape) / 1200))
    small = cv2.resize(
        ink, (ink.shape[1] // factor, ink.shape[0] // factor), interpolation=cv2.INTER_AREA
    )
    centre = (small.shape[1] / 2, small.shape[0] / 2)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-max_skew, max_skew + step / 2, step):
        matrix = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        rotated = cv2.warpAffine(small, matrix, (small.shape[1], small.shape[0]))
        profile = rotated.sum(axis=1, dtype=np.float64)
        score = float(np.sum(np.diff(profile) ** 2))
        if score > best_score:
            best, best_score = float(angle), score
    return -best


def rotate_small(image: np.ndarray, degrees: float) -> np.ndarray:
    """The image rotated by ``-degrees`` about its centre (undoing a skew), white filled."""
    centre = (image.shape[1] / 2, image.shape[0] / 2)
    matrix = cv2.getRotationMatrix2D(centre, -degrees, 1.0)
    return cv2.warpAffine(
        image,
        matrix,
        (image.shape[1], image.shape[0]),
        flags=cv2.INTER_LINEAR,
        borderValue=255,
    )


def text_unit(binary: np.ndarray) -> float:
    """The typical height of a glyph in pixels: the unit image lengths are measured in.

    Lengths in inches would break on a scan whose page size is wrong (a 200 dpi image placed
    as if it were 70 dpi); lengths in glyph heights hold whatever the resolution.
    """
    ink = (binary < 128).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    w, h, area = stats[1:, 2], stats[1:, 3], stats[1:, 4]
    glyphs = (h >= 4) & (w >= 2) & (h < binary.shape[0] / 20) & (w < 4 * h) & (area >= 12)
    return float(np.median(h[glyphs])) if glyphs.any() else binary.shape[0] / 150


def find_rules(
    binary: np.ndarray, unit: float, cfg: dict[str, Any]
) -> tuple[list[Rule], np.ndarray]:
    """Straight dark runs at least ``rule_length`` glyph heights long: rules and cell borders.

    Morphological opening with a long thin kernel keeps only such runs; a glyph stroke is
    shorter. Aligned strokes of a line of hanzi can chain into a long run, so a run must also
    have clear paper on both sides along much of its length, as a printed rule has.
    Returns the rules (pixel boxes) and the mask of their pixels.
    """
    ink = (binary < 128).astype(np.uint8) * 255
    length = max(10, round(cfg["rule_length"] * unit))
    thickness = max(2, round(cfg["rule_thickness"] * unit))
    bridge = max(1, round(cfg["rule_bridge"] * unit))  # breaks a scanner leaves in a line
    margin = max(2, round(cfg["rule_clearance"] * unit))
    mask = np.zeros_like(ink)
    rules: list[Rule] = []
    for horizontal in (False, True):  # vertical first: their pixels are no clutter beside
        kernel = np.ones((1, length) if horizontal else (length, 1), np.uint8)
        closing = np.ones((1, bridge) if horizontal else (bridge, 1), np.uint8)
        closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, closing)
        lines = cv2.morphologyEx(closed, cv2.MORPH_OPEN, kernel)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        clutter = (ink > 0) & (mask == 0)
        for k in range(1, count):
            x, y, w, h, _area = stats[k]
            if min(w, h) > thickness and max(w, h) < cfg["rule_elongation"] * min(w, h):
                continue  # thick and not long for it: ink, not a rule (a thick rule is long)
            # Only horizontal runs chain out of glyph strokes (along a line of hanzi). A run
            # that crosses two cell borders, or is longer than any line of hanzi aligns, is a
            # rule even with text close by (a grid's padding is thin).
            sure = w >= cfg["rule_sure_length"] * unit or _crossings(rules, x, y, w, h) >= 2
            if (
                horizontal
                and not sure
                and _clear_share(clutter, labels == k, x, y, w, h, margin) < cfg["rule_clear_share"]
            ):
                continue
            piece = labels == k
            if horizontal:
                x, w = _past_last_border(ink, rules, x, y, w, h, cfg["rule_stub"] * unit)
                piece[:, :x] = False
                piece[:, x + w :] = False
            rules.append(Rule(Box(float(x), float(y), float(x + w), float(y + h))))
            mask[piece] = 255
    return rules, np.asarray(cv2.dilate(mask, np.ones((3, 3), np.uint8)), dtype=np.uint8)


def _past_last_border(
    ink: np.ndarray, rules: list[Rule], x: int, y: int, w: int, h: int, stub: float
) -> tuple[int, int]:
    """A horizontal run's x and width without a short piece past the last cell border it
    crosses, at either end, that a break in the ink parts from the border: the closing that
    mends a scanned rule's breaks also joins a dash set level with it in the next cell (a
    lone ``—`` centred on a spanning cell, level with the rule between the arms beside it).
    A rule's own end at a border runs on unbroken."""
    crossed = sorted(_borders_crossed(rules, x, y, w, h), key=lambda b: b.x0)
    if not crossed:
        return x, w
    band = ink[y : y + h] > 0
    left, right = x, x + w
    last = crossed[-1]
    if 0 < right - last.x1 <= stub:
        gaps = np.flatnonzero(~band[:, int(last.x1) : right].any(axis=0))
        if gaps.size:
            right = int(last.x1) + int(gaps[0])
    first = crossed[0]
    if 0 < first.x0 - left <= stub:
        gaps = np.flatnonzero(~band[:, left : int(first.x0)].any(axis=0))
        if gaps.size:
            left = left + int(gaps[-1]) + 1
    return left, right - left


def _crossings(rules: list[Rule], x: int, y: int, w: int, h: int) -> int:
    """How many vertical rules found so far a horizontal run meets."""
    return len(_borders_crossed(rules, x, y, w, h))


def _borders_crossed(rules: list[Rule], x: int, y: int, w: int, h: int) -> list[Box]:
    """The vertical rules found so far that a horizontal run meets."""
    return [
        r.box
        for r in rules
        if not r.horizontal
        and x - 2 <= r.box.x_mid <= x + w + 2
        and r.box.top - 2 <= y + h / 2 <= r.box.bottom + 2
    ]


def _clear_share(
    clutter: np.ndarray, run: np.ndarray, x: int, y: int, w: int, h: int, m: int
) -> float:
    """Share of a horizontal run's length with no other ink in a band ``m`` pixels wide on
    either side; the pixels right beside the run (a scan's blur and JPEG ringing) are skipped."""
    other = clutter & ~run
    pad = max(1, m // 3)
    above = other[max(0, y - pad - m) : max(0, y - pad), x : x + w].any(axis=0)
    below = other[y + h + pad : y + h + pad + m, x : x + w].any(axis=0)
    busy = above | below
    return 1.0 - float(busy.mean()) if busy.size else 1.0


def dash_glyph(stroke: Box, unit: float, cfg: dict[str, Any], page: Sequence[float] = ()) -> str:
    """Which dash a lone stroke is, by its length in figure heights: a hyphen is a quarter
    to a third of an em, an en dash half, an em dash a whole one (a figure is 0.65 to 0.75
    of an em). A scan's blur lengthens a stroke as much as it thickens it: a hyphen scanned
    at 150 dpi measures as long as an en dash. What blur added is what the stroke is thicker
    than a dash's own (``dash_thickness``), taken off its length.

    ``page``: the lengths of the page's other lone strokes (``dash_length``). One font prints
    every hyphen of a page alike, and every en dash; strokes of about one length are one
    kind, so a stroke the blur left between two kinds goes with its fellows, and where
    ``dashes_alike`` or more stand together they are told as a page's ranges are
    (``dash_of_all``): the "no value" en dashes of a 150-dpi table measure a pixel either
    side of the hyphen's limit, their middle one above the margin."""
    fellows = _fellows(dash_length(stroke, unit, cfg), page, cfg["dash_fellows"])
    length = float(np.median(fellows))
    if len(fellows) > cfg["dashes_alike"]:  # the stroke itself is among the page's
        return _dash_of_alike(length, cfg)
    return _dash_of_length(length, page, cfg)


def dash_of_all(strokes: list[Box], unit: float, cfg: dict[str, Any]) -> str:
    """The one dash strokes printed alike are (a page's ranges), by their middle length: a
    stroke's own measure at a scan's resolution is a pixel either way of its kind's. Near an
    en dash's length they are en dashes (``en_dash_near``), the margin one stroke is given
    only beside the page's hyphens (``_longer_kind``): together they vouch for each other."""
    return _dash_of_alike(float(np.median([dash_length(s, unit, cfg) for s in strokes])), cfg)


def _dash_of_alike(length: float, cfg: dict[str, Any]) -> str:
    """The dash strokes printed alike are, by their middle length: near an en dash's length
    (``en_dash_near``) they are en dashes, vouching for each other."""
    return _dash_of_length(length, (), cfg, cfg["en_dash_near"] * cfg["hyphen_width"])


def _dash_of_length(
    length: float, page: Sequence[float], cfg: dict[str, Any], hyphen: float | None = None
) -> str:
    """A stroke's dash by its length: under ``hyphen`` (``hyphen_width`` when not given) a
    hyphen, unless the page's hyphens show it the longer kind; under ``en_dash_width`` an en
    dash; else an em dash."""
    hyphen = cfg["hyphen_width"] if hyphen is None else hyphen
    if length < hyphen and not _longer_kind(length, page, cfg):
        return "-"
    return "–" if length < cfg["en_dash_width"] else "—"


def _longer_kind(length: float, page: Sequence[float], cfg: dict[str, Any]) -> bool:
    """Whether strokes of this length, just short of an en dash's, are the longer of two
    kinds on the page, the shorter one a hyphen's (the hyphens of ``Child-Pugh``): then they
    are en dashes that blur and the threshold left a pixel short (at 150 dpi a pixel is
    near a tenth of a dash)."""
    if length < cfg["en_dash_near"] * cfg["hyphen_width"]:
        return False
    shorter = [x for x in page if x * cfg["dash_kinds_apart"] <= length]
    if not shorter:
        return False
    return _fellows_length(max(shorter), page, cfg["dash_fellows"]) < cfg["hyphen_width"]


def dash_length(stroke: Box, unit: float, cfg: dict[str, Any]) -> float:
    """A stroke's length in ``unit``, less what blur added (``dash_glyph``)."""
    return (stroke.width - max(0.0, stroke.height - cfg["dash_thickness"] * unit)) / unit


def _fellows_length(length: float, page: Sequence[float], step: float) -> float:
    """The middle length of the strokes of about ``length`` (``_fellows``)."""
    return float(np.median(_fellows(length, page, step)))


def _fellows(length: float, page: Sequence[float], step: float) -> list[float]:
    """The lengths of the strokes of about ``length``, it among them: those reached from it
    through lengths no more than ``step`` (a share) apart."""
    ordered = sorted([*page, length])
    k = ordered.index(length)
    lo = hi = k
    while lo > 0 and ordered[lo] <= ordered[lo - 1] * (1 + step):
        lo -= 1
    while hi + 1 < len(ordered) and ordered[hi + 1] <= ordered[hi] * (1 + step):
        hi += 1
    return ordered[lo : hi + 1]


def _stacked(flat: np.ndarray, unit: float) -> np.ndarray:
    """Which flat strokes (rows of x, y, w, h) have another over or under them within a
    glyph's height, overlapping half the shorter one's length."""
    x0, y, w, h = flat[:, 0:1], flat[:, 1:2], flat[:, 2:3], flat[:, 3:4]
    across = np.minimum(x0 + w, (x0 + w).T) - np.maximum(x0, x0.T)
    apart = np.abs((y + h / 2) - (y + h / 2).T)
    near = (across > 0.5 * np.minimum(w, w.T)) & (apart < unit)
    np.fill_diagonal(near, False)
    return np.asarray(near.any(axis=1))


def find_dashes(fine: np.ndarray, clean: np.ndarray, unit: float) -> list[Box]:
    """Lone dashes (``-``, ``—``, the table's "no value"): engines often skip a glyph that thin.

    A dash is a short flat stroke with no other ink above or below it within its own width,
    which tells it from the strokes of 二 or 三. Strokes are taken from ``fine`` (thresholded
    without the median filter, which wears a hyphen two pixels thick away); the ink around
    them from ``clean`` (with it: a scan's specks are no glyph). Pixel boxes.
    """
    ink = (fine < 128).astype(np.uint8)
    around = clean < 128
    _count, _labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    speck = (0.15 * unit) ** 2
    pad = max(1, round(0.1 * unit))
    # A sans hyphen is as short as a third of a glyph's height and half as thick as long;
    # a scan's blur adds as much to its thickness as to its length (7 by 4 pixels).
    w, h = stats[1:, 2], stats[1:, 3]
    flat = stats[1:, :4][(0.3 * unit <= w) & (w <= 4 * unit) & (h <= 0.35 * unit) & (w >= 1.6 * h)]
    # Strokes stacked closer than a glyph's height are one glyph (二, 三, =), also when they
    # are too thin for ``clean`` to show them to each other.
    lone = flat[~_stacked(flat.astype(float), unit)]
    out = []
    for x, y, w, h in lone.tolist():
        # Clear above and below within its own width, up to a line's spacing: the strokes
        # of 二 or 三 stand closer, a wrapped cell's line above or below stands further.
        reach = min(w, round(0.6 * unit))
        above = around[max(0, y - reach) : max(0, y - pad), x : x + w]
        below = around[y + h + pad : y + h + reach, x : x + w]
        if int(above.sum()) >= speck or int(below.sum()) >= speck:
            continue
        out.append(Box(float(x), float(y), float(x + w), float(y + h)))
    return out


LineTurns = Callable[[np.ndarray], tuple[int, int, bool]]


def prepare(
    grey: np.ndarray,
    dpi: float,
    cfg: dict[str, Any],
    known_turn: int | None = None,
    line_turns: LineTurns | None = None,
) -> Prepared:
    """Turn, deskew, find rules and remove them, as ``ocr.toml``'s ``[prepare]`` says.

    ``known_turn`` is the turn the page's own glyphs call for (a vector page): it is taken
    instead of guessing from the image. Otherwise OSD (or the ink) tells whether the page lies
    on its side, and ``line_turns`` (the engine's count of text lines it reads upright and
    upside down, and whether the lines it finds stand rather than lie) whether it still lies
    on its side or stands on its head: OSD is unsure of pages of hanzi and figures (a sparse
    page on its side can look upright to it and to the ink's profile), and a turn is kept
    only when the text read after it confirms it."""
    binary = binarize(grey, cfg["median"])
    if known_turn is not None:
        rotation = known_turn
    elif cfg["orientation"]:
        rotation = orientation(binary, cfg["orientation_confidence"])
        if line_turns is not None:
            upright, upside_down, sideways = line_turns(turn(grey, rotation))
            if sideways:  # its text lines stand: it lies on its side, whatever OSD guessed
                rotation = (rotation + 90) % 360
                upright, upside_down, _ = line_turns(turn(grey, rotation))
            if upside_down > cfg["upside_down_majority"] * max(upright, 1):
                rotation = (rotation + 180) % 360
    else:
        rotation = 0
    if rotation:
        grey, binary = turn(grey, rotation), turn(binary, rotation)
    skew = skew_angle(binary, cfg["max_skew"], cfg["skew_step"]) if cfg["max_skew"] else 0.0
    if abs(skew) >= cfg["min_skew"]:
        grey = rotate_small(grey, skew)
        binary = binarize(grey, cfg["median"])
    else:
        skew = 0.0
    unit = text_unit(binary)
    rules, mask = find_rules(binary, unit, cfg)
    if cfg["remove_rules"] and rules:
        grey = grey.copy()
        binary = binary.copy()
        grey[mask > 0] = 255
        binary[mask > 0] = 255
    # Dashes are sought before the median filter: it wears a hyphen two pixels thick away.
    dashes = find_dashes(binarize(grey, 0), binary, unit) if cfg["dashes"] else []
    if cfg["median"]:
        grey = cv2.medianBlur(grey, cfg["median"])
    return Prepared(grey, binary, dpi, rotation, round(skew, 2), rules, dashes, unit)


def unread_regions(binary: np.ndarray, read: list[Box], unit: float, limit: int) -> list[Box]:
    """Places with text-sized ink that no word covers: what the engine's detector missed.

    Glyphs left over are grouped into word-sized blobs (closing gaps narrower than a glyph);
    blobs smaller than a glyph are noise. The ``limit`` largest are returned, pixel boxes.
    """
    ink = (binary < 128).astype(np.uint8)
    pad = max(1, round(0.15 * unit))
    for b in read:
        ink[max(0, int(b.top) - pad) : int(b.bottom) + pad,
            max(0, int(b.x0) - pad) : int(b.x1) + pad] = 0  # fmt: skip
    grow = cv2.dilate(
        ink, np.ones((max(1, round(0.3 * unit)), max(1, round(0.6 * unit))), np.uint8)
    )
    count, _, stats, _ = cv2.connectedComponentsWithStats(grow, connectivity=8)
    blobs = []
    for k in range(1, count):
        x, y, w, h, area = stats[k]
        if h < 0.8 * unit or w < 0.6 * unit or h > 3 * unit:
            continue
        blobs.append((w * h, Box(float(x), float(y), float(x + w), float(y + h))))
    blobs.sort(key=lambda b: -b[0])
    return [b for _, b in blobs[:limit]]


def fit_to_ink(binary: np.ndarray, box: Box) -> Box:
    """The box's sides moved in to the ink inside it: engines pad their boxes (RapidOCR by
    half a line), and padded boxes close the gaps that separate columns. Top and bottom stay:
    the table stage expects a line's height, not its ink's."""
    x0, y0 = max(0, int(box.x0)), max(0, int(box.top))
    x1, y1 = min(binary.shape[1], int(round(box.x1))), min(binary.shape[0], int(round(box.bottom)))
    if x1 <= x0 or y1 <= y0:
        return box
    ink = binary[y0:y1, x0:x1] < 128
    cols = np.flatnonzero(ink.any(axis=0))
    if cols.size == 0:
        return box
    return Box(float(x0 + cols[0]), box.top, float(x0 + cols[-1] + 1), box.bottom)


class Band(NamedTuple):
    """A run of inked pixel rows: its top and bottom row, and the share of columns it inks."""

    top: int
    bottom: int
    share: float


def ink_bands(binary: np.ndarray, box: Box, gap: int = 1) -> list[Band]:
    """The runs of inked pixel rows inside ``box`` (blank runs under ``gap`` rows closed):
    each as its top and bottom row and the share of the box's columns it inks. A box a
    detector grew over two printed lines holds one band per line."""
    x0, y0 = max(0, int(box.x0)), max(0, int(box.top))
    x1, y1 = min(binary.shape[1], int(round(box.x1))), min(binary.shape[0], int(round(box.bottom)))
    if x1 <= x0 or y1 <= y0:
        return []
    ink = binary[y0:y1, x0:x1] < 128
    inked = [bool(v) for v in np.asarray(ink.any(axis=1))]
    bands: list[Band] = []
    start = None
    blank = 0
    for y, row in enumerate([*inked, False]):
        if row:
            start = y if start is None else start
            blank = 0
            continue
        blank += 1
        if start is not None and (blank >= gap or y == len(inked)):
            end = y - blank + 1
            share = float(ink[start:end].any(axis=0).mean())
            bands.append(Band(y0 + start, y0 + end, share))
            start = None
    return bands


def figure_height(binary: np.ndarray, boxes: list[Box], least: int = 5) -> float:
    """The printed height of a figure, pixels: the median height of the ink in the boxes of
    words read as plain figures (``42``, ``13.5``, ``68%``), 0 when fewer than ``least``.
    Figures stand as tall as capitals in every script's fonts; the page's typical glyph is a
    hanzi on a Chinese page but a small letter on an English one, two thirds as tall."""
    heights = []
    for box in boxes:
        x0, y0 = max(0, int(box.x0)), max(0, int(box.top))
        ink = binary[y0 : int(box.bottom) + 1, x0 : int(box.x1) + 1] < 128
        # The figures' band: the longest run of inked rows (a neighbour line's ink or a
        # speck in the padded box stands apart from it)
        inked = np.concatenate([[0], ink.any(axis=1).astype(np.int8), [0]])
        edges = np.flatnonzero(np.diff(inked))
        if edges.size:
            heights.append(float(np.max(edges[1::2] - edges[0::2])))
    return float(np.median(heights)) if len(heights) >= least else 0.0


def keep(image: np.ndarray, dpi: float, max_dpi: float) -> tuple[bytes, float]:
    """The page image as PNG at no more than ``max_dpi``, and the dpi it is kept at.

    Kept on the page for later stages (row crops in the QA report), which need to show a
    row, not to read it again: a lower resolution bounds the memory a long scan takes.
    """
    if dpi > max_dpi:
        factor = max_dpi / dpi
        size = (max(1, round(image.shape[1] * factor)), max(1, round(image.shape[0] * factor)))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
        dpi = max_dpi
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, format="PNG", compress_level=6)
    return buf.getvalue(), dpi


def stacked(
    image: np.ndarray, boxes: list[Box], pad: int, reach: int | None = None, scale: float = 1
) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """The places' crops (``reach`` pixels of the page around each, ``pad`` when not given),
    enlarged ``scale`` times, stacked one under another on a white sheet, ``pad`` pixels
    apart, to be read in one engine call; and for each, where it went: its top on the sheet,
    the crop's x0 and y0 on the page, its height on the sheet."""
    reach = pad if reach is None else reach
    crops = []
    for b in boxes:
        x0, y0 = max(0, int(b.x0) - reach), max(0, int(b.top) - reach)
        crop = image[y0 : int(b.bottom) + reach, x0 : int(b.x1) + reach]
        if scale != 1:
            crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        crops.append((x0, y0, crop))
    height = sum(c.shape[0] for *_, c in crops) + pad * (len(crops) + 1)
    width = max(c.shape[1] for *_, c in crops) + 2 * pad
    sheet = np.full((height, width), 255, dtype=image.dtype)
    placed = []
    y = pad
    for x0, y0, crop in crops:
        sheet[y : y + crop.shape[0], pad : pad + crop.shape[1]] = crop
        placed.append((y, x0, y0, crop.shape[0]))
        y += crop.shape[0] + pad
    return sheet, placed
