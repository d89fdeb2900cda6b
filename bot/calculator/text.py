"""Bilingual notes: every tool writes each note in Chinese and English; the caller picks one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Note:
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def steep_rate_note(daily: Decimal) -> Note | None:
    """A check for rates above 1% a day: usually a percent typed as a fraction ("0.05" meant as 0.05%)."""
    if daily <= Decimal("0.01"):
        return None
    day, year = fmt_pct(daily * 100), fmt_pct(daily * 36500, 2)
    return Note(
        zh=f"请核对：这相当于每天 {day}%（年化 {year}%）。纯数字按小数理解；如果你的意思是 0.05%，请写成 \"0.05%\"。",
        en=f"Check: this is {day}% a day ({year}% a year). Plain numbers are read as fractions; if you meant "
        "0.05%, write \"0.05%\".",
    )


def fmt_money(value: Decimal) -> str:
    """¥-free grouped amount with 2 places, for sentences inside notes (10,000.00)."""
    return f"{value:,.2f}"


def fmt_pct(value: Decimal, places: int = 6) -> str:
    """A percent figure without trailing zeros beyond 2 places (18.25, 0.05, 16.216482)."""
    text = f"{value:.{places}f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    if len(frac) < 2:
        frac = frac.ljust(2, "0")
    return f"{whole}.{frac}"
