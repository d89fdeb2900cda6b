"""One-year LPR on a date, from the educator-maintained table lpr_table.csv shipped next to this module."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.calculator.errors import CalcError
from bot.calculator.text import Note, fmt_pct
from bot.calculator.values import Reader, pct

TABLE_PATH = Path(__file__).with_name("lpr_table.csv")
FIRST_LPR_DATE = date(2019, 8, 20)
STALE_AFTER_DAYS = 45
_VERIFIED_TAG = "table_verified_on:"


@dataclass(frozen=True)
class LprRow:
    start: date
    lpr_1y_pct: Decimal
    note: str = ""


@dataclass(frozen=True)
class LprTable:
    rows: tuple[LprRow, ...]
    verified_on: date

    def rate_on(self, day: date) -> Decimal | None:
        """The 1Y LPR in force on `day` (percent), or None before the first quote (2019-08-20)."""
        found: Decimal | None = None
        for row in self.rows:
            if row.start <= day:
                found = row.lpr_1y_pct
            else:
                break
        return found

    def is_stale_for(self, day: date) -> bool:
        return (day - self.verified_on).days > STALE_AFTER_DAYS


class LprTableError(CalcError):
    """The LPR data file is malformed: `detail` names the file, line and what to fix (finbot kb check shows it).

    A CalcError, so a calculation that needs the table says in one line that the table is broken, and
    everything else keeps working."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"the calculator's LPR table is broken, so this cannot be calculated now ({detail})",
                         "lpr_table", message_zh="计算器的 LPR 利率表文件损坏了，暂时没法计算这一项（维护人员运行 "
                         "finbot kb check 可以看到原因）。其他问题照常回答。")
        self.detail = detail


def parse_table(text: str, source: str = "lpr_table.csv") -> LprTable:
    verified_on: date | None = None
    data_lines: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            body = stripped.lstrip("#").strip()
            if body.lower().startswith(_VERIFIED_TAG):
                value = body[len(_VERIFIED_TAG):].strip()
                try:
                    verified_on = date.fromisoformat(value)
                except ValueError:
                    raise LprTableError(
                        f"{source}:{number}: table_verified_on must be a date YYYY-MM-DD, got {value!r}"
                    ) from None
            continue
        if stripped:
            data_lines.append((number, line))
    if not data_lines:
        raise LprTableError(f"{source}: no header row (expected from,lpr_1y_pct,note)")
    header_number, header = data_lines[0]
    columns = [c.strip() for c in next(csv.reader([header]))]
    if columns[:2] != ["from", "lpr_1y_pct"]:
        raise LprTableError(f"{source}:{header_number}: header must start with from,lpr_1y_pct (got {header!r})")
    rows: list[LprRow] = []
    for number, line in data_lines[1:]:
        cells = [c.strip() for c in next(csv.reader(io.StringIO(line)))]
        if len(cells) < 2:
            raise LprTableError(f"{source}:{number}: expected from,lpr_1y_pct[,note], got {line!r}")
        try:
            start = date.fromisoformat(cells[0])
        except ValueError:
            raise LprTableError(f"{source}:{number}: 'from' must be a date YYYY-MM-DD, got {cells[0]!r}") from None
        try:
            rate = Decimal(cells[1].rstrip("%"))
        except InvalidOperation:
            raise LprTableError(f"{source}:{number}: lpr_1y_pct must be a percent number like 3.10, "
                                f"got {cells[1]!r}") from None
        if not rate.is_finite() or not Decimal(0) < rate < Decimal(20):
            raise LprTableError(f"{source}:{number}: lpr_1y_pct {cells[1]!r} is not a plausible percent (0-20)")
        if rows and start <= rows[-1].start:
            raise LprTableError(f"{source}:{number}: dates must increase row by row ({start} after {rows[-1].start})")
        rows.append(LprRow(start, rate, cells[2] if len(cells) > 2 else ""))
    if not rows:
        raise LprTableError(f"{source}: the table has no rows")
    return LprTable(tuple(rows), verified_on or rows[-1].start)


@lru_cache(maxsize=1)
def load_table(path: Path | None = None) -> LprTable:
    path = path or TABLE_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LprTableError(f"{path}: cannot read it ({exc}); restore it from the repository") from exc
    return parse_table(text, source=str(path))


def stale_note(table: LprTable, day: date) -> Note:
    return Note(
        zh=f"LPR 表最后核对于 {table.verified_on}，距 {day} 已超过 {STALE_AFTER_DAYS} 天，之后 LPR 可能有调整，"
        "请以全国银行间同业拆借中心公布的数值为准。",
        en=f"The LPR table was last checked on {table.verified_on}, more than {STALE_AFTER_DAYS} days before "
        f"{day}; the LPR may have changed since — check the rate published by the National Interbank Funding Center.",
    )


def no_lpr_note(day: date) -> Note:
    return Note(
        zh=f"{day} 早于 2019-08-20：那时贷款利率以央行公布的贷款基准利率为准，LPR 还不是定价基准，所以没有"
        "“4 倍 LPR”上限；民间借贷当时适用旧规则（年利率 24% 以内受保护，超过 36% 的部分无效）。",
        en=f"{day} is before 2019-08-20: loans were then priced on the central bank's benchmark lending rate, not "
        "the LPR, so there is no 4 × LPR cap; private lending followed the old rules (up to 24% a year protected, "
        "above 36% void).",
    )


@dataclass(frozen=True)
class LprInput:
    date: date


@dataclass(frozen=True)
class LprResult:
    lpr_1y_pct: Decimal | None
    cap_4x_lpr_pct: Decimal | None
    table_verified_on: date
    notes: tuple[Note, ...] = field(default=(), compare=False)




def parse_lpr_input(inputs: Any, today: date) -> tuple[LprInput, list[Note]]:
    reader = Reader(inputs, "lpr")
    notes: list[Note] = []
    if reader.has("date"):
        day = reader.date("date")
    else:
        day = today
        notes.append(Note(zh=f"未给出日期，按今天（{today}）查询。", en=f"No date given: looked up today ({today})."))
    return LprInput(day), notes


def lpr(inp: LprInput, table: LprTable | None = None) -> LprResult:
    table = table or load_table()
    rate = table.rate_on(inp.date)
    notes: list[Note] = []
    if rate is None:
        notes.append(no_lpr_note(inp.date))
        return LprResult(None, None, table.verified_on, tuple(notes))
    cap = rate * 4
    if inp.date > table.verified_on:
        notes.append(Note(
            zh=f"我们掌握的最新一年期 LPR（核对于 {table.verified_on}）为 {fmt_pct(rate)}%，4 倍为 {fmt_pct(cap)}%；"
            f"{inp.date} 的实际数值请以全国银行间同业拆借中心公布的为准。",
            en=f"The latest one-year LPR we know (verified on {table.verified_on}) is {fmt_pct(rate)}%; four times "
            f"that is {fmt_pct(cap)}%. For {inp.date}, check the rate published by the National Interbank Funding "
            "Center.",
        ))
    else:
        notes.append(Note(
            zh=f"{inp.date} 适用的一年期 LPR 为 {fmt_pct(rate)}%，4 倍为 {fmt_pct(cap)}%（民间借贷利率司法保护上限，"
            "按合同成立时的 LPR 计算）。",
            en=f"The one-year LPR in force on {inp.date} was {fmt_pct(rate)}%; four times that is {fmt_pct(cap)}% "
            "(the court-protected ceiling for private lending, taken at the LPR when the contract was made).",
        ))
    if table.is_stale_for(inp.date):
        notes.append(stale_note(table, inp.date))
    return LprResult(pct(rate), pct(cap), table.verified_on, tuple(notes))

