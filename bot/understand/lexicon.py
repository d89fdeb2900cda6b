"""Word lists as data: bot/understand/lexicons/*.tsv, one entry a line — regular expression, key, an example.

The same file format as every word list (pattern<TAB>key<TAB>example), read by the one reader, bot/wordlists.py;
this module looks lists up by name in understand's own folder.

Educators and developers extend a list by adding a line; tests/test_understand_lexicons.py checks that every expression
matches the example beside it (and, for lender kinds, that the example is read as that kind). Entries of one key
are alternatives; keys keep the order of their first line (for role lists the first key that fits wins).

    keyed("products")            (("credit_card", "信用卡|卡债|…"), ("private_lending", …), …)
    cue("overdue").search(text)  one key of cues.tsv as a compiled, case-insensitive pattern
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.wordlists import rows

DIRECTORY = Path(__file__).with_name("lexicons")


@dataclass(frozen=True)
class Entry:
    key: str
    pattern: str
    example: str
    line: int


@cache
def entries(name: str) -> tuple[Entry, ...]:
    """The entries of lexicons/{name}.tsv (comments and blank lines skipped), read by bot/wordlists.py."""
    return tuple(Entry(r.key, r.pattern, r.example, r.line) for r in rows(DIRECTORY / f"{name}.tsv"))


@cache
def keyed(name: str) -> tuple[tuple[str, str], ...]:
    """(key, alternation of its patterns) in the order keys first appear."""
    grouped: dict[str, list[str]] = {}
    for e in entries(name):
        grouped.setdefault(e.key, []).append(e.pattern)
    return tuple((k, "|".join(f"(?:{p})" for p in patterns)) for k, patterns in grouped.items())


@cache
def cue(key: str, name: str = "cues") -> re.Pattern[str]:
    """One key's alternatives as a compiled case-insensitive pattern."""
    found = dict(keyed(name)).get(key)
    if found is None:
        raise KeyError(f"lexicons/{name}.tsv has no entries for {key!r}")
    return re.compile(found, re.I)
