"""Fit the section matcher's weights on the tuning set (items labelled with the sections that answer them).

    examples = matcher_examples(answerer, items)       # one row of features per candidate section per question
    weights, report = fit_weights(examples)             # logistic regression; cross-validated section@1 first

Only the tuning set may be used here (knowledge/eval/questions.yaml and knowledge/eval/additions/): the
held-out sets measure what this produces and must never feed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bot.engine import words
from bot.engine.match import DEFAULT_WEIGHTS, FEATURES
from bot.engine.memory import Memory, leans_on_context
from bot.eval.evaluate import EvalItem


@dataclass
class Examples:
    rows: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)  # item number: candidates of one question stay together
    unreachable: int = 0  # questions whose labelled section was not among the candidates at all
    headings: list[str] = field(default_factory=list)  # each row's section question (clarify options differ)

    def reachable(self) -> Examples:
        """Only the questions whose labelled section is among the candidates (what fitting can learn from)."""
        keep = {g for g, y in zip(self.groups, self.labels, strict=True) if y}
        idx = [i for i, g in enumerate(self.groups) if g in keep]
        return Examples([self.rows[i] for i in idx], [self.labels[i] for i in idx], [self.groups[i] for i in idx],
                        self.unreachable, [self.headings[i] for i in idx])


def matcher_examples(answerer: Any, items: Sequence[EvalItem]) -> Examples:
    out = Examples()
    for n, item in enumerate(items):
        if item.kind != "answer" or not item.sections:
            continue
        mem = Memory()
        for turn in item.history:
            answerer.answer(turn, mem, lang=item.lang)
        text = words.canonical(" ".join(item.q.split()))
        followup = leans_on_context(text, item.lang) and not mem.empty
        _, _, ranked = answerer.sections_for(text, item.lang, mem, followup)
        labels = [int(f"{c.info.key[0]} › {c.info.heading}" in item.sections) for c in ranked]
        if not any(labels):
            out.unreachable += 1
        for c, label in zip(ranked, labels, strict=True):
            out.rows.append([c.features[f] for f in FEATURES])
            out.labels.append(label)
            out.groups.append(n)
            out.headings.append(c.info.heading)
    return out


def _top1(weights: np.ndarray, x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    scores = x @ weights
    hits = total = 0
    for g in np.unique(groups):
        mask = groups == g
        total += 1
        hits += int(y[mask][int(np.argmax(scores[mask]))] == 1)
    return hits / total if total else 0.0


def _conditional_logit(x: np.ndarray, y: np.ndarray, groups: np.ndarray, l2: float, steps: int = 3000
                       ) -> np.ndarray:
    """Weights w maximising Σ_questions log Σ_{labelled c} softmax(x·w)_c − l2·|w − prior|²: the probability the
    matcher puts on the right section among the candidates of each question. The prior is the hand-set blend
    (match.DEFAULT_WEIGHTS): a rule the tuning set says little about (a stage clash, say) keeps its sign.

    The loss is convex; plain numpy (segment sums over each question's rows, Adam steps) keeps finbot free of an
    optimisation library, so `finbot calibrate` runs wherever finbot does."""
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    owner = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(groups)]))
    prior = np.asarray([DEFAULT_WEIGHTS[f] for f in FEATURES])
    w, m, v = prior.copy(), np.zeros_like(prior), np.zeros_like(prior)
    for step in range(1, steps + 1):
        scores = x @ w
        z = np.exp(scores - np.maximum.reduceat(scores, starts)[owner])
        total = np.add.reduceat(z, starts)[owner]
        positive = np.add.reduceat(z * y, starts)[owner]
        grad = (z / total - z * y / positive) @ x + 2 * l2 * (w - prior)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= 0.05 * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return w


def _folds(groups: np.ndarray, folds: int, seed: int) -> list[np.ndarray]:
    """Question-wise folds: every candidate of a question falls in the same fold."""
    questions = np.random.default_rng(seed).permutation(np.unique(groups))
    fold_of = {g: i % folds for i, g in enumerate(questions)}
    label = np.asarray([fold_of[g] for g in groups])
    return [label == k for k in range(folds)]


def fit_weights(ex: Examples, l2: float = 0.01, folds: int = 5, seed: int = 7
                ) -> tuple[dict[str, float], dict[str, Any]]:
    """Fit on every question; report section@1 (among questions whose labelled section was a candidate) under
    question-wise cross-validation and on the data it was fitted on."""
    ex = ex.reachable()
    x, y, groups = np.asarray(ex.rows, dtype=float), np.asarray(ex.labels, dtype=float), np.asarray(ex.groups)
    held = []
    for test in _folds(groups, folds, seed):
        w = _conditional_logit(x[~test], y[~test], groups[~test], l2)
        held.append((_top1(w, x[test], y[test], groups[test]), len(np.unique(groups[test]))))
    weights = _conditional_logit(x, y, groups, l2)
    cv = sum(s * n for s, n in held) / sum(n for _, n in held)
    report = {"questions": len(np.unique(groups)), "unreachable": ex.unreachable, "candidates": len(y),
              "section@1_cv": round(cv, 4), "section@1_fit": round(_top1(weights, x, y, groups), 4)}
    return {f: round(float(v), 4) for f, v in zip(FEATURES, weights, strict=True)}, report


def score_with(weights: dict[str, float], ex: Examples) -> float:
    ex = ex.reachable()
    w = np.asarray([weights.get(f, 0.0) for f in FEATURES])
    return _top1(w, np.asarray(ex.rows), np.asarray(ex.labels), np.asarray(ex.groups))


def sweep_clarify(weights: dict[str, float], ex: Examples, sure: Sequence[float], margins: Sequence[float]
                  ) -> list[dict[str, float]]:
    """For each (sure, margin): over every question (reachable or not), the share answered from a labelled
    section, answered from another one (wrong-confident), and asked back — and how often the labelled section
    is among the options asked about. The engine's rule: answer when the best candidate's probability is at
    least `sure`; otherwise offer the candidates within `margin` of it (up to 3, distinct questions)."""
    w = np.asarray([weights.get(f, 0.0) for f in FEATURES])
    x, y, groups = np.asarray(ex.rows), np.asarray(ex.labels), np.asarray(ex.groups)
    questions = []
    for g in np.unique(groups):
        idx = np.flatnonzero(groups == g)
        scores = x[idx] @ w
        p = np.exp(scores - scores.max())
        p /= p.sum()
        order = np.argsort(-p)
        questions.append((p[order], y[idx][order], [ex.headings[i] for i in idx[order]]))
    rows = []
    for s in sure:
        for m in margins:
            right = wrong = asked = useful = 0
            for p, labels, heads in questions:
                options = [0]
                if p[0] < s:
                    for j in range(1, len(p)):
                        if len(options) < 3 and p[j] >= p[0] - m and heads[j] not in [heads[o] for o in options]:
                            options.append(j)
                if len(options) == 1:
                    right += int(labels[0] == 1)
                    wrong += int(labels[0] != 1)
                else:
                    asked += 1
                    useful += int(any(labels[o] == 1 for o in options))
            n = len(questions)
            rows.append({"sure": s, "margin": m, "right": right / n, "wrong_confident": wrong / n,
                         "clarify": asked / n, "clarify_useful": useful / asked if asked else 0.0})
    return rows
