"""cost — what a loan costs when it is repaid on time (not overdue).

"年化36%的网贷借1万一年利息多少", "借5万分24期等额本息月利率1%一共还多少". The monthly rate m is annual/12, the
monthly rate, or daily × day_basis / 12; a one-off loan (`simple`) runs P × daily × days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from bot.calculator.caps import (
    PRODUCT_TYPES,
    REFERENCE_LINE_PCT,
    UPPER_LINE_PCT,
    applicable_cap,
)
from bot.calculator.errors import CalcError
from bot.calculator.lpr import LprTable
from bot.calculator.text import Note, fmt_money, fmt_pct, steep_rate_note
from bot.calculator.values import Reader, daily_rate, money, pct, precise, unit_words

METHODS = ("simple", "annuity", "equal_principal", "interest_only")
MAX_MONTHS = 600


@dataclass(frozen=True)
class CostInput:
    principal: Decimal
    rate: Decimal  # fraction per rate_unit
    rate_unit: str
    method: str
    days: int | None = None  # simple
    months: int | None = None  # annuity, equal_principal, interest_only
    day_basis: int = 365
    product_type: str | None = None
    contract_date: date | None = None
    calc_date: date | None = None  # only to place a private loan's cap in time (default today)


@dataclass(frozen=True)
class CostFlags:
    exceeds_24pct: bool
    exceeds_36pct: bool
    exceeds_4x_lpr: bool | None  # private lending only


@dataclass(frozen=True)
class CostResult:
    total_interest: Decimal
    total_repayment: Decimal
    monthly_payment: Decimal | None  # annuity and interest_only (level monthly payment; interest_only's last adds P)
    first_payment: Decimal
    last_payment: Decimal
    annual_rate_pct: Decimal
    cap_pct: Decimal
    cap_rule: str
    flags: CostFlags
    notes: tuple[Note, ...] = field(default=(), compare=False)


def monthly_rate(rate: Decimal, unit: str, day_basis: int) -> Decimal:
    """The monthly rate m: annual / 12, the monthly rate itself, or daily × day_basis / 12."""
    if unit == "monthly":
        return rate
    if unit == "annual":
        return rate / 12
    return rate * day_basis / 12


def annual_rate(rate: Decimal, unit: str) -> Decimal:
    """Nominal annual rate for the caps (a daily rate on a 365-day year, as courts annualise)."""
    return rate * {"daily": 365, "monthly": 12, "annual": 1}[unit]


def schedule(inp: CostInput) -> tuple[Decimal, Decimal | None, Decimal, Decimal]:
    """(total interest, level monthly payment or None, first payment, last payment), all unrounded."""
    p = inp.principal
    if inp.method == "simple":
        interest = p * daily_rate(inp.rate, inp.rate_unit, inp.day_basis) * (inp.days or 0)
        return interest, None, p + interest, p + interest
    n = inp.months or 1
    m = monthly_rate(inp.rate, inp.rate_unit, inp.day_basis)
    if inp.method == "annuity":
        payment = p / n if m == 0 else p * m / (1 - (1 + m) ** -n)
        return n * payment - p, payment, payment, payment
    if inp.method == "equal_principal":
        part = p / n
        return m * p * (n + 1) / 2, None, part + p * m, part + part * m
    return p * m * n, p * m, p * m + (p if n == 1 else 0), p * m + p  # interest_only


@precise
def cost(inp: CostInput, table: LprTable | None = None) -> CostResult:
    interest, level, first, last = schedule(inp)
    annual = annual_rate(inp.rate, inp.rate_unit)
    cap = applicable_cap(inp.product_type, annual * 100, inp.contract_date, inp.calc_date, table)
    private = inp.product_type == "private_lending"
    flags = CostFlags(annual * 100 > REFERENCE_LINE_PCT, annual * 100 > UPPER_LINE_PCT,
                      cap.exceeds if private else None)
    notes = _notes(inp, interest, annual * 100)
    if private:
        notes.append(cap.note)
        if cap.exceeds:
            notes.append(Note(
                zh=f"年化 {fmt_pct(annual * 100, 2)}% 超过了这个上限（{fmt_pct(cap.cap_pct, 2)}%）：超出部分的利息，"
                "借款人主张时法院一般不支持。法院会结合案情认定。",
                en=f"{fmt_pct(annual * 100, 2)}% a year is above that cap ({fmt_pct(cap.cap_pct, 2)}%): courts "
                "generally do not support interest above it when the borrower raises it. A court decides.",
            ))
    else:
        notes.extend(rate_line_notes(annual * 100))
    return CostResult(
        total_interest=money(interest),
        total_repayment=money(inp.principal + interest),
        monthly_payment=money(level) if level is not None else None,
        first_payment=money(first),
        last_payment=money(last),
        annual_rate_pct=pct(annual * 100),
        cap_pct=pct(cap.cap_pct),
        cap_rule=cap.rule,
        flags=flags,
        notes=tuple(notes),
    )


def rate_line_notes(annual_pct: Decimal) -> list[Note]:
    """The 24% / 36% lines in words, for a lender that is not a private person."""
    shown = fmt_pct(annual_pct, 2)
    if annual_pct > UPPER_LINE_PCT:
        return [Note(
            zh=f"年化 {shown}% 超过了 24%，也超过了 36%：超过 24% 的部分，借款人提出时法院一般不支持；"
            "无牌照放贷实际年利率超过 36% 还可能涉嫌非法放贷。",
            en=f"{shown}% a year is above 24% and even 36%: courts generally do not support the part above 24% when "
            "the borrower raises it, and unlicensed lending above 36% a year can be illegal lending.",
        )]
    if annual_pct > REFERENCE_LINE_PCT:
        return [Note(
            zh=f"年化 {shown}% 超过了 24% 的参考线：超过的部分，借款人提出时法院一般可以调减。36% 不是“合法上限”，"
            "它是旧规则的无效线和非法放贷的刑事门槛。",
            en=f"{shown}% a year is above the 24% reference line: courts may reduce the part above it when the "
            "borrower asks. 36% is not a lawful ceiling — it was the old void line and a threshold for illegal "
            "lending.",
        )]
    return [Note(zh=f"年化 {shown}%，没有超过 24% 的参考线。",
                 en=f"{shown}% a year: not above the 24% reference line.")]


def _notes(inp: CostInput, interest: Decimal, annual_pct: Decimal) -> list[Note]:
    zh_unit, en_unit = unit_words(inp.rate_unit)
    rate = fmt_pct(inp.rate * 100)
    notes: list[Note] = []
    if inp.method == "simple":
        notes.append(Note(
            zh=f"按 {rate}%（{zh_unit}）借 {inp.days} 天、到期一次还本付息：利息 = 本金 × 日利率 × 天数"
            f"（一年按 {inp.day_basis} 天折算日利率），{fmt_money(money(interest))}。",
            en=f"{rate}% {en_unit} for {inp.days} days, repaid in one sum at the end: interest = principal × daily "
            f"rate × days (daily rate on a {inp.day_basis}-day year), {fmt_money(money(interest))}.",
        ))
    else:
        m = monthly_rate(inp.rate, inp.rate_unit, inp.day_basis)
        how = {"annuity": ("等额本息：每月还款额相同", "equal payments: the same amount every month"),
               "equal_principal": ("等额本金：每月还同样多的本金，利息逐月减少",
                                   "equal principal: the same principal each month, interest falling"),
               "interest_only": ("先息后本：每月只付利息，最后一期还本金",
                                 "interest only: interest each month, the principal with the last payment")}
        zh, en = how[inp.method]
        notes.append(Note(
            zh=f"{zh}，共 {inp.months} 期，月利率 {fmt_pct(m * 100, 4)}%。",
            en=f"{en.capitalize()}, {inp.months} months at {fmt_pct(m * 100, 4)}% a month.",
        ))
    steep = steep_rate_note(daily_rate(inp.rate, inp.rate_unit, inp.day_basis))
    if steep is not None:
        notes.append(steep)
    notes.append(Note(
        zh="这是按时还款的利息；如果另有手续费、服务费、担保费或放款时先扣的钱，真实成本更高（可用分期工具算 IRR）。",
        en="This is the interest when repaid on time; fees, guarantee charges or money kept back at payout make the "
        "real cost higher (the instalment tool gives the IRR).",
    ))
    del annual_pct
    return notes


def parse_cost_input(inputs: Any, today: date) -> tuple[CostInput, list[Note]]:
    reader = Reader(inputs, "cost")
    principal = reader.number("principal", positive=True)
    rate = reader.rate("rate")
    unit = reader.unit("rate_unit", rate_key="rate")
    method = reader.choice("method", METHODS)
    days = months = None
    if method == "simple":
        if not reader.has("days"):
            raise CalcError("days is required for a simple loan: how many days from payout to repayment",
                            "days", message_zh="到期一次还本付息需要填写 days（借款天数）")
        days = reader.integer("days")
    else:
        if not reader.has("months"):
            raise CalcError(f"months is required for {method} (1–{MAX_MONTHS})", "months",
                            message_zh=f"{method} 需要填写 months（期数，1–{MAX_MONTHS}）")
        months = reader.integer("months", minimum=1, maximum=MAX_MONTHS)
    day_basis = reader.day_basis(365)
    if daily_rate(rate, unit, day_basis) > 1:
        raise CalcError("the rate works out above 100% a day; check the number and unit", "rate",
                        message_zh="利率折算后超过每天 100%，请检查数字和单位")
    product = reader.choice("product_type", PRODUCT_TYPES, None)
    contract = reader.date("contract_date") if reader.has("contract_date") else None
    calc = reader.date("calc_date") if reader.has("calc_date") else None
    if product == "private_lending" and calc is None:
        calc = today  # the private-lending cap depends on the day (4 × LPR, 2020-08-20)
    return CostInput(principal, rate, unit, method, days, months, day_basis, product, contract, calc), []
