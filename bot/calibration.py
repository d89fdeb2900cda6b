"""What was measured for one embedding backend: every threshold the engine applies to its similarities.

Cosine scales differ between models (USE, e5, a sentence-transformers model), so nothing in the code is specific to
one backend: the relevance gate, the section matcher's weights and when it asks back, and the semantic safety
screen's thresholds all come from the backend's calibration record:

    cal = load_calibration("use", data_dir)   # data_dir/calibration/<backend>.json, else the bundled one, else None
    cal.relevance.threshold, cal.sections.weights, cal.safety

Records for `use` and `e5` ship in bot/calibrations/; `finbot calibrate` measures any backend (an `st:`
model the first time it is used) on the tuning sets and stores its record in the data dir, beside the index it
was measured with. The safety screen keeps its own model (USE, see docs/quality.md for why): its thresholds are
the `safety` part of the `use` record.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

BUNDLED = Path(__file__).resolve().parent / "calibrations"


class RelevanceGate(BaseModel):
    """Evidence (best chunk cosine + best heading cosine) a question needs before any article is quoted."""

    threshold: float  # a message in finbot's field (safety.scope "in")
    threshold_unknown: float  # a message with no debt word at all


class SectionChoice(BaseModel):
    """The section matcher (bot/engine/match.py): its weights, and when it answers rather than asks back."""

    weights: dict[str, float]
    clarify_sure: float  # at or above this probability the best section is answered
    clarify_margin: float  # below it, sections this close to the best are offered as choices


class SafetyThresholds(BaseModel):
    """Cosine thresholds of the semantic safety screen (bot/safety/semantic.py Calibration)."""

    crisis: float
    crisis_margin: float
    lean: float
    lean_margin: float
    clause: float
    clause_margin: float
    clause_floor: float
    harmful: float
    harmful_margin: float
    clause_benign_gap: float = 1.0


class ScamThresholds(BaseModel):
    """The scam checker's semantic layer (bot/engine/scam/semantic.py Calibration)."""

    near: float
    margin: float


class Calibration(BaseModel):
    backend: str
    relevance: RelevanceGate
    sections: SectionChoice
    safety: SafetyThresholds | None = None  # only in the record of the screens' own model (use)
    scam: ScamThresholds | None = None  # likewise
    measured: dict[str, Any] = Field(default_factory=dict)  # the figures the thresholds were chosen from
    made: str = ""  # when, and with which evaluation sets

    def to_json(self) -> str:
        return json.dumps(self.model_dump(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def file_name(backend: str) -> str:
    """A file name for a backend spec ("st:BAAI/bge-small-zh-v1.5" → "st-BAAI-bge-small-zh-v1.5-<hash>.json")."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", backend).strip("-")
    if safe == backend:
        return f"{safe}.json"
    return f"{safe}-{hashlib.sha256(backend.encode()).hexdigest()[:8]}.json"


def stored_path(backend: str, data_dir: Path | str) -> Path:
    return Path(data_dir) / "calibration" / file_name(backend)


def load_calibration(backend: str, data_dir: Path | str | None = None) -> Calibration | None:
    """The backend's record: one measured in this data dir first (it was measured on this index), else the
    bundled one, else None (nothing measured yet: run `finbot calibrate`)."""
    places = [stored_path(backend, data_dir)] if data_dir is not None else []
    places.append(BUNDLED / file_name(backend))
    for path in places:
        if path.exists():
            return Calibration.model_validate_json(path.read_text(encoding="utf-8"))
    return None


def save_calibration(cal: Calibration, data_dir: Path | str | None = None, bundle: bool = False) -> Path:
    """Store a record in the data dir (or, with bundle, among the records that ship with finbot)."""
    path = BUNDLED / file_name(cal.backend) if bundle else stored_path(cal.backend, data_dir or ".")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(cal.to_json(), encoding="utf-8")
    return path
