"""Word lists kept as data files beside this module: one regular expression per line, a TAB, an example it catches.

    load("crisis_recall.tsv") -> ((pattern, example), ...)     # comment lines (#) and the header are skipped
    compiled("crisis_recall.tsv") -> one pattern matching any entry (case ignored)

Educators can read and extend them without touching code; tests check every example against its own entry.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@cache
def load(name: str) -> tuple[tuple[str, str], ...]:
    rows = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("pattern\t"):
            continue
        pattern, _, example = line.partition("\t")
        rows.append((pattern, example.strip()))
    return tuple(rows)


@cache
def compiled(name: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p, _ in load(name)), re.IGNORECASE)
