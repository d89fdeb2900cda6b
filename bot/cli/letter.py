"""`finbot letter negotiation|complaint|dispute` — write a letter from your own facts, asked one by one.

The facts can also be given up front (--fact full_name=张三 --fact lender=…); anything still missing is asked on the
terminal. The letter is printed and saved as an editable Word file (--out, default ./finbot-KIND-LANG.docx).
Nothing is written into a letter that you did not give: a skipped optional fact leaves its line out.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.cli.calc import default_lang
from bot.engine.letters import KINDS


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="language of the letter (default: your locale if it is English, else zh)")
@click.option("--fact", "given", multiple=True, metavar="NAME=VALUE",
              help="a fact given up front (repeatable), e.g. --fact full_name=张三")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="where to save the .docx (default ./finbot-KIND-LANG.docx)")
def letter(kind: str, lang: str | None, given: tuple[str, ...], out: Path | None) -> None:
    """Write a negotiation request (个性化分期/协商还款), a collection complaint or a credit-report dispute: the facts
    are asked one by one, the letter cites its legal basis, says where to send it and what to keep, and is saved
    as a .docx you can edit and print."""
    from bot import safety
    from bot.engine import letters

    lang = lang or default_lang()
    zh = lang == "zh"
    draft = letters.Draft(kind, lang)
    facts = letters.load_facts()
    for item in given:
        name, _, value = item.partition("=")
        fact = facts.get(name.strip())
        if fact is None or name.strip() not in letters.asking_order(draft):
            known = ", ".join(letters.asking_order(draft))
            raise click.BadParameter(f"{name!r} is not a fact of this letter; it uses {known}", param_hint="--fact")
        draft, problem = letters.give(draft, fact, value)
        if problem:
            raise click.BadParameter(f"{name}: {problem[0 if zh else 1]}", param_hint="--fact")
    while (fact := letters.next_fact(draft)) is not None:
        click.echo(letters.question(fact, lang))
        try:
            text = input("› ").strip()
        except (EOFError, KeyboardInterrupt):
            click.echo()
            missing = ", ".join(n for n in letters.asking_order(draft) if n not in draft.facts
                                and n not in draft.skipped)
            click.echo((f"没写完，还缺：{missing}（可以用 --fact 名称=内容 先给出）" if zh
                        else f"Not finished; still needed: {missing} (give them with --fact NAME=VALUE)"), err=True)
            sys.exit(1)
        if safety.is_crisis(text):  # safety first, on every line
            click.echo(safety.crisis_text(lang))
            continue
        if letters.CANCEL.match(text):
            click.echo("好的，这封信先不写了。" if zh else "OK, the letter is dropped.")
            return
        draft, problem = letters.give(draft, fact, text)
        if problem:
            click.echo(problem[0 if zh else 1])
    done = letters.fill(draft)
    click.echo("\n" + done.text() + "\n")
    path = out or Path(done.filename())
    try:
        path.write_bytes(done.docx())
    except OSError as exc:
        raise click.ClickException(f"could not save {path}: {exc.strerror}") from exc
    click.echo(f"Word 文件已保存：{path.resolve()}（可以修改后打印；签名、日期和身份证号打印后手写）" if zh
                else f"Saved as {path.resolve()} (edit and print it; sign, date and add your ID number by hand).")
