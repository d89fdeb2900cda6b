"""growth — how a debt grows over time at a given rate (the "does it really become 8×?" question)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from bot.calculator.errors import CalcError
from bot.calculator.text import Note, fmt_money, fmt_pct, steep_rate_note
from bot.calculator.values import MAX_DAYS, Reader, daily_rate, fixed, money, precise, unit_words

SERIES_POINTS = 60  # enough for a smooth chart, small enough to send around
MAX_MULTIPLE = Decimal(1_000_000)
DEFAULT_TARGET = Decimal(8)
HUGE_BALANCE = Decimal("1e12")  # the "does it really become 8×?" myth


@dataclass(frozen=True)
class GrowthInput:
    principal: Decimal
    rate: Decimal  # fraction per rate_unit
    rate_unit: str
    day_basis: int = 365
    compounding_period_days: int = 0
    horizon_days: int = 365
    target_multiple: Decimal | None = None  # None: not asked; days_to_target still reports 8× (the myth)


@dataclass(frozen=True)
class GrowthResult:
    balance_at_horizon: Decimal
    multiple_at_horizon: Decimal
    days_to_target: int | None
    years_to_target: Decimal | None
    series: tuple[tuple[int, Decimal], ...]
    notes: tuple[Note, ...] = field(default=(), compare=False)


def balance(principal: Decimal, r: Decimal, cp: int, days: int) -> Decimal:
    """P(1+r·cp)^floor(D/cp)(1+r·(D mod cp)) with r daily; cp = 0 is simple interest P(1+r·D)."""
    if cp == 0:
        return principal * (1 + r * days)
    periods, rest = divmod(days, cp)
    return principal * (1 + r * cp) ** periods * (1 + r * rest)


def days_to_reach(principal: Decimal, r: Decimal, cp: int, multiple: Decimal) -> int | None:
    """The smallest whole day with balance ≥ multiple × principal, or None beyond 100 years (balance only rises)."""
    target = principal * multiple
    if balance(principal, r, cp, MAX_DAYS) < target:
        return None
    low, high = 0, MAX_DAYS  # invariant: balance(high) >= target
    while low < high:
        mid = (low + high) // 2
        if balance(principal, r, cp, mid) >= target:
            high = mid
        else:
            low = mid + 1
    return low


@precise
def growth(inp: GrowthInput) -> GrowthResult:
    p, cp, horizon = inp.principal, inp.compounding_period_days, inp.horizon_days
    r = daily_rate(inp.rate, inp.rate_unit, inp.day_basis)
    at_horizon = balance(p, r, cp, horizon)
    target = inp.target_multiple or DEFAULT_TARGET
    days = days_to_reach(p, r, cp, target)
    step = max(1, -(-horizon // SERIES_POINTS))
    points = [*range(0, horizon, step), horizon]
    series = tuple((d, money(balance(p, r, cp, d))) for d in points)
    zh_unit, en_unit = unit_words(inp.rate_unit)
    notes = [Note(
        zh=f"利率 {fmt_pct(inp.rate * 100)}%（{zh_unit}），折合日利率 {fmt_pct(r * 100)}%、年化 "
        f"{fmt_pct(r * 365 * 100, 2)}%（一年按 {inp.day_basis} 天折算日利率）。",
        en=f"Rate {fmt_pct(inp.rate * 100)}% {en_unit}: {fmt_pct(r * 100)}% a day, {fmt_pct(r * 365 * 100, 2)}% a "
        f"year (daily rate on a {inp.day_basis}-day year).",
    )]
    steep = steep_rate_note(r)
    if steep is not None:
        notes.append(steep)
    if cp == 0:
        notes.append(Note(zh="单利：利息不再生息。", en="Simple interest: interest does not earn interest."))
    else:
        every_zh, every_en = ("每天", "every day") if cp == 1 else (f"每 {cp} 天", f"every {cp} days")
        notes.append(Note(zh=f"复利：{every_zh}把利息计入本金。",
                          en=f"Compound interest: interest is added to the balance {every_en}."))
    multiple = format(target.normalize(), "f")
    if inp.target_multiple is None:
        pass  # nobody asked how long until a multiple: no sentence about it
    elif days is None:
        notes.append(Note(zh=f"按这个利率，100 年内都到不了 {multiple} 倍。",
                          en=f"At this rate the debt does not reach {multiple}× within 100 years."))
    else:
        notes.append(Note(
            zh=f"到 {multiple} 倍需要 {days} 天，约 {fixed(Decimal(days) / 365, 2)} 年。",
            en=f"Reaching {multiple}× takes {days} days, about {fixed(Decimal(days) / 365, 2)} years.",
        ))
    if at_horizon >= HUGE_BALANCE:  # no debt reaches this: say its size, not 160 digits
        digits = at_horizon.adjusted() + 1
        said_zh, said_en = f"是一个 {digits} 位数的天文数字（请核对利率）", f"a {digits}-digit figure (check the rate)"
    else:
        said_zh = said_en = fmt_money(money(at_horizon))
    notes.append(Note(
        zh=f"{horizon} 天后余额 {said_zh}。合法利率下，债务很难在一年内翻几倍；"
        "真正让债务成倍增长的，通常是“以贷养贷”（借新还旧、层层叠加的费用和砍头息）。",
        en=f"Balance after {horizon} days: {said_en}. At lawful rates a debt does not multiply "
        "within a year; what really multiplies debt is borrowing to repay other loans (以贷养贷), with fees and "
        "up-front deductions stacking up.",
    ))
    return GrowthResult(
        balance_at_horizon=money(at_horizon),
        multiple_at_horizon=fixed(at_horizon / p, 4),
        days_to_target=days,
        years_to_target=fixed(Decimal(days) / 365, 2) if days is not None else None,
        series=series,
        notes=tuple(notes),
    )


def parse_growth_input(inputs: Any, today: date) -> tuple[GrowthInput, list[Note]]:
    del today
    reader = Reader(inputs, "growth")
    inp = GrowthInput(
        principal=reader.number("principal", positive=True),
        rate=reader.rate("rate"),
        rate_unit=reader.unit("rate_unit", rate_key="rate"),
        day_basis=reader.day_basis(365),
        compounding_period_days=reader.integer("compounding_period_days", 0),
        horizon_days=reader.integer("horizon_days", 365),
        target_multiple=reader.number("target_multiple", maximum=MAX_MULTIPLE) if reader.has("target_multiple")
        else None,
    )
    if inp.target_multiple is not None and inp.target_multiple <= 1:
        raise CalcError(f"target_multiple must be more than 1 (got {inp.target_multiple}); 8 means eight times",
                        "target_multiple", message_zh=f"target_multiple 必须大于 1（收到 {inp.target_multiple}）；"
                        "8 表示 8 倍")
    if daily_rate(inp.rate, inp.rate_unit, inp.day_basis) > 1:
        raise CalcError("the rate works out above 100% a day; check the number and unit", "rate",
                        message_zh="利率折算后超过每天 100%，请检查数字和单位")
    return inp, []
