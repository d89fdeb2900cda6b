"""Reading the JSON-like inputs object: numbers, rates, days, dates and choices, each checked with a clear error.

Numbers may arrive as int, float, str or Decimal. Floats go through their shortest repr so 0.1 stays 0.1.
A rate written as a plain number is a fraction (0.0005); "0.05%", "0.5‰" and "5‱" are accepted too.
A plain number of 1 or more for a rate is refused: "5" could be 5% or 500%, and nothing is guessed.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any, ParamSpec, TypeVar

from bot.calculator.errors import CalcError

MAX_AMOUNT = Decimal("1e12")  # anything larger is a typo, not a debt
MAX_DAYS = 36500  # 100 years
UNITS = ("daily", "monthly", "annual")
UNIT_ALIASES = {
    "daily": "daily", "day": "daily", "d": "daily", "per day": "daily", "日": "daily", "天": "daily", "日息": "daily",
    "monthly": "monthly", "month": "monthly", "m": "monthly", "per month": "monthly", "月": "monthly",
    "月息": "monthly",
    "annual": "annual", "annually": "annual", "yearly": "annual", "year": "annual", "y": "annual",
    "per year": "annual", "年": "annual", "年化": "annual", "年息": "annual",
}
UNIT_WORDS = {"daily": ("每日", "a day"), "monthly": ("每月", "a month"), "annual": ("每年", "a year")}

P = ParamSpec("P")
R = TypeVar("R")

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MISSING: Any = object()


WORKING_PRECISION = 50  # significant digits for intermediate values; results are rounded once, at the end


def precise(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a calculator tool with WORKING_PRECISION digits, whatever the caller's decimal context."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext() as ctx:
            ctx.prec = WORKING_PRECISION
            return fn(*args, **kwargs)

    return run


def fixed(value: Decimal, places: int) -> Decimal:
    """Round half-up to `places` places, with enough precision for any magnitude (compounding can explode)."""
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, value.adjusted() + places + 5)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money(value: Decimal) -> Decimal:
    """Round a money amount to the cent, half-up."""
    return fixed(value, 2)


def pct(value: Decimal, places: int = 6) -> Decimal:
    """Round a percent figure half-up to at most `places` places, keeping at least 2 (18.25, 16.216482)."""
    rounded = fixed(value, places)
    text = format(rounded, "f")
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0").ljust(2, "0")
    return Decimal(f"{whole}.{frac}")


def _err(field: str, en: str, zh: str) -> CalcError:
    return CalcError(en, field, message_zh=zh)


def to_decimal(value: Any, field: str) -> Decimal:
    """A finite Decimal from int/float/str/Decimal; anything else is a CalcError naming `field`."""
    if isinstance(value, bool) or value is None:
        raise _err(field, f"{field} must be a number, got {value!r}", f"{field} 应为数字，收到的是 {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _err(field, f"{field} must be a finite number", f"{field} 必须是有限的数字")
        result = Decimal(repr(value))
    elif isinstance(value, str):
        cleaned = value.strip().replace(",", "").replace("_", "").replace("，", "")
        try:
            result = Decimal(cleaned)
        except InvalidOperation:
            raise _err(
                field,
                f"{field} must be a number like 10000 or 0.0005, got {value!r}",
                f"{field} 应为数字（例如 10000 或 0.0005），收到的是 {value!r}",
            ) from None
    else:
        raise _err(field, f"{field} must be a number, got {type(value).__name__}",
                   f"{field} 应为数字，收到的类型是 {type(value).__name__}")
    if not result.is_finite():
        raise _err(field, f"{field} must be a finite number, got {value!r}", f"{field} 必须是有限的数字")
    return result


def parse_rate(value: Any, field: str) -> Decimal:
    """A rate as a fraction per unit: 0.0005, "0.05%", "0.5‰" or "5‱". Plain numbers ≥ 1 are refused."""
    if isinstance(value, str):
        text = value.strip().replace("％", "%")
        for suffix, scale in (("%", 100), ("‰", 1000), ("‱", 10000)):
            if text.endswith(suffix):
                number = to_decimal(text[: -len(suffix)], field)
                if number < 0:
                    raise _err(field, f"{field} cannot be negative", f"{field} 不能为负数")
                return number / scale
    number = to_decimal(value, field)
    if number < 0:
        raise _err(field, f"{field} cannot be negative", f"{field} 不能为负数")
    if number >= 1:
        raise _err(
            field,
            f"{field}={value} looks like a percent: a plain number is read as a fraction (0.05 = 5%). "
            f"Write \"{number}%\" if you meant {number} percent, or give the fraction {number / 100}.",
            f"{field}={value} 看起来是百分数：纯数字按小数理解（0.05 即 5%）。"
            f"如果是 {number}%，请写成 \"{number}%\"，或填写小数 {number / 100}。",
        )
    return number


def parse_unit(value: Any, field: str) -> str:
    key = str(value).strip().lower() if value is not None else ""
    unit = UNIT_ALIASES.get(key)
    if unit is None:
        raise _err(
            field,
            f"{field} must be one of daily, monthly, annual (got {value!r})",
            f"{field} 应为 daily（日）、monthly（月）或 annual（年），收到的是 {value!r}",
        )
    return unit


def parse_date(value: Any, field: str) -> date:
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    if isinstance(value, str) and _DATE_RE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _err(field, f"{field} must be a date written YYYY-MM-DD (e.g. 2025-03-15), got {value!r}",
               f"{field} 应为 YYYY-MM-DD 格式的日期（例如 2025-03-15），收到的是 {value!r}")


class Reader:
    """Reads one tool's inputs object, remembering what it read so leftovers (typos) can be reported."""

    def __init__(self, inputs: Mapping[str, Any], tool: str, allowed: Iterable[str] | None = None) -> None:
        if not isinstance(inputs, Mapping):
            raise CalcError(f"the inputs for {tool} must be a JSON object", None,
                            message_zh=f"{tool} 的输入必须是一个 JSON 对象")
        self.inputs = {k: v for k, v in inputs.items() if v is not None}
        self.tool = tool
        # The tool's schema (bot.calculator.schemas) names the inputs; run_tool has checked them against it.
        if allowed is not None:
            refuse_unknown(self.inputs, tool, allowed)

    def has(self, key: str) -> bool:
        return key in self.inputs

    def raw(self, key: str, default: Any = _MISSING) -> Any:
        if key in self.inputs:
            return self.inputs[key]
        if default is _MISSING:
            raise _err(key, f"{key} is required for {self.tool}", f"{self.tool} 需要填写 {key}")
        return default

    def number(
        self,
        key: str,
        default: Any = _MISSING,
        *,
        minimum: Decimal | int | None = 0,
        positive: bool = False,
        maximum: Decimal | int | None = MAX_AMOUNT,
    ) -> Decimal:
        value = self.raw(key, default)
        number = to_decimal(value, key)
        if positive and number <= 0:
            raise _err(key, f"{key} must be greater than 0 (got {value})", f"{key} 必须大于 0（收到 {value}）")
        if minimum is not None and number < minimum:
            raise _err(key, f"{key} cannot be less than {minimum} (got {value})",
                       f"{key} 不能小于 {minimum}（收到 {value}）")
        if maximum is not None and number > maximum:
            limit = f"{Decimal(maximum):,f}"
            raise _err(key, f"{key}={value} is implausibly large (limit {limit}); check the digits",
                       f"{key}={value} 大得不合常理（上限 {limit}），请检查位数")
        return number

    def integer(self, key: str, default: Any = _MISSING, *, minimum: int = 0, maximum: int = MAX_DAYS) -> int:
        value = self.raw(key, default)
        number = to_decimal(value, key)
        if number != number.to_integral_value():
            raise _err(key, f"{key} must be a whole number (got {value})", f"{key} 必须是整数（收到 {value}）")
        if number < minimum or number > maximum:
            raise _err(key, f"{key} must be between {minimum} and {maximum} (got {value})",
                       f"{key} 应在 {minimum} 到 {maximum} 之间（收到 {value}）")
        return int(number)

    def rate(self, key: str, default: Any = _MISSING) -> Decimal:
        return parse_rate(self.raw(key, default), key)

    def unit(self, key: str, default: Any = _MISSING, *, rate_key: str | None = None) -> str:
        if key not in self.inputs and default is _MISSING:
            about = f" for {rate_key}" if rate_key else ""
            raise _err(
                key,
                f"{key} is missing: say whether the rate{about} is daily, monthly or annual "
                "(\"1.5\" could be 1.5% a month or 1.5‰ a day)",
                f"缺少 {key}：请说明利率是按日、按月还是按年（“1.5”可能是月息 1.5%，也可能是日息 1.5‰）",
            )
        return parse_unit(self.inputs.get(key, default), key)

    def choice(self, key: str, choices: Iterable[str], default: Any = _MISSING) -> Any:
        options = tuple(choices)
        value = self.raw(key, default)
        if value is None and default is None:
            return None
        if not isinstance(value, str) or value.strip() not in options:
            raise _err(key, f"{key} must be one of {', '.join(options)} (got {value!r})",
                       f"{key} 应为以下之一：{'、'.join(options)}（收到 {value!r}）")
        return value.strip()

    def date(self, key: str, default: Any = _MISSING) -> date:
        value = self.raw(key, default)
        return parse_date(value, key)

    def day_basis(self, default: int) -> int:
        value = self.raw("day_basis", default)
        number = to_decimal(value, "day_basis")
        if number not in (360, 365):
            raise _err("day_basis", f"day_basis must be 360 or 365 (got {value})",
                       f"day_basis 只能是 360 或 365（收到 {value}）")
        return int(number)



def refuse_unknown(inputs: Mapping[str, Any], tool: str, allowed: Iterable[str]) -> None:
    """Refuse inputs a tool does not know, naming the closest one: a typo must not silently use a default."""
    known = sorted(set(allowed))
    unknown = sorted(set(map(str, inputs)) - set(known))
    if not unknown:
        return
    key = unknown[0]
    close = difflib.get_close_matches(key, known, n=1)
    hint_en = f"; did you mean {close[0]}?" if close else f"; {tool} accepts {', '.join(known)}"
    hint_zh = f"；是不是 {close[0]}？" if close else f"；{tool} 可用的输入有 {', '.join(known)}"
    raise _err(key, f"unknown input {key!r} for {tool}{hint_en}", f"{tool} 不认识输入 {key!r}{hint_zh}")


def daily_rate(rate: Decimal, unit: str, day_basis: int) -> Decimal:
    """Convert a rate to a daily fraction: daily = annual / day_basis; monthly = annual / 12."""
    if unit == "daily":
        return rate
    if unit == "monthly":
        return rate * 12 / day_basis
    return rate / day_basis


def unit_words(unit: str) -> tuple[str, str]:
    return UNIT_WORDS[unit]
