"""A copy of the knowledge base without the phrasings that came from evaluation sets, to measure or fit on.

The single-turn questions of seen labelled sets are `也问`/`Also asked` phrasings of the sections they are labelled
with (docs/quality.md). On the shipped articles such a question finds itself word for word, so a measure on it says
little about new wordings, and a matcher fitted on it is surer of itself than it will be for a new user. Taking the
sets' own questions out again (word for word, wherever they are listed) gives a knowledge base on which they read
as new wordings:

    removed = copy_without(knowledge_dir, dest, items)     # items: EvalItems (bot.eval.evaluate.load_eval_sets)

Used by `finbot calibrate --new-wordings` and benchmarks/without_phrasings.py.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from bot.eval.evaluate import EvalItem
from ingest.articles import phrasing_line


def _plain(phrasing: str) -> str:
    return phrasing.strip(" 。.")


def own_wordings(items: Iterable[EvalItem]) -> set[str]:
    """The questions a set could have put on 也问 lines: single-turn ones, as a phrasing is written ("|" cannot be)."""
    return {_plain(re.sub(r"[|｜]", " ", item.q)) for item in items if not item.history}


def without(text: str, drop: set[str]) -> tuple[str, int]:
    """The article with those phrasings taken off its 也问/Also asked lines (an emptied line goes). The lines are
    read with ingest's own reader (ingest.articles.phrasing_line), so every label spelling counts."""
    lines: list[str] = []
    removed = 0
    for line in text.split("\n"):
        found = phrasing_line(line)
        if found is None:
            lines.append(line)
            continue
        label, items = found
        keep = [p for p in items if p not in drop]  # phrasing_line strips them as _plain does
        removed += len(items) - len(keep)
        if keep:
            lines.append(label + ("｜" if "｜" in line or not label.isascii() else " | ").join(keep))
    return "\n".join(lines), removed


def copy_without(knowledge: Path, dest: Path, items: Iterable[EvalItem]) -> int:
    """Copy the articles of `knowledge` to `dest` (replaced; the eval folder stays behind) without the items' own
    wordings on their 也问 lines; the number of phrasings taken out."""
    drop = own_wordings(items)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(knowledge, dest, ignore=shutil.ignore_patterns("eval"))
    removed = 0
    for path in sorted(dest.glob("*/*.md")):
        text, n = without(path.read_text(encoding="utf-8"), drop)
        if n:
            path.write_text(text, encoding="utf-8")
            removed += n
    return removed
