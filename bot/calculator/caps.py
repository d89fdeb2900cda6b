"""The reference lines courts use for overdue charges: 24% a year, or 4 × one-year LPR for private lending."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.calculator.errors import CalcError
from bot.calculator.lpr import LprTable, no_lpr_note, stale_note
from bot.calculator.text import Note, fmt_pct

PRODUCT_TYPES = ("bank_loan", "credit_card", "consumer_finance", "online_lender", "micro_loan", "private_lending")
REFERENCE_LINE_PCT = Decimal(24)
UPPER_LINE_PCT = Decimal(36)
NEW_PRIVATE_LENDING_RULES = date(2020, 8, 20)


@dataclass(frozen=True)
class Cap:
    cap_pct: Decimal | None  # None: no figure can be given (private lending before the LPR existed)
    lpr_1y_pct: Decimal | None
    notes: tuple[Note, ...]


def cap_for(product_type: str | None, contract_date: date | None, table: LprTable) -> Cap:
    if product_type != "private_lending":
        return Cap(REFERENCE_LINE_PCT, None, (Note(
            zh="参考线：年化 24%（按 365 天、以逾期本金计）。高于这条线的部分，借款人提出时法院可能予以调减。",
            en="Reference line: 24% a year (365-day year, on the overdue principal). Courts may reduce charges "
            "above it when the borrower asks.",
        ),))
    if contract_date is None:
        raise CalcError("contract_date is required for private_lending: the cap is 4 × the LPR on that date",
                        "contract_date", message_zh="民间借贷需要填写 contract_date（合同成立日），"
                        "上限按当日 LPR 的 4 倍计算")
    lpr_pct = table.rate_on(contract_date)
    if lpr_pct is None:
        return Cap(None, None, (no_lpr_note(contract_date),))
    notes = [Note(
        zh=f"民间借贷上限：合同成立日（{contract_date}）一年期 LPR {fmt_pct(lpr_pct)}% 的 4 倍，即年化 "
        f"{fmt_pct(lpr_pct * 4)}%（按 365 天、以逾期本金计）。",
        en=f"Private-lending ceiling: 4 × the one-year LPR on the contract date ({contract_date}, "
        f"{fmt_pct(lpr_pct)}%) = {fmt_pct(lpr_pct * 4)}% a year (365-day year, on the overdue principal).",
    )]
    if contract_date < NEW_PRIVATE_LENDING_RULES:
        notes.append(Note(
            zh="合同成立于 2020-08-20 之前：该日之前的利息可能仍按旧规则（24%/36%）计算，具体以法院认定为准。",
            en="The contract predates 2020-08-20: interest for the period before that date may still be judged "
            "under the old 24%/36% rules; a court decides.",
        ))
    if table.is_stale_for(contract_date):
        notes.append(stale_note(table, contract_date))
    return Cap(lpr_pct * 4, lpr_pct, tuple(notes))


def court_note() -> Note:
    return Note(
        zh="上限是借款人主动主张时法院可能支持的范围，并不会自动减免；实际账单以合同为准，"
        "请向出借方索要分项明细（本金/利息/罚息/复利/违约金/费用）。",
        en="The cap is what a court would likely support if you raise it — not an automatic discount. Real bills "
        "follow the contract: ask the lender for an itemised statement (本金/利息/罚息/复利/违约金/费用: principal, "
        "interest, penalty interest, compound interest, liquidated damages, fees).",
    )
