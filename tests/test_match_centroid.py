"""The centroid feature: a question is compared with what a section's phrasings share, not with how they vary."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.engine.match import whitened_centroids


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def test_directions_paraphrases_disagree_on_count_less() -> None:
    rng = np.random.default_rng(3)
    dim = 8
    topic_a, topic_b, style = np.eye(dim)[0], np.eye(dim)[1], np.eye(dim)[2]
    # Each section's phrasings share its topic and swing widely along "style" (the borrower's wording);
    # section B's happen to lean to one side of it.
    rows, owner = [], []
    for section, (topic, lean) in enumerate(((topic_a, 0.0), (topic_b, 0.8))):
        for swing in rng.uniform(-1.5, 1.5, 12):
            rows.append(_unit(topic + (swing + lean) * style + 0.05 * rng.normal(size=dim)))
            owner.append(section)
    whiten, centroids = whitened_centroids(np.asarray(rows), np.asarray(owner), 2)
    # A question about A in B's usual wording: plain cosine with the means prefers B, the whitened one A.
    question = _unit(1.0 * topic_a + 0.3 * topic_b + 1.2 * style)
    pairs = list(zip(rows, owner, strict=True))
    means = np.asarray([_unit(np.mean([r for r, o in pairs if o == s], axis=0)) for s in (0, 1)])
    assert np.argmax(means @ question) == 1
    assert np.argmax(centroids @ _unit(whiten @ question)) == 0
    assert np.allclose(np.linalg.norm(centroids, axis=1), 1.0, atol=1e-5)


def test_the_fit_is_kept_and_fitted_again_when_the_wordings_change(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    rows = rng.normal(size=(30, 6)).astype(np.float32)
    owner = np.repeat(np.arange(3), 10)
    first = whitened_centroids(rows, owner, 3, tmp_path)
    assert len(list(tmp_path.glob("section-whitening-*.pkl"))) == 1
    again = whitened_centroids(rows, owner, 3, tmp_path)  # read back: the same fit
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    uncached = whitened_centroids(rows, owner, 3)
    assert all(np.allclose(a, b) for a, b in zip(first, uncached, strict=True))
    edited = rows.copy()
    edited[0] *= 2  # an edited phrasing: fitted again, and the older file removed
    changed = whitened_centroids(edited, owner, 3, tmp_path)
    assert not np.allclose(changed[1], first[1])
    assert len(list(tmp_path.glob("section-whitening-*.pkl"))) == 1
