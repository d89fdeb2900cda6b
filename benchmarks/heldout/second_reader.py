"""A second reader for the wrong-confident figure: are the answers our labels call wrong really wrong?

    python benchmarks/heldout/second_reader.py pack OUT_DIR SET.yaml [SET.yaml ...]
    python benchmarks/heldout/second_reader.py score OUT_DIR

`pack` answers every answerable item of the sets as `finbot eval` does (bot/eval/evaluate.py run_item), keeps the
wrong-confident ones and as many right ones drawn at random, shuffles them, and writes OUT_DIR/items.md (the question,
its earlier turns and the reply's opening — nothing that says which group an item is in), OUT_DIR/key.json
and OUT_DIR/PROMPT (the judges' brief). Give the brief to two helpers, each with its own JUDGE name; each writes
OUT_DIR/verdicts-JUDGE.tsv (id, yes / partly / no, reason). `score` prints, per group, what the judges said and how
often they agreed: the right group tells how strict the judges are, the wrong group how many labelled-wrong openings
a reader would still take as the answer (docs/quality.md, "A second reader").
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

BRIEF = """You are a careful second reader for a financial-literacy chatbot used by borrowers in mainland China
(questions in Chinese or English about credit cards, online loans, collection, lawsuits, the credit report,
family debts, ...).

The file {out}/items.md holds {n} numbered items. Each has a borrower's question (sometimes after one or two
earlier messages in the same chat, which give it context) and the FIRST PARAGRAPH of the chatbot's reply — the
line a worried borrower reads first. Read only that file; do not open any other file or folder under /work
except the one you write.

For every item decide whether that opening answers the question the borrower actually asked (read with its
earlier messages):
- yes: it gives the direct answer to what was asked (the verdict, duration, amount, steps, channel, meaning
  ... the question wants), for the borrower's situation. It does not need to be complete.
- partly: on the right topic and useful to this borrower, but it answers a narrower, broader or neighbouring
  question, so the borrower still has to ask again to get their answer.
- no: it answers a different question (e.g. a yes/no verdict to a "what does X mean", rules for a different
  kind of debt or a different person, a different stage of the problem), or would mislead this borrower.
Judge what is asked, not whether the legal content is correct. Do not look for or guess any "expected" answer.

Write {out}/verdicts-JUDGE.tsv (JUDGE is given to you) with one line per item, in id order, tab-separated: id,
verdict (yes / partly / no), a reason of at most 15 words. No header. Exactly {n} lines. Then reply with the
counts of yes / partly / no.
"""
VERDICTS = ("yes", "partly", "no")


def pack(out: Path, sets: list[Path], seed: int = 44) -> None:
    from bot.engine.answer import Answerer
    from bot.eval.evaluate import load_eval_sets, opening, run_item

    answerer = Answerer.from_settings()
    groups: dict[str, list[dict]] = {"wrong": [], "right": []}
    for item in load_eval_sets(sets):
        if item.kind != "answer" or not item.articles:
            continue
        # the eval's own reading: what counts as right, wrong-confident and the opening is defined once, there
        r = run_item(answerer, item)
        if r.section_ok or r.wrong_confident:
            groups["right" if r.section_ok else "wrong"].append(
                {"history": list(item.history), "question": item.q, "lang": item.lang, "opening": opening(r.text),
                 "source": r.first_source, "labelled": list(item.sections or item.articles)})
    rng = random.Random(seed)
    chosen = [("wrong", r) for r in groups["wrong"]]
    chosen += [("right", r) for r in rng.sample(groups["right"], min(len(groups["wrong"]), len(groups["right"])))]
    rng.shuffle(chosen)
    key = [{"id": n, "group": group, **row} for n, (group, row) in enumerate(chosen, 1)]
    out.mkdir(parents=True, exist_ok=True)
    (out / "key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = []
    for k in key:
        lines.append(f"### {k['id']}")
        lines += [f"- earlier message: {t}" for t in k["history"]]
        lines += [f"- question: {k['question']}", f"- reply opens: {k['opening']}", ""]
    (out / "items.md").write_text("\n".join(lines), encoding="utf-8")
    (out / "PROMPT").write_text(BRIEF.format(out=out, n=len(key)), encoding="utf-8")
    print(f"{len(groups['wrong'])} wrong-confident, {len(groups['right'])} right; {len(key)} items in {out}")


def score(out: Path) -> None:
    key = {k["id"]: k for k in json.loads((out / "key.json").read_text(encoding="utf-8"))}
    verdicts: dict[str, dict[int, str]] = {}
    for path in sorted(out.glob("verdicts-*.tsv")):
        judge = path.stem.split("-", 1)[1]
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) >= 2 and cells[0].strip().isdigit():
                verdicts.setdefault(judge, {})[int(cells[0])] = cells[1].strip().lower()
    for judge, said in verdicts.items():
        missing = set(key) - set(said)
        for group in ("right", "wrong"):
            c = Counter(said[i] for i in said if key[i]["group"] == group)
            line = f"judge {judge} {group:5} n={sum(c.values()):3}  " + "  ".join(f"{v} {c[v]:3}" for v in VERDICTS)
            print(line + (f"  (missing {len(missing)})" if missing and group == "wrong" else ""))
    if len(verdicts) >= 2:
        a, b = list(verdicts.values())[:2]
        both = [i for i in key if i in a and i in b]
        print(f"agreement {sum(a[i] == b[i] for i in both)} of {len(both)}")
        for group in ("right", "wrong"):
            c = Counter(a[i] if a[i] == b[i] else "split" for i in both if key[i]["group"] == group)
            print(f"both judges, {group:5}: " + ", ".join(f"{v} {c[v]}" for v in (*VERDICTS, "split")))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "pack":
        pack(Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]])
    elif len(sys.argv) == 3 and sys.argv[1] == "score":
        score(Path(sys.argv[2]))
    else:
        sys.exit(__doc__)
