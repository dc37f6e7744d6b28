"""Compare the OCR engines on every fixture page that needs OCR; pick the default by it.

    python bench/ocr_engines.py [--engines tesseract,rapidocr] [--write docs/benchmarks.md]

Runs the whole pipeline once per engine on every fixture PDF that is not ``clean`` (each has
pages triage sends to OCR), scores the output with ``extract eval`` against
``fixtures/truth`` and prints, per engine and mode: record recall, field accuracy (numeric
and text fields), notes CER, grid cell accuracy and OCR seconds per page. ``--write`` puts the
table, the machine it ran on and the command into a Markdown file.

``--ablate`` then runs the default engine on the scanned fixtures once more per preparation
step, with that step switched off, to show what each step is worth.
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
from extract.engines import DEFAULT_ENGINE
from extract.evaluate import evaluate
from extract.schema import load_data

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


# name -> (section of ocr.toml, key, value that switches the step off)
STEPS = {
    "no rule removal": ("prepare", "remove_rules", False),
    "no deskew": ("prepare", "max_skew", 0.0),
    "no median filter": ("prepare", "median", 0),
    "no orientation": ("prepare", "orientation", False),
    "no dash reading": ("prepare", "dashes", False),
    "no re-reading of missed ink": ("reread", "max", 0),
    "no glyph-confusion table": (None, "correct", []),
}


def ablate(engine: str, pdfs: list[Path], workdir: Path) -> list[dict[str, object]]:
    """The engine on scanned pages with each preparation step off in turn (and all on)."""
    cfg = load_data("ocr.toml")  # cached: changing it here changes what the pipeline reads
    rows = []
    for name, (section, key, off) in [("all steps", (None, "", None)), *STEPS.items()]:
        where = cfg[section] if section else cfg
        saved = where.get(key)
        if key:
            where[key] = off
        try:
            for row in bench(engine, pdfs, workdir / name.replace(" ", "-")):
                rows.append({**row, "engine": f"{engine}, {name}"})
        finally:
            if key:
                where[key] = saved
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
    ap.add_argument("--engines", default="rapidocr,tesseract")
    ap.add_argument("--pdfs", type=Path, default=PDFS)
    ap.add_argument("--write", type=Path, help="Markdown file to write the results into")
    ap.add_argument("--keep", type=Path, help="Folder to keep each engine's output in")
    ap.add_argument("--ablate", action="store_true", help="Also switch preparation steps off")
    args = ap.parse_args()
    pdfs = sorted(p for p in args.pdfs.glob("*.pdf") if not p.stem.endswith("-clean"))
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for engine in args.engines.split(","):
            print(f"{engine}: {len(pdfs)} documents", file=sys.stderr)
            rows += bench(engine, pdfs, args.keep or Path(tmp))
        ablation = ""
        if args.ablate:
            scans = [p for p in pdfs if p.stem.rsplit("-", 1)[1] in ("scan", "badocr")]
            engine = DEFAULT_ENGINE
            print(f"ablation: {engine}, {len(scans)} documents", file=sys.stderr)
            ablation = markdown(ablate(engine, scans, Path(tmp) / "ablate"))
    table = markdown(rows)
    print(table)
    if ablation:
        print(ablation)
    if args.write:
        machine = (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        args.write.parent.mkdir(parents=True, exist_ok=True)
        flags = " --ablate" if args.ablate else ""
        text = (
            f"# OCR engines on the fixtures\n\nMeasured {date.today()} on {machine} with\n\n"
            f"    .venv/bin/python bench/ocr_engines.py{flags} --write {args.write}\n\n"
            f"Every fixture PDF that has pages needing OCR, read by each engine; scores by "
            f"`extract eval` against `fixtures/truth`. *numeric fields*: year, n, median OS, "
            f"3- and 5-year OS exact; *s / page*: the OCR stage's seconds per OCR'd page "
            f"(rendering and preparation included).\n\n{table}\n"
        )
        if ablation:
            text += (
                "\n## What each preparation step is worth\n\nThe scanned fixtures (`scan`, "
                f"`badocr`) read by the default engine ({DEFAULT_ENGINE}) with one step switched "
                "off at a time.\n\n"
                f"{ablation}\n"
            )
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
