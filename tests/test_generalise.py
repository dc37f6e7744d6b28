"""Documents sampled from the layout space that nobody fixed the code on (test seeds).

Seeds 1000-1059 are the layout space's test seeds: `bench/generalise.py` reports all of
them per factor; this test reads a few end to end, every engine real, and asserts floors.
Development happens on seeds below 1000.
"""

import sys

import pytest
from conftest import FIXTURES, run_cli

from extract.evaluate import by_factor, document_scores

sys.path.insert(0, str(FIXTURES))
from space.build import build  # noqa: E402

SEEDS = range(1000, 1006)
# Floors a little under what these seeds measured (see the closing note); raise them
# as the pipeline improves, never lower them to let a change through.
RECALL, PRECISION, NUMERIC, GRID = 0.99, 0.99, 0.99, 0.96  # measured 1.0 1.0 1.0 0.980


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    docs = tmp_path_factory.mktemp("sampled")
    for seed in SEEDS:
        build(seed, docs)
    out = tmp_path_factory.mktemp("out")
    proc = run_cli("run", docs / "pdf", "-o", out, timeout=1800)
    assert proc.returncode == 0, proc.stderr
    return document_scores(out, docs / "truth")


def test_sampled_documents_meet_the_floors(scores):
    s = scores[["truth_records", "records", "matched", "numeric_right", "numeric_total",
                "grid_right", "grid_total"]].sum()  # fmt: skip
    assert len(scores) == len(SEEDS)
    assert s["matched"] / s["truth_records"] >= RECALL
    assert s["matched"] / s["records"] >= PRECISION
    assert s["numeric_right"] / s["numeric_total"] >= NUMERIC
    assert s["grid_right"] / s["grid_total"] >= GRID


def test_every_producer_gives_records(scores):
    table = by_factor(scores)
    producers = table[table["factor"] == "producer"]
    assert (producers["recall"] > 0.5).all(), producers


def test_a_factor_on_a_scale_is_shown_in_ranges():
    # A scan's skew is drawn from ±1.5°: one row per drawn value would be one document's
    # accidents; its ranges tell whether skew hurts.
    import pandas as pd

    from extract.evaluate import COUNTS

    skews = [-1.4, -1.1, -0.9, -0.3, 0.0, 0.2, 0.4, 0.8, 1.2, 1.5, None]
    scores = pd.DataFrame([
        {"document": f"d{k}", "skew": s, "rules": "grid", **dict.fromkeys(COUNTS, 1)}
        for k, s in enumerate(skews)
    ])  # fmt: skip
    table = by_factor(scores)
    skew = table[table["factor"] == "skew"]
    assert list(skew["value"]) == ["-1.4 to -0.433", "-0.433 to 0.533", "0.533 to 1.5", "nan"]
    assert list(skew["documents"]) == [3, 4, 3, 1]
    assert list(table[table["factor"] == "rules"]["value"]) == ["grid"]


def test_numeric_fields_are_counted_by_the_kind_of_page_they_were_read_from(tmp_path):
    # A mixed document: page 1 typeset, page 2 scanned. The floors differ (99.5% on typeset
    # pages, 98% on scans), so each record's fields count where it was read.
    import json

    from extract.evaluate import document_scores

    truth, run = tmp_path / "truth" / "s0001", tmp_path / "out" / "s0001-mixed"
    truth.mkdir(parents=True)
    run.mkdir(parents=True)
    head = "table,row,arm,study,ref,year,n,median_os_months,os_3y_pct,os_5y_pct"
    (truth / "records.csv").write_text(
        f"{head}\nTable 1,0,1,Li,1,2001,20,10,30,10\nTable 1,1,1,Wu,2,2002,30,11,31,11\n"
        "Table 1,2,1,He,3,2003,40,12,32,12\n"
    )
    (run / "records.csv").write_text(
        f"{head},page\nTable 1,0,1,Li,1,2001,20,10,30,10,1\nTable 1,1,1,Wu,2,2002,30,99,31,11,2\n"
    )
    pages = [{"page": 1, "class": "good", "evidence": {"image_cover": 0.0}},
             {"page": 2, "class": "no_text", "evidence": {"image_cover": 1.0}}]  # fmt: skip
    (run / "run.json").write_text(json.dumps({"pages": pages}))
    (row,) = document_scores(tmp_path / "out", tmp_path / "truth").to_dict("records")
    assert (row["numeric_vector_right"], row["numeric_vector_total"]) == (6, 12)  # He missed
    assert (row["numeric_scan_right"], row["numeric_scan_total"]) == (5, 6)
