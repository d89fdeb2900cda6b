"""The chat route for letters: "帮我写一份协商还款申请" → the facts asked one by one → the letter as text and .docx.

The draft lives in Memory.letter between turns (process memory only). Nothing is filled in that the borrower did
not say; for the negotiation letter's proposal, a plan made in My debts is offered and used only if accepted.
A reply that asks a question of its own is left to the other routes (the draft waits); "取消" drops it; after a
crisis reply the draft is dropped. The route runs after the crisis check and before the semantic harm screen (which
mistakes a request for a negotiation letter for one to draft an IOU); what the harm rules catch is left to the
refusal route.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import Any

from bot.engine import letters
from bot.engine.memory import Memory
from bot.engine.reply import Answer

log = logging.getLogger(__name__)
_ASKS = re.compile(r"[?？]\s*$|吗\s*[?？。]?\s*$|^(?:how|what|why|when|which|who|can|could|is|are|does|do|should)\b",
                   re.I)


def offer(debts: dict[str, Any] | None, draft: letters.Draft) -> str | None:
    """A proposal from the borrower's own plan (My debts) for the lender this letter is to, or None."""
    from bot.engine.debts import Book, plan

    book = Book.from_dict(debts) if debts else None
    if book is None or not book.items or book.budget is None:
        return None
    lender = draft.facts.get("lender", "")
    matches = [i for i in book.items if i.name in lender or (lender and lender in i.name)]
    if not matches and draft.facts.get("debt_kind") == "credit_card":
        matches = [i for i in book.items if i.kind == "credit_card"]
    if len(matches) != 1:
        return None
    outcome = plan(book, draft.lang)
    if outcome.result is None:
        return None
    name = matches[0].name
    months = outcome.result["payoff_month"].get(name)
    paid = sum((Decimal(str(m["payments"].get(name, 0))) for m in outcome.result["schedule"]), Decimal(0))
    if not months or paid <= 0:
        return None
    average = f"{paid / months:,.0f}"
    return (f"分{months}期还清，平均每月约{average}元" if draft.lang == "zh"
            else f"repaid over {months} months, about {average} a month on average")


class Letters:
    def answer(self, text: str, lang: str, mem: Memory) -> Answer | None:
        try:
            return self._answer(text, lang, mem)
        except Exception as exc:  # a bug (or a broken template) must not take the whole answer down
            log.warning("letters route failed with %s", exc.__class__.__name__)  # never what the user wrote
            mem.letter = None
            return None

    def _answer(self, text: str, lang: str, mem: Memory) -> Answer | None:
        from bot import safety

        if safety.harmful_category(text) is not None:
            return None  # the refusal route answers it (a letter to deceive or threaten is not written)
        draft = letters.Draft.from_dict(mem.letter)
        if draft is not None and mem.last_kind in ("crisis", "refusal"):
            mem.letter, draft = None, None  # not the moment for paperwork; the borrower can ask again
        if draft is None:
            kind = letters.requested_kind(text)
            if kind is None:
                return None
            draft = letters.Draft(kind, lang)
            title = letters.TITLES[kind][0 if lang == "zh" else 1]
            lead = (f"好的，我们一起写一份{title}。我一项一项问你，信里只写你告诉我的内容；随时回复“取消”停止。"
                    if lang == "zh" else f"Let's write {title}. I'll ask one thing at a time and put in only what you "
                    "tell me; reply 'cancel' to stop.")
            return self._next(draft, mem, lead)
        if letters.CANCEL.match(text):
            mem.letter = None
            return Answer("answer", "好的，这封信先不写了。" if draft.lang == "zh" else "OK, the letter is dropped.",
                          draft.lang, via="letters")
        if _ASKS.search(text.strip()):
            return None  # a question of its own: answered as usual, the draft waits for the next reply
        fact = letters.next_fact(draft)
        if fact is None:
            mem.letter = None
            return None
        draft, problem = letters.give(draft, fact, text)
        return self._next(draft, mem, problem[0 if draft.lang == "zh" else 1] if problem else "")

    def _next(self, draft: letters.Draft, mem: Memory, lead: str = "") -> Answer:
        fact = letters.next_fact(draft)
        lang = draft.lang
        if fact is None:
            mem.letter = None
            letter = letters.fill(draft)
            note = ("（Word 文件已一并生成，可以修改后打印；签名、日期和身份证号打印后手写。）" if lang == "zh"
                    else "(A Word file comes with it, to edit and print; sign, date and add your ID number by hand.)")
            return Answer("answer", f"{letter.text()}\n\n{note}", lang, attachment=(letter.filename(), letter.docx()),
                          via="letters")
        if fact.name == "proposal":
            draft.offer = offer(mem.debts, draft)
        mem.letter = draft.to_dict()
        body = letters.question(fact, lang, draft.offer)
        return Answer("answer", f"{lead}\n\n{body}" if lead else body, lang, needs_input=[fact.name], via="letters")
