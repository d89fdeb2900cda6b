"""A borrower's list of debts in plain words → one entry per debt, the monthly budget and the order asked for.

    reading = read_debts("招行信用卡欠3万最低还1500，借呗1万2日息万五，朋友借的2万，每月能还5000")
    reading.debts       [DebtItem(name="招行信用卡", kind="credit_card", balance=30000, min_payment=1500, …), …]
    reading.budget      Decimal(5000)

The message is cut at commas, semicolons and line breaks (never inside "30,000"); each piece is read with the
quantity grammar (bot.understand.facts.extract). A piece that names a lender, or brings a second balance, starts a
new debt; a piece with only a rate or a minimum ("最低还1500") completes the one before it. What a piece does not
say stays None: nothing is guessed here — the defaults a plan may use (a card's 0.05% a day, no interest on a
private loan with none agreed) are the caller's, and it says them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from bot.understand.entities import Amount
from bot.understand.facts import Facts, detect_product, extract
from bot.understand.language import _normalize, detect_language
from bot.understand.lexicon import cue, keyed

_W_SNOWBALL = cue("snowball", "debt_words")
_W_AVALANCHE = cue("avalanche", "debt_words")
_W_MINIMUMS = cue("minimums", "debt_words")
_W_PERSON = cue("person", "debt_words")
_PRODUCTS = keyed("products")

# Pieces of a list: Chinese punctuation always; an English comma only when it is not a thousands separator.
_SPLIT = re.compile(r"[，；;。！!？?\n、：]+|(?<!\d)[,:]|[,:](?!\d)|\s+(?:and|plus|also)\s+|还有|另外|以及", re.I)
# Words before a lender's name that are not part of it ("我还欠招行…", "I owe …").
_LEAD = re.compile(r"^(?:\s|我|还|又|再|另|在|从|找|跟|向|有|欠了?|借了?(?!呗|条|钱)|一笔|一个|"
                   r"i\s+(?:also\s+)?(?:owe|have|borrowed)|there(?:'s| is)|plus|also|owe|on|from|with|a\s)+", re.I)
# Where a name ends: the first amount, rate or verb.
_NAME_END = re.compile(r"[\d¥$]|欠|借(?!呗|条)|还|最低|日息|月息|年化|利率|利息|每月|每个月|共|总共|一共|"
                       r"[零一二两三四五六七八九十百千万]+(?:万|千|块|元)|\b(?:owe|at|minimum|min|rate|of|balance)\b",
                       re.I)
_NAME_TAIL = re.compile(r"(?:的|那边|那里|这边|上|里)+$")
_TOTAL = re.compile(r"一共|总共|合计|加起来|\btotal\b|altogether|all together", re.I)
MAX_NAME = 16


@dataclass
class DebtItem:
    name: str
    kind: str | None = None  # product type (credit_card, consumer_finance, private_lending …)
    balance: Decimal | None = None
    rate: Decimal | None = None  # a fraction per rate_unit
    rate_unit: str | None = None  # daily | monthly | annual; None when the message did not say
    min_payment: Decimal | None = None
    said: str = ""  # the words it was read from

    def merged(self, other: DebtItem) -> DebtItem:
        """This entry with what `other` says (a correction: "借呗改成1万5 日息万四") put over it."""
        out = replace(self)
        for name in ("kind", "balance", "rate", "rate_unit", "min_payment"):
            value = getattr(other, name)
            if value is not None:
                setattr(out, name, value)
        if other.rate is not None and other.rate_unit is None:
            out.rate_unit = None  # a new rate without its unit: asked about, not paired with the old unit
        out.said = f"{self.said}；{other.said}" if self.said else other.said
        return out


@dataclass
class DebtReading:
    debts: list[DebtItem] = field(default_factory=list)
    budget: Decimal | None = None
    strategy: str | None = None  # "snowball" | "avalanche" when the message asks for one
    minimums_only: bool = False  # "只还最低要还几年"


def read_debts(text: str) -> DebtReading:
    """Every debt in the message, the monthly budget and the order asked for (see the module docstring)."""
    norm = _normalize(text)
    reading = DebtReading()
    if _W_SNOWBALL.search(norm):
        reading.strategy = "snowball"
    elif _W_AVALANCHE.search(norm):
        reading.strategy = "avalanche"
    reading.minimums_only = bool(_W_MINIMUMS.search(norm))
    current: DebtItem | None = None
    for piece in (p.strip() for p in _SPLIT.split(norm)):
        if not piece:
            continue
        facts = extract(piece)
        budget = facts.amount("budget")
        if budget is not None:
            reading.budget = budget.value
            continue
        if facts.amount("income") is not None and not detect_product(piece):
            continue  # what the borrower earns ("工资才4千") is no debt
        item = _item(piece, facts)
        if item is None or (item.kind is None and _TOTAL.search(piece)):
            continue  # nothing about a debt, or the total of them all ("一共欠8万")
        starts = item.kind is not None or item.balance is not None
        if current is not None and (not starts or (item.kind is None and current.balance is None)):
            current = current.merged(replace(item, name=current.name))
            reading.debts[-1] = current
            continue
        current = item
        reading.debts.append(current)
    _unique_names(reading.debts, "debt " if detect_language(norm) == "en" else "欠款")
    return reading


def read_one(text: str) -> DebtItem | None:
    """One debt as a correction or an addition says it ("借呗改成1万5", "改成日息万四"): the first entry read, even
    one with only a rate or a minimum."""
    norm = _normalize(text)
    facts = extract(norm)
    return _item(norm, facts)


def _item(piece: str, facts: Facts) -> DebtItem | None:
    """What one piece says about a debt (None: nothing about a debt — a greeting, a question)."""
    kind = detect_product(piece) or ("private_lending" if _W_PERSON.search(piece) else None)
    minimum = facts.amount("minimum", "payment") or _per_month(facts)
    balance = next((a for a in facts.amounts if a.role in ("principal", "amount", "statement") and a is not minimum),
                   None)
    rate = next((r for r in facts.rates if r.kind in ("rate", "contract", "penalty")), None)
    if kind is None and balance is None and minimum is None and rate is None:
        return None
    return DebtItem(
        name=_name(piece, facts) or "",
        kind=kind,
        balance=balance.value if balance else None,
        rate=rate.value if rate else None,
        rate_unit=rate.unit if rate else None,
        min_payment=minimum.value if minimum else None,
        said=piece,
    )


def _per_month(facts: Facts) -> Amount | None:
    """"600 a month": an amount right before "a month" is a monthly payment (the span of time took those words)."""
    for a in facts.amounts:
        if a.role == "amount" and any(d.unit == "month" and d.count == 1 and 0 <= d.start - a.end <= 2
                                      for d in facts.durations):
            return a
    return None


def _name(piece: str, facts: Facts) -> str | None:
    """What the borrower calls the debt: the words before its first number or verb ("招行信用卡", "朋友"), else the
    lender word the lexicon found ("20000 from a friend" → "friend")."""
    head = _LEAD.sub("", piece)
    end = _NAME_END.search(head)
    name = _NAME_TAIL.sub("", (head[: end.start()] if end else head).strip(" ：:-的")).strip()
    if name and len(name) <= MAX_NAME and not re.fullmatch(r"[\W\d_]+", name):
        return name
    for _kind, pattern in _PRODUCTS:
        m = re.search(pattern, piece, re.I)
        if m:
            return m.group(0).strip()
    return None


def _unique_names(items: list[DebtItem], unnamed: str) -> None:
    """Every entry gets a name, and no two the same ("欠款1", "debt 1"; "信用卡 2")."""
    used: set[str] = set()
    for n, item in enumerate(items, start=1):
        base = item.name or f"{unnamed}{n}"
        name, k = base, 2
        while name in used:
            name, k = f"{base} {k}", k + 1
        used.add(name)
        item.name = name


def names_in(text: str, names: list[str]) -> list[str]:
    """The entries a message names ("借呗删掉" → ["借呗"]), longest name first so "信用卡 2" beats "信用卡"."""
    norm = _normalize(text).lower()
    found = []
    for name in sorted(names, key=len, reverse=True):
        if name.lower() in norm and not any(name.lower() in f.lower() for f in found):
            found.append(name)
    return found


def names_debts(text: str) -> bool:
    """Whether a message names at least two debts, each with an amount — a list, not a single question."""
    reading = read_debts(text)
    return sum(1 for d in reading.debts if d.balance is not None) >= 2


__all__ = ["DebtItem", "DebtReading", "names_debts", "names_in", "read_debts", "read_one"]
