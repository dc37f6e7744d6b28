"""Write ``extract/data/radicals.toml``: Kangxi and supplementary radical code points → the
unified ideograph a CJK font draws with the same glyph.

Some CJK fonts' ToUnicode maps send a glyph to its radical code point (``⽣`` U+2F63 for 生,
``⻩`` U+2EE9 for 黄). NFKC folds the Kangxi radicals (U+2F00–2FDF) but not the supplement
(U+2E80–2EFF); a font that draws both code points with one glyph says which ideograph is
meant. Run once when the fonts change; the table is data, read by ``extract.text``.

    python scripts/radicals.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = [  # Noto CJK: SC, TC, JP, KR faces of the sans and serif collections
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", (2, 3, 0, 1)),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", (2, 3, 0, 1)),
]
RADICALS = range(0x2E80, 0x2FE0)
OUT = Path(__file__).resolve().parent.parent / "extract" / "data" / "radicals.toml"


def unified(cp: int) -> bool:
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2FFFF


def main() -> None:
    table: dict[int, int] = {}
    for path, faces in FONTS:
        for face in faces:
            cmap = TTFont(path, fontNumber=face).getBestCmap()
            by_glyph: dict[str, list[int]] = {}
            for cp, glyph in cmap.items():
                if unified(cp):
                    by_glyph.setdefault(glyph, []).append(cp)
            for cp in RADICALS:
                if cp in table or cp not in cmap:
                    continue
                candidates = sorted(by_glyph.get(cmap[cp], []))
                nfkc = unicodedata.normalize("NFKC", chr(cp))
                if len(nfkc) == 1 and ord(nfkc) in candidates:
                    table[cp] = ord(nfkc)
                elif candidates:
                    table[cp] = candidates[0]
    lines = [
        "# Radical code points → the ideograph a CJK font draws with the same glyph.",
        "# Written by scripts/radicals.py from the Noto CJK fonts; do not edit by hand.",
        "[radicals]",
    ]
    lines += [f'"\\u{cp:04X}" = "{chr(table[cp])}"  # {chr(cp)}' for cp in sorted(table)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(table)} radicals")


if __name__ == "__main__":
    main()
