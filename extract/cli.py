"""The command line: parses arguments, calls the API, maps errors to exit codes."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import __version__
from .config import DEFAULT_DPI, Config
from .engines import DEFAULT_ENGINE, ENGINES
from .errors import ExitCode, ExtractError, MissingDependencyError
from .ocr import check as check_ocr


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extract")
def cli() -> None:
    """Turn bilingual review-article PDFs into tidy, validated study records.

    \b
    Example:
      extract run fixtures/pdf -o output
      extract eval output --truth fixtures/truth
    """


@cli.command("run")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write one sub-folder per document into.",
)
@click.option(
    "--schema",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Schema TOML file (fields, synonyms, ranges); default: the clinical schema.",
)
@click.option(
    "--dpi",
    type=click.IntRange(50, 1200),
    default=DEFAULT_DPI,
    show_default=True,
    help="Resolution for pages that need OCR.",
)
@click.option(
    "--engine",
    type=click.Choice(sorted(ENGINES)),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="OCR engine for pages whose text layer is garbage; 'none' skips those pages.",
)
@click.option(
    "--corrections",
    "corrections",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A curator's corrections.csv to apply (repeatable); OUTPUT/corrections.csv and "
    "OUTPUT/<document>/corrections.csv are applied too. Never written by a run.",
)
def run_command(
    inputs: tuple[Path, ...],
    outdir: Path,
    schema: Path | None,
    dpi: int,
    engine: str,
    corrections: tuple[Path, ...],
) -> None:
    """Read PDFs (files or folders of PDFs) into records.

    Writes OUTPUT/<document>/records.csv, records.parquet, fields.csv, review.csv,
    tables/<label>.csv, report.html and run.json. A curator's corrections (record_id, field,
    value, note, curator, time) are applied on every run: the value is marked curated, and
    a correction that finds no record is reported, never dropped. Exit status 0 when every
    document was processed, 1 when any failed (the others still complete), 2 for bad usage,
    3 when an OCR engine or its language data is missing (one line says what to install).

    \b
    Example:
      extract run fixtures/pdf/intl-clean.pdf -o output
    """
    from .batch import run_batch

    try:
        config = Config(
            schema=str(schema) if schema else None,
            dpi=dpi,
            engine=engine,
            corrections=tuple(str(p) for p in corrections),
        )
        from .corrections import read_corrections
        from .schema import load_schema

        load_schema(config.schema)  # a bad schema is bad usage: say so before any work
        for path in corrections:
            read_corrections(path)  # so is a corrections file that cannot be read
    except (ExtractError, ValueError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.bad_usage)
    try:
        check_ocr(config.engine)  # a missing OCR engine or language pack: say so first
    except MissingDependencyError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.environment_incomplete)
    _show_progress()
    summary = run_batch(list(inputs), outdir, config)
    if not summary.done and not summary.failed:
        click.echo("error: no PDF found in the inputs", err=True)
        sys.exit(ExitCode.bad_usage)
    sys.exit(ExitCode.document_failed if summary.failed else ExitCode.ok)


@cli.command("eval")
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--truth",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of ground truth: <doc>/records.csv and <doc>/tables/<label>.csv.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", is_flag=True, help="Also list every wrong value and table cell.")
@click.option(
    "--by-factor",
    is_flag=True,
    help="Scores per factor of sampled documents (truth <doc>/factors.json), as Markdown.",
)
def eval_command(outdir: Path, truth: Path, as_json: bool, errors: bool, by_factor: bool) -> None:
    """Compare a run's records and tables with ground truth and print the scores.

    A run folder <doc>-<mode> (or <doc>) is compared with truth folder <doc>.

    \b
    Examples:
      extract eval output --truth fixtures/truth
      extract eval out --truth sampled/truth --by-factor
    """
    from .evaluate import by_factor as per_factor
    from .evaluate import document_scores, evaluate, format_factors, format_report

    if by_factor:
        click.echo(format_factors(per_factor(document_scores(outdir, truth))))
        return
    scores = evaluate(outdir, truth, errors)
    if as_json:
        import json

        click.echo(json.dumps(scores, indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(scores))


def _show_progress() -> None:
    """Stages report long work (each OCR'd page) on the "extract" logger: show it on stderr."""
    log = logging.getLogger("extract")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("  %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def main() -> None:
    cli()
