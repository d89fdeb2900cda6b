"""Turning input/result dataclasses into the JSON-like dicts run_tool returns."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any


def plain(value: Any) -> Any:
    """Dates become ISO strings, dataclasses dicts, tuples lists; Decimal, int, bool, str and None stay."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
