"""Precision/recall of the semantic safety layer over the test tables, for a range of thresholds.

    python benchmarks/safety_thresholds.py            # USE (the default index embedder)
    python benchmarks/safety_thresholds.py --timing   # also: ms per message added to the answer path

Positives: the CRISIS / HARMFUL tables of tests/test_safety.py. Negatives: NEAR_MISSES and SUPPORT, plus every
answer / calculation / no_answer message of the tuning sets, earlier conversation turns included (held-out sets
are never read). The layer is measured *alone* (rules ignored), which is what it adds for phrasings no rule knows.
Thresholds live in USE's calibration record (bot/calibrations/use.json, its `safety` part).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import safety  # noqa: E402
from bot.safety import Calibration, SemanticScreen, Similarities  # noqa: E402
from ingest.embeddings import get_embedder  # noqa: E402


def _tables() -> ModuleType:
    spec = importlib.util.spec_from_file_location("safety_tables", ROOT / "tests" / "test_safety.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _main_eval_negatives() -> list[str]:
    """Every message of the tuning sets that is not a crisis or a harmful request: each question and each earlier
    turn of a conversation ("要准备什么材料" typed alone after a question is screened like any message)."""
    evals = ROOT / "knowledge" / "eval"
    paths = [evals / "questions.yaml", *sorted((evals / "additions").glob("*.yaml"))]
    texts: list[str] = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for it in data["questions"] if isinstance(data, dict) else data:
            if it["kind"] in ("answer", "calculation", "no_answer"):
                texts += [*(it.get("history") or []), it["q"]]
    return list(dict.fromkeys(texts))


def _row(label: str, hits: int, positives: int, false_pos: int, negatives: int) -> str:
    recall = hits / positives if positives else 0.0
    precision = hits / (hits + false_pos) if hits + false_pos else 1.0
    return (f"  {label:<24} recall {recall:5.3f} ({hits:>3}/{positives})   false+ {false_pos:>3}/{negatives:<4}"
            f" precision {precision:5.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timing", action="store_true")
    args = parser.parse_args()

    t = _tables()
    screen = SemanticScreen(get_embedder("use"))
    crisis_pos = list(t.CRISIS)
    harmful_pos = list(t.HARMFUL)
    extra = _main_eval_negatives()
    small_talk = ["你好", "谢谢", "好的", "在吗", "嗯", "hi", "ok", "thanks!", "再见", "我想问一下", "没事了", "晚安"]
    negatives = list(t.NEAR_MISSES) + list(t.SUPPORT) + extra + small_talk

    sims: dict[str, list[Similarities]] = {}
    for text in crisis_pos + [h for h, _ in harmful_pos] + negatives:
        sims[text] = screen.similarities(text)
        assert sims[text], "the semantic layer is unavailable"
        _TEXT[id(sims[text])] = text

    print(f"tables: {len(crisis_pos)} crisis, {len(harmful_pos)} harmful, {len(t.NEAR_MISSES)} near-misses, "
          f"{len(t.SUPPORT)} help-a-friend, + {len(extra)} main-eval questions as negatives")

    print("\nrules alone")
    print(_row("crisis", sum(safety.is_crisis(x) for x in crisis_pos), len(crisis_pos),
               sum(safety.is_crisis(x) for x in negatives), len(negatives)))
    print(_row("harmful (right category)", sum(safety.harmful_category(x) == c for x, c in harmful_pos),
               len(harmful_pos), sum(safety.harmful_category(x) is not None for x in negatives), len(negatives)))

    chosen = safety.measured_for("use")
    assert chosen is not None, "no safety thresholds in bot/calibrations/use.json"
    crisis_neg = negatives + [h for h, _ in harmful_pos]
    print("\nsemantic layer alone — crisis (negatives: near-misses, help-a-friend, main eval, harmful requests)")
    print(f"  whole message, close match (weaker match at {chosen.lean:.2f} / {chosen.lean_margin:.2f}, clauses at "
          f"{chosen.clause:.2f} / {chosen.clause_margin:.2f}):")

    def crisis_sweep(name: str, thresholds: tuple[float, ...], margins: tuple[float, ...]) -> None:
        """One row per (threshold, margin) of the `name` / `name_margin` pair of the chosen calibration."""
        for margin in margins:
            for threshold in thresholds:
                cal = replace(chosen, **{name: threshold, f"{name}_margin": margin})
                hit = sum(_crisis(sims[x], cal) for x in crisis_pos)
                fp = sum(_crisis(sims[x], cal) for x in crisis_neg)
                print(_row(f"cos>={threshold:.2f} margin {margin:.2f}", hit, len(crisis_pos), fp, len(crisis_neg)))

    crisis_sweep("crisis", (0.40, 0.45, 0.50, 0.55, 0.60), (0.0, 0.05))
    print(f"  or a one-sided weaker match (close match at {chosen.crisis:.2f} / {chosen.crisis_margin:.2f}):")
    crisis_sweep("lean", (0.35, 0.40, 0.45), (0.08, 0.10, 0.15))
    print(f"  clauses (whole message at {chosen.crisis:.2f} / margin {chosen.crisis_margin:.2f}):")
    crisis_sweep("clause", (0.50, 0.55, 0.60, 0.65, 0.70), (0.05, 0.10))

    harm_neg = negatives + crisis_pos
    print("\nsemantic layer alone — harmful (a hit needs the right category; negatives include the crisis table)")
    for margin in (0.0, 0.05, 0.10):
        for threshold in (0.45, 0.50, 0.55, 0.60, 0.65):
            cal = replace(chosen, harmful=threshold, harmful_margin=margin)
            hit = sum(_harmful(sims[x], cal) == c for x, c in harmful_pos)
            fp = sum(_harmful(sims[x], cal) is not None for x in harm_neg)
            print(_row(f"cos>={threshold:.2f} margin {margin:.2f}", hit, len(harmful_pos), fp, len(harm_neg)))

    print(f"\nchosen: {chosen}")
    print("  crisis false positives:", [x for x in crisis_neg if _crisis(sims[x], chosen)])
    print("  crisis misses:", [x for x in crisis_pos if not _crisis(sims[x], chosen)])
    print("  harmful false positives:", [(x, _harmful(sims[x], chosen)) for x in harm_neg if _harmful(sims[x], chosen)])
    print("  harmful misses/wrong:", [(x, c, _harmful(sims[x], chosen)) for x, c in harmful_pos
                                      if _harmful(sims[x], chosen) != c])

    if args.timing:
        texts = negatives[:200]
        fresh = SemanticScreen(get_embedder("use"))
        fresh.warm_up()
        start = time.perf_counter()
        for text in texts:
            safety.is_crisis(text, fresh)
            safety.harmful_category(text, fresh)
        per = (time.perf_counter() - start) / len(texts) * 1000
        start = time.perf_counter()
        for text in texts:
            safety.is_crisis(text)
            safety.harmful_category(text)
        rules = (time.perf_counter() - start) / len(texts) * 1000
        print(f"\ntiming: rules {rules:.2f} ms/message, rules + semantic {per:.2f} ms/message")


_TEXT: dict[int, str] = {}


def _crisis(s: list[Similarities], cal: Calibration) -> bool:
    return safety.semantic_crisis(_TEXT[id(s)], cal, s)


def _harmful(s: list[Similarities], cal: Calibration) -> str | None:
    return safety.semantic_category(_TEXT[id(s)], cal, s)


if __name__ == "__main__":
    main()
