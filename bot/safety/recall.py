"""The crisis check for a message the semantic layer could not look at: broader word families, leaning to recall.

The semantic screen catches phrasings no rule knows ("想从楼顶一跃解脱"). When its model fails on a message, that
one message is judged by these words instead (bot/safety/crisis_recall.tsv, each with an example it must catch),
so a broken model never silently turns crisis detection down to the strict rules alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("crisis_recall.tsv")


@lru_cache(maxsize=1)
def entries() -> tuple[tuple[str, str], ...]:
    """(pattern, example) per line of the data file; comment lines and the header are skipped."""
    rows = []
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("pattern\t"):
            continue
        pattern, _, example = line.partition("\t")
        rows.append((pattern, example.strip()))
    return tuple(rows)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p, _ in entries()), re.IGNORECASE)


def leans_to_crisis(text: str) -> bool:
    """True when any recall word family occurs in the text."""
    return bool(_pattern().search(text))
