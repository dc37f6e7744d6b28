"""Triage: decide, for each page, whether its text layer can be trusted.

A good page is read from its text layer (exact and fast); every other page needs OCR.
Triage measures what the glyphs say, not how a page is worded, and records the measurements
as evidence so that a curator can see why a page was (not) trusted. CJK measures are taken
on text normalised as ``extract.text`` does: radical code points turned back into the
ideographs they stand for (some fonts map 生 to the Kangxi radical ⽣, 长 to the
radical-supplement ⻓), which is correct text drawn with the right glyphs.

- ``no_text``: hardly any glyphs (fewer than ``min_text_glyphs``), or a short page under an
  image covering it (a scan with a stray stamp). A short page that stands alone (a heading,
  a signature line) is ``good`` when nothing below finds damage in it;
- ``bad_ocr_layer``: the layer is someone's OCR, not the author's text: most glyphs drawn
  invisible (text render mode 3, ``invisible_share``) over an image covering the page; or a
  scan under text with no CJK at all and many tokens that are no word (an English-only OCR
  layer over Chinese, ``garbage_share``);
- ``cid``: glyphs that pdfplumber can only name ``(cid:N)`` (no ToUnicode map);
- ``mojibake``: a wrong map. Letters in the Latin-1 accent range (GBK bytes read as Latin-1,
  ``È« ÊÀ``); runs of one repeated hanzi (``佛佛佛佛``: a map sending many glyphs to a few
  hanzi, ``repeat_share``); hanzi that none of GB 2312, Big5 and JIS X 0208 holds
  (``rare_han_share``); or Chinese that the dictionary cannot explain: few hanzi inside
  dictionary words (``cjk_word_share``) or few adjacent pairs that any word holds
  (``bigram_share``: ``常佛``, ``佛全`` are written by no language).

The dictionary (jieba's) is of Simplified Chinese, and Traditional Chinese and Japanese are
languages, not damage. So the dictionary tests read only the stretches of hanzi that
Simplified Chinese shares (those in GB 2312; a Traditional-only or Japanese-only form such as
轉 or 転 ends a stretch), and are not applied to Japanese (``kana_share``: kana among kana
and hanzi). A permutation-scrambled map of a Japanese font is thus not caught; one of a
Traditional font is, by the shared stretches, as far as they go.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import cache

import jieba

from .model import Page, PageClass, Word
from .schema import load_data
from .text import normalise

jieba.setLogLevel(logging.WARNING)

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]+")
# Hiragana and katakana (without the middle dot ・ and the prolonged sound mark ー, which
# Chinese text prints too), katakana extensions, half-width katakana.
KANA = re.compile(
    r"[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d]"
)
RADICAL = re.compile(r"[\u2e80-\u2fdf]")
REPEAT_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff])\1{2,}")
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


def _encodes(ch: str, codec: str) -> bool:
    try:
        return len(ch.encode(codec)) == 2
    except UnicodeEncodeError:
        return False


@cache
def in_gb2312(ch: str) -> bool:
    """The hanzi is one Simplified Chinese writes (GB 2312), so the dictionary can know it."""
    return _encodes(ch, "gb2312")


@cache
def in_big5(ch: str) -> bool:
    return _encodes(ch, "big5")


def traditional(ch: str) -> bool:
    """A form Traditional Chinese writes and Simplified does not (轉, 國)."""
    return in_big5(ch) and not in_gb2312(ch)


@cache
def is_rare(ch: str) -> bool:
    """In none of the national character sets of Simplified, Traditional or Japanese text."""
    return not (in_gb2312(ch) or in_big5(ch) or _encodes(ch, "euc_jp"))


@cache
def dictionary_bigrams() -> frozenset[str]:
    """Every pair of adjacent characters inside some word of jieba's dictionary."""
    jieba.dt.check_initialized()
    words = (w for w, f in jieba.dt.FREQ.items() if f > 0 and len(w) > 1)
    return frozenset(w[i : i + 2] for w in words for i in range(len(w) - 1))


def dictionary_runs(text: str) -> list[str]:
    """The stretches of two or more hanzi in ``text`` that Simplified Chinese writes alike: a
    hanzi outside GB 2312 (a Traditional-only or Japanese-only form, 轉 or 転) ends one."""
    out = []
    for run in HAN_RUN.findall(text):
        stretch = ""
        for ch in run + "\0":
            if ch != "\0" and in_gb2312(ch):
                stretch += ch
                continue
            if len(stretch) > 1:
                out.append(stretch)
            stretch = ""
    return out


def cjk_word_share(runs: Iterable[str]) -> float:
    """Share of the runs' hanzi that jieba segments into multi-character dictionary words."""
    total = explained = 0
    jieba.dt.check_initialized()
    freq = jieba.dt.FREQ
    for run in runs:
        total += len(run)
        for word in jieba.cut(run, HMM=False):
            if len(word) > 1 and freq.get(word, 0) > 0:
                explained += len(word)
    return explained / total if total else 0.0


def bigram_share(runs: Iterable[str]) -> float:
    """Share of the runs' adjacent hanzi pairs that some dictionary word holds."""
    known = dictionary_bigrams()
    pairs = [run[i : i + 2] for run in runs for i in range(len(run) - 1)]
    return sum(p in known for p in pairs) / len(pairs) if pairs else 0.0


def lines(words: list[Word]) -> list[str]:
    """The words' texts, words that follow closely on one line joined (a justified line of
    hanzi spaced wider than a word's tolerance is still one run; table cells are not)."""
    out: list[str] = []
    last: Word | None = None
    for w in words:
        h = max(w.box.height, 1.0)
        if (
            last is not None
            and abs(w.box.top - last.box.top) < 0.5 * h
            and -0.1 * h <= w.box.x0 - last.box.x1 < 0.5 * h
        ):
            out[-1] += w.text
        else:
            out.append(w.text)
        last = w
    return out


def repeated_hanzi(texts: Iterable[str]) -> int:
    """Hanzi standing in runs of three or more of one glyph (佛佛佛, 釉釉釉), which no
    language writes but a map sending many glyphs to a few hanzi does."""
    return sum(len(m.group()) for t in texts for m in REPEAT_RUN.finditer(normalise(t)))


def measure(page: Page) -> dict[str, float | int]:
    """The measurements triage decides on, recorded as evidence in run.json."""
    glyphs = [c for c in page.chars if not c.isspace()]
    raw = "".join(glyphs)
    text = normalise(raw)
    cid = sum(1 for c in glyphs if c.startswith("(cid:"))
    han = HAN.findall(text)
    kana = len(KANA.findall(text))
    runs = dictionary_runs(text)
    letters = sum(1 for c in raw if c.isalpha())
    tokens = [w.text for w in page.words if not CJK.search(w.text)]
    tokens = [t for tok in tokens for t in LATIN_TOKEN.findall(tok)]
    garbage = sum(1 for t in tokens if not token_is_plausible(t))
    repeated = repeated_hanzi(lines(page.words))

    def share(n: int, of: int) -> float:
        return round(n / of, 4) if of else 0.0

    return {
        "glyphs": len(glyphs),
        "cid_share": share(cid, len(glyphs)),
        "cjk_glyphs": len(han),
        "radical_glyphs": len(RADICAL.findall(raw)),
        "kana_share": share(kana, kana + len(han)),
        "traditional_share": share(sum(1 for c in han if traditional(c)), len(han)),
        "rare_han_share": share(sum(1 for c in han if is_rare(c)), len(han)),
        "repeat_glyphs": repeated,
        "repeat_share": share(repeated, len(han)),
        "dictionary_glyphs": sum(map(len, runs)),
        "cjk_word_share": round(cjk_word_share(runs), 4),
        "bigram_share": round(bigram_share(runs), 4),
        "latin1_share": share(len(LATIN1_ACCENT.findall(raw)), letters),
        "latin_tokens": len(tokens),
        "garbage_share": share(garbage, len(tokens)),
        "image_cover": round(page.image_cover, 4),
        "invisible_share": round(page.invisible_share, 4),
    }


def _margin(value: float, threshold: float, above: bool) -> float:
    """How far a share lies past its threshold, as a 0.5..1 certainty (1 at the far end)."""
    span = (value - threshold) / (1 - threshold) if above else (threshold - value) / threshold
    return round(max(0.5, min(1.0, 0.5 + 0.5 * span)), 3)


def classify(page: Page) -> PageClass:
    t = load_data("triage.toml")
    ev = measure(page)
    scan = ev["image_cover"] > t["image_cover"]
    short = ev["glyphs"] < t["min_glyphs"]
    japanese = ev["kana_share"] >= t["kana_share"]
    dictionary = not japanese and ev["dictionary_glyphs"] >= t["min_cjk_for_dictionary"]
    kind, score = "good", 1.0
    if ev["glyphs"] < t["min_text_glyphs"] or (short and scan):
        kind, score = "no_text", 1.0 if scan else 0.8
    elif scan and ev["invisible_share"] > t["invisible_share"]:
        kind, score = "bad_ocr_layer", _margin(ev["invisible_share"], t["invisible_share"], True)
    elif ev["cid_share"] > t["cid_share"]:
        kind, score = "cid", _margin(ev["cid_share"], t["cid_share"], True)
    elif ev["latin1_share"] > t["latin1_share"]:
        kind, score = "mojibake", _margin(ev["latin1_share"], t["latin1_share"], True)
    elif ev["repeat_glyphs"] >= t["min_repeat_glyphs"] and ev["repeat_share"] > t["repeat_share"]:
        kind, score = "mojibake", _margin(ev["repeat_share"], t["repeat_share"], True)
    elif ev["cjk_glyphs"] >= t["min_han_for_rare"] and ev["rare_han_share"] > t["rare_han_share"]:
        kind, score = "mojibake", _margin(ev["rare_han_share"], t["rare_han_share"], True)
    elif dictionary and ev["cjk_word_share"] < t["cjk_word_share"]:
        kind, score = "mojibake", _margin(ev["cjk_word_share"], t["cjk_word_share"], False)
    elif dictionary and ev["bigram_share"] < t["bigram_share"]:
        kind, score = "mojibake", _margin(ev["bigram_share"], t["bigram_share"], False)
    elif scan and ev["cjk_glyphs"] == 0 and ev["garbage_share"] > t["garbage_share"]:
        kind, score = "bad_ocr_layer", _margin(ev["garbage_share"], t["garbage_share"], True)
    else:
        checks = [_margin(ev["cid_share"], t["cid_share"], False)]
        if dictionary:
            checks.append(_margin(ev["cjk_word_share"], t["cjk_word_share"], True))
            checks.append(_margin(ev["bigram_share"], t["bigram_share"], True))
        if scan:
            checks.append(_margin(ev["garbage_share"], t["garbage_share"], False))
        if short:  # little text: little evidence either way
            checks.append(round(0.5 + 0.5 * ev["glyphs"] / t["min_glyphs"], 3))
        score = min(checks)
    source = "text_layer" if kind == "good" else "none"
    reason = "" if kind == "good" else "needs_ocr"
    return PageClass(page.number, kind, score, dict(ev), source, reason, page.rotation)


def triage(pages: list[Page]) -> list[PageClass]:
    return [classify(p) for p in pages]
