"""A copy of the knowledge base without the phrasings that came from some evaluation sets, to measure on them.

    python benchmarks/without_phrasings.py DEST knowledge/eval/heldout7.yaml knowledge/eval/heldout8.yaml
    FINBOT_KNOWLEDGE_DIR=DEST FINBOT_DATA_DIR=DEST-data finbot ingest
    FINBOT_KNOWLEDGE_DIR=DEST FINBOT_DATA_DIR=DEST-data finbot eval --questions knowledge/eval/heldout7.yaml \\
        --questions knowledge/eval/heldout8.yaml

The single-turn questions of seen labelled sets are `也问`/`Also asked` phrasings of the sections they are labelled
with (docs/quality.md), so those sets measure nothing on the shipped knowledge base. Taking their own questions out
again (word for word, wherever they are listed) gives a stand-in for a blind set: still seen by whoever tuned on
their misses, so it flatters, but it tells whether a change to the matcher or the articles helps questions the
knowledge base does not already hold. The copying lives in bot/eval/unseen.py (also used by
`finbot calibrate --new-wordings`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# The repository root first: this folder's own ingest.py would shadow the ingest package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.eval.evaluate import load_eval_sets
from bot.eval.unseen import copy_without

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dest", type=Path, help="folder to write the copy to (replaced)")
    ap.add_argument("sets", type=Path, nargs="+", help="evaluation sets (files or folders) whose questions to take out")
    ap.add_argument("--knowledge", type=Path, default=KNOWLEDGE)
    args = ap.parse_args(argv)
    items = load_eval_sets(args.sets)
    removed = copy_without(args.knowledge, args.dest, items)
    print(f"{args.dest}: {removed} phrasings taken out ({len(items)} items in {len(args.sets)} sets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
