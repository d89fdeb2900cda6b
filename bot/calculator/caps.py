"""The reference lines courts use for interest and overdue charges.

- Every type but private lending: 24% a year as the reference line (courts may reduce charges above it).
- Private lending (2020 amended SPC provisions on private lending, Art. 25 and 31):
  a contract made on or after 2020-08-20 is capped at 4 × the one-year LPR in force on the contract date;
  for an older contract the period is split at 2020-08-20: days up to 2020-08-19 follow the old rules (24% a
  year supported, 24–36% not recoverable once paid, above 36% void), days from 2020-08-20 are capped at 4 × the
  one-year LPR when the suit is filed.

    segments = private_segments(contract_date, first_day, end, filing_date, table)   # the overdue-period split
    applicable_cap("private_lending", Decimal("24"), date(2023, 5, 1)) -> RateCap(cap_pct, rule, exceeds, …)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bot.calculator.lpr import LprTable, load_table, stale_note
from bot.calculator.text import Note, fmt_pct

PRODUCT_TYPES = ("bank_loan", "credit_card", "consumer_finance", "online_lender", "micro_loan", "private_lending")
REFERENCE_LINE_PCT = Decimal(24)
UPPER_LINE_PCT = Decimal(36)
NEW_PRIVATE_LENDING_RULES = date(2020, 8, 20)

# Rule names a result carries (cap_segments[].rule, RateCap.rule), with the words a borrower sees.
RULES: dict[str, tuple[str, str]] = {
    "reference_24": ("24% 参考线（借款人提出时，法院可能调减超出部分）",
                     "the 24% reference line (courts may reduce charges above it when the borrower asks)"),
    "private_4x_lpr_contract": ("民间借贷：合同成立时一年期 LPR 的 4 倍",
                                "private lending: 4 × the one-year LPR when the contract was made"),
    "private_old_24_36": ("民间借贷旧规则（2020-08-19 及以前的天数）：24% 以内支持，24%–36% 已付不退，超过 36% 无效",
                          "private lending, old rules (days up to 2020-08-19): 24% supported, 24–36% not "
                          "recoverable once paid, above 36% void"),
    "private_4x_lpr_filing": ("民间借贷（2020-08-20 起的天数）：起诉时一年期 LPR 的 4 倍",
                              "private lending (days from 2020-08-20): 4 × the one-year LPR when the suit is filed"),
}


@dataclass(frozen=True)
class Segment:
    """Charged days [start, end] (both counted) under one cap."""

    start: date
    end: date
    cap_pct: Decimal
    rule: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def as_dict(self) -> dict[str, object]:
        return {"from": self.start, "to": self.end, "days": self.days, "cap_pct": self.cap_pct, "rule": self.rule}


@dataclass(frozen=True)
class RateCap:
    """The cap that applies to a rate: figure, rule name (RULES key) and whether the rate is above it."""

    cap_pct: Decimal
    rule: str
    exceeds: bool
    lpr_1y_pct: Decimal | None
    note: Note

    def rule_text(self, lang: str) -> str:
        zh, en = RULES[self.rule]
        return zh if lang == "zh" else en


def lpr_cap(day: date, table: LprTable) -> tuple[Decimal, Decimal]:
    """(one-year LPR, 4 × it) in force on `day`; before the first quote the first quote is the nearest known."""
    lpr_pct = table.rate_on(day) or table.rows[0].lpr_1y_pct
    return lpr_pct, lpr_pct * 4


def private_segments(contract_date: date, first_day: date, end: date, filing_date: date,
                     table: LprTable) -> list[Segment]:
    """The charged days first_day … end − 1 split under the private-lending rules (empty when no day is charged)."""
    last = end - timedelta(days=1)
    if last < first_day:
        return []
    if contract_date >= NEW_PRIVATE_LENDING_RULES:
        return [Segment(first_day, last, lpr_cap(contract_date, table)[1], "private_4x_lpr_contract")]
    split = NEW_PRIVATE_LENDING_RULES
    segments: list[Segment] = []
    if first_day < split:
        segments.append(Segment(first_day, min(last, split - timedelta(days=1)), REFERENCE_LINE_PCT,
                                "private_old_24_36"))
    if last >= split:
        segments.append(Segment(max(first_day, split), last, lpr_cap(filing_date, table)[1],
                                "private_4x_lpr_filing"))
    return segments


def weighted_cap(segments: list[Segment]) -> Decimal:
    days = sum(s.days for s in segments)
    return sum((s.cap_pct * s.days for s in segments), Decimal(0)) / days


def private_notes(contract_date: date, segments: list[Segment], filing_date: date, table: LprTable,
                  filing_given: bool) -> list[Note]:
    """Which private-lending rule applied, in words (the figures come from the same segments)."""
    if contract_date >= NEW_PRIVATE_LENDING_RULES:
        lpr_pct, cap = lpr_cap(contract_date, table)
        notes = [Note(
            zh=f"民间借贷上限：合同成立日（{contract_date}）一年期 LPR {fmt_pct(lpr_pct)}% 的 4 倍，即年化 "
            f"{fmt_pct(cap)}%（按 365 天、以逾期本金计）。",
            en=f"Private-lending ceiling: 4 × the one-year LPR on the contract date ({contract_date}, "
            f"{fmt_pct(lpr_pct)}%) = {fmt_pct(cap)}% a year (365-day year, on the overdue principal).",
        )]
        if table.is_stale_for(contract_date):
            notes.append(stale_note(table, contract_date))
        return notes
    lpr_pct, cap = lpr_cap(filing_date, table)
    parts_zh, parts_en = [], []
    for s in segments:
        if s.rule == "private_old_24_36":
            parts_zh.append(f"{s.start} 至 {s.end} 共 {s.days} 天按旧规则以年化 24% 为限"
                            "（24%–36% 已付不退，超过 36% 无效）")
            parts_en.append(f"{s.start} to {s.end} ({s.days} days) under the old rules at 24% a year (24–36% not "
                            "recoverable once paid, above 36% void)")
        else:
            parts_zh.append(f"{s.start} 至 {s.end} 共 {s.days} 天以起诉时一年期 LPR {fmt_pct(lpr_pct)}% 的 4 倍即 "
                            f"{fmt_pct(cap)}% 为限")
            parts_en.append(f"{s.start} to {s.end} ({s.days} days) at 4 × the one-year LPR at filing "
                            f"({fmt_pct(lpr_pct)}%) = {fmt_pct(cap)}%")
    filed_zh = "" if filing_given else "（未给出起诉日期，按计算日计）"
    filed_en = "" if filing_given else " (no filing date given: the calculation date is used)"
    notes = [Note(
        zh=f"借款在 2020-08-20 之前成立（{contract_date}）：按修正后的民间借贷司法解释分段计算上限——"
        + ("；".join(parts_zh) or f"2020-08-20 起的天数以起诉时 LPR 的 4 倍（{fmt_pct(cap)}%）为限") + f"{filed_zh}。",
        en=f"The loan was made before 2020-08-20 ({contract_date}): under the amended private-lending provisions the "
        "cap is split — " + ("; ".join(parts_en) or f"days from 2020-08-20 at 4 × the LPR at filing ({fmt_pct(cap)}%)")
        + f"{filed_en}.",
    )]
    if table.is_stale_for(filing_date):
        notes.append(stale_note(table, filing_date))
    return notes


def reference_note() -> Note:
    return Note(
        zh="参考线：年化 24%（按 365 天、以逾期本金计）。高于这条线的部分，借款人提出时法院可能予以调减。",
        en="Reference line: 24% a year (365-day year, on the overdue principal). Courts may reduce charges "
        "above it when the borrower asks.",
    )


def court_note() -> Note:
    return Note(
        zh="上限是借款人主动主张时法院可能支持的范围，并不会自动减免；实际账单以合同为准，"
        "请向出借方索要分项明细（本金/利息/罚息/复利/违约金/费用）。法院会结合案情认定。",
        en="The cap is what a court would likely support if you raise it — not an automatic discount; a court "
        "decides on the facts. Real bills follow the contract: ask the lender for an itemised statement "
        "(本金/利息/罚息/复利/违约金/费用: principal, interest, penalty interest, compound interest, liquidated "
        "damages, fees).",
    )


def applicable_cap(product_type: str | None, annual_rate_pct: Decimal, contract_date: date | None = None,
                   on: date | None = None, table: LprTable | None = None) -> RateCap:
    """The cap for a rate (annual %, 365-day year) of a product type, its rule and whether the rate exceeds it.

    Private lending: 4 × LPR on `contract_date` for a contract made on or after 2020-08-20; for an older one (or
    none given) the cap for interest running on `on` (default today): 4 × the LPR of that day from 2020-08-20,
    24% before. Everything else: the 24% reference line. "Exceeds" is strictly above, on the value given.
    """
    table = table or load_table()
    rate = Decimal(annual_rate_pct)
    if product_type != "private_lending":
        return RateCap(REFERENCE_LINE_PCT, "reference_24", rate > REFERENCE_LINE_PCT, None, reference_note())
    day = on or date.today()
    if contract_date is not None and contract_date >= NEW_PRIVATE_LENDING_RULES:
        lpr_pct, cap = lpr_cap(contract_date, table)
        notes = private_notes(contract_date, [], contract_date, table, True)
        return RateCap(cap, "private_4x_lpr_contract", rate > cap, lpr_pct, notes[0])
    if day < NEW_PRIVATE_LENDING_RULES:
        note = Note(zh=f"{day} 早于 2020-08-20：民间借贷按旧规则，年化 24% 以内支持，超过 36% 的部分无效。",
                    en=f"{day} is before 2020-08-20: private lending then followed the old rules, 24% a year "
                    "supported and above 36% void.")
        return RateCap(REFERENCE_LINE_PCT, "private_old_24_36", rate > REFERENCE_LINE_PCT, None, note)
    lpr_pct, cap = lpr_cap(day, table)
    when_zh = f"合同成立于 2020-08-20 之前（{contract_date}）" if contract_date else "未给出借款日期"
    when_en = f"the contract predates 2020-08-20 ({contract_date})" if contract_date else "no loan date given"
    note = Note(
        zh=f"{when_zh}：{day} 起算的利息以起诉时一年期 LPR（{fmt_pct(lpr_pct)}%）的 4 倍即 {fmt_pct(cap)}% 为限；"
        "2020-08-19 及以前的天数按旧规则（24%/36%）。",
        en=f"{when_en}: interest running from {day} is capped at 4 × the one-year LPR at filing "
        f"({fmt_pct(lpr_pct)}%) = {fmt_pct(cap)}%; days up to 2020-08-19 follow the old 24%/36% rules.",
    )
    return RateCap(cap, "private_4x_lpr_filing", rate > cap, lpr_pct, note)
