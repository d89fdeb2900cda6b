"""Train the scam checker's learned layer (bot/engine/scam/model.json) and measure it by cross-validation by set.

    python benchmarks/scam_model.py            # cross-validation only: prints the per-fold table
    python benchmarks/scam_model.py --write    # … then trains on all sets and writes bot/engine/scam/model.json

Needs scikit-learn (in the dev extra); the bot itself reads the written JSON with numpy only.

Material: the twelve scam sets that have been seen (SETS). Each fold trains on eleven and tests on the twelfth, so the
fold's figure approximates a blind set for the learned layer; the rules, though, were tuned on every one of them
(held-out #3 to #7 after their one blind run), so no fold is blind for the whole checker any more.
Sentence labels: every sentence of a genuine message is "none"; a sentence of a scam or suspicious message that a
rule flags is labelled with that flag (the heaviest if several), and the sentence of a family's ask (parts.py) with the
family's flag; plus the exemplars of bank.py. Message labels:
1 for a message that should be likely_scam, 0 for a genuine one (suspicious ones are left out).
Thresholds (sentence, promote, demote) are chosen on the pooled out-of-fold predictions: no genuine message called
likely_scam, then the highest likely_scam recall, then the fewest genuine messages flagged, then accuracy.
A new held-out set must never be added here before its one blind run.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.scam import Catalog, Checker, bank, parts, rules, use_screen  # noqa: E402
from bot.engine.scam.check import LIKELY, SEMANTIC_CAP  # noqa: E402
from bot.engine.scam.definitions import definitions  # noqa: E402
from bot.engine.scam.learned import FILE, NONE, ScamModel, Thresholds, decide  # noqa: E402
from bot.engine.scam.semantic import long_enough  # noqa: E402
from bot.eval.scam import Item, load  # noqa: E402

SETS = ("scam_tuning", "scam_heldout", "scam_heldout2", "scam_heldout3", "scam_heldout4", "scam_heldout5",
        "scam_heldout6", "scam_heldout7", "scam_heldout8", "scam_heldout9", "scam_heldout10", "scam_heldout11")
C_SENTENCE, C_MESSAGE = 4.0, 1.0  # inverse L2 strengths (the stored vectors are unit length)
GRID_SENTENCE = (0.6, 0.7, 0.8, 0.9, 1.01)
GRID_PROMOTE = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
GRID_DEMOTE = (0.0, 0.05, 0.1, 0.2)


@dataclass
class Row:
    set: str
    item: Item
    verdict: str  # rules + semantic layer, no learned layer
    score: float
    semantic: bool  # the semantic layer found something (its findings together weigh at most SEMANTIC_CAP)
    vector: np.ndarray  # the message
    sentences: list[tuple[np.ndarray, list[str]]]  # every sentence: vector, the flags a rule finds in it
    units: list[tuple[int, frozenset[str]]]  # sentences the layers may flag (long enough, no warning covers them,
    # no rule flag in the message), each with the flags it may not raise

    @property
    def label(self) -> int | None:
        return 1 if self.item.accepts == {"likely_scam"} else 0 if self.item.genuine else None


def read_rows(screen, checker: Checker) -> list[Row]:  # type: ignore[no-untyped-def]
    rows = []
    for name in SETS:
        for item in load(ROOT / "knowledge" / "eval" / f"{name}.yaml"):
            result = checker.check(item.message)
            sents = rules.sentences(item.message)
            found = rules.rule_findings(item.message)
            found += parts.family_findings(item.message, found)  # a family's flag labels the sentence of its ask
            shown = {f.evidence for f in found}
            units = [(i, blocked) for i, s, blocked in rules.open_sentences(item.message)
                     if long_enough(s) and rules.evidence_of(s) not in shown]
            vectors = screen.embed([item.message, *sents])
            rows.append(Row(name, item, result.verdict, result.score, any(f.semantic for f in result.flags),
                            vectors[0],
                            [(vectors[i + 1], [f.flag for f in rules.rule_findings(s)]
                              + [f.flag for f in found if f.evidence == rules.evidence_of(s)])
                             for i, s in enumerate(sents)],
                            units))
    return rows


def fit(rows: list[Row], exemplars: tuple[np.ndarray, list[str]]) -> ScamModel:
    from sklearn.linear_model import LogisticRegression

    weight = {k: f.weight for k, f in definitions().flags.items()}
    xs, ys = list(exemplars[0]), list(exemplars[1])
    for r in rows:
        for vector, flags in r.sentences:
            if r.item.accepts == {"no_red_flags"}:
                xs.append(vector)
                ys.append(NONE)
            elif flags:
                xs.append(vector)
                ys.append(max(flags, key=lambda f: weight[f]))
    sentence = LogisticRegression(C=C_SENTENCE, max_iter=5000, class_weight="balanced").fit(np.array(xs), ys)
    labelled = [r for r in rows if r.label is not None]
    message = LogisticRegression(C=C_MESSAGE, max_iter=5000, class_weight="balanced").fit(
        np.array([r.vector for r in labelled]), [r.label for r in labelled])
    return ScamModel(list(sentence.classes_), sentence.coef_, sentence.intercept_, message.coef_[0],
                     float(message.intercept_[0]), Thresholds(1.01, 1.01, 0.0))


def predict(model: ScamModel, rows: list[Row]) -> list[tuple[Row, float, float]]:
    """(row, the message's scam probability, the best learned-sentence probability among its units)."""
    out = []
    for r in rows:
        best = 0.0
        if r.units:
            probs = model.sentence_probabilities(np.array([r.sentences[i][0] for i, _ in r.units]))
            probs[:, model.classes.index(NONE)] = 0.0
            for row, (_, blocked) in enumerate(r.units):
                probs[row, [model.classes.index(f) for f in blocked if f in model.classes]] = 0.0
            best = float(probs.max())
        out.append((r, model.scam_probability(r.vector), best))
    return out


def verdict(r: Row, p: float, best: float, t: Thresholds) -> str:
    """The checker's verdict as Checker.check gives it (a learned flag counts like a semantic one: every flag weighs
    at least 1, and semantic findings together at most SEMANTIC_CAP)."""
    score, flagged = r.score, r.verdict != "no_red_flags"
    if best >= t.sentence:
        flagged, score = True, score if r.semantic else score + SEMANTIC_CAP
    return decide(score, flagged, p, t, LIKELY)


def figures(preds: list[tuple[Row, float, float]], t: Thresholds | None) -> dict[str, int]:
    def v(r: Row, p: float, b: float) -> str:
        return r.verdict if t is None else verdict(r, p, b, t)

    scams = [(r, p, b) for r, p, b in preds if r.item.accepts == {"likely_scam"}]
    genuine = [(r, p, b) for r, p, b in preds if r.item.genuine]
    return {"recall": sum(v(*x) == "likely_scam" for x in scams), "scams": len(scams),
            "genuine_likely": sum(v(*x) == "likely_scam" for x in genuine),
            "genuine_flagged": sum(v(*x) != "no_red_flags" for x in genuine), "genuine": len(genuine),
            "correct": sum(v(*x) in x[0].item.accepts for x in preds), "items": len(preds)}


def choose(preds: list[tuple[Row, float, float]]) -> Thresholds:
    def key(t: Thresholds) -> tuple[bool, int, int, int]:
        f = figures(preds, t)
        return f["genuine_likely"] == 0, f["recall"], -f["genuine_flagged"], f["correct"]

    grid = [Thresholds(s, p, d) for s in GRID_SENTENCE for p in GRID_PROMOTE for d in GRID_DEMOTE]
    return max(grid, key=key)


def line(name: str, f: dict[str, int]) -> str:
    return (f"| {name} | {f['recall'] / f['scams']:.1%} ({f['recall']}/{f['scams']}) | {f['genuine_likely']} / "
            f"{f['genuine']} | {f['genuine_flagged']} / {f['genuine']} | {f['correct'] / f['items']:.1%} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"train on all sets and write {FILE.name}")
    args = parser.parse_args()
    screen = use_screen(threads=2)
    checker = Checker(Catalog({}, {}, {}), screen)  # rules + semantic layer, as without a model
    rows = read_rows(screen, checker)
    texts = [(t, flag) for flag, group in bank.SCAM.items() for t in group] + [(t, NONE) for t in bank.GENUINE]
    exemplars = (screen.embed([t for t, _ in texts]), [flag for _, flag in texts])
    preds: dict[str, list[tuple[Row, float, float]]] = {}
    for test in SETS:
        model = fit([r for r in rows if r.set != test], exemplars)
        preds[test] = predict(model, [r for r in rows if r.set == test])
    pooled = [x for name in SETS for x in preds[name]]
    chosen = choose(pooled)
    print(f"thresholds chosen on the pooled out-of-fold predictions: {chosen}\n")
    print("| fold (test set; trained on the others) | likely_scam recall | genuine called likely_scam | "
          "genuine flagged at all | verdict accuracy |\n|---|---|---|---|---|")
    cv = {}
    for name in SETS:
        before, after = figures(preds[name], None), figures(preds[name], chosen)
        cv[name] = {"before": before, "after": after}
        print(line(f"{name} — rules + semantic", before))
        print(line(f"{name} — with the learned layer", after))
    print(line(f"all {len(SETS)}, pooled — rules + semantic", figures(pooled, None)))
    print(line(f"all {len(SETS)}, pooled — with the learned layer", figures(pooled, chosen)))
    if args.write:
        model = fit(rows, exemplars)
        model.thresholds = chosen
        record = model.to_dict({"trained_on": list(SETS), "cross_validation": cv,
                                "written_by": "python benchmarks/scam_model.py --write"})
        FILE.write_text(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"\nwrote {FILE.relative_to(ROOT)} ({FILE.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
