"""Word lists kept as data files, in the house format (as bot/engine/lexicons and bot/understand/lexicons):
one entry a line — a regular expression, a key, an example it must match — separated by TABs; "#" lines are
comments, and a "pattern<TAB>key<TAB>example" header is allowed.

    rows(path) -> (Row(pattern, key, example, line), ...)   the one reader of the format
    entries(path) -> ((pattern, key, example), ...)
    compiled(path) -> one pattern matching any entry (case ignored)

The one reader for every list: bot/engine/lexicon.py and bot/understand/lexicon.py look up their folders' lists by
name through it; the lists of bot/safety and bot/telegram are read by path. Each list's test checks every example
against its own entry.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple


class Row(NamedTuple):
    pattern: str  # a regular expression, or for some lists a literal word
    key: str
    example: str
    line: int


@cache
def rows(path: Path) -> tuple[Row, ...]:
    out = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#") or line.startswith("pattern\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise ValueError(f"{path}:{number}: expected pattern<TAB>key<TAB>example, got {line!r}")
        out.append(Row(parts[0].strip(), parts[1].strip(), parts[2].strip(), number))
    return tuple(out)


@cache
def entries(path: Path) -> tuple[tuple[str, str, str], ...]:
    return tuple((r.pattern, r.key, r.example) for r in rows(path))


@cache
def compiled(path: Path) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p, _, _ in entries(path)), re.IGNORECASE)
