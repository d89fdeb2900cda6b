"""The exemplar bank (bot/safety/bank.py) as vectors, kept on disk so a one-shot `finbot ask` does not re-embed it.

    vectors, labels = bank_vectors(embedder, "use", cache_dir)

Embedding the ~250 exemplars takes about a second of CPU with USE: most of the semantic screen's start-up. The
file is named after the embedder and a digest of every exemplar and label, so editing bank.py (or switching
model) simply makes a new one; a file that cannot be read or written is ignored (the bank is embedded again).
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)


def bank_texts() -> tuple[list[str], list[str]]:
    """Every exemplar and its label: crisis, support, benign or harmful:<category>."""
    from bot.safety import bank

    texts: list[str] = []
    labels: list[str] = []
    for label, group in [("crisis", bank.CRISIS), ("support", bank.SUPPORT), ("benign", bank.BENIGN),
                         *[(f"harmful:{c}", g) for c, g in bank.HARMFUL.items()]]:
        texts += group
        labels += [label] * len(group)
    return texts, labels


def bank_vectors(embedder: Any, name: str, cache_dir: Path | None = None) -> tuple[np.ndarray, list[str]]:
    texts, labels = bank_texts()
    path = _path(cache_dir, name, texts, labels)
    if path is not None and path.exists():
        try:
            with np.load(path, allow_pickle=False) as data:
                vectors = np.asarray(data["vectors"], dtype=np.float32)
            if vectors.shape[0] == len(texts):
                return vectors, labels
        except (OSError, ValueError, KeyError) as exc:
            log.info("safety bank cache unreadable (%s); embedding again", exc.__class__.__name__)
    vectors = np.asarray(embedder.embed_documents(texts), dtype=np.float32)
    if path is not None:
        _save(path, vectors, stale=f"{_stem(name)}-*.npz")
    return vectors, labels


def _path(cache_dir: Path | None, name: str, texts: list[str], labels: list[str]) -> Path | None:
    if cache_dir is None or not name:
        return None
    digest = hashlib.sha256("\x1f".join([name, *texts, *labels]).encode("utf-8")).hexdigest()[:16]
    return Path(cache_dir) / f"{_stem(name)}-{digest}.npz"


def _stem(name: str) -> str:
    """The start every version of one embedder's bank file shares (the digest follows it)."""
    return "safety-bank-" + "".join(ch if ch.isalnum() else "_" for ch in name)


def _save(path: Path, vectors: np.ndarray, stale: str) -> None:
    """The vectors at path; files matching the glob `stale` beside it, older versions of this embedder's bank, go
    (one file per edit of bank.py had piled up in the data dir)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp.npz")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(tmp, vectors=vectors)
        os.replace(tmp, path)
        for old in path.parent.glob(stale):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only data dir: the bank is embedded at each start, that is all
        log.info("safety bank cache not written (%s)", exc.__class__.__name__)
    finally:
        tmp.unlink(missing_ok=True)
