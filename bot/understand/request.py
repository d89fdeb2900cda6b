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
from dataclasses import replace

from bot.calculator import schemas
from bot.understand.builder import CalcRequest, _Builder
from bot.understand.facts import Facts, extract
from bot.understand.grammar import _FEN_SCALE
from bot.understand.language import _language_signal
from bot.understand.lexicon import cue

TOOL_NAMES = ("penalty", "card", "installment", "growth", "convert", "lpr", "cost", "plan")
PRODUCT_TYPES = ("bank_loan", "credit_card", "consumer_finance", "online_lender", "micro_loan", "private_lending")

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
_W_COST_ASK = cue("cost_ask")
_W_IRR_ASK = cue("irr_ask")
_W_RATE_ASK = cue("rate_ask")

# ---------------------------------------------------------------------------------------------------------------
# requests


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


def _choose_tool(f: Facts) -> str | None:
    text = f.text
    money_ask = bool(_W_MONEY_ASK.search(text))
    if _W_LPR.search(text):
        if _W_LPR_ASK.search(text) and not _W_DEFINE.search(text):
            return "lpr"
        return None
    if _W_BLOCK.search(text) and not money_ask:
        return None
    overdue = bool(_W_OVERDUE.search(text))
    if _is_cost(f, overdue):
        return "cost"
    return _offer_tool(f, overdue) or _card_or_growth(f, money_ask) or _debt_tool(f, money_ask, overdue)


def _is_cost(f: Facts, overdue: bool) -> bool:
    """What a loan costs when repaid on time: an amount, a rate or a repayment method, and a question about the
    interest or the repayments ("年化36%的网贷借1万一年利息多少", "月供多少") — no overdue, no fee, no card bill."""
    text = f.text
    if overdue or not f.amount("principal", "amount") or not _W_COST_ASK.search(text):
        return False
    if f.rate("fee") or f.amount("net", "upfront", "per_period_fee", "payment") or _W_CARD.search(text):
        return False
    if _W_IRR_ASK.search(text) and not f.rates:
        return False  # "年化多少" with no rate given: the true rate of an offer
    return bool(f.rates or f.method in ("annuity", "equal_principal", "interest_only"))


def _offer_tool(f: Facts, overdue: bool) -> str | None:
    """The true annual rate of an instalment or loan offer."""
    fee_rate = f.rate("fee")
    months = any(d.months for d in f.durations)
    if _W_INSTALLMENT.search(f.text) and (
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
    # Borrowed, and paid back in one sum after a while, with its rate asked ("借5000 3个月后还6000 年化多少",
    # "借1000 7天还1300 利息高吗"): the true rate of that loan, whatever the borrower calls it.
    lump = f.lump_repayment()
    principal = f.amount("principal")
    if not overdue and not f.rates and lump and principal and lump.value > principal.value and (
        _W_IRR_ASK.search(f.text) or _W_RATE_ASK.search(f.text)
    ):
        return "installment"
    return None


def _card_or_growth(f: Facts, money_ask: bool) -> str | None:
    text = f.text
    if _W_CARD.search(text) and (f.amounts or money_ask):
        return "card"
    if _W_GROWTH.search(text) or f.multiple:
        return "growth"
    if f.rates and not f.amounts and not f.periods and (not f.durations or _W_CONVERT_ASK.search(text)) and (
        _W_CONVERT.search(text) or re.search(r"[?？]\s*$", text)
    ) and not _W_RULE_Q.search(text):
        return "convert"
    return None


def _debt_tool(f: Facts, money_ask: bool, overdue: bool) -> str | None:
    has_money = bool(f.amounts)
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
        day_fields = [m for m in missing if m in schemas.of_kind(b.tool, "days")]
        money_fields = [m for m in missing if m in schemas.of_kind(b.tool, "money")]
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


_RATE_KINDS_FOR_INPUT = ("rate", "penalty", "contract", "fee")


def _money_fields() -> set[str]:
    return {n for tool in schemas.SCHEMAS for n in schemas.of_kind(tool, "money")}


def _supplies(facts: Facts, missing: list[str]) -> bool:
    """Whether the text gives a number still missing (a rate for a rate, days for days, ...). A product named in
    passing ("信用卡最低还款是10%吗") does not count: the question is about something else."""
    wants_rate = any(m.endswith("rate") or m.endswith("unit") for m in missing)
    return bool(
        (wants_rate and any(r.kind in _RATE_KINDS_FOR_INPUT for r in facts.rates))
        or (facts.durations and any("days" in m for m in missing))
        or (facts.amounts and any(m in _money_fields() for m in missing))
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


