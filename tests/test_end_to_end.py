"""The CLI on every fixture PDF plus broken inputs, in one batch, as a curator runs it.

This batch runs with ``--engine none``: it checks the text-layer path, the contract and bad
inputs on every fixture quickly. OCR end to end is ``test_ocr.py``.
"""

from __future__ import annotations

import json

import pandas as pd
import pikepdf
import pytest
from conftest import FIXTURES, GARBAGE_MODES, PDFS, fixture_pdfs, run_cli

from extract.evaluate import evaluate

BAD = {
    "not-a-pdf.pdf": "not a PDF",
    "empty.pdf": "empty file",
    "truncated.pdf": "damaged or truncated",
    "encrypted.pdf": "encrypted",
    "no-pages.pdf": "no pages",
}


def make_bad_inputs(folder):
    (folder / "not-a-pdf.pdf").write_text("this is a text file\n")
    (folder / "empty.pdf").write_bytes(b"")
    data = (PDFS / "domestic-clean.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    with pikepdf.open(PDFS / "domestic-clean.pdf") as pdf:
        pdf.save(folder / "encrypted.pdf", encryption=pikepdf.Encryption(owner="o", user="u"))
    with pikepdf.new() as pdf:
        pdf.save(folder / "no-pages.pdf")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    bad = tmp_path_factory.mktemp("bad")
    make_bad_inputs(bad)
    out = tmp_path_factory.mktemp("out")
    proc = run_cli("run", PDFS, bad, "-o", out, "--engine", "none", timeout=900)
    return proc, out


def test_exit_status_is_1_and_each_bad_file_gets_one_line(batch):
    proc, out = batch
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(BAD)
    for name, cause in BAD.items():
        (line,) = [e for e in errors if name in e]
        assert cause in line
        manifest = json.loads((out / name.removesuffix(".pdf") / "run.json").read_text())
        assert manifest["status"] == "failed" and cause in manifest["error"]


def test_every_good_document_completes_with_the_contract_files(batch):
    _, out = batch
    for pdf in fixture_pdfs():
        folder = out / pdf.stem
        for name in ("records.csv", "records.parquet", "fields.csv", "review.csv",
                     "report.html", "run.json"):  # fmt: skip
            assert (folder / name).exists(), folder / name
        manifest = json.loads((folder / "run.json").read_text())
        assert manifest["status"] == "ok"
        for key in ("tool_version", "contract_version", "source", "sha256", "pages_total",
                    "schema", "pages", "tables", "unmatched", "timings"):  # fmt: skip
            assert key in manifest


def test_no_record_is_read_from_a_garbage_layer(batch):
    _, out = batch
    for pdf in fixture_pdfs(GARBAGE_MODES):
        folder = out / pdf.stem
        assert len(pd.read_csv(folder / "records.csv")) == 0
        pages = json.loads((folder / "run.json").read_text())["pages"]
        assert all(p["text_source"] == "none" and p["reason"] == "ocr_disabled" for p in pages)


def test_a_mixed_document_is_read_page_by_page(batch):
    _, out = batch
    pages = json.loads((out / "intl-mixed" / "run.json").read_text())["pages"]
    assert [p["text_source"] for p in pages] == ["text_layer", "none"]
    records = pd.read_csv(out / "intl-mixed" / "records.csv")
    assert set(records["page"]) == {1} and len(records) > 10


def test_clean_mode_meets_the_accuracy_floors(batch):
    _, out = batch
    clean = evaluate(out, FIXTURES / "truth")["clean"]
    assert clean["record_recall"] >= 0.99 and clean["record_precision"] >= 0.99
    acc = clean["field_accuracy"]
    for f in ("year", "n", "median_os_months", "os_3y_pct", "os_5y_pct"):
        assert acc[f] >= 0.995, f
    for f in ("study", "treatment", "registry_id"):
        assert acc[f] >= 0.99, f
    assert clean["notes_cer"] <= 0.02
    assert clean["grid_cells"] >= 0.98
    assert clean["confident_accuracy"] >= 0.9


def test_records_follow_the_contract(batch):
    _, out = batch
    records = pd.read_csv(out / "intl-clean" / "records.csv")
    assert list(records.columns[:7]) == ["record_id", "source", "page", "table", "row", "arm",
                                         "arms"]  # fmt: skip
    assert list(records.columns[-3:]) == ["confidence", "needs_review", "flags"]
    vogl = records[records["study"] == "Vogl"]
    assert list(vogl["arm"]) == [1, 2, 3, 4] and set(vogl["arms"]) == {4}
    assert records["record_id"].is_unique
    sadot = records[records["study"] == "Sadot"]
    assert sadot["os_3y_pct"].isna().all()  # printed "—": empty, never 0
    parquet = pd.read_parquet(out / "intl-clean" / "records.parquet")
    assert len(parquet) == len(records)
    grid = pd.read_csv(out / "intl-clean" / "tables" / "Table 1.csv")
    assert len(grid) == 29  # the continuation page joined, its repeated header dropped


def test_record_ids_are_stable_across_runs(batch, tmp_path):
    _, out = batch
    run_cli("run", PDFS / "intl-clean.pdf", "-o", tmp_path, check=True)
    again = pd.read_csv(tmp_path / "intl-clean" / "records.csv")["record_id"]
    first = pd.read_csv(out / "intl-clean" / "records.csv")["record_id"]
    assert list(again) == list(first)


def test_eval_cli_prints_a_table(batch):
    _, out = batch
    proc = run_cli("eval", out, "--truth", FIXTURES / "truth", check=True)
    assert "recall" in proc.stdout and "clean" in proc.stdout
    assert "calibration error" in proc.stdout and "caught" in proc.stdout


def test_reliability_bands_and_calibration_error():
    from extract.evaluate import reliability

    rows, ece = reliability([(0.95, True), (0.96, False), (0.6, True)])
    assert [(r["band"], r["values"]) for r in rows] == [("0.50-0.70", 1), ("0.95-0.99", 2)]
    assert rows[1]["observed"] == 0.5
    assert ece == pytest.approx(1 / 3 * 0.4 + 2 / 3 * 0.455, abs=1e-4)


def test_eval_says_how_many_wrong_records_the_queue_holds(tmp_path):
    # Three records: one right and unflagged, one with a wrong n and flagged, one with a
    # wrong year and not flagged; and a record the truth does not have, flagged.
    truth, out = tmp_path / "truth", tmp_path / "out"
    (truth / "d").mkdir(parents=True)
    (out / "d-clean").mkdir(parents=True)
    head = "table,row,arm,year,n"
    (truth / "d" / "records.csv").write_text(
        f"{head}\nTable 1,0,1,2001,10\nTable 1,1,1,2002,20\nTable 1,2,1,2003,30\n"
    )
    (out / "d-clean" / "records.csv").write_text(
        f"record_id,{head},confidence,needs_review,flags\n"
        "x:1,Table 1,0,1,2001,10,1.0,False,\nx:2,Table 1,1,1,2002,21,0.5,True,\n"
        "x:3,Table 1,2,1,1999,30,0.95,False,\nx:4,Table 1,3,1,2004,40,0.4,True,\n"
    )
    (out / "d-clean" / "fields.csv").write_text(
        "record_id,field,value,confidence\nx:1,n,10,1.0\nx:2,n,21,0.5\nx:3,year,1999,0.95\n"
    )
    (out / "d-clean" / "run.json").write_text("{}")
    scores = evaluate(out, truth)["clean"]
    assert scores["flagged_share"] == 0.5
    assert scores["wrong_records"] == 3
    assert scores["wrong_caught"] == pytest.approx(2 / 3, abs=1e-3)
    assert scores["calibration_error"] is not None


@pytest.mark.parametrize("args", [[], ["run", "--help"], ["eval", "--help"], ["--help"]])
def test_help_has_an_example(args):
    proc = run_cli(*args)
    text = proc.stdout + proc.stderr
    assert "Example" in text or "Usage" in text


def test_bad_usage_exits_2(tmp_path):
    proc = run_cli("run", tmp_path, "-o", tmp_path / "o")
    assert proc.returncode == 2 and "no PDF" in proc.stderr
