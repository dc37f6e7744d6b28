"""RapidOCR (PaddleOCR's PP-OCRv4 models on onnxruntime); the wheel ships its models.

RapidOCR finds text *lines* and can report a box per glyph. A line may run across two
table cells (``3-yearOS5-yearOS``), so lines are cut into words wherever the glyphs leave a
gap, which is what the table stage needs to see columns.
"""

from __future__ import annotations

import re
import statistics
from typing import Any

import cv2
import numpy as np

from ..errors import MissingDependencyError
from ..glyph_ink import GlyphLine, settle_glyphs
from ..model import Box, Word
from ..schema import load_data
from ..text import HAN as HAN_RANGES

FIGURE = re.compile(r"[\d.,]")  # a glyph of a figure: a figure's glyphs are never parted
LATIN = re.compile(r"[!-~]")  # a Latin letter, figure or ASCII sign
LETTER = re.compile(r"[A-Za-z]")
AFTER_WORD = re.compile(r"[A-Za-z,;:.]")  # a word's last glyph, or the sign that closes it
AFTER_FIGURE = re.compile(r"[A-Za-z(\[]")  # what opens a word after a figure's
HAN = re.compile(f"[{HAN_RANGES}]")
ALNUM = re.compile(r"[A-Za-z0-9]")


def _pair_kind(before: str, after: str) -> str:
    """Which paper parts two glyphs (``ocr.toml``: ``letter_ink_gap``, ``latin_ink_gap``,
    ``ink_gap``): letters space their words widely and stand close inside them, and so do a
    figure and the letter or bracket after it (``74 vs.``, ``37.8 [95%``: a 150-dpi scan
    leaves those word spaces a third of the ink's height); a bracket or a narrow figure
    stands apart inside a word (``[1``); hanzi set a comma in an em."""
    if (AFTER_WORD.match(before) and LETTER.match(after)) or (
        before.isdigit() and AFTER_FIGURE.match(after)
    ):
        return "letter"
    return "latin" if LATIN.match(before) and LATIN.match(after) else "other"


def _in_figure(run: list[str], glyph: str) -> bool:
    """Whether ``glyph`` goes on a figure the run ends in: a figure's glyphs are never
    parted, however a blurred scan spaces them. A stop or comma is a figure's only after a
    digit: the stop of ``vs.`` ends a word, and the cell beside may start with a figure
    (``DEB-TACE vs.`` ``23.0``)."""
    before = run[-1]
    if not FIGURE.match(glyph):
        return False
    return before.isdigit() or (
        FIGURE.match(before) is not None and len(run) > 1 and run[-2].isdigit()
    )


def _beside_hanzi(before: str, after: str) -> bool:
    """Two glyphs of which one is a hanzi and the other a hanzi, letter or figure (not the
    full-width punctuation that leaves half an em of paper inside one remark)."""
    return bool(
        (HAN.match(before) and (HAN.match(after) or ALNUM.match(after)))
        or (ALNUM.match(before) and HAN.match(after))
    )


class RapidOCR:
    name = "rapidocr"

    def __init__(self) -> None:
        data = load_data("ocr.toml")
        self.cfg = data["engines"]["rapidocr"]
        self.glyph_cfg = data["glyphs"]
        self._ocr: Any = None

    def check(self) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR as _RapidOCR
        except ImportError as exc:
            raise MissingDependencyError(
                f"RapidOCR is not installed ({exc}): {self.cfg['install']}"
            ) from exc
        threads = self.cfg["threads"] or -1
        self._ocr = _RapidOCR(
            max_side_len=self.cfg["max_side_len"],
            det_limit_side_len=self.cfg["det_side_len"],
            det_limit_type="max",
            intra_op_num_threads=threads,
            inter_op_num_threads=threads,
        )

    def read(self, image: np.ndarray) -> list[Word]:
        if self._ocr is None:
            self.check()
        rgb = np.dstack([image] * 3) if image.ndim == 2 else image
        # The page stands upright already (``prepare``): the per-line direction classifier
        # would only turn short lines on their head (``90%`` read as ``%06``).
        result, _ = self._ocr(rgb, use_cls=self.cfg["line_direction"], return_word_box=True)
        grey = (image if image.ndim == 2 else image.mean(axis=2)).astype(np.uint8)
        # Otsu's threshold, not a fixed one: on a blurred scan a thin stroke is light grey,
        # and paper where there is a stroke would part a figure (``1 44``).
        ink = grey < cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[0]
        return self.words_of([line for line in result or [] if line], ink)

    def words_of(self, lines: list[Any], ink: np.ndarray) -> list[Word]:
        """The words of the engine's lines, each glyph's case and stops settled by the ink
        (``glyph_ink``), where the paper says a word starts though no space was read too."""
        words: list[Word] = []
        glyph_lines = [_glyph_line(line) for line in lines]
        measured = [g for g in glyph_lines if g is not None]
        if measured and self.glyph_cfg["enabled"]:
            known = [line for line, g in zip(lines, glyph_lines, strict=True) if g is not None]
            for line, one in zip(known, measured, strict=True):
                one.starts = self.word_starts(line, one, ink)
            settled = settle_glyphs(measured, ink, self.glyph_cfg)
            for one, glyphs in zip(measured, settled, strict=True):
                one.glyphs = glyphs
        for line, glyph_line in zip(lines, glyph_lines, strict=True):
            words += self._words(line, glyph_line, ink)
        return words

    def line_turns(self, image: np.ndarray) -> tuple[int, int, bool]:
        """Text lines found on the image that the direction classifier is sure stand upright,
        and sure stand upside down: what the glyphs say about a page OSD is unsure of. And
        whether the page lies on its side: most of the long text lines the detector finds
        stand (taller than wide) rather than lie (``sideways_lines``)."""
        if self._ocr is None:
            self.check()
        ocr = self._ocr
        rgb = np.dstack([image] * 3) if image.ndim == 2 else image
        small, _, _ = ocr.preprocess(rgb)
        boxes, _ = ocr.auto_text_det(small)
        if boxes is None or len(boxes) == 0:
            return 0, 0, False
        wide = [float(np.ptp(b[:, 0])) for b in boxes]
        tall = [float(np.ptp(b[:, 1])) for b in boxes]
        standing = sum(1 for w, h in zip(wide, tall, strict=True) if h >= 3 * w)
        lying = sum(1 for w, h in zip(wide, tall, strict=True) if w >= 3 * h)
        sideways = standing > self.cfg["sideways_lines"] * max(lying, 1)
        by_width = sorted(range(len(boxes)), key=lambda i: -wide[i])
        widest = [boxes[i] for i in by_width[: self.cfg["direction_lines"]]]
        _, turns, _ = ocr.text_cls(ocr.get_crop_img_list(small, np.array(widest)))
        sure = self.cfg["direction_confidence"]
        upright = sum(1 for label, score in turns if label == "0" and score >= sure)
        upside_down = sum(1 for label, score in turns if label == "180" and score >= sure)
        return upright, upside_down, sideways

    def _words(self, line: list[Any], glyph_line: GlyphLine | None, ink: np.ndarray) -> list[Word]:
        """The line cut into words, from its glyphs as settled (``glyph_ink``) when the engine
        boxed each glyph, else the line as one word."""
        points, text, score = line[0], str(line[1]), float(line[2])
        xs = [p[0] for p in points]
        top, bottom = glyph_line_rows(line)
        if glyph_line is None:
            return [Word(text, Box(min(xs), top, max(xs), bottom), self.name, score)]
        glyphs, spans = glyph_line.glyphs, glyph_line.spans
        scores = line[5] if len(line) > 5 else [score] * len(glyphs)
        words = []
        for run in self._runs(line, glyph_line, ink):
            box = Box(spans[run[0]][0], top, spans[run[-1]][1], bottom)
            text = "".join(glyphs[k] for k in run)
            words.append(Word(text, box, self.name, min(float(scores[k]) for k in run)))
        return words

    def _runs(self, line: list[Any], glyph_line: GlyphLine, ink: np.ndarray) -> list[list[int]]:
        """The line's glyphs (by index) in words: parted where the engine read a space, where
        its boxes stand far apart, and where the paper between two glyphs is wider than the
        pair's kind sets inside a word."""
        top, bottom = glyph_line_rows(line)
        glyphs, spans = glyph_line.glyphs, glyph_line.spans
        count = min(len(glyphs), len(spans), len(line[5]) if len(line) > 5 else len(glyphs))
        max_gap = self.cfg["word_gap"] * (bottom - top)
        xs = [p[0] for p in line[0]]
        paper = PaperStrip(ink, top, bottom, min(xs), max(xs))
        max_paper = {
            "other": self.cfg["ink_gap"] * paper.ink_height,
            "latin": self.cfg["latin_ink_gap"] * paper.ink_height,
            "letter": self.cfg["letter_ink_gap"] * paper.ink_height,
        }
        # A hanzi's box is an em wide: blank paper of half an em beside one parts two cells
        # set close in a header (``发表年 纳入人数``), where hanzi in a word stand a fifth apart
        ems = [b - a for g, (a, b) in zip(glyphs, spans, strict=False) if HAN.match(g)]
        em_gap = self.cfg["hanzi_gap"] * statistics.median(ems) if len(ems) >= 2 else None
        runs: list[list[int]] = [[]]
        for k in range(count):
            glyph, (x0, x1) = str(glyphs[k]), spans[k]
            run = runs[-1]
            if not glyph.strip():
                if run:
                    runs.append([])
                continue
            if run:
                last = str(glyphs[run[-1]])
                (a, b), text = spans[run[-1]], [str(glyphs[i]) for i in run]
                blank = paper.widest((a + b) / 2, (x0 + x1) / 2)
                if (
                    x0 - b > max_gap
                    or (not _in_figure(text, glyph) and blank > max_paper[_pair_kind(last, glyph)])
                    or (em_gap is not None and _beside_hanzi(last, glyph) and blank > em_gap)
                ):
                    runs.append([])
            runs[-1].append(k)
        return [run for run in runs if run]

    def word_starts(
        self, line: list[Any], glyph_line: GlyphLine, ink: np.ndarray
    ) -> frozenset[int]:
        """The glyphs that open a word of the line though the engine read no space before them."""
        return frozenset(run[0] for run in self._runs(line, glyph_line, ink)[1:])


def _glyph_line(line: list[Any]) -> GlyphLine | None:
    """The line's glyphs and their x-ranges, when the engine gave a box for each glyph."""
    boxes = line[3] if len(line) > 3 else None
    glyphs = line[4] if len(line) > 4 else None
    if not boxes or not glyphs or len(boxes) != len(glyphs):
        return None
    spans = [(min(p[0] for p in b), max(p[0] for p in b)) for b in boxes]
    return GlyphLine([str(g) for g in glyphs], spans, *glyph_line_rows(line))


def glyph_line_rows(line: list[Any]) -> tuple[float, float]:
    """The top and bottom pixel rows of the engine's box around a line."""
    ys = [p[1] for p in line[0]]
    return min(ys), max(ys)


class PaperStrip:
    """The blank columns of a text line's strip of the page. Glyph boxes are the recogniser's
    estimates and close up a gap between two cells (``3年总生存率 5年总生存率``); the paper
    between two glyphs says how wide the gap really is."""

    def __init__(self, ink: np.ndarray, top: float, bottom: float, x0: float, x1: float):
        y0 = max(0, int(top))
        self.x0 = max(0, int(x0))
        strip = ink[y0 : max(y0 + 1, int(bottom)), self.x0 : max(self.x0 + 1, int(x1))]
        self.blank = np.logical_not(strip.any(axis=0))
        self.ink_height = float(strip.any(axis=1).sum())

    def widest(self, a: float, b: float) -> int:
        """The widest run of blank columns between x = a and x = b (page pixels)."""
        best = run = 0
        for blank in self.blank[max(0, int(a) - self.x0) : max(0, int(b) - self.x0)]:
            run = run + 1 if blank else 0
            best = max(best, run)
        return best
