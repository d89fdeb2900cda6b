"""The checker: findings → verdict, each flag with its evidence and cited section, then what to verify and where."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.engine.normalize import detect_language
from bot.engine.scam import parts, rules
from bot.engine.scam.catalog import Cited
from bot.engine.scam.definitions import Cite, definitions
from bot.engine.scam.learned import ScamModel, decide
from bot.engine.scam.rules import Finding
from bot.engine.scam.semantic import ScamScreen, long_enough

LIKELY = 2.0  # a score at or above this is likely_scam (flags.yaml explains the weights)
SEMANTIC_CAP = 1.0  # all semantic findings together weigh at most this: alone they make "suspicious", never more
# Topics whose verification line is shown, in this order; a message that names none is treated as from a lender.
TOPIC_ORDER = ("court", "arbitration", "mediation", "lawyer", "police", "credit_report", "bank", "lender", "collector")
MAX_TOPICS = 3
COMPLAIN_FLAGS = frozenset({"contacts_threat", "family_threat", "arrest_threat", "fake_official", "hours_deadline"})


class _Catalog(Protocol):
    def cite(self, article: str, section: str) -> Cited | None: ...


@dataclass(frozen=True)
class Flag:
    id: str
    text: str  # what it means and why it is false, in the reply's language
    evidence: str  # the sentence of the message that raised it
    source: int | None  # 1-based index into CheckResult.sources
    semantic: bool = False


@dataclass
class CheckResult:
    verdict: str  # likely_scam | suspicious | no_red_flags
    flags: list[Flag]
    advice: str
    sources: list[Cited]
    language: str
    score: float = 0.0
    topics: list[str] = field(default_factory=list)
    probability: float | None = None  # the learned layer's scam probability for the message, when it ran

    @property
    def asks_something(self) -> bool:
        """A flag other than a threat was raised (flags.yaml `threat`): money, a code or an account is asked for."""
        flags = definitions().flags
        return any(not flags[f.id].threat for f in self.flags)

    def to_json(self) -> dict[str, Any]:
        """The `finbot check --json` object (architecture.md, command-line contract)."""
        return {
            "verdict": self.verdict,
            "flags": [{"id": f.id, "text": f.text, "evidence": f.evidence} for f in self.flags],
            "advice": self.advice,
            "sources": [{"id": s.id, "title": s.title, "section": s.section} for s in self.sources],
            "language": self.language,
        }

    def body(self) -> str:
        """The reply without the source list: verdict, flags (with [n] markers and evidence), advice."""
        d = definitions()
        lang = self.language
        parts = [d.lead[self.verdict][lang]]
        if self.flags:
            lines = [d.heads["flags"][lang]]
            for f in self.flags:
                mark = f" [{f.source}]" if f.source else ""
                lines.append(f"• {f.text}{mark}")
                quote = f"“{f.evidence}”" if lang == "zh" else f"\"{f.evidence}\""
                note = f" {d.heads['semantic'][lang]}" if f.semantic else ""
                lines.append(f"  {d.heads['evidence'][lang]}{'：' if lang == 'zh' else ': '}{quote}{note}")
            parts.append("\n".join(lines))
        parts.append(d.heads["advice"][lang] + "\n" + self.advice)
        return "\n\n".join(parts)

    def render(self) -> str:
        """What `finbot check` prints: the body and the numbered sources with their legal basis."""
        lang = self.language
        parts = [self.body()]
        if self.sources:
            lines = []
            for n, s in enumerate(self.sources, 1):
                head = f"[{n}] {s.title} › {s.section}" if s.section else f"[{n}] {s.title}"
                if s.basis:
                    label, sep = ("依据：", "；") if lang == "zh" else ("Basis: ", "; ")
                    head += f"\n    {label}{sep.join(s.basis)}"
                lines.append(head)
            parts.append(("来源：" if lang == "zh" else "Sources:") + "\n" + "\n".join(lines))
        return "\n\n".join(parts)


class Checker:
    """check(text, lang) → CheckResult. catalog: where citations are looked up; screen: the semantic layer
    (optional — without it the rules alone decide); model: the learned layer over the screen's embedder (optional,
    learned.py — it needs the screen)."""

    def __init__(self, catalog: _Catalog, screen: ScamScreen | None = None, model: ScamModel | None = None) -> None:
        self.catalog = catalog
        self.screen = screen
        self.model = model

    def read(self, text: str) -> tuple[list[Finding], float | None]:
        """The flags found (rules, then the semantic and learned layers on sentences no rule flagged) and the
        learned layer's scam probability for the whole message (None when that layer did not run)."""
        read = rules.covered(text)  # one reading of the sentences and their warnings serves both layers
        found = rules.rule_findings(text, read)
        found += parts.family_findings(text, found, read)
        if self.screen is None or not self.screen.available:
            return found, None
        open_units = [(s, blocked) for _, s, blocked in rules.open_sentences(text, read)
                      if long_enough(s) and not _raised(s, found)]
        units = [s for s, _ in open_units]
        model = self.model
        vectors = self.screen.embed([text, *units] if model is not None else units)
        if vectors is None:
            return found, None
        unit_vectors = vectors[1:] if model is not None else vectors
        have = {f.flag for f in found}
        taken: set[int] = set()

        def add(i: int, flag: str) -> None:
            # a sentence may not raise what it rules out itself (a court's own phone is no private contact)
            if flag not in have and flag not in open_units[i][1]:
                have.add(flag)
                found.append(Finding(flag, rules.evidence_of(units[i]), semantic=True))

        for i, flag in self.screen.flags(units, unit_vectors) if units else []:
            taken.add(i)
            add(i, flag)
        for i, flag, _ in model.sentence_flags(unit_vectors) if model is not None else []:
            if i not in taken:
                add(i, flag)
        return found, None if model is None else model.scam_probability(vectors[0])

    def check(self, text: str, lang: str | None = None) -> CheckResult:
        text = text or ""
        lang = lang if lang in ("zh", "en") else _language(text)
        d = definitions()
        topics = rules.topics(text)
        found, probability = self.read(text)
        # The most decisive flags first (stable: ties keep the message's order).
        found.sort(key=lambda f: -d.flags[f.flag].weight_for(topics))
        score = _score(found, topics)
        verdict = decide(score, bool(found), probability, self.model.thresholds if self.model else None, LIKELY)
        sources: list[Cited] = []
        flags = [Flag(f.flag, d.flags[f.flag].text[lang], f.evidence,
                      self._cite(d.flags[f.flag].cite, lang, sources), f.semantic) for f in found]
        shown = [t for t in TOPIC_ORDER if t in topics][:MAX_TOPICS] or ["lender"]
        advice = []
        for topic in shown:
            self._cite(d.topics[topic].cite, lang, sources)
            advice.append(f"• {d.topics[topic].text[lang]}")
        if verdict != "no_red_flags":
            advice.append(f"• {d.report[lang]}")
        if {f.flag for f in found} & COMPLAIN_FLAGS:
            advice.append(f"• {d.complain[lang]}")
        return CheckResult(verdict, flags, "\n".join(advice), sources, lang, score, sorted(topics), probability)

    def _cite(self, cite: dict[str, Cite], lang: str, sources: list[Cited]) -> int | None:
        """The source's number in `sources` (added if new): the reply's language first, else the other one."""
        for want in (lang, "en" if lang == "zh" else "zh"):
            got = self.catalog.cite(cite[want].article, cite[want].section)
            if got is None:
                continue
            for n, s in enumerate(sources, 1):
                if (s.id, s.section) == (got.id, got.section):
                    return n
            sources.append(got)
            return len(sources)
        return None


def _raised(sentence: str, found: list[Finding]) -> bool:
    shown = rules.evidence_of(sentence)
    return any(f.evidence == shown for f in found)


def _score(found: list[Finding], topics: set[str]) -> float:
    d = definitions()
    rule = sum(d.flags[f.flag].weight_for(topics) for f in found if not f.semantic)
    semantic = sum(min(d.flags[f.flag].weight_for(topics), SEMANTIC_CAP) for f in found if f.semantic)
    return rule + min(semantic, SEMANTIC_CAP)


def _language(text: str) -> str:
    return detect_language(text, "zh")
