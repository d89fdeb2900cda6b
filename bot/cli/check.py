"""`finbot check`: a pasted message (stdin) checked for scam red flags (the contract is in architecture.md)."""

from __future__ import annotations

import json
import sys

import click

MAX_MESSAGE = 20000  # characters; a pasted message is a few hundred, anything longer is not one message


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object: verdict, flags, advice, sources, language.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the reply (default: the message's).")
@click.argument("message", nargs=-1)
def check(as_json: bool, lang: str | None, message: tuple[str, ...]) -> None:
    """Check a message for scam red flags: paste it on stdin (or give it as arguments)."""
    if message and message != ("-",):
        text = " ".join(message)
    elif not sys.stdin.isatty() or message == ("-",):
        text = sys.stdin.read()
    else:
        raise click.UsageError("paste the message on stdin, e.g.  pbpaste | finbot check   or  finbot check < sms.txt")
    if not text.strip():
        raise click.UsageError("the message is empty: paste the text you want checked on stdin")
    if len(text) > MAX_MESSAGE:
        raise click.UsageError(f"that is {len(text)} characters; paste one message (under {MAX_MESSAGE})")
    from bot.engine.scam import check as run_check

    result = run_check(text, lang)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        click.echo(result.render())
