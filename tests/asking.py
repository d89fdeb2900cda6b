"""Asking the engine as a borrower does, for the tests that read its replies on the real knowledge base.

    answerer = bundled(tmp)                         # the shipped articles, indexed with the default backend
    last_answer(answerer, ["信用卡逾期了", "会上征信吗"])  # the reply to the last turn of a conversation
    shown(answer)                                  # the section it opens from, or the questions it asks back
"""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from bot.engine.answer import Answerer
from bot.engine.memory import Memory
from bot.engine.reply import Answer

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def bundled(data: Path) -> Answerer:
    """An answerer on the shipped articles, its index in `data`, with no LLM."""
    settings = Settings(FINBOT_DATA_DIR=str(data), FINBOT_KNOWLEDGE_DIR=str(KNOWLEDGE), FINBOT_EMBEDDING="use",
                        FINBOT_LLM_BASE_URL="", FINBOT_LLM_MODEL="")
    return Answerer.from_settings(settings, echo=lambda _: None)


def last_answer(answerer: Answerer, turns: list[str]) -> Answer:
    """The answer to the last of a conversation's turns, the earlier ones asked first in the same memory."""
    mem = Memory()
    for turn in turns[:-1]:
        answerer.answer(turn, mem)
    return answerer.answer(turns[-1], mem)


def shown(answer: Answer) -> list[str]:
    """What the borrower is shown first: the section an answer opens from, or the questions a clarify offers."""
    return [answer.sources[0].section] if answer.kind == "answer" else list(answer.choices)
