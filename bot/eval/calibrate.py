"""`finbot calibrate`: measure the thresholds of the embedding backend in use, on the tuning sets.

Targets (docs/quality.md):
    relevance gate   keep ≥ 99% of the off-topic questions out, then let as many answerable ones through as possible
                     (the lowest threshold that reaches the target); a message with no debt word keeps needing the
                     same extra evidence, scaled to this backend's spread of scores
    sections         the matcher's weights: conditional logit over the candidate sections of every labelled
                     question (bot/eval/fit.py); asking back: the (sure, margin) pair with the fewest answers from
                     an unlabelled section while asking back at most MAX_CLARIFY of the time
    screens          the safety and scam screens keep their own model (USE) and its measured thresholds

Only the tuning sets may be used (knowledge/eval/questions.yaml and knowledge/eval/additions/); the held-out sets
measure the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.calibration import Calibration, RelevanceGate, SectionChoice, load_calibration
from bot.engine.match import DEFAULT_WEIGHTS

if TYPE_CHECKING:
    from bot.eval.evaluate import EvalItem

OFF_TOPIC_KEPT_OUT = 0.99
# Half the target (10%): on questions nobody fitted, finbot asks back 1.4–1.5 times as often as on the fit set (the
# stand-in 0.069 against a fitted 0.049; held-out #18 0.129 against 0.087), and broad questions more still.
MAX_CLARIFY = 0.05
L2 = 3.0
SURE = (0.3, 0.4, 0.5, 0.6, 0.7)
MARGINS = (0.05, 0.1, 0.15, 0.2, 0.3)


def tuning_paths(knowledge: Path) -> list[Path]:
    return [knowledge / "eval" / "questions.yaml", knowledge / "eval" / "additions"]


def calibrate(answerer: Any, items: Sequence[EvalItem], echo: Callable[[str], None] = print,
              fit_also: Sequence[EvalItem] = ()) -> Calibration:
    """Measure answerer's backend on the tuning items; print the tables the choices were made from.
    fit_also: more labelled questions for the matcher and asking back only — seen sets in the borrower's voice,
    whose in-field questions that no section answers would make the relevance gate stop answerable ones."""
    # the measuring code is imported when measuring: open_answerer (every face's start) needs none of it
    from bot.eval.fit import fit_weights, matcher_examples, sweep_clarify

    backend = answerer.index.embedding
    relevance, rel_table = _relevance(answerer, items)
    echo(f"relevance gate — {backend} (evidence = best chunk cosine + best heading or phrasing cosine)")
    echo("  threshold  answerable pass  off-topic stopped")
    for row in rel_table:
        mark = "  ←" if abs(row["threshold"] - relevance.threshold) < 1e-9 else ""
        echo(f"  {row['threshold']:.3f}      {row['answer_passes']:.3f}            "
             f"{row['off_topic_stopped']:.3f}{mark}")
    answerer.threshold, answerer.threshold_unknown = relevance.threshold, relevance.threshold_unknown
    examples = matcher_examples(answerer, [*items, *fit_also])
    previous = answerer.calibration.sections
    if not examples.reachable().rows:  # no item labelled with its sections: nothing to fit the matcher on
        echo("section matcher — no tuning item is labelled with the sections that answer it: the hand-set prior "
             "weights are kept")
        weights, report = dict(DEFAULT_WEIGHTS), {"questions": 0, "note": "no labelled sections; prior kept"}
        rows: list[dict[str, float]] = []
        best = {"sure": previous.clarify_sure, "margin": previous.clarify_margin}
    else:
        weights, report = fit_weights(examples, l2=L2)
        echo(f"section matcher — {report['questions']} questions, {report['candidates']} candidates, "
             f"labelled section not among them: {report['unreachable']}; section@1 (cross-validated) "
             f"{report['section@1_cv']:.3f}")
        rows = sweep_clarify(weights, examples, SURE, MARGINS)
        best = min((r for r in rows if r["clarify"] <= MAX_CLARIFY),
                   key=lambda r: (r["wrong_confident"], -r["right"]), default=rows[0])
    echo("asking back — sure  margin  right  wrong-confident  clarify  (choose: fewest wrong-confident, "
         f"clarify ≤ {MAX_CLARIFY:.0%})")
    for r in rows:
        mark = "  ←" if r is best else ""
        echo(f"  {r['sure']:.2f}  {r['margin']:.2f}  {r['right']:.3f}  {r['wrong_confident']:.3f}  "
             f"{r['clarify']:.3f}{mark}")
    screens = load_calibration("use")
    return Calibration(
        backend=backend, relevance=relevance,
        sections=SectionChoice(weights=weights, clarify_sure=best["sure"], clarify_margin=best["margin"]),
        safety=screens.safety if backend == "use" and screens else None,
        scam=screens.scam if backend == "use" and screens else None,
        measured={"relevance": {"off_topic_stopped": _at(rel_table, relevance.threshold, "off_topic_stopped"),
                                "answer_passes": _at(rel_table, relevance.threshold, "answer_passes")},
                  "sections": report, "asking_back": best},
        made=f"{dt.date.today().isoformat()}, finbot calibrate on {len(items)} tuning items"
             + (f" (+ {len(fit_also)} for the matcher)" if fit_also else ""),
    )


def _relevance(answerer: Any, items: Sequence[EvalItem]) -> tuple[RelevanceGate, list[dict[str, float]]]:
    """Each gate (a message in finbot's field; one with no debt word) at the lowest evidence that keeps
    OFF_TOPIC_KEPT_OUT of the off-topic questions of that kind out; the table shows the whole gate around it."""
    from bot import safety
    from bot.eval.evaluate import relevance_probes

    probes = [(kind, safety.scope(query), answerer.evidence(got))
              for kind, query, got in relevance_probes(answerer, items)]  # (kind, scope, evidence)

    def bar_for(scope: str, floor: float) -> float:
        off = sorted(e for k, s, e in probes if k == "no_answer" and s == scope)
        if not off:
            return floor
        keep_out = off[min(len(off) - 1, int(np.ceil(OFF_TOPIC_KEPT_OUT * len(off))) - 1)]
        return max(floor, round(float(np.ceil((keep_out + 1e-6) * 200) / 200), 3))  # just above, on a 0.005 grid

    overall = [e for k, _, e in probes if k == "no_answer"]
    floor = round(float(np.percentile(overall, 50)), 3) if overall else 0.0
    gate = RelevanceGate(threshold=bar_for("in", floor), threshold_unknown=0.0)
    gate.threshold_unknown = max(bar_for("unknown", gate.threshold), gate.threshold)
    table = []
    for delta in (-0.1, -0.05, 0.0, 0.05, 0.1):
        t, u = gate.threshold + delta, gate.threshold_unknown + delta

        def passes(scope: str, evidence: float, t: float = t, u: float = u) -> bool:
            return scope != "out" and evidence >= (t if scope == "in" else u)

        answers = [passes(s, e) for k, s, e in probes if k == "answer"]
        stopped = [not passes(s, e) for k, s, e in probes if k == "no_answer"]
        table.append({"threshold": round(t, 3), "answer_passes": sum(answers) / max(1, len(answers)),
                      "off_topic_stopped": sum(stopped) / max(1, len(stopped))})
    return gate, table


def _at(table: list[dict[str, float]], threshold: float, key: str) -> float:
    return next((r[key] for r in table if abs(r["threshold"] - threshold) < 1e-9), 0.0)


def open_answerer(settings: Any, echo: Callable[[str], None], **options: Any) -> Any:
    """The answerer a face serves: opened from settings, and calibrated first for a backend never measured here.

    Lives beside the measuring, not in the engine, so the engine never imports the evaluation code."""
    from bot.engine.answer import Answerer

    answerer = Answerer.from_settings(settings, echo=echo, **options)
    if answerer.uncalibrated:
        ensure_calibrated(answerer, Path(settings.knowledge_path), Path(settings.data_dir), echo)
    return answerer


def ensure_calibrated(answerer: Any, knowledge: Path, data_dir: Path, echo: Callable[[str], None]) -> None:
    """A backend with no record yet (an st: model on first use) is measured now, once, and says so."""
    from bot.calibration import save_calibration
    from bot.eval.evaluate import load_eval_sets

    backend = answerer.index.embedding
    if load_calibration(backend, data_dir) is not None:
        return
    paths = [p for p in tuning_paths(knowledge) if p.exists()]
    if not paths:
        echo(f"finbot: no calibration for {backend} and no tuning set under {knowledge}/eval: using stand-in "
             "thresholds (run `finbot calibrate` with the evaluation set)")
        return
    echo(f"finbot: no calibration for the {backend} embedding yet: measuring its thresholds on the tuning set "
         "(once; `finbot calibrate` redoes it)…")
    cal = calibrate(answerer, load_eval_sets(paths), echo=lambda line: None)
    path = save_calibration(cal, data_dir)
    answerer.use_calibration(cal)
    echo(f"finbot: calibration stored in {path}")
