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
