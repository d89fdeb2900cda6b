"""Problems with a labelled held-out part, or "0 problems" (the labeller runs it until it says so).

    python validate.py draft.yaml labelled.yaml KBDIR MIN_BROAD MIN_TYPO MIN_MULTI

Checks: no field but kind changed from the draft; kinds known; every labelled section exists; articles are exactly
the sections' articles; 1–3 facts, each found in every labelled section's direct answer (what `finbot eval` calls the
opening holds the key facts); the part has enough broad, typo and multi-turn items.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kb_index import sections

KINDS = ("answer", "no_answer", "refusal", "crisis")
DRAFT_FIELDS = ("q", "lang", "broad", "typo", "expect", "history")


def answer_problems(n: int, item: dict, openings: dict[str, str]) -> list[str]:
    problems = []
    secs = item.get("sections") or []
    if not secs:
        problems.append(f"item {n}: answer without sections")
    problems += [f"item {n}: no such section {s!r}" for s in secs if s not in openings]
    arts = sorted({s.split(" › ")[0] for s in secs})
    if sorted(set(item.get("articles") or [])) != arts:
        problems.append(f"item {n}: articles must be exactly the labelled sections' articles {arts}")
    facts = item.get("facts") or []
    if not 1 <= len(facts) <= 3:
        problems.append(f"item {n}: 1-3 facts")
    for fact in facts:
        alts = [a.strip().lower() for a in str(fact).split("|") if a.strip()]
        problems += [f"item {n}: fact {fact!r} is not in the direct answer of {s!r}" for s in secs
                     if s in openings and not any(a in openings[s].lower() for a in alts)]
    return problems


def problems_of(draft: list[dict], lab: list[dict], openings: dict[str, str], mins: dict[str, int]) -> list[str]:
    problems = [] if len(draft) == len(lab) else [f"{len(draft)} items in the draft, {len(lab)} labelled"]
    for n, (d, item) in enumerate(zip(draft, lab, strict=False), 1):
        problems += [f"item {n}: field {f} differs from the draft" for f in DRAFT_FIELDS if d.get(f) != item.get(f)]
        if item.get("kind") not in KINDS:
            problems.append(f"item {n}: kind {item.get('kind')!r}")
        elif item["kind"] == "answer":
            problems += answer_problems(n, item, openings)
        elif any(item.get(k) for k in ("sections", "articles", "facts")):
            problems.append(f"item {n}: only answer items have sections/articles/facts")
    counts = counts_of(lab)
    problems += [f"only {counts[k]} {k} items (need {v})" for k, v in mins.items() if counts[k] < v]
    return problems


def counts_of(lab: list[dict]) -> dict[str, int]:
    return {"broad": sum(bool(i.get("broad")) for i in lab), "typo": sum(bool(i.get("typo")) for i in lab),
            "multi": sum(bool(i.get("history")) for i in lab)}


def main(argv: list[str]) -> int:
    draft_path, lab_path, kb = argv[0], argv[1], Path(argv[2])
    mins = dict(zip(("broad", "typo", "multi"), map(int, argv[3:6]), strict=True))
    openings = {f"{aid} › {heading}": answer for aid, _, _, heading, answer in sections(kb)}
    draft = yaml.safe_load(Path(draft_path).read_text(encoding="utf-8"))
    lab = yaml.safe_load(Path(lab_path).read_text(encoding="utf-8"))
    problems = problems_of(draft, lab, openings, mins)
    kinds = {k: sum(i.get("kind") == k for i in lab) for k in KINDS}
    print("\n".join(problems) or "0 problems", "| counts", counts_of(lab), "| kinds", kinds)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
