"""The semantic layer: sentences no rule flagged, compared with exemplar scam and genuine wording (bank.py).

The same pattern as bot.safety's screen: the multilingual USE embedder the index already loads, an exemplar bank
embedded once, thresholds measured for that embedder only (benchmarks/scam_thresholds.py); another backend, or a
model that fails to load, leaves the rules alone in charge. It never raises.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from ingest.han import han_count

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class Calibration:
    near: float  # the nearest scam exemplar at least this close …
    margin: float  # … and at least this much closer than the nearest genuine exemplar


def measured_for(backend: str) -> Calibration | None:
    """The thresholds measured for this embedder (benchmarks/scam_thresholds.py on knowledge/eval/scam_tuning.yaml),
    the `scam` part of its calibration record (bot/calibrations/), if any."""
    from bot.calibration import load_calibration

    record = load_calibration(backend)
    return Calibration(**record.scam.model_dump()) if record is not None and record.scam is not None else None


@dataclass(frozen=True)
class Nearest:
    flag: str  # the flag of the nearest scam exemplar
    scam: float
    genuine: float


class _Embedder(Protocol):
    def embed_documents(self, texts: list[str]) -> Any: ...


def long_enough(unit: str) -> bool:
    """Short fragments ("请注意", "thanks") sit oddly close to short exemplars of any kind."""
    return han_count(unit) >= 6 or len(re.findall(r"[A-Za-z']+", unit)) >= 5


class ScamScreen:
    def __init__(self, embedder: _Embedder | Callable[[], _Embedder], name: str,
                 calibration: Calibration | None = None) -> None:
        self._source = embedder
        self.name = name
        self.calibration = calibration if calibration is not None else measured_for(name)
        self._bank: tuple[Any, list[str], int] | None = None
        self._failed = False
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return self.calibration is not None and not self._failed

    def _embedder(self) -> _Embedder:
        source = self._source
        return source if hasattr(source, "embed_documents") else source()  # type: ignore[operator,return-value]

    def _vectors(self) -> tuple[Any, list[str], int]:
        if self._bank is None:
            with self._lock:
                if self._bank is None:
                    import numpy as np

                    from bot.engine.scam import bank

                    texts = [t for group in bank.SCAM.values() for t in group] + list(bank.GENUINE)
                    labels = [flag for flag, group in bank.SCAM.items() for _ in group]
                    vectors = np.asarray(self._embedder().embed_documents(texts), dtype=np.float32)
                    self._bank = (vectors, labels, len(labels))
        return self._bank

    def warm_up(self) -> None:
        self.nearest(["征信"])

    def embed(self, texts: list[str]) -> Any:
        """The texts' vectors, or None when the layer is unavailable or the model fails (then it stays off)."""
        if not self.available or not texts:
            return None
        try:
            import numpy as np

            self._vectors()
            return np.asarray(self._embedder().embed_documents(texts), dtype=np.float32)
        except Exception as exc:  # a broken model must not take the check down: the rules still decide
            log.warning("scam semantic layer disabled: %s", exc.__class__.__name__)
            self._failed = True
            return None

    def nearest(self, units: list[str], vectors: Any = None) -> list[Nearest | None]:
        """For each unit (a sentence or clause): its nearest scam exemplar's flag and the two similarities;
        None for every unit when the layer is unavailable. vectors: the units' vectors, if already embedded."""
        if vectors is None:
            vectors = self.embed(units)
        if vectors is None or not units:
            return [None] * len(units)
        bank, labels, n_scam = self._vectors()
        sims = vectors @ bank.T
        out: list[Nearest | None] = []
        for row in sims:
            best = int(row[:n_scam].argmax())
            out.append(Nearest(labels[best], float(row[best]), float(row[n_scam:].max())))
        return out

    def flags(self, units: list[str], vectors: Any = None) -> list[tuple[int, str]]:
        """(unit index, flag) for each unit near enough to scam wording and clearly nearer than to genuine."""
        cal = self.calibration
        if cal is None:
            return []
        return [(i, n.flag) for i, n in enumerate(self.nearest(units, vectors))
                if n is not None and n.scam >= cal.near and n.scam - n.genuine >= cal.margin]
