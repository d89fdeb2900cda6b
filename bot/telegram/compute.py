"""The engine work the Telegram layer asks for, as plain functions of the Answerer (bot/telegram/pool.py runs them).

Each takes the Answerer first, then picklable arguments, and returns picklable values: in a worker process the
Memory or the list of debts that goes in is a copy, so a function that changes one returns it (the caller adopts
it: services.adopt). Nothing here touches Telegram or the state store.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from bot.engine.answer import Answer
from bot.engine.memory import Memory
from bot.telegram.rss import rss_mb

_charts = threading.Lock()  # matplotlib is not thread-safe (LocalEngine runs these in threads)


def warm(answerer: Any) -> dict[str, Any]:
    """Load the model and every cache now: the first question of the day is as fast as the rest."""
    answerer.warm_up()
    return {"pid": os.getpid(), "rss_mb": round(rss_mb(), 1)}


def answer(answerer: Any, question: str, mem: Memory, lang: str | None) -> tuple[Answer, Memory]:
    return answerer.answer(question, mem, lang), mem


def check(answerer: Any, text: str, mem: Memory, lang: str | None) -> tuple[Answer, Memory]:
    return answerer.check(text, mem, lang), mem


def crisis(answerer: Any, text: str, mem: Memory, lang: str | None) -> tuple[Answer | None, Memory]:
    from bot.engine.crisis import crisis_reply

    return crisis_reply(text, answerer.safety_screen, mem, lang), mem


def is_crisis(answerer: Any, text: str) -> bool:
    from bot import safety

    return bool(safety.is_crisis(text, answerer.safety_screen))


def chart(answerer: Any, ans: Answer) -> bytes | None:
    with _charts:
        return answerer.chart(ans)  # type: ignore[no-any-return]


def calculate(answerer: Any, tool: str, inputs: dict[str, Any], lang: str) -> Answer:
    return answerer.calcs.run(tool, inputs, lang)  # type: ignore[no-any-return]


# ------------------------------------------------------------------ my debts (/debts)


def debts_apply(answerer: Any, book: Any, text: str) -> tuple[str, Any]:
    """One message applied to the list: (what it did, the list)."""
    from bot.engine import debts

    return debts.apply(book, text).kind, book


def debts_status(answerer: Any, book: Any, lang: str) -> Any:
    from bot.engine import debts

    return debts.status(book, lang)


def debts_plan(answerer: Any, book: Any, lang: str) -> tuple[Any, str]:
    """The plan and the background the knowledge base gives it."""
    from bot.engine import debts

    outcome = debts.plan(book, lang)
    extra = ""
    if outcome.result is not None:
        extra, _sources = answerer.calcs.background(outcome.result, lang)
    return outcome, extra


def debts_chart(answerer: Any, outcome: Any, lang: str) -> bytes | None:
    with _charts:
        return outcome.chart(lang)  # type: ignore[no-any-return]


# ------------------------------------------------------------------ letters (/letter)


def letter(answerer: Any, draft: Any) -> tuple[str, str, bytes]:
    """The finished letter: its text, a file name and the .docx."""
    from bot.engine import letters

    filled = letters.fill(draft)
    return filled.text(), filled.filename(), filled.docx()


# ------------------------------------------------------------------ educators


def ingest(answerer: Any, root: str) -> str:
    """Re-index the knowledge folder (incremental) with this worker's index; its summary line."""
    from ingest.pipeline import ingest as run_ingest

    result = run_ingest(Path(root), answerer.index)
    answerer.retriever.refresh()  # the section/lead cache must see the new chunks
    _ = answerer.matcher.table  # the section classifier trains here, once, not in a borrower's next answer
    return result.report.summary()  # type: ignore[no-any-return]


def kb_stats(answerer: Any) -> tuple[dict[str, Any], int]:
    """The index's stats and this worker's semantic-screen failures since it started."""
    return answerer.index.stats(), int(answerer.safety_screen.failures)
