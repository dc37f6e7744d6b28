"""Sampled fixtures (fixtures/space): deterministic, covering every factor, renderable."""

import os
import shutil
import sys
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from conftest import FIXTURES, ROOT

sys.path.insert(0, str(FIXTURES))
from space import vocab  # noqa: E402
from space.build import build  # noqa: E402
from space.factors import FACTORS  # noqa: E402
from space.fonts import CJK, LATIN  # noqa: E402
from space.spec import factor_record, sample  # noqa: E402

SEEDS = range(60)


def snapshot(seed: int) -> tuple:
    spec = sample(seed)
    return factor_record(spec), [t.grid() for t in spec.tables], spec.records()


def test_sampling_is_deterministic():
    for seed in SEEDS:
        assert snapshot(seed) == snapshot(seed)
    assert snapshot(0) != snapshot(1)


def test_every_factor_value_occurs_in_seeds_0_to_59():
    specs = [sample(s) for s in SEEDS]
    for factor in FACTORS:
        seen = Counter(s.factors[factor.name] for s in specs)
        if factor.name == "turn":  # only scan_turned documents are turned
            seen = Counter(s.factors["turn"] for s in specs if s.factors["mode"] == "scan_turned")
        missing = [v for v in factor.values if v not in seen]
        assert not missing, f"{factor.name}: {missing} never sampled"


def test_held_out_header_wordings_are_outside_the_schema():
    schema = tomllib.loads((ROOT / "extract" / "data" / "clinical.toml").read_text("utf-8"))
    synonyms = {s for f in schema["field"] for s in f.get("synonyms", [])}
    for field, (zh, en) in vocab.HEADERS_HELD_OUT.items():
        assert not set(zh + en) & synonyms, field
    for field, (zh, en) in vocab.HEADERS_IN_SCHEMA.items():
        assert set(zh + en) <= synonyms, field


def test_truth_is_consistent_with_the_grid():
    for seed in SEEDS:
        spec = sample(seed)
        study = [t for t in spec.tables if t.kind == "study"]
        assert len(study) == 1 and 6 <= len(study[0].rows) <= 30
        for t in spec.tables:
            grid = t.grid()
            assert len(grid) == len(t.rows) + 1
            assert all(len(r) == len(t.columns) for r in grid)
        for rec in spec.records():
            assert rec["table"] == study[0].label
            assert bool(rec["study"]) != bool(rec["registry_id"])
            if rec["os_3y_pct"] and rec["os_5y_pct"]:
                assert float(rec["os_5y_pct"]) <= float(rec["os_3y_pct"])
            if rec["year"]:
                assert 1995 <= int(rec["year"]) <= 2024


def _missing_tools(spec) -> str:
    f = spec.factors
    if f["producer"] == "chromium" and not shutil.which("chromium"):
        return "chromium is not installed"
    for font in (CJK[f["cjk_font"]].path, LATIN[f["latin_font"]].path):
        if font and not os.path.exists(font):
            return f"font {font} is not installed"
    return ""


@pytest.mark.parametrize("producer", ["fpdf2", "reportlab", "chromium"])
def test_one_clean_document_per_producer(producer, tmp_path):
    restrict = {"producer": [producer], "mode": ["clean"]}
    spec = sample(0, restrict)
    if why := _missing_tools(spec):
        pytest.skip(why)
    pdf = build(0, tmp_path, restrict, log=False)
    assert pdf.name == "s0000-clean.pdf"
    truth = tmp_path / "truth" / "s0000"
    assert (truth / "records.csv").exists() and (truth / "factors.json").exists()
    first = next(r for r in spec.records() if r["study"] or r["registry_id"])
    with pdfplumber.open(pdf) as doc:
        assert 1 <= len(doc.pages) <= 3
        # chromium maps some CFF hanzi to Kangxi radicals, which NFKC folds back
        text = unicodedata.normalize("NFKC", "".join(p.extract_text() or "" for p in doc.pages))
    assert (first["study"] or first["registry_id"]) in text
    if producer != "chromium":  # chromium's bytes are checked by the CLI runs, not here
        again = build(0, tmp_path / "again", restrict, log=False)
        assert again.read_bytes() == pdf.read_bytes()


def test_list_prints_factors_without_rendering(tmp_path):
    import json
    import subprocess

    out = subprocess.run(
        [sys.executable, str(FIXTURES / "sample.py"), "--seeds", "3-4", "--list"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["seed"] for r in rows] == [3, 4]
    assert rows[0] == json.loads(json.dumps(factor_record(sample(3)), default=str))
    assert not list(Path(tmp_path).iterdir())
