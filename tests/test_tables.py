"""Table finding on hand-made pages: words with boxes and rules, nothing else."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from extract.columns import strip_edges
from extract.lines import Line, group_lines, join_lines, join_words, split_cells
from extract.model import Box, Page, Rule, Word
from extract.rows import column_room, ends_cell, group_rows, make_cells, value_breaks
from extract.tables import find_tables

H = 8.0  # text height


def words_at(y: float, cells: list[tuple[float, str]]) -> list[Word]:
    out = []
    for x, text in cells:
        for token in text.split(" "):
            w = 4.0 * len(token)
            out.append(Word(token, Box(x, y, x + w, y + H)))
            x += w + 2.0
    return out


COLS = [60, 140, 190, 260, 360]  # study, year, n, treatment, median OS


def three_line_page(extra_prose: bool = True) -> Page:
    words = []
    if extra_prose:
        words += words_at(40, [(60, "Some prose before the table talks about studies")])
    words += words_at(80, [(200, "Table 2 Studies of ablation")])
    words += words_at(104, [(60, "Author"), (140, "Year"), (190, "Patients"), (260, "Procedure"),
                            (360, "Median OS (mo)")])  # fmt: skip
    y = 124
    rows = [
        [(60, "Veltri, et al.[20]"), (140, "2014"), (190, "45"), (260, "RFA"), (360, "—")],
        [(60, "Vogl, et al.[44]"), (140, "2023"), (190, "212 vs. 215 vs."), (260, "LITT vs. LITT+"),
         (360, "26.4 vs. 25.2 vs.")],
        [(190, "17 vs. 143"), (260, "TACE vs. MWA vs."), (360, "67.2 vs. 28.8")],
        [(260, "MWA+TACE")],
        [(60, "Sabol, et al.[22]"), (140, "2014"), (190, "15"), (260, "HR"), (360, "53")],
    ]  # fmt: skip
    gaps = [14, 10, 10, 14, 14]
    for cells, gap in zip(rows, gaps, strict=True):
        words += words_at(y, cells)
        y += gap
    words += words_at(y + 6, [(60, "Note: RFA: radiofrequency ablation")])
    rules = [Rule(Box(56, 100, 470, 100.5)), Rule(Box(56, 120, 470, 120.5)),
             Rule(Box(56, y + 2, 470, y + 2.5))]  # fmt: skip
    return Page(1, 595, 842, words, rules, [], 0.0)


def test_wrapped_four_arm_row_is_one_logical_row():
    (table,) = find_tables([three_line_page()])
    assert table.label == "Table 2"
    assert table.header == ["Author", "Year", "Patients", "Procedure", "Median OS (mo)"]
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert len(cells) == 3
    assert cells[1][2] == "212 vs. 215 vs. 17 vs. 143"
    assert cells[1][3] == "LITT vs. LITT+TACE vs. MWA vs. MWA+TACE"
    assert cells[2][0] == "Sabol, et al.[22]"


def test_footnote_and_prose_stay_out_of_the_table():
    (table,) = find_tables([three_line_page()])
    texts = " ".join(c.text for r in table.rows for c in r.cells)
    assert "Note" not in texts and "prose" not in texts


def test_continued_table_joins_the_first():
    first = three_line_page()
    second = three_line_page(extra_prose=False)
    second.number = 2
    second.words = [w for w in second.words if w.text not in ("Table", "2", "Studies", "of",
                                                               "ablation")]  # fmt: skip
    second.words += words_at(80, [(200, "Table 2 (continued)")])
    (table,) = find_tables([first, second])
    assert table.pages == [1, 2]
    assert len(table.rows) == 6


def test_strips_crossed_by_one_overlong_cell_still_separate_columns():
    rows = [[(0, 10), (20, 30)] for _ in range(12)] + [[(0, 25)]]
    (edge,) = strip_edges(rows, 4.0)
    assert 14 <= edge <= 16


def test_join_lines_keeps_names_and_chinese_together():
    assert join_lines(["HR/RFA/MWA/", "SBRT"]) == "HR/RFA/MWA/SBRT"
    assert join_lines(["肝切除术后生存", "获益明显"]) == "肝切除术后生存获益明显"
    assert join_lines(["17 vs.", "143"]) == "17 vs. 143"


def _table_page(number: int, header: list[list[tuple[float, str]]], body: list, top: float = 100,
                caption: str | None = "Table 3 Outcomes"):  # fmt: skip
    """A three-line table under its caption: header lines (10 pt apart), then body rows."""
    words, y = [], top + 4
    if caption:
        words += words_at(top - 14, [(200, caption)])
    for cells in header:
        words += words_at(y, cells)
        y += 10
    mid = y + 2
    y += 6
    for cells in body:
        words += words_at(y, cells)
        y += 14
    rules = [Rule(Box(56, top, 470, top + 0.5)), Rule(Box(56, mid, 470, mid + 0.5)),
             Rule(Box(56, y, 470, y + 0.5))]  # fmt: skip
    return Page(number, 595, 842, words, rules, [], 0.0)


def _placed_rows_page(header: list[tuple[float, str]], rows: list[tuple[float, list]]) -> Page:
    """A three-line table with each printed line set at its own height (``rows``: the line's
    top and its cells), as a browser or OCR places centred and wrapped cells."""
    words = words_at(86, [(200, "Table 2 Studies")]) + words_at(104, header)
    for y, cells in rows:
        words += words_at(y, cells)
    bottom = max(y for y, _ in rows) + 12
    rules = [Rule(Box(56, 100, 470, 100.5)), Rule(Box(56, 116, 470, 116.5)),
             Rule(Box(56, bottom, 470, bottom + 0.5))]  # fmt: skip
    return Page(1, 595, 842, words, rules, [], 0.0)


BODY = [
    [(60, "Veltri"), (140, "2014"), (200, "45"), (260, "44"), (300, "—"), (340, "—")],
    [(60, "Sabol"), (140, "2014"), (200, "15"), (260, "67"), (300, "38"), (340, "20")],
]


def test_two_level_header_joins_the_group_to_each_sub_column():
    header = [
        [(60, "Author"), (140, "Year"), (192, "Patients"), (262, "Overall survival (%)")],
        [(260, "1-yr"), (300, "3-yr"), (340, "5-yr")],
    ]
    (table,) = find_tables([_table_page(1, header, BODY)])
    assert table.header == ["Author", "Year", "Patients", "Overall survival (%) 1-yr",
                            "Overall survival (%) 3-yr", "Overall survival (%) 5-yr"]  # fmt: skip
    assert len(table.rows) == 2


@pytest.mark.parametrize(
    "header,body,first",
    [
        # Sub-headers and figures set flush left, the last column wider: two of three
        # sub-headers lie left of the group's centre, yet the group is centred on its
        # columns' room.
        ([[(60, "Author"), (140, "Year"), (192, "n"), (294, "总生存率 OS (%)")],
          [(260, "1年"), (290, "3年"), (360, "5年")]],
         [[(60, "Veltri"), (140, "2014"), (192, "45"), (260, "44"), (290, "—"), (360, "—")],
          [(60, "Sabol"), (140, "2014"), (192, "15"), (260, "67"), (290, "38"), (360, "20")]],
         3),
        # Sub-headers centred in columns of unequal widths: the middle column's room lies
        # nearly all left of the group's centre, yet the group stands over the middle of
        # the three.
        ([[(60, "Author"), (180, "n"), (244, "总生存率 OS (%)"), (340, "Age")],
          [(208, "1年"), (240, "3年"), (292, "5年")]],
         [[(60, "Veltri"), (180, "45"), (206, "82.4"), (241, "92"), (290, "41.7"), (340, "49")],
          [(60, "Sabol"), (180, "15"), (206, "16.3"), (241, "14"), (292, "2.8"), (340, "40")]],
         2),
    ],
    ids=["flush-left", "centred"],
)  # fmt: skip
def test_a_group_over_columns_of_unequal_width_is_over_all_three(header, body, first):
    (table,) = find_tables([_table_page(1, header, body)])
    group = "总生存率 OS (%)"
    assert len(table.header) == 6
    assert table.header[first : first + 3] == [f"{group} 1年", f"{group} 3年", f"{group} 5年"]


def test_a_group_over_two_columns_is_centred_on_the_edge_between_them():
    header = [
        [(60, "Author"), (140, "Year"), (192, "n"), (263, "OS (%)")],
        [(260, "3y"), (280, "5y")],
    ]
    body = [
        [(60, "Veltri"), (140, "2014"), (192, "45"), (260, "44"), (280, "—")],
        [(60, "Sabol"), (140, "2014"), (192, "15"), (260, "67"), (280, "38")],
    ]
    (table,) = find_tables([_table_page(1, header, body)])
    assert table.header[3:] == ["OS (%) 3y", "OS (%) 5y"]


def test_header_cells_wrapping_to_different_line_counts_stay_one_header():
    # The tallest header cell's first line stands alone on the first printed line.
    header = [
        [(260, "中位生存期")],
        [(60, "作者"), (140, "年份"), (200, "例数"), (262, "(月)"), (300, "3年"), (340, "5年")],
    ]
    (table,) = find_tables([_table_page(1, header, BODY)])
    assert table.header == ["作者", "年份", "例数", "中位生存期(月)", "3年", "5年"]
    assert [c.text for c in table.rows[0].cells][:3] == ["Veltri", "2014", "45"]


def test_a_header_wider_than_its_figures_keeps_its_words():
    header = [[(60, "Author"), (140, "Year"), (186, "Sample size"), (262, "1y"), (300, "3y"),
               (340, "5y")]]  # fmt: skip
    (table,) = find_tables([_table_page(1, header, BODY)])
    assert table.header[2] == "Sample size"
    assert table.header[1] == "Year"


def test_caption_with_the_continued_marker_at_its_end_continues_the_table():
    first = three_line_page()
    second = three_line_page(extra_prose=False)
    second.number = 2
    second.words = [w for w in second.words if w.box.top != 80]
    second.words += words_at(80, [(200, "Table 2 Studies of ablation (continued)")])
    (table,) = find_tables([first, second])
    assert table.label == "Table 2" and table.pages == [1, 2] and len(table.rows) == 6


def test_rows_opening_a_page_without_caption_continue_the_open_table():
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (260, "1y"), (300, "3y"), (340, "5y")]]
    body = BODY * 25  # runs to the foot of page 1
    first = _table_page(1, header, body, top=120)
    second = _table_page(2, [], BODY, top=60, caption=None)
    second.words += words_at(120, [(60, "Prose that follows the table on the second page.")])
    (table,) = find_tables([first, second])
    assert table.pages == [1, 2] and len(table.rows) == 52
    assert [c.text for c in table.rows[-1].cells][:2] == ["Sabol", "2014"]


def test_a_page_of_nothing_but_its_foot_does_not_end_the_open_table():
    # Rows continue two pages on, past a page holding only a "continued" note and its
    # number; on their page, prose in two columns follows the table's bottom rule.
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (260, "1y"), (300, "3y"), (340, "5y")]]
    first = _table_page(1, header, BODY * 25, top=120)
    empty = Page(2, 595, 842, words_at(60, [(400, "(continued)")]) + words_at(800, [(297, "2")]),
                 [], [], 0.0)  # fmt: skip
    third = _table_page(3, [], BODY, top=60, caption=None)
    for y in (120, 134):
        third.words += words_at(
            y, [(60, "Prose set in the left column of the page"), (300, "and the right")]
        )
    (table,) = find_tables([first, empty, third])
    assert table.pages == [1, 3] and len(table.rows) == 52


@pytest.mark.parametrize(
    "second_head", ["Journal of Oncology Reviews", "Joumal of Onco1ogy Reviews"]
)
def test_a_running_head_repeated_on_each_page_is_no_row_of_a_continued_table(second_head):
    # ``Vol. 12, No. 3`` reads like figures; printed alike atop both pages it is furniture,
    # also when OCR reads one page's head a glyph or two differently (``Joumal``).
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (260, "1y"), (300, "3y"), (340, "5y")]]
    first = _table_page(1, header, BODY * 24, top=120)
    second = _table_page(2, [], BODY, top=60, caption=None)
    for page, head in ((first, "Journal of Oncology Reviews"), (second, second_head)):
        page.words += words_at(30, [(57, head), (400, "Vol. 12, No. 3")])
        page.words += words_at(810, [(297, str(page.number))])
    (table,) = find_tables([first, second])
    assert table.pages == [1, 2] and len(table.rows) == 50
    assert not any("Journal" in c.text for r in table.rows for c in r.cells)


def test_hanzi_justified_across_a_narrow_column_join_with_no_space():
    # A remark justified in a narrow column: its hanzi stand up to half an em apart and OCR
    # cuts the line at the wider gaps. Chinese prints no space between words; Latin words
    # as far apart keep theirs, and hanzi a full em apart stay apart.
    def line(texts: list[str], gap: float) -> str:
        words, x = [], 100.0
        for t in texts:
            words.append(Word(t, Box(x, 50, x + 6 * len(t), 50 + H)))
            x += 6 * len(t) + gap
        return join_words(words)

    assert line(["无病", "间", "隔>2年的", "患者"], 3.0) == "无病间隔>2年的患者"
    assert line(["no", "extrahepatic"], 3.0) == "no extrahepatic"
    assert line(["肝切除", "射频消融"], 8.0) == "肝切除 射频消融"


def test_rule_pieces_drawn_cell_by_cell_make_whole_rules():
    page = three_line_page()
    pieces = []
    for r in page.rules:
        xs = [56, 140, 250, 360, 470]
        pieces += [
            Rule(Box(a, r.box.top, b, r.box.bottom)) for a, b in zip(xs, xs[1:], strict=False)
        ]
    page.rules = pieces
    (table,) = find_tables([page])
    assert table.header == ["Author", "Year", "Patients", "Procedure", "Median OS (mo)"]
    assert len(table.rows) == 3


def _arm_rows_page(header: list[list[tuple[float, str]]], rows: list, bottom: float) -> Page:
    """A three-line table whose body lines are printed where ``rows`` say (y, cells), its
    bottom rule at ``bottom``: for arms printed on rows of their own."""
    page = _table_page(1, header, [])
    for y, cells in rows:
        page.words += words_at(y, cells)
    page.rules = [r for r in page.rules if r.box.top < 125] + [Rule(Box(56, bottom, 470, bottom))]
    return page


def test_arms_on_printed_rows_beside_a_centred_study_cell_are_one_row():
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (260, "1y"), (300, "3y"), (340, "5y")]]
    top = 130
    rows = [
        (top, [(200, "72"), (260, "90"), (300, "60"), (340, "40")]),  # arm 1
        (top + 7, [(60, "Saxena"), (140, "1999")]),  # the spanning cells, centred
        (top + 14, [(200, "53"), (260, "80"), (300, "—"), (340, "29")]),  # arm 2
        (
            top + 35,
            [(60, "Zhao"), (140, "2000"), (200, "60"), (260, "51"), (300, "77"), (340, "4")],
        ),  # fmt: skip
        (
            top + 56,
            [(60, "Rossi"), (140, "2003"), (200, "199"), (260, "84"), (300, "34"), (340, "13")],
        ),  # fmt: skip
    ]
    (table,) = find_tables([_arm_rows_page(header, rows, top + 70)])
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert cells[0] == ["Saxena", "1999", "72 vs. 53", "90 vs. 80", "60 vs. —", "40 vs. 29"]
    assert [r[0] for r in cells] == ["Saxena", "Zhao", "Rossi"]


@pytest.mark.parametrize("spanning_top,boxed", [(151, 8.0), (146, 14.0)])
def test_a_study_cell_across_the_middle_rule_between_its_arms_parts_no_arms(spanning_top, boxed):
    # A grid: rules across the arms' columns part a study's four arms; its study and year
    # cells are centred on them, across the middle rule (their middle right at its height),
    # which is drawn where they are not. On a scan they may be boxed taller than their text,
    # level enough with the second arm to be read as one line with it: the rule runs through
    # them, not through the arm's values, and the arm stays an arm.
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (260, "1y"), (300, "3y"), (340, "5y")]]
    rows = [
        (130, [(200, "72"), (260, "90"), (300, "60"), (340, "40")]),
        (144, [(200, "50"), (260, "80"), (300, "—"), (340, "29")]),
        (158, [(200, "114"), (260, "71"), (300, "57"), (340, "—")]),
        (172, [(200, "36"), (260, "66"), (300, "62"), (340, "55")]),
        (190, [(60, "Zhao"), (140, "2000"), (200, "60"), (260, "51"), (300, "77"), (340, "4")]),
    ]
    page = _arm_rows_page(header, rows, 205)
    spanning = words_at(spanning_top, [(60, "Saxena"), (140, "1999")])
    page.words += [replace(w, box=Box(w.box.x0, w.box.top, w.box.x1, w.box.top + boxed))
                   for w in spanning]  # fmt: skip
    page.rules += [Rule(Box(56, 184, 470, 184.5))]
    page.rules += [Rule(Box(190, y - 0.25, 470, y + 0.25)) for y in (141, 155, 169)]
    (table,) = find_tables([page])
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert cells[0][:3] == ["Saxena", "1999", "72 vs. 50 vs. 114 vs. 36"]
    assert cells[0][5] == "40 vs. 29 vs. — vs. 55"
    assert [r[0] for r in cells] == ["Saxena", "Zhao"]


def test_a_column_set_per_arm_on_one_page_is_so_on_the_next():
    # Page 1 shows each arm's treatment on the arm's own row (short names, lines ending
    # short); page 2 prints names long enough to fill the column, as a wrapped cell's lines
    # would: alone it cannot tell, and the table it continues says a name per arm.
    cols = [(60, "Author"), (140, "Year"), (200, "n"), (260, "Treatment"), (340, "mOS")]

    def page(number: int, caption: str, rows: list[tuple[float, list]]) -> Page:
        words = words_at(86, [(200, caption)]) + words_at(104, cols)
        for y, cells in rows:
            words += words_at(y, cells)
        bottom = max(y for y, _ in rows) + 12
        rules = [Rule(Box(56, 100, 470, 100.5)), Rule(Box(56, 116, 470, 116.5)),
                 Rule(Box(56, bottom, 470, bottom + 0.5))]  # fmt: skip
        return Page(number, 595, 842, words, rules, [], 0.0)

    first = page(1, "Table 3 Outcomes", [
        (122, [(60, "Sun[1]"), (140, "2010"), (200, "99"), (260, "HAIC+SRFA+TACE"), (340, "16")]),
        (136, [(200, "40"), (260, "ET"), (340, "20")]),
        (141, [(60, "Li[2]"), (140, "2012")]),
        (146, [(200, "35"), (260, "TACE"), (340, "18")]),
        (160, [(60, "Wang[3]"), (140, "2014"), (200, "52"), (260, "RFA"), (340, "31")]),
    ])  # fmt: skip
    second = page(2, "Table 3 Outcomes (continued)", [
        (122, [(60, "Hu[4]"), (140, "2015"), (200, "61"), (260, "MWA"), (340, "22")]),
        (136, [(200, "30"), (260, "WBRT+TARE"), (340, "12")]),
        (141, [(60, "Wu[5]"), (140, "2016")]),
        (146, [(200, "28"), (260, "HAIC+SRFA"), (340, "10")]),
        (160, [(60, "Ma[6]"), (140, "2018"), (200, "47"), (260, "SBRT"), (340, "25")]),
    ])  # fmt: skip
    (table,) = find_tables([first, second])
    cells = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows}
    assert cells["Li[2]"] == ["2012", "40 vs. 35", "ET vs. TACE", "20 vs. 18"]
    assert cells["Wu[5]"] == ["2016", "30 vs. 28", "WBRT+TARE vs. HAIC+SRFA", "12 vs. 10"]


def _unruled_page(header: list[list[tuple[float, str]]], body: list, after: list) -> Page:
    """An unruled table under its caption, header lines 10 pt apart, rows 14 pt apart, then
    ``after`` lines (prose) 14 pt apart with no wider space before them."""
    words = words_at(86, [(200, "Table 4 Ratings")])
    y = 104.0
    for cells in header:
        words += words_at(y, cells)
        y += 10
    y += 4
    for cells in [*body, *after]:
        words += words_at(y, cells)
        y += 14
    return Page(1, 595, 842, words, [], [], 0.0)


def test_prose_in_two_columns_right_under_an_unruled_table_is_left_out():
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (260, "1y"), (300, "3y"), (340, "5y")]]
    prose = [[(60, "Prose of the left column runs"), (250, "and the right column too here")]]
    (table,) = find_tables([_unruled_page(header, BODY, prose * 2)])
    assert len(table.rows) == 2
    assert [c.text for c in table.rows[-1].cells] == ["Sabol", "2014", "15", "67", "38", "20"]


def test_a_two_column_table_ends_at_prose_that_fills_the_strip_between_its_columns():
    # Label and count, far apart: prose under it crosses no second edge, and OCR parted
    # its clauses where the one edge falls; but its words fill the paper every row leaves.
    header = [[(180, "Characteristic"), (440, "n (%)")]]
    body = [[(60, "Age ≥60 years"), (440, "6(10.5)")], [(60, "HER2 positive"), (440, "45 (78.9)")],
            [(60, "Prior chemotherapy"), (440, "20 (35.1)")]]  # fmt: skip
    prose = [[(76, "Future studies should look deeper into the biology of"),
              (290, "liver metastases apply"), (400, "in daily practice today.")]]  # fmt: skip
    (table,) = find_tables([_unruled_page(header, body, prose)])
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Age ≥60 years", "6(10.5)"], ["HER2 positive", "45 (78.9)"],
        ["Prior chemotherapy", "20 (35.1)"]]  # fmt: skip
    assert table.header == ["Characteristic", "n (%)"]


def test_a_wrapped_headers_last_line_that_looks_like_values_is_header():
    # ``Adverse event`` wraps; ``event 1-2 3-4`` looks like a row of values, but it is set
    # closer under the header than rows are to each other, each piece centred under one of
    # the line above; the body's rows start at the margin.
    header = [[(250, "不良反应"), (552, "1~2级"), (632, "3~4级")],
              [(252, "Adverse"), (552, "Grade"), (632, "Grade")],
              [(256, "event"), (556, "1-2"), (636, "3-4")]]  # fmt: skip
    body = [[(60, "胸腔积液 Pleural effusion"), (558, "39"), (638, "6")],
            [(60, "胆道损伤 Biliary injury"), (558, "18"), (638, "7")],
            [(60, "腹痛 Abdominal pain"), (558, "38"), (638, "1")]]  # fmt: skip
    (table,) = find_tables([_unruled_page(header, body, [])])
    assert table.header == ["不良反应Adverse event", "1~2级Grade 1-2", "3~4级Grade 3-4"]
    assert [c.text for c in table.rows[0].cells] == ["胸腔积液 Pleural effusion", "39", "6"]


def test_a_centred_first_row_of_words_ocr_boxed_close_under_the_header_is_a_row():
    # A scanned table of ratings, centred, unruled: OCR boxed the header's English line
    # taller than the rest, so the first row's box stands closer under it than rows
    # stand to each other, and each of its cells is centred under a header cell. Their
    # middles are as far apart as the rows': the row is no line of the header.
    def line(top: float, bottom: float, cells: list[tuple[float, str]]) -> list[Word]:
        return [Word(t, Box(x, top, x + 6 * len(t), bottom)) for x, t in cells]

    words = line(86, 97, [(200, "Table 2 Credit ratings by year")])
    words += line(103.1, 114.9, [(96, "年份"), (214, "信用评级"), (394, "展望")])
    words += line(114.4, 128.5, [(98, "Year"), (214, "Rating"), (404, "Outlook")])
    ratings = [("2016", "AAA", "Positive"), ("2017", "A", "Positive"), ("2018", "BBB", "Negative"),
               ("2019", "A+", "Positive"), ("2020", "A", "Positive")]  # fmt: skip
    for i, (year, rating, outlook) in enumerate(ratings):
        top = 130.0 + 17.4 * i
        words += line(top, top + 12, [(96, year), (219, rating), (404, outlook)])
    (table,) = find_tables([Page(1, 595, 842, words, [], [], 0.0)])
    assert table.header == ["年份Year", "信用评级Rating", "展望Outlook"]
    assert [r.cells[0].text for r in table.rows] == [y for y, _, _ in ratings]


def test_a_lone_glyph_ocr_boxed_apart_beside_an_edge_ends_its_neighbours_word():
    # ``Child-Pugh分级`` read as ``Child-Pugh分`` and ``级``, the edge to the 1-year column
    # between them: the lone glyph stands over no figure of that column.
    def ocr(text: str, x0: float, x1: float, y: float) -> Word:
        return Word(text, Box(x0, y, x1, y + H), "ocr:x", 0.95)

    words = words_at(86, [(200, "Table 1 Outcomes")])
    words += [ocr("研究", 62, 75, 104), ocr("Child-Pugh分", 155, 195, 104),
              ocr("级", 198, 203, 104), ocr("1年", 208, 217, 104),
              ocr("3年", 239, 249, 104)]  # fmt: skip
    for k, y in enumerate((124, 138, 152)):
        words += [ocr(f"Li[{k}]", 60, 80, y), ocr("A/B", 173, 185, y), ocr("82.4", 207, 219, y),
                  ocr(f"4{k}.7", 240, 252, y)]  # fmt: skip
    rules = [Rule(Box(56, 100, 470, 100.5)), Rule(Box(56, 116, 470, 116.5)),
             Rule(Box(56, 164, 470, 164.5))]  # fmt: skip
    (table,) = find_tables([Page(1, 595, 842, words, rules, [], 0.0)])
    assert [h.replace(" ", "") for h in table.header] == ["研究", "Child-Pugh分级", "1年", "3年"]


def test_a_group_word_narrower_than_its_sub_headers_is_over_them():
    # OCR reads ``总生存率(%)`` as one word, over 1年 | 3年 | 5年 set a column apart and
    # wider than it: an edge between 3年 and 5年 inside it is one it spans, not a cut.
    from extract.header_block import over_sub_headers

    group = Word("总生存率(%)", Box(296, 104, 342, 112), "ocr:x", 0.95)
    heads = [group] + [Word(t, Box(x, 124, x + 10, 132), "ocr:x", 0.95)
                       for x, t in ((239, "1年"), (283, "3年"), (358, "5年"))]  # fmt: skip
    assert over_sub_headers(group, 325.0, heads)
    assert not over_sub_headers(group, 325.0, heads[:3])  # nothing under it right of the edge


def test_a_figure_opening_its_interval_belongs_to_the_column_it_runs_on_into():
    # ``24 [95% CI 16.9-31.5]``: the figure stands a little apart from its interval, far from
    # the remark before it. The strip it leaves is no column; it is the median's, not the
    # remark's.
    header = [[(60, "Study"), (140, "Notes"), (330, "Median OS (mo)")]]
    body = [[(60, f"S{i}[{i}]"), (140, "—"), (330, str(10 + i))] for i in range(8)]
    body[1] = [(60, "Wu[62]"), (140, "Most patients had disease; combined"), (300, "24"),
               (316, "[95% CI 16.9-31.5]")]  # fmt: skip
    body[4] = [(60, "Ho[65]"), (140, "—"), (294, "35.8"), (316, "[95% CI 28.5-49.4]")]
    (table,) = find_tables([_table_page(1, header, body)])
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert cells[1] == ["Wu[62]", "Most patients had disease; combined", "24 [95% CI 16.9-31.5]"]
    assert cells[4] == ["Ho[65]", "—", "35.8 [95% CI 28.5-49.4]"]


def test_a_wide_table_ends_at_two_column_prose_narrower_than_it():
    # A landscape table of labels and two figures; the prose under it, in two columns,
    # ends short of the table's right edge and crosses at most one edge with each clause.
    header = [[(160, "不良反应"), (410, "1~2级"), (650, "3~4级")]]
    body = [[(60, "恶心呕吐"), (417, "17"), (662, "1")], [(60, "肝功能"), (419, "4"), (662, "0")],
            [(60, "发热"), (416, "20"), (662, "6")]]  # fmt: skip
    clause = "乳腺癌是全世界女性最常见的恶性肿瘤，肝转移是其死亡率较高的主要原因"  # 34 glyphs
    prose = [[(77, clause + "之一"), (240, clause), (430, clause + "，是治疗的重点")]]
    (table,) = find_tables([_unruled_page(header, body, prose)])
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["恶心呕吐", "17", "1"], ["肝功能", "4", "0"], ["发热", "20", "6"]]  # fmt: skip


def test_a_table_of_words_keeps_its_header_and_ends_before_prose():
    header = [[(60, "Year"), (160, "Rating"), (260, "Outlook")]]
    body = [[(60, "2015"), (160, "AA+"), (260, "Negative")], [(60, "2016"), (160, "BBB"),
            (260, "Positive")], [(60, "2017"), (160, "AA"), (260, "Stable")]]  # fmt: skip
    prose = [[(60, "A paragraph of prose set across the whole width of the page below")]]
    (table,) = find_tables([_unruled_page(header, body, prose)])
    assert table.header == ["Year", "Rating", "Outlook"]
    assert [c.text for c in table.rows[-1].cells] == ["2017", "AA", "Stable"]


def test_a_wrapped_header_beside_centred_headers_is_no_group():
    # ``Follow-up`` wraps over ``(months)``; its neighbours are centred on the header's
    # height, so they print on the line of ``(months)`` but start above it.
    words = words_at(86, [(200, "Table 5 Studies")])
    words += words_at(96, [(198, "Follow-up")])
    words += words_at(100.5, [(60, "Author"), (140, "Year"), (260, "n"), (300, "3y"), (340, "5y")])
    words += words_at(102, [(200, "(months)")])
    y = 126.0
    for cells in BODY:
        words += words_at(y, cells)
        y += 14
    rules = [Rule(Box(56, 94, 470, 94.5)), Rule(Box(56, 120, 470, 120.5)),
             Rule(Box(56, y, 470, y + 0.5))]  # fmt: skip
    (table,) = find_tables([Page(1, 595, 842, words, rules, [], 0.0)])
    assert table.header == ["Author", "Year", "Follow-up (months)", "n", "3y", "5y"]


def test_a_column_edge_passes_beside_an_overlong_cell_not_through_it():
    rows = [[(0, 10), (30, 40)] for _ in range(12)] + [[(0, 10), (14, 40)]]
    (edge,) = strip_edges(rows, 4.0)
    assert 10 < edge < 14


def test_multi_arm_values_offset_row_to_row_stay_one_column():
    # The spaces around ``vs.`` of two rows' cells line up into a strip no row crosses
    # whole; it is no column's space.
    header = [[(60, "Author"), (140, "Year"), (292, "n")]]
    body = [[(60, "Veltri"), (140, "2014"), (294, "45")] for _ in range(8)]
    body[2] = [(60, "Vogl"), (140, "2015"), (272, "146 vs. 94")]
    body[5] = [(60, "Sabol"), (140, "2016"), (277, "23 vs. 319")]
    (table,) = find_tables([_unruled_page(header, body, [])])
    assert table.header == ["Author", "Year", "n"]
    assert [c.text for c in table.rows[2].cells] == ["Vogl", "2015", "146 vs. 94"]
    assert [c.text for c in table.rows[5].cells] == ["Sabol", "2016", "23 vs. 319"]


def test_a_citation_closes_a_study_cell_and_a_name_opens_the_next():

    def ws(text: str) -> list[Word]:
        return words_at(0, [(60, text)])

    assert ends_cell(ws("[13]"), ws("Makinen, 等"))
    assert ends_cell(ws("Gordon et al.13"), ws("Makinen et"))
    assert not ends_cell(ws("van der"), ws("Berg, et al.[49]"))  # a name wrapped
    assert not ends_cell(ws("[13]"), ws("(phase II)"))


def test_study_cells_centred_on_their_arms_after_a_single_arm_study():
    # The first study has one arm, so no arm row precedes it: that the cells are centred
    # shows in the next studies (an arm printed above the study's cell), and the arm row
    # printed right after a study belongs to the next one.
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (260, "1y"), (300, "3y"), (340, "5y")]]
    top = 130
    rows = [
        (
            top + 10,
            [(60, "Zhao"), (140, "2000"), (200, "60"), (260, "51"), (300, "77"), (340, "4")],
        ),
        (top + 20, [(200, "72"), (260, "90"), (300, "60"), (340, "40")]),  # Saxena arm 1
        (top + 30, [(60, "Saxena[12]"), (140, "1999")]),  # its cells, centred on two arms
        (top + 40, [(200, "53"), (260, "80"), (300, "—"), (340, "29")]),
        (top + 50, [(200, "11"), (260, "70"), (300, "50"), (340, "30")]),  # Rossi arm 1
        (top + 60, [(60, "Rossi[13]"), (140, "2003")]),
        (top + 70, [(200, "12"), (260, "71"), (300, "51"), (340, "31")]),
    ]
    (table,) = find_tables([_arm_rows_page(header, rows, top + 84)])
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert [r[0] for r in cells] == ["Zhao", "Saxena[12]", "Rossi[13]"]
    assert cells[1][2] == "72 vs. 53" and cells[2][2] == "11 vs. 12"


def test_arms_beside_a_study_cell_printed_in_a_middle_column_are_one_row():
    header = [[(60, "n"), (100, "1y"), (140, "3y"), (190, "Author"), (300, "Year")]]
    top = 130
    rows = [
        (top, [(60, "72"), (100, "90"), (140, "60")]),  # arm 1
        (top + 10, [(190, "Saxena[12]"), (300, "1999")]),  # the spanning cells, centred
        (top + 20, [(60, "53"), (100, "80"), (140, "—")]),  # arm 2
        (top + 30, [(60, "60"), (100, "51"), (140, "77"), (190, "Zhao[13]"), (300, "2000")]),
        (top + 40, [(60, "19"), (100, "84"), (140, "34"), (190, "Rossi[14]"), (300, "2003")]),
    ]
    (table,) = find_tables([_arm_rows_page(header, rows, top + 54)])
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert cells[0] == ["72 vs. 53", "90 vs. 80", "60 vs. —", "Saxena[12]", "1999"]
    assert [r[3] for r in cells] == ["Saxena[12]", "Zhao[13]", "Rossi[14]"]


def test_arms_on_rows_whose_values_are_words_or_spreads_are_arms_of_one_study():
    # A shared n spans the arms; each arm's row holds a treatment and values printed as a
    # word for a missing one (未达到) or a figure with its spread (107±28.1): whole values.
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (250, "Tx"), (320, "mOS"), (380, "5y")]]
    top = 130
    rows = [
        (top, [(250, "SRFA"), (320, "未达到"), (380, "–")]),  # arm 1
        (top + 7, [(60, "Okafor"), (140, "2013"), (200, "520")]),  # the spanning cells
        (top + 14, [(250, "TACE"), (320, "81"), (380, "–")]),  # arm 2
        (top + 35, [(60, "Wu"), (140, "2017"), (200, "111"), (250, "RT"), (320, "40"),
                    (380, "26")]),
        (top + 56, [(250, "SIRT"), (320, "107±28.1"), (380, "–")]),
        (top + 63, [(60, "Ibanez"), (140, "2017"), (200, "248")]),
        (top + 70, [(250, "HIFU"), (320, "—"), (380, "70")]),
    ]  # fmt: skip
    (table,) = find_tables([_arm_rows_page(header, rows, top + 84)])
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert cells[0] == ["Okafor", "2013", "520", "SRFA vs. TACE", "未达到 vs. 81", "– vs. –"]
    assert cells[2] == ["Ibanez", "2017", "248", "SIRT vs. HIFU", "107±28.1 vs. —", "– vs. 70"]


def _studies_and_arms(rows: list, edges: list[float], study: int = 0) -> list[list[str]]:
    """Row grouping alone: each logical row as its study (column ``study``) and its arms' n
    (the third column)."""
    lines = group_lines([w for y, cells in rows for w in words_at(y, cells)])
    out = []
    for arms in group_rows(lines, edges, [], []):
        pieces = [join_words(split_cells(ln, edges)[study]) for arm in arms for ln in arm]
        n = [join_words([w for ln in arm for w in split_cells(ln, edges)[2]]) for arm in arms]
        out.append([" ".join(p for p in pieces if p)] + [x for x in n if x])
    return out


def test_study_cells_centred_on_their_arms_are_told_by_the_whole_table():
    # As a browser prints rowspan cells (vertical-align: middle), at the heights printed:
    # the study's own line holds a year and a remark spanning its arms, the lines are set
    # at one spacing, and the arm printed right after a one-arm study is the next study's.
    rows = [
        (248.5, [(59, "Weinrich"), (140, "1996"), (192, "12"), (223, "ICI"), (300, "17.2"),
                 (347, "58.4"), (393, "38.7"), (428, "R0")]),
        (265.8, [(192, "17"), (223, "HR"), (300, "73.4"), (355, "-"), (393, "72.8")]),
        (274.8, [(59, "Kaur"), (140, "1997"), (428, "-")]),
        (282.3, [(192, "18"), (223, "RFA"), (300, "107.6"), (355, "-"), (393, "41.0")]),
        (299.5, [(59, "Fendler"), (140, "1998"), (192, "106"), (223, "HIFU"), (300, "NR"),
                 (355, "-"), (393, "16.4"), (428, "-")]),
        (316.8, [(428, "Low local")]),
        (322.8, [(59, "He"), (140, "1999"), (192, "74"), (223, "CTX"), (300, "85.9"), (355, "-"),
                 (393, "41.4")]),
        (327.3, [(428, "recurrence")]),
        (348.5, [(59, "Hoffmann"), (140, "2000"), (192, "96"), (223, "TKI"), (300, "93.6"),
                 (355, "-"), (401, "-"), (428, "-")]),
        (379.0, [(223, "IRE"), (304, "94"), (355, "-"), (401, "-")]),
        (396.3, [(59, "Liu"), (140, "2001"), (192, "22"), (223, "CTX"), (300, "103.9"),
                 (347, "65.6"), (393, "63.8"), (428, "-")]),
        (412.8, [(192, "23"), (223, "SIRT"), (300, "NR"), (347, "45.9"), (398, "37")]),
    ]  # fmt: skip
    edges = [131, 174, 215, 287, 334, 380, 421]
    assert _studies_and_arms(rows, edges) == [
        ["Weinrich", "12"], ["Kaur", "17", "18"], ["Fendler", "106"], ["He", "74"],
        ["Hoffmann", "96"], ["Liu", "22", "23"],
    ]  # fmt: skip


def test_a_study_cell_standing_on_its_first_arm_takes_the_arm_rows_below_it():
    rows = [
        (130, [(59, "Weinrich"), (140, "1996"), (192, "12"), (300, "90"), (347, "60")]),
        (144, [(192, "17"), (300, "80"), (347, "—")]),
        (158, [(59, "Kaur"), (140, "1997"), (192, "18"), (300, "70"), (347, "50")]),
        (172, [(192, "19"), (300, "71"), (347, "51")]),
        (186, [(59, "Rossi"), (140, "1998"), (192, "20"), (300, "72"), (347, "52")]),
    ]
    edges = [131, 174, 215, 287, 334]
    assert _studies_and_arms(rows, edges) == [
        ["Weinrich", "12", "17"],
        ["Kaur", "18", "19"],
        ["Rossi", "20"],
    ]


def test_a_captionless_continuation_ends_at_prose_in_two_columns_and_at_its_note():
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (260, "1y"), (300, "3y"), (340, "5y")]]
    first = _table_page(1, header, BODY * 25, top=120)  # runs to the foot of page 1
    second = _table_page(2, [], BODY, top=60, caption=None)
    second.words += words_at(100, [(60, "Prose of the left column runs on"),
                                   (250, "and the right column runs on too")])  # fmt: skip
    second.words += words_at(114, [(60, "Note:"), (90, "RFA, radiofrequency ablation")])
    (table,) = find_tables([first, second])
    assert table.pages == [1, 2] and len(table.rows) == 52
    assert [c.text for c in table.rows[-1].cells] == ["Sabol", "2014", "15", "67", "38", "20"]


def test_a_citation_line_cut_off_as_a_row_rejoins_the_study_cell_above():
    from extract.lines import group_lines
    from extract.rows import _join_citation_tails

    def row(y: float, cells: list[tuple[float, str]]) -> list:
        return group_lines(words_at(y, cells))

    rows = [
        row(100, [(60, "O'Brien, et al."), (140, "1997"), (200, "62")]),
        row(114, [(60, "[61]"), (200, "44.7")]),  # the cell's citation, and a wrapped value
        row(128, [(60, "Kovac, et al.[63]"), (140, "2001"), (200, "13")]),
        row(142, [(60, "[64]")]),  # no: Kovac's cell is closed by its citation
    ]
    joined = _join_citation_tails(rows, [130.0, 190.0])
    assert [len(r) for r in joined] == [2, 1, 1]


def test_a_study_cell_the_line_finder_cut_in_two_is_not_two_studies():
    from extract.lines import split_cells
    from extract.rows import _cut_at_study_cells

    # OCR boxed ``等[45]`` a little higher than ``Fendler,`` beside it: two lines, one cell.
    lines = [
        group_lines_at(100, [(60, "Liu, 等[44]"), (140, "2005")]),
        group_lines_at(113, [(76, "等[45]")]),
        group_lines_at(116, [(40, "Fendler,"), (140, "2007")]),
    ]
    cells = [split_cells(line, [130.0]) for line in lines]
    rows = _cut_at_study_cells([0, 1, 2], lines, cells, join=0.0)
    assert [len(r) for r in rows] == [1, 2]


def group_lines_at(y: float, cells: list[tuple[float, str]]):
    from extract.lines import group_lines

    (line,) = group_lines(words_at(y, cells))
    return line


def test_lone_digits_of_a_wrapped_header_do_not_start_the_body():
    from extract.header_block import first_body_line

    lines = [
        words_at(100, [(140, "Year"), (300, "3"), (340, "5")]),  # 3年 / 5年 wrapped
        words_at(110, [(60, "Author"), (300, "年"), (340, "年")]),
        words_at(124, [(60, "Li[1]"), (140, "2001"), (300, "40"), (340, "20")]),
    ]
    assert first_body_line(lines) == 2


def test_a_sub_header_line_of_years_set_apart_from_their_figures_is_header():
    # A browser prints ``3 年`` and ``5 年`` under a group cell as a figure and a hanzi:
    # two lone digits, each labelled by the hanzi beside it; the body starts below.
    from extract.header_block import first_body_line

    lines = [
        words_at(100, [(60, "Author"), (140, "n"), (300, "总生存率 OS (%)")]),
        words_at(112, [(280, "3"), (286, "年"), (330, "5"), (336, "年")]),
        words_at(126, [(60, "Li[1]"), (140, "45"), (280, "40"), (330, "20")]),
    ]
    assert first_body_line(lines) == 2


def test_arm_cells_ocr_glued_together_still_start_the_body():
    from extract.header_block import first_body_line

    lines = [
        words_at(100, [(60, "Reference"), (140, "n"), (200, "Median OS"), (300, "Notes")]),
        words_at(114, [(60, "NCT01570216"), (140, "814"), (200, "-VS-")]),
        words_at(128, [(60, "NCT02251353"), (140, "500"), (200, "-VS-"), (300, "-")]),
    ]
    assert first_body_line(lines) == 1


def test_a_count_ocr_glued_to_its_bracketed_share_starts_the_body():
    from extract.header_block import first_body_line

    lines = [
        words_at(100, [(180, "Characteristic"), (440, "n (%)")]),
        words_at(114, [(60, "Age≥60years"), (440, "6(10.5)")]),
        words_at(128, [(60, "HER2positive"), (440, "45"), (452, "(78.9)")]),
    ]
    assert first_body_line(lines) == 1


def test_a_repeated_group_header_printed_once_repeats_the_header():
    from extract.lines import group_lines
    from extract.model import Table
    from extract.tables import _repeats

    group = "Overall survival (%)"
    known = Table("Table 1", "", [1], ["Author", f"{group} 1y", f"{group} 3y", f"{group} 5y"], [])
    printed = group_lines(words_at(60, [(60, "Author"), (250, group)]))
    printed += group_lines(words_at(72, [(240, "1y"), (280, "3y"), (320, "5y")]))
    assert _repeats(printed, known)
    body = group_lines(words_at(90, [(60, "Veltri"), (260, "44"), (300, "20")]))
    assert not _repeats(body, known)


def test_arm_lines_share_value_columns_though_the_first_also_prints_a_spanning_value():
    from extract.lines import group_lines
    from extract.rows import _arm_lines

    edges = [120.0, 180.0, 240.0, 290.0]
    lines = group_lines(words_at(100, [(60, "Lefevre"), (140, "2001"), (200, "74"), (260, "65.2")]))
    lines += group_lines(words_at(114, [(200, "34"), (260, "60.8")]))
    assert len(_arm_lines(lines, edges)) == 2


def test_header_cells_set_too_close_part_over_their_columns_figures():
    # Three header cells wider than their columns, a hair apart: one run of words over
    # three columns, each word centred over its own column's figures.
    header = [[(60, "Author"), (100, "Child-Pugh-grade 1y-OS-rate Published"), (300, "n")]]
    body = [[(60, "Tanaka"), (122, "A/B"), (180, "89"), (218, "1995"), (300, "32")],
            [(60, "Sabol"), (122, "A"), (180, "44"), (218, "1996"), (300, "27")]]  # fmt: skip
    (table,) = find_tables([_table_page(1, header, body)])
    assert table.header == ["Author", "Child-Pugh-grade", "1y-OS-rate", "Published", "n"]


def test_a_columns_dashes_set_apart_from_its_figures_stay_in_it():
    header = [[(60, "Author"), (140, "Year"), (200, "5y OS")]]
    body = [[(60, "Zhao"), (140, "2014"), (204, "45")] for _ in range(6)]
    body[1] = [(60, "Rossi"), (140, "2015"), (180, "—")]
    body[4] = [(60, "Kaur"), (140, "2016"), (180, "—")]
    (table,) = find_tables([_table_page(1, header, body)])
    assert table.header == ["Author", "Year", "5y OS"]
    assert [c.text for c in table.rows[1].cells] == ["Rossi", "2015", "—"]


def test_a_registry_id_running_up_to_the_next_column_leaves_two_columns():
    # Less than a space between the id and the next cell; the header sets the two apart.
    header = [[(60, "Study"), (112, "Yr"), (160, "n")]]
    body = [[(60, "Zhao"), (106, "2014"), (160, "45")] for _ in range(5)]
    body[2] = [(60, "NCT04599435"), (106, "Ongoing"), (160, "735")]
    body[3] = [(60, "NCT01234455"), (106, "Ongoing"), (160, "143")]
    (table,) = find_tables([_table_page(1, header, body)])
    assert table.header == ["Study", "Yr", "n"]
    assert [c.text for c in table.rows[2].cells] == ["NCT04599435", "Ongoing", "735"]


def test_the_first_line_of_the_tallest_centred_header_is_no_group():
    # Header cells centred on the header's height: the three-line cell starts above its
    # neighbours, whose headers start lower still; it spans nothing.
    header = [
        [(258, "3y")],
        [(196, "Median"), (258, "OS"), (316, "5y-OS")],
        [(60, "Author"), (140, "Year"), (196, "survival"), (254, "at-3-yr"), (316, "rate")],
    ]
    body = [[(60, "Veltri"), (140, "2014"), (200, "45"), (262, "44"), (320, "20")],
            [(60, "Sabol"), (140, "2015"), (200, "15"), (262, "67"), (320, "38")]]  # fmt: skip
    (table,) = find_tables([_table_page(1, header, body)])
    assert table.header == ["Author", "Year", "Median survival", "3y OS at-3-yr", "5y-OS rate"]


def test_headers_centred_on_one_middle_form_no_group_whatever_line_each_starts_on():
    # Every header cell centred on the header's height: the four-line cell starts above all
    # (中位总生存期), the three-line ones a half line lower, then the two-line ones (手术方式,
    # 3年总生存率), which its first line seems to stand over; it spans nothing.
    cells = [(60, ["Author"]), (110, ["中位年龄", "Median age", "(y)"]),
             (170, ["手术方式", "Treatment"]),
             (226, ["中位总生存期", "Median", "survival", "(mo)"]),
             (290, ["3年总生存率", "3-yr OS"]), (350, ["Notes"])]  # fmt: skip
    words = words_at(86, [(200, "Table 3 Outcomes")])
    for x, lines in cells:
        top = 123 - (len(lines) * 10 - 2) / 2
        for k, text in enumerate(lines):
            words += words_at(top + 10 * k, [(x, text)])
    body = [
        [(60, "Veltri"), (110, "45"), (170, "RFA"), (230, "44"), (290, "20"), (350, "-")],
        [(60, "Sabol"), (110, "51"), (170, "TACE"), (230, "67"), (290, "38"), (350, "-")],
    ]
    for k, row in enumerate(body):
        words += words_at(152 + 14 * k, row)
    rules = [Rule(Box(56, 100, 470, 100.5)), Rule(Box(56, 146, 470, 146.5)),
             Rule(Box(56, 182, 470, 182.5))]  # fmt: skip
    (table,) = find_tables([Page(1, 595, 842, words, rules, [], 0.0)])
    assert table.header == ["Author", "中位年龄Median age (y)", "手术方式Treatment",
                            "中位总生存期Median survival (mo)", "3年总生存率3-yr OS",
                            "Notes"]  # fmt: skip


def test_a_wrapped_header_over_its_own_column_is_no_group_over_its_neighbours():
    # ``1y OS`` wraps over ``rate`` in its own column; the neighbours' headers lie all to
    # one side of it, not around it as a group's sub-headers do.
    header = [
        [(138, "1y-OS")],
        [(60, "Ref"), (140, "rate"), (196, "Year"), (250, "Patients")],
    ]
    body = [[(60, "Veltri"), (140, "44"), (196, "2014"), (254, "45")],
            [(60, "Sabol"), (140, "67"), (196, "2015"), (254, "15")]]  # fmt: skip
    (table,) = find_tables([_table_page(1, header, body)])
    assert table.header == ["Ref", "1y-OS rate", "Year", "Patients"]


def test_an_unruled_table_of_graded_events_keeps_its_header_and_ends_at_justified_prose():
    # Figures inside the header's labels (``Grade 1-2``) start no body; prose justified
    # with spaces as wide as a column's, reaching past every row, ends the table.
    header = [[(100, "Adverse event"), (280, "Grade 1-2"), (440, "Grade 3-4")]]
    body = [[(60, "Infection"), (296, "3"), (456, "1")], [(60, "Bleeding"), (296, "7"),
            (456, "6")], [(60, "Fever"), (296, "9"), (456, "4")]]  # fmt: skip
    words = " ".join(["Future", "research", "should", "focus", "on", "the", "biology"])
    prose = [[(75 + 70 * i, w) for i, w in enumerate(words.split())]]
    (table,) = find_tables([_unruled_page(header, body, prose)])
    assert table.header == ["Adverse event", "Grade 1-2", "Grade 3-4"]
    assert [[c.text for c in r.cells] for r in table.rows][-1] == ["Fever", "9", "4"]


def test_the_ends_of_a_long_remarks_lines_stay_in_its_column():
    # The remark's words run on with a word's space between them past where every other
    # row ends: no column edge lies in that space.
    header = [[(60, "Author"), (140, "Year"), (200, "Remarks")]]
    body = [[(60, f"Zhao{i}"), (140, "2014"), (200, "—")] for i in range(9)]
    body[4] = [(60, "Sabol"), (140, "2015"), (200, "Salvage"), (231, "use")]
    body[6] = [(60, "Kaur"), (140, "2016"), (200, "Salvage"), (231, "use")]
    (table,) = find_tables([_table_page(1, header, body)])
    assert table.header == ["Author", "Year", "Remarks"]
    assert [c.text for c in table.rows[4].cells] == ["Sabol", "2015", "Salvage use"]


def test_a_long_headers_tail_over_a_remarks_column_heads_no_part_of_it():
    # ``Median age (y)`` centred over its figures reaches past the strip after them, its
    # ``(y)`` over the first words of the remarks column, whose header is centred farther
    # right. Two long remarks leave a space on one line: the strip there parts nothing,
    # for only ``(y)``'s tail stands over its left side and no header run is centred there.
    header = [[(60, "Author"), (124, "Median age (y)"), (215, "Remarks")]]
    body = [[(60, f"Zhao{i}"), (140, "62"), (180, "—")] for i in range(9)]
    body[4] = [(60, "Sabol"), (140, "57"), (180, "Salvage"), (231, "use")]
    body[6] = [(60, "Kaur"), (140, "58"), (180, "Salvage"), (231, "use")]
    (table,) = find_tables([_table_page(1, header, body)])
    assert table.header == ["Author", "Median age (y)", "Remarks"]
    assert [c.text for c in table.rows[4].cells] == ["Sabol", "57", "Salvage use"]


def test_a_word_over_another_starts_a_line_of_its_own_though_their_boxes_are_tall():
    # OCR boxes a line and a half tall put two lines of one cell within each other's band.
    upper, lower = (
        Word("Ibanez", Box(60, 183.4, 90, 202.6)),
        Word("al.[19]", Box(60, 194.6, 89, 209.3)),
    )
    year = Word("2011", Box(140, 184, 162, 201))
    assert [ln.text for ln in group_lines([upper, lower, year])] == ["Ibanez 2011", "al.[19]"]
    # A glyph read twice at one height stays on its line.
    twice = [Word("30.8", Box(433, 664, 454, 679)), Word("3", Box(451, 664.5, 454, 678))]
    assert len(group_lines(twice)) == 1


def test_the_widely_spaced_tail_of_one_long_cell_is_no_column():
    # OCR spaces ``CI`` well apart from ``[95%``; on two lines it is the only word beyond
    # the column's figures, and the header over it runs on from the column's own.
    header = [[(60, "Author"), (150, "Median OS (mo)"), (262, "5y")]]
    body = [[(60, f"Zhao{i}"), (150, "45.0"), (262, "20")] for i in range(10)]
    body[3] = [(60, "Sabol"), (140, "119.7 [95%"), (190, "CI"), (262, "26")]
    body[6] = [(60, "Kaur"), (140, "101.2 [95%"), (190, "CI"), (262, "27")]
    (table,) = find_tables([_table_page(1, header, body)])
    assert table.header == ["Author", "Median OS (mo)", "5y"]
    assert [c.text for c in table.rows[3].cells] == ["Sabol", "119.7 [95% CI", "26"]


def test_the_page_number_under_an_unruled_table_is_no_row():
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (260, "1y"), (300, "3y"), (340, "5y")]]
    (table,) = find_tables([_unruled_page(header, BODY, [[(60, "2")]])])
    assert [c.text for c in table.rows[-1].cells] == ["Sabol", "2014", "15", "67", "38", "20"]


def test_a_narrow_table_ends_where_prose_in_two_columns_reaches_past_it():
    header = [[(60, "Adverse event"), (300, "Grade 1-2"), (450, "Grade 3-4")]]
    body = [[(60, "Infection"), (316, "3"), (466, "1")], [(60, "Fever"), (316, "9"), (466, "4")]]
    left, right = "乳腺癌是全世界女性最常见的恶性肿瘤" * 2, "发展手术治疗已成为乳腺癌肝转移" * 4
    prose = [[(81, left), (308, right)], [(60, left), (308, right)]]
    (table,) = find_tables([_unruled_page(header, body, prose)])
    assert [[c.text for c in r.cells] for r in table.rows] == [["Infection", "3", "1"],
                                                               ["Fever", "9", "4"]]  # fmt: skip


def test_a_row_line_of_words_reaching_past_the_others_is_no_prose():
    # A study cell and the first words of a long remark, no figure on that printed line:
    # their words are many and reach past every row, but a cell's space parts them.
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (300, "Remarks")]]
    body = [[(60, "Zhao"), (140, "2014"), (200, "45"), (300, "Feasibility study")],
            [(60, "Franzese, et al. [77]"), (300, "Suitable for lesions next to major")],
            [(140, "2012"), (200, "35")],
            [(60, "Sun"), (140, "2013"), (200, "12"), (300, "Low local recurrence")]]  # fmt: skip
    (table,) = find_tables([_unruled_page(header, body, [])])
    assert [c.text for c in table.rows[-1].cells] == ["Sun", "2013", "12", "Low local recurrence"]


def test_a_citation_line_below_the_spanning_cells_rejoins_its_study_cell():
    # ``Weinrich 等`` / ``[58]`` on its two arms' lines, the cells spanning both arms centred
    # between them (as OCR read a real page): one study with two arms, not a study and a
    # citation. The study column is printed in the middle.
    rows = [
        (479.8, [(59, "系统治疗"), (131, "-"), (278, "41"), (307, "-"), (338, "27"),
                 (401, "林艳等[56]"), (457, "2016"), (487, "回顾性"), (522, "25")]),
        (494.6, [(59, "MWA/HR"), (131, "-"), (281, "-"), (307, "-"), (354, "120"),
                 (399, "Novak 等[57]"), (457, "2016"), (487, "回顾性"), (522, "11")]),
        (511.4, [(59, "系统治疗/ET"), (278, "88"), (302, "66.8"), (349, "未报告"),
                 (399, "Weinrich 等"), (522, "17")]),
        (518.2, [(131, "-"), (457, "2018"), (486, "前瞻性")]),
        (524.8, [(59, "肝切除术+SRFA"), (278, "61"), (304, "59"), (335, "103"), (399, "[58]"),
                 (522, "23")]),
        (540.7, [(59, "LITT"), (278, "87"), (307, "-"), (349, "未报告"), (522, "11")]),
        (547.7, [(132, "术后30d死亡率为0"), (400, "郑芳等[60]"), (457, "2018"), (490, "RCT")]),
        (558.0, [(59, "CTX"), (276, "36.0"), (304, "36"), (353, "80.6"), (522, "29")]),
    ]  # fmt: skip
    edges = [120, 269, 295, 324, 391, 450, 480, 513]
    studies = _studies_and_arms(rows, edges, study=5)
    assert [r[0] for r in studies] == [
        "林艳等[56]",
        "Novak 等[57]",
        "Weinrich 等 [58]",
        "郑芳等[60]",
    ]
    assert studies[2][1:] == ["88", "61"] and studies[3][1:] == ["87", "36.0"]


def test_arm_rows_set_close_or_around_a_wrapped_interval_keep_one_cell_per_arm():
    # The first arm prints one whole value only: its median OS wraps with its interval and
    # is centred on the arm's line. The next study's arm lines stand as close together as a
    # wrapped cell's lines, but each treatment ends where its text does, not for want of room.
    header = [[(60, "Author"), (140, "n"), (190, "Procedure"), (260, "5y"), (310, "Median OS")]]
    rows = [
        (130, [(60, "Park"), (140, "11"), (190, "SIRT/LITT+TACE"), (260, "15.0"), (310, "87.2")]),
        (148, [(310, "58.7 [95% CI")]),
        (154, [(190, "LR"), (260, "11.9")]),
        (160, [(310, "41.4-69.3]")]),
        (168, [(60, "Miller"), (140, "2936"), (190, "TAE+TARE"), (260, "64.0"), (310, "41.3")]),
        (180, [(190, "TARE+IRE"), (260, "—"), (310, "79.5")]),
        (194, [(190, "SRS"), (260, "13.2"), (310, "98.2")]),
        (212, [(140, "212"), (190, "SIRT"), (260, "—"), (310, "—")]),
        (224, [(60, "Schmidt"), (140, "16"), (190, "TARE"), (260, "9.1"), (310, "119.4")]),
        (236, [(140, "222"), (190, "CRA"), (260, "—"), (310, "40.8")]),
        (256, [(60, "Zhao"), (140, "76"), (190, "TAE"), (260, "4.9"), (310, "NR")]),
    ]  # fmt: skip
    (table,) = find_tables([_arm_rows_page(header, rows, 270)])
    cells = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows}
    assert cells["Miller"] == [
        "2936", "LR vs. TAE+TARE vs. TARE+IRE vs. SRS", "11.9 vs. 64.0 vs. — vs. 13.2",
        "58.7 [95% CI 41.4-69.3] vs. 41.3 vs. 79.5 vs. 98.2",
    ]  # fmt: skip
    assert cells["Schmidt"] == [
        "212 vs. 16 vs. 222", "SIRT vs. TARE vs. CRA", "— vs. 9.1 vs. —", "— vs. 119.4 vs. 40.8"
    ]  # fmt: skip


def test_dashes_set_apart_from_their_figures_join_the_figures_not_the_names_beside():
    # A browser prints a centred column's lone dashes further left than its figures, in a
    # strip of their own under no header word, closer to the country column than to them.
    header = [[(60, "Author"), (140, "Country"), (212, "3y")]]
    body = [
        [(60, "Li"), (140, "Norway"), (192, "-")],
        [(60, "Wu"), (140, "Switzerland"), (206, "61%")],
        [(60, "Xu"), (140, "Japan"), (192, "-")],
        [(60, "He"), (140, "India"), (206, "51%")],
        [(60, "Ma"), (140, "Poland"), (206, "45%")],
        [(60, "Ng"), (140, "Korea"), (206, "38%")],
        [(60, "Yu"), (140, "Italy"), (206, "72%")],
        [(60, "Lo"), (140, "Spain"), (206, "18%")],
        [(60, "Ko"), (140, "Chile"), (206, "66%")],
    ]
    (table,) = find_tables([_table_page(1, header, body)])
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert cells[0] == ["Li", "Norway", "-"]
    assert cells[1] == ["Wu", "Switzerland", "61%"]


def test_a_table_whose_page_ends_under_its_header_rule_continues_with_that_header():
    header = [[(60, "年份"), (160, "信用评级"), (260, "展望")], [(60, "Year"), (160, "Rating"),
              (260, "Outlook")]]  # fmt: skip
    first = _table_page(1, header, [], top=760, caption="Table 3 Ratings")  # the page ends
    first.rules = first.rules[:2]
    body = [[(60, str(2014 + i)), (160, r), (260, "Stable")] for i, r in enumerate(
        ["A", "AA", "A+", "AAA", "AA-"])]  # fmt: skip
    second = _table_page(2, header, body, caption="Table 3 Ratings (continued)")
    (table,) = [t for t in find_tables([first, second]) if t.rows]
    assert table.header == ["年份Year", "信用评级Rating", "展望Outlook"]
    assert [[c.text for c in r.cells] for r in table.rows][0] == ["2014", "A", "Stable"]
    assert len(table.rows) == 5


def test_a_line_ending_its_cells_with_the_separator_is_in_the_row_that_goes_on_with_them():
    # Liu's cells wrap after ``vs`` (``RFA vs`` / ``SBRT``), centred on his study cell; the
    # remark above ends as close as a wrapped line: the ``vs`` line is Liu's, not Jonsson's.
    header = [(60, "Study"), (140, "Year"), (200, "Treatment"), (260, "mOS"), (320, "Remarks")]
    rows = [
        (120, [(60, "Jonsson"), (140, "2004"), (200, "RFA"), (260, "100"), (320, "Receptor")]),
        (130, [(60, "[45]"), (320, "positive, no disease")]),
        (140, [(200, "RFA vs"), (260, "108 vs"), (320, "Suitable for")]),
        (150, [(60, "Liu[47]"), (140, "2004"), (200, "SBRT"), (260, "99.8"), (320, "lesions by")]),
        (160, [(320, "major vessels")]),
        (174, [(60, "Wu[3]"), (140, "2018"), (200, "ET"), (260, "48"), (320, "-")]),
    ]  # fmt: skip
    (table,) = find_tables([_placed_rows_page(header, rows)])
    assert [[c.text for c in r.cells] for r in table.rows][:2] == [
        ["Jonsson [45]", "2004", "RFA", "100", "Receptor positive, no disease"],
        ["Liu[47]", "2004", "RFA vs SBRT", "108 vs 99.8", "Suitable for lesions by major vessels"],
    ]  # fmt: skip


def test_a_remark_wrapped_across_two_centred_rows_starts_the_lower_rows_cell():
    # Cells centred on their rows: Costa's remark starts a line above his study cell's line,
    # as close under Aberg's remark as its own lines stand: the line is Costa's, for then
    # each row's cells stand on one middle.
    header = [(60, "Study"), (140, "Year"), (200, "n"), (320, "Remarks")]
    rows = [
        (124, [(320, "Single-centre")]),
        (129, [(60, "Gomez[59]"), (140, "2018"), (200, "105")]),
        (134, [(320, "experience")]),
        (158, [(320, "Prospective")]),
        (163, [(60, "Aberg[61]"), (140, "2019"), (200, "91")]),
        (168, [(320, "randomised trial")]),
        (180, [(320, "No 30-day")]),
        (190, [(320, "mortality; survival")]),
        (195, [(60, "Costa[63]"), (140, "2020"), (200, "73")]),
        (200, [(320, "benefit after")]),
        (210, [(320, "resection")]),
        (234, [(60, "Chen[64]"), (140, "2022"), (200, "43"), (320, "-")]),
    ]
    (table,) = find_tables([_placed_rows_page(header, rows)])
    assert [[c.text for c in r.cells] for r in table.rows][1:] == [
        ["Aberg[61]", "2019", "91", "Prospective randomised trial"],
        ["Costa[63]", "2020", "73", "No 30-day mortality; survival benefit after resection"],
        ["Chen[64]", "2022", "43", "-"],
    ]


@pytest.mark.parametrize(
    "upper,lower,ends",
    [
        ("Sánchez 等", "冯斌杰等", True),  # a table citing no reference: the author list ends
        ("Wu et al.", "Kovač et al.", True),
        ("Gordon, 等", "[13]", False),  # the citation wrapped under its name
        ("Capek, et", "al.[36]", False),
        ("Liu[47]", "Zhou", True),
    ],
)
def test_a_study_cell_ends_at_its_citation_or_its_author_list(upper, lower, ends):
    assert ends_cell(words_at(100, [(60, upper)]), words_at(110, [(60, lower)])) is ends


def test_overlapping_boxes_are_no_class_of_line_spacing():
    # OCR boxes of arm lines set around a centred study cell overlap (spaces below 0): they
    # are no spacing, so the wrapped cells' spaces (about 4) still part from the rows' (17).
    from extract.rows import _lowest_class

    spaces = [-4.2, -3.9, -3.5, -3.1, 3.8, 4.0, 4.5, 17.0, 18.0, 18.5]
    bound = _lowest_class(spaces, 8.5, ratio=0.6)
    assert bound is not None and 4.5 < bound < 17.0


def test_a_separator_line_above_a_study_cell_is_in_that_studys_row():
    # ``LR vs`` above the study cell, ``ST`` under it: the cell goes on past the study's
    # line, so the separator's line starts the study's row, though the row above ends as
    # close (its median's ``93.9`` wrapped down to it).
    header = [(60, "Study"), (140, "Year"), (200, "Treatment"), (260, "mOS")]
    rows = [
        (120, [(60, "Gruber"), (140, "2022"), (200, "CRA"), (260, "29.2 vs")]),
        (129, [(60, "[41]"), (260, "93.9")]),
        (140, [(200, "LR vs"), (260, "111.8 vs")]),
        (146, [(60, "Liang[43]"), (140, "2022")]),
        (152, [(200, "ST"), (260, "66.4")]),
        (166, [(60, "Wu[3]"), (140, "2018"), (200, "ET"), (260, "48")]),
    ]
    (table,) = find_tables([_placed_rows_page(header, rows)])
    assert [[c.text for c in r.cells] for r in table.rows][:2] == [
        ["Gruber [41]", "2022", "CRA", "29.2 vs 93.9"],
        ["Liang[43]", "2022", "LR vs ST", "111.8 vs 66.4"],
    ]


def test_a_cells_last_arm_under_its_separator_stays_in_its_row():
    # As OCR placed a centred three-arm row (``CTX vs.`` / ``MWA+RFA vs.`` / ``LITT``): the
    # line going on with the separator's cell is no lead of the next study's row, and a lone
    # ``vs.`` the engine set on a line of its own moves no row.
    header = [(60, "Study"), (117, "Year"), (151, "3y"), (195, "n"), (232, "Treatment"),
              (336, "mOS")]  # fmt: skip
    rows = [
        (120, [(60, "Wu[16]"), (117, "1996"), (151, "70.1"), (195, "40"), (232, "RFA"),
               (336, "33")]),
        (134, [(232, "CTX vs.")]),
        (139, [(60, "Cao[17]"), (178, "28 vs. 84 vs."), (313, "20 vs. 65")]),
        (144, [(117, "1997"), (151, "78.6"), (232, "MWA+RFA vs."), (366, "NR")]),
        (149, [(198, "52"), (352, "vs.")]),
        (154, [(232, "LITT")]),
        (166, [(60, "Gomez[18]"), (232, "CTX/CRA vs. PEI")]),
        (172, [(117, "1997"), (151, "90.5"), (195, "531"), (336, "NR vs. - vs. 119.7")]),
        (177, [(232, "vs. RFA")]),
    ]  # fmt: skip
    (table,) = find_tables([_placed_rows_page(header, rows)])
    cells = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows}
    assert cells["Cao[17]"][2:4] == ["28 vs. 84 vs. 52", "CTX vs. MWA+RFA vs. LITT"]
    assert cells["Gomez[18]"][2:4] == ["531", "CTX/CRA vs. PEI vs. RFA"]


def test_dashes_set_apart_in_a_row_of_two_arms_are_two_missing_values():
    # ``— vs —`` with its thin ``vs`` unread on a scan: two dashes apart, in a row whose
    # other cells print two arms, are an arm's missing value each.
    # So are two dashes run together between separators where the row has one arm more,
    # and a dash read twice where it has as many: ``10.9vs——vs—`` of three arms.
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (280, "5-yr OS"), (360, "mOS")]]
    body = [[(60, "Li[1]"), (140, "2014"), (200, "45 vs 12"), (280, "— —"), (360, "9 vs 8")],
            [(60, "Wu[2]"), (140, "2016"), (200, "30"), (280, "—"), (360, "——")],
            [(60, "Ho[3]"), (140, "2017"), (200, "5 vs 6 vs 7"), (280, "— vs——vs —"),
             (360, "10.9vs——vs—")]]  # fmt: skip
    (table,) = find_tables([_table_page(1, header, body)])
    assert [r.cells[3].text for r in table.rows] == ["— vs —", "—", "— vs — vs —"]
    assert [r.cells[4].text for r in table.rows] == ["9 vs 8", "——", "10.9 vs — vs —"]


def test_a_header_alone_at_a_pages_foot_whose_last_line_looks_like_values_is_all_header():
    # The wrapped header's last line (``event 1-2``) looks like a row of values: the next
    # page prints it again in its header, so it was the header's, and the body's columns
    # (not the header's, which show no space between 1-2 and 3-4) cut the table.
    header = [[(60, "不良反应"), (200, "1~2级"), (300, "3~4级")],
              [(60, "Adverse"), (200, "Grade"), (300, "Grade 3-4")],
              [(60, "event"), (200, "1-2")]]  # fmt: skip
    first = _table_page(1, header, [], top=760, caption="Table 2 Adverse events")
    first.rules = first.rules[:2]
    body = [[(60, "感染 Infection"), (200, str(i)), (300, str(9 - i))] for i in range(5)]
    second = _table_page(2, header, body, caption="Table 2 (continued)")
    (table,) = find_tables([first, second])
    assert table.header == ["不良反应Adverse event", "1~2级Grade 1-2", "3~4级Grade 3-4"]
    assert [[c.text for c in r.cells] for r in table.rows][0] == ["感染 Infection", "0", "9"]
    assert len(table.rows) == 5


def test_arms_on_lines_of_their_own_sharing_every_other_value_are_arms():
    # Each arm's treatment on a line of its own, 18 pt apart; the study, its year and one n
    # centred beside them, its remark wrapped 10 pt apart: no arm line holds a value of
    # its own, but the treatments stand farther apart than the remark's wrapped lines.
    header = [(60, "Study"), (140, "Year"), (200, "Treatment"), (280, "n"), (320, "Remarks")]
    rows = [
        (120, [(60, "Li[1]"), (140, "2014"), (200, "RFA"), (280, "45"), (320, "-")]),
        (142, [(200, "CRA+MWA")]),  # a row's padding farther from Li's row
        (160, [(200, "LR/RT"), (320, "Similar efficacy of")]),
        (170, [(60, "Tian[2]"), (140, "2016"), (280, "1276"), (320, "both ablation")]),
        (180, [(200, "Y-90"), (320, "techniques")]),
        (198, [(200, "HIFU")]),
        (216, [(60, "Wu[3]"), (140, "2018"), (200, "ET"), (280, "48"), (320, "-")]),
    ]
    (table,) = find_tables([_placed_rows_page(header, rows)])
    cells = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows}
    assert cells["Tian[2]"] == ["2016", "CRA+MWA vs. LR/RT vs. Y-90 vs. HIFU", "1276",
                                "Similar efficacy of both ablation techniques"]  # fmt: skip
    assert cells["Wu[3]"] == ["2018", "ET", "48", "-"]


def test_a_one_arm_rows_cell_wrapped_with_generous_leading_is_one_cell():
    # ``HR/TACE+`` / ``RFA`` with more than half a line of paper between them, and no other
    # cell of the row wrapped to measure the leading against: one treatment, not two arms.
    header = [(60, "Study"), (140, "Year"), (200, "Treatment"), (280, "n")]
    rows = [
        (124, [(60, "Li[1]"), (140, "2014"), (200, "HR/TACE+"), (280, "45")]),
        (139, [(200, "RFA")]),
        (160, [(60, "Wu[2]"), (140, "2018"), (200, "ET"), (280, "48")]),
    ]
    (table,) = find_tables([_placed_rows_page(header, rows)])
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Li[1]", "2014", "HR/TACE+RFA", "45"], ["Wu[2]", "2018", "ET", "48"]]  # fmt: skip


def test_an_arm_row_close_under_a_one_arm_study_is_the_next_studys_centred_arm():
    # As a browser prints rowspan cells centred on their arms, at the heights printed: the
    # first arm of Vertriest's stands as close under Novak's one-arm row as a wrapped line.
    cols = [60, 154, 266, 332, 395, 453, 504]

    def at(y: float, *cells: str, skip: tuple[int, ...] = ()) -> tuple[float, list]:
        free = [x for i, x in enumerate(cols) if i not in skip]
        return y - 210, [(x, c) for x, c in zip(free, cells, strict=False) if c]

    header = [[(x, t) for x, t in zip(cols, ["Study", "Treatment", "Year", "n", "mOS", "3y", "5y"],
               strict=True)]]  # fmt: skip
    rows = [
        at(337.0, "Sun[36]", "TARE+LT", "2010", "99", "16.0", "–", "19.0"),
        at(352.1, "Novak[37]", "HAIC", "2012", "40", "48.6", "88.8", "9.2"),
        at(368.9, "ET", "36.3", "91.8", "–", skip=(0, 2, 3)),
        at(375.1, "Vertriest[38]", "2013", "2242", skip=(1, 4, 5, 6)),
        at(381.4, "SBRT/LR", "108.3", "21.9", "12.8", skip=(0, 2, 3)),
        at(398.2, "肝移植", "282", "62.8", "29", "–", skip=(0, 2)),
        at(412.1, "Yuan[39]", "系统治疗", "2017", "9", "32.0", "86", "4.4"),
        at(428.9, "MWA", "15", "43.9", "–", "–", skip=(0, 2)),
        at(443.9, "NCT02327312", "TACE", "—", "293", "–", "–", "–"),
    ]
    (table,) = find_tables([_arm_rows_page(header, rows, 250)])
    cells = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows}
    assert cells["Novak[37]"] == ["HAIC", "2012", "40", "48.6", "88.8", "9.2"]
    assert cells["Vertriest[38]"] == [
        "ET vs. SBRT/LR", "2013", "2242", "36.3 vs. 108.3", "91.8 vs. 21.9", "– vs. 12.8"
    ]  # fmt: skip
    assert cells["Yuan[39]"][0] == "肝移植 vs. 系统治疗 vs. MWA"


def test_a_group_over_headers_centred_lower_than_it_spans_its_sub_columns():
    # Cells centred on the header's height: the group's line stands alone at the top, the
    # one- and two-line headers beside it start lower, but above its sub-headers.
    header = [
        [(60, "Study"), (300, "OS (%)")],
        [(140, "Year"), (200, "Patients")],
        [(204, "(n)"), (280, "1y"), (310, "3y"), (340, "5y")],
    ]
    body = [
        [(60, "Li[1]"), (140, "2001"), (200, "40"), (280, "90"), (310, "60"), (340, "40")],
        [(60, "Wu[2]"), (140, "2003"), (200, "52"), (280, "81"), (310, "55"), (340, "32")],
    ]
    (table,) = find_tables([_table_page(1, header, body)])
    assert table.header == [
        "Study", "Year", "Patients (n)", "OS (%) 1y", "OS (%) 3y", "OS (%) 5y"
    ]  # fmt: skip


def test_a_centred_studys_first_arm_above_it_is_its_own_though_remarks_run_on_into_it():
    # Centred cells on a scan, as OCR boxed them: Sanchez's remark runs on into Bale's with
    # no more space than a wrapped cell's lines, and Bale's first arm prints above its study
    # cell, with its interval wrapped above the arm's line.
    lines, edges = _lines_from("centred_arm_rows_scan.json")
    rows = group_rows(lines, edges, [], [])

    def cell(arms: list, col: int) -> list[str]:
        return [join_lines([join_words(split_cells(ln, edges)[col]) for ln in arm]) for arm in arms]

    studies = {" ".join(cell(arms, 0)).split()[0]: arms for arms in rows}
    assert [x for x in cell(studies["Bale"], 2) if x] == ["105", "19"]
    assert cell(studies["Bale"], 4)[0] == "83.4 [95% CI 57.4-93.5]"
    assert [x for x in cell(studies["Sanchez"], 2) if x] == ["149"]
    assert " ".join(cell(studies["Sanchez"], 8)).endswith(
        "refractory disease; laparoscopic approach"
    )


def test_a_study_row_set_close_under_the_last_arm_of_another_keeps_to_itself():
    # A scan's rows set so close that OCR's boxes of two printed rows overlap: the registry
    # id's row touches the last of the three arms centred on 陈雪丽等[35]. Both print in the
    # same columns: two rows, not one reaching into the other.
    lines, edges = _lines_from("arm_rows_set_close_scan.json")
    rows = group_rows(lines, edges, [], [])
    studies = {
        join_words(split_cells(arms[0][0], edges)[0])
        or join_words(split_cells(arms[1][0], edges)[0]): arms
        for arms in rows
    }
    by_study = {
        name: [join_words([w for ln in arm for w in split_cells(ln, edges)[6]]) for arm in arms]
        for name, arms in studies.items()
    }
    assert by_study["陈雪丽等[35]"] == ["HIFU", "LR", "射频消融"]
    assert by_study["NCT04625335"] == ["腹腔镜肝切除"]


def _lines_from(name: str) -> tuple[list[Line], list[float]]:
    """Body lines and column edges as the table stage read them from a page (tests/data)."""
    data = json.loads((Path(__file__).parent / "data" / name).read_text())
    lines = [Line([Word(t, Box(x0, top, x1, bottom)) for x0, top, x1, bottom, t in ws])
             for ws in data["lines"]]  # fmt: skip
    return lines, data["edges"]


def test_a_missing_values_dashes_join_the_column_their_rows_leave_empty():
    # A turned scan's continued table (seed 779): a follow-up column of centred figures whose
    # missing values are dashes set left of them, beside a year column that says ``进行中``
    # on those rows; ``随访`` of the follow-up's header stands over the dashes' strip. A dash
    # fills the cell its row leaves empty: the follow-up's, not the year's.
    data = json.loads(
        (Path(__file__).parent / "data" / "dashes_beside_ongoing_scan.json").read_text()
    )
    words = [
        Word(t, Box(x0, top, x1, bottom), "ocr:rapidocr")
        for x0, top, x1, bottom, t in data["words"]
    ]
    (table,) = find_tables(
        [Page(1, 595.08, 842.04, words, [Rule(Box(57.4, 40, 539.3, 40.2))], [], 0.0)]
    )
    ongoing = [[c.text for c in r.cells][4:6] for r in table.rows if r.cells[4].text == "进行中"]
    assert ongoing == [["进行中", "—"], ["进行中", "—"]]


def test_a_wrapped_arm_cell_centred_beside_the_study_cell_stays_with_its_arm():
    # Arm rows beside a centred registry id: the second arm's treatment wraps over two lines
    # centred on its row of values, the first printed on the study cell's line.
    lines, edges = _lines_from("arm_cell_beside_registry_id.json")
    first, _ = group_rows(lines, edges, [], [])
    treatments = [join_lines([join_words(split_cells(ln, edges)[5]) for ln in a]) for a in first]
    assert treatments == ["MWA", "射频消融+TAE"]


def test_a_wrapped_line_between_two_rows_goes_with_the_cell_it_runs_on_from():
    # ``21.5-49.9]`` lies as far from the row above as from the row below, but it runs on
    # from the piece right over it in its own column (``35.7 [95%`` / ``CI``).
    lines, edges = _lines_from("centred_interval_unruled.json")
    cells = {}
    for arms in group_rows(lines, edges, [], []):
        study = join_lines([join_words(split_cells(ln, edges)[0]) for a in arms for ln in a])
        cells[study] = join_lines([join_words(split_cells(ln, edges)[5]) for a in arms for ln in a])
    assert cells["马字等50"] == "35.7 [95% CI 21.5-49.9]"
    assert cells["Cheung et al.51"] == "93"


def test_a_study_cell_broken_over_its_arms_rows_stays_one_cell_and_their_treatments_part():
    # Arm rows set close: the study cell's lines (a break the author set) and each arm's
    # treatment each stand on an arm's row of values; only the treatments are per arm.
    def line(y: float, *cells: tuple[float, str]) -> Line:
        return Line([Word(t, Box(x, y, x + 4.0 * len(t), y + H)) for x, t in cells])

    arms = [
        [line(100, (60, "Yamada, 等"), (140, "RFA"), (200, "34"), (240, "21.4%"))],
        [line(110, (60, "[41]"), (140, "HR"), (200, "32"), (240, "—"))],
    ]
    edges = [130.0, 190.0, 230.0]
    room = [70.0, 60.0, 10.0, 20.0]  # room for both lines of each side by side
    cells = make_cells(arms, edges, 1, room)
    assert [c.text for c in cells] == ["Yamada, 等[41]", "RFA vs. HR", "34 vs. 32", "21.4% vs. —"]


def test_a_continued_header_is_told_from_a_centred_remark_printed_right_under_it():
    # As OCR read a continued unruled table's first lines on a scan: the header again
    # (spaced otherwise), then a centred first row's remark above its figures, as close to
    # the header as its own lines, in the header's letters.
    from extract.model import Table
    from extract.tables import _repeated_header

    known = Table("Table 1", "", [1], ["Reference", "Published", "No. of patients",
                  "Intervention", "Median OS, mo", "3-yr OS rate", "5-yr survival",
                  "Prognostic factors"], [])  # fmt: skip
    printed = ["Reference Published No.of Intervention Median 3-yr 5-yr Prognostic",
               "patients OS, mo OS survival factors", "rate", "Benefit limited to",
               "ECOG ≤1andlow", "Nguyen, et al.[25] 2012 40 SBRT 94 - - burden;"]  # fmt: skip
    lines = [Line(words_at(100 + 12 * i, [(60, text)])) for i, text in enumerate(printed)]
    assert [ln.text for ln in _repeated_header(lines, known)] == [ln.text for ln in lines[:3]]


def test_a_continuation_gains_no_column_from_a_study_cell_spaced_apart():
    # OCR spaced the names of the continued page's studies from their citations: a strip
    # runs down the study column there, but the table has the columns its header gave it.
    header = [[(60, "Study"), (140, "Year"), (200, "n"), (260, "1y"), (300, "3y"), (340, "5y")]]
    body = [[(60, "Veltri et al.[20]"), (140, "2014"), (200, "45"), (260, "44"), (300, "—"),
             (340, "—")],
            [(60, "Sabol et al.[22]"), (140, "2014"), (200, "15"), (260, "67"), (300, "38"),
             (340, "20")]]  # fmt: skip
    first = _table_page(1, header, body)
    spaced = [[(60, "Huang"), (92, "et al.[58]"), (140, "2021"), (200, "22"), (260, "74"),
               (300, "50"), (340, "31")],
              [(60, "Kobryn"), (92, "et al.[60]"), (140, "2023"), (200, "19"), (260, "77"),
               (300, "42"), (340, "9")]]  # fmt: skip
    second = _table_page(2, header, spaced, caption="Table 3 Outcomes (continued)")
    (table,) = find_tables([first, second])
    cells = [[c.text for c in r.cells] for r in table.rows if r.page == 2]
    assert cells[0] == ["Huang et al.[58]", "2021", "22", "74", "50", "31"]


def test_a_continued_header_read_with_other_bracket_widths_is_still_the_header():
    # OCR read the repeated header's brackets half full-width, half not: (月） for （月）.
    from extract.model import Table
    from extract.tables import _repeated_header

    known = Table("Table 1", "", [1], ["研究者(年份)", "地区", "发表时间", "纳入人数",
                  "中位生存期（月）", "3年总生存率"], [])  # fmt: skip
    printed = ["研究者", "地区 发表时间 纳入人数 中位生存期(月） 3年总生存率", "(年份)",
               "Franzese 等[80] 葡萄牙 2015 349 81 [95% CI -"]  # fmt: skip
    lines = [Line(words_at(100 + 12 * i, [(60, text)])) for i, text in enumerate(printed)]
    # the last header cell stands a column's gap after the full-width bracket
    lines[1] = Line(words_at(112, [(60, printed[1][:-7]), (300, printed[1][-6:])]))
    found = [ln.text.replace(" ", "") for ln in _repeated_header(lines, known)]
    assert found == [text.replace(" ", "") for text in printed[:3]]  # hanzi join unspaced


def test_an_unruled_table_ends_at_two_columns_of_prose_whose_gutter_falls_in_its_gap():
    # A two-column table (names, then counts set far right) above two-column prose: the
    # prose gutter lies in the table's one column gap, so no prose run crosses an edge.
    from extract.tables import body_end

    table = [
        group_lines_at(100, [(60, "Characteristic"), (440, "n (%)")]),
        group_lines_at(118, [(60, "Prior chemotherapy"), (440, "178 (70.6)")]),
        group_lines_at(136, [(60, "Female"), (440, "60 (23.8)")]),
        group_lines_at(154, [(60, "HER2 positive"), (440, "100 (39.7)")]),
    ]
    prose = [
        group_lines_at(180, [(57, "A longitudinal and cross-sectional analysis of"),
                             (306, "efficacy, while domestic research emphasises more")]),
        group_lines_at(197, [(57, "and international research reveals regional"),
                             (306, "optimising surgical methods and exploring new")]),
    ]  # fmt: skip
    assert body_end(table + prose, H) == table


def test_a_table_of_words_ends_at_the_prose_under_it_though_prose_has_spaces_too():
    # Years, ratings and outlooks: one figure a row, so no line looks like a body of values
    # and the rows are the lines with a column's space. Two-column prose right under the
    # last row has such spaces too (its gutter), but runs from the margin and past the
    # table's right edge: it must not widen the table and become the last row's cells.
    from extract.tables import body_end

    table = [group_lines_at(100, [(130, "Year"), (290, "Rating"), (440, "Outlook")])] + [
        group_lines_at(118 + 18 * i, [(130, str(2014 + i)), (290, rating), (440, outlook)])
        for i, (rating, outlook) in enumerate(
            [("A+", "Negative"), ("AA-", "Stable"), ("AA", "Positive"), ("BBB", "Positive")]
        )
    ]
    prose = [
        group_lines_at(190, [(57, "Breast cancer is the most common malignant tumour"),
                             (306, "especially laparoscopic and minimally invasive")]),
        group_lines_at(207, [(40, "in women worldwide, and liver metastasis is a"),
                             (306, "surgery, has become part of the treatment")]),
    ]  # fmt: skip
    assert body_end(table + prose, H) == table


def test_a_treatment_alone_on_each_arms_row_either_side_of_its_study_is_an_arm():
    # The table's only per-arm cell is the treatment: each arm prints it on a row of its
    # own, the study's cells centred between them; no figure marks them as arms.
    from extract.rows import _arms_beside_study_cells

    edges = [120.0, 200.0, 240.0, 300.0]
    rows = [
        [group_lines_at(100, [(60, "Li[1]"), (130, "2009"), (210, "RFA"), (250, "18")])],
        [group_lines_at(124, [(210, "CRA")])],
        [group_lines_at(133, [(60, "Wu[2]"), (130, "2011"), (250, "2053")])],
        [group_lines_at(142, [(210, "WBRT")])],
        [group_lines_at(166, [(60, "Xu[3]"), (130, "2013"), (210, "TAE"), (250, "42")])],
    ]
    out = _arms_beside_study_cells(rows, edges)
    assert [[[ln.text for ln in arm] for arm in row] for row in out] == [
        [["Li[1] 2009 RFA 18"]],
        [["CRA"], ["Wu[2] 2011 2053"], ["WBRT"]],
        [["Xu[3] 2013 TAE 42"]],
    ]
    # Lines of one wrapped cell, with no room for a line between them, stay strays.
    rows[1] = [group_lines_at(128, [(210, "TACE+")])]
    rows[3] = [group_lines_at(138, [(210, "HAIC")])]
    assert len(_arms_beside_study_cells(rows, edges)[1]) == 1


def test_arms_that_fit_study_cells_at_the_top_and_centred_alike_are_ambiguous():
    # One study on one line, then an arm line, a study line, an arm line: at the top, each
    # study has two arms; centred, the first has one and the second three. Both fit every
    # cell exactly; the page cannot tell, and says so. Rows either reading agrees on do not.
    from extract.rows import _arms_beside_study_cells

    edges = [120.0, 200.0, 260.0]
    rows = [
        [group_lines_at(100, [(60, "Abe[3]"), (130, "2010"), (210, "44"), (270, "31.0")])],
        [group_lines_at(118, [(60, "Bo[4]"), (130, "2012"), (210, "60"), (270, "—")])],
        [group_lines_at(136, [(210, "21"), (270, "18.5")])],
        [group_lines_at(154, [(60, "Cruz[5]"), (130, "2015"), (210, "35"), (270, "22.4")])],
        [group_lines_at(172, [(210, "40"), (270, "27.9")])],
        [group_lines_at(190, [(60, "Dahl[6]"), (130, "2019"), (210, "52"), (270, "12.0")])],
    ]
    out = _arms_beside_study_cells(rows, edges)
    assert [len(row) for row in out] == [1, 2, 2, 1]  # at the top, as most journals set them
    assert out.ambiguous == {1, 2}
    # Each second arm set close under its study line, rows apart by twice that: a centred
    # cell would stand between its arms, so only the top reading fits, and nothing is in doubt.
    rows = [
        [group_lines_at(100, [(60, "Abe[3]"), (130, "2010"), (210, "44"), (270, "31.0")])],
        [group_lines_at(124, [(60, "Bo[4]"), (130, "2012"), (210, "60"), (270, "—")])],
        [group_lines_at(136, [(210, "21"), (270, "18.5")])],
        [group_lines_at(160, [(60, "Cruz[5]"), (130, "2015"), (210, "35"), (270, "22.4")])],
        [group_lines_at(172, [(210, "40"), (270, "27.9")])],
        [group_lines_at(196, [(60, "Dahl[6]"), (130, "2019"), (210, "52"), (270, "12.0")])],
    ]
    out = _arms_beside_study_cells(rows, edges)
    assert [len(row) for row in out] == [1, 2, 2, 1] and out.ambiguous == set()


def test_a_centred_remark_above_its_study_line_is_in_its_band_when_arms_are_fitted():
    # Cells centred on their rows: Wu's long remark starts two lines above his study line,
    # close under Li's arms (a row of its own, set apart by line spacing). Fitted with the
    # remark in Li's band, centring looked worse than top alignment, and He's first arm, on
    # its own row above He's line, went to Wu.
    from extract.rows import _arms_beside_study_cells

    edges = [120.0, 190.0, 230.0, 300.0]
    rows = [
        [group_lines_at(120, [(200, "29"), (240, "HIFU")]),
         group_lines_at(127, [(60, "Li[20]"), (130, "1995"), (320, "-")]),
         group_lines_at(134, [(200, "27"), (240, "MWA")])],
        [group_lines_at(146, [(320, "Receptor positive,")]),
         group_lines_at(156, [(320, "a long remark")])],
        [group_lines_at(166, [(60, "Wu[22]"), (130, "1999"), (200, "54"), (240, "CRA"),
                              (320, "that runs on")]),
         group_lines_at(176, [(320, "for five")]), group_lines_at(186, [(320, "lines")])],
        [group_lines_at(198, [(200, "22"), (240, "HIFU")])],
        [group_lines_at(208, [(60, "He[23]"), (130, "2002"), (200, "213"), (240, "SBRT"),
                              (320, "-")])],
        [group_lines_at(218, [(200, "15"), (240, "RT")])],
        [group_lines_at(238, [(60, "Xu[24]"), (130, "2003"), (200, "159"), (240, "ET"),
                              (320, "-")])],
    ]  # fmt: skip
    out = _arms_beside_study_cells(rows, edges)
    assert [len(row) for row in out] == [1, 1, 3, 1]  # printed rows: Li's one, He's three
    assert [ln.text for ln in out[2][0]] == ["22 HIFU"]


def test_arms_either_side_of_a_study_line_holding_the_studys_own_figures():
    # Each arm prints its n and treatment on a line of its own; the study's cells (with its
    # year and median age, two figures no arm repeats) are centred on the line between.
    from extract.rows import _arm_lines

    edges = [120.0, 160.0, 200.0, 240.0, 300.0]
    lines = [
        group_lines_at(100, [(210, "8"), (250, "HAIC")]),
        group_lines_at(110, [(60, "Chen[63]"), (130, "1998"), (170, "44"), (310, "无肝外转移")]),
        group_lines_at(120, [(210, "21"), (250, "ICI")]),
    ]
    arms = _arm_lines(lines, edges)
    assert [[ln.text for ln in arm] for arm in arms] == [
        ["8 HAIC", "Chen[63] 1998 44 无肝外转移"],
        ["21 ICI"],
    ]
    # A study line over a wrapped remark is one arm, not two.
    lines = [lines[1], group_lines_at(120, [(310, "激素受体阳性")])]
    assert len(_arm_lines(lines, edges)) == 1


def test_a_remark_centred_on_its_row_stays_whole_beside_tall_ocr_boxes_of_hanzi():
    # Latin words come from the text layer (boxes 8 pt tall); a remark in hanzi was read by
    # OCR, whose boxes stand 11 pt tall at the same 10.4 pt line pitch: their boxes nearly
    # touch. The remarks' lines are one spacing, however tall their boxes.
    from extract.lines import group_lines
    from extract.rows import _segment_rows

    def hanzi_at(y: float, x: float, text: str) -> Word:
        return Word(text, Box(x, y - 1.5, x + 11 * len(text), y + H + 1.5), "ocr:rapidocr")

    edges = [120.0, 160.0, 200.0, 300.0]
    lines = [
        words_at(100, [(60, "Li[1]"), (130, "2009"), (170, "18"), (210, "RFA")])
        + [hanzi_at(100, 310, "肿瘤数目及治疗前")],
        [hanzi_at(110.4, 310, "化疗疗效影响预后")],
        [hanzi_at(120.8, 310, "无肝外转移者获益")],
        words_at(136, [(60, "Wu[2]"), (130, "2011"), (170, "20"), (210, "TACE"), (310, "—")]),
        words_at(152, [(310, "Single-centre")]),
        words_at(162.4, [(310, "experience; similar")]),
        words_at(172.8, [(60, "Xu[3]"), (130, "2013"), (170, "61"), (210, "MWA"),
                         (310, "efficacy of")]),
        words_at(183.2, [(310, "both ablation")]),
        words_at(193.6, [(310, "techniques")]),
    ]  # fmt: skip
    rows = _segment_rows([ln for ws in lines for ln in group_lines(ws)], edges)
    assert [len(row) for row in rows] == [3, 1, 5]


@pytest.mark.parametrize("marker", [[(372, "（续下页）")], [(372, "(续"), (392, "下页)")]])
def test_a_line_saying_the_table_goes_on_overleaf_ends_an_unruled_table(marker):
    # Set right under the last row, at the table's right end: over the last column, where
    # it would join that row's remark; OCR may cut it where its glyphs stand apart.
    page = three_line_page(extra_prose=False)
    page.rules = []
    note = next(w.box.top for w in page.words if w.text == "Note:")
    page.words = [w for w in page.words if w.box.top != note]
    last = max(w.box.bottom for w in page.words)
    page.words += words_at(last + 4, marker)
    (table,) = find_tables([page])
    assert [c.text for c in table.rows[-1].cells] == ["Sabol, et al.[22]", "2014", "15", "HR", "53"]


def test_rows_of_words_under_a_repeated_header_continue_the_table_overleaf():
    # A table of ratings (one figure a row: no row looks like figures) runs to the foot of
    # its page; the next page prints its header again, no caption, then the rest.
    header = [(100, "Year"), (250, "Rating"), (400, "Outlook")]

    def rows_at(y: float, years: range) -> list[Word]:
        words = []
        for i, year in enumerate(years):
            words += words_at(y + 14 * i, [(100, str(year)), (250, "AA"), (400, "Stable")])
        return words

    first = words_at(640, [(100, "Table 2 Credit ratings by year")]) + words_at(660, header)
    first += rows_at(680, range(2015, 2020))
    second = words_at(80, header) + rows_at(100, range(2020, 2024))
    second += words_at(170, [(60, "Further studies should examine the biology of metastasis")])
    second += words_at(170, [(320, "and the place of surgery in combined treatment plans")])
    pages = [
        Page(1, 595, 842, first, [Rule(Box(56, 655, 540, 655.5)), Rule(Box(56, 675, 540, 675.5)),
                                  Rule(Box(56, 748, 540, 748.5))], [], 0.0),
        Page(2, 595, 842, second, [Rule(Box(56, 75, 540, 75.5)), Rule(Box(56, 95, 540, 95.5)),
                                   Rule(Box(56, 160, 540, 160.5))], [], 0.0),
    ]  # fmt: skip
    (table,) = find_tables(pages)
    assert [r.cells[0].text for r in table.rows] == [str(y) for y in range(2015, 2024)]


def test_rows_of_words_shaped_like_the_tables_continue_it_overleaf_without_its_header():
    # A fully ruled table of ratings: its header and one row end a page; the next page
    # opens with the rest, no caption, no header. No row looks like figures, but each
    # prints a year, a rating and an outlook where the table's rows do. The prose after
    # them prints no such shape.
    header = [(100, "年份"), (250, "信用评级"), (400, "展望")]
    outlook = ["负面", "正面", "稳定"]

    def rows_at(y: float, years: range) -> list[Word]:
        words = []
        for i, year in enumerate(years):
            words += words_at(y + 18 * i, [(100, str(year)), (250, "AA+"), (400, outlook[i % 3])])
        return words

    first = words_at(640, [(100, "表 4 历年信用评级")]) + words_at(662, header)
    first += rows_at(680, range(2014, 2015))
    second = rows_at(70, range(2015, 2024))
    second += words_at(
        240, [(60, "未来的研究应着重深入了解乳腺癌肝转移的生物学机制进一步应用液体活检")]
    )
    pages = [
        Page(1, 595, 842, first, [Rule(Box(56, y, 540, y + 0.5)) for y in (658, 676, 694)],
             [], 0.0),
        Page(2, 595, 842, second, [Rule(Box(56, y, 540, y + 0.5)) for y in
                                   (66 + 18 * k for k in range(10))], [], 0.0),
    ]  # fmt: skip
    (table,) = find_tables(pages)
    assert [r.cells[0].text for r in table.rows] == [str(y) for y in range(2014, 2024)]
    assert table.rows[-1].cells[2].text == outlook[8 % 3]


def _header_page(header: list[tuple[float, list[tuple[float, str]]]], body: list) -> Page:
    """A three-line table whose header words stand at the heights given (y, cells)."""
    words = words_at(80, [(200, "Table 5 Studies")])
    for y, cells in header:
        words += words_at(y, cells)
    y = 150.0
    for cells in body:
        words += words_at(y, cells)
        y += 14
    rules = [Rule(Box(56, 94, 470, 94.5)), Rule(Box(56, 144, 470, 144.5)),
             Rule(Box(56, y, 470, y + 0.5))]  # fmt: skip
    return Page(1, 595, 842, words, rules, [], 0.0)


GROUP_BODY = [[(60, "Veltri"), (140, "2014"), (200, "45"), (330, "44"), (370, "—")],
              [(60, "Sabol"), (140, "2014"), (200, "15"), (330, "67"), (370, "38")]]  # fmt: skip


def test_a_group_read_in_two_pieces_on_its_line_spans_its_columns():
    # OCR boxes the hanzi and the Latin of ``总生存率 OS (%)`` apart, further than a word
    # space: neither piece alone is centred on the sub-columns, the two together are.
    page = _header_page([
        (100, [(60, "Author"), (140, "Year"), (200, "n"), (332, "总生存率"), (354, "OS"),
               (364, "(%)")]),
        (114, [(330, "3y"), (370, "5y")]),
    ], GROUP_BODY)  # fmt: skip
    (table,) = find_tables([page])
    assert table.header[3:] == ["总生存率 OS (%) 3y", "总生存率 OS (%) 5y"]


def test_a_neighbours_centred_header_beside_a_groups_second_line_is_no_sub_header():
    # ``总生存率`` over ``OS (%)``, over 3y | 5y; the median's header is centred on the
    # header's height, so it shares the printed line of ``OS (%)`` a little higher up.
    page = _header_page([
        (98, [(346, "总生存率")]),
        (109, [(343, "OS (%)")]),
        (106, [(260, "Median")]),
        (100, [(60, "Author"), (140, "Year"), (200, "n")]),
        (122, [(330, "3y"), (370, "5y")]),
    ], [[*row[:3], (260, "12"), *row[3:]] for row in GROUP_BODY])  # fmt: skip
    (table,) = find_tables([page])
    assert table.header[4:] == ["总生存率OS (%) 3y", "总生存率OS (%) 5y"]


def test_a_groups_second_line_read_in_two_pieces_over_the_sub_columns_edge_is_the_group():
    # ``总生存率`` over ``OS (%)``, over 3y | 5y: OCR boxed ``OS`` and ``(%)`` a column gap
    # apart, each over a sub-column's figures. A bracketed unit names no sub-column: the
    # line is the group's, and each sub-column is named by all of it.
    page = _header_page([
        (100, [(60, "Author"), (140, "Year"), (200, "n")]),
        (122, [(330, "3y"), (370, "5y")]),
    ], GROUP_BODY)  # fmt: skip
    page.words += [Word("总生存率", Box(330, 98, 376, 98 + H)),
                   Word("OS", Box(331, 109, 339, 109 + H)),
                   Word("(%)", Box(356, 109, 368, 109 + H))]  # fmt: skip
    (table,) = find_tables([page])
    assert table.header[3:] == ["总生存率OS (%) 3y", "总生存率OS (%) 5y"]


def test_two_headers_read_as_one_phrase_each_centred_on_its_own_columns_figures_part():
    # A compact scan: OCR read ``mOS (months)`` and ``OS at 5yr (%)`` a word's space apart;
    # the second header is wider than its column and runs into the strips (and the edges
    # drawn in them) on both sides, yet is centred over its column's figures and over no
    # other column's.
    body = [
        [(60, "Veltri"), (150, "118.2"), (198, "37.0"), (236, "Short follow-up")],
        [(60, "Sabol"), (152, "92.0"), (198, "41.5"), (236, "Salvage therapy")],
        [(60, "Kaur"), (150, "23.7"), (198, "73.6"), (236, "Few complications")],
    ]
    page = _header_page(
        [
            (100, [(60, "Study"), (146, "mOS（月）"), (200, "五年OS"), (240, "说明")]),
            (112, [(60, "Author"), (240, "Remarks")]),
        ],
        body,
    )
    page.words += [Word(text, Box(x0, 112, x1, 112 + H)) for text, x0, x1 in [
        ("mOS", 140, 152), ("(months)", 155, 179.5), ("OS", 182, 190), ("at", 193, 199),
        ("5yr", 202, 214), ("(%)", 217, 229)]]  # fmt: skip
    (table,) = find_tables([page])
    assert table.header[1:3] == ["mOS（月）mOS (months)", "五年OS OS at 5yr (%)"]


def test_a_groups_last_sub_header_close_under_its_text_is_a_sub_header_not_its_second_line():
    # OCR boxed ``5-yr`` taller than its siblings, so it alone stands as close under
    # ``Overall survival (%)`` as a wrapped cell's next line, and wholly under the group's
    # text. Its sibling is ``3-yr`` in the group's own column: the group's text does not
    # make that column "headed" at the group's height.
    body = [
        [(60, "Veltri"), (140, "45"), (200, "88"), (236, "61"), (258, "40"), (330, "23.1")],
        [(60, "Sabol"), (140, "15"), (200, "92"), (236, "67"), (258, "38"), (330, "31.0")],
    ]
    page = _header_page([
        (100, [(60, "Author"), (140, "n"), (196, "Overall survival (%)"), (330, "Median")]),
        (114, [(198, "1-yr"), (234, "3-yr"), (330, "OS")]),
    ], body)  # fmt: skip
    page.words.append(Word("5-yr", Box(256, 110, 272, 123)))
    (table,) = find_tables([page])
    assert table.header[2:5] == [f"Overall survival (%) {y}-yr" for y in (1, 3, 5)]


def test_rows_set_as_close_as_a_wrapped_cells_lines_keep_each_centred_cell_whole():
    # Every other pair of a remark's lines has the study cell centred between them: those
    # pairs show the spacing inside a cell, which no pair of lines in separate rows has.
    from extract.rows import _segment_rows

    lines, edges = _lines_from("centred_cells_tight_rows.json")
    rows = _segment_rows(lines, edges)
    texts = [" ".join(ln.text for ln in row) for row in rows]
    assert "Fendler[33] 2000 21 MWA/IRE 88.8 66.8 —" in texts
    remark = "腹腔镜手术，R0切除者预后更佳，肝外转移者"
    assert f"{remark} Søndergaard[34] 2003 96 SBRT — — 预后较差" in texts
    assert len(rows) == 16


def test_an_unruled_first_row_whose_centred_cells_start_above_its_figures_is_body():
    # A one-line header, then a first row whose wrapped cells (``25.4% vs.`` / ``80.7%``, a
    # remark over two lines) are centred on it: their first line prints above the row's
    # figures, nearer them than the header, and belongs to the body.
    from extract.lines import group_lines
    from extract.tables import _header_block

    words = words_at(100, [(60, "Author"), (140, "Year"), (200, "n"), (260, "OS (%)"),
                           (330, "Remarks")])  # fmt: skip
    words += words_at(122, [(260, "25.4% vs."), (330, "Complete ablation,")])
    words += words_at(127.5, [(60, "Guo[13]"), (140, "1995"), (200, "191 vs. 32")])
    words += words_at(133, [(260, "80.7%"), (330, "few complications")])
    words += words_at(150, [(60, "Bohm[14]"), (140, "1998"), (200, "51"), (260, "38.1%"),
                            (330, "Second-line")])  # fmt: skip
    lines = group_lines(words)
    assert len(lines) == 5
    assert [ln.text for ln in _header_block(lines, 2)] == ["Author Year n OS (%) Remarks"]


@pytest.mark.parametrize(
    ("caption", "label"),
    [("TABLE II Studies of ablation", "Table 2"), ("Table IV. Studies", "Table 4"),
     ("TableISurvivaloutcomesbytreatment", "Table 1"), ("Table 2 Studies of ablation", "Table 2")],
)  # fmt: skip
def test_tables_numbered_in_roman_numerals_are_found(caption, label):
    # OCR of small type runs the numeral into the caption's first word.
    page = three_line_page()
    page.words = [w for w in page.words if w.box.top != 80] + words_at(80, [(200, caption)])
    (table,) = find_tables([page])
    assert table.label == label and len(table.rows) == 3


def test_a_line_opening_with_table_and_a_word_is_no_caption():
    from extract.schema import load_data
    from extract.tables import _match

    layout = load_data("layout.toml")
    for text in ("Table Ventilation settings", "Table In this review", "Tables of outcomes"):
        assert _match(layout["caption"] + layout["continued"], text) is None


def test_a_header_printed_again_repeats_one_that_took_in_a_word_of_the_first_row():
    # The first page's header took in the first row's remark, centred on its row and set
    # as high as the header's last cell: the header printed overleaf has every glyph of
    # the header but covers fewer kinds of glyph.
    from extract.lines import group_lines
    from extract.model import Table
    from extract.tables import _repeats

    names = ["第一作者", "样本量(例)", "干预措施", "Child-Pugh分级", "中位OS(月)", "3年总生存率"]
    known = Table("Table 4", "", [1], [*names, "结论R0 resection predicted"], [])
    printed = group_lines(words_at(60, [(60 + 60 * i, n) for i, n in enumerate([*names, "结论"])]))
    assert _repeats(printed, known)
    body = group_lines(words_at(90, [(60, "胡刚等[58]"), (120, "30"), (180, "系统治疗")]))
    assert not _repeats(body, known)


def test_a_group_beside_a_header_centred_on_the_whole_header_height():
    # The remarks header, centred on the header's height, starts between the group's two
    # lines, on the baseline of its second (``OS (%)``): that line is the group's own, not a
    # sub-header line with a sibling beside it.
    words = words_at(100, [(278, "总生存率")])
    words += words_at(108, [(275, "OS (%)")]) + words_at(107.6, [(380, "Prognostic")])
    words += words_at(116, [(384, "factors")])
    words += words_at(112, [(60, "Author"), (140, "Year"), (200, "n")])
    words += words_at(122, [(260, "3y"), (300, "5y")])
    body = [
        [(60, "Veltri"), (140, "2014"), (200, "45"), (260, "44"), (300, "—"),
         (360, "Solitary metastasis, R0 resection")],
        [(60, "Sabol"), (140, "2015"), (200, "15"), (260, "67"), (300, "38"), (360, "—")],
    ]  # fmt: skip
    for i, cells in enumerate(body):
        words += words_at(140 + 14 * i, cells)
    words += words_at(80, [(200, "Table 3 Outcomes")])
    rules = [Rule(Box(56, y, 520, y + 0.5)) for y in (95, 133, 170)]
    (table,) = find_tables([Page(1, 595, 842, words, rules, [], 0.0)])
    assert table.header == ["Author", "Year", "n", "总生存率OS (%) 3y", "总生存率OS (%) 5y",
                            "Prognostic factors"]  # fmt: skip


def test_arms_on_a_continuation_page_of_one_row_are_told_by_the_tables_room():
    # The last page holds one study, its arms' treatments set on their own rows as close as
    # a wrapped cell's lines: the page alone cannot tell two names from one name wrapped;
    # the table's first page shows that the column has room for both on one line.
    header = [[(60, "Author"), (140, "Year"), (200, "n"), (240, "Treatment"), (320, "3y"),
               (360, "5y")]]  # fmt: skip
    rows = [[(60, "Veltri"), (140, "2014"), (200, "45"), (240, "Resection+TACE"), (320, "44"),
             (360, "—")]] * 50  # fmt: skip
    first = _table_page(1, header, rows, top=120)
    second = Page(2, 595, 842, [], [Rule(Box(56, 100, 470, 100.5))], [], 0.0)
    second.words += words_at(70, [(240, "SIRT"), (320, "—"), (360, "—")])
    second.words += words_at(75.5, [(60, "NCT06195108"), (140, "2019"), (200, "774")])
    second.words += words_at(81, [(240, "IRE"), (320, "—"), (360, "—")])
    (table,) = find_tables([first, second])
    assert table.pages == [1, 2]
    assert [c.text for c in table.rows[-1].cells] == [
        "NCT06195108", "2019", "774", "SIRT vs. IRE", "— vs. —", "— vs. —"
    ]  # fmt: skip


def test_a_study_alone_under_a_header_printed_again_with_its_arms_on_rows_continues():
    # The next page prints the header again and one study, its arms on rows of their own
    # and its shared cells set once, centred between them: no printed line alone fills half
    # the columns, the row they make does.
    header = [[(60, "Author"), (140, "Country"), (200, "Status"), (250, "Treatment"),
               (330, "Age"), (380, "mOS"), (430, "3y")]]  # fmt: skip
    rows = [[(60, "Veltri"), (140, "Italy"), (200, "2014"), (250, "Resection+TACE"), (330, "61"),
             (380, "23.1"), (430, "44")]] * 50  # fmt: skip
    first = _table_page(1, header, rows, top=120)
    second = Page(2, 595, 842, words_at(70, header[0]), [], [], 0.0)
    second.rules = [Rule(Box(56, y, 470, y + 0.5)) for y in (66, 80, 108)]
    second.words += words_at(84, [(250, "HAIC/LITT"), (380, "—"), (430, "—")])
    second.words += words_at(91.25, [(60, "NCT06195108"), (140, "Brazil"), (200, "Ongoing"),
                                    (330, "—")])  # fmt: skip
    second.words += words_at(98.5, [(250, "LITT"), (380, "—"), (430, "—")])
    second.words += words_at(112, [(60, "Note: HAIC, hepatic arterial infusion; LITT, laser")])
    second.words += words_at(140, [(60, "Surgery has become part of the combined treatment")])
    (table,) = find_tables([first, second])
    assert table.pages == [1, 2]
    assert [c.text for c in table.rows[-1].cells] == [
        "NCT06195108", "Brazil", "Ongoing", "HAIC/LITT vs. LITT", "—", "— vs. —", "— vs. —"
    ]  # fmt: skip


def test_names_level_with_a_rows_arms_are_one_per_arm_where_the_column_never_wraps():
    # A narrow treatment column: a study's three arms on lines of their own, set as close
    # as a wrapped cell's lines, each name level with its arm's figures. The names could be
    # one cell wrapped (``RT WBRT`` is wider than the column's widest line); but the
    # column's cell never wraps in a row of one arm: its lines are a name per arm.
    header = [(60, "Study"), (140, "Year"), (200, "n"), (240, "Treatment"), (320, "mOS")]
    rows = [
        (120, [(60, "Li[1]"), (140, "2014"), (200, "45"), (240, "RFA"), (320, "23.1")]),
        (134, [(60, "Wu[2]"), (140, "2015"), (200, "38"), (240, "TACE"), (320, "18.0")]),
        (148, [(60, "Xu[3]"), (140, "2016"), (200, "52"), (240, "SBRT"), (320, "30.2")]),
        (162, [(60, "Ma[4]"), (140, "2017"), (200, "166"), (240, "RT"), (320, "—")]),
        (175, [(200, "67"), (240, "WBRT"), (320, "63")]),
        (188, [(200, "125"), (240, "TAE"), (320, "58.7")]),
        (202, [(60, "He[5]"), (140, "2018"), (200, "29"), (240, "HR"), (320, "41.0")]),
    ]
    (table,) = find_tables([_placed_rows_page(header, rows)])
    assert [c.text for c in table.rows[3].cells] == [
        "Ma[4]", "2017", "166 vs. 67 vs. 125", "RT vs. WBRT vs. TAE", "— vs. 63 vs. 58.7"
    ]  # fmt: skip


def test_a_group_underlined_by_a_rule_spans_the_columns_under_the_rule():
    # A cramped header: the group's text runs on from its neighbour's with less than a word
    # gap between (one phrase to the eye of a gap rule); the rule drawn under the group
    # (booktabs' cmidrule) says which columns it spans.
    words = words_at(80, [(200, "Table 3 Outcomes")])
    words += words_at(104, [(60, "Author"), (140, "Year"), (234, "Median"), (261, "Survival (%)")])
    words += words_at(116, [(234, "OS (mo)"), (268, "3y"), (300, "5y")])
    body = [
        [(60, "Veltri"), (140, "2014"), (234, "23.1"), (268, "44"), (300, "—")],
        [(60, "Sabol"), (140, "2015"), (234, "18.0"), (268, "67"), (300, "38")],
    ]
    for i, cells in enumerate(body):
        words += words_at(136 + 14 * i, cells)
    rules = [Rule(Box(56, y, 330, y + 0.5)) for y in (98, 128, 166)]
    rules.append(Rule(Box(258, 113, 312, 113.5)))
    (table,) = find_tables([Page(1, 595, 842, words, rules, [], 0.0)])
    assert table.header == ["Author", "Year", "Median OS (mo)", "Survival (%) 3y",
                            "Survival (%) 5y"]  # fmt: skip


def test_a_line_of_prose_clauses_each_over_column_edges_ends_an_unruled_table():
    # A continued table's last two rows, then a paragraph as wide as the table: OCR parts
    # its line at the commas, so no run is long, but every run lies over column edges.
    from extract.tables import body_end

    table = [
        group_lines_at(100, [(60, "NCT06822567"), (150, "—"), (200, "—"), (250, "Belgium"),
                             (310, "进行中"), (370, "894"), (420, "LITT"), (480, "—")]),
        group_lines_at(118, [(60, "NCT05980991"), (150, "—"), (200, "—"), (250, "USA"),
                             (310, "进行中"), (370, "324"), (420, "LT vs. IRE"), (480, "— vs. —")]),
    ]  # fmt: skip
    prose = [
        group_lines_at(140, [(57, "然而，对国内外研究的纵向和横向分析显示，"),
                             (145, "不同地区乳腺癌肝转移的手术治疗实践存在差异。"),
                             (245, "国际研究倾向于关注技术创新和疗效的提高，"),
                             (335, "而国内研究则侧重于优化手术方法、")]),
        group_lines_at(158, [(57, "术方法、探索新兴治疗技术以及中西医结合的潜力。")]),
    ]  # fmt: skip
    assert body_end(table + prose, H) == table


def test_sub_columns_set_closer_than_a_gap_part_under_their_group():
    # Survival rates at 3 and 5 years two points apart, under one group header: the group
    # spans the strip between them, its sub-headers stand either side of it.
    header = [[(60, "Study"), (140, "n"), (200, "OS-rate(%)"), (260, "Notes")],
              [(202, "3y"), (222, "5y")]]  # fmt: skip
    body = [[(60, name), (140, "45"), (200, "48.6"), (218, "33.3"), (260, "Good")]
            for name in ("Zhao", "Rossi", "Kaur", "Sabol", "Tanaka")]  # fmt: skip
    # Two arms each, wrapped: ``— vs`` then ``—``; the 5-year cell starts a little further
    # from the 3-year ``vs`` than the space before it, closer than a cell's gap.
    for name in ("Weber", "Costa"):
        body += [[(60, name), (140, "45"), (200, "— vs"), (217.5, "— vs"), (260, "Good")],
                 [(204, "—"), (221.5, "—")]]  # fmt: skip
    (table,) = find_tables([_table_page(1, header, body)])
    assert len(table.header) == 5
    assert [c.text for c in table.rows[0].cells] == ["Zhao", "45", "48.6", "33.3", "Good"]
    assert [c.text for c in table.rows[5].cells] == ["Weber", "45", "— vs —", "— vs —", "Good"]


def test_an_ocr_header_word_over_two_columns_is_cut_where_its_script_changes_at_an_edge():
    from extract.header_block import cut_header_at_edges

    read = Word("Child-Pugh中位生存时间", Box(264, 100, 350, 108), "ocr:rapidocr", 0.9)
    (cut,) = cut_header_at_edges([[read]], [302.0], 9.8)
    assert [w.text for w in cut] == ["Child-Pugh", "中位生存时间"]
    assert abs(cut[0].box.x1 - 302) < 9.8 and cut[1].box.x0 == cut[0].box.x1
    layer = Word("Child-Pugh中位生存时间", Box(264, 100, 350, 108))
    assert cut_header_at_edges([[layer]], [302.0], 9.8) == [[layer]]  # a text layer's word is exact
    group = Word("总生存率（%)", Box(394, 100, 437, 108), "ocr:rapidocr", 0.9)
    subs = [Word("3年", Box(405, 112, 415, 120), "ocr:rapidocr", 0.9),
            Word("5年", Box(428, 112, 438, 120), "ocr:rapidocr", 0.9)]  # fmt: skip
    assert cut_header_at_edges([[group], subs], [422.0], 9.8) == [[group], subs]


def test_an_ocr_header_word_over_three_columns_is_cut_where_each_units_bracket_closes():
    # Three headers of one script read as one word: each ends its unit with a closing
    # bracket at a column edge; the bracket stays with what it holds.
    from extract.header_block import cut_header_at_edges

    read = Word("样本量（例）3年OS率（%）国家/地区", Box(208, 138, 312, 146), "ocr:rapidocr", 0.9)
    (cut,) = cut_header_at_edges([[read]], [241.6, 279.6], 9.84)
    assert [w.text for w in cut] == ["样本量（例）", "3年OS率（%）", "国家/地区"]


def test_full_width_punctuation_joins_its_neighbours_without_a_space():
    # OCR boxes a full-width comma by its ink, a speck at the left of its em: the paper
    # after it is the em's own, no word space (相关，两种 read as three words).
    words = [Word("相关", Box(0, 0, 16, 8)), Word("，", Box(18, 6, 20, 8)),
             Word("两种", Box(26, 0, 42, 8)), Word("ECOG", Box(52, 0, 70, 8)),
             Word("≤1", Box(72, 0, 80, 8)), Word("、", Box(84, 6, 86, 8)),
             Word("肝内", Box(92, 0, 108, 8))]  # fmt: skip
    assert join_words(words) == "相关，两种 ECOG ≤1、肝内"
    # a closing bracket before Latin words keeps the space printed after it
    header = [Word("中位生存期（月）", Box(0, 0, 64, 8)), Word("Median", Box(67, 0, 91, 8))]
    assert join_words(header) == "中位生存期（月） Median"


def _treatments(rows, edges: list[float], col: int) -> dict[str, list[str]]:
    """Each row's study cell and its arms' cells in one column, as grouped."""
    return {
        join_lines([join_words(split_cells(ln, edges)[0]) for a in arms for ln in a]): [
            join_lines([join_words(split_cells(ln, edges)[col]) for ln in a]) for a in arms
        ]
        for arms in rows
    }


def test_a_centred_study_cell_sits_in_the_middle_of_its_band_long_remark_and_all():
    # Each study's remark wraps below its last arm, and the study cell is centred on the
    # whole band: measured on the arms alone, the next study's first arm (``SRFA/TAE``)
    # fitted the first study's cell better.
    lines, edges = _lines_from("arm_rows_beside_long_remarks.json")
    treatments = _treatments(group_rows(lines, edges, [], []), edges, 3)
    assert treatments["Nogueiro et al.[8]"] == ["TAE", "HR", "TAE+SBRT"]
    assert treatments["Ruiz et al.[9]"] == ["SRFA/TAE", "ICI", "ET", "PRRT"]


def test_an_arm_whose_value_wraps_its_interval_is_still_an_arm_of_its_own():
    # ``SBRT/HIFU | 63 [95% CI | 61%`` and ``SIRT+RT | 107 | 79.9%``: the first arm's line
    # holds a value whose interval runs on below (``41.5-71.8]``); the study's own line
    # (n, year) between them holds values in other columns.
    lines, edges = _lines_from("arm_rows_wrapped_interval.json")
    (arms,) = group_rows(lines, edges, [], [])
    assert _treatments([arms], edges, 3) == {"Gruber et al.[24]": ["SBRT/HIFU", "SIRT+RT"]}
    cells = make_cells(arms, edges, 1, column_room(lines, edges))
    assert cells[4].text == "63 [95% CI 41.5-71.8] vs. 107"


def test_arm_lines_farther_apart_than_the_rows_wrapped_lines_are_a_cell_per_arm():
    # Four treatments, each on its arm's row and each long enough that a wrapped cell's
    # next word would not have fitted beside it; but they stand half as far apart again as
    # the lines of the remark wrapped beside them: a treatment per arm, not one cell.
    lines, edges = _lines_from("arm_rows_farther_than_wrapped_lines.json")
    (arms,) = group_rows(lines, edges, [], [])
    cells = make_cells(arms, edges, 1, column_room(lines, edges))
    assert cells[3].text == "SIRT/ET vs. SRFA vs. TAE+TARE vs. WBRT"


def test_a_long_remarks_lines_crossing_one_strip_each_leave_no_empty_column():
    # Two remarks run past their first phrase (OCR boxes a phrase of hanzi as one word),
    # each leaving a narrow space that the other's line crosses: two strips crossed once
    # each (a cell too long for its column), the words between them lying mostly on either
    # side. The column between holds no body word, and the remarks' header, centred over
    # the column, reaches over both strips.
    header = [[(60, "Author"), (140, "Year"), (170, "n"), (232, "备注Comments")]]
    short = ["局部复发率低", "可行性研究", "非TNBC患者", "R0切除者预后更佳", "—"]
    body = [[(60, f"Li[{k}]"), (140, str(2001 + k)), (170, str(30 + k)), (200, short[k % 5])]
            for k in range(10)]  # fmt: skip
    body[3] = [(60, "Wu[3]"), (140, "2004"), (170, "33"), (200, "无病间隔两年的患者获益，"),
               (253, "局部治疗联合系统治疗可延长生存")]  # fmt: skip
    body[7] = [(60, "Ng[7]"), (140, "2008"), (170, "37"), (200, "消融完全率高，术后并发症少，"),
               (261, "难治性病例作为挽救治疗")]  # fmt: skip
    (table,) = find_tables([_unruled_page(header, body, [])])
    assert table.header == ["Author", "Year", "n", "备注Comments"]
    assert table.rows[3].cells[3].text == "无病间隔两年的患者获益，局部治疗联合系统治疗可延长生存"
    assert table.rows[7].cells[3].text == "消融完全率高，术后并发症少，难治性病例作为挽救治疗"


def test_a_left_aligned_remark_under_its_centred_header_is_one_column():
    # A remark column's cells start at its left edge, its header is centred over it, and
    # OCR parted a few of its lines where a space falls: right of the space, the header;
    # left of it, no header word at all and most of the column's lines. One column.
    header = [[(60, "Author"), (140, "Year"), (170, "n"), (236, "预后因素"), (330, "Age")]]
    remarks = ["—", "局部复发率低", "切除者预后更佳，", "—", "可行性研究"] + ["—"] * 5
    body = [[(60, f"Li[{k}]"), (140, str(2001 + k)), (170, str(30 + k)), (200, remarks[k]),
             (330, str(50 + k))] for k in range(10)]  # fmt: skip
    body[0][3:3] = [(200, "无肝外转移，"), (229, "激素受体阳")]
    del body[0][5]
    body[6][3:4] = [(200, "术后30"), (229, "d死亡率为0")]
    (table,) = find_tables([_unruled_page(header, body, [])])
    assert table.header == ["Author", "Year", "n", "预后因素", "Age"]
    assert [c.text for c in table.rows[0].cells] == [
        "Li[0]",
        "2001",
        "30",
        "无肝外转移，激素受体阳",
        "50",
    ]
    assert table.rows[6].cells[3].text == "术后30 d死亡率为0"


def test_the_study_column_is_found_where_each_name_wraps_before_its_citation():
    # ``Capek, et`` over ``al.[36]``: half the column's lines cite nothing by themselves, but
    # each wrapped name and its citation is one study cell. The study column is the third.
    from extract.rows import study_column

    body = []
    for k, name in enumerate(["Capek,", "Ferreira,", "Wu,", "Xu,"]):
        y = 100 + 30 * k
        body.append(
            group_lines_at(y, [(60, f"{90 + k}.5"), (140, str(40 + k)), (200, f"{name} et")])
        )
        body.append(group_lines_at(y + 10, [(200, f"al.[{36 + k}]")]))
    assert study_column(body, [120.0, 180.0]) == 2


def test_shares_in_brackets_after_their_counts_stay_in_the_counts_column():
    # OCR's ink-fitted boxes set ``(56.9)`` a column's gap from ``207``, and the header's
    # ``(%)`` as far from its ``n``: a bracketed unit heads no column, a bracketed share
    # after a figure is that figure's cell.
    header = [[(60, "Characteristic"), (200, "n"), (212, "(%)")]]
    body = [
        [(60, "Female"), (200, "207"), (220, "(56.9)")],
        [(60, "ECOG 0-1"), (200, "177"), (220, "(48.6)")],
        [(60, "Prior chemotherapy"), (200, "141"), (220, "(38.7)")],
        [(60, "Extrahepatic disease"), (200, "35"), (220, "(9.7)")],
    ]
    (table,) = find_tables([_table_page(1, header, body)])
    assert table.header == ["Characteristic", "n (%)"]
    assert [r.cells[1].text for r in table.rows] == ["207 (56.9)", "177 (48.6)", "141 (38.7)",
                                                     "35 (9.7)"]  # fmt: skip


def test_a_headers_last_word_reaching_over_the_next_columns_edge_stays_in_its_cell():
    # ``year`` stands a word's space after ``Publication`` (OCR's boxes widen the space past
    # a cell's gap), across the edge between the year and n columns, over neither's figures.
    header = [[(60, "Author"), (120, "Publication"), (168, "year"), (214, "n")]]
    body = [
        [(60, "Veltri"), (130, "2014"), (196, "45")],
        [(60, "Sabol"), (130, "2015"), (196, "15")],
        [(60, "Zhao"), (130, "2016"), (196, "60")],
    ]
    (table,) = find_tables([_table_page(1, header, body)])
    assert table.header == ["Author", "Publication year", "n"]


def test_one_arms_wrapped_name_and_the_next_arms_name_on_its_own_row_are_two_cells():
    # The first arm's treatment wraps over two lines at the font's pitch, centred on its
    # arm's row; the second arm's stands on its own row, farther down: a block per arm.
    header = [[(60, "Author"), (140, "n"), (190, "Procedure"), (260, "5y"), (310, "3y")]]
    rows = [
        (130, [(60, "Park"), (140, "11"), (190, "RFA+TACE"), (260, "15.0"), (310, "87.2")]),
        (150, [(190, "Laparoscopic")]),
        (154, [(60, "NCT0459"), (140, "462"), (260, "—"), (310, "—")]),
        (158, [(190, "LR+CRA")]),
        (170, [(190, "HIFU/TACE"), (260, "—"), (310, "—")]),
        (194, [(60, "Zhao"), (140, "76"), (190, "TAE"), (260, "4.9"), (310, "12")]),
    ]  # fmt: skip
    (table,) = find_tables([_arm_rows_page(header, rows, 210)])
    cells = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows}
    assert cells["NCT0459"] == ["462", "Laparoscopic LR+CRA vs. HIFU/TACE", "— vs. —", "— vs. —"]


def test_a_header_words_ocr_box_grown_up_into_the_caption_keeps_its_line_in_the_header():
    # One word's OCR box reaches from the caption's foot down past its header line (a
    # detector box grown tall on a coarse scan); the rest of the line starts below the
    # caption, so the line is the header's, not the caption's.
    header = [[(60, "Author"), (140, "Year"), (190, "n"), (260, "5y")]]
    body = [[(60, "Veltri"), (140, "2014"), (190, "45"), (260, "44")],
            [(60, "Sabol"), (140, "2015"), (190, "15"), (260, "67")]]  # fmt: skip
    page = _table_page(1, header, body)
    page.words = [
        replace(w, box=Box(w.box.x0, 93.0, w.box.x1, w.box.bottom + 4)) if w.text == "Year" else w
        for w in page.words
    ]
    (table,) = find_tables([page])
    assert table.header == ["Author", "Year", "n", "5y"]
    assert [r.cells[0].text for r in table.rows] == ["Veltri", "Sabol"]


def test_a_continued_studys_cells_beside_its_arms_on_the_next_page_are_a_row_not_prose():
    # The table runs on to a page holding one study whose arms print on rows of their own:
    # the arms' rows leave the study, country and status columns empty, and the line that
    # prints those cells, set between the arms, fills that strip. Its cells keep to the
    # table's columns, as no prose does.
    header = [[(60, "Author"), (120, "Country"), (160, "Status"), (200, "Procedure"),
               (300, "1y"), (340, "5y")]]  # fmt: skip
    row = [(60, "Veltri"), (120, "Italy"), (160, "Closed"), (200, "RFA"), (300, "44"),
           (340, "20")]  # fmt: skip
    first = _table_page(1, header, [row] * 50, top=120)
    words = words_at(64, [(200, "MWA/PEI"), (300, "—"), (340, "—")])
    words += words_at(73, [(60, "NCT0236"), (120, "Sweden"), (160, "Ongoing")])
    words += words_at(82, [(200, "RFA"), (300, "—"), (340, "—")])
    words += words_at(120, [(60, "Prose that follows the table on the second page.")])
    rules = [Rule(Box(56, 60, 470, 60.5)), Rule(Box(56, 94, 470, 94.5))]
    second = Page(2, 595, 842, words, rules, [], 0.0)
    (table,) = find_tables([first, second])
    assert table.pages == [1, 2]
    assert [c.text for c in table.rows[-1].cells] == [
        "NCT0236", "Sweden", "Ongoing", "MWA/PEI vs. RFA", "— vs. —", "— vs. —"
    ]  # fmt: skip


def test_a_sub_header_line_centred_under_a_header_line_above_its_neighbour_is_header():
    # ``Grade`` over ``1-2``, with ``Adverse event`` centred on the header's height set on a
    # line of its own between them: the range line is the header's, not the first row.
    words = words_at(60, [(60, "Table 1 Adverse events")])
    words += words_at(80, [(362, "Grade"), (472, "Grade")])
    words += words_at(85, [(160, "Adverse event")])
    words += words_at(90, [(368, "1-2"), (478, "3-4")])
    for i, name in enumerate(["Liver", "Fever", "Rash", "Nausea"]):
        words += words_at(108 + 16 * i, [(60, name), (368, str(9 - i)), (480, str(4 + i))])
    (table,) = find_tables([Page(1, 595, 842, words, [], [], 0.0)])
    assert table.header == ["Adverse event", "Grade 1-2", "Grade 3-4"]
    assert [r.cells[0].text for r in table.rows] == ["Liver", "Fever", "Rash", "Nausea"]


def test_a_tall_ocr_box_beside_a_centred_name_is_on_the_names_line_not_the_row_above():
    # A wrapped row's two lines with a centred line between them: ``等[62]``'s OCR box is
    # taller than the Latin name beside it, its middle within reach of the wrapped row's
    # first line, which the line finder meets first; it prints on the name's line.
    def word(text: str, x: float, top: float, bottom: float) -> Word:
        return Word(text, Box(x, top, x + 4 * len(text), bottom), "ocr:rapidocr", 0.99)

    first = ["cTACE", "vs.", "73", "vs.", "33", "22", "vs.", "112"]
    words = [word(t, 138 + 30 * i, 272.8, 280.3) for i, t in enumerate(first)]
    words += [
        word("Søndergaard", 59, 277.6, 285.1), word("等[62]", 111, 276.2, 285.8),
        word("Brazil", 400, 277.6, 285.1),
        word("CRA", 161, 282.5, 290.0), word("28", 229, 282.5, 290.0),
    ]  # fmt: skip
    lines = [[w.text for w in line.words] for line in group_lines(words)]
    assert lines == [first, ["Søndergaard", "等[62]", "Brazil"], ["CRA", "28"]]


def test_a_remark_wrapped_beside_two_inline_arms_is_one_cell_beside_tall_hanzi_boxes():
    # As OCR boxed a cid page's row: two arms joined by ``vs`` on two printed lines, a remark
    # wrapped over three beside them. The treatment's hanzi box stands taller than the ``vs``
    # beside it, and the line finder set the two on lines of their own: still one printed
    # line, so the row's wrapped pitch is the remark's, and no cell parts into arms.
    def line(top: float, bottom: float, *cells: tuple[float, str]) -> Line:
        return Line([Word(t, Box(x, top, x + 6.0 * len(t), bottom), "ocr:rapidocr", 0.99)
                     for x, t in cells])  # fmt: skip

    lines = [
        line(221.0, 229.7, (430, "ECOG≤1、肝内肿")),
        line(223.9, 236.4, (257, "系统治疗")),
        line(227.1, 235.1, (228, "46"), (238, "vs"), (289, "vs"), (383, "65.2")),
        line(229.0, 241.9, (60, "唐娜飞等[46]"), (430, "瘤负荷小者获益，")),
        line(237.5, 245.5, (230, "194"), (255, "LT"), (382, "vs"), (396, "—")),
        line(240.0, 251.3, (430, "单中心经验")),
    ]
    edges = [120.0, 250.0, 330.0, 420.0]
    cells = make_cells([lines], edges, 1, column_room(lines, edges))
    assert [c.text for c in cells][1:4] == ["46 vs 194", "系统治疗 vs LT", "65.2 vs —"]
    assert " vs. " not in cells[4].text


def test_a_centred_first_rows_remark_is_body_under_a_header_line_boxed_over_two_lines():
    # As OCR boxed a wrapped header: ``3`` over ``年总生存率``, the detector's box over both
    # lines, its line's edges reach the remark centred on the first row. Lines are as far
    # apart as their middles say: the remark is nearer the row than the header.
    from extract.lines import group_lines
    from extract.tables import _header_block

    def word(text: str, x: float, top: float, bottom: float) -> Word:
        return Word(text, Box(x, top, x + 5 * len(text), bottom), "ocr:rapidocr", 0.99)

    words = [word("Author", 60, 230.9, 244.1), word("Year", 140, 231.6, 243.1),
             word("3", 262, 227.4, 237.4), word("Remarks", 330, 230.4, 244.3),
             word("(mo)", 200, 237.1, 250.3), word("年总生存率", 250, 226.1, 254.9),
             word("Salvage", 330, 254.4, 264.4),
             word("Guo[13]", 60, 261.6, 278.2), word("1996", 140, 265.9, 275.9),
             word("128", 200, 265.9, 275.9), word("14%", 260, 265.9, 275.9),
             word("refractory", 330, 265.9, 275.9), word("disease", 330, 277.4, 287.4),
             word("Bohm[14]", 60, 294.7, 311.3), word("1998", 140, 298.7, 308.7),
             word("108", 200, 298.7, 308.7), word("61.9", 260, 298.7, 308.7),
             word("Second-line", 330, 292.9, 302.9)]  # fmt: skip
    lines = group_lines(words)
    first_body = next(i for i, ln in enumerate(lines) if ln.words[0].text == "Guo[13]")
    header = _header_block(lines, first_body)
    assert "Salvage" not in " ".join(ln.text for ln in header)
    assert {"3", "年总生存率", "Remarks"} <= {w.text for ln in header for w in ln.words}


def test_a_compact_tables_last_columns_part_though_their_gap_is_a_word_space():
    # As OCR read a compact scan: the 5-yr figures end four points before the remarks
    # start, hardly more than a word's space; the group header over 1-yr | 3-yr | 5-yr runs
    # a little past the figures, and the remarks' header is centred on the header's height,
    # a line above the sub-headers. The body's strip and the header cells either side of it
    # part the columns.
    def word(text: str, x0: float, x1: float, top: float) -> Word:
        return Word(text, Box(x0, top, x1, top + 10.5), "ocr:rapidocr", 0.98)

    words = [word("Table", 56, 80, 147), word("2", 83, 88, 147), word("Studies", 91, 125, 147),
             word("Study", 60, 85, 171), word("Yr", 140, 150, 171), word("Overall", 288, 313, 164),
             word("survival", 316, 343, 164), word("(%)", 346.8, 357.4, 164),
             word("Comments", 429.4, 468, 171), word("1-yr", 291.4, 303.4, 176.4),
             word("3-yr", 313.2, 326.2, 176.4), word("5-yr", 338.6, 351.6, 176.4)]  # fmt: skip
    remarks = ["Shorter DFS in triple-negative disease", "Feasibility study; low local rate",
               "Survival benefit after resection", "Second-line setting; short follow-up",
               "Combined local and systemic therapy"]  # fmt: skip
    for i, remark in enumerate(remarks):
        y = 192 + 15 * i
        words += [word(f"Name{i}", 60, 90, y), word("1999", 140, 155, y),
                  word("90.6", 289.7, 304.6, y), word("53.1", 312.7, 326.6, y),
                  word("25.0", 338.2, 352.1 + (3.3 if i == 2 else 0), y)]  # fmt: skip
        x = 359.5
        for token in remark.split():
            words.append(word(token, x, x + 4.6 * len(token), y))
            x += 4.6 * len(token) + 3.3
    bottom = 192 + 15 * len(remarks)
    rules = [Rule(Box(56, 162, 520, 162.5)), Rule(Box(56, 189, 520, 189.5)),
             Rule(Box(56, bottom, 520, bottom + 0.5))]  # fmt: skip
    (table,) = find_tables([Page(1, 595, 842, words, rules, [], 0.0)])
    assert table.header[-2:] == ["Overall survival (%) 5-yr", "Comments"]
    assert [c.text for c in table.rows[0].cells][-2:] == ["25.0", remarks[0]]


def test_a_remark_ocr_boxed_in_two_after_a_full_width_comma_stays_one_cell():
    # OCR fits its boxes to ink: a full-width comma's em is blank on its right, so the
    # remark ``消融完全率高，术后并发症少`` came as two words a column's gap apart, and the
    # edge went between them (the column's other cells are dashes set left, under a
    # header centred over the whole remark). The blank half em is the comma's.
    em = 9.0

    def ocr(text: str, x0: float, y: float, width: float | None = None) -> Word:
        return Word(text, Box(x0, y, x0 + (width or em * len(text)), y + 11), "ocr:x", 0.95)

    words = [ocr("Table 4 Ablation", 200, 84, 80)]
    words += [ocr("研究", 60, 104), ocr("中位OS", 160, 104), ocr("备注", 350, 104),
              ocr("3年", 450, 104)]  # fmt: skip
    rows = [("Ruiz", "67.6"), ("Jönsson", "—"), ("Tang", "13.9"), ("Gordon", "66.6"),
            ("Zhou", "31"), ("Huang", "93.8"), ("ChiCTR2211126773", "—")]  # fmt: skip
    for k, (study, median) in enumerate(rows):
        y = 124 + 16 * k
        words += [ocr(study, 60, y, 5 * len(study)), ocr(median, 165, y, 5 * len(median)),
                  ocr(median, 455, y, 5 * len(median))]  # fmt: skip
        if study == "Jönsson":
            remark = [("消融完全率高，", 280, 6.5 * em), ("术后并发症少", 280 + 7 * em + 2, None)]
            words += [ocr(text, x, y, width) for text, x, width in remark]
        else:
            words.append(ocr("—", 355 if study.startswith("ChiCTR") else 280, y, 10))
    bottom = 124 + 16 * len(rows)
    rules = [Rule(Box(56, 100, 470, 100.5)), Rule(Box(56, 118, 470, 118.5)),
             Rule(Box(56, bottom, 470, bottom + 0.5))]  # fmt: skip
    (table,) = find_tables([Page(1, 595, 842, words, rules, [], 0.0)])
    assert table.header == ["研究", "中位OS", "备注", "3年"]
    assert table.rows[1].cells[2].text == "消融完全率高，术后并发症少"


def test_sub_headers_a_pixel_apart_are_one_line_under_their_group():
    # A 150-dpi scan, OCR's boxes (page 1 of a sampled review): the cells are centred on the
    # header's height, so its lines interleave. ``3年`` stands a pixel higher than ``1年`` and
    # ``5年`` and was grouped with ``Regimen`` and the centred ``作者Study``, its siblings
    # with the next line: the group spanned ``3年`` alone.
    def word(text: str, x0: float, top: float, x1: float, bottom: float) -> Word:
        return Word(text, Box(x0, top, x1, bottom))

    words = [
        word("Table 3 Outcomes", 200, 170, 300, 180),
        word("总生存率OS（%）", 140.9, 193.0, 192.5, 204.2),
        word("干预方式", 233.5, 197.8, 260.6, 207.8),
        word("发表年", 286.8, 196.8, 307.0, 209.3),
        word("预后因素", 396.2, 193.4, 423.1, 203.8),
        word("纳入人数", 464.6, 197.8, 489.4, 207.8),
        word("作者Study", 73.2, 201.8, 103.7, 214.1),
        word("3年", 155.8, 208.8, 165.6, 220.3),
        word("Regimen", 234.5, 206.9, 259.0, 219.1),
        word("Pub. year", 284.2, 206.9, 309.6, 218.6),
        word("Prognostic", 394.8, 202.8, 424.3, 214.3),
        word("Patients(n)", 462.0, 207.6, 492.7, 217.7),
        word("1年", 126.7, 210.0, 135.6, 220.3),
        word("5年", 190.8, 209.3, 200.6, 221.0),
        word("factors", 399.8, 213.4, 418.8, 222.5),
    ]
    rows = [
        ["潘军鹏[22]", "93.3%", "–", "1.0%", "HIFU", "1995", "Retrospective study", "17"],
        ["Kowalski[24]", "58.5%", "17.2%", "–", "PRRT", "1995", "Feasibility study", "18"],
        ["Wu[25]", "61.0%", "22.4%", "10.5%", "TACE", "2001", "Short follow-up", "40"],
    ]
    xs = [(59.0, 117.6), (121.7, 139.2), (151.4, 168.7), (186.7, 204.0), (214.6, 240.2),
          (286.6, 307.0), (364.6, 420.3), (471.8, 482.2)]  # fmt: skip
    for i, cells in enumerate(rows):
        top = 232 + 16 * i
        words += [word(t, x0, top, x1, top + 10) for t, (x0, x1) in zip(cells, xs, strict=True)]
    (table,) = find_tables([Page(1, 595, 842, words, [], [], 0.0)])
    assert table.header[1:4] == ["总生存率OS（%）1年", "总生存率OS（%）3年", "总生存率OS（%）5年"]


def test_two_columns_figures_read_as_one_word_are_cut_apart_at_the_edge_between_them():
    # Narrow 3- and 5-year columns set a hair apart on a 150-dpi scan: the detector read
    # ``92.4`` and ``36.9`` as one word over the edge. No figure holds two decimal points.
    header = [[(60, "Study"), (140, "Year"), (200, "n"), (260, "3y"), (298, "5y")]]
    body = [[(60, f"Study{i}"), (140, str(1990 + i)), (200, str(30 + i)), (258, f"{40 + i}.4"),
             (296, f"{10 + i}.0")] for i in range(9)]  # fmt: skip
    page = _table_page(1, header, body)
    fused = next(w for w in page.words if w.text == "42.4")
    page.words = [w for w in page.words if w.text not in ("42.4", "12.0")]
    page.words.append(Word("42.412.0", Box(258, fused.box.top, 312, fused.box.bottom),
                           "ocr:rapidocr", 0.9))  # fmt: skip
    (table,) = find_tables([page])
    assert [c.text for c in table.rows[2].cells] == ["Study2", "1992", "32", "42.4", "12.0"]
    # One value over an edge is not cut: a range, an interval, a figure and its unit
    assert value_breaks("41.4-69.3") == value_breaks("58.7 [95%") == value_breaks("12.5%") == []
    assert value_breaks("92.436.9") == [4, 5]
