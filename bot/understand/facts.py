"""Everything recognised in one message (Facts), and the stand-alone readers built on it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from bot.understand.entities import Amount, Duration, Fee, Rate
from bot.understand.grammar import _UNIT_WORD_ONLY, _W_DAY_BASIS, _Scanner
from bot.understand.language import _normalize, detect_language
from bot.understand.lexicon import cue, keyed
from bot.understand.numbers import parse_number
from bot.understand.quantities import (
    _find_amounts,
    _find_dates,
    _find_durations,
    _find_multiple,
    _find_periods,
    _find_rates,
)

_PRODUCTS = keyed("products")
_METHODS = keyed("methods")
_W_COMPOUND = cue("compound")
_W_COMPOUND_DAILY = cue("compound_daily")
_W_COMPOUND_MONTHLY = cue("compound_monthly")
_W_SIMPLE = cue("simple")
_W_PAID_NOTHING = cue("paid_nothing")
_W_PAID_MINIMUM = cue("paid_minimum")
_W_FULL_BALANCE = cue("full_balance")
_W_UNPAID_PORTION = cue("unpaid_portion")
_W_MONTHLY_PAYMENT = cue("monthly_payment")
_AFTER_SPAN = re.compile(r"(?<!每)[天周月]\s*(?:后|以后)?\s*(?:要|需要|得|一次性?)?\s*还(?:款)?\s*$")

@dataclass
class Facts:
    """Everything recognised in one message."""

    text: str
    language: str
    amounts: list[Amount] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    durations: list[Duration] = field(default_factory=list)
    periods: int | None = None
    multiple: Decimal | None = None
    dates: list[str] = field(default_factory=list)
    date_partial: bool = False
    product: str | None = None
    method: str | None = None
    unit_word: str | None = None
    compounding: int | None = None
    compounding_explicit: bool = False
    interest_method: str | None = None
    paid_nothing: bool = False
    paid_minimum: bool = False
    day_basis: int | None = None
    bare_number: Decimal | None = None

    # Each getter returns the first entity of the first role listed that has one (roles in priority order).
    def amount(self, *roles: str) -> Amount | None:
        return next((a for role in roles for a in self.amounts if a.role == role), None)

    def rate(self, *kinds: str) -> Rate | None:
        return next((r for kind in kinds for r in self.rates if r.kind == kind), None)

    def duration(self, *roles: str) -> Duration | None:
        return next((d for role in roles for d in self.durations if d.role == role), None)

    def lump_repayment(self) -> Amount | None:
        """The loan paid back in one sum after a while ("3个月后还6000", "7天还1300", "pay back 2600 after 14 days"):
        a repayment said as money, one span of time, and no instalments or monthly payments."""
        if self.periods or len(self.durations) != 1 or _W_MONTHLY_PAYMENT.search(self.text):
            return None
        # "7天还1300": the span is read first, so the amount's own prefix is a bare 还
        # ("7天还1300 利息高吗": the 利息 after it is what is asked about, not what the 1300 is)
        after_span = next((a for a in self.amounts if a.role in ("amount", "interest")
                           and _AFTER_SPAN.search(self.text[:a.start])), None)
        return self.amount("lump") or self.amount("payment") or after_span

    @property
    def has_entities(self) -> bool:
        return bool(
            self.amounts or self.rates or self.durations or self.periods or self.multiple or self.dates
            or self.product or self.method or self.unit_word or self.bare_number is not None
            or self.compounding is not None or self.paid_nothing or self.paid_minimum
        )




def _first(patterns: tuple[tuple[str, str], ...], text: str) -> str | None:
    # the earliest mention, not the last, names what the user talks about
    best = None
    for key, pattern in patterns:
        m = re.search(pattern, text, re.I)
        if m and (best is None or m.start() < best[1]):
            best = (key, m.start())
    return best[0] if best else None


def detect_product(text: str) -> str | None:
    """product_type named in the text ("信用卡" → credit_card, "借条" → private_lending, "IOU" → private_lending)."""
    return _first(_PRODUCTS, _normalize(text))


MAX_CHARS = 600  # a calculation question is short; longer messages are read up to here (keeps parsing fast)


def extract(text: str, loose: bool = False) -> Facts:
    """All entities of one message (dates, rates, periods, durations, multiples, then amounts). `loose`: see
    _find_rates."""
    norm = _normalize(text[:MAX_CHARS])
    sc = _Scanner(norm)
    facts = Facts(text=norm, language=detect_language(norm))
    facts.dates, facts.date_partial = _find_dates(sc)
    facts.rates = _find_rates(sc, loose)
    for m in _W_DAY_BASIS.finditer(norm):
        around = norm[max(0, m.start() - 3): m.end() + 4]
        if sc.free(m.start(), m.end()) and re.search(r"按|basis|day year|天计|天算|-day", around, re.I):
            facts.day_basis = int(m.group("n") or m.group("e"))
            sc.take(m.start(), m.end())
    facts.periods = _find_periods(sc)
    facts.durations = _find_durations(sc)
    facts.multiple = _find_multiple(sc)
    facts.amounts = _find_amounts(sc)
    facts.product = _first(_PRODUCTS, norm)
    facts.method = _first(_METHODS, norm)
    u = _UNIT_WORD_ONLY.match(norm)
    if u:
        word = u.group("u").lower()
        facts.unit_word = (
            "daily" if re.search(r"天|日|day", word) else "monthly" if re.search(r"月|month", word) else "annual"
        )
    if _W_COMPOUND_DAILY.search(norm):
        facts.compounding, facts.compounding_explicit = 1, True
    elif _W_COMPOUND_MONTHLY.search(norm):
        facts.compounding, facts.compounding_explicit = 30, True
    elif _W_SIMPLE.search(norm):
        facts.compounding, facts.compounding_explicit = 0, True
    elif _W_COMPOUND.search(norm):
        facts.compounding = 30
    if _W_FULL_BALANCE.search(norm):
        facts.interest_method = "full_balance"
    elif _W_UNPAID_PORTION.search(norm):
        facts.interest_method = "unpaid_portion"
    facts.paid_nothing = bool(_W_PAID_NOTHING.search(norm))
    facts.paid_minimum = bool(_W_PAID_MINIMUM.search(norm))
    bare = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[.。!！?？]?\s*", norm)
    if bare:
        facts.bare_number = Decimal(bare.group(1))
    return facts


# Stand-alone parsers -------------------------------------------------------------------------------------------

def parse_amount(text: str) -> Decimal | None:
    """The first money amount in the text ("欠一万五" → 15000, "¥8000" → 8000, "10 thousand" → 10000)."""
    amounts = extract(text).amounts
    if amounts:
        return amounts[0].value
    value = parse_number(text)
    return value if value is not None and value > 0 else None


def parse_rate(text: str) -> tuple[Decimal, str | None] | None:
    """(fraction, unit) of the first rate: "日息万五" → (0.0005, "daily"); "利率1.5" → (0.015, None)."""
    rates = extract(text).rates
    rate = next((r for r in rates if r.kind != "markup"), None)
    return (rate.value, rate.unit) if rate else None


def parse_duration(text: str) -> Duration | None:
    """The first span of time: "逾期30天" → 30 days; "两个月" → 60 days (conventional, see .assumption)."""
    durations = extract(text).durations
    return durations[0] if durations else None


def parse_periods(text: str) -> int | None:
    """Number of instalments: "分12期" → 12, "12 instalments" → 12."""
    return extract(text).periods


def parse_fees(text: str) -> list[Fee]:
    """Fees named in the text: "违约金100元", "手续费3%", "砍头500", "每期服务费20元", "到手9500"."""
    facts = extract(text)
    fees: list[Fee] = []
    roles = {"fee": "penalty_fee", "per_period_fee": "per_period_fee", "upfront": "upfront", "net": "net"}
    for a in facts.amounts:
        if a.role in roles:
            fees.append(Fee(roles[a.role], amount=a.value, text=a.text))
    for r in facts.rates:
        if r.kind in ("fee", "late_fee") and r.unit is None and not r.per_period:
            fees.append(Fee("penalty_fee", pct=r.value, text=r.text))
    return fees




def annual_percent(rate: Rate) -> Decimal | None:
    """A rate with a unit as a simple annual percentage (daily × 365, monthly × 12); None without a unit."""
    per_year = {"daily": 365, "monthly": 12, "annual": 1}.get(rate.unit or "")
    return rate.value * 100 * per_year if per_year else None
