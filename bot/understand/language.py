"""Which language a message is in, and the one normalisation every reader applies first."""

from __future__ import annotations

import re
import unicodedata

from ingest.han import han_count, han_runs, has_han

_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Acronyms and units that Chinese speakers write in Latin letters; they say nothing about the language.
_NEUTRAL_WORDS = {"lpr", "apr", "apy", "app", "ok", "rmb", "cny", "irr", "vs", "id", "qq", "km"}
# An English question about one Chinese term ("what's 停息挂账?", "what does 上岸 mean"): the asker reads English.
_ASKS_ABOUT_TERM = re.compile(r"^\W*(?:what|whats|how|does|do|is|are|can|why|where|who|explain|define|meaning)\b",
                              re.IGNORECASE)


def detect_language(text: str) -> str:
    """"zh" or "en". Any Chinese with no English words around it is zh; in mixed text the script carrying more
    of the sentence wins (two Han characters weigh as one English word), so "my 信用卡 overdue" is en and
    "我的credit card逾期了" is zh. Text with no letters at all (just "30") is zh, the bot's main audience."""
    han = han_count(text)
    latin = _LATIN_WORD.findall(text)
    if not han:
        return "en" if latin else "zh"
    words = [w for w in latin if w.lower() not in _NEUTRAL_WORDS]
    if not words:
        return "zh"
    if _ASKS_ABOUT_TERM.match(text) and han_runs(text) == 1:
        return "en"
    return "zh" if han / 2 >= len(words) else "en"


def _language_signal(text: str) -> bool:
    return bool(has_han(text) or any(w.lower() not in _NEUTRAL_WORDS for w in _LATIN_WORD.findall(text)))


def _normalize(text: str) -> str:
    # Full-width digits, ％ and ￥ become ASCII; a Chinese comma keeps a space after it so "1000，300天" is
    # never read as the number 1000300.
    return unicodedata.normalize("NFKC", text.replace("，", ", ").replace("、", ", "))

