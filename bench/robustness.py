"""Scans the fixtures do not hold: each clean fixture re-scanned in other ways, then scored.

    python bench/robustness.py [--engine rapidocr] [--write docs/robustness.md]

The fixture scans are one scanner's output (200 dpi, one noise model). This script prints
every clean fixture again as another scanner would (other resolutions, skew either way,
more noise and blur, harder JPEG, pages upside down or turned the other way), runs the
pipeline on the result and scores it with ``extract eval`` against ``fixtures/truth``. None
of these files is kept or tested on: they are a check that the mechanisms generalise.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from extract.batch import run_batch
from extract.config import Config
from extract.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Scanner:
    name: str
    dpi: int
    skew: float = 0.0  # degrees, counter-clockwise
    noise: float = 0.0  # standard deviation of grey noise
    blur: float = 0.0  # Gaussian radius, pixels
    quality: int = 75  # JPEG
    turn: int = 0  # degrees the page lies turned (counter-clockwise)


SCANNERS = [
    Scanner("low-120dpi", 120, skew=0.8, noise=6, quality=70),
    Scanner("150dpi-skew-1.2", 150, skew=1.2, noise=12, blur=0.5, quality=50),
    Scanner("300dpi-skew-minus-2", 300, skew=-2.0, noise=15, blur=0.8, quality=40),
    Scanner("upside-down", 200, noise=8, quality=70, turn=180),
    Scanner("turned-clockwise", 200, skew=0.5, noise=8, quality=70, turn=270),
]


def rescan(src: Path, out: Path, s: Scanner, seed: int) -> None:
    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(src)
    images = []
    for i in range(len(pdf)):
        img = pdf[i].render(scale=s.dpi / 72, grayscale=True).to_pil().convert("L")
        img = img.rotate(s.skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
        if s.turn:
            img = img.rotate(s.turn, expand=True, fillcolor=255)
        if s.blur:
            img = img.filter(ImageFilter.GaussianBlur(s.blur))
        arr = np.asarray(img).astype(np.float32) + rng.normal(0, s.noise, img.size[::-1])
        images.append(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)))
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:],
                   resolution=s.dpi, quality=s.quality)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--engine", default="rapidocr")
    ap.add_argument("--write", type=Path, help="Markdown file to write the results into")
    args = ap.parse_args()
    clean = sorted((ROOT / "fixtures" / "pdf").glob("*-clean.pdf"))
    lines = ["| scanner | docs | records | recall | numeric fields | text fields | notes CER | "
             "grid cells |", "|" + "---|" * 8]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for k, s in enumerate(SCANNERS):
            folder = Path(tmp) / s.name
            folder.mkdir()
            for pdf in clean:
                rescan(pdf, folder / f"{pdf.stem.removesuffix('-clean')}-{s.name}.pdf", s, k)
            print(f"{s.name}: {len(clean)} documents", file=sys.stderr)
            out = Path(tmp) / f"out-{s.name}"
            run_batch([folder], out, Config(engine=args.engine), progress=lambda m: None)
            r = evaluate(out, ROOT / "fixtures" / "truth")[s.name]
            g = r["group_accuracy"]
            pct = [f"{100 * v:.1f}%" for v in (r["record_recall"], g["numeric"], g["text"],
                                                r["notes_cer"], r["grid_cells"])]  # fmt: skip
            lines.append(f"| {s.name} | {r['documents']} | {r['records']}/{r['truth_records']} | "
                         + " | ".join(pct) + " |")  # fmt: skip
    table = "\n".join(lines)
    print(table)
    if args.write:
        args.write.write_text(
            f"# Scans the fixtures do not hold\n\nMeasured {date.today()} with\n\n"
            f"    .venv/bin/python bench/robustness.py --write {args.write}\n\n"
            "Every clean fixture re-scanned as another scanner would (see `SCANNERS` in the "
            f"script), read with `--engine {args.engine}`, scored by `extract eval`.\n\n"
            f"{table}\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
