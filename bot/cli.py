"""The `finbot` command: a thin layer over the library. Heavy imports stay inside commands so start-up is fast."""

from __future__ import annotations

import click

from bot import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="finbot")
def cli() -> None:
    """finbot: grounded answers and an overdue-charges calculator for borrowers."""


def main() -> None:
    cli()
