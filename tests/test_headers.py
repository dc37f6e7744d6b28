"""Header matching on wordings the fixtures do not print."""

import pytest

from extract.headers import match_columns
from extract.schema import load_schema

SCHEMA = load_schema()


@pytest.mark.parametrize(
    "header,field",
    [
        ("第一作者", "study"),
        ("First author", "study"),
        ("发表年份", "year"),
        ("Year of publication", "year"),
        ("病例数(n)", "n"),
        ("No. of patients", "n"),
        ("干预措施 Intervention", "treatment"),
        ("中位总生存时间(月)", "median_os_months"),
        ("Median overall survival (months)", "median_os_months"),
        ("3年总生存率(%)", "os_3y_pct"),
        ("3-yr OS rate", "os_3y_pct"),
        ("5年生存率/%", "os_5y_pct"),
        ("5-year survival (%)", "os_5y_pct"),
        ("Remarks", "notes"),
        ("国家/地区", "country"),
        ("纳入研究Trial/Author", "study"),  # alternatives, one of them a known word
        ("Trial/Author", "study"),
    ],
)
def test_unseen_wording_matches_its_field(header, field):
    (match,) = match_columns([header], SCHEMA)
    assert match.field == field, match


def test_three_and_five_year_never_swap():
    matches = match_columns(["5年OS率(%)", "3年OS率(%)"], SCHEMA)
    assert [m.field for m in matches] == ["os_5y_pct", "os_3y_pct"]


def test_column_outside_the_schema_is_kept_unmatched():
    matches = match_columns(["作者", "随访时间(月) Follow-up (mo)", "年份"], SCHEMA)
    assert [m.field for m in matches] == ["study", None, "year"]


def test_a_remarks_column_headed_in_unknown_words_is_notes_by_what_it_holds():
    header = ["作者 Author", "年份 Year", "例数 n", "预后因素 Prognostic factors"]
    cells = [["Sabol", "Veltri"], ["2014", "2015"], ["15", "45"],
             ["肝外转移和激素受体状态影响生存", "Solitary metastasis, R0 resection"]]  # fmt: skip
    fields = [m.field for m in match_columns(header, SCHEMA, cells)]
    assert fields == ["study", "year", "n", "notes"]


def test_a_year_header_over_cells_that_are_no_years_matches_nothing():
    header = ["机构 Agency", "年份 Year", "评级 Rating"]
    cells = [["Moody's", "S&P"], ["AAA", "AA+"], ["stable", "negative"]]
    assert [m.field for m in match_columns(header, SCHEMA, cells)][1] is None


@pytest.mark.parametrize(
    "header,field",
    [("三年OS OS at 3 yr (%)", "os_3y_pct"), ("五年生存率", "os_5y_pct"),
     ("中位生存期( 月 ) Median OS (mo)", "median_os_months")],
)  # fmt: skip
def test_years_in_hanzi_and_bilingual_headers_without_a_clear_split(header, field):
    assert match_columns([header], SCHEMA)[0].field == field


def test_columns_in_unknown_words_are_matched_by_the_unit_they_name_and_what_they_hold():
    header = ["Reference", "Setting", "Publication year", "No.", "1-year OS (%)", "Treatment",
              "mOS (months)", "5-yr survival"]  # fmt: skip
    cells = [["Li[1]", "Wu[2]"], ["single", "multi"], ["2001", "2003"], ["45", "12 vs. 30"],
             ["90", "80"], ["RFA", "HR"], ["23.5", "NR"], ["20", "—"]]  # fmt: skip
    fields = [m.field for m in match_columns(header, SCHEMA, cells)]
    assert fields == ["study", None, "year", "n", None, "treatment", "median_os_months",
                      "os_5y_pct"]  # fmt: skip


@pytest.mark.parametrize("age", ["中位年龄(岁)", "Median age (y)", "Age, years"])
def test_a_column_of_whole_numbers_whose_header_names_years_is_no_count(age):
    header = ["纳入研究", age, "国家/地区", "年份", "治疗方法", "中位总生存期"]
    cells = [["Gruber 等[52]", "Li 等[53]"], ["48", "67"], ["Denmark", "Italy"], ["1996", "2001"],
             ["MWA", "RFA"], ["26.8", "33.1"]]  # fmt: skip
    fields = [m.field for m in match_columns(header, SCHEMA, cells)]
    assert fields == ["study", None, "country", "year", "treatment", "median_os_months"]


def test_short_words_two_edits_apart_are_other_words_and_treatments_are_known_by_their_names():
    header = ["Author", "Regimen", "Country", "n"]
    cells = [["Li[1]", "Wu[2]"], ["RFA", "HR+TACE vs. ST"], ["Italy", "China"], ["40", "52"]]
    assert [m.field for m in match_columns(header, SCHEMA, cells)] == [
        "study",
        "treatment",
        "country",
        "n",
    ]


@pytest.mark.parametrize(
    "header,cells",
    [
        (["年份 Year", "信用评级 Rating", "展望 Outlook"],
         [["2012", "2013"], ["AA+", "AAA"], ["稳定", "正面"]]),
        (["不良反应 Adverse event", "1~2级 Grade 1-2", "3~4级 Grade 3-4"],
         [["发热 Fever", "感染 Infection"], ["12", "3"], ["1", "0"]]),
        (["特征 Characteristic", "n (%)"], [["年龄≥60岁", "男性"], ["45 (30.2)", "80 (53.7)"]]),
    ],
)  # fmt: skip
def test_tables_that_are_not_study_tables_give_no_records(header, cells):
    from extract.headers import is_study_table

    assert not is_study_table(match_columns(header, SCHEMA, cells), SCHEMA)


def test_a_study_table_identifies_studies_and_measures_them():
    from extract.headers import is_study_table

    header = ["作者 Author", "年份 Year", "例数 n", "中位OS(月) Median OS (mo)"]
    cells = [["Sabol, 等[22]"], ["2014"], ["15"], ["53"]]
    assert is_study_table(match_columns(header, SCHEMA, cells), SCHEMA)


def test_a_rate_column_in_unknown_words_is_told_by_the_years_its_header_names():
    header = ["作者", "5年存活率", "3年存活率", "Follow-up 5 yr"]
    cells = [["Li 等[1]", "Wu 等[2]"], ["17%", "30"], ["40", "—"], ["60", "48"]]
    fields = [m.field for m in match_columns(header, SCHEMA, cells)]
    assert fields == ["study", "os_5y_pct", "os_3y_pct", None]


def test_a_country_column_in_unknown_words_is_told_by_the_names_it_holds():
    header = ["作者", "研究地点 Setting", "年份", "备注"]
    cells = [["Li 等[1]", "Wu 等[2]", "Xu 等[3]"], ["西班牙", "韩国", "UK"],
             ["2001", "2002", "2003"], ["单中心", "—", "多中心"]]  # fmt: skip
    fields = [m.field for m in match_columns(header, SCHEMA, cells)]
    assert fields[:3] == ["study", "country", "year"]


def test_a_rate_column_of_multi_arm_cells_with_dashes_holds_numbers():
    # Survival columns of a table whose arms often print a dash: ``— vs. 9.8`` holds one
    # figure, ``— vs. —`` none. Judged whole, such cells are no numbers and the column,
    # headed in words the schema does not know, matched nothing.
    header = ["研究者", "患者数", "5年存活率"]
    cells = [["Li 等[1]", "Wu 等[2]", "Xu 等[3]", "Ma 等[4]"],
             ["45", "12 vs. 30", "— vs. 57", "80"],
             ["— vs. 9.8", "—vs.—", "31.2 vs. 60.6", "— vs. — vs. 43.0"]]  # fmt: skip
    fields = [m.field for m in match_columns(header, SCHEMA, cells)]
    assert fields == ["study", "n", "os_5y_pct"]


@pytest.mark.parametrize(
    "header,cells,field",
    [
        # A known word qualified by words the schema has never seen names its field...
        ("纳入研究 Series", ["Okafor", "Pieper", "田昊", "Wu"], "study"),
        ("Included studies", ["Okafor", "Pieper", "Tan", "Wu"], "study"),
        ("研究结论", ["肝外转移影响生存，预后较差", "Solitary metastasis, R0 resection"], "notes"),
        # ...when the cells hold what the field holds: a place in a tumour is no country,
        # a name printed on every row identifies no study.
        ("Tumour location", ["Right lobe", "Left lobe", "Right lobe", "Bilobar"], None),
        ("纳入研究", ["RCT", "RCT", "回顾性", "回顾性"], None),
        # The word that qualifies names nothing: a study's place, a study's design.
        ("研究地点", ["上海", "北京", "广州", "杭州"], None),
        ("Study design", ["RCT", "Cohort", "Case series", "Registry"], None),
    ],
)
def test_a_header_names_what_its_last_word_names(header, cells, field):
    # Chinese and English noun phrases end in the word they name (before an ``of``).
    first = ["Li 等[1]", "Wu 等[2]", "Xu 等[3]", "Ma 等[4]"]
    head = ["作者", header] if field != "study" else ["年份", header]
    col0 = first if field != "study" else ["2001", "2002", "2003", "2004"]
    cells = [col0, cells[:4] if len(cells) >= 4 else cells + cells[: 4 - len(cells)]]
    fields = [m.field for m in match_columns(head, SCHEMA, cells)]
    assert fields[1] == field


def test_a_column_of_a_few_repeated_values_is_no_remarks():
    # A column whose header names no field is given notes when it holds free text; a study
    # design column (Retrospective, Prospective, RCT on every row) holds categories.
    studies = [f"{name}[{k}]" for k, name in enumerate(["Li", "Wu", "Xu", "Ma", "He", "Lu"])]
    design = ["Retrospective", "Retrospective", "RCT", "Retrospective", "Retrospective", "RCT"]
    remarks = ["No 30-day mortality", "Retrospective study", "Single-centre experience",
               "Most patients had extrahepatic disease", "Salvage therapy", "—"]  # fmt: skip
    head = ["Study", "Design"]
    assert [m.field for m in match_columns(head, SCHEMA, [studies, design])] == ["study", None]
    assert [m.field for m in match_columns(head, SCHEMA, [studies, remarks])] == ["study", "notes"]


def test_the_one_column_of_words_no_header_names_is_notes_though_its_remarks_are_short():
    # ``评价`` over remarks mostly a word or two (可行性研究, 回顾性研究): too few are long to
    # tell free text from a column of names, but the table has no other column of words
    # whose header named nothing. Beside another such column (a tumour site), it stays open.
    header = ["研究者（年份）", "1年OS率（%)", "例数", "评价"]
    studies = ["黄晓等[38]", "王建国等[40]", "李明等[41]", "张帆等[42]", "Kaur等[43]", "Sun等[44]"]
    rates = ["92.4", "88.0", "75.5", "90.1", "81.3", "70.0"]
    n = ["21", "35", "40", "18", "52", "33"]
    remarks = ["可行性研究", "非TNBC患者", "回顾性研究", "-", "三阴性患者DFS较短",
               "局部复发率低，前瞻性随机对照研究"]  # fmt: skip
    cells = [studies, rates, n, remarks]
    assert [m.field for m in match_columns(header, SCHEMA, cells)][3] == "notes"
    sites = ["肝右叶", "肝左叶", "肝右叶", "多发", "肝左叶", "肝右叶尾状叶"]
    fields = [m.field for m in match_columns([*header, "部位"], SCHEMA, [*cells, sites])]
    assert fields[3] is None and fields[4] is None
