"""Evaluate: compare a run's output with ground truth, the way a curator checks a sample.

Records are matched on (table, row, arm). Reported per mode (the part of a run folder's
name after its truth document's name: ``intl-clean`` → document ``intl``, mode ``clean``):
record recall and precision, exact accuracy per field and per field group (numeric, text),
character error rate of ``notes`` and ``study``, grid cell accuracy of ``tables/``, and the
accuracy of the values the run was sure of (confidence ≥ 0.9). What confidence and the review
queue are worth: each confidence band's predicted against observed accuracy, the expected
calibration error, the share of records flagged and of wrong records the queue holds.
"""

from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz.distance import Levenshtein

from .schema import load_schema

KEY = ["table", "row", "arm"]
HIGH = 0.9
BANDS = [0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.01]  # of confidence, for the reliability table


def _norm_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", "", text)


def same(a: Any, b: Any, numeric: bool) -> bool:
    ta, tb = _norm_text(a), _norm_text(b)
    if not numeric or not ta or not tb:
        return ta == tb
    try:
        return abs(float(ta) - float(tb)) < 1e-6
    except ValueError:
        return ta == tb


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def grid_cells(pred: Path, truth: Path, wrong: list[str] | None = None) -> tuple[int, int]:
    """(cells right, cells in truth), comparing cell texts without whitespace.

    Each wrong cell is described in ``wrong`` when a list is given."""
    with open(truth, encoding="utf-8") as fh:
        t_rows = list(csv.reader(fh))
    p_rows: list[list[str]] = []
    if pred.exists():
        with open(pred, encoding="utf-8") as fh:
            p_rows = list(csv.reader(fh))
    right = total = 0
    for i, t_row in enumerate(t_rows):
        for j, cell in enumerate(t_row):
            total += 1
            got = p_rows[i][j] if i < len(p_rows) and j < len(p_rows[i]) else None
            ok = got is not None and _norm_text(got) == _norm_text(cell)
            right += ok
            if not ok and wrong is not None:
                where = f"{pred.parent.parent.name} {pred.stem} [{i},{j}]"
                wrong.append(f"{where}: {cell!r} read {got!r}")
    return right, total


def truth_doc(name: str, truth_docs: list[str]) -> tuple[str, str] | None:
    for doc in sorted(truth_docs, key=len, reverse=True):
        if name == doc:
            return doc, "all"
        if name.startswith(doc + "-"):
            return doc, name[len(doc) + 1 :]
    return None


def evaluate(outdir: Path, truth: Path, errors: bool = False) -> dict[str, Any]:
    """Scores per mode; with ``errors``, each mode also lists every wrong value and cell."""
    schema = load_schema()
    fields = [f.name for f in schema.fields]
    numeric = {f.name for f in schema.fields if f.numeric}
    docs = [p.name for p in truth.iterdir() if (p / "records.csv").exists()]
    acc: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(float))
    for run_dir in sorted(p for p in outdir.iterdir() if (p / "run.json").exists()):
        found = truth_doc(run_dir.name, docs)
        if found is None:
            continue
        doc, mode = found
        a = acc[mode]
        a["documents"] += 1
        t = _read(truth / doc / "records.csv")
        pred_path = run_dir / "records.csv"
        p = _read(pred_path) if pred_path.exists() else pd.DataFrame(columns=KEY + fields)
        a["truth_records"] += len(t)
        a["pred_records"] += len(p)
        merged = t.merge(p, on=KEY, suffixes=("_t", "_p"))
        a["matched"] += len(merged)
        wrong: list[str] = a.setdefault("errors", [])
        record_wrong = [False] * len(merged)
        for f in fields:
            if f + "_p" not in merged:
                continue
            ok = [
                same(x, y, f in numeric)
                for x, y in zip(merged[f + "_t"], merged[f + "_p"], strict=True)
            ]
            a[f"right:{f}"] += sum(ok)
            a[f"total:{f}"] += len(ok)
            record_wrong = [w or not good for w, good in zip(record_wrong, ok, strict=True)]
            for k in (k for k, good in enumerate(ok) if not good):
                r = merged.iloc[k]
                wrong.append(f"{run_dir.name} {r['table']} row {r['row']} arm {r['arm']} {f}: "
                             f"{r[f + '_t']!r} read {r[f + '_p']!r}")  # fmt: skip
        keys = set(map(tuple, t[KEY].values)) ^ set(map(tuple, p[KEY].values))
        wrong += [f"{run_dir.name} {k[0]} row {k[1]} arm {k[2]}: record missing or extra"
                  for k in sorted(keys)]  # fmt: skip
        for f in ("notes", "study"):
            if f + "_p" in merged:
                for x, y in zip(merged[f + "_t"], merged[f + "_p"], strict=True):
                    a[f"cer_dist:{f}"] += Levenshtein.distance(_norm_text(x), _norm_text(y))
                    a[f"cer_len:{f}"] += max(1, len(_norm_text(x)))
        _confident(a, run_dir, merged, fields, numeric)
        _queue(a, p, merged, record_wrong)
        for grid in (truth / doc / "tables").glob("*.csv"):
            right, total = grid_cells(run_dir / "tables" / grid.name, grid, wrong)
            a["grid_right"] += right
            a["grid_total"] += total
    scores = {mode: _summary(a, fields, numeric) for mode, a in sorted(acc.items())}
    if errors:
        for mode, a in acc.items():
            scores[mode]["errors"] = a["errors"]
    return scores


def _confident(a: dict[str, Any], run_dir: Path, merged: pd.DataFrame, fields: list[str],
               numeric: set[str]) -> None:  # fmt: skip
    """Count values with confidence ≥ 0.9 and how many of them are right."""
    path = run_dir / "fields.csv"
    if not path.exists() or merged.empty:
        return
    conf = _read(path)
    ids = dict(zip(merged["record_id"], merged.index, strict=True))
    pairs: list[tuple[float, bool]] = a.setdefault("pairs", [])
    for rid, name, c in zip(conf["record_id"], conf["field"], conf["confidence"], strict=True):
        if rid in ids and name + "_t" in merged:
            row = merged.loc[ids[rid]]
            right = same(row[name + "_t"], row[name + "_p"], name in numeric)
            pairs.append((float(c), right))
            if float(c) >= HIGH:
                a["high_total"] += 1
                a["high_right"] += right


def _queue(a: dict[str, Any], pred: pd.DataFrame, merged: pd.DataFrame, wrong: list[bool]) -> None:
    """Count what the review queue holds: records flagged, and records with a wrong field
    (or read where the truth has none) among them. A record the run missed cannot be."""
    if "needs_review" not in pred:
        return
    flagged = pred["needs_review"].astype(str).str.lower() == "true"
    a["queue_records"] += len(pred)
    a["queue_flagged"] += int(flagged.sum())
    matched = dict(zip(merged["record_id"], wrong, strict=True))
    for rid, flag in zip(pred["record_id"], flagged, strict=True):
        if matched.get(rid, True):  # a wrong field, or no such record in the truth
            a["queue_wrong"] += 1
            a["queue_caught"] += bool(flag)


def reliability(pairs: list[tuple[float, bool]]) -> tuple[list[dict[str, Any]], float | None]:
    """Predicted confidence against observed accuracy per band, and the expected calibration
    error (the bands' gaps weighted by their share of values)."""
    rows, ece = [], 0.0
    for lo, hi in zip(BANDS, BANDS[1:], strict=False):
        band = [(c, r) for c, r in pairs if lo <= c < hi]
        if not band:
            continue
        predicted = sum(c for c, _ in band) / len(band)
        observed = sum(r for _, r in band) / len(band)
        ece += len(band) / len(pairs) * abs(predicted - observed)
        rows.append({"band": f"{lo:.2f}-{min(hi, 1.0):.2f}", "values": len(band),
                     "predicted": round(predicted, 4), "observed": round(observed, 4)})  # fmt: skip
    return rows, (round(ece, 4) if pairs else None)


def _ratio(x: float, y: float) -> float | None:
    return round(x / y, 4) if y else None


def _summary(a: dict[str, Any], fields: list[str], numeric: set[str]) -> dict[str, Any]:
    per_field = {f: _ratio(a[f"right:{f}"], a[f"total:{f}"]) for f in fields}
    groups = {}
    for name, members in (("numeric", [f for f in fields if f in numeric]),
                          ("text", [f for f in fields if f not in numeric])):  # fmt: skip
        groups[name] = _ratio(sum(a[f"right:{f}"] for f in members),
                              sum(a[f"total:{f}"] for f in members))  # fmt: skip
    return {
        "documents": int(a["documents"]),
        "truth_records": int(a["truth_records"]),
        "records": int(a["pred_records"]),
        "record_recall": _ratio(a["matched"], a["truth_records"]),
        "record_precision": _ratio(a["matched"], a["pred_records"]),
        "field_accuracy": per_field,
        "group_accuracy": groups,
        "notes_cer": _ratio(a["cer_dist:notes"], a["cer_len:notes"]),
        "study_cer": _ratio(a["cer_dist:study"], a["cer_len:study"]),
        "grid_cells": _ratio(a["grid_right"], a["grid_total"]),
        "confident_values": int(a["high_total"]),
        "confident_accuracy": _ratio(a["high_right"], a["high_total"]),
        "reliability": reliability(a.get("pairs", []))[0],
        "calibration_error": reliability(a.get("pairs", []))[1],
        "flagged_share": _ratio(a["queue_flagged"], a["queue_records"]),
        "wrong_records": int(a["queue_wrong"]),
        "wrong_caught": _ratio(a["queue_caught"], a["queue_wrong"]),
    }


def _fmt(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float):
        return f"{100 * v:.1f}%"
    return str(v)


def format_report(scores: dict[str, Any]) -> str:
    """Two plain tables: one line per mode, then field accuracy per mode."""
    heads = ["mode", "docs", "records", "recall", "precision", "numeric", "text", "notes CER",
             "study CER", "grid", "conf>=0.9 right"]  # fmt: skip
    rows = [heads]
    for mode, s in scores.items():
        rows.append([mode, _fmt(s["documents"]), f"{s['records']}/{s['truth_records']}",
                     _fmt(s["record_recall"]), _fmt(s["record_precision"]),
                     _fmt(s["group_accuracy"]["numeric"]), _fmt(s["group_accuracy"]["text"]),
                     _fmt(s["notes_cer"]), _fmt(s["study_cer"]), _fmt(s["grid_cells"]),
                     _fmt(s["confident_accuracy"])])  # fmt: skip
    out = _table(rows)
    for mode, s in scores.items():
        if s.get("errors"):
            out += f"\n\nwrong in {mode}:\n" + "\n".join(s["errors"])
    if scores:
        fields = list(next(iter(scores.values()))["field_accuracy"])
        rows = [["field", *scores.keys()]]
        for f in fields:
            rows.append([f, *(_fmt(s["field_accuracy"][f]) for s in scores.values())])
        out += "\n\n" + _table(rows)
        out += "\n\n" + format_review(scores)
    return out


def format_review(scores: dict[str, Any]) -> str:
    """What the confidences and the review queue are worth: per mode the calibration error,
    the share of records flagged and of wrong records caught; then, over every mode, each
    confidence band's predicted and observed accuracy."""
    rows = [["mode", "calibration error", "flagged", "wrong records", "caught"]]
    for mode, s in scores.items():
        rows.append([mode, _fmt(s["calibration_error"]), _fmt(s["flagged_share"]),
                     str(s["wrong_records"]), _fmt(s["wrong_caught"])])  # fmt: skip
    bands: dict[str, list[float]] = {}
    for s in scores.values():
        for b in s["reliability"]:
            n, pred, obs = bands.setdefault(b["band"], [0, 0.0, 0.0])
            bands[b["band"]] = [n + b["values"], pred + b["predicted"] * b["values"],
                                obs + b["observed"] * b["values"]]  # fmt: skip
    total = sum(n for n, _, _ in bands.values())
    table = [["confidence", "values", "predicted", "observed"]]
    ece = 0.0
    for band, (n, pred, obs) in sorted(bands.items()):
        table.append([band, str(int(n)), _fmt(pred / n), _fmt(obs / n)])
        ece += abs(pred - obs) / total
    out = _table(rows) + "\n\n" + _table(table)
    return out + (f"\n\nexpected calibration error, every mode: {ece:.4f}" if total else "")


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# --- per document and per factor ----------------------------------------------------------


# The class every page of a sampled document should get, by the damage its mode did.
PAGE_CLASS = {"clean": "good", "cid": "cid", "scrambled": "mojibake", "junk": "mojibake",
              "scan": "no_text", "scan_turned": "no_text", "badocr": "bad_ocr_layer",
              "ocrlayer": "bad_ocr_layer"}  # fmt: skip


def pages_right(run_json: Path, mode: str) -> tuple[int, int]:
    """(pages classed as their mode implies, pages); ``mixed``: page 1 typeset, then scans."""
    pages = json.loads(run_json.read_text()).get("pages", [])
    right = 0
    for p in pages:
        want = PAGE_CLASS.get(mode) if mode != "mixed" else "good" if p["page"] == 1 else "no_text"
        right += p["class"] == want
    return right, len(pages) if (mode in PAGE_CLASS or mode == "mixed") else 0


def document_scores(outdir: Path, truth: Path) -> pd.DataFrame:
    """One row per run document: its factors (``factors.json`` beside its truth, when the
    document was sampled from the layout space) and its counts. A record missed counts as
    all its numeric fields wrong, so a lost row costs what a curator would lose."""
    schema = load_schema()
    numeric = [f.name for f in schema.fields if f.group == "numeric"]
    docs = [p.name for p in truth.iterdir() if (p / "records.csv").exists()]
    rows = []
    for run_dir in sorted(p for p in outdir.iterdir() if (p / "run.json").exists()):
        found = truth_doc(run_dir.name, docs)
        if found is None:
            continue
        doc, mode = found
        t = _read(truth / doc / "records.csv")
        pred_path = run_dir / "records.csv"
        p = _read(pred_path) if pred_path.exists() else pd.DataFrame(columns=KEY + numeric)
        merged = t.merge(p, on=KEY, suffixes=("_t", "_p"))
        right = sum(
            same(x, y, True)
            for f in numeric
            if f + "_p" in merged
            for x, y in zip(merged[f + "_t"], merged[f + "_p"], strict=True)
        )
        by_kind = _numeric_by_page_kind(merged, numeric, run_dir / "run.json", len(t))
        grid_right = grid_total = 0
        for grid in (truth / doc / "tables").glob("*.csv"):
            r, n = grid_cells(run_dir / "tables" / grid.name, grid)
            grid_right += r
            grid_total += n
        factors_path = truth / doc / "factors.json"
        factors = json.loads(factors_path.read_text()) if factors_path.exists() else {}
        factors.setdefault("mode", mode)
        classed, paged = pages_right(run_dir / "run.json", str(factors["mode"]))
        rows.append({
            "document": run_dir.name, **{k: v for k, v in factors.items() if _is_factor(v)},
            "truth_records": len(t), "records": len(p), "matched": len(merged),
            "numeric_right": right, "numeric_total": len(t) * len(numeric), **by_kind,
            "grid_right": grid_right, "grid_total": grid_total,
            "pages_right": classed, "pages_total": paged,
        })  # fmt: skip
    return pd.DataFrame(rows)


def _numeric_by_page_kind(
    merged: pd.DataFrame, numeric: list[str], run_json: Path, truth_records: int
) -> dict[str, int]:
    """Numeric fields right and in all, on scanned pages (an image covering the page) and on
    typeset ones, by the page each record was read from: the floors differ. A missed record
    has no page; it counts against the typeset pages when the document has any."""
    pages = json.loads(run_json.read_text()).get("pages", [])
    scanned = {p["page"] for p in pages if p.get("evidence", {}).get("image_cover", 0) >= 0.5}
    counts = dict.fromkeys(["scan_right", "scan_total", "vector_right", "vector_total"], 0)
    for _, row in merged.iterrows():
        page = int(row["page"]) if str(row.get("page", "")).isdigit() else 0
        kind = "scan" if page in scanned else "vector"
        counts[f"{kind}_total"] += len(numeric)
        counts[f"{kind}_right"] += sum(
            same(row[f + "_t"], row[f + "_p"], True) for f in numeric if f + "_p" in row
        )
    missed = "vector" if len(scanned) < len(pages) else "scan"
    counts[f"{missed}_total"] += (truth_records - len(merged)) * len(numeric)
    return {f"numeric_{k}": v for k, v in counts.items()}


COUNTS = ["truth_records", "records", "matched", "numeric_right", "numeric_total",
          "numeric_scan_right", "numeric_scan_total", "numeric_vector_right",
          "numeric_vector_total", "grid_right", "grid_total", "pages_right",
          "pages_total"]  # fmt: skip


def _is_factor(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) or value is None


def by_factor(scores: pd.DataFrame) -> pd.DataFrame:
    """Recall, precision, numeric and grid accuracy for every value of every factor; a
    factor measured on a scale (a scan's skew, a table's row count) by ranges of it."""
    rows = []
    factors = [c for c in scores.columns if c not in COUNTS and c not in ("document", "seed")]
    everything = scores.assign(all="all")
    for factor in ["all", *factors]:
        values = _ranges(everything[factor])
        groups = sorted(everything.groupby(values, sort=True), key=lambda vg: _in_order(vg[0]))
        for value, group in groups:
            s = group[COUNTS].sum()
            rows.append({
                "factor": factor, "value": value, "documents": len(group),
                "recall": _ratio(s["matched"], s["truth_records"]),
                "precision": _ratio(s["matched"], s["records"]),
                "numeric": _ratio(s["numeric_right"], s["numeric_total"]),
                "numeric_vector": _ratio(s["numeric_vector_right"], s["numeric_vector_total"]),
                "numeric_scan": _ratio(s["numeric_scan_right"], s["numeric_scan_total"]),
                "grid": _ratio(s["grid_right"], s["grid_total"]),
                "pages": _ratio(s["pages_right"], s["pages_total"]),
            })  # fmt: skip
    return pd.DataFrame(rows)


SCALE_VALUES = 8  # a factor with more numeric values than this is a scale, shown in ranges
SCALE_RANGES = 3


def _ranges(values: pd.Series) -> pd.Series:
    """A factor's values as labels; a scale's (more than ``SCALE_VALUES`` numbers, as a
    scan's skew drawn from ±1.5°) cut into ``SCALE_RANGES`` ranges of equal width: one
    document per value tells a document's accidents, not the factor's."""
    numbers = pd.to_numeric(values.map(lambda v: None if isinstance(v, bool) else v),
                            errors="coerce")  # fmt: skip
    if numbers.nunique() <= SCALE_VALUES:
        return values.astype(str)
    low, high = numbers.min(), numbers.max()
    edges = [low + (high - low) * k / SCALE_RANGES for k in range(SCALE_RANGES + 1)]

    def label(value: Any, number: float) -> str:
        if math.isnan(number):
            return str(value)
        k = min(int((number - low) / (high - low) * SCALE_RANGES), SCALE_RANGES - 1)
        return f"{edges[k]:.3g} to {edges[k + 1]:.3g}"

    return pd.Series(
        [label(v, n) for v, n in zip(values, numbers, strict=True)], index=values.index
    )


def _in_order(label: str) -> tuple[int, float, str]:
    """A scale's ranges by where they start, before any other value (as text)."""
    start = label.split(" to ")[0]
    try:
        return (0, float(start), "") if " to " in label else (1, 0.0, label)
    except ValueError:
        return (1, 0.0, label)


def format_factors(table: pd.DataFrame) -> str:
    """The per-factor table as Markdown, weakest values easy to spot."""
    heads = ["factor", "value", "docs", "recall", "precision", "numeric", "numeric typeset",
             "numeric scanned", "grid", "pages"]  # fmt: skip
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for r in table.to_dict("records"):
        cells = [str(r["factor"]), str(r["value"]), str(r["documents"]), _fmt(r["recall"]),
                 _fmt(r["precision"]), _fmt(r["numeric"]), _fmt(r["numeric_vector"]),
                 _fmt(r["numeric_scan"]), _fmt(r["grid"]), _fmt(r["pages"])]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
