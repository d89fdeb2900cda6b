"""The `finbot` command: a thin layer over the library.

Each sub-command lives in the module that owns its feature and is imported only when it runs, so
`finbot ask` does not pay for the Telegram stack and `finbot --help` is instant.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager

import click

from bot import __version__

# name -> "module:attribute" of a click command
COMMANDS: dict[str, str] = {
    "ingest": "bot.cli.kb:ingest",
    "kb": "bot.cli.kb:kb",
    "calc": "bot.cli.calc:calc",
    "calibrate": "bot.cli.calibrate:calibrate",
    "check": "bot.cli.check:check",
    "debts": "bot.cli.debts:debts",
    "letter": "bot.cli.letter:letter",
    "ask": "bot.cli.ask:ask",
    "chat": "bot.cli.ask:chat",
    "eval": "bot.cli.ask:eval_command",
    "serve": "bot.cli.serve:serve",
    "receive": "bot.cli.worker:receive",
    "worker": "bot.cli.worker:worker",
}


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Known failures of the index or the embedding backend become one clear line and exit status 1."""
    from ingest.embeddings import EmbeddingError
    from ingest.index import KnowledgeIndexError

    try:
        yield
    except (KnowledgeIndexError, EmbeddingError) as exc:
        raise click.ClickException(str(exc)) from exc


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="finbot")
def cli() -> None:
    """finbot: grounded answers and an overdue-charges calculator for borrowers."""


def main() -> None:
    cli()
