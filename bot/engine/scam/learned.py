"""The learned layer: two logistic regressions over multilingual USE vectors, trained on every scam set we have.

Rules as data generalise slowly — each blind held-out set brought a fifth to a half of scam wordings no rule had
seen (docs/quality.md). This layer reads the same message through the embedder the semantic layer already loads:

- a sentence model assigns a sentence no rule flagged to a red-flag family of flags.yaml (or to "none"), so a new
  wording of "pay a fee before the loan" is reported — and cited — as that flag; like the semantic layer's
  findings, these weigh at most 1 together and alone never make likely_scam;
- a message model gives the probability that the whole message is a scam, which decides between suspicious and
  likely_scam *once a flag has been found*: a flagged message the model is sure of is promoted, a rule-scored one
  it finds clearly genuine is held at suspicious. No verdict comes from it without a flag to show and cite.

The model is data (bot/engine/scam/model.json: coefficients, classes and thresholds), written by
`python benchmarks/scam_model.py --write`, which also prints the by-set cross-validation the thresholds come from.
Inference is two matrix products in numpy. A missing or unreadable file leaves the rules and the semantic layer in
charge, with a warning in the log.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

FILE = Path(__file__).resolve().parent / "model.json"
NONE = "none"  # the sentence model's class for a sentence that raises no flag


@dataclass(frozen=True)
class Thresholds:
    sentence: float  # a sentence gets a flag when its probability is at least this
    promote: float  # a flagged message below likely_scam becomes likely_scam at or above this scam probability
    demote: float  # a message the rules scored likely_scam stays suspicious below this


class ScamModel:
    def __init__(self, classes: list[str], sentence_coef: Any, sentence_intercept: Any, message_coef: Any,
                 message_intercept: float, thresholds: Thresholds, backend: str = "use") -> None:
        self.classes = list(classes)
        self.sentence_coef = np.asarray(sentence_coef, dtype=np.float32)  # classes × dim
        self.sentence_intercept = np.asarray(sentence_intercept, dtype=np.float32)
        self.message_coef = np.asarray(message_coef, dtype=np.float32)  # dim
        self.message_intercept = float(message_intercept)
        self.thresholds = thresholds
        self.backend = backend
        if self.sentence_coef.shape != (len(self.classes), self.message_coef.shape[0]):
            raise ValueError(f"sentence coefficients are {self.sentence_coef.shape}, expected "
                             f"({len(self.classes)}, {self.message_coef.shape[0]})")
        if NONE not in self.classes:
            raise ValueError(f"the sentence classes have no {NONE!r}")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScamModel:
        s, m = data["sentence"], data["message"]
        return cls(s["classes"], s["coef"], s["intercept"], m["coef"], m["intercept"],
                   Thresholds(**data["thresholds"]), data.get("backend", "use"))

    def to_dict(self, extra: dict[str, Any] | None = None, digits: int = 5) -> dict[str, Any]:
        def r(a: Any) -> Any:
            return np.round(np.asarray(a, dtype=np.float64), digits).tolist()

        return {**(extra or {}), "backend": self.backend,
                "thresholds": vars(self.thresholds),
                "sentence": {"classes": self.classes, "coef": r(self.sentence_coef),
                             "intercept": r(self.sentence_intercept)},
                "message": {"coef": r(self.message_coef), "intercept": round(self.message_intercept, digits)}}

    def sentence_probabilities(self, vectors: Any) -> np.ndarray:
        """rows × classes, softmax of the multinomial logistic regression."""
        z = np.asarray(vectors, dtype=np.float32) @ self.sentence_coef.T + self.sentence_intercept
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def sentence_flags(self, vectors: Any) -> list[tuple[int, str, float]]:
        """(row, flag, probability) for each sentence whose most likely flag (other than none) reaches the
        threshold."""
        if len(vectors) == 0:
            return []
        probs = self.sentence_probabilities(vectors)
        probs[:, self.classes.index(NONE)] = -1.0
        best = probs.argmax(axis=1)
        return [(i, self.classes[k], float(probs[i, k])) for i, k in enumerate(best)
                if probs[i, k] >= self.thresholds.sentence]

    def scam_probability(self, message_vector: Any) -> float:
        z = float(np.asarray(message_vector, dtype=np.float32) @ self.message_coef) + self.message_intercept
        return float(1.0 / (1.0 + np.exp(-z)))


def decide(score: float, flagged: bool, probability: float | None, thresholds: Thresholds | None,
           likely: float) -> str:
    """The verdict from the flags' score and, when the learned layer ran, the message's scam probability: it moves
    a flagged message between suspicious and likely_scam, never to or from no_red_flags."""
    rules_say = "likely_scam" if score >= likely else "suspicious" if flagged else "no_red_flags"
    if probability is None or thresholds is None or rules_say == "no_red_flags":
        return rules_say
    if rules_say == "suspicious" and probability >= thresholds.promote:
        return "likely_scam"
    if rules_say == "likely_scam" and probability < thresholds.demote:
        return "suspicious"
    return rules_say


def load_model(path: Path = FILE) -> ScamModel | None:
    """The stored model, or None (logged) when it is missing or unreadable: the rules then decide alone."""
    try:
        return ScamModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except FileNotFoundError:
        log.warning("scam learned layer off: %s is missing (python benchmarks/scam_model.py --write makes it); "
                    "the rules decide alone", path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("scam learned layer off: %s cannot be read (%s: %s); regenerate it with "
                    "python benchmarks/scam_model.py --write", path, exc.__class__.__name__, exc)
    return None
