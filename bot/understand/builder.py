"""Turning Facts into one tool's inputs, on top of an earlier request's (a follow-up or an answer).

What a tool still needs is its schema's to say (bot.calculator.schemas.missing); this module only fills inputs
and records, in the user's language, every assumption it makes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from bot.calculator import schemas
from bot.understand.entities import Duration, Fee, Rate
from bot.understand.facts import Facts
from bot.understand.grammar import _FEN_SCALE
from bot.understand.lexicon import cue

DEMO_PRINCIPAL = Decimal(10000)
CARD_DAILY_RATE = Decimal("0.0005")  # the usual card rate; `finbot calc card` defaults to it too
_W_TOTAL_FEE = cue("total_fee")


Note = tuple[str, str]  # an assumption, said in Chinese and in English


@dataclass
class CalcRequest:
    tool: str  # one of TOOL_NAMES
    inputs: dict[str, Any]  # spec input names → values
    missing: list[str]  # input names still needed; empty → ready to run
    assumptions: list[str]  # what was assumed, in `language`
    language: str
    # Carried between turns: what an assumption is about (field → [zh, en] note: a follow-up in the other language
    # says it in that one), and a rate still waiting for its unit.
    assumed: dict[str, Note] = field(default_factory=dict, repr=False)
    pending: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def ready(self) -> bool:
        return not self.missing


def _said(note: Note | list[str] | str) -> Note:
    """A note carried in a conversation: (zh, en); restored from JSON as a list; a bare string from before both were
    kept is said as it was."""
    if isinstance(note, str):
        return note, note
    return str(note[0]), str(note[-1])


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
        self.assumed: dict[str, Note] = {k: _said(v) for k, v in base.assumed.items()} if base else {}
        self.pending: dict[str, Any] = dict(base.pending) if base else {}
        self.base_missing = list(base.missing) if base else []

    def put(self, name: str, value: Any, assumption: Note | None = None) -> None:
        self.inputs[name] = value
        self.assumed.pop(name, None)
        if assumption:
            self.assumed[name] = assumption

    def note(self, zh: str, en: str) -> Note:
        """An assumption note, in both languages (the request picks the one it is asked in)."""
        return zh, en

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
            note = self.note(f"“{rate.text.strip()}”理解为{_fmt(rate.value * 100)}%",
                             f"“{rate.text.strip()}” read as {_fmt(rate.value * 100)}%")
        elif rate.inherited:
            zh_unit, en_unit = _UNIT_NAMES[rate.unit]
            note = self.note(f"“{rate.text.strip()}”和上一题一样按{zh_unit}计算",
                             f"“{rate.text.strip()}” taken {en_unit}, like the rate before")
        if unit_field:
            self.put(value_field, rate.value, note)
            self.put(unit_field, rate.unit)
        elif self.tool == "card":
            daily = _to_daily(rate.value, rate.unit)
            if rate.unit != "daily":
                note = self.note(f"{rate.text.strip()}折算为日利率（按365天）",
                                 f"{rate.text.strip()} converted to a daily rate (365 days)")
            self.put(value_field, daily, note)
        else:  # installment fields are monthly
            monthly = _to_monthly(rate.value, rate.unit)
            if rate.unit != "monthly":
                note = self.note(f"{rate.text.strip()}折算为月利率", f"{rate.text.strip()} converted to a monthly rate")
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
        value_field, unit_field = target, schemas.unit_field(self.tool, target)
        self.rate_into(rate, value_field, unit_field)
        return True

    def duration_into(self, d: Duration, name: str) -> None:
        self.put(name, d.days, d.assumption() if d.conventional else None)

    def principal(self, name: str, demo: bool = False, *more_roles: str) -> None:
        a = self.f.amount("principal", "amount", *more_roles)
        if a is not None:
            self.put(name, a.value)
        elif demo and name not in self.inputs:
            self.put(name, DEMO_PRINCIPAL, self.note("没有给出本金，按1万元演示（倍数和年化与本金无关）",
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
        self.penalty_rates()
        d = f.duration("overdue", "horizon", "duration")
        if d:
            self.duration_into(d, "days_overdue")
        grace = f.duration("grace")
        if grace:
            self.duration_into(grace, "grace_days")
        if f.compounding is not None:
            note = None if f.compounding_explicit else self.note(
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
                note = self.note(f"借款日期按{f.dates[0]}计算", f"loan date taken as {f.dates[0]}")
            self.put("contract_date", f.dates[0], note)
        if f.day_basis:
            self.put("day_basis", f.day_basis)
        if not any(k in self.inputs for k in ("penalty_rate", "contract_rate", "penalty_markup")):
            self.card_rate("penalty_rate", "penalty_rate_unit")

    def penalty_rates(self) -> None:
        """A markup on the contract rate, or the rate charged when overdue (explicit, generic, or the contract's)."""
        f = self.f
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
                    self.assumed["penalty_rate_unit"] = self.note(
                        "逾期期间按你给的利率计费", "the rate you gave is applied to the overdue days")

    def card_rate(self, value_field: str, unit_field: str) -> None:
        """A credit card with no rate said: the usual 0.05% a day, and the answer says so."""
        if self.inputs.get("product_type") != "credit_card" and self.f.product != "credit_card":
            return
        if self.pending.get("unit_for"):
            return  # a rate was given, without its unit: that is asked, not replaced
        self.put(value_field, CARD_DAILY_RATE, self.note(
            "信用卡没说利率：按常见的日息万五（0.05%）计算，以发卡行账单为准",
            "no rate given for the credit card: the usual 0.05% a day is used; the bank's statement decides"))
        self.put(unit_field, "daily")

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
            note = None if "min_payment_ratio" in self.inputs else self.note(
                "最低还款额按账单的10%计算", "minimum payment taken as 10% of the statement")
            self.put("amount_paid_by_due", balance * ratio, note)
        if f.paid_minimum and not f.duration("overdue", "horizon", "duration") and (
                "days_overdue_until_repaid" not in self.inputs):
            # Paying the minimum on time is not overdue: the rest runs on at interest until it is repaid.
            self.put("days_overdue_until_repaid", 30, self.note(
                "还了最低还款不算逾期；剩下的部分按到下一个还款日（约30天）还清计算利息",
                "paying the minimum is not overdue; the rest is taken as repaid by the next due date (about 30 days)"))
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
        upfront, net, per_period = f.amount("upfront"), f.amount("net"), f.amount("per_period_fee")
        self.principal("principal", not (upfront or net or per_period), "statement")  # "账单分期5000"
        one_sum = f.lump_repayment()
        lump = f.amount("lump") or one_sum
        self.periods_into("periods", lump, one_sum is not None)
        if f.method:
            self.put("method", f.method)
        fee_rate, rate = self.installment_rates()
        payment = f.amount("payment")
        if payment is one_sum:
            payment = None  # "pay back 2600 after 14 days": the one repayment, not a monthly one
        if lump and not payment and self.inputs.get("periods") == 1:
            payment = lump  # one month, one repayment: the single instalment
        if fee_rate is None and rate is None and not per_period and "method" not in self.inputs:
            self.repayments_as_money(payment, lump)
        if per_period:
            self.put("per_period_fixed_fee", per_period.value)
        if upfront:
            self.put("upfront_fee", upfront.value)
        elif net and "principal" in self.inputs and self.inputs["principal"] > net.value:
            self.put("upfront_fee", self.inputs["principal"] - net.value, self.note(
                "本金与到手金额之差按砍头息（放款时先扣的费用）计算",
                "the difference between the loan and the amount received counted as a fee deducted up front"))

    def periods_into(self, name: str, lump: Any = None, one_sum: bool = False) -> None:
        """分12期 / 12个月 / a lump repaid after 30 days (one month) / 下个月还 (one month) / a lump repaid after 7
        days or 3 months (one period that long)."""
        f = self.f
        if f.periods:
            self.put(name, f.periods)
            return
        d = f.duration("duration", "horizon", "overdue")
        if one_sum and d and d.days and d.days != 30 and d.months != 1:
            self.put(name, 1)
            said = d.text.strip()
            self.put("period_days", d.days, self.note(f"{said}按{d.days}天计算", f"{said} counted as {d.days} days")
                     if d.months else None)
            return
        if d and d.months:
            self.put(name, d.months)
        elif d and lump and d.unit == "day" and d.days % 30 == 0:
            months = d.days // 30
            self.put(name, months, self.note(f"{d.text.strip()}按{months}个月计算",
                                             f"{d.text.strip()} counted as {months} month(s)"))
        elif d is None and lump and re.search(r"下个?月\s*(?:要|需要|得)?\s*还", f.text):
            self.put(name, 1)

    def installment_rates(self) -> tuple[Rate | None, Rate | None]:
        """The fee rate and interest rate of an instalment offer, written into its monthly fields."""
        f = self.f
        fee_rate = f.rate("fee")
        rate = f.rate("rate", "contract", "penalty")
        if fee_rate is None and rate is not None and rate.kind == "rate" and rate.per_period and not f.method:
            # "花呗分期3000分3期每期0.8%": a percent per instalment with no interest word is the 分期手续费
            fee_rate, rate = replace(rate, kind="fee"), None
        if fee_rate is not None:
            n = self.inputs.get("periods")
            pct = _fmt(fee_rate.value * 100)
            if _W_TOTAL_FEE.search(f.text) and fee_rate.unit is None and n:
                self.put("monthly_fee_rate", fee_rate.value / n, self.note(
                    f"总手续费{pct}%平均摊到{n}期", f"total fee of {pct}% spread over {n} periods"))
            elif fee_rate.unit is None:
                self.put("monthly_fee_rate", fee_rate.value, self.note(
                    f"手续费{pct}%按每期收取计算", f"the {pct}% fee taken as charged every period"))
            else:
                self.rate_into(fee_rate, "monthly_fee_rate", None)
            if "method" not in self.inputs:
                self.put("method", "equal_principal_plus_fee")
        if rate is not None:
            self.rate_into(rate, "monthly_rate", None)
        return fee_rate, rate

    def repayments_as_money(self, payment: Any, lump: Any) -> None:
        """Repayments said as money ("每期还500", "一个月后还5000"): a fixed amount per period, no fee rate shown."""
        n, principal = self.inputs.get("periods"), self.inputs.get("principal")
        if payment and n and principal:
            # Equal payments of X: each is P/n of principal plus a fixed X − P/n, the fee-instalment shape exactly.
            extra_value = payment.value - principal / n
            if extra_value >= 0:
                said, part, extra = _fmt(payment.value), _fmt(principal / n, 2), _fmt(extra_value, 2)
                days = self.inputs.get("period_days")
                after_zh = f"{days}天后" if days else "一个月后"
                self.put("method", "equal_principal_plus_fee")
                self.put("monthly_fee_rate", Decimal(0))
                self.put("per_period_fixed_fee", extra_value, self.note(
                    f"{after_zh}一次还{said}元 = 本金{part}元 + 利息和费用{extra}元" if n == 1
                    else f"每期还{said}元 = 本金{part}元 + 利息和费用{extra}元",
                    f"{'the one payment' if n == 1 else 'each payment'} of {said} = {part} principal + {extra} "
                    "interest and fees"))
        elif lump and not payment and n and principal and lump.value == principal:
            # The loan back in one sum after n months, no interest on paper: its cost is what was kept back.
            self.put("method", "interest_only")
            self.put("monthly_rate", Decimal(0), self.note(
                f"{n}个月后一次还本金{_fmt(principal)}元，没有另收利息",
                f"the {_fmt(principal)} paid back in one sum after {n} months, no interest on top"))

    def cost(self) -> None:
        """A loan repaid on time: amount, rate, and either its term in days (one repayment) or months."""
        f = self.f
        self.product()
        self.principal("principal")
        rate = f.rate("rate", "contract", "penalty")
        if rate:
            self.rate_into(rate, "rate", "rate_unit")
        if f.method in schemas.choices("cost", "method"):
            self.put("method", f.method)
        self.periods_into("months")
        method = self.inputs.get("method")
        d = f.duration("duration", "horizon", "overdue")
        if method in (None, "simple") and not f.periods and d is not None and (d.unit in ("day", "week", "year")
                                                                               or method == "simple"
                                                                               or not f.method):
            self.inputs.pop("months", None)
            self.duration_into(d, "days")
            method = None
        if method is None and "months" not in self.inputs:
            self.put("method", "simple")  # one sum at the end: the loan has no instalments
        if f.dates:
            self.put("contract_date", f.dates[0])

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
        if "rate" not in self.inputs:
            self.card_rate("rate", "rate_unit")
        if f.compounding is not None:
            note = None if f.compounding_explicit else self.note(
                "利滚利按每30天复利一次计算", "compounding taken as every 30 days")
            self.put("compounding_period_days", f.compounding, note)
        elif "compounding_period_days" not in self.inputs and (
            f.product == "credit_card" or self.inputs.get("product_type") == "credit_card"
        ):
            self.put("compounding_period_days", 30, self.note(
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
            note = self.note(f"日期按{day}计算", f"date taken as {day}") if self.f.date_partial else None
            self.put("date", self.f.dates[0], note)
        elif "date" not in self.inputs:
            self.put("date", date.today().isoformat())

    def drop(self, *names: str) -> None:
        for n in names:
            self.inputs.pop(n, None)
            self.assumed.pop(n, None)

    # --- result

    def missing(self) -> list[str]:
        """What the tool's schema still needs, plus a rate read without the unit its field implies."""
        need = schemas.missing(self.tool, self.inputs)
        waiting = self.pending.get("unit_for")
        got = schemas.ask(self.tool, waiting) if waiting else None
        if got is not None and got.per and waiting not in need:
            need.append(waiting)
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
            self.assumed["product_type"] = self.note(
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
        got = schemas.ask(self.tool, waiting) if waiting else None
        if waiting and got is not None and got.per:
            inputs.pop(waiting, None)
            self.pending["value"] = self.inputs[waiting]
        return CalcRequest(
            tool=self.tool,
            inputs=inputs,
            missing=missing,
            assumptions=list(dict.fromkeys(_say(self.lang, *note) for note in self.assumed.values())),
            language=self.lang,
            assumed=dict(self.assumed),
            pending=dict(self.pending),
        )




_UNIT_NAMES = {"daily": ("日利率", "per day"), "monthly": ("月利率", "per month"), "annual": ("年利率", "per year")}


def _calculator_value(name: str, value: Any) -> Any:
    """The calculator reads a plain number of 1 or more as a mistaken percent; say such rates with "%"."""
    asks = (schemas.ask(t, name) for t in schemas.SCHEMAS)
    if isinstance(value, Decimal) and value >= 1 and any(a is not None and a.kind == "rate" and not a.share
                                                         for a in asks):
        return f"{_fmt(value * 100)}%"
    return value


def _as_fraction(value: Any) -> Decimal:
    if isinstance(value, str) and value.endswith("%"):
        return Decimal(value[:-1]) / 100
    return Decimal(value)


