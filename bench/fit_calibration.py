"""Fit the confidence model and the review threshold on development seeds.

    python fixtures/sample.py --seeds 300-359 --out /tmp/fit
    python bench/fit_calibration.py /tmp/fit [--evidence /tmp/fit/evidence.csv] [--write]

Runs the pipeline on every sampled PDF (``DIR/pdf``), keeps the evidence behind each value
(``extract/confidence.py``) and whether the value is right against ``DIR/truth``, and fits
a logistic model of rightness on that evidence. The review threshold is the lowest record
confidence under which the queue holds ``--catch`` of the records with a wrong value. Prints
what the model and the queue are worth on those documents; ``--write`` writes them to
``extract/data/calibration.toml``. Fit on development seeds only (below 1000): the test
seeds are where ``bench/generalise.py`` checks the fit.
"""

from __future__ import annotations

import argparse
import datetime
import math
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from extract.confidence import calibration
from extract.evaluate import KEY, _read, reliability, same, truth_doc
from extract.schema import load_schema

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "extract" / "data" / "calibration.toml"
FEATURES = ["prior", "ocr", "ocr_text", "ocr_long_text", "header_gap", "missing", "numeric",
            "invalid", "shared", "row_doubt", "column_doubt", "arms_differ", "second_agrees",
            "second_differs", "long_text_agreed", "long_text_unread"]  # fmt: skip
# Evidence that by its meaning speaks only for (+1) or only against (-1) a value: a fit that
# weighs it the other way has learnt an accident of its documents, and leaves it out.
SIGNS = {"prior": 1, "header_gap": -1, "invalid": -1, "shared": -1, "row_doubt": -1,
         "column_doubt": -1, "arms_differ": -1, "second_agrees": 1,
         "second_differs": -1, "long_text_agreed": 1, "long_text_unread": -1}  # fmt: skip


def _evidence_of(pdf: Path) -> list[dict]:
    from extract.pipeline import run  # in the worker

    try:
        result = run(pdf)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the fit
        print(f"{pdf.name}: {exc}", file=sys.stderr)
        return []
    rows = []
    values = {(r["table"], r["row"], r["arm"], r["field"]): r for r in result.evidence}
    for rec in result.records.itertuples(index=False):
        for name in result.schema.names:
            key = (rec.table, rec.row, rec.arm, name)
            if key in values:
                value = getattr(rec, name)
                rows.append({"document": pdf.stem, **values[key],
                             "value": None if pd.isna(value) else value})  # fmt: skip
    print(f"{pdf.name}: {len(rows)} values", file=sys.stderr, flush=True)
    return rows


def gather(sample: Path, workers: int) -> pd.DataFrame:
    pdfs = sorted((sample / "pdf").glob("*.pdf"))
    with ProcessPoolExecutor(workers) as pool:
        rows = [r for doc in pool.map(_evidence_of, pdfs) for r in doc]
    return pd.DataFrame(rows)


def grade(evidence: pd.DataFrame, truth: Path) -> pd.DataFrame:
    """Each value right or wrong against the truth; a record the truth lacks is all wrong."""
    numeric = {f.name for f in load_schema().fields if f.numeric}
    docs = [p.name for p in truth.iterdir() if (p / "records.csv").exists()]
    right = []
    cache: dict[str, dict[tuple[str, str, str], dict]] = {}
    for doc, table, row, arm, name, value in evidence[
        ["document", "table", "row", "arm", "field", "value"]
    ].itertuples(index=False):
        found = truth_doc(doc, docs)
        if found is None:
            right.append(np.nan)
            continue
        if found[0] not in cache:
            t = _read(truth / found[0] / "records.csv")
            cache[found[0]] = {tuple(k): r for k, r in zip(t[KEY].values, t.to_dict("records"),
                                                            strict=True)}  # fmt: skip
        record = cache[found[0]].get((str(table), str(row), str(arm)))
        if record is None:
            right.append(0.0)
        else:
            right.append(float(same(record.get(name, ""), value, name in numeric)))
    graded = evidence.assign(right=right)
    return graded[graded["right"].notna()]


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Weights (intercept first) of a logistic model, by Newton's method with an L2 penalty
    on all but the intercept (rare features must not get wild weights)."""
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x1.shape[1])
    penalty = np.full(len(w), l2)
    penalty[0] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(x1 @ w, -30, 30)))
        gradient = x1.T @ (p - y) + penalty * w
        hessian = (x1 * (p * (1 - p))[:, None]).T @ x1 + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit_with_signs(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """``fit_logistic``, leaving out each piece of evidence weighed against its meaning."""
    kept = list(range(len(FEATURES)))
    while True:
        w = fit_logistic(x[:, kept], y, l2)
        wrong = [k for k, weight in zip(kept, w[1:], strict=True)
                 if FEATURES[k] in SIGNS and weight * SIGNS[FEATURES[k]] < 0]  # fmt: skip
        if not wrong:
            full = np.zeros(len(FEATURES) + 1)
            full[0] = w[0]
            full[[k + 1 for k in kept]] = w[1:]
            return full
        kept = [k for k in kept if k not in wrong]


def predict(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(w[0] + x @ w[1:])))


def queue(graded: pd.DataFrame, confidence: np.ndarray, flags: list[str]) -> pd.DataFrame:
    """Per record: its confidence (its lowest value's), whether a value is wrong, whether a
    field raised a flag that always goes to review."""
    frame = graded.assign(confidence=confidence)
    hard = frame["flags"].fillna("").map(lambda raised: bool(set(flags) & set(raised.split(";"))))
    frame = frame.assign(hard=hard, wrong=frame["right"] == 0)
    return frame.groupby(["document", "table", "row", "arm"]).agg(
        confidence=("confidence", "min"), wrong=("wrong", "any"), hard=("hard", "any")
    )


def threshold(records: pd.DataFrame, catch: float) -> float:
    """The lowest threshold whose queue holds ``catch`` of the wrong records."""
    wrong = records[records["wrong"] & ~records["hard"]]["confidence"].sort_values()
    need = math.ceil(catch * records["wrong"].sum()) - int(
        (records["wrong"] & records["hard"]).sum()
    )
    if need <= 0 or wrong.empty:
        return 0.0
    need = min(need, len(wrong))
    return round(float(wrong.iloc[need - 1]) + 1e-4, 4)


def report(name: str, graded: pd.DataFrame, confidence: np.ndarray, records: pd.DataFrame,
           cut: float) -> None:  # fmt: skip
    pairs = list(zip(confidence, graded["right"].astype(bool), strict=True))
    _, ece = reliability(pairs)
    high = confidence >= 0.9
    flagged = (records["confidence"] < cut) | records["hard"]
    wrong = records["wrong"]
    print(f"{name}: {len(graded)} values, {int((graded['right'] == 0).sum())} wrong; "
          f"ECE {ece:.4f}; right among >= 0.9: {graded['right'][high].mean():.4f} "
          f"({int(high.sum())} values); queue at {cut}: {flagged.mean():.3f} of "
          f"{len(records)} records, holds {int((flagged & wrong).sum())} of "
          f"{int(wrong.sum())} wrong")  # fmt: skip


def write(weights: np.ndarray, cut: float, flags: list[str], note: str) -> None:
    lines = [
        "# How the evidence behind a value becomes the probability that it is right",
        "# (extract/confidence.py), and which records go to review. Written by",
        "# bench/fit_calibration.py; refit it rather than edit by hand.",
        *(f"# {line}" for line in note.splitlines()),
        "",
        "[model]",
        f"intercept = {weights[0]:.4f}",
        "",
        "[model.weights]",
        *(f"{name} = {w:.4f}" for name, w in zip(FEATURES, weights[1:], strict=True)),
        "",
        "[review]",
        f"min_confidence = {cut}",
        "flags = [" + ", ".join(f'"{f}"' for f in flags) + "]",
        "",
    ]
    TARGET.write_text("\n".join(lines), encoding="utf-8")


def seed_ranges(seeds: list[int]) -> str:
    """``300-359, 405-434``: sorted seeds as runs of consecutive ones."""
    runs: list[list[int]] = []
    for seed in seeds:
        if runs and seed == runs[-1][-1] + 1:
            runs[-1].append(seed)
        else:
            runs.append([seed])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sample", type=Path, help="a folder of fixtures/sample.py: pdf/ and truth/")
    ap.add_argument("--evidence", type=Path, help="CSV of a run's evidence: read if it exists, "
                    "else written after the run")  # fmt: skip
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument(
        "--catch",
        type=float,
        default=0.97,
        help="share of wrong records the queue must hold on these documents",
    )
    ap.add_argument("--write", action="store_true", help="write extract/data/calibration.toml")
    args = ap.parse_args()
    if args.evidence and args.evidence.exists():
        evidence = pd.read_csv(args.evidence, dtype={"table": str, "row": str, "arm": str,
                                                     "value": str, "flags": str},
                               keep_default_na=False)  # fmt: skip
    else:
        evidence = gather(args.sample, args.workers)
        if args.evidence:
            evidence.to_csv(args.evidence, index=False)
    evidence[["table", "row", "arm"]] = evidence[["table", "row", "arm"]].astype(str)
    graded = grade(evidence, args.sample / "truth")
    x = graded[FEATURES].to_numpy(float)
    y = graded["right"].to_numpy(float)
    flags = [f for f in calibration()["review"]["flags"] if f != "shared_value"]
    before = graded["first_estimate"].to_numpy(float)
    cut_before = threshold(queue(graded, before, flags), args.catch)
    report("first estimate", graded, before, queue(graded, before, flags), cut_before)
    weights = fit_with_signs(x, y, args.l2)
    after = predict(x, weights)
    records = queue(graded, after, flags)
    cut = threshold(records, args.catch)
    report("fitted", graded, after, records, cut)
    for name, w in zip(["intercept", *FEATURES], weights, strict=True):
        print(f"  {name:13} {w:+.3f}")
    print("the queue each share of wrong records takes (threshold: records flagged):")
    for share in (0.8, 0.85, 0.9, 0.95, 1.0):
        at = threshold(records, share)
        flagged = (records["confidence"] < at) | records["hard"]
        print(f"  {share:.0%}: {at} -> {flagged.mean():.3f}")
    if args.write:
        docs = graded["document"].nunique()
        seeds = sorted(int(d[1:].split("-")[0]) for d in graded["document"].unique())
        note = (f"Fitted {datetime.date.today()} on {docs} documents, seeds "
                f"{seed_ranges(seeds)}\n"
                f"({len(graded)} values, {int((y == 0).sum())} wrong); threshold: the queue\n"
                f"holds {args.catch:.0%} of their wrong records.")  # fmt: skip
        write(weights, cut, flags, note)
        print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
