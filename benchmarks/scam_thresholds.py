"""Choose the scam checker's semantic thresholds (the `scam` part of bot/calibrations/use.json) on the tuning set.

    python benchmarks/scam_thresholds.py [knowledge/eval/scam_tuning.yaml]

The units are the sentences the semantic layer would examine (long enough, no warning, no rule flag in them).
Positives: sentences of scam messages (expect likely_scam or suspicious) that no rule flagged at all — the layer
exists for them. Negatives: every such sentence of a message expected to have no red flags. For each (near, margin)
pair it prints how many positives would gain a flag and how many negatives would (which must stay 0: a flag on a
genuine message is a wrong warning). Only the tuning set may be used here, never the held-out set.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.scam import rules, use_screen  # noqa: E402
from bot.engine.scam.semantic import long_enough  # noqa: E402


def units_of(message: str) -> list[str]:
    found = rules.rule_findings(message)
    shown = {f.evidence for f in found}
    return [s for s in rules.sentences(message)
            if long_enough(s) and not rules.warns(rules.normal(s)) and rules.evidence_of(s) not in shown]


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "knowledge" / "eval" / "scam_tuning.yaml"
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    screen = use_screen()
    pos, neg = [], []
    for item in items:
        message, expect = item["message"], item["expect"]
        units = units_of(message)
        if not units:
            continue
        near = screen.nearest(units)
        if expect == "no_red_flags":
            neg += [(n, u) for n, u in zip(near, units, strict=True) if n is not None]
        elif not rules.rule_findings(message):
            best = max((n for n in near if n is not None), key=lambda n: n.scam - n.genuine, default=None)
            if best is not None:
                pos.append((best, message))
    print(f"{len(pos)} scam messages no rule flagged, {len(neg)} sentences of messages with no red flags\n")
    for n, message in sorted(pos, key=lambda p: -p[0].scam):
        print(f"  + {n.scam:.3f} {n.genuine:.3f} gap {n.scam - n.genuine:+.3f} {n.flag:16} {message[:50]}")
    for n, unit in sorted(neg, key=lambda p: -(p[0].scam - p[0].genuine))[:8]:
        print(f"  - {n.scam:.3f} {n.genuine:.3f} gap {n.scam - n.genuine:+.3f} {n.flag:16} {unit[:50]}")
    print("\n near  margin  positives-flagged  negatives-flagged")
    for near in (0.45, 0.50, 0.55, 0.60, 0.65):
        for margin in (0.0, 0.05, 0.10, 0.15):
            p = sum(1 for n, _ in pos if n.scam >= near and n.scam - n.genuine >= margin)
            q = sum(1 for n, _ in neg if n.scam >= near and n.scam - n.genuine >= margin)
            print(f" {near:.2f}  {margin:.2f}    {p:3d}/{len(pos)}              {q:3d}/{len(neg)}")


if __name__ == "__main__":
    main()
