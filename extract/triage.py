"""Triage: decide, for each page, whether its text layer can be trusted.

A good page is read from its text layer (exact and fast); every other page needs OCR.
The evidence is recorded so that a curator can see why a page was (not) trusted:

- ``cid``: glyphs that pdfplumber can only name ``(cid:N)`` (no ToUnicode map);
- ``mojibake``: CJK text that jieba's dictionary cannot explain as words (a wrong map), or
  letters in the Latin-1 accent range (GBK bytes read as Latin-1, ``È« ÊÀ``);
- ``bad_ocr_layer``: a scan under text with no CJK at all and many tokens that are no word
  (an English-only OCR layer over Chinese);
- ``no_text``: hardly any glyphs.
"""

from __future__ import annotations

import logging
import re
from functools import cache

import jieba

from .model import Page, PageClass
from .schema import load_data

jieba.setLogLevel(logging.WARNING)

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
LATIN_TOKEN = re.compile(r"[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
LATIN1_ACCENT = re.compile(r"[\u00c0-\u00ff]")
NUMBERISH = re.compile(r"^[(\[]?[<>≤≥±+\-–—=~]?\d+(?:[.,:/\-–]\d+)*%?[)\],.;:]?$")
PUNCT = re.compile(r"^[\W_]+$")
WORDISH = re.compile(r"^[(\[]?([A-Za-z]|[A-Z]?[a-z\u00df-\u00ff]+)[)\],.;:]?$")
SINGLE_LETTERS = frozenset("aAInN")  # lone letters a real layer prints; OCR of hanzi prints others
ALL_CAPS = re.compile(r"^[A-Z0-9/+\-]*[A-Z]{2,}[A-Z0-9/+\-]*$")


@cache
def english_words() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2", "gcide"], lower=True))


@cache
def known_abbreviations() -> frozenset[str]:
    names = (
        load_data("repairs.toml")["treatment"]["names"] + load_data("triage.toml")["abbreviations"]
    )
    return frozenset(n.lower() for n in names)


def token_is_plausible(token: str) -> bool:
    """A Latin token a real text layer would hold: a word, a number, an abbreviation, a name."""
    if NUMBERISH.match(token) or PUNCT.match(token):
        return True
    core = token.strip("()[],.;:'\"")
    if len(core) == 1 and core.isalpha():
        return core in SINGLE_LETTERS
    if ALL_CAPS.match(core):
        # Real layers print few capitals beyond known abbreviations; an English-only OCR of
        # hanzi prints many (``FRBALRT SERY``), some of them English words in capitals.
        parts = re.split(r"[/+\-]", core)
        return all(not p or p.lower() in known_abbreviations() for p in parts)
    if core.lower() in english_words():
        return True
    # Names (Sabol, Kümler) are fine; ``34E0SHR``, ``fiﬁl``, ``%55`` and ``SEEa`` are not.
    return bool(WORDISH.match(core)) and len(core) <= 20


def cjk_word_share(text: str) -> float:
    """Share of CJK glyphs that jieba segments into multi-character dictionary words."""
    total = explained = 0
    jieba.dt.check_initialized()
    freq = jieba.dt.FREQ
    for run in CJK_RUN.findall(text):
        total += len(run)
        for word in jieba.cut(run, HMM=False):
            if len(word) > 1 and freq.get(word, 0) > 0:
                explained += len(word)
    return explained / total if total else 0.0


def measure(page: Page) -> dict[str, float | int]:
    """The measurements triage decides on, recorded as evidence in run.json."""
    glyphs = [c for c in page.chars if not c.isspace()]
    text = "".join(glyphs)
    cid = sum(1 for c in glyphs if c.startswith("(cid:"))
    cjk = len(CJK.findall(text))
    letters = sum(1 for c in text if c.isalpha())
    tokens = [w.text for w in page.words if not CJK.search(w.text)]
    tokens = [t for tok in tokens for t in LATIN_TOKEN.findall(tok)]
    garbage = sum(1 for t in tokens if not token_is_plausible(t))
    return {
        "glyphs": len(glyphs),
        "cid_share": round(cid / len(glyphs), 4) if glyphs else 0.0,
        "cjk_glyphs": cjk,
        "cjk_word_share": round(cjk_word_share(text), 4),
        "latin1_share": round(len(LATIN1_ACCENT.findall(text)) / letters, 4) if letters else 0.0,
        "latin_tokens": len(tokens),
        "garbage_share": round(garbage / len(tokens), 4) if tokens else 0.0,
        "image_cover": round(page.image_cover, 4),
    }


def _margin(value: float, threshold: float, above: bool) -> float:
    """How far a share lies past its threshold, as a 0.5..1 certainty (1 at the far end)."""
    span = (value - threshold) / (1 - threshold) if above else (threshold - value) / threshold
    return round(max(0.5, min(1.0, 0.5 + 0.5 * span)), 3)


def classify(page: Page) -> PageClass:
    t = load_data("triage.toml")
    ev = measure(page)
    kind, score = "good", 1.0
    if ev["glyphs"] < t["min_glyphs"]:
        kind, score = "no_text", 1.0 if ev["image_cover"] > t["image_cover"] else 0.8
    elif ev["cid_share"] > t["cid_share"]:
        kind, score = "cid", _margin(ev["cid_share"], t["cid_share"], True)
    elif ev["latin1_share"] > t["latin1_share"]:
        kind, score = "mojibake", _margin(ev["latin1_share"], t["latin1_share"], True)
    elif (
        ev["cjk_glyphs"] >= t["min_cjk_for_dictionary"]
        and ev["cjk_word_share"] < t["cjk_word_share"]
    ):
        kind, score = "mojibake", _margin(ev["cjk_word_share"], t["cjk_word_share"], False)
    elif (
        ev["image_cover"] > t["image_cover"]
        and ev["cjk_glyphs"] == 0
        and ev["garbage_share"] > t["garbage_share"]
    ):
        kind, score = "bad_ocr_layer", _margin(ev["garbage_share"], t["garbage_share"], True)
    else:
        checks = [_margin(ev["cid_share"], t["cid_share"], False)]
        if ev["cjk_glyphs"] >= t["min_cjk_for_dictionary"]:
            checks.append(_margin(ev["cjk_word_share"], t["cjk_word_share"], True))
        if ev["image_cover"] > t["image_cover"]:
            checks.append(_margin(ev["garbage_share"], t["garbage_share"], False))
        score = min(checks)
    source = "text_layer" if kind == "good" else "none"
    reason = "" if kind == "good" else "needs_ocr"
    return PageClass(page.number, kind, score, dict(ev), source, reason, page.rotation)


def triage(pages: list[Page]) -> list[PageClass]:
    return [classify(p) for p in pages]
