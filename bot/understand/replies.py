"""Reading a reply to one input's question (the /calc wizard): the value, or why it cannot be used.

The field's kind comes from the tool's schema (bot.calculator.schemas.Ask); the value is checked the way the
calculator will check it, so a bad value is asked again at its own step, not at the end:
negative money or days are refused, "5%" is a percent fee, a bare "0.05" for a rate is offered as 0.05% or 5%,
and a rate above 1% a day is questioned before it is used.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from bot.calculator import schemas
from bot.calculator.values import MAX_AMOUNT, MAX_DAYS, daily_rate
from bot.understand.facts import extract, parse_duration, parse_fees
from bot.understand.numbers import parse_number

_NONE = re.compile(r"^\s*(?:没有|没|无|不用|不需要|none|no|nothing|0)\s*[.。!！]?\s*$", re.I)
_TODAY = re.compile(r"^\s*(?:今天|今日|现在|today|now)\s*$", re.I)
_NEGATIVE = re.compile(r"^\s*(?:-|−|负)")
_UNIT_WORDS = (("daily", r"天|日|day|daily"), ("monthly", r"月|month"), ("annual", r"年|year|annual|apr"))
_IMPLAUSIBLE_DAILY = Decimal("0.01")  # above 1% a day (365% a year) a rate is questioned before it is used


@dataclass
class Reading:
    value: Any = None
    also: dict[str, Any] = field(default_factory=dict)  # other inputs said in the same reply (a rate's unit)
    problem: tuple[str, str] | None = None  # (zh, en): why the reply cannot be used; the step is asked again
    options: list[tuple[str, Any]] = field(default_factory=list)  # the reply could mean either: offer them
    check: tuple[str, str] | None = None  # a plausible-looking but extreme value: confirm before using it
    skip: bool = False  # "没有" to an optional step

    @property
    def ok(self) -> bool:
        return self.problem is None and not self.options and not self.skip


def read_reply(tool: str, name: str, text: str, inputs: dict[str, Any], today: date | None = None) -> Reading:
    """What `text` gives for input `name` of `tool` (with the inputs so far, for a rate's unit)."""
    got = schemas.ask(tool, name)
    text = unicodedata.normalize("NFKC", text or "").strip()
    kind = got.kind if got is not None else "number"
    if got is not None and got.optional and _NONE.match(text):
        return Reading(skip=True)
    reader = _READERS.get(kind, _read_number)
    return reader(tool, name, text, inputs, today or date.today())


def _problem(zh: str, en: str) -> Reading:
    return Reading(problem=(zh, en))


def _read_money(tool: str, name: str, text: str, inputs: dict[str, Any], today: date) -> Reading:
    if _NEGATIVE.match(text):
        return _problem("金额不能是负数，请发一个正数，比如 10000。", "An amount can't be negative: send e.g. 10000.")
    ask = schemas.ask(tool, name)
    positive = ask is not None and ask.positive
    if not positive and re.search(r"没还|没有还|一分没|都没|nothing|none", text, re.I):
        return Reading(value=Decimal(0))
    value = parse_number(re.sub(r"[元块¥￥]|块钱|rmb|yuan", "", text, flags=re.I))
    if value is None:
        found = extract(text).amounts
        value = found[0].value if found else None
    if value is None:
        return _problem("没看懂这个金额，请只发数字，比如 10000 或 1万。",
                        "I couldn't read that amount. Please send a number such as 10000.")
    if positive and value <= 0:
        return _problem("这个金额要大于 0。", "This amount has to be more than 0.")
    if value > MAX_AMOUNT:
        return _problem("这个金额大得不合常理，请检查位数。", "That amount is implausibly large; check the digits.")
    return Reading(value=value)


def _read_days(tool: str, name: str, text: str, inputs: dict[str, Any], today: date) -> Reading:
    if _NEGATIVE.match(text):
        return _problem("天数不能是负数。", "Days can't be negative.")
    span = parse_duration(text)
    number = parse_number(text.replace("天", "").replace("days", "").strip())
    days = span.days if span is not None else (int(number) if number is not None and number == int(number)
                                                else None)
    if days is None:
        return _problem("请发天数，比如 30 或“两个月”。", "Please send a number of days, e.g. 30 or '2 months'.")
    if not 0 <= days <= MAX_DAYS:
        return _problem(f"天数应在 0 到 {MAX_DAYS} 之间。", f"Days must be between 0 and {MAX_DAYS}.")
    return Reading(value=days)


def _read_months(tool: str, name: str, text: str, inputs: dict[str, Any], today: date) -> Reading:
    if _NEGATIVE.match(text):
        return _problem("期数不能是负数。", "The number of months can't be negative.")
    span = parse_duration(text)
    value = Decimal(span.months) if span is not None and span.months else parse_number(
        re.sub(r"期|个月|months?", "", text, flags=re.I).strip())
    if value is None or value != int(value) or not 1 <= value <= 600:
        return _problem("请发期数（1 到 600 之间的整数），比如 12。",
                        "Please send a whole number of months from 1 to 600.")
    return Reading(value=int(value))


def _read_number(tool: str, name: str, text: str, inputs: dict[str, Any], today: date) -> Reading:
    if _NEGATIVE.match(text):
        return _problem("不能是负数。", "It can't be negative.")
    value = parse_number(text.rstrip("倍x×"))
    if value is None:
        return _problem("请发一个数字。", "Please send a number.")
    return Reading(value=int(value) if value == int(value) else value)


def _read_date(tool: str, name: str, text: str, inputs: dict[str, Any], today: date) -> Reading:
    if _TODAY.match(text):
        return Reading(value=today.isoformat())
    found = extract(text).dates
    if not found:
        return _problem("请发日期，比如“2023年5月1日”或 2023-05-01。", "Please send a date such as 2023-05-01.")
    if date.fromisoformat(found[0]) > today:
        return _problem("这个日期还没到，请检查。", "That date is in the future; please check it.")
    return Reading(value=found[0])


def _read_choice(tool: str, name: str, text: str, inputs: dict[str, Any], today: date) -> Reading:
    low = text.lower()
    for value in schemas.choices(tool, name):
        labels = {value.lower(), schemas.choice_label(tool, name, value, "zh").lower(),
                  schemas.choice_label(tool, name, value, "en").lower()}
        if low in labels:
            return Reading(value=value)
    if name == "product_type":
        from bot.understand.facts import detect_product

        product = detect_product(text)
        if product:
            return Reading(value=product)
    return _problem("请点下面的一个按钮。", "Please tap one of the buttons.")


def _read_unit(tool: str, name: str, text: str, inputs: dict[str, Any], today: date) -> Reading:
    for unit, pattern in _UNIT_WORDS:
        if re.search(pattern, text, re.I):
            return Reading(value=unit)
    return _problem("请选按天、按月还是按年。", "Please choose per day, per month or per year.")


def _read_rate(tool: str, name: str, text: str, inputs: dict[str, Any], today: date) -> Reading:
    if _NEGATIVE.match(text):
        return _problem("利率不能是负数。", "A rate can't be negative.")
    unit_field = schemas.unit_field(tool, name)
    bare = re.fullmatch(r"(\d+(?:\.\d+)?)", text)
    if bare:
        number = Decimal(bare.group(1))
        decimals = len(bare.group(1).partition(".")[2])
        if number < 1 and decimals <= 2 and number > 0:
            small, big = f"{format(number.normalize(), 'f')}%", f"{format((number * 100).normalize(), 'f')}%"
            return Reading(options=[(small, number / 100), (big, number)])
        value, unit = (number / 100, None) if number >= 1 else (number, None)
    elif text.endswith(("%", "‰", "‱")) and re.fullmatch(r"\d+(?:\.\d+)?\s*[%‰‱]", text):
        scale = {"%": 100, "‰": 1000, "‱": 10000}[text[-1]]
        value, unit = Decimal(text[:-1].strip()) / scale, None
    else:
        rate = next((r for r in extract(text, loose=True).rates if r.kind != "markup"), None)
        if rate is None:
            return _problem("没看懂这个利率，比如发“日息万五”“月息1.5%”或“年化24%”。",
                            "I couldn't read that rate. Try '0.05% a day', '1.5% a month' or '24% a year'.")
        value, unit = rate.value, rate.unit
    reading = Reading(value=value)
    if unit is not None and unit_field is not None:
        reading.also[unit_field] = unit
    got = schemas.ask(tool, name)
    implied = got.per if got is not None else None
    if unit is not None and implied is not None and unit != implied:
        reading.value = _convert(value, unit, implied)
    _question_extremes(reading, unit or (inputs.get(unit_field) if unit_field else None) or implied)
    return reading


def _convert(value: Decimal, unit: str, to: str) -> Decimal:
    daily = daily_rate(value, unit, 365)
    return daily if to == "daily" else daily * 365 / 12


def _question_extremes(reading: Reading, unit: str | None) -> None:
    value = reading.value
    daily = daily_rate(value, unit, 365) if unit else value
    if (unit is not None and daily > _IMPLAUSIBLE_DAILY) or (unit is None and value >= 1):
        shown = format((value * 100).normalize(), "f")
        reading.check = (f"{shown}% 折算下来每天超过 1%（年化超过 365%），这非常罕见，常见的是把 0.05% 写成了 5%。"
                         "确定是这个利率吗？",
                         f"{shown}% works out above 1% a day (over 365% a year), which is very rare — 0.05% "
                         "typed as 5% is common. Is that really the rate?")


def _read_fee(tool: str, name: str, text: str, inputs: dict[str, Any], today: date) -> Reading:
    if _NEGATIVE.match(text):
        return _problem("费用不能是负数。", "A fee can't be negative.")
    percent = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%", text)
    if percent:
        return Reading(value={"type": "percent", "pct": Decimal(percent.group(1)) / 100,
                              "base": "principal_overdue", "times": 1})
    fees = parse_fees(text)
    if fees and fees[0].kind == "penalty_fee":
        return Reading(value=fees[0].to_spec())
    money = _read_money(tool, name, text, inputs, today)
    if money.problem is None and money.value is not None:
        if money.value == 0:
            return Reading(skip=True)
        return Reading(value={"type": "fixed", "amount": money.value, "times": 1})
    return _problem("没看懂这个费用。发金额如 200，或比例如 5%，没有就点“没有”。",
                    "I couldn't read that fee. Send an amount like 200 or a percent like 5%, or tap 'None'.")


_READERS = {
    "money": _read_money, "days": _read_days, "months": _read_months, "int": _read_number, "number": _read_number,
    "date": _read_date, "choice": _read_choice, "unit": _read_unit, "rate": _read_rate, "fee": _read_fee,
}
