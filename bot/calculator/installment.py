"""installment — the true annual rate (IRR) of an instalment offer, whatever way it is quoted.

Periods are months unless `period_days` says otherwise: a loan repaid in one sum after 7 days ("借1000 7天后还1300")
is one period of 7 days, and its periodic rate is annualised × 365/7 as a month's is × 12."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from bot.calculator.caps import REFERENCE_LINE_PCT, UPPER_LINE_PCT
from bot.calculator.errors import CalcError
from bot.calculator.text import Note, fmt_money, fmt_pct
from bot.calculator.values import Reader, money, pct, precise

METHODS = ("equal_principal_plus_fee", "annuity", "equal_principal", "interest_only")
MAX_PERIODS = 600
MAX_PERIOD_DAYS = 3650


@dataclass(frozen=True)
class InstallmentInput:
    principal: Decimal
    periods: int
    method: str
    monthly_rate: Decimal = Decimal(0)
    monthly_fee_rate: Decimal = Decimal(0)
    per_period_fixed_fee: Decimal = Decimal(0)
    upfront_fee: Decimal = Decimal(0)
    period_days: int | None = None  # None: monthly periods


@dataclass(frozen=True)
class InstallmentFlags:
    exceeds_24pct: bool
    exceeds_36pct: bool


@dataclass(frozen=True)
class InstallmentResult:
    net_disbursed: Decimal
    first_payment: Decimal
    last_payment: Decimal
    total_repaid: Decimal
    total_cost: Decimal
    irr_monthly_pct: Decimal
    apr_nominal_pct: Decimal
    apr_effective_pct: Decimal
    naive_rate_pct: Decimal | None
    rule_of_thumb_pct: Decimal | None
    flags: InstallmentFlags
    notes: tuple[Note, ...] = field(default=(), compare=False)


def payments(inp: InstallmentInput) -> list[Decimal]:
    """The unrounded payment at the end of each period 1..n."""
    p, n, r = inp.principal, inp.periods, inp.monthly_rate
    extra = p * inp.monthly_fee_rate + inp.per_period_fixed_fee  # charges on top of principal and interest
    if inp.method == "annuity":
        if r == 0:
            level = p / n
        else:
            growth = (1 + r) ** n
            level = p * r * growth / (growth - 1)
        return [level + extra] * n
    if inp.method == "equal_principal":
        part = p / n
        return [part + (p - part * k) * r + extra for k in range(n)]
    if inp.method == "interest_only":
        return [p * r + extra] * (n - 1) + [p * r + p + extra]
    return [p / n + extra] * n  # equal_principal_plus_fee: the fee is already in `extra`


def present_value(pays: Sequence[Decimal], i: Decimal) -> Decimal:
    v = 1 / (1 + i)
    total = Decimal(0)
    for pay in reversed(pays):  # Horner: v(p1 + v(p2 + ... v(pn)))
        total = (total + pay) * v
    return total


def solve_period_irr(pays: Sequence[Decimal], net: Decimal) -> Decimal:
    """The periodic rate i ≥ 0 with Σ pay_k/(1+i)^k = net, by bisection on a bracket (PV falls as i rises)."""
    if sum(pays) <= net:
        return Decimal(0)  # nothing paid beyond what was received (non-negative inputs cannot go below)
    low, high = Decimal(0), Decimal(1)
    while present_value(pays, high) > net:
        low, high = high, high * 2
        if high > 10**6:
            raise CalcError("the payments are too large for the amount received to give a meaningful rate",
                            "principal", message_zh="相对实际到手金额，还款额大得离谱，无法算出有意义的利率")
    while high - low > Decimal("1e-20"):
        mid = (low + high) / 2
        if present_value(pays, mid) > net:
            low = mid
        else:
            high = mid
    return (low + high) / 2


@precise
def installment(inp: InstallmentInput) -> InstallmentResult:
    pays = payments(inp)
    net = inp.principal - inp.upfront_fee
    i = solve_period_irr(pays, net)
    total = sum(pays, Decimal(0))
    days = inp.period_days
    per_year = Decimal(12) if days is None else Decimal(365) / days
    apr = per_year * i * 100
    effective = ((1 + i) ** per_year - 1) * 100
    fee = inp.monthly_fee_rate
    naive = fee * 12 * 100 if fee > 0 else None
    thumb = 24 * fee * inp.periods / (inp.periods + 1) * 100 if fee > 0 else None
    period_zh, times_zh = ("月", "12") if days is None else (f"每期（{days}天）", f"365/{days}")
    period_en, times_en = ("monthly", "12") if days is None else (f"{days}-day", f"365/{days}")
    notes: list[Note] = [Note(
        zh=f"真实年化（IRR 年化）= {period_zh}内部收益率 {fmt_pct(i * 100, 4)}% × {times_zh} = {fmt_pct(apr, 2)}%："
        f"按你实际到手的 {fmt_money(net)} 和每期还款的时间计算，这是贷款机构应当披露的年化利率。复利口径（EAR）为 "
        f"{fmt_pct(effective, 2)}%。",
        en=f"True annual rate (IRR APR) = {period_en} IRR {fmt_pct(i * 100, 4)}% × {times_en} = {fmt_pct(apr, 2)}%: "
        f"it uses the {fmt_money(net)} you actually receive and when each payment falls due — the annualised rate "
        f"lenders must disclose. Compounded (effective) rate: {fmt_pct(effective, 2)}%.",
    )]
    if naive is not None and thumb is not None:
        notes.append(Note(
            zh=f"“月费率 {fmt_pct(fee * 100)}%”看起来像年化 {fmt_pct(naive, 2)}%，但这是误导：手续费按全部本金收，"
            f"而本金在逐月减少。粗略估算 24 × 费率 × n/(n+1) ≈ {fmt_pct(thumb, 2)}%（近似值）。",
            en=f"A \"{fmt_pct(fee * 100)}% monthly fee\" looks like {fmt_pct(naive, 2)}% a year, which is misleading: "
            f"the fee is charged on the full principal while the balance shrinks each month. Rule of thumb "
            f"24 × fee × n/(n+1) ≈ {fmt_pct(thumb, 2)}% (approximate).",
        ))
    if inp.upfront_fee > 0:
        notes.append(Note(
            zh=f"预先扣除的 {fmt_money(inp.upfront_fee)}（砍头息）使到手只有 {fmt_money(net)}。按《民法典》第670条，"
            "利息不得预先在本金中扣除，预扣的，按实际借款数额返还借款并计算利息。",
            en=f"The {fmt_money(inp.upfront_fee)} deducted up front (砍头息) leaves you {fmt_money(net)}. Under "
            "Civil Code art. 670, interest may not be deducted from the principal in advance; if it is, the loan "
            "is repaid and interest counted on the amount actually lent.",
        ))
    if apr > UPPER_LINE_PCT:
        notes.append(Note(zh="真实年化超过 36%。", en="The true annual rate is above 36%."))
    elif apr > REFERENCE_LINE_PCT:
        notes.append(Note(zh="真实年化超过 24%。", en="The true annual rate is above 24%."))
    notes.append(Note(
        zh="计算用未取整的每期还款；实际还款计划会把每期金额取整到分，结果可能差几分钱。",
        en="Computed on unrounded payments; a real schedule rounds each payment to the cent, so it may differ "
        "by a few fen.",
    ))
    return InstallmentResult(
        net_disbursed=money(net),
        first_payment=money(pays[0]),
        last_payment=money(pays[-1]),
        total_repaid=money(total),
        total_cost=money(total - net),
        irr_monthly_pct=pct(i * 100),
        apr_nominal_pct=pct(apr),
        apr_effective_pct=pct(effective),
        naive_rate_pct=pct(naive) if naive is not None else None,
        rule_of_thumb_pct=pct(thumb) if thumb is not None else None,
        flags=InstallmentFlags(apr > REFERENCE_LINE_PCT, apr > UPPER_LINE_PCT),
        notes=tuple(notes),
    )


def parse_installment_input(inputs: Any, today: date) -> tuple[InstallmentInput, list[Note]]:
    del today
    reader = Reader(inputs, "installment")
    principal = reader.number("principal", positive=True)
    periods = reader.integer("periods", minimum=1, maximum=MAX_PERIODS)
    method = reader.choice("method", METHODS)
    if method == "equal_principal_plus_fee":
        if not reader.has("monthly_fee_rate"):
            raise CalcError("monthly_fee_rate is required for equal_principal_plus_fee (e.g. 0.0075 or \"0.75%\")",
                            "monthly_fee_rate",
                            message_zh="equal_principal_plus_fee 需要填写 monthly_fee_rate（例如 0.0075 或 \"0.75%\"）")
        if reader.has("monthly_rate") and reader.rate("monthly_rate") != 0:
            raise CalcError("equal_principal_plus_fee quotes a fee, not interest: drop monthly_rate, or choose "
                            "annuity / equal_principal / interest_only", "monthly_rate",
                            message_zh="equal_principal_plus_fee 是按手续费报价的，不应再给 monthly_rate；"
                            "如有利息请选择 annuity / equal_principal / interest_only")
        rate = Decimal(0)
    else:
        if not reader.has("monthly_rate"):
            raise CalcError(f"monthly_rate is required for {method} (e.g. 0.01 or \"1%\"; 0 if only fees)",
                            "monthly_rate",
                            message_zh=f"{method} 需要填写 monthly_rate（例如 0.01 或 \"1%\"；只收手续费则填 0）")
        rate = reader.rate("monthly_rate")
    fee = reader.rate("monthly_fee_rate", 0)
    upfront = reader.number("upfront_fee", 0)
    if upfront >= principal:
        raise CalcError(f"upfront_fee ({upfront}) must be less than principal ({principal})", "upfront_fee",
                        message_zh=f"upfront_fee（{upfront}）必须小于本金（{principal}）")
    period_days = None if reader.raw("period_days", None) is None else reader.integer(
        "period_days", minimum=1, maximum=MAX_PERIOD_DAYS)
    return InstallmentInput(
        principal=principal,
        periods=periods,
        method=method,
        monthly_rate=rate,
        monthly_fee_rate=fee,
        per_period_fixed_fee=reader.number("per_period_fixed_fee", 0),
        upfront_fee=upfront,
        period_days=period_days,
    ), []
