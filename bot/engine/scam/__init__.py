"""Is this a scam? — a pasted or forwarded message read for red flags, each grounded in the knowledge base.

It lives in the engine layer (bot/engine/scam/) because it is one of the engine's answers, like a calculation: the
answer engine routes "这是真的吗 / is this real" messages to it, and the CLI (`finbot check`) and the Telegram bot
(forwarded messages, /check) call it directly; it uses the engine's lexicon loader (bot/engine/lexicon.py) and the
knowledge base's sections as its citations. Nothing in it knows about Telegram or the command line.

    from bot.engine.scam import check
    result = check("【XX法院】您已被起诉，点击链接查看传票…")   # rules + semantic layer, citations from knowledge/
    result.verdict       "likely_scam" | "suspicious" | "no_red_flags"
    result.flags         [Flag(id, text, evidence, source, semantic)]: what each means, the sentence that raised it
    result.advice        what to verify and where: the lender's app or hotline, 12368, 12378/12363, 110, 96110
    result.sources       [Cited(id, title, section, lang, basis)]
    result.to_json()     the `finbot check --json` object;  result.render() / result.body(): the reply as text

Layers: the rules (patterns with an example each, bot/engine/lexicons/scam_flags.tsv; what each flag means, weighs
and cites: flags.yaml), then the parts (parts.py: what the message asks — money, codes, your account — and on what
terms — an asker who cannot be checked, a third person's account, a prize to pay for; lexicons/scam_parts.tsv and
families.yaml), then, for sentences no rule flagged, a semantic comparison with exemplar wording (bank.py,
semantic.py), then the learned layer (learned.py, model.json): a sentence model that cites a red-flag family for a
new wording, and a message model whose scam probability decides between suspicious and likely_scam once a flag is
found. A message scores the sum of its flags' weights: 2 or more is likely_scam, any flag at all suspicious —
unless the message model is sure either way.
A genuine message (a bank's statement, a court notice that points to 12368) gets no_red_flags and what to verify.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from bot.engine.scam.catalog import Catalog, Cited, LazyCatalog
from bot.engine.scam.check import Checker, CheckResult, Flag
from bot.engine.scam.definitions import VERDICTS, definitions
from bot.engine.scam.learned import ScamModel, load_model
from bot.engine.scam.rules import asks_if_genuine, asks_whether_to_act, looks_pasted, only_asks, reports_offer
from bot.engine.scam.semantic import ScamScreen

__all__ = [
    "VERDICTS", "Catalog", "CheckResult", "Checker", "Cited", "Flag", "LazyCatalog", "ScamModel", "ScamScreen",
    "asks_if_genuine", "asks_whether_to_act", "check", "default_checker", "definitions", "load_model",
    "looks_pasted", "only_asks", "reports_offer", "stored_model", "use_screen",
]


def use_screen(threads: int = 1, thresholds: Any = None) -> ScamScreen:
    """The semantic layer on multilingual USE (the calibrated embedder; shared with the index when it uses USE)."""
    def load():  # type: ignore[no-untyped-def]
        from ingest.embeddings import get_embedder

        return get_embedder("use", threads)

    from bot.engine.scam.semantic import Calibration

    return ScamScreen(load, "use", Calibration(**thresholds.model_dump()) if thresholds is not None else None)


@cache
def default_checker(knowledge: Path | None = None) -> Checker:
    """A checker citing the articles under `knowledge` (default: the configured knowledge dir), with the
    semantic layer."""
    if knowledge is None:
        from bot.config import get_settings

        knowledge = Path(get_settings().knowledge_path)
    return Checker(LazyCatalog(lambda: Catalog.from_articles(knowledge)), use_screen(), stored_model())


@cache
def stored_model() -> ScamModel | None:
    """The learned layer's stored model (bot/engine/scam/model.json), read once; None (logged) when missing."""
    return load_model()


def check(text: str, lang: str | None = None) -> CheckResult:
    """Check one message with the default checker. lang: the reply's language (default: the message's)."""
    return default_checker().check(text, lang)
