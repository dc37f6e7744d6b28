"""Text as producers encode it, normalised once where words enter the pipeline.

PDF producers write the same character in several ways: CJK fonts that map hanzi to Kangxi
radical or compatibility code points (``⽣`` for 生, ``⻩`` for 黄), Latin fonts that give
ligatures (``ﬀ``), Chinese typesetting that uses full-width digits and letters (``４５``,
``ＨＲ``). Left as printed they defeat header synonyms and reach a curator's ``country``
column as ``⽇本``. ``normalise`` folds exactly these, and nothing else: NFKC would also turn
superscript citation markers into digits (``Sabol²`` → ``Sabol2``) and Chinese punctuation
into ASCII (``，`` → ``,``) in the remarks a curator reads, so it is applied to chosen ranges
only.

The character classes every stage tests against live here too, so that they agree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .schema import load_data

# Han ideographs (unified and extension A) and the CJK punctuation and full-width forms.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
CJK_CLASS = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
CJK_CHAR = re.compile(f"[{CJK_CLASS}]")
HAN_CHAR = re.compile(f"[{HAN}]")
# Full-width punctuation is set in a whole em that holds its own space: a stop, comma or
# closing bracket hugs what it follows, an opening bracket what it precedes, and beside
# hanzi either takes no space. (A closing bracket before Latin words may take one.)
FULL_WIDTH_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]")
HUGS_BEFORE = re.compile(r"[，。、；：！？）】》」』〉]")
HUGS_AFTER = re.compile(r"[（【《「『〈]")

# A glyph set a whole em wide: hanzi and full-width punctuation. A Latin glyph takes about
# half; OCR gives one box per word, and these widths place each glyph inside it.
EM_WIDE = re.compile(f"[{HAN}（）：，、；。]")
LATIN_EM = 0.55


def glyph_spans(text: str, x0: float, x1: float) -> list[tuple[float, float]]:
    """Where each glyph of a word boxed from ``x0`` to ``x1`` lies, estimated from what the
    glyphs are (a hanzi an em, a Latin glyph about half): a word's box says nothing finer."""
    widths = [1.0 if EM_WIDE.match(c) else LATIN_EM for c in text]
    scale = (x1 - x0) / (sum(widths) or 1.0)
    spans, x = [], x0
    for w in widths:
        spans.append((x, x + w * scale))
        x += w * scale
    return spans


# A study cell names a first author with a citation (``[12]``, ``et al.``, ``等``, a marker
# run into the name: ``He48``) or a trial registry id.
STUDY_CELL = re.compile(
    r"\[\s*\d|\bet al\b|等|\b(?:NCT|ChiCTR|ISRCTN|ACTRN|jRCT|DRKS|UMIN)|^\D+?\s?\d{1,3}$", re.I
)

# Full-width forms a Chinese text keeps as they are: its own punctuation.
KEEP_FULL_WIDTH = frozenset("，：；！？（）")
FOLDED_RANGES = (
    (0x2F00, 0x2FDF),  # Kangxi radicals
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x2F800, 0x2FA1F),  # CJK compatibility ideographs supplement
    (0xFB00, 0xFB06),  # Latin ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
    (0xFF01, 0xFF5E),  # full-width ASCII
    (0xFF61, 0xFFEE),  # half-width CJK forms and full-width symbols
    (0x00A0, 0x00A0),  # no-break space
)


@cache
def _table() -> dict[int, str]:
    table = {ord(k): v for k, v in load_data("radicals.toml")["radicals"].items()}
    for lo, hi in FOLDED_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if ch in KEEP_FULL_WIDTH or cp in table:
                continue
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch:
                table[cp] = folded
    return table


def normalise(text: str) -> str:
    """The text with radicals, compatibility ideographs, ligatures and full-width forms
    folded to the characters they stand for; everything else exactly as printed."""
    if text.isascii():
        return text
    return text.translate(_table())


# A square bracket an engine reads as a look-alike: ``]`` as ``)``, ``）`` or ``】`` after a
# figure, ``[`` as ``【`` after a hanzi (``潘军鹏[22)``, ``Gruber等【60]``).
SQUARE_CLOSE_READS = ")）】"
SQUARE_OPEN_READS = "【"


def paired_brackets(text: str) -> str:
    """An OCR'd text's brackets paired as printed: one closing a square bracket is square
    (``[95% CI 64.3-140.6)`` → ``…140.6]``), and a lenticular one closed square was a square
    one opening (``【60]`` → ``[60]``). Brackets that pair already, or pair with nothing
    read, stay as read."""
    out = list(text)
    opened: list[int] = []
    for i, c in enumerate(text):
        if c in "[【(（":
            opened.append(i)
        elif c in "])】）" and opened:
            k = opened.pop()
            if out[k] == "[" and c in SQUARE_CLOSE_READS:
                out[i] = "]"
            elif out[k] in SQUARE_OPEN_READS and c == "]":
                out[k] = "["
    return "".join(out)
