"""What the quantity grammar finds in a message: amounts, rates, durations and fees, each with its span."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Amount:
    value: Decimal
    # principal | interest | statement | paid | minimum | fee | per_period_fee | upfront | net | target | payment
    # (each instalment) | lump (one repayment at the end) | amount
    role: str
    text: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Rate:
    value: Decimal  # fraction: 0.0005 for 0.05%
    unit: str | None  # daily | monthly | annual | None when the text did not say
    kind: str  # rate | penalty | contract | markup | fee | late_fee | min_payment
    text: str
    start: int = 0
    end: int = 0
    per_period: bool = False  # "每期": per instalment period (a month)
    fen: Decimal | None = None  # "2分" / "5厘" said without a unit: its value depends on the unit
    bare: bool = False  # a plain number ("利率1.5") read as percent
    inherited: bool = False  # unit taken from the earlier request ("日息万五年化多少" then "那万三呢")


@dataclass(frozen=True)
class Duration:
    days: int
    unit: str  # day | week | month | year
    count: Decimal
    text: str
    role: str = "duration"  # duration | overdue | grace | posting | horizon
    start: int = 0
    end: int = 0

    @property
    def conventional(self) -> bool:
        """True when the day count is a convention (months of 30 days, years of 365) worth saying."""
        return self.unit in ("month", "year")

    @property
    def months(self) -> int | None:
        if self.unit == "month":
            return int(self.count) if self.count == int(self.count) else None
        if self.unit == "year":
            months = self.count * 12
            return int(months) if months == int(months) else None
        return None

    def assumption(self) -> tuple[str, str]:
        """How a conventional duration was counted, in Chinese and in English."""
        said = self.text.strip()
        return f"{said}按{self.days}天计算", f"{said} counted as {self.days} days"


@dataclass(frozen=True)
class Fee:
    kind: str  # penalty_fee | per_period_fee | upfront | net | late_fee_pct
    amount: Decimal | None = None
    pct: Decimal | None = None
    text: str = ""

    def to_spec(self) -> dict[str, Any]:
        """The calculator's `fee` object for the penalty tool."""
        if self.pct is not None:
            return {"type": "percent", "pct": self.pct, "base": "principal_overdue", "times": 1}
        return {"type": "fixed", "amount": self.amount, "times": 1}


