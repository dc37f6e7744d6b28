"""Time the pipeline per document and per stage on the fixture PDFs.

    python bench/run_bench.py [PDF_DIR] [--repeat N]

Prints one line per document (seconds, pages, records) and the total per stage, taken from
the pipeline's own stage timings. Tests never assert time; this script is where speed is read.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from extract.pipeline import run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("pdfs", nargs="?", default=Path(__file__).parent.parent / "fixtures" / "pdf",
                    type=Path)  # fmt: skip
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    stages: dict[str, float] = defaultdict(float)
    total_pages = 0
    print(f"{'document':32} {'best s':>8} {'pages':>5} {'records':>7}")
    for pdf in sorted(args.pdfs.glob("*.pdf")):
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = run(pdf)
            best = min(best, time.perf_counter() - start)
        for stage, seconds in result.timings.items():
            stages[stage] += seconds
        total_pages += len(result.pages)
        print(f"{pdf.name:32} {best:8.3f} {len(result.pages):5d} {len(result.records):7d}")
    print("\nstage totals over one run of every document (s):")
    for stage, seconds in stages.items():
        print(f"  {stage:10} {seconds:8.3f}")
    print(f"pages: {total_pages}")


if __name__ == "__main__":
    main()
