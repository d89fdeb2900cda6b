"""Crisis first, on every text a user sends, by whichever path it arrives — and a check-in on the turn after.

    reply = crisis_reply(text, answerer.safety_screen, memory)   # Answer("crisis", hotline first) or None
    ans = check_in(ans, lang)                                     # the turn after a crisis reply

The engine's routing uses both (bot/engine/answer.py); the faces call crisis_reply on every text that does not
reach the engine — a message too long to answer, a calculator wizard step, a photo caption — so a self-harm
signal gets the same reply whatever the path. The memory remembers the crisis reply: any pending calculation
is dropped and the next turn opens with a gentle check-in that repeats the hotline.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from bot import safety
from bot.engine.memory import Memory
from bot.engine.normalize import detect_language, normalize
from bot.engine.reply import Answer

if TYPE_CHECKING:
    from bot.safety import SemanticScreen


def crisis_reply(text: str, screen: SemanticScreen | None, memory: Memory | None = None,
                 lang: str | None = None) -> Answer | None:
    """The crisis Answer when `text` carries a self-harm signal (rules, then the semantic screen), else None."""
    clean = normalize(text)
    if not clean or not safety.is_crisis(clean, screen):
        return None
    if lang not in ("zh", "en"):
        lang = detect_language(clean, memory.lang if memory is not None else None)
    if memory is not None:
        memory.clear_calc()
        memory.checkin_due = True
        memory.last_kind = "crisis"
    return Answer("crisis", safety.crisis_text(lang), lang)


def check_in(ans: Answer, lang: str) -> Answer:
    """The turn after a crisis reply: a check-in with the hotline comes before anything else.

    Small talk and "not covered" replies ("谢谢" would get the capabilities menu) become the check-in itself; an
    answer keeps its content under a one-line check-in; a new crisis reply stays as it is."""
    if ans.kind == "crisis":
        return ans
    if ans.kind == "no_answer":
        return Answer("crisis", safety.checkin_text(lang, alone=True), lang)
    return dataclasses.replace(ans, text=f"{safety.checkin_text(lang, alone=False)}\n\n{ans.text}")
