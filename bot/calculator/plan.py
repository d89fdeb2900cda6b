"""plan — several debts and one monthly budget (avalanche / snowball), and the minimum-payments-only mode.

The month-by-month rules, the errors and the card minimum (a share of the balance plus that month's interest, with
a floor) are defined in docs/calculator.md. Balances are kept in cents: each month's interest is rounded half-up to
the cent, as a bill is, so every line of the schedule can be checked by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from bot.calculator.caps import PRODUCT_TYPES, REFERENCE_LINE_PCT, applicable_cap
from bot.calculator.cost import annual_rate, monthly_rate
from bot.calculator.errors import CalcError
from bot.calculator.lpr import LprTable
from bot.calculator.text import Note, fmt_money, fmt_pct, steep_rate_note
from bot.calculator.values import Reader, daily_rate, money, pct, precise

STRATEGIES = ("avalanche", "snowball", "minimums_only")
MAX_DEBTS = 20
MAX_MONTHS = 600
MAX_NAME = 40
DEFAULT_MIN_RATIO = Decimal("0.10")  # the common card minimum: 10% of the balance (the card tool's default too)
DEFAULT_MIN_FLOOR = Decimal(100)  # an assumption the notes state; the floor is what makes a card debt end
ZERO = Decimal(0)


@dataclass(frozen=True)
class Debt:
    name: str
    balance: Decimal
    rate: Decimal  # fraction per rate_unit
    rate_unit: str | None  # None only for a rate of 0
    min_payment: Decimal | None = None  # a fixed monthly minimum
    min_payment_ratio: Decimal | None = None  # or a card's minimum by rule: ratio × balance + interest …
    min_payment_floor: Decimal | None = None  # … never less than this
    product_type: str | None = None
    contract_date: date | None = None

    @property
    def by_rule(self) -> bool:
        return self.min_payment_ratio is not None


@dataclass(frozen=True)
class PlanInput:
    debts: tuple[Debt, ...]
    monthly_budget: Decimal | None
    strategy: str = "avalanche"
    day_basis: int = 365
    calc_date: date | None = None


@dataclass(frozen=True)
class Month:
    month: int
    interest: dict[str, Decimal]
    payments: dict[str, Decimal]
    balances: dict[str, Decimal]  # after the month's payments


@dataclass(frozen=True)
class DebtCost:
    """One debt's true annual rate and the cap that applies to it."""

    name: str
    annual_rate_pct: Decimal
    monthly_rate_pct: Decimal
    cap_pct: Decimal
    cap_rule: str
    exceeds_cap: bool
    exceeds_24pct: bool


@dataclass(frozen=True)
class Stuck:
    """A debt its minimum never clears (minimums only)."""

    name: str
    balance: Decimal
    monthly_interest: Decimal
    min_payment: Decimal


@dataclass(frozen=True)
class PlanResult:
    months: int | None
    total_interest: Decimal
    total_paid: Decimal
    priority: tuple[str, ...]  # where extra money goes first (month 1's order); empty for minimums_only
    payoff_order: tuple[str, ...]
    payoff_month: dict[str, int]
    schedule: tuple[Month, ...]
    other_strategy: dict[str, Any] | None
    minimums_only: dict[str, Any] | None
    never_paid_off: tuple[Stuck, ...]
    debts: tuple[DebtCost, ...]
    notes: tuple[Note, ...] = field(default=(), compare=False)


@dataclass
class _Run:
    months: int
    schedule: list[Month]
    total_interest: Decimal
    payoff_order: list[str]
    payoff_month: dict[str, int]
    stuck: list[Stuck]


# ------------------------------------------------------------------------------------------------ the months


def _monthly(debt: Debt, day_basis: int) -> Decimal:
    return monthly_rate(debt.rate, debt.rate_unit, day_basis) if debt.rate_unit else ZERO


def _interest(balance: Decimal, debt: Debt, day_basis: int) -> Decimal:
    """A month's interest to the cent. Multiplied before divided, so 3,000 at 0.05% a day on 365 days is exactly
    45.625 → 45.63 (not 3,000 × 0.0152083… = 45.62499…)."""
    if debt.rate_unit == "daily":
        return money(balance * debt.rate * day_basis / 12)
    if debt.rate_unit == "annual":
        return money(balance * debt.rate / 12)
    return money(balance * debt.rate) if debt.rate_unit else ZERO


def _minimum(debt: Debt, start: Decimal, interest: Decimal, due: Decimal) -> Decimal:
    """This month's minimum: a fixed amount, or a card's rule (share of the balance + interest, with a floor)."""
    if debt.by_rule:
        ratio = debt.min_payment_ratio or ZERO
        rule = max(debt.min_payment_floor or ZERO, money(ratio * start) + interest)
        return min(due, rule)
    return min(due, debt.min_payment or ZERO)


def _order(strategy: str, owing: list[Debt], balances: dict[str, Decimal], rates: dict[str, Decimal],
           index: dict[str, int]) -> list[Debt]:
    """Who gets the extra money first: avalanche by rate (tie: smaller balance), snowball by balance (tie: higher
    rate); then the list order."""
    if strategy == "snowball":
        return sorted(owing, key=lambda d: (balances[d.name], -rates[d.name], index[d.name]))
    return sorted(owing, key=lambda d: (-rates[d.name], balances[d.name], index[d.name]))


def _simulate(debts: tuple[Debt, ...], budget: Decimal | None, strategy: str, day_basis: int) -> _Run:
    rates = {d.name: _monthly(d, day_basis) for d in debts}
    index = {d.name: i for i, d in enumerate(debts)}
    balances = {d.name: d.balance for d in debts}
    run = _Run(0, [], ZERO, [], {}, [])
    for k in range(1, MAX_MONTHS + 1):
        owing = [d for d in debts if balances[d.name] > 0]
        if not owing:
            return run
        start = dict(balances)
        interest = {d.name: _interest(start[d.name], d, day_basis) for d in owing}
        due = {d.name: start[d.name] + interest[d.name] for d in owing}
        pay = {d.name: _minimum(d, start[d.name], interest[d.name], due[d.name]) for d in owing}
        if budget is not None and k == 1:
            _check_budget(budget, pay)
        left = ZERO if budget is None else budget - sum(pay.values(), ZERO)
        cleared = [d.name for d in owing if pay[d.name] == due[d.name]]
        if left > 0:
            for d in _order(strategy, owing, due, rates, index):
                extra = min(left, due[d.name] - pay[d.name])
                if extra > 0:
                    pay[d.name] += extra
                    left -= extra
                    if pay[d.name] == due[d.name]:
                        cleared.append(d.name)
                if left <= 0:
                    break
        for d in owing:
            balances[d.name] = due[d.name] - pay[d.name]
        for name in cleared:
            run.payoff_order.append(name)
            run.payoff_month[name] = k
        run.total_interest += sum(interest.values(), ZERO)
        run.months = k
        run.schedule.append(Month(k, interest, pay, {d.name: balances[d.name] for d in owing}))
        if budget is not None and sum(balances.values(), ZERO) >= sum(start.values(), ZERO):
            raise _never(budget, sum(interest.values(), ZERO), k)
    if budget is not None and any(b > 0 for b in balances.values()):
        raise _never(budget, None, MAX_MONTHS)
    return run


def _check_budget(budget: Decimal, minimums: Mapping[str, Decimal]) -> None:
    total = sum(minimums.values(), ZERO)
    if budget >= total:
        return
    parts = ", ".join(f"{n} {fmt_money(v)}" for n, v in minimums.items())
    parts_zh = "，".join(f"{n} {fmt_money(v)}" for n, v in minimums.items())
    raise CalcError(
        f"monthly_budget {fmt_money(budget)} is {fmt_money(total - budget)} short of the minimum payments "
        f"({fmt_money(total)}: {parts}); raise the budget or lower a minimum",
        "monthly_budget",
        message_zh=f"每月预算 {fmt_money(budget)} 元比最低还款合计（{fmt_money(total)} 元：{parts_zh}）少 "
        f"{fmt_money(total - budget)} 元；请提高预算或调整最低还款额",
    )


def _never(budget: Decimal, interest: Decimal | None, month: int) -> CalcError:
    if interest is not None:
        return CalcError(
            f"never paid off: a budget of {fmt_money(budget)} a month does not exceed the interest "
            f"({fmt_money(interest)} in month {month}), so the debts never shrink; a larger budget, a lower rate or "
            "a negotiated plan is needed",
            "monthly_budget",
            message_zh=f"永远还不完：每月 {fmt_money(budget)} 元的预算不超过利息"
            f"（第 {month} 个月 {fmt_money(interest)} 元），欠款不会减少；需要更多预算、更低利率或与债权人协商还款方案",
        )
    return CalcError(
        f"never paid off within {MAX_MONTHS} months (50 years) on a budget of {fmt_money(budget)}; a larger budget "
        "or a negotiated plan is needed",
        "monthly_budget",
        message_zh=f"每月 {fmt_money(budget)} 元，{MAX_MONTHS} 个月（50 年）内还不完；"
        "需要更多预算或与债权人协商还款方案",
    )


def _stuck_at_start(debt: Debt, day_basis: int) -> Stuck | None:
    """A fixed minimum no larger than the month's interest (or none at all) never clears the debt."""
    if debt.by_rule:
        return None
    interest = _interest(debt.balance, debt, day_basis)
    minimum = debt.min_payment or ZERO
    if minimum > interest:
        return None
    return Stuck(debt.name, debt.balance, interest, minimum)


def _minimums_only(debts: tuple[Debt, ...], day_basis: int) -> _Run:
    stuck = [s for d in debts if (s := _stuck_at_start(d, day_basis)) is not None]
    ending = tuple(d for d in debts if d.name not in {s.name for s in stuck})
    run = _simulate(ending, None, "minimums_only", day_basis)
    slow = [d for d in ending if d.name not in run.payoff_month]
    if slow:  # clears only after more than 600 months: counted as never, and the rest run again without it
        stuck += [Stuck(d.name, d.balance, _interest(d.balance, d, day_basis),
                        _minimum(d, d.balance, ZERO, d.balance)) for d in slow]
        run = _simulate(tuple(d for d in ending if d not in slow), None, "minimums_only", day_basis)
    run.stuck = stuck
    return run


# ------------------------------------------------------------------------------------------------ the tool


@precise
def plan(inp: PlanInput, table: LprTable | None = None) -> PlanResult:
    if inp.strategy == "minimums_only":
        run = _minimums_only(inp.debts, inp.day_basis)
        other = mins = None
    else:
        run = _simulate(inp.debts, inp.monthly_budget, inp.strategy, inp.day_basis)
        alt = "snowball" if inp.strategy == "avalanche" else "avalanche"
        alt_run = _simulate(inp.debts, inp.monthly_budget, alt, inp.day_basis)
        other = {"strategy": alt, "months": alt_run.months, "total_interest": money(alt_run.total_interest)}
        min_run = _minimums_only(inp.debts, inp.day_basis)
        mins = {"months": min_run.months,
                "total_interest": money(min_run.total_interest),
                "never_paid_off": [s.name for s in min_run.stuck]}
    costs = tuple(_cost(d, inp, table) for d in inp.debts)
    ended = sum((d.balance for d in inp.debts if d.name in run.payoff_month), ZERO)
    notes = _notes(inp, run, other, costs)
    return PlanResult(
        months=run.months,
        total_interest=money(run.total_interest),
        total_paid=money(ended + run.total_interest),
        priority=_priority(inp),
        payoff_order=tuple(run.payoff_order),
        payoff_month=dict(run.payoff_month),
        schedule=tuple(run.schedule),
        other_strategy=other,
        minimums_only=mins,
        never_paid_off=tuple(run.stuck),
        debts=costs,
        notes=tuple(notes),
    )


def _priority(inp: PlanInput) -> tuple[str, ...]:
    if inp.strategy == "minimums_only":
        return ()
    rates = {d.name: _monthly(d, inp.day_basis) for d in inp.debts}
    due = {d.name: d.balance + _interest(d.balance, d, inp.day_basis) for d in inp.debts}
    index = {d.name: i for i, d in enumerate(inp.debts)}
    return tuple(d.name for d in _order(inp.strategy, list(inp.debts), due, rates, index))


def _cost(debt: Debt, inp: PlanInput, table: LprTable | None) -> DebtCost:
    annual = annual_rate(debt.rate, debt.rate_unit) * 100 if debt.rate_unit else ZERO
    cap = applicable_cap(debt.product_type, annual, debt.contract_date, inp.calc_date, table)
    return DebtCost(debt.name, pct(annual), pct(_monthly(debt, inp.day_basis) * 100), pct(cap.cap_pct), cap.rule,
                    cap.exceeds, annual > REFERENCE_LINE_PCT)


def _notes(inp: PlanInput, run: _Run, other: dict[str, Any] | None, costs: tuple[DebtCost, ...]) -> list[Note]:
    notes: list[Note] = []
    if inp.strategy == "avalanche":
        notes.append(Note(zh="先还利率最高的（雪崩法）：同样的预算，付的利息最少。",
                          en="Highest rate first (avalanche): on the same budget it costs the least interest."))
    elif inp.strategy == "snowball":
        notes.append(Note(zh="先还余额最小的（雪球法）：更快少一笔欠款，适合需要看到进展来坚持的人；利息通常多一些。",
                          en="Smallest balance first (snowball): a debt is gone sooner, which helps some people keep "
                          "going; it usually costs more interest."))
    if other is not None:
        notes.append(_comparison(run, other))
    for d in inp.debts:
        if d.by_rule and inp.strategy == "minimums_only":
            share = fmt_pct((d.min_payment_ratio or ZERO) * 100, 2)
            floor = fmt_money(d.min_payment_floor or ZERO)
            notes.append(Note(
                zh=f"{d.name} 的最低还款按“余额的 {share}% + 当月利息，不少于 {floor} 元”计算（不少于的金额是假设，"
                "各行规定不同，以账单为准）。",
                en=f"{d.name}: the minimum is taken as {share}% of the balance plus that month's interest, at least "
                f"{floor} (that floor is an assumption: banks differ, check your statement)."))
    for s in run.stuck:
        notes.append(Note(
            zh=f"{s.name}：每月最低还款 {fmt_money(s.min_payment)} 元不超过当月利息 {fmt_money(s.monthly_interest)} 元"
            "（或要 50 年以上），只还最低永远还不完。",
            en=f"{s.name}: a minimum of {fmt_money(s.min_payment)} does not beat the monthly interest of "
            f"{fmt_money(s.monthly_interest)} (or takes over 50 years): paying only that, it never ends."))
    daily = [d for d in inp.debts if d.rate_unit == "daily"]
    if daily:
        notes.append(Note(zh=f"日利率按一年 {inp.day_basis} 天折成月利率（日利率 × {inp.day_basis} ÷ 12）。",
                          en=f"Daily rates become monthly ones on a {inp.day_basis}-day year "
                          f"(daily × {inp.day_basis} / 12)."))
    for d in inp.debts:
        steep = steep_rate_note(daily_rate(d.rate, d.rate_unit, inp.day_basis)) if d.rate_unit else None
        if steep is not None:
            notes.append(steep)
    over = [c for c in costs if c.exceeds_cap]
    if over:
        names = "、".join(c.name for c in over)
        notes.append(Note(
            zh=f"{names} 的年化超过了适用的上限：超出部分，借款人主张时法院一般不支持；"
            "上限不会自动减免，法院会结合案情认定。",
            en=f"{', '.join(c.name for c in over)}: the yearly rate is above the cap that applies; courts generally "
            "do not support the part above it when the borrower raises it — not an automatic discount; a court "
            "decides."))
    notes.append(Note(
        zh="每月利息按当月初余额计算、四舍五入到分；实际账单以合同为准，新增消费或费用会让时间更长。",
        en="Each month's interest is on the balance at the start of the month, rounded to the cent; real bills "
        "follow the contract, and new spending or fees make it take longer."))
    return notes


def _comparison(run: _Run, other: dict[str, Any]) -> Note:
    mine, theirs = money(run.total_interest), other["total_interest"]
    alt_zh = "先还余额最小的（雪球法）" if other["strategy"] == "snowball" else "先还利率最高的（雪崩法）"
    alt_en = "smallest balance first (snowball)" if other["strategy"] == "snowball" else "highest rate first"
    if theirs == mine:
        return Note(zh=f"换成{alt_zh}，利息一样（{fmt_money(mine)} 元），{other['months']} 个月还清。",
                    en=f"With {alt_en} the interest is the same ({fmt_money(mine)}), {other['months']} months.")
    more = theirs > mine
    diff = fmt_money(abs(theirs - mine))
    return Note(
        zh=f"换成{alt_zh}：{other['months']} 个月还清，利息 {fmt_money(theirs)} 元，"
        f"{'多' if more else '少'} {diff} 元。",
        en=f"With {alt_en}: {other['months']} months, interest {fmt_money(theirs)} — {diff} "
        f"{'more' if more else 'less'}.")


# ------------------------------------------------------------------------------------------------ reading


def parse_plan_input(inputs: Any, today: date) -> tuple[PlanInput, list[Note]]:
    reader = Reader(inputs, "plan")
    strategy = reader.choice("strategy", STRATEGIES, "avalanche")
    raw = reader.raw("debts", None)
    if not isinstance(raw, list) or not raw:
        raise CalcError("debts is required: a list of {name, balance, rate, rate_unit, min_payment}", "debts",
                        message_zh="需要填写 debts：欠款清单，每笔写 name、balance、rate、rate_unit、min_payment")
    if len(raw) > MAX_DEBTS:
        raise CalcError(f"debts: at most {MAX_DEBTS} debts (got {len(raw)})", "debts",
                        message_zh=f"debts 最多 {MAX_DEBTS} 笔（收到 {len(raw)} 笔）")
    day_basis = reader.day_basis(365)
    debts: list[Debt] = []
    for i, item in enumerate(raw):
        debt = _read_debt(i, item)
        if any(d.name == debt.name for d in debts):
            raise CalcError(f"debts[{i}].name {debt.name!r} is used twice: give each debt its own name",
                            f"debts[{i}].name",
                            message_zh=f"debts[{i}].name “{debt.name}”重复了：每笔欠款请用不同的名字")
        if debt.rate_unit and daily_rate(debt.rate, debt.rate_unit, day_basis) > 1:
            raise CalcError(f"debts[{i}] ({debt.name}): the rate works out above 100% a day; check the number and "
                            "unit", f"debts[{i}].rate",
                            message_zh=f"debts[{i}]（{debt.name}）：利率折算后超过每天 100%，请检查数字和单位")
        debts.append(debt)
    budget = None
    if strategy != "minimums_only":
        if not reader.has("monthly_budget"):
            raise CalcError("monthly_budget is required: what you can pay each month in total (or strategy "
                            "minimums_only)", "monthly_budget",
                            message_zh="需要填写 monthly_budget：每月一共能拿出多少钱还款"
                            "（或选 minimums_only 只还最低）")
        budget = money(reader.number("monthly_budget", positive=True))
    calc = reader.date("calc_date") if reader.has("calc_date") else today
    return PlanInput(tuple(debts), budget, strategy, day_basis, calc), []


def _read_debt(i: int, item: Any) -> Debt:
    where = f"debts[{i}]"
    if not isinstance(item, Mapping):
        raise CalcError(f"{where} must be an object like {{\"name\": \"借呗\", \"balance\": 12000, ...}}", where,
                        message_zh=f"{where} 应是一个对象，例如 {{\"name\": \"借呗\", \"balance\": 12000, ...}}")
    name = str(item.get("name") or "").strip()
    try:
        if not name:
            raise CalcError("name is required (what you call this debt)", "name",
                            message_zh="需要填写 name（这笔欠款的名字）")
        if len(name) > MAX_NAME:
            raise CalcError(f"name is longer than {MAX_NAME} characters", "name",
                            message_zh=f"name 超过 {MAX_NAME} 个字")
        return _debt_fields(name, Reader(item, where))
    except CalcError as exc:
        label = f"{where} ({name})" if name else where
        label_zh = f"{where}（{name}）" if name else where
        field_name = f"{where}.{exc.field}" if exc.field else where
        raise CalcError(f"{label}: {exc.message}", field_name,
                        message_zh=f"{label_zh}：{exc.message_zh or exc.message}") from None


def _debt_fields(name: str, r: Reader) -> Debt:
    balance = money(r.number("balance", positive=True))
    rate = r.rate("rate")
    unit = r.unit("rate_unit", rate_key="rate") if rate > 0 or r.has("rate_unit") else None
    if r.has("min_payment") and r.has("min_payment_ratio"):
        raise CalcError("give either min_payment (a fixed amount) or min_payment_ratio (a card's rule), not both",
                        "min_payment", message_zh="min_payment（固定金额）和 min_payment_ratio（按比例）只能给一个")
    fixed = ratio = floor = None
    if r.has("min_payment_ratio"):
        ratio = r.rate("min_payment_ratio")
        if not 0 < ratio <= 1:
            raise CalcError("min_payment_ratio must be above 0 and at most 100%", "min_payment_ratio",
                            message_zh="min_payment_ratio 应大于 0、不超过 100%")
        floor = money(r.number("min_payment_floor", DEFAULT_MIN_FLOOR, positive=True))
    else:
        if r.has("min_payment_floor"):
            raise CalcError("min_payment_floor goes with min_payment_ratio", "min_payment_floor",
                            message_zh="min_payment_floor 要和 min_payment_ratio 一起用")
        fixed = money(r.number("min_payment", 0))
    product = r.choice("product_type", PRODUCT_TYPES, None)
    signed = r.date("contract_date") if r.has("contract_date") else None
    return Debt(name, balance, rate, unit, fixed, ratio, floor, product, signed)
