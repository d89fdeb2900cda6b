"""`finbot eval --scam FILE`: the scam checker on a set of messages with the verdict each should get.

A set is a YAML list of items (or a mapping holding one list). Each item has the message (key `message`, `text`,
`input` or `sms`) and what it should get (`expect`, `verdict`, `expected` or `label`): likely_scam, suspicious or
no_red_flags ("scam" and "genuine" are read as likely_scam and no_red_flags; "a|b" accepts either); `genuine: true`
marks a real message from a bank, lender, court or lawyer. Figures:

- likely_scam recall: of the items that should be likely_scam, the share the checker calls likely_scam;
- genuine called likely_scam: how many real messages got that verdict (must be 0);
- verdict accuracy: the share whose verdict is one of those accepted; and the confusion table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.engine.scam import Checker
from bot.engine.scam.definitions import VERDICTS

_TEXT_KEYS = ("message", "text", "input", "sms", "content")
_EXPECT_KEYS = ("expect", "verdict", "expected", "label")
_ALIASES = {"scam": "likely_scam", "likely": "likely_scam", "genuine": "no_red_flags", "legit": "no_red_flags",
            "real": "no_red_flags", "none": "no_red_flags", "clean": "no_red_flags"}


class ScamSetError(ValueError):
    """The set cannot be read; the message names the file, the item and what is missing."""


@dataclass(frozen=True)
class Item:
    message: str
    accepts: frozenset[str]
    genuine: bool


@dataclass
class Report:
    label: str
    rows: list[tuple[Item, str, list[str]]] = field(default_factory=list)  # item, verdict, flags

    def summary(self) -> dict[str, Any]:
        scams = [(i, v) for i, v, _ in self.rows if i.accepts == {"likely_scam"}]
        genuine = [(i, v) for i, v, _ in self.rows if i.genuine]
        correct = sum(1 for i, v, _ in self.rows if v in i.accepts)
        return {
            "set": self.label,
            "items": len(self.rows),
            "likely_scam_items": len(scams),
            "likely_scam_recall": round(sum(v == "likely_scam" for _, v in scams) / len(scams), 3) if scams else None,
            "genuine_items": len(genuine),
            "genuine_called_likely_scam": sum(v == "likely_scam" for _, v in genuine),
            "genuine_flagged_at_all": sum(v != "no_red_flags" for _, v in genuine),
            "verdict_accuracy": round(correct / len(self.rows), 3) if self.rows else None,
            "confusion": {want: dict(Counter(v for i, v, _ in self.rows if "|".join(sorted(i.accepts)) == want))
                          for want in sorted({"|".join(sorted(i.accepts)) for i, _, _ in self.rows})},
        }

    def misses(self) -> list[dict[str, Any]]:
        return [{"message": i.message, "expected": sorted(i.accepts), "got": v, "flags": flags}
                for i, v, flags in self.rows if v not in i.accepts]


def load(path: Path) -> list[Item]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ScamSetError(f"{path}: cannot read it as YAML ({exc})") from exc
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        data = [x for v in lists for x in v]
    if not isinstance(data, list):
        raise ScamSetError(f"{path}: expected a list of items (message + expected verdict)")
    return [_item(path, n, raw) for n, raw in enumerate(data, 1)]


def _item(path: Path, n: int, raw: Any) -> Item:
    if not isinstance(raw, dict):
        raise ScamSetError(f"{path}: item {n} is not a mapping")
    text = next((raw[k] for k in _TEXT_KEYS if isinstance(raw.get(k), str)), None)
    expect = next((raw[k] for k in _EXPECT_KEYS if isinstance(raw.get(k), str)), None)
    genuine = raw.get("genuine")
    if expect is None and isinstance(genuine, bool):
        expect = "no_red_flags" if genuine else "likely_scam"
    if text is None or expect is None:
        raise ScamSetError(f"{path}: item {n} needs a message ({'/'.join(_TEXT_KEYS)}) and an expected verdict "
                           f"({'/'.join(_EXPECT_KEYS)})")
    accepts = frozenset(_ALIASES.get(e.strip().lower(), e.strip().lower()) for e in expect.split("|"))
    if not accepts <= set(VERDICTS):
        raise ScamSetError(f"{path}: item {n}: unknown verdict {expect!r} (use {', '.join(VERDICTS)})")
    return Item(text, accepts, bool(genuine) or accepts == {"no_red_flags"})


def evaluate(checker: Checker, items: list[Item], label: str) -> Report:
    report = Report(label)
    for item in items:
        result = checker.check(item.message)
        report.rows.append((item, result.verdict, [f.id for f in result.flags]))
    return report


def format_report(report: Report) -> str:
    s = report.summary()
    recall = "n/a" if s["likely_scam_recall"] is None else f"{s['likely_scam_recall']:.1%}"
    lines = [
        f"scam check — {s['set']} ({s['items']} messages)",
        f"  likely_scam recall          {recall}  ({s['likely_scam_items']} messages that should be likely_scam)",
        f"  genuine called likely_scam  {s['genuine_called_likely_scam']} of {s['genuine_items']}"
        f"  (flagged at all: {s['genuine_flagged_at_all']})",
        f"  verdict accuracy            {s['verdict_accuracy']:.1%}" if s["verdict_accuracy"] is not None else "",
        "  expected → got:",
    ]
    lines += [f"    {want:28} {dict(sorted(got.items()))}" for want, got in s["confusion"].items()]
    misses = report.misses()
    if misses:
        lines.append("  misses:")
        lines += [f"    {m['expected']} → {m['got']} {m['flags']}  {m['message'][:60]}" for m in misses]
    return "\n".join(line for line in lines if line)
