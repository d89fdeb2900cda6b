"""A copy of the collection's documents, metadata and vectors on disk, so commands that start, read every chunk and
exit (`finbot ask`, a no-change `finbot ingest`) do not wait for Chroma to hand over ~1,700 chunks (0.35–0.5 s
here for the texts, about as much again for the vectors). While it is current, searches are served from it too
(ingest/index.py: exact cosine over its vectors), so such a command does not import chromadb at all.

Only for the embedded store (the data dir is ours). Correct across processes by a token, not by file times
(Chroma touches its database on every open):

  * a writer removes the token before it writes (invalidate) and puts a new random one after (stamp);
  * a snapshot records the token it was taken under and is used only while the token file still holds it.

So a snapshot is never used while a write is under way or after one, whichever process wrote; the worst a
crash can do is leave no token, and then the collection is read from Chroma as before.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class Snapshot:
    def __init__(self, folder: Path, collection: str) -> None:
        self.token_path = folder / f"finbot-{collection}.token"
        self.path = folder / f"finbot-{collection}.snapshot.json"
        self.vectors_path = folder / f"finbot-{collection}.vectors.npz"
        self._memo: tuple[str, dict[str, Any]] | None = None
        self._vectors_memo: tuple[str, tuple[list[str], Any]] | None = None

    def token(self) -> str | None:
        try:
            return self.token_path.read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def invalidate(self) -> None:
        """Before a write: no snapshot is trusted until stamp()."""
        self._memo = self._vectors_memo = None
        for path in (self.token_path, self.path, self.vectors_path):
            path.unlink(missing_ok=True)

    def stamp(self) -> None:
        """After a write (or to start trusting a collection nobody is writing): a new token."""
        self._memo = self._vectors_memo = None
        _write(self.token_path, secrets.token_hex(8))

    def load(self, token: str) -> dict[str, Any] | None:
        """The collection as {"ids", "documents", "metadatas", "embedding"} (the backend that built it) when a
        snapshot was taken under `token`."""
        if self._memo is not None and self._memo[0] == token:
            return self._memo[1]
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("token") != token:
            return None
        got = {k: data.get(k) for k in ("ids", "documents", "metadatas")}
        if not all(isinstance(v, list) for v in got.values()) or not isinstance(data.get("embedding"), str):
            return None  # one from before the backend was recorded is taken again
        got["embedding"] = data["embedding"]
        self._memo = (token, got)
        return got

    def save(self, token: str, got: dict[str, Any]) -> None:
        got = {**{k: list(got[k]) for k in ("ids", "documents", "metadatas")}, "embedding": got.get("embedding")}
        if isinstance(got["embedding"], str):
            self._memo = (token, got)
        if self.token() != token:  # a write started meanwhile
            return
        try:
            _write(self.path, json.dumps({"token": token, **got}, ensure_ascii=False))
        except (OSError, TypeError, ValueError) as exc:
            log.info("index snapshot not written (%s)", exc.__class__.__name__)


    def load_vectors(self, token: str) -> tuple[list[str], Any] | None:
        """Every chunk's id and vector when they were saved under `token`."""
        import numpy as np

        if self._vectors_memo is not None and self._vectors_memo[0] == token:
            return self._vectors_memo[1]
        try:
            with np.load(self.vectors_path, allow_pickle=False) as data:
                if str(data["token"]) != token:
                    return None
                got = [str(i) for i in data["ids"]], np.asarray(data["vectors"], dtype=np.float32)
        except (OSError, ValueError, KeyError):
            return None
        self._vectors_memo = (token, got)
        return got

    def save_vectors(self, token: str, ids: list[str], vectors: Any) -> None:
        import numpy as np

        if self.token() != token:
            return
        tmp = self.vectors_path.with_name(f".{self.vectors_path.name}.{os.getpid()}.tmp.npz")
        try:
            np.savez(tmp, token=np.array(token), ids=np.array(ids), vectors=vectors)
            os.replace(tmp, self.vectors_path)
        except (OSError, ValueError) as exc:
            log.info("index vectors snapshot not written (%s)", exc.__class__.__name__)
        finally:
            tmp.unlink(missing_ok=True)


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
