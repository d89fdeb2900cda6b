"""The safety bank's vectors on disk: one file per embedder, older versions removed when a new one is written."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.safety.bank_vectors import bank_texts, bank_vectors
from ingest.embeddings import get_embedder


def test_a_new_bank_replaces_the_old_file_and_leaves_other_embedders_alone(tmp_path: Path) -> None:
    stale = tmp_path / "safety-bank-use-0123456789abcdef.npz"  # the bank before an edit of bank.py
    other = tmp_path / "safety-bank-e5-0123456789abcdef.npz"  # another embedder's bank
    for path in (stale, other):
        np.savez(path, vectors=np.zeros((1, 2), dtype=np.float32))
    vectors, labels = bank_vectors(get_embedder("use"), "use", tmp_path)
    assert vectors.shape[0] == len(labels) == len(bank_texts()[0])
    kept = sorted(p.name for p in tmp_path.glob("*.npz"))
    assert not stale.exists() and other.exists() and len(kept) == 2, kept
    again, _ = bank_vectors(get_embedder("use"), "use", tmp_path)  # read back from the file just written
    assert np.allclose(again, vectors)
