"""The chat route for "is this real?": a pasted message, an offer told in one's own words, or the message just before.

    ans = asked_about_a_message(engine, raw, lang, mem)   # Answer (kind "answer", ans.check set) or None
    ans = checked(engine, engine.checker.check(text, lang), text, mem)   # a check's result as the Answer

"这是真的吗 / 我要不要交 / is this a scam" about a pasted message (or, alone, about the message sent just before) gets
the scam check (bot/engine/scam). An offer told in one's own words ("网上有人说花钱能删征信逾期 是真的吗") is a
question too: the direct answer of the section asked comes first, from the articles the check cites, then the check.
A collector's threat told that way ("催收说再不还就抓我坐牢 真的假的") is left to the articles, and so is a general
question ("征信修复靠谱吗").
"""

from __future__ import annotations

import re
from typing import Protocol

from bot.engine import scam, words
from bot.engine.compose import compose
from bot.engine.match import Candidate, Matcher
from bot.engine.memory import Memory
from bot.engine.reply import Answer, Source
from bot.engine.retrieve import Retrieved


class Checking(Protocol):
    """What the route needs from the engine (bot.engine.answer.Answerer): the checker, and the matcher's choice of
    section for a question."""

    checker: scam.Checker
    matcher: Matcher

    def sections_for(self, text: str, lang: str, mem: Memory, followup: bool
                     ) -> tuple[str, Retrieved, list[Candidate]]: ...


def asked_about_a_message(engine: Checking, raw: str, lang: str, mem: Memory) -> Answer | None:
    """The scam check's Answer when the message asks whether a message or an offer is genuine, else None."""
    text = (raw or "").strip()
    if not scam.asks_if_genuine(text):
        return None
    if scam.only_asks(text):
        earlier = mem.turns[-1] if mem.turns else ""
        return checked(engine, engine.checker.check(earlier, lang), earlier, mem) if scam.looks_pasted(earlier) \
            else None
    result = engine.checker.check(text, lang)
    if scam.looks_pasted(text):
        return checked(engine, result, text, mem)
    if result.asks_something and scam.reports_offer(text):
        # Asked whether to pay, a likely scam's own lead ("这很可能是骗局，不要付钱") is the direct answer.
        plain = result.verdict == "likely_scam" and scam.asks_whether_to_act(text)
        return checked(engine, result, text, mem, asked="" if plain else text)
    return None


def checked(engine: Checking, result: scam.CheckResult, text: str, mem: Memory, asked: str = "") -> Answer:
    """A check's result as the Answer; with `asked`, the direct answer of the section asked opens it."""
    mem.clear_calc()
    mem.choices = []
    sources = [Source(c.id, c.title, c.section, 1.0, c.lang, c.basis) for c in result.sources]
    body = result.body()
    lead = _asked_in(engine, asked, result.language, sources) if asked and sources else None
    if lead is not None:  # its section is cited first, as an answer's opening always is: the rest move down
        source, opening = lead
        rest = [s for s in sources if (s.id, s.section) != (source.id, source.section)]
        number = {n: rest.index(s) + 2 for n, s in enumerate(sources, 1) if s in rest}
        body = re.sub(r"\[(\d+)\]", lambda m: f"[{number.get(int(m.group(1)), 1)}]", body)
        body, sources = f"{opening}\n\n{body}", [source, *rest]
    if sources:
        mem.set_topic(" ".join(text.split()), sources[0].id, sources[0].section)
    return Answer("answer", body, result.language, sources, via="rules", check=result.to_json())


def _asked_in(engine: Checking, question: str, lang: str, sources: list[Source]) -> tuple[Source, str] | None:
    """The section a question told in one's own words asks, among the articles the check cites (the matcher's
    pick when it is one of them, else the first cited section), and its direct answer cited [1]."""
    cited = {s.id for s in sources}
    _, _, ranked = engine.sections_for(words.canonical(question), lang, Memory(), False)
    pick = next((c.key for c in ranked[:3] if c.key[0] in cited), None)
    pick = pick or next((i.key for i in engine.matcher.table.infos
                         if (i.key[0], i.heading) == (sources[0].id, sources[0].section)), None)
    parts = engine.matcher.parts(pick) if pick is not None else []
    if not parts:
        return None
    source = Source.of(parts[0])
    source = next((s for s in sources if (s.id, s.section) == (source.id, source.section)), source)
    return source, compose(question, parts, lang).text.split("\n", 1)[0]
