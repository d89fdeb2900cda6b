"""The borrower's own debts: a list kept while the conversation lasts, the table understood, and the plan.

Used by every face: the chat route (`finbot chat`, `finbot ask`, a message to the bot), the Telegram /debts
conversation and `finbot debts`.

    book = Book()
    change = apply(book, "招行信用卡欠3万最低还1500，借呗1万2日息万五，朋友借的2万，每月能还5000")
    outcome = plan(book, "zh")          # .text: the table, caps, order and why, months, interest, minimums only
    outcome.result                      # the calculator's plan result (bot.calculator.run_tool("plan", …)), .chart()

The list is read with bot.understand (read_debts); the plan is the calculator's `plan` tool. What the plan assumes
for a debt the borrower said little about is decided here, once, and said in the table next to that debt:
a credit card with no rate → 0.05% a day (the usual card rate); a private loan with no interest said → no interest
(Civil Code Art. 680); a credit card with no minimum → the card rule (10% + the month's interest, at least 100);
any other debt with no minimum → 0. A rate without a unit, or a debt without a balance, is asked about.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from bot.engine import debts_words as words
from bot.engine.memory import Memory
from bot.engine.reply import Answer
from bot.understand.debts import DebtItem, names_in, read_debts, read_one
from bot.understand.facts import extract
from bot.understand.lexicon import cue

if TYPE_CHECKING:
    from bot.engine.calculation import Calculations


class _WithCalcs(Protocol):
    """The engine, as this route uses it: the calculation route cites the rule under a plan's numbers."""

    calcs: Calculations

log = logging.getLogger(__name__)

CARD_RATE = Decimal("0.0005")
CARD_MIN_RATIO = Decimal("0.10")
CARD_MIN_FLOOR = Decimal(100)
MAX_DEBTS = 20

_W_LIST = cue("list", "debt_words")
_W_REMOVE = cue("remove", "debt_words")
_W_EDIT = cue("edit", "debt_words")
_W_CONFIRM = cue("confirm", "debt_words")
_W_MINIMUMS = cue("minimums", "debt_words")
_W_HOW_LONG = cue("how_long", "debt_words")
# A message that asks something of its own is not an entry for the list ("信用卡逾期三天会上征信吗？").
_ASKS = re.compile(r"[?？]|吗|什么|怎么|怎样|为什么|能不能|可不可以|是不是|会不会|有没有|如何|哪里|多少|几[天个期年]|"
                   r"how much|how many|\b(?:do|should|can|could|will|would) i\b|"
                   r"^(?:how|what|why|when|which|who|can|could|is|are|does|do|should|will|would)\b", re.I)


@dataclass
class Book:
    """The list: entries as the borrower said them, the monthly budget and the order asked for."""

    items: list[DebtItem] = field(default_factory=list)
    budget: Decimal | None = None
    strategy: str = "avalanche"

    def names(self) -> list[str]:
        return [i.name for i in self.items]

    def find(self, name: str) -> DebtItem | None:
        return next((i for i in self.items if i.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe (Memory, the state store)."""
        def text(v: Decimal | None) -> str | None:
            return None if v is None else str(v)

        return {"items": [{"name": i.name, "kind": i.kind, "balance": text(i.balance), "rate": text(i.rate),
                           "rate_unit": i.rate_unit, "min_payment": text(i.min_payment), "said": i.said}
                          for i in self.items],
                "budget": text(self.budget), "strategy": self.strategy}

    @classmethod
    def from_dict(cls, data: Any) -> Book:
        """A broken or foreign dict becomes an empty book rather than an error."""
        if not isinstance(data, dict):
            return cls()

        def dec(v: Any) -> Decimal | None:
            try:
                return None if v in (None, "") else Decimal(str(v))
            except ArithmeticError:
                return None

        items = []
        for raw in data.get("items") or []:
            if isinstance(raw, dict) and raw.get("name"):
                items.append(DebtItem(str(raw["name"]), raw.get("kind"), dec(raw.get("balance")), dec(raw.get("rate")),
                                      raw.get("rate_unit"), dec(raw.get("min_payment")), str(raw.get("said") or "")))
        strategy = data.get("strategy") if data.get("strategy") in ("avalanche", "snowball") else "avalanche"
        return cls(items[:MAX_DEBTS], dec(data.get("budget")), strategy)


# ------------------------------------------------------------------------------------------------ what a plan uses


@dataclass(frozen=True)
class Prepared:
    """One entry as the plan sees it: the calculator's debt object (None until complete), the defaults it used
    (debts_words.ASSUMED keys) and what is still missing (debts_words.MISSING keys)."""

    debt: dict[str, Any] | None
    assumed: tuple[str, ...]
    missing: tuple[str, ...]
    minimum_rule: bool = False


def prepare(item: DebtItem) -> Prepared:
    assumed: list[str] = []
    missing: list[str] = []
    rate, unit = item.rate, item.rate_unit
    if rate is None and item.kind == "credit_card":
        rate, unit = CARD_RATE, "daily"
        assumed.append("card_rate")
    elif rate is None and item.kind == "private_lending":
        rate, unit = Decimal(0), None
        assumed.append("private_no_interest")
    if item.balance is None:
        missing.append("balance")
    if rate is None:
        missing.append("rate")
    elif rate > 0 and unit is None:
        missing.append("rate_unit")
    minimum: dict[str, Any] = {"min_payment": item.min_payment}
    if item.min_payment is None and item.kind == "credit_card":
        minimum = {"min_payment_ratio": CARD_MIN_RATIO, "min_payment_floor": CARD_MIN_FLOOR}
        assumed.append("card_min")
    elif item.min_payment is None:
        minimum = {"min_payment": Decimal(0)}
        assumed.append("no_min")
    if missing:
        return Prepared(None, tuple(assumed), tuple(missing))
    debt = {"name": item.name, "balance": item.balance, "rate": rate, "rate_unit": unit, **minimum,
            "product_type": item.kind}
    return Prepared({k: v for k, v in debt.items() if v is not None}, tuple(assumed), (),
                    "min_payment_ratio" in minimum)


def rows(book: Book) -> list[dict[str, Any]]:
    """The table's rows (debts_words.row_line): what was said, the yearly rate, the defaults, what is missing."""
    from bot.calculator.cost import annual_rate

    out = []
    for item in book.items:
        prep = prepare(item)
        debt = prep.debt or {}
        rate = debt.get("rate", item.rate)
        unit = debt.get("rate_unit", item.rate_unit)
        annual = annual_rate(Decimal(rate), unit) * 100 if rate is not None and unit else None
        out.append({"name": item.name, "kind": item.kind, "balance": item.balance, "rate": rate, "rate_unit": unit,
                    "annual_pct": annual, "min_payment": item.min_payment, "assumed": list(prep.assumed),
                    "missing": list(prep.missing)})
    return out


def rows_of_result(result: dict[str, Any], assumed: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """The table's rows for a plan result (`finbot calc plan`); `assumed`: the defaults used per debt name."""
    from bot.calculator.cost import annual_rate

    out = []
    for d in (result.get("inputs_used") or {}).get("debts") or []:
        unit, rate = d.get("rate_unit"), Decimal(str(d.get("rate") or 0))
        out.append({"name": d["name"], "kind": d.get("product_type"), "balance": d.get("balance"), "rate": rate,
                    "rate_unit": unit, "annual_pct": annual_rate(rate, unit) * 100 if unit else None,
                    "min_payment": d.get("min_payment") or None, "assumed": list((assumed or {}).get(d["name"], [])),
                    "missing": []})
    return out


def render_result(result: dict[str, Any], lang: str, assumed: dict[str, list[str]] | None = None) -> str:
    """A plan result as words (the plan's answer, or the minimums-only one), for `finbot calc plan`."""
    table_rows = rows_of_result(result, assumed)
    used = result.get("inputs_used") or {}
    reasons = {d["name"]: _reason(bool(d.get("min_payment") or d.get("min_payment_ratio")), lang)
               for d in used.get("debts") or []}
    if used.get("strategy") == "minimums_only":
        return words.minimums_answer(table_rows, result, None, lang, reasons, hint=False)
    return words.plan_answer(table_rows, result, lang, reasons, hint=False)


def assumed_of(book: Book) -> dict[str, list[str]]:
    """The defaults each entry uses (debts_words.ASSUMED keys), by name."""
    return {i.name: list(prepare(i).assumed) for i in book.items}


def inputs(book: Book, strategy: str | None = None) -> dict[str, Any] | None:
    """The plan tool's inputs, or None while an entry is incomplete."""
    prepared = [prepare(i) for i in book.items]
    if not prepared or any(p.debt is None for p in prepared):
        return None
    out: dict[str, Any] = {"debts": [p.debt for p in prepared], "strategy": strategy or book.strategy}
    if book.budget is not None:
        out["monthly_budget"] = book.budget
    return out


def question(book: Book, lang: str) -> tuple[str, str | None] | None:
    """The first thing still needed, as (question, entry name or None for the budget); None when complete."""
    zh = lang == "zh"
    if not book.items:
        return ("有哪些欠款？一笔一行或一次说完，比如“招行信用卡欠3万最低还1500，借呗1万2日息万五，朋友借的2万”。" if zh
                else "What do you owe? One per line or all at once, e.g. 'credit card 30,000 minimum 1,500; Jiebei "
                "12,000 at 0.05% a day; 20,000 from a friend'."), None
    for item in book.items:
        missing = prepare(item).missing
        if "balance" in missing:
            return (f"{item.name} 还欠多少？" if zh else f"How much is owed on {item.name}?"), item.name
        if "rate" in missing:
            return (f"{item.name} 的利率是多少？请说明按天、按月还是按年，比如“日息万五”“年化18%”。"
                    "没有利息就说“没有利息”。" if zh else
                    f"What is the rate on {item.name}? Say per day, per month or per year, e.g. '0.05% a day' or "
                    "'18% a year'; say 'no interest' if there is none."), item.name
        if "rate_unit" in missing:
            shown = format((Decimal(item.rate or 0) * 100).normalize(), "f")
            return (f"{item.name} 的 {shown}% 是按天、按月还是按年？" if zh
                    else f"Is the {shown}% on {item.name} per day, per month or per year?"), item.name
    if book.budget is None:
        return ("每个月一共能拿出多少钱还债？比如“每月能还5000”。" if zh
                else "How much can you pay each month in total? For example 'I can pay 5000 a month'."), None
    return None


# ------------------------------------------------------------------------------------------------ changing the list


@dataclass(frozen=True)
class Change:
    """What a message did to the list: added | edited | removed | filled | budget | strategy | confirmed | none."""

    kind: str
    names: tuple[str, ...] = ()


_NO_INTEREST = re.compile(r"没有?利息|不要利息|无息|免息|no interest|interest[- ]free", re.I)


def apply(book: Book, text: str) -> Change:
    """Apply one message to the list (see Change). Nothing is changed when the message is not about the list."""
    reading = read_debts(text)
    changes: list[Change] = []
    if reading.strategy:
        book.strategy = reading.strategy
        changes.append(Change("strategy"))
    if reading.budget is not None:
        book.budget = reading.budget
        changes.append(Change("budget"))
    named = names_in(text, book.names())
    asks = bool(_ASKS.search(text)) and not _W_LIST.search(text)
    if named and _W_REMOVE.search(text):
        book.items = [i for i in book.items if i.name not in named]
        return Change("removed", tuple(named))
    if named and len(named) == 1 and not asks:
        edited = _edit(book, named[0], text)
        if edited:
            return Change("edited", (named[0],))
    filled = _fill(book, text)
    if filled is not None:
        return filled
    # An entry needs an amount, or a lender named in a message that names no entry already listed ("还有美团").
    new = [d for d in reading.debts if d.balance is not None or (d.kind is not None and not named)]
    if new and not asks:
        added = _add(book, new)
        if added:
            return Change("added", tuple(added))
    if _W_CONFIRM.search(text):
        return Change("confirmed")
    return changes[0] if changes else Change("none")


def _edit(book: Book, name: str, text: str) -> bool:
    """"借呗改成1万5" / "借呗日息万四": the values the message gives replace that entry's."""
    rest = text.replace(name, " ", 1)
    item = read_one(rest)
    target = book.find(name)
    if target is None:
        return False
    if item is None:
        if _NO_INTEREST.search(rest):
            target.rate, target.rate_unit = Decimal(0), None
            return True
        unit = extract(rest).unit_word  # "网贷是按月": the unit of the rate already given
        if unit and target.rate is not None:
            target.rate_unit = unit
            return True
        return False
    index = book.items.index(target)
    book.items[index] = target.merged(item)
    return True


def _fill(book: Book, text: str) -> Change | None:
    """A bare reply to the question asked (question()): "按天", "1万2", "日息万五", "没有利息", "5000"."""
    asked = question(book, "zh")
    if asked is None:
        return None
    _q, name = asked
    facts = extract(text)
    if name is None:
        if book.items and facts.bare_number is not None and facts.bare_number > 0:
            book.budget = facts.bare_number
            return Change("budget")
        amount = facts.amount("budget", "amount", "payment")
        if book.items and amount is not None and not facts.rates and len(text.strip()) <= 20:
            book.budget = amount.value
            return Change("budget")
        return None
    item = book.find(name)
    assert item is not None
    missing = prepare(item).missing
    if "balance" in missing:
        amount = facts.amounts[0].value if facts.amounts else facts.bare_number
        if amount is not None and amount > 0 and not facts.rates:
            item.balance = amount
            return Change("filled", (name,))
    if "rate" in missing or "rate_unit" in missing:
        if _NO_INTEREST.search(text):
            item.rate, item.rate_unit = Decimal(0), None
            return Change("filled", (name,))
        rate = next((r for r in facts.rates if r.kind in ("rate", "contract", "penalty")), None)
        if rate is not None:
            item.rate, item.rate_unit = rate.value, rate.unit or item.rate_unit
            return Change("filled", (name,))
        if facts.unit_word and item.rate is not None:
            item.rate_unit = facts.unit_word
            return Change("filled", (name,))
    return None


def _add(book: Book, new: list[DebtItem]) -> list[str]:
    """New entries; one named like an existing entry updates it instead."""
    added = []
    for item in new:
        same = book.find(item.name)
        if same is not None:
            book.items[book.items.index(same)] = same.merged(item)
        elif len(book.items) < MAX_DEBTS:
            base, n = item.name, 2
            while book.find(item.name) is not None:
                item.name, n = f"{base} {n}", n + 1
            book.items.append(item)
        added.append(item.name)
    return added


def remove(book: Book, name: str) -> bool:
    before = len(book.items)
    book.items = [i for i in book.items if i.name != name]
    return len(book.items) < before


def replace_entry(book: Book, name: str, text: str) -> bool:
    """The Telegram "edit" step: the new words for one entry ("1万5 日息万四") go over it."""
    target = book.find(name)
    item = read_one(text)
    if target is None:
        return False
    if item is None:
        if _NO_INTEREST.search(text):
            target.rate, target.rate_unit = Decimal(0), None
            return True
        return False
    book.items[book.items.index(target)] = target.merged(item)
    return True


# ------------------------------------------------------------------------------------------------ the plan


@dataclass
class Outcome:
    """The answer to a list: its text, the plan result when there is one (for the chart), what is missing."""

    text: str
    result: dict[str, Any] | None = None
    missing: list[str] = field(default_factory=list)

    def chart(self, lang: str) -> bytes | None:
        if self.result is None:
            return None
        try:
            from bot.charts import plan_chart

            return plan_chart(self.result, lang)
        except Exception as exc:  # a chart is a bonus: never break the answer for it
            log.warning("plan chart failed: %s", exc.__class__.__name__)
            return None


def status(book: Book, lang: str) -> Outcome:
    """The table as understood, and the question for what is still missing (or the plan when nothing is)."""
    asked = question(book, lang)
    if asked is None:
        return plan(book, lang)
    text = words.table(rows(book), book.budget, lang) if book.items else ""
    return Outcome("\n\n".join(p for p in (text, asked[0]) if p), None, [asked[1] or "monthly_budget"])


def plan(book: Book, lang: str) -> Outcome:
    """Run the plan on a complete list: the whole answer (debts_words.plan_answer)."""
    from bot.calculator import CalcError, run_tool
    from bot.calculator.schemas import humanize

    got = inputs(book)
    if got is None or book.budget is None:
        return status(book, lang) if question(book, lang) else Outcome("")
    try:
        result = run_tool("plan", got, lang=lang)
    except CalcError as exc:
        return Outcome(words.table(rows(book), book.budget, lang) + "\n\n"
                       + words.plan_error(humanize(exc.text(lang), lang, "plan"), lang), None, ["monthly_budget"])
    return Outcome(words.plan_answer(rows(book), result, lang, _reasons(book, lang)), result)


def minimums(book: Book, lang: str) -> Outcome:
    """"只还最低要还几年": the minimum-payments-only mode on the list, next to paying the first minimum every month."""
    from bot.calculator import CalcError, run_tool

    got = inputs(book, "minimums_only")
    if got is None:
        return status(book, lang)
    got.pop("monthly_budget", None)
    try:
        result = run_tool("plan", got, lang=lang)
    except CalcError as exc:
        from bot.calculator.schemas import humanize

        return Outcome(words.table(rows(book), None, lang) + "\n\n"
                       + words.plan_error(humanize(exc.text(lang), lang, "plan"), lang), None, ["debts"])
    fixed = None
    if result.get("schedule") and not result.get("never_paid_off"):
        first = sum((Decimal(str(v)) for v in result["schedule"][0]["payments"].values()), Decimal(0))
        try:
            fixed = run_tool("plan", {**got, "strategy": "avalanche", "monthly_budget": first}, lang=lang)
        except CalcError:
            fixed = None
    return Outcome(words.minimums_answer(rows(book), result, fixed, lang, _reasons(book, lang)), result)


def _reasons(book: Book, lang: str) -> dict[str, str]:
    """Why a debt never ends on its minimum, per entry (for the minimums-only lines)."""
    return {i.name: _reason(bool(i.min_payment) or i.kind == "credit_card", lang) for i in book.items}


def _reason(has_minimum: bool, lang: str) -> str:
    if not has_minimum:
        return "没有最低还款额（没说，按 0 算）" if lang == "zh" else "it has no minimum payment (none given)"
    return "最低还款不够付每月利息" if lang == "zh" else "its minimum does not cover the monthly interest"


# ------------------------------------------------------------------------------------------------ the chat route


class Debts:
    """The chat route: a message that lists debts, changes the list kept in Memory, or asks what paying only the
    minimums costs. Anything else → None (the next route)."""

    def __init__(self, engine: _WithCalcs | None = None) -> None:
        self.engine = engine

    def answer(self, text: str, lang: str, mem: Memory) -> Answer | None:
        try:
            return self._answer(text, lang, mem)
        except Exception as exc:  # a bug here must not take the whole answer down: the other routes still run
            log.warning("debts route failed with %s", exc.__class__.__name__)  # never what the user wrote
            return None

    def _answer(self, text: str, lang: str, mem: Memory) -> Answer | None:
        book = Book.from_dict(mem.debts) if mem.debts else None
        if book is None:
            return self._start(text, lang, mem)
        change = apply(book, text)
        if change.kind == "none":
            if _W_MINIMUMS.search(text) and _W_HOW_LONG.search(text):
                return self._reply(minimums(book, lang), lang, mem, book)
            return None
        return self._reply(status(book, lang), lang, mem, book)

    def _start(self, text: str, lang: str, mem: Memory) -> Answer | None:
        reading = read_debts(text)
        with_amounts = [d for d in reading.debts if d.balance is not None]
        asks = bool(_ASKS.search(text))
        if len(with_amounts) == 1 and reading.minimums_only and _W_HOW_LONG.search(text):
            book = Book([with_amounts[0]])
            return self._reply(minimums(book, lang), lang, mem, book)
        listing = len(with_amounts) >= 2 and (reading.budget is not None or reading.strategy is not None
                                              or bool(_W_LIST.search(text)) or not asks)
        if not listing:
            return None
        book = Book()
        apply(book, text)
        return self._reply(status(book, lang), lang, mem, book)

    def _reply(self, outcome: Outcome, lang: str, mem: Memory, book: Book) -> Answer:
        mem.debts = book.to_dict()
        mem.clear_calc()  # a list answer is not a single calculation to follow up
        if outcome.result is None:
            return Answer("calculation", outcome.text, lang, needs_input=outcome.missing, via="calculator")
        text, sources = outcome.text, []
        if self.engine is not None:
            extra, sources = self.engine.calcs.background(outcome.result, lang)
            text += extra
        return Answer("calculation", text, lang, sources, calc=outcome.result, chart_available=True,
                      via="calculator")


__all__ = ["Book", "Change", "Debts", "Outcome", "apply", "inputs", "minimums", "plan", "prepare", "question",
           "remove", "replace_entry", "rows", "status"]
