"""The parts layer: a message read for what it asks of you and on what terms, so that a scam family is caught in
wording no rule has seen.

Each blind held-out set brought scams that the rules, written phrase by phrase, had never met: a "cousin" on a new
number who needs money sent to a friend's card, a recruiter's uniform deposit, a stock "teacher" who says to borrow
on 借呗 and buy, a subsidy that needs a card number through a QR code (docs/quality.md). What these share is not
their words but their parts — an ask (pay or move money, give codes or your face, borrow, rent out your account)
together with a term no lender, bank, court or employer sets (the asker cannot be checked, the money goes to a third
person, the police ask for money, a prize or profit that must be paid for first, "don't tell anyone"). The parts are
word lists (lexicons/scam_parts.tsv), the families that combine them are data (families.yaml), and each family
raises a flag of flags.yaml, with its meaning and citation, on the sentence that made the ask.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.engine.lexicon import patterns
from bot.engine.scam import rules
from bot.engine.scam.definitions import definitions
from bot.engine.scam.rules import Covered, Finding

FILE = Path(__file__).resolve().parent / "families.yaml"
# A sentence that pays an institution's own account ("执行款请汇入本院执行款专户") asks for no money a scam would.
SUPPRESSED_BY_OFFICIAL = frozenset({"ask_money", "third_party"})
DECISIVE = 2.0  # a flag of this weight makes likely_scam on its own (flags.yaml)


class FamilyError(ValueError):
    """families.yaml is malformed; the message names the family and what to fix."""


@dataclass(frozen=True)
class Family:
    flag: str  # the flag of flags.yaml it raises
    asks: tuple[str, ...]
    with_: tuple[str, ...]  # empty: the ask alone is enough


@cache
def families() -> tuple[Family, ...]:
    return load_families(FILE)


def load_families(path: Path) -> tuple[Family, ...]:
    """The families of a families.yaml, checked: each needs asks, and names only parts scam_parts.tsv defines and
    a flag flags.yaml defines."""
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("families") or {}
    known = {part for _, part in patterns("scam_parts")}
    flags = definitions().flags
    out = []
    for flag, entry in data.items():
        entry = entry if isinstance(entry, dict) else {}
        asks, with_ = tuple(entry.get("asks") or ()), tuple(entry.get("with") or ())
        unknown = sorted(set(asks + with_) - known)
        if not asks or unknown or flag not in flags:
            raise FamilyError(f"{path}: {flag}: needs asks, parts that scam_parts.tsv defines (unknown: {unknown}) "
                              f"and a flag that flags.yaml defines")
        out.append(Family(flag, asks, with_))
    return tuple(out)


def parts(text: str, read: Covered | None = None) -> dict[str, str]:
    """Each part the message shows, with the first sentence (as written) that shows it outside a warning."""
    found: dict[str, str] = {}
    for sentence, norm, spans, warned in rules.covered(text) if read is None else read:
        official = rules.suppressed_flags(norm) >= rules.SUPPRESSES["official"]
        for pattern, part in patterns("scam_parts"):
            if part in found or (official and part in SUPPRESSED_BY_OFFICIAL):
                continue
            if rules.open_match(pattern, norm, spans, warned):
                found[part] = sentence
    return found


def family_findings(text: str, found: list[Finding], read: Covered | None = None) -> list[Finding]:
    """The flags of the families the message makes, the evidence being the sentence that made the ask — except a
    flag already found, or an ask whose sentence already raised a decisive flag (one sentence, one explanation)."""
    shown = parts(text, read)
    have = {f.flag for f in found}
    flags = definitions().flags
    quoted = {f.evidence for f in found if flags[f.flag].weight >= DECISIVE}
    out = []
    for family in families():
        ask = next((a for a in family.asks if a in shown), None)
        if family.flag in have or ask is None or (family.with_ and not any(w in shown for w in family.with_)):
            continue
        evidence = rules.evidence_of(shown[ask])
        if evidence not in quoted:
            out.append(Finding(family.flag, evidence))
            have.add(family.flag)
            quoted.add(evidence)
    return out
