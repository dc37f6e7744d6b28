"""Text normalised where words enter: what it folds, and what it must leave as printed."""

import pytest

from extract.text import normalise


@pytest.mark.parametrize(
    "printed,read",
    [("⽣存", "生存"), ("⽇本", "日本"), ("⻩", "黄"), ("⻓期", "长期"), ("oﬀ", "off"),
     ("４５％", "45%"), ("ＨＲ＋ＴＡＣＥ", "HR+TACE"), ("１２．５", "12.5")],
)  # fmt: skip
def test_producer_encodings_fold_to_the_characters_they_stand_for(printed, read):
    assert normalise(printed) == read


@pytest.mark.parametrize("kept", ["肝切除，但多数", "（续）", "Sabol²", "①", "≤1", "Kümler", "—"])
def test_chinese_punctuation_superscripts_and_symbols_stay_as_printed(kept):
    assert normalise(kept) == kept


@pytest.mark.parametrize(
    "read,printed",
    [
        ("潘军鹏[22)", "潘军鹏[22]"),
        ("Gruber等【60]", "Gruber等[60]"),
        ("4 [95% CI 2.5-4.7】", "4 [95% CI 2.5-4.7]"),
        ("99.5 [95%CI 64.3-140.6)vs.12.3", "99.5 [95%CI 64.3-140.6]vs.12.3"),
        ("23.0 (16.0–30.6)", "23.0 (16.0–30.6)"),  # pairs already
        ("【注】", "【注】"),
        ("41.4-69.3)", "41.4-69.3)"),  # its opening went unread
    ],
)
def test_an_ocr_texts_square_brackets_pair_as_printed(read: str, printed: str) -> None:
    from extract.text import paired_brackets

    assert paired_brackets(read) == printed
