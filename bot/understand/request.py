"""Understand a borrower's message: its language, and — when it asks for numbers — a calculator request.

Pure and fast (regular expressions, no heavy imports): it runs on every message.

Decisions the answer engine relies on:
- A credit-card debt described with statement facts (账单 / 最低还款 / 还了一部分 / statement / minimum payment) goes
  to the `card` tool; a card debt given only as an amount and days overdue goes to `penalty` with product_type
  credit_card, because that is all the user told us and the overdue-charges view needs nothing more.
- Nothing is guessed: a rate without a unit puts its unit field in `missing`; a known product without a rate puts
  the rate in `missing`; the answer engine asks (`missing_question`).
- Day conventions are stated, never hidden: a month is 30 days, half a year 180, a year 365 ("两个月按60天计算").
- Questions about credit reports, legality or collection ("逾期三天会上征信吗") are not calculations unless they
  ask for an amount ("要还多少"), even when they carry a number of days.
- Demonstration principal: the growth and instalment rates do not depend on the amount, so when none is given
  1万 (10,000) is used and said.
- A fee quoted per period or per month (每期/每月手续费, "0.75% monthly fee") is an instalment fee, never a plain
  rate to convert, and a 年化 / 年利率 after it is the question asked ("每期手续费0.75% 年化多少"), not its unit.
- Money kept back at payout (到手 / 砍头) with repayments said as money ("每期还500", "一个月后还5000") is an
  instalment offer; the repayments become a fixed amount per period, so no fee rate the user never quoted is shown.
- A follow-up's rate without a unit ("那万三呢" after "日息万五年化多少") keeps the unit of the earlier rate; a plain
  number ("那1.5呢") is still asked about.
- Rule questions ("逾期3天算不算逾期", "24%以上的利息还要还吗", "网贷也按4倍LPR算吗") are not calculations and do not
  continue an earlier one; a yes/no question continues it only when it gives a number that was asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from bot.understand.entities import Duration, Fee, Rate
from bot.understand.facts import Facts, extract
from bot.understand.grammar import _FEN_SCALE
from bot.understand.language import _language_signal
from bot.understand.lexicon import cue

TOOL_NAMES = ("penalty", "card", "installment", "growth", "convert", "lpr", "cost")
PRODUCT_TYPES = ("bank_loan", "credit_card", "consumer_finance", "online_lender", "micro_loan", "private_lending")
DEMO_PRINCIPAL = Decimal(10000)

_W_OVERDUE = cue("overdue")
_W_MONEY_ASK = cue("money_ask")
_W_BLOCK = cue("block")
_W_GROWTH = cue("growth")
_W_INSTALLMENT = cue("installment")
_W_CARD = cue("card")
_W_CONVERT = cue("convert")
_W_CONVERT_ASK = cue("convert_ask")
_W_LPR = cue("lpr")
_W_LPR_ASK = cue("lpr_ask")
_W_DEFINE = cue("define")
_W_RULE_Q = cue("rule_q")
_W_YES_NO = cue("yes_no")
_W_FOLLOW_UP = cue("follow_up")
_W_TOTAL_FEE = cue("total_fee")

# ---------------------------------------------------------------------------------------------------------------
# requests


@dataclass
class CalcRequest:
    tool: str  # one of TOOL_NAMES
    inputs: dict[str, Any]  # spec input names → values
    missing: list[str]  # input names still needed; empty → ready to run
    assumptions: list[str]  # what was assumed, in `language`
    language: str
    # Carried between turns: what an assumption is about (field → text), and a rate still waiting for its unit.
    assumed: dict[str, str] = field(default_factory=dict, repr=False)
    pending: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def ready(self) -> bool:
        return not self.missing


def _say(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _fmt(value: Decimal, places: int | None = None) -> str:
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return format(value.normalize(), "f")


def _to_daily(value: Decimal, unit: str, basis: int = 365) -> Decimal:
    return value if unit == "daily" else value * 12 / basis if unit == "monthly" else value / basis


def _to_monthly(value: Decimal, unit: str, basis: int = 365) -> Decimal:
    return value if unit == "monthly" else value / 12 if unit == "annual" else value * basis / 12


class _Builder:
    """Turns Facts into inputs for one tool, on top of an earlier request's inputs."""

    def __init__(self, tool: str, facts: Facts, lang: str, base: CalcRequest | None) -> None:
        self.tool = tool
        self.f = facts
        self.lang = lang
        self.inputs: dict[str, Any] = dict(base.inputs) if base else {}
        self.assumed: dict[str, str] = dict(base.assumed) if base else {}
        self.pending: dict[str, Any] = dict(base.pending) if base else {}
        self.base_missing = list(base.missing) if base else []

    def put(self, name: str, value: Any, assumption: str | None = None) -> None:
        self.inputs[name] = value
        self.assumed.pop(name, None)
        if assumption:
            self.assumed[name] = assumption

    def say(self, zh: str, en: str) -> str:
        return _say(self.lang, zh, en)

    # --- pieces shared by tools

    def rate_into(self, rate: Rate, value_field: str, unit_field: str | None) -> None:
        if rate.unit is None:
            self.put(value_field, rate.value)
            self.pending["unit_for"] = value_field
            self.pending["fen"] = rate.fen
            if unit_field:
                self.inputs.pop(unit_field, None)
            return
        self.pending.pop("unit_for", None)
        self.pending.pop("fen", None)
        note = None
        if rate.bare:
            note = self.say(f"“{rate.text.strip()}”理解为{_fmt(rate.value * 100)}%",
                            f"“{rate.text.strip()}” read as {_fmt(rate.value * 100)}%")
        elif rate.inherited:
            zh_unit, en_unit = _UNIT_NAMES[rate.unit]
            note = self.say(f"“{rate.text.strip()}”和上一题一样按{zh_unit}计算",
                            f"“{rate.text.strip()}” taken {en_unit}, like the rate before")
        if unit_field:
            self.put(value_field, rate.value, note)
            self.put(unit_field, rate.unit)
        elif self.tool == "card":
            daily = _to_daily(rate.value, rate.unit)
            if rate.unit != "daily":
                note = self.say(f"{rate.text.strip()}折算为日利率（按365天）",
                                f"{rate.text.strip()} converted to a daily rate (365 days)")
            self.put(value_field, daily, note)
        else:  # installment fields are monthly
            monthly = _to_monthly(rate.value, rate.unit)
            if rate.unit != "monthly":
                note = self.say(f"{rate.text.strip()}折算为月利率", f"{rate.text.strip()} converted to a monthly rate")
            self.put(value_field, monthly, note)

    def unit_only(self, unit: str) -> bool:
        """Apply a bare "按天 / per month" reply to the rate waiting for its unit."""
        target = self.pending.get("unit_for")
        if not target or target not in self.inputs:
            return False
        value = _as_fraction(self.inputs[target])
        fen = self.pending.get("fen")
        if fen is not None:
            value = Decimal(fen) * _FEN_SCALE[unit]
        rate = Rate(value, unit, "fee" if target == "monthly_fee_rate" else "rate", "")
        value_field, unit_field = target, _unit_field_for(self.tool, target)
        self.rate_into(rate, value_field, unit_field)
        return True

    def duration_into(self, d: Duration, name: str) -> None:
        self.put(name, d.days, d.assumption(self.lang) if d.conventional else None)

    def principal(self, name: str, demo: bool = False, *more_roles: str) -> None:
        a = self.f.amount("principal", "amount", *more_roles)
        if a is not None:
            self.put(name, a.value)
        elif demo and name not in self.inputs:
            self.put(name, DEMO_PRINCIPAL, self.say("没有给出本金，按1万元演示（倍数和年化与本金无关）",
                                                    "no amount given: 10,000 used to illustrate (rates and "
                                                    "multiples do not depend on it)"))

    def product(self) -> None:
        if self.f.product:
            self.put("product_type", self.f.product)

    # --- per tool

    def penalty(self) -> None:
        f = self.f
        self.product()
        self.principal("principal_overdue")
        interest = f.amount("interest")
        if interest:
            self.put("unpaid_interest", interest.value)
        markup = f.rate("markup")
        contract = f.rate("contract")
        explicit = f.rate("penalty")
        generic = f.rate("rate")
        if markup is not None:
            self.put("penalty_markup", markup.value)
            base = contract or generic
            if base is not None:
                self.rate_into(base, "contract_rate", "contract_rate_unit")
                self.drop("penalty_rate", "penalty_rate_unit")
        elif explicit or contract or generic:
            chosen = explicit or generic or contract
            assert chosen is not None
            if chosen is contract and self.inputs.get("product_type") == "bank_loan":
                self.rate_into(chosen, "contract_rate", "contract_rate_unit")
                self.drop("penalty_rate", "penalty_rate_unit")
            else:
                self.rate_into(chosen, "penalty_rate", "penalty_rate_unit")
                self.drop("contract_rate", "contract_rate_unit", "penalty_markup")
                if chosen is not explicit and chosen.unit:
                    self.assumed["penalty_rate_unit"] = self.say(
                        "逾期期间按你给的利率计费", "the rate you gave is applied to the overdue days")
        d = f.duration("overdue", "horizon", "duration")
        if d:
            self.duration_into(d, "days_overdue")
        grace = f.duration("grace")
        if grace:
            self.duration_into(grace, "grace_days")
        if f.compounding is not None:
            note = None if f.compounding_explicit else self.say(
                "复利按每30天滚一次计算", "compound interest taken as rolling over every 30 days")
            self.put("compounding_period_days", f.compounding, note)
        fees = [a for a in f.amounts if a.role == "fee"]
        fee_rate = f.rate("fee", "late_fee")
        if fees:
            total = sum((a.value for a in fees), Decimal(0))
            self.put("fee", Fee("penalty_fee", amount=total).to_spec())
        elif fee_rate is not None and fee_rate.unit is None:
            self.put("fee", Fee("penalty_fee", pct=fee_rate.value).to_spec())
        if f.dates:
            note = None
            if f.date_partial:
                note = self.say(f"借款日期按{f.dates[0]}计算", f"loan date taken as {f.dates[0]}")
            self.put("contract_date", f.dates[0], note)
        if f.day_basis:
            self.put("day_basis", f.day_basis)

    def card(self) -> None:
        f = self.f
        s = f.amount("statement") or f.amount("principal") or f.amount("amount")
        if s:
            self.put("statement_balance", s.value)
        paid = f.amount("paid")
        minimum = f.amount("minimum")
        min_rate = f.rate("min_payment")
        balance = self.inputs.get("statement_balance")
        if minimum and balance:
            self.put("min_payment_ratio", minimum.value / balance)
        elif min_rate:
            self.put("min_payment_ratio", min_rate.value)
        if paid:
            self.put("amount_paid_by_due", paid.value)
        elif f.paid_nothing:
            self.put("amount_paid_by_due", Decimal(0))
        elif f.paid_minimum and balance:
            ratio = self.inputs.get("min_payment_ratio", Decimal("0.10"))
            note = None if "min_payment_ratio" in self.inputs else self.say(
                "最低还款额按账单的10%计算", "minimum payment taken as 10% of the statement")
            self.put("amount_paid_by_due", balance * ratio, note)
        posting = f.duration("posting")
        if posting:
            self.duration_into(posting, "days_posting_to_due")
        d = f.duration("overdue", "horizon", "duration")
        if d:
            self.duration_into(d, "days_overdue_until_repaid")
        rate = f.rate("rate", "penalty", "contract")
        if rate:
            self.rate_into(rate, "daily_rate", None)
        late = f.rate("late_fee")
        if late and late.unit is None:
            self.put("late_fee_pct", late.value)
        if f.interest_method:
            self.put("interest_method", f.interest_method)

    def installment(self) -> None:
        f = self.f
        upfront = f.amount("upfront")
        net = f.amount("net")
        per_period = f.amount("per_period_fee")
        absolute_fees = bool(upfront or net or per_period)
        self.principal("principal", not absolute_fees, "statement")  # "账单分期5000": the bill is what is split
        lump = f.amount("lump")
        if f.periods:
            self.put("periods", f.periods)
        else:
            d = f.duration("duration", "horizon", "overdue")
            if d and d.months:
                self.put("periods", d.months)
            elif d and lump and d.unit == "day" and d.days % 30 == 0:
                months = d.days // 30
                self.put("periods", months, self.say(f"{d.text.strip()}按{months}个月计算",
                                                     f"{d.text.strip()} counted as {months} month(s)"))
            elif d is None and lump and re.search(r"下个?月\s*(?:要|需要|得)?\s*还", f.text):
                self.put("periods", 1)
        if f.method:
            self.put("method", f.method)
        fee_rate = f.rate("fee")
        rate = f.rate("rate", "contract", "penalty")
        if fee_rate is None and rate is not None and rate.kind == "rate" and rate.per_period and not f.method:
            # "花呗分期3000分3期每期0.8%": a percent per instalment with no interest word is the 分期手续费
            fee_rate, rate = replace(rate, kind="fee"), None
        if fee_rate is not None:
            if _W_TOTAL_FEE.search(f.text) and fee_rate.unit is None and self.inputs.get("periods"):
                n = self.inputs["periods"]
                self.put("monthly_fee_rate", fee_rate.value / n, self.say(
                    f"总手续费{_fmt(fee_rate.value * 100)}%平均摊到{n}期",
                    f"total fee of {_fmt(fee_rate.value * 100)}% spread over {n} periods"))
            elif fee_rate.unit is None:
                self.put("monthly_fee_rate", fee_rate.value, self.say(
                    f"手续费{_fmt(fee_rate.value * 100)}%按每期收取计算",
                    f"the {_fmt(fee_rate.value * 100)}% fee taken as charged every period"))
            else:
                self.rate_into(fee_rate, "monthly_fee_rate", None)
            if "method" not in self.inputs:
                self.put("method", "equal_principal_plus_fee")
        if rate is not None:
            self.rate_into(rate, "monthly_rate", None)
        payment = f.amount("payment")
        n, principal = self.inputs.get("periods"), self.inputs.get("principal")
        if lump and not payment and n == 1:
            payment = lump  # one month, one repayment: the single instalment
        single = n == 1
        if (payment and n and principal and fee_rate is None and rate is None and not per_period
                and "method" not in self.inputs):
            # Equal payments of X: each is P/n of principal plus a fixed X − P/n, the fee-instalment shape exactly.
            # Said as a fixed amount, not a fee rate: the user quoted no rate, so none is shown as "what it seems".
            extra_value = payment.value - principal / n
            if extra_value >= 0:
                said, part, extra = _fmt(payment.value), _fmt(principal / n, 2), _fmt(extra_value, 2)
                self.put("method", "equal_principal_plus_fee")
                self.put("monthly_fee_rate", Decimal(0))
                self.put("per_period_fixed_fee", extra_value, self.say(
                    f"一个月后一次还{said}元 = 本金{part}元 + 利息和费用{extra}元" if single
                    else f"每期还{said}元 = 本金{part}元 + 利息和费用{extra}元",
                    f"{'the one payment' if single else 'each payment'} of {said} = {part} principal + {extra} "
                    "interest and fees"))
        elif lump and not payment and n and principal and lump.value == principal and "method" not in self.inputs:
            # The loan back in one sum after n months, no interest on paper: its cost is what was kept back.
            self.put("method", "interest_only")
            self.put("monthly_rate", Decimal(0), self.say(
                f"{n}个月后一次还本金{_fmt(principal)}元，没有另收利息",
                f"the {_fmt(principal)} paid back in one sum after {n} months, no interest on top"))
        if per_period:
            self.put("per_period_fixed_fee", per_period.value)
        if upfront:
            self.put("upfront_fee", upfront.value)
        elif net and "principal" in self.inputs and self.inputs["principal"] > net.value:
            self.put("upfront_fee", self.inputs["principal"] - net.value, self.say(
                "本金与到手金额之差按砍头息（放款时先扣的费用）计算",
                "the difference between the loan and the amount received counted as a fee deducted up front"))

    def growth(self) -> None:
        f = self.f
        self.principal("principal", demo=True)
        rate = f.rate("rate", "penalty", "contract")
        if rate:
            self.rate_into(rate, "rate", "rate_unit")
        d = f.duration("horizon", "duration", "overdue")
        if d:
            self.duration_into(d, "horizon_days")
        if f.multiple:
            self.put("target_multiple", f.multiple)
        else:
            target = f.amount("target")
            principal = self.inputs.get("principal")
            if target and principal and target.value > principal:
                self.put("target_multiple", target.value / principal)
        if f.compounding is not None:
            note = None if f.compounding_explicit else self.say(
                "利滚利按每30天复利一次计算", "compounding taken as every 30 days")
            self.put("compounding_period_days", f.compounding, note)
        elif "compounding_period_days" not in self.inputs and (
            f.product == "credit_card" or self.inputs.get("product_type") == "credit_card"
        ):
            self.put("compounding_period_days", 30, self.say(
                "信用卡按每月（30天）计复利", "credit-card interest compounds monthly (every 30 days)"))
        if f.day_basis:
            self.put("day_basis", f.day_basis)

    def convert(self) -> None:
        rate = next((r for r in self.f.rates if r.kind != "markup"), None)
        if rate:
            self.rate_into(rate, "rate", "unit")
        if self.f.day_basis:
            self.put("day_basis", self.f.day_basis)

    def lpr(self) -> None:
        if self.f.dates:
            day = self.f.dates[0]
            note = self.say(f"日期按{day}计算", f"date taken as {day}") if self.f.date_partial else None
            self.put("date", self.f.dates[0], note)
        elif "date" not in self.inputs:
            self.put("date", date.today().isoformat())

    def drop(self, *names: str) -> None:
        for n in names:
            self.inputs.pop(n, None)
            self.assumed.pop(n, None)

    # --- result

    def missing(self) -> list[str]:
        i = self.inputs
        need: list[str] = []
        waiting = self.pending.get("unit_for")

        def unit_missing(value_field: str, unit_field: str) -> None:
            if value_field not in i:
                need.append(value_field)
            elif unit_field not in i:
                need.append(unit_field)

        if self.tool == "penalty":
            for name in ("principal_overdue", "product_type"):
                if name not in i:
                    need.append(name)
            if "penalty_markup" in i or "contract_rate" in i:
                unit_missing("contract_rate", "contract_rate_unit")
                if "penalty_markup" not in i and i.get("product_type") == "bank_loan":
                    need.append("penalty_markup")
            else:
                unit_missing("penalty_rate", "penalty_rate_unit")
            if "days_overdue" not in i:
                need.append("days_overdue")
            if i.get("product_type") == "private_lending" and "contract_date" not in i:
                need.append("contract_date")
        elif self.tool == "card":
            for name in ("statement_balance", "amount_paid_by_due", "days_posting_to_due", "days_overdue_until_repaid"):
                if name not in i:
                    need.append(name)
            if waiting == "daily_rate":
                need.append("daily_rate")
        elif self.tool == "installment":
            for name in ("principal", "periods", "method"):
                if name not in i:
                    need.append(name)
            method = i.get("method")
            if method == "equal_principal_plus_fee" and "monthly_fee_rate" not in i:
                need.append("monthly_fee_rate")
            if method in ("annuity", "equal_principal", "interest_only") and "monthly_rate" not in i:
                need.append("monthly_rate")
            if waiting in ("monthly_rate", "monthly_fee_rate"):
                need.append(waiting)
        elif self.tool == "growth":
            unit_missing("rate", "rate_unit")
        elif self.tool == "convert":
            unit_missing("rate", "unit")
        return list(dict.fromkeys(need))

    def build(self) -> CalcRequest:
        getattr(self, self.tool)()
        return self.result()

    def result(self) -> CalcRequest:
        if self.tool in ("card", "installment") and self.pending.get("unit_for") not in self.inputs:
            self.pending.pop("unit_for", None)
        missing = self.missing()
        if self.tool == "penalty" and missing == ["product_type"]:
            # Everything for a number is there: answer now on the general rule (the calculator's notes say which)
            # rather than hold the result back for the kind of debt.
            missing = []
            self.assumed["product_type"] = self.say(
                "如果是个人借条或银行贷款，告诉我，我按它的规则重新算",
                "If this is a personal IOU or a bank loan, tell me and I will redo it under its rules",
            )
        if not any(self.pending.get("unit_for") == m for m in missing) and not any(
            m.endswith("_unit") or m == "unit" for m in missing
        ):
            self.pending.pop("unit_for", None)
            self.pending.pop("fen", None)
        # Values waiting for a unit are not inputs the calculator could use yet.
        inputs = {k: _calculator_value(k, v) for k, v in self.inputs.items()}
        waiting = self.pending.get("unit_for")
        if waiting and waiting in ("daily_rate", "monthly_rate", "monthly_fee_rate"):
            inputs.pop(waiting, None)
            self.pending["value"] = self.inputs[waiting]
        return CalcRequest(
            tool=self.tool,
            inputs=inputs,
            missing=missing,
            assumptions=list(dict.fromkeys(self.assumed.values())),
            language=self.lang,
            assumed=dict(self.assumed),
            pending=dict(self.pending),
        )


_RATE_FIELDS = ("penalty_rate", "contract_rate", "rate", "daily_rate", "monthly_rate", "monthly_fee_rate")


_UNIT_NAMES = {"daily": ("日利率", "per day"), "monthly": ("月利率", "per month"), "annual": ("年利率", "per year")}


def _previous_unit(previous: CalcRequest) -> str | None:
    """The unit of the rate in an earlier request, when it had one."""
    i = previous.inputs
    for name in ("unit", "rate_unit", "penalty_rate_unit", "contract_rate_unit"):
        if i.get(name) in _FEN_SCALE:
            return str(i[name])
    if previous.tool == "card" and "daily_rate" in i:
        return "daily"
    if previous.tool == "installment" and ("monthly_rate" in i or "monthly_fee_rate" in i):
        return "monthly"
    return None


def _inherit_units(facts: Facts, previous: CalcRequest) -> None:
    """A follow-up's rate said without a unit ("那万三呢", "那0.03%呢") keeps the unit of the earlier rate: the user
    changes the number, not what it is counted by. A plain number ("那1.5呢") still gets asked about."""
    unit = _previous_unit(previous)
    if unit is None or not _W_FOLLOW_UP.search(facts.text):
        return
    fee = previous.tool == "installment" and "monthly_fee_rate" in previous.inputs
    rates = []
    for r in facts.rates:
        if r.unit is None and not r.bare and r.kind != "markup":
            value = r.fen * _FEN_SCALE[unit] if r.fen is not None else r.value
            r = replace(r, value=value, unit=unit, fen=None, inherited=True,
                        kind="fee" if fee and r.kind == "rate" else r.kind)
        rates.append(r)
    facts.rates = rates


def _calculator_value(name: str, value: Any) -> Any:
    """The calculator reads a plain number of 1 or more as a mistaken percent; say such rates with "%"."""
    if name in _RATE_FIELDS and isinstance(value, Decimal) and value >= 1:
        return f"{_fmt(value * 100)}%"
    return value


def _as_fraction(value: Any) -> Decimal:
    if isinstance(value, str) and value.endswith("%"):
        return Decimal(value[:-1]) / 100
    return Decimal(value)


def _unit_field_for(tool: str, value_field: str) -> str | None:
    return {
        "penalty_rate": "penalty_rate_unit", "contract_rate": "contract_rate_unit", "rate": "rate_unit"
        if tool == "growth" else "unit",
    }.get(value_field)


def _choose_tool(f: Facts) -> str | None:
    text = f.text
    money_ask = bool(_W_MONEY_ASK.search(text))
    if _W_LPR.search(text):
        if _W_LPR_ASK.search(text) and not _W_DEFINE.search(text):
            return "lpr"
        return None
    if _W_BLOCK.search(text) and not money_ask:
        return None
    has_money = bool(f.amounts)
    overdue = bool(_W_OVERDUE.search(text))
    fee_rate = f.rate("fee")
    months = any(d.months for d in f.durations)
    if _W_INSTALLMENT.search(text) and (
        f.periods or fee_rate or f.method in ("annuity", "equal_principal", "interest_only")
        or (months and (f.amount("payment") or f.rates))
    ):
        return "installment"
    # Money kept back at payout and paid back later ("借5000到手4500，一个月后还5000"), or a monthly fee over
    # months ("borrowed 10000 over 12 months, the fee is 0.75% a month"): the true rate of a loan offer.
    kept_back = f.amount("net") or f.amount("upfront")
    if not overdue and (
        (kept_back and (f.amount("lump") or f.amount("payment")))
        or (fee_rate and fee_rate.unit == "monthly" and (months or f.periods))
    ):
        return "installment"
    if _W_CARD.search(text) and (has_money or money_ask):
        return "card"
    if _W_GROWTH.search(text) or f.multiple:
        return "growth"
    if f.rates and not has_money and not f.periods and (not f.durations or _W_CONVERT_ASK.search(text)) and (
        _W_CONVERT.search(text) or re.search(r"[?？]\s*$", text)
    ) and not _W_RULE_Q.search(text):
        return "convert"
    if has_money and (overdue or f.durations):
        return "penalty"
    if money_ask and (has_money or (overdue and (f.durations or f.rates))):
        return "penalty"
    return None


def _fill_reply(b: _Builder, f: Facts) -> bool:
    """A bare reply to a missing-field question ("日息万五", "30天", "网贷", "按月", "10000"). True if used."""
    used = False
    missing = b.base_missing
    if f.unit_word and b.unit_only(f.unit_word):
        used = True
    if f.bare_number is not None and missing:
        day_fields = [m for m in missing if m.startswith("days_") or m in ("horizon_days", "grace_days")]
        money_fields = [m for m in missing if m in ("principal_overdue", "principal", "statement_balance",
                                                    "amount_paid_by_due")]
        if day_fields and f.bare_number == int(f.bare_number) and f.bare_number <= 36500:
            b.put(day_fields[0], int(f.bare_number))
            used = True
        elif money_fields:
            b.put(money_fields[0], f.bare_number)
            used = True
        elif "periods" in missing and f.bare_number == int(f.bare_number):
            b.put("periods", int(f.bare_number))
            used = True
    card_days_known = "days_overdue_until_repaid" in b.inputs
    if b.tool == "card" and "days_posting_to_due" in missing and f.durations and card_days_known:
        d = f.durations[0]
        if d.role in ("duration", "posting"):
            b.duration_into(d, "days_posting_to_due")
            f.durations = f.durations[1:]
            used = True
    if b.tool == "card" and "amount_paid_by_due" in missing and f.amounts and "statement_balance" in b.inputs:
        a = f.amounts[0]
        if a.role in ("amount", "paid"):
            b.put("amount_paid_by_due", a.value)
            f.amounts = f.amounts[1:]
            used = True
    return used


_MONEY_FIELDS = ("principal_overdue", "principal", "statement_balance", "amount_paid_by_due")
_RATE_KINDS_FOR_INPUT = ("rate", "penalty", "contract", "fee")


def _supplies(facts: Facts, missing: list[str]) -> bool:
    """Whether the text gives a number still missing (a rate for a rate, days for days, ...). A product named in
    passing ("信用卡最低还款是10%吗") does not count: the question is about something else."""
    wants_rate = any(m.endswith("rate") or m.endswith("unit") for m in missing)
    return bool(
        (wants_rate and any(r.kind in _RATE_KINDS_FOR_INPUT for r in facts.rates))
        or (facts.durations and any("days" in m for m in missing))
        or (facts.amounts and any(m in _MONEY_FIELDS for m in missing))
        or (facts.periods and "periods" in missing)
    )


def _continues(facts: Facts, tool: str | None, previous: CalcRequest) -> bool:
    """Whether `facts` continue the previous request (a follow-up or an answer) rather than start a new one."""
    text = facts.text
    if (_W_BLOCK.search(text) or _W_RULE_Q.search(text)) and not _W_MONEY_ASK.search(text):
        return False  # a new topic ("逾期三天会上征信吗", "逾期3天算不算逾期")
    if _W_YES_NO.search(text) and not _W_MONEY_ASK.search(text):
        return _supplies(facts, previous.missing)
    own_money = bool(facts.amount("principal", "amount", "statement"))
    marker = bool(_W_FOLLOW_UP.search(text))
    if tool is None:
        return marker or bool(previous.missing) or len(text.strip()) <= 12
    if tool == previous.tool:
        # A restatement with its own debt, product, rate and days is a new question, even after an unanswered
        # one; a partial one ("5万，逾期90天") answers what was asked.
        restated = sum((own_money, bool(facts.product), bool(facts.rates), bool(facts.durations))) >= 3
        return marker or not own_money or (bool(previous.missing) and not restated)
    # Another tool fits the text on its own. It is still an answer when the previous request asked for
    # something this text gives ("年化18%吗？" answering "what rate?"), unless it plainly asks the other
    # question ("日息万五是多少年化", "LPR是多少") or brings its own debt.
    if not previous.missing or own_money or tool == "lpr" or (tool == "convert" and _W_CONVERT_ASK.search(text)):
        return False
    wants_rate = any(m.endswith("rate") or m.endswith("unit") for m in previous.missing)
    return bool((wants_rate and facts.rates) or (facts.durations and any("days" in m for m in previous.missing)))


def parse_calculation(text: str, previous: CalcRequest | None = None) -> CalcRequest | None:
    """A calculator request for `text`, or None when the text is not asking for a calculation.

    With `previous`, a follow-up ("如果逾期60天呢?", "换成信用卡呢", "what about 90 days?") or a bare answer to the
    missing-field question ("日息万五", "30天") reuses the earlier inputs and replaces only what the text gives."""
    facts = extract(text)
    if previous is not None and not facts.rates and _W_FOLLOW_UP.search(facts.text) and _previous_unit(previous):
        loose = extract(text, loose=True)  # "那万三呢": 万三 with no rate word, read after a rate with a unit
        if loose.rates:
            facts = loose
    lang = facts.language if _language_signal(facts.text) or previous is None else previous.language
    tool = _choose_tool(facts)
    if previous is not None and facts.has_entities and _continues(facts, tool, previous):
        _inherit_units(facts, previous)
        b = _Builder(previous.tool, facts, lang, previous)
        _fill_reply(b, facts)
        return b.build()
    if tool is None:
        return None
    return _Builder(tool, facts, lang, None).build()


