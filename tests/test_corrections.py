"""A curator's corrections: applied on every run, never lost, reported when they find nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
from conftest import PDFS, run_cli

from extract.confidence import calibration
from extract.corrections import COLUMNS


def _write(path: Path, rows: list[dict[str, str]]) -> bytes:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for row in rows:
            w.writerow({"note": "", "curator": "ana", "time": "2026-12-05T01:00", **row})
    return path.read_bytes()


def _fields(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "fields.csv", dtype=str, keep_default_na=False)


def test_corrections_survive_a_rerun_with_another_setting_applied_or_reported(tmp_path):
    # A scanned document, read at 300 dpi; a curator fixes three values and writes three
    # corrections that cannot apply; the file is read again at 200 dpi.
    pdf = PDFS / "intl-scan.pdf"
    out = tmp_path / "out"
    assert run_cli("run", pdf, "-o", out, "--dpi", "300").returncode == 0
    folder = out / "intl-scan"
    first = pd.read_csv(folder / "records.csv", dtype={"record_id": str})
    a, b = first["record_id"].iloc[0], first["record_id"].iloc[3]
    sha12 = a.split(":")[0]
    saved = _write(folder / "corrections.csv", [
        {"record_id": a, "field": "n", "value": "123", "note": "checked against the PDF"},
        {"record_id": b, "field": "treatment", "value": "RFA+TACE"},
        {"record_id": b, "field": "median_os_months", "value": ""},
        {"record_id": f"{sha12}:Table 9:0:1", "field": "n", "value": "5"},
        {"record_id": a, "field": "no_such_field", "value": "x"},
        {"record_id": a, "field": "year", "value": "twenty"},
    ])  # fmt: skip

    assert run_cli("run", pdf, "-o", out, "--dpi", "200").returncode == 0

    again = pd.read_csv(folder / "records.csv", dtype={"record_id": str}).set_index("record_id")
    # ids stand across the setting: every row the first reading found, the second found
    # under the same id (at 200 dpi a row may be read with an arm more)
    assert set(first["record_id"]) <= set(again.index)
    assert set(again["row"]) == set(first["row"])
    assert again.loc[a, "n"] == 123
    assert again.loc[b, "treatment"] == "RFA+TACE"
    assert pd.isna(again.loc[b, "median_os_months"])
    fields = _fields(folder).set_index(["record_id", "field"])
    for key in [(a, "n"), (b, "treatment"), (b, "median_os_months")]:
        assert fields.loc[key, "source"] == "curated"
        assert float(fields.loc[key, "confidence"]) == 1.0
    manifest = json.loads((folder / "run.json").read_text())
    assert manifest["corrections"]["applied"] == 3
    missed = manifest["corrections"]["not_applied"]
    assert sorted(m["field"] for m in missed) == ["n", "no_such_field", "year"]
    assert all(m["reason"] for m in missed)
    review = pd.read_csv(folder / "review.csv", dtype=str, keep_default_na=False)
    assert (review["check"] == "correction_not_applied").sum() == 3
    assert "Table 9" in set(review["table"])
    assert (folder / "corrections.csv").read_bytes() == saved  # a run never writes it


def test_a_corrected_value_takes_its_record_out_of_the_queue_unless_more_is_wrong(tmp_path):
    # Two records queued for their doubtful values (read by OCR on the scanned page): the
    # curator confirms every doubtful value of one, and a value of the other that was not
    # in doubt. The first leaves the queue; the second stays.
    pdf = PDFS / "intl-mixed.pdf"
    out = tmp_path / "out"
    assert run_cli("run", pdf, "-o", out).returncode == 0
    folder = out / "intl-mixed"
    records = pd.read_csv(folder / "records.csv", dtype={"record_id": str})
    hard = set(calibration()["review"]["flags"])
    for_doubt = records["flags"].fillna("").map(lambda f: not hard & set(f.split(";")))
    queued = records[records["needs_review"] & for_doubt]["record_id"].tolist()
    assert len(queued) >= 2
    fix, keep = queued[0], queued[1]
    fields = _fields(folder)
    fields["confidence"] = fields["confidence"].astype(float)
    at = calibration()["review"]["min_confidence"]
    doubtful = fields[(fields["record_id"] == fix) & (fields["confidence"] < at)]
    sure = fields[(fields["record_id"] == keep) & (fields["confidence"] >= at)].iloc[:1]
    assert len(doubtful) and len(sure)
    elsewhere = tmp_path / "mine.csv"  # a file of the curator's, named on the command line
    _write(elsewhere, [{"record_id": r.record_id, "field": r.field, "value": r.value}
                       for r in pd.concat([doubtful, sure]).itertuples()])  # fmt: skip
    assert run_cli("run", pdf, "-o", out, "--corrections", elsewhere).returncode == 0
    again = pd.read_csv(folder / "records.csv", dtype={"record_id": str}).set_index("record_id")
    assert not again.loc[fix, "needs_review"]
    assert again.loc[fix, "confidence"] > again.loc[keep, "confidence"]
    assert again.loc[keep, "needs_review"]
    manifest = json.loads((folder / "run.json").read_text())
    assert manifest["corrections"]["applied"] == len(doubtful) + 1


def test_corrections_of_another_file_are_not_this_ones(tmp_path):
    out = tmp_path / "out"
    _write(tmp_path / "other.csv", [{"record_id": "0123456789ab:Table 1:0:1", "field": "n",
                                     "value": "9"}])  # fmt: skip
    result = run_cli("run", PDFS / "intl-clean.pdf", "-o", out, "--corrections",
                     tmp_path / "other.csv")  # fmt: skip
    assert result.returncode == 0
    manifest = json.loads((out / "intl-clean" / "run.json").read_text())
    assert manifest["corrections"] == {"applied": 0, "not_applied": []}


def test_an_unreadable_corrections_file_is_bad_usage_named_before_any_work(tmp_path):
    bad = tmp_path / "fixes.csv"
    bad.write_text("id,what\n1,2\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("run", PDFS / "intl-clean.pdf", "-o", out, "--corrections", bad)
    assert result.returncode == 2
    assert str(bad) in result.stderr and "record_id" in result.stderr
    assert not out.exists()


def test_a_broken_corrections_file_in_a_documents_folder_fails_that_document_only(tmp_path):
    out = tmp_path / "out"
    assert run_cli("run", PDFS / "intl-clean.pdf", "-o", out).returncode == 0
    folder = out / "intl-clean"
    before = (folder / "records.csv").read_bytes()
    (folder / "corrections.csv").write_text("id;what\n", encoding="utf-8")
    result = run_cli("run", PDFS / "intl-clean.pdf", PDFS / "landscape-clean.pdf", "-o", out)
    assert result.returncode == 1
    assert str(folder / "corrections.csv") in result.stderr
    assert (folder / "records.csv").read_bytes() == before  # nothing already written is lost
    assert (folder / "corrections.csv").read_text(encoding="utf-8") == "id;what\n"
    assert (out / "landscape-clean" / "records.csv").exists()  # the rest of the batch goes on
