"""OCR: read again, from their image, the pages whose text layer triage did not trust.

Each such page is rendered once (pypdfium2), prepared (turned upright, deskewed, rules found
and removed; see ``imaging``) and read by the configured engine into the same ``Word``
objects a text layer gives, in PDF points, so every later stage runs unchanged. The rules
found in the image become the page's rules, as drawn rules are on a text page.

A page whose Chinese glyphs are ``(cid:N)`` or mojibake usually still has exact Latin words
and figures in another font: those layer words replace the OCR words they cover, when the
two agree often enough to show the layer is sound (``[merge]`` in ``ocr.toml``). Engines
trained on Chinese and English drop accents (``Muller``) and a slash set tight between
capitals (``PEIHIFU``): names and abbreviations are read again by Tesseract's Latin-script
model, which may add accents and slashes and nothing else (``[accents]``).
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from dataclasses import dataclass, replace
from itertools import product
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytesseract
from rapidfuzz import fuzz

from .engines import Engine, get_engine
from .engines.tesseract import require
from .errors import time_up
from .imaging import (
    Band,
    Prepared,
    check_orientation,
    figure_height,
    fit_to_ink,
    ink_bands,
    keep,
    prepare,
    render,
    stacked,
    unread_regions,
)
from .lines import cjk_em, group_lines
from .model import Box, Page, PageClass, PageImage, Rule, Word
from .schema import load_data
from .second_opinion import differing, rereads, second_opinion
from .text import HAN, HAN_CHAR, LATIN_EM, glyph_spans, normalise

# Glyphs a damaged CJK font's codes turn into when read as Latin: (cid:N), hanzi, Latin-1
# letters and symbols and the Windows-1252 extras (€‚ƒ„†‡ˆ‰Š‹Œ™›), as in a layer whose CJK
# font has no map. A layer word holding one is not the printed text.
UNTRUSTED_GLYPH = re.compile(
    r"\(cid:\d+\)|[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u0080-\u024f"
    r"\u02c6\u02dc\u2020\u2021\u2030\u2039\u203a\u2122\u20ac\u201a\u201e\u0192]"
)
# A run of ASCII symbols and no letter or figure (``#$%&``, ``'()*``): a damaged CJK font's
# codes read as ASCII, unless OCR read the same there.
SYMBOL_RUN = re.compile(r"[!-/:-@\[-`{-~]{2,}")
MIXED_KINDS = ("cid", "mojibake")  # pages whose damage is confined to the CJK font
log = logging.getLogger("extract")


def page_box(box: Box, page: Page) -> Box:
    """A box of the page as read (upright) turned back onto the page as displayed, which is
    where a curator looks for it and where fields.csv says it is."""
    if not page.turn:
        return box
    return box.turned((360 - page.turn) % 360, page.width, page.height)


def check(engine_name: str) -> None:
    """Fail before any work, naming what to install, when OCR could not run."""
    if get_engine(engine_name).name == "none":
        return
    cfg = load_data("ocr.toml")
    if cfg["prepare"]["orientation"]:
        check_orientation()
    if cfg["accents"]["enabled"]:
        require([cfg["accents"]["languages"]], cfg["accents"]["install"], "accents of names")


def ocr(
    path: Path, pages: list[Page], classes: list[PageClass], engine_name: str, dpi: int
) -> tuple[list[Page], list[PageClass]]:
    """Pages and classes, with every page that needs OCR read by the engine."""
    todo = [i for i, c in enumerate(classes) if c.text_source == "none"]
    if not todo:
        return pages, classes
    engine = get_engine(engine_name)
    pages, classes = list(pages), list(classes)
    if engine.name == "none":
        for i in todo:
            classes[i] = replace(classes[i], reason="ocr_disabled")
        return pages, classes
    cfg = load_data("ocr.toml")
    pdf = pdfium.PdfDocument(path)
    try:
        for n, i in enumerate(todo, 1):
            start = time.perf_counter()
            try:
                pages[i], classes[i] = read_page(pdf, pages[i], classes[i], engine, dpi, cfg)
            except Exception as exc:  # noqa: BLE001 - one page's failure must not stop the rest
                if (up := time_up(exc)) is not None:
                    raise up from None  # the document's time is up: it fails as a whole
                message = f"OCR failed on page {pages[i].number}: {type(exc).__name__}: {exc}"
                classes[i] = replace(classes[i], reason="ocr_failed", error=message.strip())
            seconds = time.perf_counter() - start
            log.info("%s: page %d read by %s (%d/%d, %.1f s)", path.name, pages[i].number,
                     engine.name, n, len(todo), seconds)  # fmt: skip
    finally:
        pdf.close()
    return pages, classes


def read_page(
    pdf: pdfium.PdfDocument,
    page: Page,
    verdict: PageClass,
    engine: Engine,
    dpi: int,
    cfg: dict[str, Any],
) -> tuple[Page, PageClass]:
    """One page rendered, prepared and read: the page with OCR words, and its verdict."""
    # A scan holds no more detail than its image: rendering far above that only slows OCR.
    if page.image_dpi and page.image_cover > 0.5:
        dpi = min(dpi, round(cfg["prepare"]["max_upsample"] * page.image_dpi))
    grey, used_dpi = render(pdf, page.number, dpi)
    vector = verdict.kind in MIXED_KINDS and cfg["prepare"]["orientation"]
    line_turns = getattr(engine, "line_turns", None)  # an engine that tells which way is up
    prepared = prepare(
        grey, used_dpi, cfg["prepare"], page.text_turn if vector else None, line_turns
    )
    words = read_words(engine, prepared, cfg)
    more = (prepared.rotation - page.turn) % 360  # the layer may stand upright already
    layer_words, layer_rules = layer_upright(page, more)
    evidence = dict(verdict.evidence)
    if verdict.kind in MIXED_KINDS:
        words = split_at_layer_words(words, layer_words)
        words, evidence["layer_agreement"] = merge_layer(words, layer_words, cfg["merge"])
    words = _one_dash_each(words, prepared.unit * 72 / prepared.dpi)
    words = _restore_vs_dots(words, cfg["vs_undotted"])
    to_points = 72 / prepared.dpi
    turned = more in (90, 270)
    new_page = replace(
        page,
        words=words,
        rules=layer_rules or [Rule(r.box.scaled(to_points)) for r in prepared.rules],
        width=page.height if turned else page.width,
        height=page.width if turned else page.height,
        rotation=(page.rotation + more) % 360,
        image=PageImage(*keep(prepared.grey, prepared.dpi, cfg["keep_dpi"]), prepared.rotation),
        turn=prepared.rotation,
    )
    evidence.update(ocr_evidence(prepared, words))
    new_verdict = replace(
        verdict,
        text_source=f"ocr:{engine.name}",
        reason="",
        rotation=new_page.rotation,
        evidence=evidence,
    )
    return new_page, new_verdict


def read_words(engine: Engine, prepared: Prepared, cfg: dict[str, Any]) -> list[Word]:
    """The engine's words, what it missed read again, lone dashes, glyph confusions undone;
    boxes in PDF points of the upright page."""
    binarize = cfg["engines"].get(engine.name, {}).get("binarize", False)
    image = prepared.image_for(binarize)
    fitted = [replace(w, box=fit_to_ink(prepared.binary, w.box)) for w in engine.read(image)]
    found = _read_once(_one_line_each(fitted, prepared.binary, cfg["lines"]))
    found = _own_glyphs(found, prepared.binary)
    found += reread(engine, image, prepared, found, cfg["reread"])
    found = [w for w in found if _ink_agrees(w, prepared.binary, cfg["glyphs"])]
    figures = [w.box for w in found if PLAIN_FIGURE.match(w.text.strip())]
    prepared = prepared.measured(figure_height(prepared.binary, figures), cfg["prepare"])
    found = [
        w if _hanzi_one(w, found) else _measured_dash(w, prepared, cfg["prepare"]) for w in found
    ]
    found = _measured_range_dashes(found, prepared, cfg["prepare"])
    found += [
        Word(prepared.dash(box, cfg["prepare"]), box, engine.name,
             cfg["prepare"]["dash_confidence"])
        for box in prepared.dashes
        if not any(_same_place(box, w.box, prepared.unit) or _opens_or_ends(box, w, prepared.unit)
                   or _hanzi_stroke(box, w, prepared.unit) for w in found)
    ]  # fmt: skip
    found += _dashes_like_the_pages(found, prepared, engine.name, cfg["prepare"])
    found = [replace(w, text=corrected(normalise(w.text), cfg["correct"])) for w in found]
    found = _corrected_after(found, cfg["correct"], prepared.unit)
    if cfg["accents"]["enabled"]:  # after: a name whose capital I was read l is a name
        found = with_accents_and_slashes(found, prepared, cfg["accents"])
    found = second_opinion(found, prepared, cfg["second_opinion"], engine.name)
    if cfg["superscripts"]["enabled"]:  # after: a word the second reading fills in keeps them
        found = _superscripts_read_again(found, engine, prepared, cfg["superscripts"])
    if cfg["commas"]["enabled"]:
        found += _dropped_commas(found, prepared.binary, engine.name, cfg["commas"])
    to_points = 72 / prepared.dpi
    source = f"ocr:{engine.name}"
    return [replace(w, box=w.box.scaled(to_points), source=source) for w in found]


def _one_line_each(words: list[Word], binary: np.ndarray, cfg: dict[str, Any]) -> list[Word]:
    """Each word's box on the one printed line its glyphs stand in.

    A detector may grow a box over two printed lines where a cell's lines sit half a line
    off its neighbours' (a centred two-line cell beside a three-line one): the recogniser
    reads one of them, and the other line's ink, inside the box, looks read and is lost
    (``vs. LITT``). In a box much taller than the page's usual, the word's line is the band
    of ink that spans its glyphs best; a band cut by the box's top or bottom is a neighbour
    line's edge. The box is moved onto that band, so the rest shows as unread (``reread``).
    """
    if not words:
        return words
    usual = float(np.median([w.box.height for w in words]))
    out: list[Word] = []
    for w in words:
        if w.box.height <= cfg["tall"] * usual:
            out.append(w)
            continue
        bands = [
            b for b in ink_bands(binary, w.box, max(1, round(cfg["band_gap"] * usual)))
            if b.bottom - b.top >= cfg["band_least"] * usual
        ]  # fmt: skip
        whole = [b for b in bands if b.top > w.box.top + 1 and b.bottom < w.box.bottom - 1]
        pool = whole or bands
        if len(bands) < 2 or not pool:
            out.append(w)
            continue
        middle = w.box.y_mid
        best = max(pool, key=lambda b: (round(b.share, 1), -abs((b.top + b.bottom) / 2 - middle)))
        pad = max(0.0, (usual - (best.bottom - best.top)) / 2)
        top, bottom = max(w.box.top, best.top - pad), min(w.box.bottom, best.bottom + pad)
        out.append(_marks_on_its_line(replace(w, box=Box(w.box.x0, top, w.box.x1, bottom)),
                                      binary, best, cfg["marks"]))  # fmt: skip
    return out


def _own_glyphs(words: list[Word], binary: np.ndarray) -> list[Word]:
    """The words less those of one glyph whose ink is all a piece of a neighbour's glyphs.

    A detector's box may stop short inside a glyph (the lower ring of a ``%``) and the next
    box start on the rest of it, which the recogniser reads as a glyph of its own
    (``4.2% 6``). No two words share a glyph: a lone glyph narrower than a third of its
    height, every piece of ink of which reaches into the box of a word beside it on its
    line, is that word's.
    """
    lone = [w for w in words if len(w.text.strip()) == 1 and w.box.width < w.box.height / 3]
    if not lone:
        return words
    ink = (binary < 128).astype(np.uint8)
    _, labels = cv2.connectedComponents(ink, connectivity=8)

    def pieces(box: Box) -> set[int]:
        x0, y0 = max(0, int(box.x0)), max(0, int(box.top))
        found = labels[y0 : int(np.ceil(box.bottom)), x0 : int(np.ceil(box.x1))]
        return set(np.unique(found).tolist()) - {0}

    dropped = set()
    for w in lone:
        own = pieces(w.box)
        beside = [
            o for o in words
            if o is not w
            and min(o.box.bottom, w.box.bottom) - max(o.box.top, w.box.top) > w.box.height / 2
            and min(abs(o.box.x1 - w.box.x0), abs(w.box.x1 - o.box.x0)) < w.box.height
        ]  # fmt: skip
        if own and any(own <= pieces(o.box) for o in beside):
            dropped.add(id(w))
    return [w for w in words if id(w) not in dropped]


def _marks_on_its_line(word: Word, binary: np.ndarray, band: Band, marks: str) -> Word:
    """The word less a last mark (``。``, ``，``) with no ink of its own on its line: read
    from the other line's glyphs under the box (``未报告。`` over ``vs. 61.6``). A mark is
    the last piece of ink on the line, narrower than the glyph it was read as; a wider one
    is the glyph before it."""
    text = word.text.rstrip()
    if len(text) < 2 or text[-1] not in marks:
        return word
    a, b = glyph_spans(text, word.box.x0, word.box.x1)[-1]
    x0, x1 = max(0, int(word.box.x0)), max(0, int(word.box.x1))
    inked = (binary[band.top : band.bottom, x0:x1] < 128).any(axis=0)
    cols = np.flatnonzero(inked)
    if cols.size == 0:
        return word
    gaps = np.flatnonzero(np.diff(cols) > 1)
    last = cols[gaps[-1] + 1] if gaps.size else cols[0]  # where the last piece begins
    if cols[-1] - last < 0.6 * (b - a):
        return word
    end = float(x0 + cols[-1] + 1)
    return replace(word, text=text[:-1], box=Box(word.box.x0, word.box.top, end, word.box.bottom))


def _dropped_commas(
    words: list[Word], binary: np.ndarray, engine: str, cfg: dict[str, Any]
) -> list[Word]:
    """Full-width commas the engine dropped beside words of hanzi: between two words of
    hanzi on one line the gap is about an em wide, and its only ink is a speck no wider
    than tall (a dash is flat) in the lower half of the hanzi's height, early in the gap,
    where a full-width comma prints in its em. Where a cell's line wraps no word stands on
    the comma's other side: at a line's end after the last word, or (a typesetter that
    breaks before the comma) at the next line's start, in the em before its first word.
    There the speck must be all the ink in as wide a gap, and no ring (a ``。``). Pixel
    boxes."""
    lo_gap, hi_gap = cfg["gap"]
    # by speck: one found from either side (a line's last word's end, the next one's start)
    marks: dict[tuple[float, float, float, float], Word] = {}
    for w in words:
        text = w.text.strip()
        if not text:
            continue
        level = [v for v in words if abs(v.box.y_mid - w.box.y_mid) < 0.5 * w.box.height]
        em = _line_em(w, level)
        after = min((v for v in level if v.box.x0 > w.box.x1), key=lambda v: v.box.x0,
                    default=None)  # fmt: skip
        before = max((v for v in level if v.box.x1 < w.box.x0), key=lambda v: v.box.x1,
                     default=None)  # fmt: skip
        y0, y1 = int(w.box.top), int(w.box.bottom) + 1
        gap = after.box.x0 - w.box.x1 if after is not None else float("inf")
        hanzi_after = after if after and HAN_CHAR.match(after.text.strip()[:1]) else None
        places = []  # (x0, x1, the rows of the hanzi beside, its em, where)
        if HAN_CHAR.match(text[-1]):
            # the hanzi's own ink says where the line's foot is (an engine's box runs past it)
            rows = _ink_rows(binary, y0, y1, int(w.box.x1 - em), int(w.box.x1))
            if gap > hi_gap * em:
                places.append((int(w.box.x1) + 1, int(w.box.x1 + hi_gap * em), rows, em, "end"))
            elif hanzi_after and gap >= lo_gap * em:  # (none before Latin or figures)
                places.append((int(w.box.x1) + 1, int(hanzi_after.box.x0), rows, em, "gap"))
        elif hanzi_after:
            # figures or Latin before hanzi (``ECOG≤1、肝内``): the hanzi gives the em
            han_em = cjk_em(hanzi_after)
            if lo_gap * han_em <= gap <= hi_gap * han_em:
                a0 = int(hanzi_after.box.x0)
                rows = _ink_rows(binary, y0, y1, a0, int(a0 + han_em))
                places.append((int(w.box.x1) + 1, a0, rows, han_em, "gap"))
        if HAN_CHAR.match(text[0]) and (before is None or w.box.x0 - before.box.x1 > hi_gap * em):
            rows = _ink_rows(binary, y0, y1, int(w.box.x0), int(w.box.x0 + em))
            places.append((max(0, int(w.box.x0 - hi_gap * em)), int(w.box.x0), rows, em, "start"))
        for x0, x1, rows, size, place in places:
            found = _comma_speck(binary, x0, x1, y0, y1, rows, size, place, cfg)
            if found is not None:
                speck, mark = found
                marks.setdefault(
                    (speck.x0, speck.x1, speck.top, speck.bottom),
                    Word(mark, replace(speck, top=w.box.top, bottom=w.box.bottom), engine,
                         cfg["confidence"]),
                )  # fmt: skip
    return list(marks.values())


def _line_em(word: Word, level: list[Word]) -> float:
    """A word's em: its glyphs' pitch, but the box of a word of a glyph or two is fitted to
    its ink, narrower than an em (``究`` of ``究，肝转移``): there the pitch of the longest
    run of hanzi on its line, when it has one of three or more."""
    text = word.text.strip()
    if len(text) >= 3:
        return word.box.width / len(text)
    runs = [v for v in level if len(t := v.text.strip()) >= 3 and all(HAN_CHAR.match(c) for c in t)]
    if not runs:
        return word.box.width / len(text)
    return cjk_em(max(runs, key=lambda v: len(v.text.strip())))


def _mark_of(ink: np.ndarray, em: float, cfg: dict[str, Any]) -> str:
    """Which full-width mark a speck is, by the way its stroke runs: the enumeration comma
    ``、`` falls to the right; the comma ``，`` ends in a tail to the left. A speck too small
    to show its stroke (a 150-dpi scan) is the comma, by far the commoner."""
    ys, xs = np.nonzero(ink)
    if max(ink.shape) < cfg["judged_size"] * em or xs.std() == 0 or ys.std() == 0:
        return "，"
    return "、" if np.corrcoef(xs, ys)[0, 1] > cfg["falls_right"] else "，"


def _ink_rows(binary: np.ndarray, y0: int, y1: int, x0: int, x1: int) -> np.ndarray:
    """The rows of a glyph's ink: where its line's foot and middle are."""
    return np.flatnonzero((binary[y0:y1, max(0, x0) : max(0, x1)] < 128).any(axis=1))


def _comma_speck(
    binary: np.ndarray, x0: int, x1: int, y0: int, y1: int, glyph: np.ndarray, em: float,
    place: str, cfg: dict[str, Any],
) -> tuple[Box, str] | None:  # fmt: skip
    """The box of a full-width comma's speck, and which mark it is (``_mark_of``), when it is
    all the ink between ``x0`` and ``x1`` on the line (rows ``y0``-``y1``): comma-sized, no
    wider than tall, low on the line (``glyph``: the rows of the hanzi beside it) and where
    a comma prints in its em.
    ``place``: ``gap`` between two words, the ``end`` or the ``start`` of a line."""
    lo_size, hi_size = cfg["size"]
    if x1 <= x0 or glyph.size == 0:
        return None
    ink = (binary[y0:y1, x0:x1] < 128).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    # a scan's noise: specks a fraction of the least comma's size each way
    noise = [k for k in range(1, count) if max(stats[k, 2], stats[k, 3]) < cfg["noise"] * em]
    # and the words' own strokes their boxes cut, against the sides a word stands on
    width = ink.shape[1]
    words_own = [k for k in range(1, count)
                 if (place != "start" and stats[k, 0] == 0)
                 or (place != "end" and stats[k, 0] + stats[k, 2] >= width)]  # fmt: skip
    ink[np.isin(labels, noise + words_own)] = 0
    pieces = [stats[k] for k in range(1, count) if k not in noise and k not in words_own]
    if len(pieces) != 1:
        return None  # nothing there, or more than a comma
    px, py, pw, ph, _ = pieces[0]
    # low on the line: its foot below the hanzi's middle (a Kai font's comma and the
    # enumeration comma stand higher than a Song font's comma, their middles level with it)
    on_foot = py + ph > (glyph[0] + glyph[-1]) / 2 + 0.1 * (glyph[-1] - glyph[0])
    mark = _mark_of(ink[py : py + ph, px : px + pw] > 0, em, cfg)
    sized = (
        lo_size * em <= pw <= hi_size * em and cfg["taller"] * lo_size * em <= ph <= hi_size * em
    )
    sized = sized and ph >= 0.8 * pw
    if place == "start":  # in the left of the em before the word's first glyph
        placed = width - em <= px + pw / 2 <= width - 0.35 * em
    else:
        # in its em, before the next glyph's, clear of it (a stroke the engine's box left
        # out, 热's first dot, lies against its glyph), nor against the glyph before (a
        # stroke's tail)
        placed = px + pw / 2 < 0.6 * width and width - (px + pw) >= 0.35 * em
        placed = placed and px >= 0.1 * em
    if place != "gap" and _ringed(ink):
        return None
    if not (on_foot and placed and sized):
        return None
    return Box(float(x0 + px), float(y0 + py), float(x0 + px + pw), float(y0 + py + ph)), mark


def _ringed(ink: np.ndarray) -> bool:
    """Whether a piece of ink closes round paper (the ring of ``。``; a comma is solid)."""
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    return hierarchy is not None and any(h[3] >= 0 for h in hierarchy[0])


def with_accents_and_slashes(
    words: list[Word], prepared: Prepared, cfg: dict[str, Any]
) -> list[Word]:
    """Words with what an engine trained on Chinese and English drops, as Tesseract's
    Latin-script model reads it: the accents of names (``Muller`` → ``Müller``) and the slash
    between two abbreviations (``PEIHIFU`` → ``PEI/HIFU``, set tight it blurs into the
    letter before). The crops are stacked on one sheet and read in one call, and of the
    model's reading only the accents and slashes are taken.
    Only names (a capital, then small letters) are read for accents: the English of a remark
    has none, and on a noisy scan the model finds some in a speck (``ratė``, ``dišease``).
    Only runs of capitals are read for slashes. A crop holds the word's letters alone, on
    white: a glyph beside it (``等`` of ``Åberg等``) or the tops of the next line's glyphs
    make the model read the whole crop wrong."""
    todo = [
        (i, name)
        for i, w in enumerate(words)
        if (name := BARE_LETTERS.match(w.text) or CAPITALS.fullmatch(w.text))
        and name.group()[0].isupper()
        and len(name.group()) >= cfg["min_capitals" if name.group().isupper() else "min_letters"]
    ]
    if not todo:
        return words
    pad = max(1, round(cfg["pad"] * prepared.unit))
    reach = max(1, round(cfg["reach"] * prepared.unit))
    names = [_letters_box(words[i], name.end(), prepared.binary) for i, name in todo]
    sheet, placed = stacked(prepared.grey, names, pad, reach)
    data = pytesseract.image_to_data(
        sheet, lang=cfg["languages"], config="--psm 6", timeout=cfg["timeout"],
        output_type=pytesseract.Output.DICT,
    )  # fmt: skip
    read: dict[int, list[tuple[int, str, float]]] = {}
    for k, text in enumerate(data["text"]):
        mid = data["top"][k] + data["height"][k] / 2
        row = next((r for r, (top, _, _, h) in enumerate(placed) if top <= mid < top + h), None)
        if text.strip() and row is not None:
            read.setdefault(row, []).append((data["left"][k], text.strip(), float(data["conf"][k])))
    out = list(words)
    for row, (i, name) in enumerate(todo):
        pieces = sorted(read.get(row, []))
        seen = "".join(t for _, t, _ in pieces)
        # How surely the word was read: its first piece's (a glyph's piece after the name,
        # read as a symbol, is unsure and says nothing of the name).
        unsure = not pieces or pieces[0][2] < cfg["min_confidence"]
        own = name.group()
        if own.isupper():
            taken = _slashes_taken(own, seen, unsure)
        else:
            theirs = LATIN_LETTERS.match(seen)
            taken = _accents_taken(own, theirs.group() if theirs else "", unsure)
        if taken != own:
            out[i] = replace(words[i], text=taken + words[i].text[name.end() :])
    return out


def _slashes_taken(own: str, theirs: str, unsure: bool) -> str:
    """The model's reading when it is the engine's letters with slashes between them
    (``PEIHIFU`` and ``PEI/HIFU``), each part at least two letters or one on both sides
    (``A/B``), and read surely; else the engine's."""
    if unsure or "/" not in theirs or theirs.replace("/", "") != own:
        return own
    parts = theirs.split("/")
    if any(not p for p in parts) or (any(len(p) < 2 for p in parts) and len(own) > 2):
        return own
    return theirs


def _letters_box(word: Word, letters: int, binary: np.ndarray) -> Box:
    """Where a word's first ``letters`` glyphs lie (the name of ``Åberg,等58``): to the first
    gap in the ink a glyph past their estimated end, as glyph widths vary between fonts (a
    piece of the next glyph read with the name is past its letters, and left)."""
    spans = glyph_spans(word.text, word.box.x0, word.box.x1)
    if letters >= len(spans):
        return word.box
    top, bottom = max(0, int(word.box.top)), int(word.box.bottom) + 1
    x = int(spans[letters - 1][1] + LATIN_EM * word.box.height)
    end = min(binary.shape[1], int(word.box.x1))
    ink = (binary[top:bottom, x:end] < 128).any(axis=0)
    gaps = np.flatnonzero(~ink)
    return replace(word.box, x1=float(x + gaps[0]) if gaps.size else word.box.x1)


# A word's opening run of letters (a name, ``Gomez`` of ``Gomez,等[22]``), as an engine
# without accents reads it (an accented o may come out a figure inside it: ``G6mez``), and
# as the Latin-script model does.
BARE_LETTERS = re.compile(r"[A-Za-z]+(?:\d[a-z]+)*")
# A word of capitals and figures alone, an abbreviation or a run of them (``RFATARE``).
CAPITALS = re.compile(r"[A-Z][A-Z0-9]+")
LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")


def _accents_taken(own: str, theirs: str, unsure: bool = False) -> str:
    """The engine's reading with the accented letters the Latin model read in their places
    (``Kumler`` and ``Kümlen`` give ``Kümler``; ``Kimler`` and ``Kümler`` too: the engine
    reads an accented letter as a look-alike, which only a sure reading replaces). The
    model's other letters are not taken (it reads less well than the engine), but they must
    mostly agree with the engine's, or its reading is of something else and gives nothing.
    An umlaut's dots the engine read as a letter of their own (``Muiller``, ``Kuimler``) go
    with the letter the model accents before them."""
    if len(theirs) == len(own) - 1 and not unsure:
        for j in (j for j in range(1, len(own)) if own[j] in "il"):
            fewer = own[:j] + own[j + 1 :]
            taken = _accents_taken(fewer, theirs)
            if taken != fewer and plain_latin(taken[j - 1]) != taken[j - 1]:
                return taken
    if len(theirs) < len(own):
        return own
    pairs = list(zip(own, theirs[: len(own)], strict=True))
    accented = [
        plain_latin(b) != b and b.isalpha() and (not unsure or plain_latin(b).lower() == a.lower())
        for a, b in pairs
    ]
    kept = [(a, b) for (a, b), acc in zip(pairs, accented, strict=True) if not acc]
    disagree = sum(a.lower() != b.lower() for a, b in kept)
    if not any(accented) or disagree > len(own) // 5:
        return own
    return "".join(b if acc else a for (a, b), acc in zip(pairs, accented, strict=True))


def _read_once(words: list[Word]) -> list[Word]:
    """Each glyph read once: a detector may box a piece of a word again (the right half of
    ``30.8``'s 8 read as a ``3`` of its own, or the ``s`` of a line in the next column caught
    by a line box that ran on into it); a word sharing a third of its ink's width with a
    longer one on its line (printed words share none), or lying mostly inside one, is that
    word's glyphs read twice, and would print a figure the page does not have."""

    def inside(a: Box, b: Box) -> bool:  # a's glyphs within b's
        across = min(a.x1, b.x1) - max(a.x0, b.x0)
        level = abs(a.y_mid - b.y_mid) < 0.25 * min(a.height, b.height)
        return (level and across > 0.3 * min(a.width, b.width)) or a.overlap(b) > 0.5

    kept: list[int] = []
    order = sorted(
        range(len(words)), key=lambda i: (-len(words[i].text.strip()), -words[i].confidence)
    )
    for i in order:
        if not any(inside(words[i].box, words[k].box) for k in kept):
            kept.append(i)
    return [words[i] for i in sorted(kept)]


def _ink_agrees(word: Word, binary: np.ndarray, cfg: dict[str, Any]) -> bool:
    """Whether the page's ink in a word's box could be what was read. An engine reading a
    crop of blank paper, a speck or another glyph's piece still returns a glyph: a ``1``
    where no ink is; a dash read from a rule's short upright stub (a dash is flat); a comma
    read from the tail of a ``%`` (a comma or stop sits low on its line, ``cfg['low_marks']``)."""
    b = word.box
    x0, y0 = max(0, int(b.x0)), max(0, int(b.top))
    ink = binary[y0 : int(np.ceil(b.bottom)), x0 : int(np.ceil(b.x1))] < 128
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return False
    text = word.text.strip()
    dashes = load_data("layout.toml")["dash_glyphs"]
    if text and all(c in dashes for c in text):
        return bool(cols[-1] - cols[0] >= rows[-1] - rows[0])
    if text and all(c in cfg["low_marks"] for c in text):
        return bool(rows[0] >= 0.5 * ink.shape[0])
    return True


def _dashes_like_the_pages(
    words: list[Word], prepared: Prepared, engine: str, cfg: dict[str, Any]
) -> list[Word]:
    """Lone dashes blur made too round for the stroke finder (a 7-point hyphen on a 150-dpi
    scan is a 7 by 5 pixel blob), found by the page's own: where the engine read lone
    dashes, a piece of ink as long as theirs, no taller than long, alone in its column (as
    ``find_dashes`` asks), unread and level with the middle of a word on its row, is one
    more of them. Specks are shorter, or off the rows' middles. Pixel boxes."""
    glyphs = set(load_data("layout.toml")["dash_glyphs"])
    ink = (prepared.binary < 128).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    xs, ys, ws, hs = (stats[1:, i] for i in range(4))
    read = [w for w in words if w.text.strip() in glyphs]
    sizes = []
    for word in read:  # the one piece of ink inside each dash the engine read
        b = word.box
        inside = np.flatnonzero(
            (xs >= b.x0 - 1) & (xs + ws <= b.x1 + 1) & (ys >= b.top - 1) & (ys + hs <= b.bottom + 1)
        )
        if inside.size == 1:
            sizes.append((int(ws[inside[0]]), int(hs[inside[0]])))
    if len(sizes) < cfg["dash_like_min"]:
        return []
    width = float(np.median([w for w, _ in sizes]))
    height = float(np.median([h for _, h in sizes]))
    text = max(glyphs, key=lambda g: sum(1 for w in read if w.text.strip() == g))
    unit, tol = prepared.unit, cfg["dash_like_tolerance"]
    # as long as the page's dashes; blur may have made it as thick as long, no more
    alike = np.flatnonzero(
        (np.abs(ws - width) <= tol * width)
        & ((1 - tol) * height <= hs)
        & (hs <= np.minimum(ws, 2 * height))
    )
    out = []
    for k in alike.tolist():
        x, y, w, h = int(xs[k]), int(ys[k]), int(ws[k]), int(hs[k])
        box = Box(float(x), float(y), float(x + w), float(y + h))
        if any(box.overlap(o.box) > 0 for o in words):
            continue
        row = [o for o in words if o.box.top < box.y_mid < o.box.bottom
               and abs(o.box.y_mid - box.y_mid) < 0.25 * unit]  # fmt: skip
        reach = round(0.6 * unit)
        above = ink[max(0, y - reach) : max(0, y - 1), x : x + w]
        below = ink[y + h + 1 : y + h + reach, x : x + w]
        if row and not above.any() and not below.any():
            out.append(Word(text, box, engine, cfg["dash_confidence"]))
    return out


def _hanzi_one(word: Word, words: list[Word]) -> bool:
    """Whether a lone ``一`` the engine read is the hanzi: a word's glyph set between hanzi on
    its line, less than a glyph's width from each (``第`` ``一`` ``作者``, a letter-spaced
    header read glyph by glyph). A dash for a missing value stands in a cell of its own, a
    cell's padding from any neighbour; no table prints one glued between two hanzi."""
    if word.text.strip() != "一":
        return False

    def beside(other: Word, left: bool) -> bool:
        text = other.text.strip()
        if not text or abs(other.box.y_mid - word.box.y_mid) > other.box.height / 2:
            return False
        glyph = other.box.width / len(text)  # a hanzi's width, measured on its neighbour
        gap = word.box.x0 - other.box.x1 if left else other.box.x0 - word.box.x1
        return -glyph / 4 < gap < glyph and bool(HAN_CHAR.match(text[-1] if left else text[0]))

    return any(beside(w, True) for w in words) and any(beside(w, False) for w in words)


def _measured_dash(word: Word, prepared: Prepared, cfg: dict[str, Any]) -> Word:
    """A lone dash the engine read, or a run of dashes opening or closing a word, as the
    glyph its stroke measures: engines read any dash as ``-`` or ``一``, and a wide em dash
    as two (``——vs.``). A glyph of one stroke read where a lone flat stroke is (``1``, ``l``
    or ``二`` over a dash and a speck) is that dash: the stroke's shape says which."""
    glyphs = "".join(load_data("layout.toml")["dash_glyphs"])
    text = word.text.strip()
    if (
        text
        and all(c in glyphs for c in text)
        or (len(text) == 1 and text in cfg["dash_look_alikes"])
    ):
        for box in prepared.dashes:
            if _same_place(box, word.box, prepared.unit):
                return replace(word, text=prepared.dash(box, cfg))
        return word
    dash = re.escape(glyphs)
    lead = re.match(f"[{dash}]+(?=[^{dash}])", text)
    tail = re.search(f"(?<=[^{dash}])[{dash}]+$", text)
    for box in prepared.dashes:
        if lead and _at_start(box, word.box, prepared.unit):
            text = prepared.dash(box, cfg) + text[lead.end() :]
            lead = None
        elif tail and _at_end(box, word.box, prepared.unit):
            text = text[: len(text) - len(tail.group())] + prepared.dash(box, cfg)
            tail = None
    return replace(word, text=text) if text != word.text.strip() else word


PLAIN_FIGURE = re.compile(r"^\d+(?:\.\d+)?%?$")  # a word of figures only: ``42``, ``13.5``, ``68%``
# Dashes inside a word whose glyph its stroke tells: between two figures (lo–hi) or after
# the first where a range wraps (``(26.9–`` over ``48.9)``), and a missing value glued
# between two arm separators (``vs.-vs.``, ``vs一vs``; the hanzi 一 inside any word where
# no hanzi stands beside it). A lone dash opening or closing a word is ``_measured_dash``'s;
# a hyphen inside a word (``Child-Pugh``) is left as read.
RANGE_DASH = re.compile(r"(?<=[\d.%)\]])[-–—一](?=[\d(\[])|(?<=\d)[-–—一]$")
GLUED_DASH = re.compile(
    rf"(?<=[^\s{HAN}])一(?=[^\s{HAN}])|(?:(?<=[Vv][Ss])|(?<=[Vv][Ss]\.))[-–—](?=[Vv][Ss])"
)

Stroke = tuple[Box, np.ndarray]  # a piece of ink: its box (pixels) and its mask in the box


def _measured_range_dashes(
    words: list[Word], prepared: Prepared, cfg: dict[str, Any]
) -> list[Word]:
    """The dashes inside a page's words (``(64.2–84.3)``, ``41.4-69.3``; ``vs.一vs.``) as the
    glyph their strokes measure: engines read an en dash there as a hyphen; a tilde's wave
    (``1~2级``) is a tilde. One typesetter sets every range of a table alike, and at a
    scan's resolution one stroke measures a pixel either way of its kind's (a hyphen there
    measures as long as an en dash elsewhere): where ``dashes_alike`` or more of the
    page's ranges were measured, their strokes together tell the kind of every range, one
    whose stroke could not be measured too. Pixel boxes."""
    found = [(w, *_dash_strokes(w, prepared)) for w in words]
    strokes = [piece[0] for _, spots, pieces in found
               for (_, in_range), piece in zip(spots, pieces or [], strict=False)
               if in_range and not _wavy(piece[1])]  # fmt: skip
    kind = prepared.dash_of_all(strokes, cfg) if len(strokes) >= cfg["dashes_alike"] else None
    out = []
    for word, spots, pieces in found:
        text = list(word.text)
        for k, (at, in_range) in enumerate(spots):
            piece = pieces[k] if pieces else None
            if piece is not None and _wavy(piece[1]):
                text[at] = "~"
            elif in_range and kind is not None:
                text[at] = kind
            elif piece is not None:
                text[at] = prepared.dash(piece[0], cfg)
        out.append(replace(word, text="".join(text)) if spots else word)
    return out


def _dash_strokes(
    word: Word, prepared: Prepared
) -> tuple[list[tuple[int, bool]], list[Stroke] | None]:
    """The dashes read inside a word (``RANGE_DASH``, ``GLUED_DASH``: where each stands, and
    whether in a range) and their strokes: the
    flat pieces of ink in the word's box between its figures' foot and top, taken in order
    when there are as many as dashes read (else None: which is which cannot be told); a
    range's dash closing the word where the range wraps (``(26.9–``) may be blurred into its
    figure, and is measured from the word's end (``_flat_runs``)."""
    ranges = {m.start() for m in RANGE_DASH.finditer(word.text)}
    glued = {m.start() for m in GLUED_DASH.finditer(word.text)} - ranges
    spots = sorted([(at, True) for at in ranges] + [(at, False) for at in glued])
    if not spots:
        return [], None
    unit, b = prepared.unit, word.box
    x0, y0 = max(0, int(b.x0)), max(0, int(b.top))
    ink = (prepared.binary[y0 : int(b.bottom) + 1, x0 : int(b.x1) + 1] < 128).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    # A range's dash stands between its figures' foot and top; a serif's foot (of a 1) or
    # a stroke's top (of a 5) lying flat is part of a figure, not a dash.
    figures = [(y, y + h) for _, y, _, h, _ in stats[1:] if h >= 0.5 * unit]
    top = float(np.median([t for t, _ in figures])) if figures else 0.0
    foot = float(np.median([b for _, b in figures])) if figures else float(ink.shape[0])
    margin = 0.2 * (foot - top)
    strokes = sorted(
        (k for k, (x, y, w, h, _) in enumerate(stats[1:], start=1)
         if h <= 0.35 * unit and w >= 2 * h and w >= 0.2 * unit
         and top + margin <= y + h / 2 <= foot - margin),
        key=lambda k: stats[k][0],
    )  # fmt: skip
    pieces = [(Box(*map(float, (x, y, x + w, y + h))), labels[y : y + h, x : x + w] == k)
              for k in strokes for x, y, w, h, _ in [stats[k]]]  # fmt: skip
    wraps = len(spots) == 1 and spots[0][0] + 1 == len(word.text.rstrip())
    if len(pieces) != len(spots):  # blurred into a figure: the columns holding only it
        runs = _flat_runs(ink, top + margin, foot - margin, unit)
        if wraps:  # measured from its end
            pieces = runs[-1:] if runs and runs[-1][0].x1 >= _ink_end(ink) else []
        else:  # measured from the end no figure touches
            pieces = [(box, mask) for box, mask in runs if _free_at_an_end(ink, box)]
    return spots, pieces if len(pieces) == len(spots) else None


def _free_at_an_end(ink: np.ndarray, box: Box) -> bool:
    """Whether the column just past either end of a stroke holds no ink: the stroke's length
    there is its own (``_flat_runs``)."""
    before, after = int(box.x0) - 1, int(box.x1)
    return (
        before < 0 or not ink[:, before].any() or after >= ink.shape[1] or not ink[:, after].any()
    )


def _ink_end(ink: np.ndarray) -> int:
    cols = np.flatnonzero(ink.any(axis=0))
    return int(cols[-1]) + 1 if cols.size else 0


def _flat_runs(
    ink: np.ndarray, high: float, low: float, unit: float
) -> list[tuple[Box, np.ndarray]]:
    """The runs of columns whose ink is one thin band between ``high`` and ``low``: a dash
    that blur joined to a figure (``9–`` at 150 dpi) is one piece of ink with it, but its
    columns hold nothing else. Runs shorter than a fifth of a glyph are a figure's tips.
    Only a run free at one end measures its stroke's length: a stroke joined at both ends
    lost a piece to each neighbour (``vs.—vs.`` blurred, an em dash measured an en dash)."""
    rows = [np.flatnonzero(col) for col in ink.T]
    flat = [
        r.size > 0 and r[-1] - r[0] < 0.35 * unit and r[0] >= high and r[-1] <= low for r in rows
    ]
    runs, start = [], None
    for x, is_flat in enumerate([*flat, False]):
        if is_flat and start is None:
            start = x
        elif not is_flat and start is not None:
            a, b = _level_part(rows, start, x)
            if b - a >= 0.2 * unit:
                # the stroke's own rows: where the figure joins it, its columns hold more
                top = int(np.median([rows[c][0] for c in range(a, b)]))
                bottom = int(np.median([rows[c][-1] for c in range(a, b)])) + 1
                box = Box(float(a), float(top), float(b), float(bottom))
                runs.append((box, ink[top:bottom, a:b] > 0))
            start = None
    return runs


def _level_part(rows: list[np.ndarray], start: int, end: int) -> tuple[int, int]:
    """A run of thin columns less its ends where they thicken or leave the run's level:
    there a figure's stroke meets the dash (the 4's slant, or its crossbar a little lower),
    and those columns are the figure's as much as the dash's."""

    def off(c: int) -> bool:
        return (
            int(rows[c][-1] - rows[c][0]) > thick + 1
            or abs(float(rows[c][0] + rows[c][-1]) / 2 - level) > 1
        )

    thick = int(np.median([rows[c][-1] - rows[c][0] for c in range(start, end)]))
    level = float(np.median([(rows[c][0] + rows[c][-1]) / 2 for c in range(start, end)]))
    while start < end and off(start):
        start += 1
    while start < end and off(end - 1):
        end -= 1
    return start, end


def _wavy(stroke: np.ndarray) -> bool:
    """Whether a flat piece of ink is a tilde's wave, not a dash: each of its columns holds
    a thin stretch of the piece's height, or the stretch climbs or falls across it (the
    wave, blurred), where a dash's columns each hold all of it, level."""
    height, width = stroke.shape
    if height < 4:
        return False  # too few pixels to tell
    filled = stroke.sum(axis=0)
    thickness = float(np.median(filled))
    centres = (stroke * np.arange(height)[:, None]).sum(axis=0) / np.maximum(filled, 1)
    inner = centres[round(0.15 * width) : max(round(0.85 * width), 1)]
    drift = float(inner.max() - inner.min()) if inner.size else 0.0
    return thickness <= 0.6 * height or drift >= max(1.5, 0.3 * height)


DOTTED_VS = re.compile(r"(?<![A-Za-z])vs\.")


def _restore_vs_dots(words: list[Word], pattern: str) -> list[Word]:
    """An undotted vs between arms on a page that prints ``vs.``: where most readings keep
    their dot, the others lost it (``— VS —`` for ``— vs. —``). A page printing an undotted
    ``vs`` or ``VS`` keeps what was read: engines read the one as the other both ways, so
    the case cannot be told from their readings. Only OCR words change."""
    found = re.compile(pattern)
    read = [w for w in words if w.source.startswith("ocr:")]
    undotted = sum(len(found.findall(w.text)) for w in read)
    dotted = sum(len(DOTTED_VS.findall(w.text)) for w in read)
    if not undotted or dotted < undotted:
        return words
    return [
        replace(w, text=found.sub("vs.", w.text)) if w.source.startswith("ocr:") else w
        for w in words
    ]


def _one_dash_each(words: list[Word], unit: float) -> list[Word]:
    """A printed dash read twice (the page, then its crop read again; the layer's ``—`` and
    OCR's ``一``, or the piece of an OCR word the layer's words left, boxed beside it) is
    kept once: two dashes in one place make a cell no one can parse. Run once, on every
    word of the page, the layer's included."""
    dashes = set(load_data("layout.toml")["dash_glyphs"])

    def one(a: Box, b: Box) -> bool:  # one place, or touching on one line: no table sets two
        touching = max(a.x0, b.x0) - min(a.x1, b.x1) < 0.25 * unit  # dashes with no space
        return _same_place(a, b, unit) or (touching and abs(a.y_mid - b.y_mid) < unit / 2)

    kept: list[Word] = []
    for w in words:
        dash = w.text.strip() in dashes
        if dash and any(k.text.strip() in dashes and one(w.box, k.box) for k in kept):
            continue
        kept.append(w)
    return kept


def _opens_or_ends(dash: Box, word: Word, unit: float) -> bool:
    """Whether a word read with a dash at its start (``—vs.``) starts where the dash's
    stroke starts, or one with a dash at its end ends where it ends: the engine read the
    dash, its box a little short of the stroke."""
    glyphs = load_data("layout.toml")["dash_glyphs"]
    text = word.text.strip()
    return bool(text) and (
        (text[0] in glyphs and _at_start(dash, word.box, unit))
        or (text[-1] in glyphs and _at_end(dash, word.box, unit))
    )


def _hanzi_stroke(dash: Box, word: Word, unit: float) -> bool:
    """Whether a stroke found alone is a piece of the hanzi at a word's end: it reaches the
    word's box, level with it (a blurred scan parts a stroke of ``干`` or ``手`` from its
    glyph, and the engine's box leaves it out). A dash for a missing value stands a space
    apart from any word."""
    text, box = word.text.strip(), word.box
    touch = 0.1 * unit
    if not text or abs(dash.y_mid - box.y_mid) >= unit / 2:
        return False
    before = bool(HAN_CHAR.match(text[0])) and box.x0 - touch < dash.x1 < box.x0 + unit
    after = bool(HAN_CHAR.match(text[-1])) and box.x1 - unit < dash.x0 < box.x1 + touch
    return before or after


def _at_start(dash: Box, word: Box, unit: float) -> bool:
    """Whether a word on the dash's line starts at the dash: within half a glyph of the
    stroke's start, or inside the stroke."""
    level = abs(dash.y_mid - word.y_mid) < unit / 2
    return level and (abs(dash.x0 - word.x0) < unit / 2 or dash.x0 <= word.x0 < dash.x1)


def _at_end(dash: Box, word: Box, unit: float) -> bool:
    """Whether a word on the dash's line ends at the dash (``_at_start``'s mirror)."""
    level = abs(dash.y_mid - word.y_mid) < unit / 2
    return level and (abs(dash.x1 - word.x1) < unit / 2 or dash.x0 < word.x1 <= dash.x1)


def _same_place(dash: Box, word: Box, unit: float) -> bool:
    """Whether a word stands where a dash was found: a dash's box may be a stroke's height,
    so the two may not overlap at all though they are one glyph."""
    across = min(dash.x1, word.x1) - max(dash.x0, word.x0)
    shared = min(dash.bottom, word.bottom) - max(dash.top, word.top)
    level = shared > 0.3 * min(dash.height, word.height)
    near = level or abs(dash.y_mid - word.y_mid) < unit / 2
    return across > 0.5 * min(dash.width, word.width) and near


def layer_upright(page: Page, rotation: int) -> tuple[list[Word], list[Rule]]:
    """The text layer's words and drawn rules, turned as the page was turned to read it."""
    words = [w for w in page.words if w.text.strip()]
    if not rotation:
        return words, page.rules

    def turn(box: Box) -> Box:
        return box.turned(rotation, page.width, page.height)

    return (
        [replace(w, box=turn(w.box)) for w in words],
        [Rule(turn(r.box)) for r in page.rules],
    )


def corrected(text: str, rules: list[dict[str, str]]) -> str:
    """An OCR word with the engines' glyph confusions (``ocr.toml`` ``[[correct]]``) undone."""
    for rule in rules:
        text = re.sub(rule["pattern"], rule["replace"], text)
    return text


SUPERSCRIPT_TAIL = re.compile(r"(?:['’`][soc]+|[\d,'’`?])*$")


@dataclass(frozen=True)
class RaisedTail:
    """A word's last glyphs standing raised off its line's foot: pixel columns ``start`` to
    ``end`` (which may lie past the word's box: the engine left a raised figure out), how
    many glyphs stand on the foot before them, and the rows those glyphs span."""

    start: int
    end: int
    glyphs: int
    top: int  # the highest ink of the glyphs on the foot (no neighbouring line's)
    foot: int


def _superscripts_read_again(
    words: list[Word], engine: Engine, prepared: Prepared, cfg: dict[str, Any]
) -> list[Word]:
    """Words ending in raised glyphs (a citation's superscript number run into its name:
    ``Schullian et al.²²``) with those glyphs read again, enlarged, on their own.

    Set at about half the body's size, superscript figures blur at a scan's resolution: two
    read as one (``al.2``), as a letter or mark (``Bale⁵`` as ``Bales``, ``Okafor⁷`` as
    ``Okafor?``), or are left out of the word's box. Enlarged alone, the raised ink reads as
    the figures it is. Only a reading of figures replaces what the engine read there: its
    figures and marks, and letters the glyphs on the foot leave over. The crops are stacked
    on one sheet, one engine call per page."""
    others = [w.box for w in words]
    places = [
        (k, tail)
        for k, w in enumerate(words)
        if (tail := _raised_tail(w, prepared.binary, cfg, others))
    ]
    if not places:
        return words
    pad = max(2, round(cfg["pad"] * prepared.unit))
    boxes = [  # the raised tail with a little paper round it, from its line's top to its foot
        Box(max(0, tail.start - 2), max(0, tail.top - pad), tail.end + 2, tail.foot + pad)
        for _, tail in places
    ]
    sheet, placed = stacked(prepared.grey, boxes, cfg["scale"] * pad, 0, cfg["scale"])
    read: dict[int, list[Word]] = {}
    for w in engine.read(sheet):
        row = next((i for i, (y, *_, h) in enumerate(placed) if y <= w.box.y_mid < y + h), None)
        if row is not None:
            read.setdefault(row, []).append(w)
    out = list(words)
    for row, (k, tail) in enumerate(places):
        got = sorted(read.get(row, []), key=lambda w: w.box.x0)
        text = "".join(w.text.strip() for w in got)
        word = words[k]
        engines = SUPERSCRIPT_TAIL.search(word.text).group()  # type: ignore[union-attr]
        if not re.fullmatch(cfg["reading"], text) or _figures(text) < _figures(engines):
            continue  # read enlarged, no glyph is lost (a figure touching the glyph before)
        conf = min([word.confidence, *(w.confidence for w in got)])
        box = replace(word.box, x1=max(word.box.x1, tail.end + 1))
        body = _on_the_foot(word.text, tail, text, cfg["letters_for"])
        out[k] = replace(word, text=body + text, box=box, confidence=conf)
    return out


def _figures(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _on_the_foot(text: str, tail: RaisedTail, figures: str, letters_for: dict[str, str]) -> str:
    """What of a word's reading the glyphs on its foot printed: its trailing figures and
    marks go (the engine's reading of the raised ones), and so does a trailing letter that
    looks like one of the raised figures when the reading has one glyph more than the foot
    holds (``Bales`` over ``Bale`` and a raised 5)."""
    body = text[: SUPERSCRIPT_TAIL.search(text).start()]  # type: ignore[union-attr]
    alike = "".join(letters_for.get(f, "") for f in figures)
    if body == text and len(body) == tail.glyphs + 1 and body[-1:] in alike:
        return body[:-1]  # no figure read there: the engine read them as this letter
    return body


def _raised_tail(
    word: Word, binary: np.ndarray, cfg: dict[str, Any], others: list[Box]
) -> RaisedTail | None:
    """Where a word's last glyphs, standing raised off its line's foot, begin and end. None
    when it ends on the foot, is all raised (a word of its own), or the raised columns are
    part of a glyph standing on the foot (the bar of a ``7`` ending ``NCT02672257``).

    Only the word's own ink counts: a neighbouring line's descender reaching into its box
    is not its glyph. Ink just past the box, raised, read by no word, is its tail too."""
    if not re.search(cfg["after"], word.text):
        return None
    b = word.box
    height = b.bottom - b.top
    reach = int(cfg["reach"] * height)
    x0, y0 = max(0, int(b.x0)), max(0, int(b.top))
    x1, y1 = int(np.ceil(b.x1)), int(np.ceil(b.bottom))
    own = _own_ink(binary, (x0, y0, min(binary.shape[1], x1 + reach), y1))
    inked = np.flatnonzero(own.any(axis=0))
    if inked.size < 3:
        return None
    past = inked >= x1 - x0
    near = cfg["near"] * height  # an OCR box may end a pixel or two short of its ink
    beside = [
        (o.x0 - near, o.x1 + near)
        for o in others
        if o is not b
        and o.top < y1
        and o.bottom > y0
        and o.x1 + near > x1
        and o.x0 - near < x1 + reach
    ]
    free = [  # columns past the box that no other word's box stands at
        c for c in inked[past] if not any(lo <= x0 + c <= hi for lo, hi in beside)
    ]
    ends = list(inked[~past])
    if not ends:
        return None
    for c in free:
        if c - ends[-1] > cfg["gap"] * height:
            break
        ends.append(c)
    inked = np.array(ends)
    bottoms = own.shape[0] - 1 - np.argmax(own[::-1, inked], axis=0)
    tops = np.argmax(own[:, inked], axis=0)
    # most of a line's ink ends on its foot; a hanzi's strokes, raised figures and the
    # round edges of letters end above it, descenders below
    foot = int(np.percentile(bottoms, 75))
    tall = foot - int(tops.min())
    if tall <= 0:
        return None
    # glyphs: runs of inked columns; one stands raised when its lowest ink does (the round
    # edge of an ``e`` is inked in its middle only, but the ``e`` stands on the foot; the bar
    # of a 7 is one run with its stem)
    cuts = np.flatnonzero(np.diff(inked) > 1) + 1
    runs = np.split(np.arange(len(inked)), cuts)
    raised = [bool(bottoms[r].max() < foot - cfg["raised"] * tall) for r in runs]
    k = len(runs)
    while k > 0 and raised[k - 1]:
        k -= 1
    if k == len(runs) or k == 0 or sum(len(r) for r in runs[k:]) < cfg["least_columns"]:
        return None
    body = np.concatenate(runs[:k])
    return RaisedTail(
        x0 + int(inked[runs[k][0]]), x0 + int(inked[-1]) + 1, k,
        y0 + int(tops[body].min()), y0 + foot,
    )  # fmt: skip


def _own_ink(binary: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The ink inside a box that belongs to the line it stands on: pieces of ink lying mostly
    above or below the box (a descender of the line above, an ascender of the one below)
    are left out."""
    x0, y0, x1, y1 = box
    margin = y1 - y0
    top = max(0, y0 - margin)
    window = (binary[top : y1 + margin, x0:x1] < 128).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(window, connectivity=8)
    rows = labels[y0 - top : y1 - top]
    inside = np.bincount(rows.ravel(), minlength=count)
    keep = inside >= 0.5 * stats[:, cv2.CC_STAT_AREA]
    keep[0] = False
    return keep[rows]


def _corrected_after(words: list[Word], rules: list[dict[str, str]], unit: float) -> list[Word]:
    """Words corrected again with the word before them on their line: a confusion may show
    only beside it (``ECOG`` ``sl`` is ``ECOG ≤1``; ``数目`` ``s3个`` is ``数目≤3个``), and an
    engine cuts a line into words where the glyphs leave a gap. A correction that changes
    the word before is not taken (that word was corrected on its own)."""
    fixed: dict[int, str] = {}
    for line in group_lines(words):
        for before, word in zip(line.words, line.words[1:], strict=False):
            if word.box.x0 - before.box.x1 >= 1.5 * unit:
                continue
            both = corrected(f"{before.text} {word.text}", rules)
            after = both[len(before.text) + 1 :]
            if both.startswith(f"{before.text} ") and after != word.text:
                fixed[id(word)] = after
    return [replace(w, text=fixed[id(w)]) if id(w) in fixed else w for w in words]


def reread(
    engine: Engine, image: np.ndarray, prepared: Prepared, found: list[Word], cfg: dict[str, Any]
) -> list[Word]:
    """Words in the places the engine left unread, read again on their own.

    Detectors miss a lone short figure (an ``83`` between wide gaps); read alone it is found.
    An arm separator (``vs.``) read there is kept on less confidence than other words: set
    between long dashes it reads unsurely, and a cell that loses it loses its arms.
    The places are stacked into one image and read in one call (an engine call can cost a
    second: Tesseract loads its models each time). Pixel boxes, like ``found``.
    """
    regions = unread_regions(prepared.binary, [w.box for w in found], prepared.unit, cfg["max"])
    if not regions:
        return []
    pad = round(cfg["pad"] * prepared.unit)
    sheet, placed = stacked(image, regions, pad)
    out: list[Word] = []
    for w in engine.read(sheet):
        separator = re.fullmatch(cfg["separator"], w.text.strip())
        if w.confidence < cfg["separator_confidence" if separator else "min_confidence"]:
            continue
        if not w.text.strip():
            continue
        home = [k for k, p in enumerate(placed) if p[0] <= w.box.y_mid < p[0] + p[3]]
        if not home:
            continue
        top, x0, y0, _ = placed[home[0]]
        dx, dy = x0 - pad, y0 - top
        # The word's ink is the place's: a box as tall as the engine's would reach into the
        # lines above and below, and find them "read already".
        region = regions[home[0]]
        box = Box(
            w.box.x0 + dx,
            max(w.box.top + dy, region.top),
            w.box.x1 + dx,
            min(w.box.bottom + dy, region.bottom),
        )
        box = fit_to_ink(prepared.binary, box)
        if not any(box.overlap(f.box) > 0.2 for f in found + out):  # read already
            out.append(replace(w, box=box))
    return out


def ocr_evidence(prepared: Prepared, words: list[Word]) -> dict[str, Any]:
    confidences = [w.confidence for w in words]
    return {
        "ocr_dpi": round(prepared.dpi, 1),
        "ocr_skew": prepared.skew,
        "ocr_turn": prepared.rotation,
        "ocr_rules": len(prepared.rules),
        "ocr_glyph_px": round(prepared.unit, 1),
        "ocr_words": len(words),
        "reread_words": sum(1 for w in words if w.second is not None),  # second_opinion
        "reread_differ": len(differing(rereads(words))),
        "ocr_mean_confidence": round(sum(confidences) / len(confidences), 3)
        if confidences
        else 0.0,
    }


LAYER_GLYPH = re.compile(r"\(cid:\d+\)|\S")  # one printed glyph of a text layer, however damaged


def split_at_layer_words(ocr_words: list[Word], layer_words: list[Word]) -> list[Word]:
    """OCR words cut where the text layer's words part.

    A damaged font misnames its glyphs, but the layer still places each one, and its words
    part where the page leaves a gap. A detector may read across a gap too narrow to see at
    the scan's resolution (``中位生存期3年OS率`` over two header cells), even across two
    cells set at different heights (``3年总生存率`` wrapped beside ``五年OS``, one box over
    both lines): when layer words it covers, left to right and clear of each other, hold as
    many glyphs as it read and reach across it, its text is cut glyph for glyph at their
    boundaries, each piece boxed as its layer word."""
    out: list[Word] = []
    for word in ocr_words:
        covered = sorted(
            (w for w in layer_words if w.box.overlap(word.box) > 0.5), key=lambda w: w.box.x0
        )
        chain = _layer_chain(covered, word)
        if chain is None:
            out.append(word)
            continue
        text, start = "".join(word.text.split()), 0
        for w in chain:
            n = len(LAYER_GLYPH.findall(w.text))
            # OCR's height, unless its box took in more than one line: then the layer's.
            tall = word.box.height > 1.5 * w.box.height
            box = w.box if tall else Box(w.box.x0, word.box.top, w.box.x1, word.box.bottom)
            out.append(replace(word, text=text[start : start + n], box=box))
            start += n
    return out


def _layer_chain(covered: list[Word], word: Word) -> list[Word] | None:
    """The layer words an OCR word read as one: two or more, each clear of the next, their
    glyphs as many as the OCR text's, spanning the OCR box. Of layer words stacked over one
    another (a wrapped cell's first line over its second), one is in the chain: the one
    that makes the glyphs add up, when exactly one does."""
    text = "".join(word.text.split())
    stacks: list[list[Word]] = []
    for w in covered:  # sorted by x0
        if stacks and any(o.box.x1 > w.box.x0 for o in stacks[-1]):
            stacks[-1].append(w)
        else:
            stacks.append([w])
    if len(stacks) < 2 or any(len(s) > 3 for s in stacks):
        return None
    chains = [list(c) for c in product(*stacks)]
    fits = [
        c
        for c in chains
        if sum(len(LAYER_GLYPH.findall(w.text)) for w in c) == len(text)
        and all(a.box.x1 <= b.box.x0 for a, b in zip(c, c[1:], strict=False))
    ]
    if len(fits) != 1:
        return None
    chain, slack = fits[0], 0.5 * word.box.height
    if chain[0].box.x0 > word.box.x0 + slack or chain[-1].box.x1 < word.box.x1 - slack:
        return None
    return chain


def merge_layer(
    ocr_words: list[Word], layer_words: list[Word], cfg: dict[str, Any]
) -> tuple[list[Word], float]:
    """OCR words, with the exact Latin words of the text layer put in where they agree.

    A layer word is a candidate when it holds no ``(cid:N)``, CJK or Latin-1 accented glyph
    (those come from the damaged font). OCR words covered by candidates are replaced by them;
    if too few candidates agree with what OCR read there, the layer is left out altogether.
    Returns the words and the share of candidates that agreed.
    """

    unders = {  # the OCR words each layer word overlaps, found once
        id(w): [j for j, o in enumerate(ocr_words) if w.box.overlap(o.box) > 0.5]
        for w in layer_words
    }

    def under(word: Word) -> list[int]:
        return unders[id(word)]

    def agrees(word: Word) -> bool:
        seen = "".join(ocr_words[j].text for j in under(word))
        return (
            bool(seen) and fuzz.partial_ratio(_alike(word.text), _alike(seen)) >= cfg["agree_ratio"]
        )

    def over_hanzi(word: Word) -> bool:  # OCR saw hanzi where the layer has Latin letters
        seen = [ocr_words[j] for j in under(word)]
        return _reads_hanzi(word, [o for o in seen if not _read_elsewhere(o, word, layer_words)])

    candidates = [
        w
        for w in layer_words
        if (
            (not UNTRUSTED_GLYPH.search(w.text) and not SYMBOL_RUN.fullmatch(w.text))
            or _accents_confirmed(w, under(w), ocr_words)
            or (SYMBOL_RUN.fullmatch(w.text) and agrees(w))
        )
        and not over_hanzi(w)
    ]
    if not candidates:
        return ocr_words, 0.0
    share = round(sum(1 for cand in candidates if agrees(cand)) / len(candidates), 3)
    if share < cfg["agree_share"]:
        return ocr_words, share
    by_word: dict[int, list[Word]] = {}  # OCR word -> candidates that cover it
    for cand in candidates:
        for j in under(cand):
            by_word.setdefault(j, []).append(cand)
    out = list(candidates)
    for j, word in enumerate(ocr_words):
        out += _rest(word, by_word[j]) if j in by_word else [word]
    return out, share


# Latin letters NFKD does not take apart, as a reader without them would write them.
_PLAIN = str.maketrans({"Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "Đ": "D", "đ": "d",
                        "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe"})  # fmt: skip


def plain_latin(text: str) -> str:
    """The text without its accents (``Øvrebø`` → ``Ovrebo``): what an engine that drops
    them reads."""
    folded = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    return "".join(c for c in folded if not unicodedata.combining(c))


def _accents_confirmed(word: Word, under: list[int], ocr_words: list[Word]) -> bool:
    """A layer word with accented Latin letters (``Kümler``) that OCR read the same but for
    its accents: the Latin font is sound, its accents are printed, and the engine dropped
    them. Mojibake of a damaged CJK font never reads so (and keeps glyphs no name has)."""
    plain = plain_latin(word.text)
    if UNTRUSTED_GLYPH.search(plain) or not re.search(r"[A-Za-z]{2}", plain):
        return False
    seen = plain_latin("".join(ocr_words[j].text for j in under))
    return bool(seen) and (plain in seen or fuzz.ratio(plain, seen) >= 90)


def _read_elsewhere(ocr_word: Word, layer: Word, layer_words: list[Word]) -> bool:
    """Whether an OCR box over two lines read the glyphs of another line than the layer
    word's: ``3年总生存率`` wrapped, one box over both lines read ``年总生存率``, the line
    under the ``3``, as many glyphs as the layer places there. Its hanzi say nothing of
    what is printed at the ``3``."""
    if ocr_word.box.height < 1.5 * layer.box.height:
        return False
    read = len("".join(ocr_word.text.split()))
    return any(
        other is not layer
        and abs(other.box.y_mid - layer.box.y_mid) > layer.box.height / 2
        and other.box.overlap(ocr_word.box) > 0.5
        and len(LAYER_GLYPH.findall(other.text)) == read
        for other in layer_words
    )


def _reads_hanzi(layer: Word, ocr_words: list[Word]) -> bool:
    """OCR read hanzi where a Latin layer word lies: a CJK font whose codes fall on ASCII
    (``WXY`` over 不良反应, ``Fl`` over 除术 in 肝切除术/TAE) gives plausible Latin that no
    check of its glyphs can catch; the image can. A hanzi counts when its place in the OCR
    word (estimated from its glyphs' widths) falls inside the layer word's box."""
    if HAN_CHAR.search(layer.text):
        return False
    inset = 0.25 * layer.box.height
    x0, x1 = layer.box.x0 + inset, layer.box.x1 - inset
    for word in ocr_words:
        spans = glyph_spans(word.text, word.box.x0, word.box.x1)
        if any(
            HAN_CHAR.match(c) and x0 < (a + b) / 2 < x1
            for c, (a, b) in zip(_alike(word.text), spans, strict=True)  # 一: a dash misread
        ):
            return True
    return False


def _alike(text: str) -> str:
    """Text as an engine's confusions leave it: case (``VS`` for ``vs``) and dashes (``一``
    for ``—``) not told apart. Keeps the length, so positions still align."""
    dashes = "".join(load_data("layout.toml")["dash_glyphs"])
    return text.lower().translate(str.maketrans(dashes, "-" * len(dashes)))


def _rest(word: Word, cands: list[Word]) -> list[Word]:
    """What an OCR word read beyond the layer words that cover it (``Weinrich，等[23]`` with
    ``Weinrich,`` from the layer leaves ``等[23]``), each piece boxed where it lies."""
    text, pieces = word.text, []
    x = word.box.x0
    for cand in sorted(cands, key=lambda c: c.box.x0):
        at = fuzz.partial_ratio_alignment(_alike(cand.text), _alike(text))
        if at is None or at.score < 50:
            if cand.box.overlap(word.box) > 0.8 and cand.box.width > 0.8 * word.box.width:
                return []  # the same glyphs, misread (一 for the layer's —)
            continue
        before = text[: at.dest_start].strip()
        if before:
            pieces.append((before, x, cand.box.x0))
        text, x = text[at.dest_end :], cand.box.x1
    text = text.strip()
    if text:
        pieces.append((text, x, word.box.x1))
    height = word.box.height
    return [
        replace(word, text=t, box=Box(x0, word.box.top, x1, word.box.bottom))
        for t, x0, x1 in pieces
        if x1 - x0 > 0.3 * height  # room for at least a glyph; else it was the layer's word
    ]
