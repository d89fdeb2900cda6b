"""The classifier feature: which wordings tell a section's question from its neighbours."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.engine.match import CLASSIFIER_SCALE, section_classifier


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def _sections(rng: np.random.Generator, dim: int = 16) -> tuple[np.ndarray, np.ndarray]:
    """Two sibling questions that share a topic (direction 0) and differ in one detail each (directions 1, 2);
    their wordings also vary along directions nobody asks about."""
    rows, owner = [], []
    for section, detail in ((0, 1), (1, 2)):
        for _ in range(15):
            v = np.eye(dim)[0] * 2.0 + np.eye(dim)[detail] * 0.6 + rng.normal(scale=0.4, size=dim)
            rows.append(v)
            owner.append(section)
    return _unit(np.asarray(rows)), np.asarray(owner)


def test_a_new_wording_with_one_sections_detail_goes_to_that_section(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    vectors, owner = _sections(rng)
    weights = section_classifier(vectors, owner, 2, tmp_path)
    question = _unit(np.eye(16)[0] * 2.0 + np.eye(16)[2] * 0.6 + rng.normal(scale=0.4, size=16))
    scores = np.r_[question * CLASSIFIER_SCALE, 1.0] @ weights
    assert int(np.argmax(scores)) == 1


def test_the_weights_are_kept_and_trained_again_only_for_other_wordings(tmp_path: Path) -> None:
    vectors, owner = _sections(np.random.default_rng(5))
    first = section_classifier(vectors, owner, 2, tmp_path)
    kept = list(tmp_path.glob("section-classifier-*.pkl"))
    assert len(kept) == 1
    assert np.array_equal(section_classifier(vectors, owner, 2, tmp_path), first)  # read back, same weights
    section_classifier(vectors[:-1], owner[:-1], 2, tmp_path)  # an edited knowledge base: trained again
    assert len(list(tmp_path.glob("section-classifier-*.pkl"))) == 1 and not kept[0].exists()  # the old one goes
