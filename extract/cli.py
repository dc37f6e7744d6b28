"""The command line: parses arguments, calls the API, maps errors to exit codes."""

from __future__ import annotations

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extract")
def cli() -> None:
    """Turn bilingual review-article PDFs into tidy, validated study records."""


def main() -> None:
    cli()
