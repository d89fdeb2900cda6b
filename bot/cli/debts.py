"""`finbot debts` — your debts in plain words, in the terminal: the table understood, then the plan.

Type the debts one per line or all at once ("招行信用卡欠3万最低还1500，借呗1万2日息万五，朋友借的2万"), then the
budget ("每月能还5000"); correct anything in plain words ("借呗改成1万5", "删掉美团"). The same engine as the chat
and the Telegram /debts (bot/engine/debts.py); nothing is written anywhere unless you ask (/chart, /json).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot.cli.calc import default_lang

COMMANDS_HELP = {
    "zh": "命令：/list 看清单　/remove 名称 删除一笔　/snowball 或 /avalanche 换顺序　/chart [文件] 保存图　"
          "/json 输出计划的 JSON　/quit 退出",
    "en": "Commands: /list show the list  /remove NAME delete one  /snowball or /avalanche change the order  "
          "/chart [FILE] save the chart  /json print the plan as JSON  /quit leave",
}


@click.command()
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="language of the answers (default: your locale if it is English, else zh)")
def debts(lang: str | None) -> None:
    """Your debts in plain words: the table understood, the order to pay them, the months and interest on your
    budget, what paying only the minimums costs, and a chart."""
    from bot import safety
    from bot.engine.debts import Book, Outcome, apply, question, remove, status

    lang = lang or default_lang()
    book = Book()
    last: Outcome | None = None
    click.echo(("把你的欠款告诉我：一行一笔或一次说完，再说每月能拿出多少钱。" if lang == "zh"
                else "Tell me what you owe, one per line or all at once, then what you can pay each month.")
               + "\n" + COMMANDS_HELP[lang])
    first = question(book, lang)
    if first:
        click.echo(first[0])
    while True:
        try:
            text = input("› ").strip()
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return
        if not text:
            continue
        if safety.is_crisis(text):  # safety first, on every line
            click.echo(safety.crisis_text(lang))
            continue
        word, _, rest = text.partition(" ")
        if word in ("/quit", "/exit", "/q"):
            return
        if word == "/chart":
            _save_chart(last, rest.strip() or "finbot-debts.png", lang)
            continue
        if word == "/json":
            click.echo(json.dumps(json.loads(_dumps(last)), ensure_ascii=False, indent=1) if last and last.result
                       else ("（还没有计划）" if lang == "zh" else "(no plan yet)"))
            continue
        if word == "/remove":
            if not remove(book, rest.strip()):
                click.echo((f"清单里没有“{rest.strip()}”。" if lang == "zh" else f"No debt called '{rest.strip()}'.")
                           + " " + "、".join(book.names()))
                continue
        elif word in ("/snowball", "/avalanche"):
            book.strategy = word[1:]
        elif word != "/list" and apply(book, text).kind == "none":
            click.echo(("这句话里我没读到欠款、金额或预算。" if lang == "zh"
                        else "I found no debt, amount or budget in that.") + " " + COMMANDS_HELP[lang])
            continue
        last = status(book, lang)
        click.echo("\n" + last.text + "\n")
        if last.result is not None:
            click.echo("（/chart 保存余额变化图）" if lang == "zh" else "(/chart saves the chart)")


def _dumps(outcome: object) -> str:
    from bot.calculator import dumps

    return dumps(getattr(outcome, "result", None))


def _save_chart(outcome: object, name: str, lang: str) -> None:
    png = outcome.chart(lang) if outcome is not None and hasattr(outcome, "chart") else None
    if png is None:
        click.echo("（还没有可画的计划）" if lang == "zh" else "(no plan to draw yet)")
        return
    path = Path(name)
    try:
        path.write_bytes(png)
    except OSError as exc:
        click.echo(f"图没存上：{exc.strerror}（{path}）" if lang == "zh"
                    else f"Could not save the chart: {exc.strerror} ({path})")
        return
    click.echo(f"（图已保存到 {path.resolve()}）" if lang == "zh" else f"(chart saved to {path.resolve()})")
