"""The confident answers that opened on a section the labels do not name, as lines for an independent judge.

    python benchmarks/wrong_openings.py knowledge/eval/heldout12.yaml > items.jsonl

Each line: {"id": item number, "history": [...], "q": ..., "opening": what the borrower read first,
"reference": the first two sentences of the first labelled section's direct answer}. A blind set's labeller names
one to three sections per question; when the knowledge base answers the same worry in two articles, or a neighbouring
section answers it as well, "wrong-confident" counts an acceptable opening as wrong. A judge who reads each opening
against the question (yes / partly / no) tells how many of them mislead — docs/quality.md reports both figures.
The judge sees the opening and one reference answer, never which section either came from.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

# The repository root first: this folder's own ingest.py would shadow the ingest package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.eval.evaluate import load_eval_sets, opening, run_item
from ingest.chunking import split_sentences


def _first_sentences(text: str, n: int = 2) -> str:
    sentences = split_sentences(text)[:n]
    return " ".join(sentences) if text.isascii() else "".join(sentences)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    from bot.cli.ask import _answerer

    answerer = _answerer(use_llm=False)
    sections = {f"{i.key[0]} › {i.heading}": i.key for i in answerer.matcher.table.infos}
    for n, item in enumerate(load_eval_sets([Path(args[0])]), 1):
        result = run_item(answerer, item)
        if not result.wrong_confident or not item.sections:
            continue
        key = sections.get(item.sections[0])
        parts = answerer.matcher.parts(key) if key is not None else []
        print(json.dumps({"id": n, "history": list(item.history), "q": item.q,
                          "opening": re.sub(r"\[\d+\]", "", opening(result.text)),
                          "reference": _first_sentences(parts[0].text) if parts else ""}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
