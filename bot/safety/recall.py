"""The crisis check for a message the semantic layer could not look at: broader word families, leaning to recall.

The semantic screen catches phrasings no rule knows ("想从楼顶一跃解脱"). When its model fails on a message, that
one message is judged by these words instead (bot/safety/crisis_recall.tsv, each with an example it must catch),
so a broken model never silently turns crisis detection down to the strict rules alone.
"""

from __future__ import annotations

from pathlib import Path

from bot.wordlists import compiled
from bot.wordlists import entries as _entries

WORDS = Path(__file__).with_name("crisis_recall.tsv")


def entries() -> tuple[tuple[str, str, str], ...]:
    """(pattern, key, example) per line of the data file."""
    return _entries(WORDS)


def leans_to_crisis(text: str) -> bool:
    """True when any recall word family occurs in the text."""
    return bool(compiled(WORDS).search(text))
