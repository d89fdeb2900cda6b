"""card — the charges for one credit-card statement cycle when less than the full balance is paid."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from bot.calculator.errors import CalcError
from bot.calculator.text import Note, fmt_money, fmt_pct, steep_rate_note
from bot.calculator.values import Reader, money, precise

INTEREST_METHODS = ("full_balance", "unpaid_portion")


@dataclass(frozen=True)
class CardInput:
    statement_balance: Decimal
    amount_paid_by_due: Decimal
    days_posting_to_due: int
    days_overdue_until_repaid: int
    daily_rate: Decimal = Decimal("0.0005")
    interest_method: str = "full_balance"
    min_payment_ratio: Decimal = Decimal("0.10")
    late_fee_pct: Decimal = Decimal("0.05")
    late_fee_min: Decimal | None = None
    late_fee_max: Decimal | None = None


@dataclass(frozen=True)
class CardResult:
    minimum_payment: Decimal
    interest: Decimal
    late_fee: Decimal
    total_charges: Decimal
    balance_to_clear: Decimal
    notes: tuple[Note, ...] = field(default=(), compare=False)


@precise
def card(inp: CardInput) -> CardResult:
    s, a, r = inp.statement_balance, inp.amount_paid_by_due, inp.daily_rate
    d1, d = inp.days_posting_to_due, inp.days_overdue_until_repaid
    minimum = s * inp.min_payment_ratio
    notes: list[Note] = []
    if a >= s:
        interest = late_fee = Decimal(0)
        notes.append(Note(zh="到期日前已全额还款：免息，也没有违约金。",
                          en="Paid in full by the due date: no interest and no late fee."))
    else:
        unpaid = s - a
        if inp.interest_method == "full_balance":
            interest = s * r * d1 + unpaid * r * d
            notes.append(Note(
                zh="按“全额计息”计算：整笔账单从记账日到到期日计息，未还部分再从到期日计到还清日。"
                "是否全额计息取决于发卡银行，不少银行已改为只对未还部分计息。",
                en="Full-balance interest: the whole statement bears interest from posting to the due date, and the "
                "unpaid part from the due date until repaid. Whether this applies depends on the bank; many now "
                "charge only the unpaid portion.",
            ))
        else:
            interest = unpaid * r * (d1 + d)
            notes.append(Note(
                zh="按“未还部分计息”计算：只对未还金额从记账日计到还清日。",
                en="Unpaid-portion interest: only the unpaid amount bears interest, from posting until repaid.",
            ))
        notes.append(Note(
            zh=f"日利率 {fmt_pct(r * 100)}%；为简化，整笔账单视为同一天记账（实际按每笔交易的记账日计）。",
            en=f"Daily rate {fmt_pct(r * 100)}%; for simplicity the whole statement is treated as posted on one "
            "day (real bills run from each purchase's posting date).",
        ))
        if a < minimum:
            late_fee = inp.late_fee_pct * (minimum - a)
            if inp.late_fee_min is not None:
                late_fee = max(late_fee, inp.late_fee_min)
            if inp.late_fee_max is not None:
                late_fee = min(late_fee, inp.late_fee_max)
            notes.append(Note(
                zh=f"还款低于最低还款额 {fmt_money(money(minimum))}：违约金 = 未还最低还款额 × "
                f"{fmt_pct(inp.late_fee_pct * 100)}%（违约金不计利息）。",
                en=f"Paid less than the minimum payment of {fmt_money(money(minimum))}: late fee = "
                f"{fmt_pct(inp.late_fee_pct * 100)}% of the unpaid minimum (the fee bears no interest).",
            ))
        else:
            late_fee = Decimal(0)
            notes.append(Note(zh="已还最低还款额：不收违约金，但未还部分照常计息。",
                              en="The minimum payment was made: no late fee, but the unpaid part still bears "
                              "interest."))
    steep = steep_rate_note(r)
    if steep is not None:  # "5%" a day on a card is a typo for 0.05%, or not a card
        notes.insert(0, steep)
    total = interest + late_fee
    balance = max(Decimal(0), s - a) + total
    if a > s:
        notes.append(Note(zh=f"多还了 {fmt_money(money(a - s))}，会作为溢缴款留在卡里。",
                          en=f"{fmt_money(money(a - s))} more than the balance was paid; it stays on the card as "
                          "a credit."))
    notes.append(Note(
        zh="实际以发卡银行的章程和账单为准；可向银行索要利息和违约金明细，也可以协商个性化分期。",
        en="The bank's own terms and statement decide; ask the bank for the interest and fee breakdown, and "
        "about a negotiated repayment plan (个性化分期).",
    ))
    return CardResult(money(minimum), money(interest), money(late_fee), money(total), money(balance), tuple(notes))


def parse_card_input(inputs: Any, today: date) -> tuple[CardInput, list[Note]]:
    del today  # the card cycle is described in days; no calendar needed
    reader = Reader(inputs, "card")
    low = reader.number("late_fee_min") if reader.has("late_fee_min") else None
    high = reader.number("late_fee_max") if reader.has("late_fee_max") else None
    if low is not None and high is not None and low > high:
        raise CalcError(f"late_fee_min ({low}) is greater than late_fee_max ({high}); swap them or fix one",
                        "late_fee_min", message_zh=f"late_fee_min（{low}）大于 late_fee_max（{high}），请核对")
    inp = CardInput(
        statement_balance=reader.number("statement_balance", positive=True),
        amount_paid_by_due=reader.number("amount_paid_by_due", 0),
        days_posting_to_due=reader.integer("days_posting_to_due"),
        days_overdue_until_repaid=reader.integer("days_overdue_until_repaid"),
        daily_rate=reader.rate("daily_rate", Decimal("0.0005")),
        interest_method=reader.choice("interest_method", INTEREST_METHODS, "full_balance"),
        min_payment_ratio=reader.rate("min_payment_ratio", Decimal("0.10")),
        late_fee_pct=reader.rate("late_fee_pct", Decimal("0.05")),
        late_fee_min=low,
        late_fee_max=high,
    )
    for name in ("min_payment_ratio", "late_fee_pct"):
        if getattr(inp, name) > 1:
            raise CalcError(f"{name} cannot be more than 100%", name, message_zh=f"{name} 不能超过 100%")
    notes = []
    if not reader.has("daily_rate"):
        notes.append(Note(zh="未给出日利率：按常见上限日息 0.05% 计算。",
                          en="No daily rate given: used the common maximum of 0.05% a day."))
    return inp, notes
