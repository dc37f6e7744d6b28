"""Image preparation on drawn images: rules, dashes, skew, turning boxes."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extract.imaging import (
    dash_glyph,
    find_dashes,
    find_rules,
    rotate_small,
    skew_angle,
    text_unit,
    turn,
    unread_regions,
)
from extract.model import Box
from extract.schema import load_data

CFG = load_data("ocr.toml")["prepare"]
UNIT = 20.0  # glyph height in pixels, about 7 pt type at 300 dpi


def blank(h: int = 1200, w: int = 1600) -> np.ndarray:
    return np.full((h, w), 255, np.uint8)


def text_lines(img: np.ndarray, n: int = 12) -> np.ndarray:
    for i in range(n):
        y = 120 + 80 * i
        cv2.putText(img, "Sabol 2014 15 HR 53 67 38", (80, y), cv2.FONT_HERSHEY_SIMPLEX, 1.4,
                    0, 3)  # fmt: skip
    return img


def test_rules_are_found_and_glyphs_are_not() -> None:
    img = text_lines(blank())
    cv2.line(img, (50, 60), (1550, 60), 0, 4)  # top rule
    cv2.line(img, (50, 1100), (1550, 1100), 0, 2)  # bottom rule, thin
    cv2.line(img, (800, 60), (800, 1100), 0, 2)  # a column border
    assert 15 < text_unit(img) < 40
    rules, mask = find_rules(img, UNIT, CFG)
    horizontal = sorted(r.box.top for r in rules if r.horizontal)
    vertical = [r for r in rules if not r.horizontal]
    assert len(horizontal) == 2 and abs(horizontal[0] - 58) < 4 and abs(horizontal[1] - 1099) < 4
    assert len(vertical) == 1 and vertical[0].box.height > 1000
    # no glyph of the text is taken for a rule: the mask covers the three lines only
    assert mask.sum() / 255 < 1.2 * (2 * 1500 * 6 + 1040 * 5)


def test_a_broken_scanned_rule_is_one_rule() -> None:
    img = blank()
    for x in range(50, 1550, 60):
        cv2.line(img, (x, 300), (x + 56, 300), 0, 3)  # 4-pixel breaks every 60
    rules, _ = find_rules(img, UNIT, CFG)
    assert len(rules) == 1 and rules[0].box.width > 1400


def test_aligned_strokes_of_hanzi_are_no_rule() -> None:
    img = blank()
    for i in range(12):  # a line of 三-like glyphs set close: their strokes line up
        x = 100 + 26 * i
        for y in (500, 510, 520):
            cv2.line(img, (x, y), (x + 23, y), 0, 2)
    rules, _ = find_rules(img, UNIT, CFG)
    assert rules == []


def test_lone_dashes_are_found_but_stacked_strokes_are_not() -> None:
    img = blank()
    cv2.line(img, (300, 300), (330, 300), 0, 3)  # a dash: —
    for y in (600, 615, 630):  # 三: three stacked strokes
        cv2.line(img, (300, y), (330, y), 0, 3)
    dashes = find_dashes(img, img, UNIT)
    assert len(dashes) == 1 and abs(dashes[0].top - 298) < 3


def test_thin_stacked_strokes_are_no_dashes_though_the_median_filter_wears_them_away() -> None:
    # 二 and 三 as a light CJK font prints them at 8 pt: strokes two pixels thick and about
    # 0.7 of a glyph height apart. The median filter leaves nothing of them, so the ink
    # around each stroke cannot tell it is one of a stack; the strokes themselves can.
    img = blank()
    for y in (300, 314):  # 二
        cv2.line(img, (300, y), (318, y), 0, 1)
    for y in (600, 608, 616):  # 三
        cv2.line(img, (300, y), (318, y), 0, 1)
    cv2.line(img, (600, 300), (618, 300), 0, 1)  # a lone dash of the same stroke
    clean = cv2.medianBlur(img, 3)
    (dash,) = find_dashes(img, clean, UNIT)
    assert dash.x0 == 600


def test_a_hyphen_is_found_and_told_from_longer_dashes_by_its_width() -> None:
    img = blank()
    cv2.line(img, (300, 300), (307, 300), 0, 1)  # a hyphen: 8 px long, 1 thick
    clean = cv2.medianBlur(img, 3)  # what the median filter leaves of it: nothing
    assert find_dashes(clean, clean, UNIT) == []
    (hyphen,) = find_dashes(img, clean, UNIT)
    strokes = [hyphen, *(Box(0, 0, w * UNIT, hyphen.height) for w in (0.7, 1.6))]
    assert [dash_glyph(s, UNIT, CFG) for s in strokes] == ["-", "–", "—"]


def test_a_blurred_hyphen_is_told_from_an_en_dash_by_what_blur_added() -> None:
    # Strokes as measured on 150-dpi scans of sampled fixtures (length, thickness in glyph
    # heights): a Liberation Serif hyphen is as long as a DejaVu Serif en dash, but blur
    # made it thicker, and longer by as much.
    hyphen = Box(0, 0, 0.5 * UNIT, 0.25 * UNIT)
    en_dash = Box(0, 0, 0.52 * UNIT, 0.16 * UNIT)
    em_dash = Box(0, 0, 1.0 * UNIT, 0.19 * UNIT)  # Carlito's, the shortest
    assert [dash_glyph(s, UNIT, CFG) for s in (hyphen, en_dash, em_dash)] == ["-", "–", "—"]


def test_a_dash_on_a_wrapped_cells_second_line_is_found_under_the_first() -> None:
    img = blank()
    cv2.rectangle(img, (300, 270), (340, 270 + round(UNIT)), 0, -1)  # text on the line above
    dash_y = 270 + round(1.7 * UNIT)  # the next line's middle, a line's spacing below
    cv2.line(img, (305, dash_y), (335, dash_y), 0, 2)  # — under it, as wide as its text
    (dash,) = find_dashes(img, img, UNIT)
    assert abs(dash.y_mid - dash_y) < 3


def test_a_short_thick_sans_hyphen_is_found() -> None:
    img = blank()
    size = round(0.35 * UNIT)  # as DejaVu Sans prints one at 8 pt, scanned at 300 dpi
    cv2.rectangle(img, (300, 300), (300 + size - 1, 300 + size // 2 - 1), 0, -1)
    (hyphen,) = find_dashes(img, img, UNIT)
    assert dash_glyph(hyphen, UNIT, CFG) == "-"


@pytest.mark.parametrize("angle", [-1.2, -0.4, 0.5, 1.5])
def test_skew_is_measured(angle: float) -> None:
    img = text_lines(blank())
    skewed = rotate_small(img, -angle)  # rotate_small undoes a skew: this makes one
    assert skew_angle(skewed, 3.0, 0.05) == pytest.approx(angle, abs=0.15)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_boxes_turn_with_their_image(rotation: int) -> None:
    h, w = 300, 500
    img = blank(h, w)
    img[40:60, 100:180] = 0
    turned = turn(img, rotation)
    ys, xs = np.nonzero(turned == 0)
    box = Box(100, 40, 180, 60).turned(rotation, w, h)
    assert (box.x0, box.top, box.x1, box.bottom) == (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)


def test_unread_ink_is_found_and_read_words_are_not():
    img = text_lines(blank(), n=3)
    cv2.putText(img, "83", (700, 600), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 0, 3)
    read = [Box(60, 80, 1560, 140), Box(60, 160, 1560, 220), Box(60, 240, 1560, 300)]
    regions = unread_regions(img, read, UNIT, limit=10)
    assert len(regions) == 1
    (r,) = regions
    assert r.x0 <= 700 <= r.x1 and r.top <= 590 <= r.bottom
    cv2.circle(img, (1200, 900), 1, 0, -1)  # a speck of noise is no text
    assert len(unread_regions(img, read, UNIT, limit=10)) == 1


def test_a_stroke_blur_left_between_two_kinds_goes_with_its_fellows_on_the_page() -> None:
    # A 150-dpi scan: the en dashes measure 0.41 to 0.53 figure heights, the hyphens 0.26
    # to 0.31. The thickest en dash, less its blur, is as short as a long hyphen.
    page = [0.26, 0.28, 0.29, 0.31, 0.44, 0.47, 0.47, 0.48, 0.51, 0.53]
    thick_en_dash = Box(0, 0, 0.41 * UNIT, 0.1 * UNIT)
    long_hyphen = Box(0, 0, 0.41 * UNIT, 0.1 * UNIT)
    assert dash_glyph(thick_en_dash, UNIT, CFG, page) == "–"
    assert dash_glyph(long_hyphen, UNIT, CFG, [0.33, 0.35, 0.36, 0.37, 0.38]) == "-"


def test_the_longer_of_a_pages_two_kinds_of_stroke_are_en_dashes() -> None:
    # A 150-dpi scan whose en dashes mostly measure 0.41, a pixel short of an en dash, with
    # the page's hyphens (Child-Pugh) at 0.22 to 0.25: the longer kind is the en dash.
    page = [0.22, 0.25, 0.25, 0.25, 0.37, 0.37, *[0.41] * 20, *[0.45] * 18, 0.48]
    en_dash = Box(0, 0, 0.41 * UNIT, 0.1 * UNIT)
    assert dash_glyph(en_dash, UNIT, CFG, page) == "–"
    assert dash_glyph(Box(0, 0, 0.24 * UNIT, 0.1 * UNIT), UNIT, CFG, page) == "-"
    assert dash_glyph(Box(0, 0, 0.36 * UNIT, 0.1 * UNIT), UNIT, CFG, [0.22, 0.36, 0.37]) == "-"


def test_a_pages_lone_strokes_of_one_length_are_told_together():
    # A 150-dpi table's "no value" en dashes (a CJK font's, short) measure 0.37 to 0.49
    # figure heights, their middle 0.41: alone each is a pixel either side of the hyphen's
    # limit, together they are en dashes. Hyphens at 150 dpi measure 0.21 to 0.35 in the
    # fonts sampled: a page of them keeps them hyphens, and so does a stroke alone.
    strokes = [0.37, 0.38, 0.40, 0.41, 0.41, 0.42, 0.45, 0.49]
    assert {dash_glyph(Box(0, 0, x * UNIT, 0.1 * UNIT), UNIT, CFG, strokes) for x in strokes} == {
        "–"
    }
    hyphens = [0.27, 0.29, 0.30, 0.31, 0.33, 0.35]
    assert {dash_glyph(Box(0, 0, x * UNIT, 0.1 * UNIT), UNIT, CFG, hyphens) for x in hyphens} == {
        "-"
    }
    assert dash_glyph(Box(0, 0, 0.41 * UNIT, 0.1 * UNIT), UNIT, CFG) == "-"


def test_a_short_hyphen_a_scan_blurred_as_thick_as_half_its_length_is_a_dash() -> None:
    # A Carlito hyphen at 7 pt scanned at 300 dpi: 7 pixels long, 4 thick.
    img = blank()
    img[300:304, 300:307] = 0
    (hyphen,) = find_dashes(img, img, UNIT)
    assert dash_glyph(hyphen, UNIT, CFG) == "-"


def test_a_dash_level_with_a_rule_past_the_last_border_is_no_part_of_it():
    # A lone dash centred on a spanning cell stands level with the rule between the arms in
    # the cells beside it, a break past the border: the closing that mends a scanned rule
    # joins them, and the dash was painted out with the rule. A rule's own unbroken end
    # past the border (a corner) stays the rule's.
    from extract.imaging import find_dashes, find_rules
    from extract.schema import load_data

    cfg = load_data("ocr.toml")["prepare"]
    binary = np.full((320, 600), 255, np.uint8)
    binary[0:320, 100:103] = 0  # cell borders
    binary[0:320, 400:403] = 0
    binary[150:153, 100:403] = 0  # the rule between two arms, border to border
    binary[150:154, 407:437] = 0  # the spanning cell's dash, a break past the border
    binary[250:253, 100:408] = 0  # a rule running on a little past its border, unbroken
    rules, mask = find_rules(binary, 30.0, cfg)
    flat = sorted((r.box.top, r.box.x1) for r in rules if r.horizontal)
    assert [x1 for _, x1 in flat] == [403.0, 408.0]
    clean = binary.copy()
    clean[mask > 0] = 255
    assert [(b.x0, b.x1) for b in find_dashes(clean, clean, 30.0)] == [(407.0, 437.0)]
