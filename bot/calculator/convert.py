"""convert — one rate in daily, monthly and annual terms (nominal: no compounding)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from bot.calculator.text import Note, fmt_pct
from bot.calculator.values import Reader, daily_rate, pct, precise, unit_words


@dataclass(frozen=True)
class ConvertInput:
    rate: Decimal  # fraction per unit
    unit: str
    day_basis: int = 365


@dataclass(frozen=True)
class ConvertResult:
    annual_pct: Decimal
    monthly_pct: Decimal
    daily_pct: Decimal
    notes: tuple[Note, ...] = field(default=(), compare=False)


@precise
def convert(inp: ConvertInput) -> ConvertResult:
    daily = daily_rate(inp.rate, inp.unit, inp.day_basis)
    annual = daily * inp.day_basis if inp.unit == "daily" else (
        inp.rate * 12 if inp.unit == "monthly" else inp.rate)
    monthly = annual / 12
    zh_unit, en_unit = unit_words(inp.unit)
    other = 360 if inp.day_basis == 365 else 365
    notes = (
        Note(
            zh=f"输入：{fmt_pct(inp.rate * 100)}%（{zh_unit}）。一年按 {inp.day_basis} 天，一个月按一年的 1/12；"
            f"这是名义换算，不含复利。",
            en=f"Input: {fmt_pct(inp.rate * 100)}% {en_unit}. A {inp.day_basis}-day year and a month of 1/12 year; "
            "a nominal conversion, without compounding.",
        ),
        Note(
            zh=f"若一年按 {other} 天，年化为 {fmt_pct(daily_rate(inp.rate, inp.unit, inp.day_basis) * other * 100)}%"
            "（仅影响日利率与年利率之间的换算）。" if inp.unit == "daily" else
            f"若一年按 {other} 天，日利率为 {fmt_pct(annual / other * 100)}%（仅影响日利率与年利率之间的换算）。",
            en=f"On a {other}-day year the annual rate would be "
            f"{fmt_pct(daily_rate(inp.rate, inp.unit, inp.day_basis) * other * 100)}% (the day basis only affects "
            "daily↔annual)." if inp.unit == "daily" else
            f"On a {other}-day year the daily rate would be {fmt_pct(annual / other * 100)}% (the day basis only "
            "affects daily↔annual).",
        ),
    )
    return ConvertResult(pct(annual * 100), pct(monthly * 100), pct(daily * 100), notes)


def parse_convert_input(inputs: Any, today: date) -> tuple[ConvertInput, list[Note]]:
    del today
    reader = Reader(inputs, "convert")
    return ConvertInput(
        rate=reader.rate("rate"),
        unit=reader.unit("unit", rate_key="rate"),
        day_basis=reader.day_basis(365),
    ), []
