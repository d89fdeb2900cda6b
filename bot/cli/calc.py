"""`finbot calc TOOL` — run one calculator tool from the command line.

Options and their help come from the tool's schema (bot.calculator.schemas): a field `principal_overdue` is
`--principal-overdue`, plus the short names its schema lists (`--principal`). Values may be written the way people
write them: `--principal 1万`, `--rate 万五`, `--rate 日息万五` (the unit comes with it), `--days 两个月`,
`--contract-date 2023年5月1日`. A bare decimal rate such as `0.05` is refused with both readings named: it could be
0.05% or 5%.

`--json`: the inputs object (shared/design/calculator.md) on stdin, the outputs object on stdout; options given on
the command line are merged over it. Otherwise: options in, a readable breakdown out. Bad input of any kind
exits with status 2 and says what is wrong (as {"error", "field"} JSON on stdout with --json).
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from decimal import Decimal
from typing import Any

import click

from bot.calculator import TOOLS, CalcError, dumps, run_tool, schemas
from bot.cli.calc_render import render

ASSUMED = "__assumed__"  # the defaults a plan read from plain words uses, per debt (CLI only, never a tool input)
_PLAIN = re.compile(r"^\s*[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*$")


class InputError(Exception):
    """Bad input caught before the calculator (stdin that is not JSON, a rate that could mean two things)."""

    def __init__(self, message: str, field: str | None = None, *, message_zh: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field, self.message_zh = message, field, message_zh

    def text(self, lang: str) -> str:
        return self.message_zh if lang == "zh" and self.message_zh else self.message


def default_lang() -> str:
    """The user's locale when it is English, else Chinese (the main audience)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def option_names(tool: str, name: str, cli: tuple[str, ...], prefix: str = "") -> list[str]:
    main = f"--{prefix}{name.replace('_', '-')}"
    return list(dict.fromkeys([*cli, main]))


def _options(tool: str) -> list[tuple[list[str], str, str, schemas.Ask]]:
    """(option names, input key, help, Ask) for every field of the tool's schema; a fee's own fields get --fee-…."""
    out = []
    for name, info, ask in schemas.fields(tool):
        if name == "fee":
            for sub, sub_info in schemas.FeeArgs.model_fields.items():
                if sub == "type":
                    continue
                sub_ask = schemas.ask_of(sub_info)
                out.append((option_names(tool, sub, sub_ask.cli, "fee-"), f"fee.{sub}", sub_info.description or "",
                            sub_ask))
            continue
        out.append((option_names(tool, name, ask.cli), name, info.description or "", ask))
    return out


def _read_stdin_json() -> dict[str, Any]:
    stream = sys.stdin
    if stream.isatty():
        return {}
    text = stream.read()
    if not text.strip():
        return {}
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(f"stdin is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                         message_zh=f"标准输入不是合法的 JSON：第 {exc.lineno} 行第 {exc.colno} 列 {exc.msg}") from None
    if not isinstance(data, dict):
        raise InputError("stdin must hold one JSON object with the tool's inputs, e.g. {\"rate\": \"0.05%\", ...}",
                         message_zh="标准输入应是一个包含输入的 JSON 对象，例如 {\"rate\": \"0.05%\", ...}")
    return data


def _fee_from_options(fee_values: dict[str, str]) -> dict[str, str] | None:
    if not fee_values:
        return None
    if "amount" in fee_values and "pct" in fee_values:
        raise InputError("give either --fee-fixed or --fee-percent, not both", "fee",
                         message_zh="--fee-fixed 和 --fee-percent 只能给一个")
    if "amount" in fee_values:
        return {"type": "fixed", **fee_values}
    if "pct" in fee_values:
        return {"type": "percent", **fee_values}
    raise InputError("--fee-base/--fee-min/--fee-max/--fee-times need --fee-fixed or --fee-percent", "fee",
                     message_zh="--fee-base/--fee-min/--fee-max/--fee-times 需要和 --fee-fixed 或 --fee-percent 一起用")


def read_value(tool: str, key: str, ask: schemas.Ask, raw: str, inputs: dict[str, Any]) -> Any:
    """An option's text as the calculator reads it: Chinese forms become numbers; units said with a rate are kept.

    Anything it cannot read is passed on unchanged, so the calculator's own error names what is wrong."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if ask.kind == "debts":
        return _read_debts(text, inputs)
    if ask.kind == "rate":
        return _read_rate(tool, key, text, inputs)
    if ask.kind in ("money", "number") and not _PLAIN.match(text):
        from bot.understand import parse_number

        value = parse_number(text.replace("元", "").replace("块", "").replace("¥", ""))
        return format(value, "f") if value is not None else raw
    if ask.kind in ("days", "months", "int") and not _PLAIN.match(text):
        from bot.understand import parse_duration, parse_number

        span = parse_duration(text) if ask.kind == "days" else None
        if span is not None:
            return span.days
        value = parse_number(text)
        return int(value) if value is not None and value == int(value) else raw
    if ask.kind == "date" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        from bot.understand import extract

        dates = extract(text).dates
        return dates[0] if dates else raw
    return raw


def _read_debts(text: str, inputs: dict[str, Any]) -> Any:
    """--debts: a JSON list, or the debts in plain words ("招行信用卡欠3万最低还1500；借呗1万2日息万五"), read the way
    the chat reads them (the defaults it uses are the chat's: bot/engine/debts.py); a budget said there is used too."""
    if text.startswith("["):
        try:
            return json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise InputError(f"--debts is not valid JSON: {exc.msg} at column {exc.colno}", "debts",
                             message_zh=f"--debts 不是合法的 JSON：第 {exc.colno} 列 {exc.msg}") from None
    from bot.engine.debts import Book, apply, assumed_of, question
    from bot.engine.debts import inputs as plan_inputs

    book = Book()
    apply(book, text)
    got = plan_inputs(book)
    if got is None:
        asked = question(book, "en")
        asked_zh = question(book, "zh")
        raise InputError(f"--debts: {asked[0] if asked else 'no debt found'}", "debts",
                         message_zh=f"--debts：{asked_zh[0] if asked_zh else '没有读到欠款'}")
    if book.budget is not None:
        inputs.setdefault("monthly_budget", format(book.budget, "f"))
    inputs[ASSUMED] = assumed_of(book)  # said in the table, taken out before the calculator sees the inputs
    return got["debts"]


def _read_rate(tool: str, key: str, text: str, inputs: dict[str, Any]) -> Any:
    if _PLAIN.match(text):
        number = Decimal(text.replace(",", ""))
        decimals = -number.as_tuple().exponent if isinstance(number.as_tuple().exponent, int) else 0
        ask = schemas.ask(tool, key)
        # An interest rate typed bare: 0.05 is as likely 0.05% as 5%. Shares (a 0.5 markup) are fractions by design.
        if ask is not None and not ask.share and 0 < number < 1 and decimals <= 2:
            pct = format((number * 100).normalize(), "f")
            plain = format(number.normalize(), "f")
            raise InputError(
                f"{text} could be {plain}% or {pct}%: write the percent sign ({plain}% or {pct}%), or a 万/千 form "
                "such as 万五",
                key,
                message_zh=f"{text} 可能是 {plain}%，也可能是 {pct}%：请带上百分号（{plain}% 或 {pct}%），"
                "或写成“万五”“千一”这样的说法",
            )
        return text
    if text.endswith(("%", "‰", "‱")):
        return text
    from bot.understand import extract

    facts = extract(text, loose=True)
    rate = next((r for r in facts.rates if r.kind != "markup"), None)
    if rate is None:
        return text
    unit_field = schemas.unit_field(tool, key)
    if rate.unit and unit_field and unit_field not in inputs:
        inputs[unit_field] = rate.unit
    if rate.unit and unit_field is None and tool == "card" and rate.unit != "daily":
        raise InputError(f"{text} is not a daily rate: give the daily rate (e.g. 0.05% or 万五)", key,
                         message_zh=f"{text} 不是日利率：请给出日利率（例如 0.05% 或 万五）")
    return f"{format((rate.value * 100).normalize(), 'f')}%"


def _make_command(tool: str) -> click.Command:
    options = _options(tool)

    def callback(as_json: bool, lang: str | None, **values: str | None) -> None:
        lang = lang or default_lang()
        shown = {key: names[0] for names, key, _h, _a in options}
        try:
            inputs = _read_stdin_json() if as_json else {}
            fee: dict[str, Any] = {}
            for _names, key, _help, ask in options:
                raw = values.get(_dest(key))
                if raw is None:
                    continue
                value = read_value(tool, key.split(".")[-1] if key.startswith("fee.") else key, ask, raw, inputs)
                if key.startswith("fee."):
                    fee[key[4:]] = value
                else:
                    inputs[key] = value
            fee_spec = _fee_from_options(fee)
            if fee_spec is not None:
                inputs["fee"] = fee_spec
            assumed = inputs.pop(ASSUMED, None)
            result = run_tool(tool, inputs, lang=lang)
        except (CalcError, InputError) as exc:
            if as_json:
                click.echo(json.dumps({"error": exc.text(lang), "field": exc.field}, ensure_ascii=False))
            else:
                names = {**shown, **{k.split(".", 1)[1]: v for k, v in shown.items() if k.startswith("fee.")}}
                message = schemas.humanize(exc.text(lang), lang, tool, names)
                where = f" ({shown.get(exc.field or '', schemas.label(exc.field, lang, tool))})" if exc.field else ""
                click.echo(f"{'错误' if lang == 'zh' else 'Error'}{where}: {message}", err=True)
            sys.exit(2)
        click.echo(dumps(result) if as_json else render(result, lang, assumed))

    params: list[click.Parameter] = [
        click.Option(["--json", "as_json"], is_flag=True, help="inputs object on stdin, outputs object on stdout"),
        click.Option(["--lang"], type=click.Choice(["zh", "en"]), default=None,
                     help="language of the answer (default: your locale if it is English, else zh)"),
    ]
    params += [click.Option([*names, _dest(key)], help=text) for names, key, text, _ask in options]
    summary = schemas.TOOL_TITLES[tool][1]
    doc = " ".join((schemas.SCHEMAS[tool].__doc__ or summary).split())
    return click.Command(tool, callback=callback, params=params, help=doc, short_help=summary)


def _dest(key: str) -> str:
    return "opt_" + key.replace(".", "_")


@click.group("calc", context_settings={"help_option_names": ["-h", "--help"]})
def calc() -> None:
    """Run a calculator tool: penalty, card, installment, growth, convert, lpr, cost or plan.

    Example: finbot calc penalty --principal 1万 --rate 万五 --per day --days 30
    """


for _tool in TOOLS:
    calc.add_command(_make_command(_tool))

__all__ = ["InputError", "calc", "default_lang", "read_value", "render"]
