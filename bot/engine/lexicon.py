"""Word lists kept as data files (bot/engine/lexicons/*.tsv), each entry with an example that must match it.

A file is tab-separated: `key<TAB>value<TAB>example`, `#` starts a comment line. What a key is depends on the
list — a literal word (typos, products, jurisdictions) or a regular expression (question types) — and the
loader checks both when the list is read by tests (tests/test_lexicons.py): every example must be matched by its
own entry, so an educator or developer who adds a line also shows what it catches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "lexicons"


@dataclass(frozen=True)
class Entry:
    key: str
    value: str
    example: str
    line: int


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and line."""


@cache
def entries(name: str) -> tuple[Entry, ...]:
    path = FOLDER / f"{name}.tsv"
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise LexiconError(f"{path}:{n}: expected 'key<TAB>value<TAB>example', got {raw!r}")
        out.append(Entry(parts[0].strip(), parts[1].strip(), parts[2].strip(), n))
    return tuple(out)


@cache
def patterns(name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """A list whose keys are regular expressions, compiled (case-insensitive), in file order."""
    return tuple((re.compile(e.key, re.IGNORECASE), e.value) for e in entries(name))
