"""Word lists kept as data files: one regular expression per line, a TAB, an example it catches.

    load(path) -> ((pattern, example), ...)     # comment lines (#) and the "pattern<TAB>example" header skipped
    compiled(path) -> one pattern matching any entry (case ignored)

Educators can read and extend them without touching code; each list's test checks every example against its
own entry. Files live beside the module that uses them (bot/safety/*.tsv, bot/telegram/*.tsv).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path


@cache
def load(path: Path) -> tuple[tuple[str, str], ...]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("pattern\t"):
            continue
        pattern, _, example = line.partition("\t")
        rows.append((pattern, example.strip()))
    return tuple(rows)


@cache
def compiled(path: Path) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p, _ in load(path)), re.IGNORECASE)
