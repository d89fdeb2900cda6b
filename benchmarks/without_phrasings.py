"""A copy of the knowledge base without the phrasings that came from some evaluation sets, to measure on them.

    python benchmarks/without_phrasings.py DEST knowledge/eval/heldout7.yaml knowledge/eval/heldout8.yaml
    FINBOT_KNOWLEDGE_DIR=DEST FINBOT_DATA_DIR=DEST-data finbot ingest
    FINBOT_KNOWLEDGE_DIR=DEST FINBOT_DATA_DIR=DEST-data finbot eval --questions knowledge/eval/heldout7.yaml \\
        --questions knowledge/eval/heldout8.yaml

The single-turn questions of seen labelled sets are `也问`/`Also asked` phrasings of the sections they are labelled
with (docs/quality.md), so those sets measure nothing on the shipped knowledge base. Taking their own questions out
again (word for word, wherever they are listed) gives a stand-in for a blind set: still seen by whoever tuned on
their misses, so it flatters, but it tells whether a change to the matcher or the articles helps questions the
knowledge base does not already hold.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import yaml

# The repository root first: this folder's own ingest.py would shadow the ingest package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ingest.articles import phrasing_line

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def _plain(phrasing: str) -> str:
    return phrasing.strip(" 。.")


def questions(paths: list[Path]) -> set[str]:
    out: set[str] = set()
    for path in paths:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(item, dict) and isinstance(item.get("q"), str) and not item.get("history"):
                out.add(_plain(re.sub(r"[|｜]", " ", item["q"])))
    return out


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
        keep = [p for p in items if _plain(p) not in drop]
        removed += len(items) - len(keep)
        if keep:
            lines.append(label + ("｜" if "｜" in line or not label.isascii() else " | ").join(keep))
    return "\n".join(lines), removed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dest", type=Path, help="folder to write the copy to (replaced)")
    ap.add_argument("sets", type=Path, nargs="+", help="evaluation sets whose questions to take out")
    ap.add_argument("--knowledge", type=Path, default=KNOWLEDGE)
    args = ap.parse_args(argv)
    drop = questions(args.sets)
    if args.dest.exists():
        shutil.rmtree(args.dest)
    shutil.copytree(args.knowledge, args.dest, ignore=shutil.ignore_patterns("eval"))
    removed = 0
    for path in sorted(args.dest.glob("*/*.md")):
        text, n = without(path.read_text(encoding="utf-8"), drop)
        if n:
            path.write_text(text, encoding="utf-8")
            removed += n
    print(f"{args.dest}: {removed} phrasings taken out ({len(drop)} questions in {len(args.sets)} sets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
