"""Compare the OCR engines on every fixture page that needs OCR; pick the default by it.

    python bench/ocr_engines.py [--engines tesseract,rapidocr] [--write docs/benchmarks.md]

Runs the whole pipeline once per engine on every fixture PDF that is not ``clean`` (each has
pages triage sends to OCR), scores the output with ``extract eval`` against
``fixtures/truth`` and prints, per engine and mode: record recall, field accuracy (numeric
and text fields), notes CER, grid cell accuracy and OCR seconds per page. ``--write`` puts the
table, the machine it ran on and the command into a Markdown file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import date
from pathlib import Path

from extract.batch import run_batch
from extract.config import Config
from extract.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "fixtures" / "pdf"
TRUTH = ROOT / "fixtures" / "truth"


def ocr_seconds(outdir: Path) -> dict[str, tuple[float, int]]:
    """Per mode: OCR stage seconds and pages OCR'd, from each run.json."""
    out: dict[str, tuple[float, int]] = {}
    for run_json in outdir.glob("*/run.json"):
        run = json.loads(run_json.read_text(encoding="utf-8"))
        mode = run_json.parent.name.rsplit("-", 1)[-1]
        pages = sum(1 for p in run.get("pages", []) if p["text_source"].startswith("ocr:"))
        seconds, n = out.get(mode, (0.0, 0))
        out[mode] = (seconds + run.get("timings", {}).get("ocr", 0.0), n + pages)
    return out


def bench(engine: str, pdfs: list[Path], workdir: Path) -> list[dict[str, object]]:
    outdir = workdir / engine
    run_batch(pdfs, outdir, Config(engine=engine), progress=lambda m: print(f"  {m}"))
    scores = evaluate(outdir, TRUTH)
    seconds = ocr_seconds(outdir)
    rows = []
    for mode, s in scores.items():
        total, pages = seconds.get(mode, (0.0, 0))
        groups = s["group_accuracy"]
        rows.append({"engine": engine, "mode": mode, "docs": s["documents"],
                     "pages": pages, "recall": s["record_recall"],
                     "numeric": groups["numeric"], "text": groups["text"],
                     "notes_cer": s["notes_cer"], "grid": s["grid_cells"],
                     "s_per_page": round(total / pages, 2) if pages else None})  # fmt: skip
    return rows


def pct(v: object) -> str:
    return "–" if v is None else f"{100 * float(v):.1f}%"  # type: ignore[arg-type]


def markdown(rows: list[dict[str, object]]) -> str:
    head = "| engine | mode | docs | OCR pages | recall | numeric fields | text fields | " \
           "notes CER | grid cells | s / page |"  # fmt: skip
    lines = [head, "|" + "---|" * 10]
    for r in rows:
        lines.append(f"| {r['engine']} | {r['mode']} | {r['docs']} | {r['pages']} | "
                     f"{pct(r['recall'])} | {pct(r['numeric'])} | {pct(r['text'])} | "
                     f"{pct(r['notes_cer'])} | {pct(r['grid'])} | {r['s_per_page']} |")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--engines", default="tesseract,rapidocr")
    ap.add_argument("--pdfs", type=Path, default=PDFS)
    ap.add_argument("--write", type=Path, help="Markdown file to write the results into")
    ap.add_argument("--keep", type=Path, help="Folder to keep each engine's output in")
    args = ap.parse_args()
    pdfs = sorted(p for p in args.pdfs.glob("*.pdf") if not p.stem.endswith("-clean"))
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for engine in args.engines.split(","):
            print(f"{engine}: {len(pdfs)} documents", file=sys.stderr)
            rows += bench(engine, pdfs, args.keep or Path(tmp))
    table = markdown(rows)
    print(table)
    if args.write:
        machine = (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(
            f"# OCR engines on the fixtures\n\nMeasured {date.today()} on {machine} with\n\n"
            f"    .venv/bin/python bench/ocr_engines.py --write {args.write}\n\n{table}\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
