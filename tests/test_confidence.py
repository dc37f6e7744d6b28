"""The confidence stage: evidence around a value, a fitted model, and what goes to review."""

from __future__ import annotations

from extract.confidence import calibration, evidence, needs_review, probability, score
from extract.model import Field, Record
from extract.schema import load_schema

SCHEMA = load_schema()


def _table(os3: list[float | None], flags: list[list[str]] | None = None) -> list[Record]:
    """A table of one-arm rows: year, n and 3-year OS, read by OCR."""
    flags = flags or [[] for _ in os3]
    return [
        Record(
            "Table 1",
            i,
            1,
            1,
            1,
            {
                "year": Field("year", 2001 + i, str(2001 + i), 0.97, 1, None, "ocr:rapidocr"),
                "n": Field("n", 40 + i, str(40 + i), 0.97, 1, None, "ocr:rapidocr"),
                "os_3y_pct": Field(
                    "os_3y_pct", v, str(v), 0.97, 1, None, "ocr:rapidocr", flags=list(f)
                ),
            },
        )  # fmt: skip
        for i, (v, f) in enumerate(zip(os3, flags, strict=True))
    ]


def _os3(records: list[Record], row: int) -> dict[str, float]:
    return next(e for rec, f, e in evidence(records, SCHEMA)
                if rec.row == row and f.name == "os_3y_pct")  # fmt: skip


def test_a_value_whose_column_fails_its_checks_is_doubted():
    # The same 3-year OS, read as surely, in a column whose other values are rates and in one
    # whose other values are out of range (a column given the wrong field, or cut wrongly).
    sound = _table([41.0, 52.0, 38.0, 45.0])
    broken = _table([41.0, 520.0, 380.0, 450.0], [[], ["out_of_range"]] + [["out_of_range"]] * 2)
    calm, doubt = _os3(sound, 0), _os3(broken, 0)
    assert calm["column_doubt"] == 0 and doubt["column_doubt"] == 0.75
    assert calm["prior"] == doubt["prior"]
    assert probability(doubt) < probability(calm)


def test_a_value_whose_row_is_doubtful_is_never_surer_for_it():
    # Its row's other values failed their checks: the row was read wrongly, perhaps all of
    # it. The fit weighs that as the development documents bore it out, but never for it.
    sound = _table([41.0, 52.0])
    broken = _table([41.0, 52.0])
    for f in ("year", "n"):
        broken[0].fields[f].flags.append("out_of_range")
    calm, doubt = _os3(sound, 0), _os3(broken, 0)
    assert calm["row_doubt"] == 0 and doubt["row_doubt"] == 1
    assert probability(doubt) <= probability(calm)


def test_evidence_against_a_value_is_never_weighed_for_it():
    weights = calibration()["model"]["weights"]
    assert weights["prior"] > 0
    for name in ("header_gap", "invalid", "shared", "row_doubt", "column_doubt", "arms_differ"):
        assert weights[name] <= 0, name


def test_a_failed_check_lowers_confidence_and_goes_to_review():
    records = _table([41.0, 140.0], [[], ["out_of_range"]])
    for rec in records:
        rec.flags = sorted({g for f in rec.fields.values() for g in f.flags})
    score(records, SCHEMA)
    good, bad = (r.fields["os_3y_pct"].confidence for r in records)
    assert bad < good
    assert needs_review(records[1])


def test_a_surer_reading_is_never_less_likely_right():
    # The model may weigh evidence as it was fitted, but the reader's own estimate counts
    # for, never against, a value.
    assert calibration()["model"]["weights"]["prior"] > 0
    records = _table([41.0])
    (_, _, features) = next(e for e in evidence(records, SCHEMA) if e[1].name == "os_3y_pct")
    weaker = dict(features, prior=features["prior"] - 2)
    assert probability(weaker) < probability(features)


def test_curated_values_stay_certain_and_give_no_evidence():
    records = _table([41.0])
    records[0].fields["n"] = Field("n", 44, "4A", 1.0, 1, None, "curated")
    rows = score(records, SCHEMA)
    assert records[0].fields["n"].confidence == 1.0
    assert {r["field"] for r in rows} == {"year", "os_3y_pct"}


def test_every_piece_of_evidence_the_model_weighs_has_words_for_review():
    # review.csv names what lowered a value's confidence; a feature the model weighs but no
    # phrase names would lower it silently.
    from extract.repair import confidence_table

    said = confidence_table()["doubt"]
    assert set(calibration()["model"]["weights"]) <= set(said)
    records = _table([41.0])
    features = evidence(records, SCHEMA)[0][2]
    assert set(calibration()["model"]["weights"]) <= set(features)
