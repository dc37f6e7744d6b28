"""Every damaged row of the seed's text layer, fed to repair as cells.

The cells are the seed's rows as a curator would cut them into columns (wrapped lines joined
with ``tables.join_lines``); the expected values are what the curator would write. Where a
value took judgement, a comment says why.
"""

from __future__ import annotations

import pytest

from extract.lines import join_lines
from extract.model import Cell, ColumnMatch
from extract.repair import parse_study, repair_row
from extract.schema import load_schema

SCHEMA = load_schema()
COLUMNS = ["study", "year", "n", "treatment", "median_os_months", "os_3y_pct", "os_5y_pct",
           "notes"]  # fmt: skip
MATCHES = [ColumnMatch(i, name, name, 100.0) for i, name in enumerate(COLUMNS)]


def repair(*cells: str, source: str = "ocr:seed", confidence: float = 0.97):
    """The seed is an old OCR layer: its words are an engine's reading, not exact text."""
    cells_read = [Cell(c, 1, None, source, confidence) for c in cells]
    records = repair_row(cells_read, MATCHES, SCHEMA, "Table 1", 0)
    return records


def values(records, name):
    return [r.fields[name].value for r in records]


# (study cell, year, n, treatment, median OS, 3y, 5y) as read from the seed, and per arm
# the expected n, treatment, median OS, 3y, 5y. Each tuple of expectations is one per arm.
SEED_ROWS = [
    # Table 1: a lost decimal point in a 335-month median OS.
    (("Kiimler, 等[27]", "2015", "32", "RFA", "335", "48", "—"),
     [32], ["RFA"], [33.5], [48], [None]),
    # "=" for the em dash.
    (("Margonis, 等[30]", "2016", "131", "HR", "53", "75", "="),
     [131], ["HR"], [53], [75], [None]),
    (("Sadot, 等[34]", "2016", "69 vs. 98", "HR/RFA vs. ST", "50 vs. 45", "—", "38 vs. 39"),
     [69, 98], ["HR/RFA", "ST"], [50, 45], [None, None], [38, 39]),
    # "MW A/" wrapped onto "SBRT": one treatment, four modalities.
    (("Franzese, 等[41]", "2020", "72", join_lines(["HR/RFA/MW A/", "SBRT"]), "—", "—", "—"),
     [72], ["HR/RFA/MWA/SBRT"], [None], [None], [None]),
    # Lost decimals in 322 months and 493 %.
    (("Schullian, 等[43]", "2021", "42", "SRFA", "322", "493", "20.8"),
     [42], ["SRFA"], [32.2], [49.3], [20.8]),
    # The four-arm row wrapped over three lines, ws./0s. for vs., 264 for 26.4.
    (("Vogl, 等[44]", "2023", join_lines(["212ws.215ws.", "17 vs. 143"]),
      join_lines(["LITTws LITT+", "TACE vs. MWA vs.", "MWA+TACE"]),
      join_lines(["264 0s.25.2vs.", "67.2 vs. 28.8"]), join_lines(["37 vs. 34vs.", "89 vs. 38"]),
      join_lines(["22vs. 15vs.", "89 vs. 22"])),
     [212, 215, 17, 143], ["LITT", "LITT+TACE", "MWA", "MWA+TACE"], [26.4, 25.2, 67.2, 28.8],
     [37, 34, 89, 38], [22, 15, 89, 22]),
    # One n for a two-arm trial: repeated on both arms (and flagged shared_value).
    (("NCT02251353", "进行中", "300", join_lines(["HR/RFA/TACE/", "SBRT vs. ST"]), "—", "—", "—"),
     [300, 300], ["HR/RFA/TACE/SBRT", "ST"], [None, None], [None, None], [None, None]),
    # "/s" is the slash read twice, "us." is vs.: NRG-BR002 compares SBRT or surgery plus
    # standard therapy with standard therapy alone, so two arms, not three.
    (("NCT02364557", "进行中", "129", join_lines(["HR /s SBRT+", "ST us. ST"]), "—", "—", "—"),
     [129, 129], ["HR/SBRT+ST", "ST"], [None, None], [None, None], [None, None]),
    # Table 2: "1s." for vs., 223 % for 22.3.
    (("孙立等[64]", "2015", "9vs. 6", "RFA+CTX vs. HR+CTX", "33 1s. 23", "—", "223 vs. 0"),
     [9, 6], ["RFA+CTX", "HR+CTX"], [33, 23], [None, None], [22.3, 0]),
    (("Wang, 等[65]", "2017", "38vs.50", "RFA+TACEws. TACE", "15.6vs. 11.9", "—", "—"),
     [38, 50], ["RFA+TACE", "TACE"], [15.6, 11.9], [None, None], [None, None]),
    # "±" read as "+": 23.8±5.8 is a median of 23.8 with its spread.
    (("杨帆等[66]", "2017", "22", "RFA", "23.8+5.8", "—", "="),
     [22], ["RFA"], [23.8], [None], [None]),
    # 5454 and 444 have lost their points; the rightmost valid place gives 54.54 and 44.4
    # (judgement: the print may have been 54.5, which is why it is flagged). The 5-year cell
    # "204505 0" cannot be read at all: empty and flagged, never guessed.
    (("周静等[67]", "2017", "44vs.45", "RFA+CTX vs. HR+CTX", "—", "5454 vs. 444", "204505 0"),
     [44, 45], ["RFA+CTX", "HR+CTX"], [None, None], [54.54, 44.4], [None, None]),
    (("Cheung, 等[70]", "2019", "21", "HR", "=", "58.9", "58.9"),
     [21], ["HR"], [None], [58.9], [58.9]),
    (("郑凯等[71]", "2019", "39", "MW A/RFA", "—", "35.9", "—"),
     [39], ["MWA/RFA"], [None], [35.9], [None]),
    (("黄磊等[72]", "2019", "12us. 27", "HR vs. SBRT", "—", "—", "—"),
     [12, 27], ["HR", "SBRT"], [None, None], [None, None], [None, None]),
    # "530s.95": 53 vs. 95 with "vs." read as "0s.".
    (("Wen, 等[73]", "2020", "530s.95", "HR vs. ST", "—", "—", "—"),
     [53, 95], ["HR", "ST"], [None, None], [None, None], [None, None]),
    (("马超等[74]", "2020", "51", "HR", "—", "=", "="),
     [51], ["HR"], [None], [None], [None]),
    (("林峰等[75]", "2021", "570s.205", "HR/RFA+ST vs. ST", "19 vs. 11", "—", "—"),
     [57, 205], ["HR/RFA+ST", "ST"], [19, 11], [None, None], [None, None]),
    # "wvs." for vs. and two lost points (72.3 vs. 25.2 %).
    (("Chen, 等[76]", "2022", "89 ws. 1027", "HR vs. ST", "=", "723 wvs.252", "51.6vs. 16.9"),
     [89, 1027], ["HR", "ST"], [None, None], [72.3, 25.2], [51.6, 16.9]),
    # "14w0s 26": vs. without its dot.
    (("罗刚等[78]", "2022", "14w0s 26", "HR vs. SBRT", "=", "—", "="),
     [14, 26], ["HR", "SBRT"], [None, None], [None, None], [None, None]),
    # "ys." for vs.; a stop left apart between two figures is the separator's remains.
    (("Ruiz et al.[12]", "2015", "33 ys.70", "HR vs. RFA", "3 . 37", "—", "—"),
     [33, 70], ["HR", "RFA"], [3, 37], [None, None], [None, None]),
    # A coarse scan loses the thin v: "s." apart from the value before it.
    (("Okafor et al.[11]", "2008", "32 vs.67 s. 76", "TACE+SIRT s. MWA vs.TARE/ET",
      "NR s.9vs. -", "60 vs.52.1 s. —", "— vs. — s.15"),
     [32, 67, 76], ["TACE+SIRT", "MWA", "TARE/ET"], [None, 9, None], [60, 52.1, None],
     [None, None, 15]),
    (("NCT05303038", "进行中", "15", "CRA+ST", "=", "=", "="),
     [15], ["CRA+ST"], [None], [None], [None]),
]  # fmt: skip


@pytest.mark.parametrize("cells,n,treatment,mos,os3,os5", SEED_ROWS, ids=lambda x: str(x)[:24])
def test_seed_row(cells, n, treatment, mos, os3, os5):
    records = repair(*cells, "—")
    assert len(records) == len(n)
    assert values(records, "n") == n
    assert values(records, "treatment") == treatment
    assert values(records, "median_os_months") == mos
    assert values(records, "os_3y_pct") == os3
    assert values(records, "os_5y_pct") == os5
    for rec in records:
        assert rec.arms == len(n)


def test_restored_decimals_are_flagged_and_less_confident():
    (rec,) = repair("Schullian, 等[43]", "2021", "42", "SRFA", "322", "493", "20.8", "—")
    assert "decimal_restored" in rec.fields["median_os_months"].repairs
    assert "decimal_restored" in rec.fields["os_3y_pct"].flags
    assert rec.fields["median_os_months"].confidence < 0.9
    assert rec.fields["os_5y_pct"].confidence >= 0.9


def test_unreadable_cell_is_flagged_not_guessed():
    records = repair("周静等[67]", "2017", "44vs.45", "RFA+CTX vs. HR+CTX", "—", "5454 vs. 444",
                     "204505 0", "—")  # fmt: skip
    for rec in records:
        assert "unparseable" in rec.fields["os_5y_pct"].flags
        assert rec.fields["os_5y_pct"].confidence < 0.9


def test_a_count_printed_with_a_fraction_is_flagged_and_left_empty():
    # A column misread as n can hand it a survival figure: the record is still written.
    (rec,) = repair("Fendler, 等[45]", "1995", "50.8", "SIRT", "50.5", "—", "—", "—")
    assert rec.fields["n"].value is None and "not_integer" in rec.fields["n"].flags


def test_shared_value_is_repeated_and_flagged():
    records = repair("NCT04079049", "进行中", "200", "HR vs. ST", "—", "—", "—", "—")
    assert [r.fields["n"].value for r in records] == [200, 200]
    assert all("shared_value" in r.fields["n"].flags for r in records)
    assert all(r.fields["year"].value is None for r in records)


def test_known_names_side_by_side_in_a_treatment_cell_are_a_name_per_arm():
    # Each arm printed its own line; the treatment's two lines were taken for one wrapped
    # cell. No treatment prints as two names with no joiner: one per arm, and said so.
    records = repair("罗芳等[57]", "1995", "15 vs. 113", "ET TACE", "—", "17% vs. 7.9%", "—", "")
    assert [r.fields["treatment"].value for r in records] == ["ET", "TACE"]
    assert all("names_per_arm" in r.fields["treatment"].repairs for r in records)
    assert all(r.fields["treatment"].confidence < 0.9 for r in records)
    # a name unknown, a joiner, or a count other than the arms': the cell is shared
    for cell in ("ET Sorafenib", "ET+TACE", "ET TACE HR"):
        records = repair("Li[1]", "1995", "15 vs. 113", cell, "—", "—", "—", "")
        assert {r.fields["treatment"].value for r in records} == {cell}
    # the row's other cells one value each (a shared n centred beside the arms' lines):
    # the names are its arms, the n shared by them
    records = repair("Li[1]", "进行中", "282", "HI FU SBRT+SRFA", "—", "—", "—", "")
    assert [r.fields["treatment"].value for r in records] == ["HIFU", "SBRT+SRFA"]
    assert all("shared_value" in r.fields["n"].flags for r in records)


@pytest.mark.parametrize(
    ("cell", "names"),
    [("SRS LT+SIRT", ["SRS", "LT+SIRT"]), ("腹腔镜肝切除TARE", ["腹腔镜肝切除", "TARE"]),
     ("MWA射频消融", ["MWA", "射频消融"])],
)  # fmt: skip
def test_names_the_vocabulary_does_not_know_part_where_the_row_counts_as_many_arms(cell, names):
    # OCR lost the ``vs.`` between two arms' names (or took their lines for one cell): an
    # acronym or a run of hanzi is a name, and a name ends where hanzi meet Latin letters;
    # unknown names part only where the row's other cells count exactly as many arms.
    records = repair("Li[1]", "1995", "15 vs. 113", cell, "—", "17% vs. 7.9%", "—", "")
    assert [r.fields["treatment"].value for r in records] == names
    assert all("names_per_arm" in r.fields["treatment"].repairs for r in records)
    (shared,) = repair("Li[1]", "1995", "15", cell, "—", "17%", "—", "")
    assert shared.fields["treatment"].value == cell


def test_a_separator_read_inside_a_word_in_a_row_of_single_values_names_no_arms():
    # ``TKI/SBRT`` with its slash read V: ``VS`` glued between capitals reads as an undotted
    # vs., but every other cell of the row prints one value: one arm, its name kept whole.
    (rec,) = repair("Li[1]", "2003", "86", "TKIVSBRT", "17.2", "24.7", "—", "")
    assert rec.fields["treatment"].value == "TKIVSBRT"
    assert "separator_in_word" in rec.fields["treatment"].repairs
    # the row's other cells count two arms: the glued separator parts them
    records = repair("Li[1]", "2003", "86 vs. 40", "TKIVSBRT", "17.2", "24.7 vs. 30", "—", "")
    assert [r.fields["treatment"].value for r in records] == ["TKI", "BRT"]
    # a separator with room around it parts a row of single values (a shared n)
    records = repair("Li[1]", "2003", "86", "TKI vs. SBRT", "17.2", "24.7", "—", "")
    assert [r.fields["treatment"].value for r in records] == ["TKI", "SBRT"]


def test_missing_is_empty_never_zero():
    (rec,) = repair("Veltri, 等[20]", "2014", "45", "RFA", "—", "44", "–", "一")
    assert rec.fields["median_os_months"].value is None
    assert rec.fields["os_5y_pct"].value is None
    assert rec.fields["notes"].value is None
    assert "dash_to_missing" in rec.fields["median_os_months"].repairs


@pytest.mark.parametrize(
    "cell,study,ref,registry",
    [
        ("Sabol, 等[22]", "Sabol", 22, None),
        ("Vogl, et al.[47]", "Vogl", 47, None),
        ("Vogl et al. [47]", "Vogl", 47, None),
        ("Costa et al,[27]", "Costa", 27, None),  # a stop read as a comma on a scan
        ("刘晓东等[61]", "刘晓东", 61, None),
        ("Kümler, 等［27］", "Kümler", 27, None),
        ("NCT04079049", None, None, "NCT04079049"),
        ("ChiCTR2100041979", None, None, "ChiCTR2100041979"),
        ("ChiCTR2205158754:", None, None, "ChiCTR2205158754"),  # specks after it read as a colon
        ("Novak'et al.[65]", "Novak", 65, None),
        ("O'Brien, et al.[3]", "O'Brien", 3, None),
        ("Weinrich", "Weinrich", None, None),
    ],
)
def test_study_cell(cell, study, ref, registry):
    parsed = parse_study(cell)
    assert parsed["study"].value == study
    assert parsed["ref"].value == ref
    assert parsed["registry_id"].value == registry


@pytest.mark.parametrize("year", ["i#k47h", "AT"])  # the seed's OCR of 进行中 on trial rows
def test_unreadable_year_is_empty_and_flagged(year):
    records = repair("ChiCTR2100041979", year, "30", "TACE+ET vs. ET", "—", "—", "—", "—")
    assert [r.fields["registry_id"].value for r in records] == ["ChiCTR2100041979"] * 2
    for rec in records:
        assert rec.fields["year"].value is None
        assert "unparseable" in rec.fields["year"].flags


def test_exact_text_layer_names_are_never_rewritten_to_a_known_name():
    # WBRT (whole-brain radiotherapy) resembles the known SBRT; printed exactly, it stays.
    cells = ("Smith, et al.[3]", "2019", "40", "WBRT", "12", "—", "—", "—")
    assert values(repair(*cells, source="text_layer", confidence=1.0), "treatment") == ["WBRT"]
    # Read by an unsure engine it stays too: W and S are no glyphs an engine confuses.
    assert values(repair(*cells, source="ocr:rapidocr", confidence=0.7), "treatment") == ["WBRT"]
    # What an unsure engine made of a known name by confusing glyphs of like shape is undone.
    for read in ("LIIT", "LITI", "TAGE", "SIRI"):
        unsure = (*cells[:3], read, *cells[4:])
        assert values(repair(*unsure, source="ocr:rapidocr", confidence=0.7), "treatment") == [
            {"LIIT": "LITT", "LITI": "LITT", "TAGE": "TACE", "SIRI": "SIRT"}[read]
        ]


def test_a_row_with_no_value_gives_no_record_and_keeps_its_page():
    from extract.model import Table, TableRow
    from extract.pipeline import repair_tables

    table = Table("Table 1", "", [2], COLUMNS, [TableRow(2, [Cell("", 2, None)] * 8)])
    assert repair_tables([table], {"Table 1": MATCHES}, SCHEMA) == []
    table.rows[0].cells = [Cell("Smith", 2, None)] + [Cell("", 2, None)] * 7
    (rec,) = repair_tables([table], {"Table 1": MATCHES}, SCHEMA)
    assert rec.page == 2


@pytest.mark.parametrize(
    "cell,value",
    [("42 (27.2–58.9)", 42), ("9 [95% CI 7.4-10.9]", 9), ("54（范围12~80）", 54), ("未达到", None)],
)
def test_an_interval_after_a_value_is_not_the_value(cell, value):
    (rec,) = repair("Li, et al.[3]", "2019", "40", "RFA", cell, "—", "—", "—")
    assert rec.fields["median_os_months"].value == value


def test_an_interval_whose_closing_bracket_ocr_misread_is_still_not_the_value():
    (rec,) = repair("Li, et al.[3]", "2019", "40", "RFA", "72.0 [95% CI 64.7-80.11", "—", "—", "—")
    field = rec.fields["median_os_months"]
    assert field.value == 72.0
    assert "interval_unclosed" in field.repairs
    assert field.confidence < 0.9


@pytest.mark.parametrize(
    "cell,study,ref",
    [("Costa et al.13", "Costa", 13), ("He48", "He", 48), ("王建国等12", "王建国", 12),
     ("Kümler, et al.27", "Kümler", 27), ("Sabol, 等[22]", "Sabol", 22), ("Vogl", "Vogl", None)],
)  # fmt: skip
def test_a_superscript_citation_run_into_the_name_is_the_reference(cell, study, ref):
    parsed = parse_study(cell)
    assert (parsed["study"].value, parsed["ref"].value) == (study, ref)


@pytest.mark.parametrize(
    "n,treatment,arms",
    [("143Vs45 Vs37", "PEIVSLR+IRE VSCRA+ET", ["PEI", "LR+IRE", "CRA+ET"]),
     ("42Vs20", "TAEVS肝切除术", ["TAE", "肝切除术"]),
     ("13vs46 VS37", "SRSvsLRvS TARE", ["SRS", "LR", "TARE"])],
)  # fmt: skip
def test_an_undotted_vs_glued_to_its_arms_by_ocr_still_parts_them(n, treatment, arms):
    records = repair("Li, et al.[3]", "2019", n, treatment, "—", "—", "—", "—")
    assert values(records, "treatment") == arms


def test_capitals_around_vs_in_one_name_stay_one_name():
    (rec,) = repair("Li, et al.[3]", "2019", "40", "AVSD repair", "12", "—", "—", "—")
    assert rec.fields["treatment"].value == "AVSD repair"
