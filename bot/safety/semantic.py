"""The semantic layer of the safety screen: a message the rules did not decide, compared with a bank of exemplars
(bot/safety/bank.py) using the multilingual USE embedder, for phrasings no rule knows.

    screen = screen_for_answers()            # the screen the answer engine uses (USE, its calibrated thresholds)
    screen.similarities(text)                # nearest crisis / harmful / benign exemplar, the message and clauses
    clauses(text)                            # the whole message, then its longest clauses

Its thresholds are the `safety` part of USE's calibration record (bot/calibrations/use.json), chosen with
benchmarks/safety_thresholds.py; what the similarities mean for a message is decided in bot/safety/screen.py.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ingest.han import has_han

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Calibration:
    """Cosine thresholds for one embedder, chosen with benchmarks/safety_thresholds.py."""

    crisis: float  # the whole message: nearest crisis exemplar at least this close …
    crisis_margin: float  # … and at least this much closer than the nearest benign / help-a-friend exemplar
    lean: float  # … or a weaker match that is clearly one-sided: at least this close …
    lean_margin: float  # … and this much closer than any benign / help-a-friend exemplar
    clause: float  # one clause of a longer message: short fragments are noisier, so a higher bar
    clause_margin: float
    clause_floor: float  # clauses are examined only when the whole message is at least this near a crisis
    harmful: float  # the whole message: nearest harmful exemplar at least this close …
    harmful_margin: float  # … and this much closer than any benign, help-a-friend or crisis exemplar
    clause_benign_gap: float = 1.0  # clauses count only when the whole message's nearest benign exemplar is at
    # most this much closer than its nearest crisis one

    def crisis_from(self, s: Similarities, clause: bool = False, lean: bool = True) -> bool:
        gap = s.crisis - max(s.support, s.benign)
        if clause:
            return s.crisis >= self.clause and gap >= self.clause_margin
        close = s.crisis >= self.crisis and gap >= self.crisis_margin
        return close or (lean and s.crisis >= self.lean and gap >= self.lean_margin)

    def harmful_from(self, s: Similarities) -> str | None:
        near = max(s.benign, s.support, s.crisis)
        return s.category if s.harmful >= self.harmful and s.harmful >= near + self.harmful_margin else None


@dataclass(frozen=True)
class Similarities:
    crisis: float
    support: float
    benign: float
    harmful: float
    category: str  # the harmful category of the nearest harmful exemplar


class _Embedder(Protocol):
    name: str

    def embed_query(self, text: str) -> Any: ...

    def embed_documents(self, texts: list[str]) -> Any: ...


_CLAUSE_SPLIT = re.compile(r"[，,。.!！?？;；:：\n]+")
MAX_CLAUSES = 3  # each costs about 0.7 ms of embedding (batched)


def clauses(text: str) -> list[str]:
    """The whole message, then its longest clauses: a crisis phrase inside a long debt message ("欠了六十万，
    老婆也走了，我不知道活着还为了什么") is closest to the crisis bank on its own, not diluted by the debt talk."""
    text = " ".join(text.split())
    cjk = has_han(text)
    parts = [p.strip() for chunk in _CLAUSE_SPLIT.split(text) for p in (chunk.split(" ") if cjk else [chunk])]
    long_enough = [p for p in parts if (len(p) >= 3 if cjk else len(p.split()) >= 3) and p != text]
    longest = sorted(dict.fromkeys(long_enough), key=len, reverse=True)[:MAX_CLAUSES]
    return [text] + [p for p in long_enough if p in longest]


class SemanticScreen:
    """Nearest-exemplar check over bot.safety.bank, for messages the rules miss.

    Optional by design: without a calibrated embedder the rules alone decide. When the embedder fails on a
    message, that one message is judged by the rules and the recall words (bot.safety.recall) — logged and
    counted in `failures` (shown by /kbstats) — and the next message tries the model again: one bad input
    never switches the layer off for everyone. Costs one embedding of the message (~2 ms with USE), plus one
    batch of its clauses when the message leans towards crisis at all, shared by is_crisis and
    harmful_category; the bank is embedded once (warm_up)."""

    def __init__(self, embedder: _Embedder | Callable[[], _Embedder], name: str | None = None,
                 calibration: Calibration | None = None, cache_dir: Path | None = None) -> None:
        self._source = embedder
        self.cache_dir = cache_dir  # where the exemplar bank's vectors are kept between runs (bank_vectors.py)
        self.name = name if name is not None else str(getattr(embedder, "name", ""))
        self.calibration = calibration if calibration is not None else measured_for(self.name)
        self._bank: tuple[Any, list[str]] | None = None
        # The last message looked at (text, similarities, failed): is_crisis and harmful_category share one look.
        self._last: tuple[str, list[Similarities], bool] | None = None
        self._lock = threading.Lock()
        self.failures = 0  # messages the model failed on since start (each judged by the rules instead)

    @property
    def available(self) -> bool:
        return self.calibration is not None

    def _embedder(self) -> _Embedder:
        source = self._source
        return source if hasattr(source, "embed_documents") else source()  # type: ignore[operator,return-value]

    def warm_up(self) -> None:
        """Load the model and embed the exemplar bank now rather than on the first undecided message."""
        self.similarities("征信")

    def _vectors(self) -> tuple[Any, list[str]]:
        if self._bank is None:
            with self._lock:
                if self._bank is None:
                    from bot.safety.bank_vectors import bank_vectors

                    self._bank = bank_vectors(self._embedder(), self.name, self.cache_dir)
        return self._bank

    def similarities(self, text: str) -> list[Similarities]:
        """Highest cosine to each bank for the message and for each of its clauses (the message first);
        empty when the layer is unavailable or failed on this message. Never raises."""
        return self.look(text)[0]

    def look(self, text: str) -> tuple[list[Similarities], bool]:
        """(similarities, failed): failed is True when the model raised on this message. Never raises."""
        if not self.available or not text.strip():
            return [], False
        last = self._last
        if last is not None and last[0] == text:
            return last[1], last[2]
        try:
            import numpy as np

            vectors, labels = self._vectors()
            units = clauses(text)
            embedder = self._embedder()
            whole = np.asarray(embedder.embed_documents(units[:1]), dtype=np.float32) @ vectors.T
            got = [_best_per_bank(whole[0].tolist(), labels)]
            # Clauses only when the whole message leans towards the crisis bank at all: most questions
            # (about 4 in 5) are far from it, and pay for one embedding, not four.
            if len(units) > 1 and self.calibration is not None and got[0].crisis >= self.calibration.clause_floor:
                parts = np.asarray(embedder.embed_documents(units[1:]), dtype=np.float32) @ vectors.T
                got += [_best_per_bank(row.tolist(), labels) for row in parts]
        except Exception as exc:  # a broken model must not take the answer down: the rules decide this message
            with self._lock:
                self.failures += 1
            log.warning("semantic safety layer failed on one message (%s); the rules decide it",
                        exc.__class__.__name__)
            self._last = (text, [], True)
            return [], True
        self._last = (text, got, False)
        return got, False


def measured_for(backend: str) -> Calibration | None:
    """The thresholds measured for this embedder (the `safety` part of its calibration record), if any: an
    embedder nobody measured leaves the rules alone in charge."""
    from bot.calibration import load_calibration

    record = load_calibration(backend)
    return Calibration(**record.safety.model_dump()) if record is not None and record.safety is not None else None


def screen_for_answers(threads: int = 1, cache_dir: Path | None = None, thresholds: Any = None) -> SemanticScreen:
    """The screen the answer engine uses: multilingual USE, the calibrated embedder. When the index embeds with
    USE too this is the very model already loaded (get_embedder caches it); the model loads on first use.
    cache_dir: where the bank's vectors are kept between runs (the engine's cache folder)."""
    def load() -> _Embedder:
        from ingest.embeddings import get_embedder

        return get_embedder("use", threads)

    calibration = Calibration(**thresholds.model_dump()) if thresholds is not None else None
    return SemanticScreen(load, name="use", cache_dir=cache_dir, calibration=calibration)


def _best_per_bank(row: list[float], labels: list[str]) -> Similarities:
    best: dict[str, float] = {}
    for label, sim in zip(labels, row, strict=True):
        if sim > best.get(label, -1.0):
            best[label] = sim
    harmful = max((k for k in best if k.startswith("harmful:")), key=lambda k: best[k])
    return Similarities(best["crisis"], best["support"], best["benign"], best[harmful], harmful.split(":", 1)[1])
