"""penalty — overdue charges on a loan: penalty interest, compound interest on unpaid interest, fees, caps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from bot.calculator.caps import (
    NEW_PRIVATE_LENDING_RULES,
    PRODUCT_TYPES,
    REFERENCE_LINE_PCT,
    UPPER_LINE_PCT,
    Segment,
    court_note,
    lpr_cap,
    private_notes,
    private_segments,
    reference_note,
    weighted_cap,
)
from bot.calculator.errors import CalcError
from bot.calculator.lpr import LprTable, load_table
from bot.calculator.text import Note, fmt_money, fmt_pct, steep_rate_note
from bot.calculator.values import MAX_DAYS, Reader, daily_rate, money, parse_rate, pct, precise, to_decimal, unit_words

GRACE_MODES = ("waive_if_within", "deduct")
FEE_TYPES = ("fixed", "percent")
FEE_BASES = ("principal_overdue", "base_amount")
BANK_MARKUP = (Decimal("0.3"), Decimal("0.5"))


@dataclass(frozen=True)
class Fee:
    """A fee that never bears interest: fixed `amount`, or `pct` (fraction) of a base clamped to [min, max]."""

    type: str
    amount: Decimal | None = None
    pct: Decimal | None = None
    base: str | None = None
    base_amount: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    times: int = 1

    def charge(self, principal_overdue: Decimal) -> Decimal:
        if self.type == "fixed":
            each = self.amount or Decimal(0)
        else:
            base = principal_overdue if self.base == "principal_overdue" else (self.base_amount or Decimal(0))
            each = (self.pct or Decimal(0)) * base
            if self.min is not None:
                each = max(each, self.min)
            if self.max is not None:
                each = min(each, self.max)
        return each * self.times


@dataclass(frozen=True)
class PenaltyInput:
    principal_overdue: Decimal
    penalty_rate: Decimal  # fraction per penalty_rate_unit (already contract rate × (1 + markup) if derived)
    penalty_rate_unit: str
    days_overdue: int  # calendar days overdue before any grace period
    day_basis: int
    product_type: str | None = None
    unpaid_interest: Decimal = Decimal(0)
    contract_rate: Decimal | None = None
    contract_rate_unit: str | None = None
    penalty_markup: Decimal | None = None  # set only when the penalty rate was derived from the contract rate
    due_date: date | None = None
    calc_date: date | None = None
    grace_days: int = 0
    grace_mode: str = "waive_if_within"
    compounding_period_days: int = 0
    fee: tuple[Fee, ...] = ()
    contract_date: date | None = None
    filing_date: date | None = None  # private lending before 2020-08-20: 4 × LPR at filing for later days


@dataclass(frozen=True)
class PenaltyFlags:
    exceeds_24pct: bool
    exceeds_36pct: bool
    exceeds_4x_lpr: bool | None  # private lending: above the (day-weighted) cap; None for other types


@dataclass(frozen=True)
class PenaltyResult:
    effective_days: int
    penalty_daily_rate_pct: Decimal
    penalty_interest: Decimal
    compound_interest: Decimal
    fees: Decimal
    total_charges: Decimal
    amount_due: Decimal
    annualized_cost_pct: Decimal
    cap_used_pct: Decimal | None
    court_supported_max_charges: Decimal | None
    likely_unsupported_excess: Decimal | None
    flags: PenaltyFlags
    lpr_1y_pct: Decimal | None
    cap_4x_lpr_pct: Decimal | None
    cap_segments: tuple[dict[str, object], ...] = ()  # private lending: {from, to, days, cap_pct, rule}
    notes: tuple[Note, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class _Caps:
    cap_pct: Decimal  # day-weighted over the charged days
    court_max: Decimal  # charges a court would likely support, unrounded
    lpr_1y_pct: Decimal | None
    cap_4x_lpr_pct: Decimal | None
    segments: tuple[Segment, ...]
    notes: tuple[Note, ...]


def _caps(inp: PenaltyInput, days: int, table: LprTable) -> _Caps:
    """The cap over the charged days: 24% for most lenders; the private-lending rules split at 2020-08-20."""
    principal = inp.principal_overdue
    if inp.product_type != "private_lending" or inp.contract_date is None:
        cap = REFERENCE_LINE_PCT
        return _Caps(cap, principal * cap / 100 * days / 365, None, None, (), (reference_note(),))
    end = inp.calc_date or date.today()
    filing = inp.filing_date or end
    segments = private_segments(inp.contract_date, end - timedelta(days=days), end, filing, table)
    if inp.contract_date >= NEW_PRIVATE_LENDING_RULES:
        lpr_pct, lpr4 = lpr_cap(inp.contract_date, table)
    elif max(end, filing) >= NEW_PRIVATE_LENDING_RULES:
        lpr_pct, lpr4 = lpr_cap(filing, table)
    else:
        lpr_pct = lpr4 = None
    if segments:
        cap = weighted_cap(segments)
    else:  # nothing charged: the cap that would apply to the next day
        cap = lpr4 if lpr4 is not None and end >= NEW_PRIVATE_LENDING_RULES else REFERENCE_LINE_PCT
    court_max = sum((principal * s.cap_pct / 100 * s.days / 365 for s in segments), Decimal(0))
    notes = private_notes(inp.contract_date, segments, filing, table, inp.filing_date is not None)
    return _Caps(cap, court_max, lpr_pct, lpr4, tuple(segments), tuple(notes))


def effective_days(days: int, grace_days: int, grace_mode: str) -> int:
    if grace_mode == "deduct":
        return max(0, days - grace_days)
    return 0 if days <= grace_days else days


@precise
def penalty(inp: PenaltyInput, table: LprTable | None = None) -> PenaltyResult:
    table = table or load_table()
    principal, interest0 = inp.principal_overdue, inp.unpaid_interest
    r = daily_rate(inp.penalty_rate, inp.penalty_rate_unit, inp.day_basis)
    days = effective_days(inp.days_overdue, inp.grace_days, inp.grace_mode)
    cp = inp.compounding_period_days
    if cp == 0 or days == 0:
        penalty_interest, compound_interest = principal * r * days, interest0 * r * days
    else:
        periods, rest = divmod(days, cp)
        balance = (principal + interest0) * (1 + r * cp) ** periods * (1 + r * rest)
        growth = balance - principal - interest0
        penalty_interest = growth * principal / (principal + interest0)
        compound_interest = growth - penalty_interest
    fees = sum((f.charge(principal) for f in inp.fee), Decimal(0)) if days > 0 else Decimal(0)
    total = penalty_interest + compound_interest + fees
    annualized = total / principal / days * 365 * 100 if days > 0 else Decimal(0)

    cap = _caps(inp, days, table)
    court_max = cap.court_max
    excess = max(Decimal(0), total - court_max)
    private = inp.product_type == "private_lending"
    flags = PenaltyFlags(
        exceeds_24pct=annualized > REFERENCE_LINE_PCT,
        exceeds_36pct=annualized > UPPER_LINE_PCT,
        exceeds_4x_lpr=(annualized > cap.cap_pct) if private else None,
    )
    notes = _notes(inp, r, days, annualized, cap.notes, court_max, excess)
    return PenaltyResult(
        effective_days=days,
        penalty_daily_rate_pct=pct(r * 100),
        penalty_interest=money(penalty_interest),
        compound_interest=money(compound_interest),
        fees=money(fees),
        total_charges=money(total),
        amount_due=money(principal + interest0 + total),
        annualized_cost_pct=pct(annualized),
        cap_used_pct=pct(cap.cap_pct),
        court_supported_max_charges=money(court_max),
        likely_unsupported_excess=money(excess),
        flags=flags,
        lpr_1y_pct=pct(cap.lpr_1y_pct) if cap.lpr_1y_pct is not None else None,
        cap_4x_lpr_pct=pct(cap.cap_4x_lpr_pct) if cap.cap_4x_lpr_pct is not None else None,
        cap_segments=tuple({**s.as_dict(), "cap_pct": pct(s.cap_pct)} for s in cap.segments),
        notes=notes,
    )


def _notes(
    inp: PenaltyInput,
    r: Decimal,
    days: int,
    annualized: Decimal,
    cap_notes: tuple[Note, ...],
    court_max: Decimal,
    excess: Decimal,
) -> tuple[Note, ...]:
    notes: list[Note] = []
    zh_unit, en_unit = unit_words(inp.penalty_rate_unit)
    rate_txt = fmt_pct(inp.penalty_rate * 100)
    if inp.contract_rate is not None and inp.penalty_markup is not None and inp.contract_rate_unit:
        czh, cen = unit_words(inp.contract_rate_unit)
        notes.append(Note(
            zh=f"罚息利率 = 合同利率 {fmt_pct(inp.contract_rate * 100)}%（{czh}）×（1 + 上浮 "
            f"{fmt_pct(inp.penalty_markup * 100)}%）= {rate_txt}%（{zh_unit}）。",
            en=f"Penalty rate = contract rate {fmt_pct(inp.contract_rate * 100)}% {cen} × (1 + markup "
            f"{fmt_pct(inp.penalty_markup * 100)}%) = {rate_txt}% {en_unit}.",
        ))
        low, high = BANK_MARKUP
        if inp.product_type == "bank_loan" and not low <= inp.penalty_markup <= high:
            notes.append(Note(
                zh="提示：银行贷款的罚息通常是在合同利率上加收 30%–50%，此处上浮比例超出这一范围，请核对合同。",
                en="Warning: bank penalty interest is usually the contract rate plus 30%–50%; this markup is "
                "outside that range — check the contract.",
            ))
    else:
        notes.append(Note(zh=f"罚息利率按 {rate_txt}%（{zh_unit}）计算。",
                          en=f"Penalty rate understood as {rate_txt}% {en_unit}."))
    steep = steep_rate_note(r)
    if steep is not None:
        notes.append(steep)
    basis_zh = "银行计息惯例" if inp.day_basis == 360 else "按自然年"
    basis_en = "the banks' accrual convention" if inp.day_basis == 360 else "a calendar year"
    notes.append(Note(
        zh=f"一年按 {inp.day_basis} 天（{basis_zh}）：日罚息率 {fmt_pct(r * 100)}%。",
        en=f"Day basis {inp.day_basis} ({basis_en}): daily penalty rate {fmt_pct(r * 100)}%.",
    ))
    if inp.product_type is None:
        notes.append(Note(
            zh="未说明借款类型：按一年 365 天和 24% 参考线计算；如果是银行贷款或民间借贷，结果会不同。",
            en="Product type not given: used a 365-day year and the 24% reference line; a bank loan or private "
            "lending would differ.",
        ))
    if inp.due_date is not None and inp.calc_date is not None:
        notes.append(Note(
            zh=f"逾期天数从 {inp.due_date} 算到 {inp.calc_date}，算头不算尾，共 {inp.days_overdue} 天。",
            en=f"Days overdue from {inp.due_date} to {inp.calc_date}, counting the first day but not the last "
            f"(算头不算尾): {inp.days_overdue} days.",
        ))
    if inp.grace_days > 0:
        if inp.grace_mode == "deduct":
            notes.append(Note(
                zh=f"宽限期 {inp.grace_days} 天从逾期天数中扣除：计费天数 {days} 天。",
                en=f"The {inp.grace_days}-day grace period is deducted: {days} days are charged.",
            ))
        else:
            notes.append(Note(
                zh=f"宽限期 {inp.grace_days} 天：宽限期内还清不收费，超过宽限期则从第一天起全部计费"
                f"（计费 {days} 天）。",
                en=f"Grace period {inp.grace_days} days: repaid within it, nothing is charged; past it, every day "
                f"counts from the first ({days} days charged).",
            ))
    if inp.compounding_period_days == 0:
        notes.append(Note(zh="单利计算：罚息只按逾期本金计，不利滚利。",
                          en="Simple interest: penalty interest on the overdue principal only, no compounding."))
    else:
        notes.append(Note(
            zh=f"每 {inp.compounding_period_days} 天结息一次并计入计息基数（复利）。",
            en=f"Interest is added to the balance every {inp.compounding_period_days} days (compounded).",
        ))
    if inp.unpaid_interest > 0:
        notes.append(Note(
            zh=f"未付利息 {fmt_money(inp.unpaid_interest)} 按罚息利率计收复利。",
            en=f"Unpaid interest of {fmt_money(inp.unpaid_interest)} bears compound interest at the penalty rate.",
        ))
    if inp.fee:
        notes.append(Note(
            zh="违约金/费用不计利息，且只在计费天数大于 0 时收取。",
            en="Fees never bear interest and apply only when at least one day is charged.",
        ))
    notes.extend(cap_notes)
    if days > 0:
        notes.append(Note(
            zh=f"综合年化成本 {fmt_pct(annualized, 2)}%；按上限计法院可能支持的费用约 {fmt_money(court_max)}，"
            f"超出部分约 {fmt_money(excess)}。",
            en=f"All-in annualised cost {fmt_pct(annualized, 2)}%; charges a court would likely support at the "
            f"cap: about {fmt_money(court_max)}; the excess: about {fmt_money(excess)}.",
        ))
    notes.append(court_note())
    return tuple(notes)


def _fee(raw: Any, name: str) -> Fee:
    if not isinstance(raw, dict):
        raise CalcError(f"{name} must be an object like {{\"type\": \"fixed\", \"amount\": 50}}", name,
                        message_zh=f"{name} 应为对象，例如 {{\"type\": \"fixed\", \"amount\": 50}}")
    try:
        return _read_fee(raw, name)
    except CalcError as exc:
        if exc.field is None or exc.field.startswith(name):
            raise
        # errors from the generic reader name the bare key: say it belongs to the fee
        raise CalcError(f"{name}: {exc.message}", f"{name}.{exc.field}",
                        message_zh=f"{name}：{exc.message_zh or exc.message}") from None


def _read_fee(raw: Any, name: str) -> Fee:
    reader = Reader(raw, name)

    def key(k: str) -> str:
        return f"{name}.{k}"

    kind = reader.choice("type", FEE_TYPES)
    times = _fee_int(reader, "times", key("times"))
    if kind == "fixed":
        amount = _fee_number(reader, "amount", key("amount"), required=True)
        return Fee("fixed", amount=amount, times=times)
    if not reader.has("pct"):
        raise CalcError(f"{key('pct')} is required for a percent fee (e.g. 0.05 or \"5%\")", key("pct"),
                        message_zh=f"按比例收取的费用需要填写 {key('pct')}（例如 0.05 或 \"5%\"）")
    rate = parse_rate(reader.raw("pct"), key("pct"))
    base = reader.choice("base", FEE_BASES, "principal_overdue")
    base_amount = _fee_number(reader, "base_amount", key("base_amount"), required=base == "base_amount")
    low = _fee_number(reader, "min", key("min"), required=False)
    high = _fee_number(reader, "max", key("max"), required=False)
    if low is not None and high is not None and low > high:
        raise CalcError(f"{key('min')} ({low}) is greater than {key('max')} ({high}); swap them or fix one",
                        key("min"), message_zh=f"{key('min')}（{low}）大于 {key('max')}（{high}），请核对")
    return Fee("percent", pct=rate, base=base, base_amount=base_amount, min=low, max=high, times=times)


def _fee_number(reader: Reader, k: str, field_name: str, *, required: bool) -> Decimal | None:
    if not reader.has(k):
        if required:
            raise CalcError(f"{field_name} is required", field_name, message_zh=f"需要填写 {field_name}")
        return None
    value = to_decimal(reader.raw(k), field_name)
    if value < 0:
        raise CalcError(f"{field_name} cannot be negative", field_name, message_zh=f"{field_name} 不能为负数")
    if value > Decimal("1e12"):
        raise CalcError(f"{field_name}={value} is implausibly large; check the digits", field_name,
                        message_zh=f"{field_name}={value} 大得不合常理，请检查位数")
    return value


def _fee_int(reader: Reader, k: str, field_name: str) -> int:
    value = to_decimal(reader.raw(k, 1), field_name)
    if value != value.to_integral_value() or not 1 <= value <= MAX_DAYS:
        raise CalcError(f"{field_name} must be a whole number from 1 to {MAX_DAYS} (got {value})", field_name,
                        message_zh=f"{field_name} 应为 1 到 {MAX_DAYS} 之间的整数（收到 {value}）")
    return int(value)


def parse_penalty_input(inputs: Any, today: date) -> tuple[PenaltyInput, list[Note]]:
    reader = Reader(inputs, "penalty")
    notes: list[Note] = []
    product = reader.choice("product_type", PRODUCT_TYPES, None)
    principal = reader.number("principal_overdue", positive=True)
    unpaid = reader.number("unpaid_interest", 0)
    day_basis = reader.day_basis(360 if product == "bank_loan" else 365)

    rate, unit, contract_rate, contract_unit, markup = _read_rates(reader, notes, day_basis)
    due, calc, days = _read_days(reader, notes, today)
    contract_date, filing_date, calc = _read_private(reader, notes, product, calc, today)
    raw_fee = reader.raw("fee", [])
    fee_list = raw_fee if isinstance(raw_fee, list) else [raw_fee]
    fees = tuple(_fee(f, "fee" if len(fee_list) == 1 else f"fee[{i}]") for i, f in enumerate(fee_list))
    return PenaltyInput(
        principal_overdue=principal,
        penalty_rate=rate,
        penalty_rate_unit=unit,
        days_overdue=days,
        day_basis=day_basis,
        product_type=product,
        unpaid_interest=unpaid,
        contract_rate=contract_rate,
        contract_rate_unit=contract_unit,
        penalty_markup=markup,
        due_date=due,
        calc_date=calc,
        grace_days=reader.integer("grace_days", 0),
        grace_mode=reader.choice("grace_mode", GRACE_MODES, "waive_if_within"),
        compounding_period_days=reader.integer("compounding_period_days", 0),
        fee=fees,
        contract_date=contract_date,
        filing_date=filing_date,
    ), notes


def _read_rates(reader: Reader, notes: list[Note], day_basis: int) -> tuple[Decimal, str, Decimal | None,
                                                                             str | None, Decimal | None]:
    """(penalty rate, unit, contract rate, its unit, markup): an explicit penalty rate wins over a derived one."""
    contract_rate = contract_unit = markup = None
    if reader.has("contract_rate"):
        contract_rate = reader.rate("contract_rate")
        contract_unit = reader.unit("contract_rate_unit", rate_key="contract_rate")
    if reader.has("penalty_rate"):
        rate = reader.rate("penalty_rate")
        unit = reader.unit("penalty_rate_unit", rate_key="penalty_rate")
        if contract_rate is not None:
            notes.append(Note(zh="同时给出了罚息利率和合同利率：按给出的罚息利率计算。",
                              en="Both a penalty rate and a contract rate were given: the penalty rate is used."))
        if reader.has("penalty_markup"):
            reader.rate("penalty_markup")  # still checked, though the explicit penalty rate wins
    elif contract_rate is not None and contract_unit is not None:
        if not reader.has("penalty_markup"):
            raise CalcError(
                "penalty_markup is missing: how much above the contract rate is the penalty rate? "
                "(e.g. 0.5 for +50%; bank loans are usually 0.3–0.5; 0 if the contract rate applies unchanged)",
                "penalty_markup",
                message_zh="缺少 penalty_markup：罚息比合同利率上浮多少？（例如 0.5 表示上浮 50%；"
                "银行贷款通常为 0.3–0.5；按原利率计收则填 0）",
            )
        markup = reader.rate("penalty_markup")
        rate, unit = contract_rate * (1 + markup), contract_unit
    else:
        raise CalcError(
            "no rate given: give penalty_rate with penalty_rate_unit, or contract_rate with contract_rate_unit "
            "and penalty_markup",
            "penalty_rate",
            message_zh="缺少利率：请给出 penalty_rate 和 penalty_rate_unit，或者 contract_rate、contract_rate_unit "
            "和 penalty_markup",
        )
    if daily_rate(rate, unit, day_basis) > 1:
        raise CalcError(f"the penalty rate works out above 100% a day ({rate} {unit}); check the number and unit",
                        "penalty_rate", message_zh="罚息利率折算后超过每天 100%，请检查数字和单位")
    return rate, unit, contract_rate, contract_unit, markup


def _read_days(reader: Reader, notes: list[Note], today: date) -> tuple[date | None, date | None, int]:
    """(due date, calculation date, days overdue): days_overdue, or counted from due_date (算头不算尾)."""
    due = reader.date("due_date") if reader.has("due_date") else None
    calc = reader.date("calc_date") if reader.has("calc_date") else None
    if due is not None:
        if calc is None:
            calc = today
            notes.append(Note(zh=f"未给出计算日，按今天（{today}）计算。",
                              en=f"No calc_date given: counted up to today ({today})."))
        if calc < due:
            raise CalcError(f"calc_date {calc} is before due_date {due}: the loan is not overdue yet",
                            "calc_date", message_zh=f"计算日 {calc} 早于到期日 {due}，尚未逾期")
        days = (calc - due).days
        if days > MAX_DAYS:
            raise CalcError(f"{days} days between due_date and calc_date is over {MAX_DAYS}; check the dates",
                            "due_date", message_zh=f"到期日与计算日相隔 {days} 天，超过 {MAX_DAYS} 天，请检查日期")
        if reader.has("days_overdue") and reader.integer("days_overdue") != days:
            raise CalcError(
                f"days_overdue={reader.raw('days_overdue')} disagrees with due_date→calc_date ({days} days); "
                "give one or the other",
                "days_overdue",
                message_zh=f"days_overdue={reader.raw('days_overdue')} 与到期日到计算日的天数（{days} 天）"
                "不一致，请只给其一",
            )
    elif reader.has("days_overdue"):
        days = reader.integer("days_overdue")
    else:
        raise CalcError("days_overdue is missing: give days_overdue, or due_date (and calc_date)", "days_overdue",
                        message_zh="缺少逾期天数：请给出 days_overdue，或者 due_date（和 calc_date）")
    return due, calc, days


def _read_private(reader: Reader, notes: list[Note], product: str | None, calc: date | None,
                  today: date) -> tuple[date | None, date | None, date | None]:
    """(contract date, filing date, calculation date): private lending places the overdue days on the calendar."""
    contract_date = reader.date("contract_date") if reader.has("contract_date") else None
    filing_date = reader.date("filing_date") if reader.has("filing_date") else None
    if product == "private_lending":
        if contract_date is None:
            raise CalcError(
                "contract_date is required for private_lending: the cap is 4 × the one-year LPR on that date "
                "(split at 2020-08-20 for older loans)",
                "contract_date",
                message_zh="民间借贷需要填写 contract_date（借款日期）：上限是该日一年期 LPR 的 4 倍"
                "（2020-08-20 之前的借款分段计算）",
            )
        if calc is None:
            calc = today  # the overdue period is placed on the calendar to split it at 2020-08-20
            notes.append(Note(zh=f"逾期天数算到今天（{today}）为止。",
                              en=f"The overdue days run up to today ({today})."))
        if contract_date > calc:
            raise CalcError(f"contract_date {contract_date} is after the calculation date {calc}; check the dates",
                            "contract_date", message_zh=f"借款日期 {contract_date} 晚于计算日 {calc}，请核对日期")
    return contract_date, filing_date, calc
