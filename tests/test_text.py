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
