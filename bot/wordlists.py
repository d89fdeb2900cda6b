"""Word lists kept as data files, in the house format (as bot/engine/lexicons and bot/understand/lexicons):
one entry a line — a regular expression, a key, an example it must match — separated by TABs; "#" lines are
comments, and a "pattern<TAB>key<TAB>example" header is allowed.

    entries(path) -> ((pattern, key, example), ...)
    compiled(path) -> one pattern matching any entry (case ignored)

For the lists of bot/safety and bot/telegram, which take a file path; each list's test checks every example
against its own entry.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path


@cache
def entries(path: Path) -> tuple[tuple[str, str, str], ...]:
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("pattern\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise ValueError(f"{path}:{number}: expected pattern<TAB>key<TAB>example, got {line!r}")
        rows.append((parts[0], parts[1].strip(), parts[2].strip()))
    return tuple(rows)


@cache
def compiled(path: Path) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p, _, _ in entries(path)), re.IGNORECASE)
