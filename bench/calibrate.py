"""Measure what an OCR engine's score means: the share of values right per score band.

    python bench/calibrate.py [--engine rapidocr]

Runs the pipeline with the engine on every fixture PDF that has pages needing OCR, with the
engine's calibration switched off, and compares each value with ``fixtures/truth``. Prints,
for numeric and text fields, how many values read by OCR fell in each band of the engine's
score and how many of them were right. ``[calibration.<engine>]`` in
``extract/data/confidence.toml`` is set from this table. Only values whose repairs and flags
cost no confidence are counted, so that the score is the engine's alone.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from extract.config import Config
from extract.evaluate import _read, same, truth_doc
from extract.pipeline import run
from extract.repair import confidence_table

ROOT = Path(__file__).resolve().parent.parent
BANDS = [0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 1.01]


def values(engine: str) -> pd.DataFrame:
    table = confidence_table()
    table["calibration"] = {}  # cached: the pipeline now sees raw engine scores
    free = {k for k, v in table["repair"].items() if v == 1.0}
    docs = [p.name for p in (ROOT / "fixtures" / "truth").iterdir()]
    rows = []
    for pdf in sorted((ROOT / "fixtures" / "pdf").glob("*.pdf")):
        found = truth_doc(pdf.stem, docs)
        if found is None or pdf.stem.endswith("-clean"):
            continue
        result = run(pdf, Config(engine=engine))
        truth = _read(ROOT / "fixtures" / "truth" / found[0] / "records.csv")
        keyed = {(t, int(r), int(a)): row for t, r, a, row in
                 zip(truth["table"], truth["row"], truth["arm"], truth.to_dict("records"),
                     strict=True)}  # fmt: skip
        recs = result.records.set_index("record_id")
        numeric = {f.name for f in result.schema.fields if f.numeric}
        for f in result.fields.to_dict("records"):
            rec = recs.loc[f["record_id"]]
            want = keyed.get((rec["table"], int(rec["row"]), int(rec["arm"])))
            repairs = [r for r in str(f["repairs"] or "").split(";") if r]
            if want is None or not str(f["source"]).startswith("ocr:") or f["field"] not in want:
                continue
            if any(r not in free for r in repairs) or str(rec["flags"] or "") not in ("", "nan"):
                continue
            is_number = f["field"] in numeric
            rows.append({"kind": "numeric" if is_number else "text",
                         "score": float(f["confidence"]) / table["read"],
                         "right": same(want[f["field"]], f["value"], is_number)})  # fmt: skip
    return pd.DataFrame(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--engine", default="rapidocr")
    args = ap.parse_args()
    df = values(args.engine)
    df["band"] = pd.cut(df["score"], BANDS, right=False)
    table = df.groupby(["kind", "band"], observed=True)["right"].agg(["count", "mean"])
    print(f"{args.engine}: values read by OCR, by the engine's score")
    print(table.rename(columns={"count": "values", "mean": "right"}).to_string())


if __name__ == "__main__":
    main()
