"""What the engine returns: an Answer (kind, text, sources, …) with the Sources it cites."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.types import Hit

KINDS = ("answer", "calculation", "no_answer", "refusal", "crisis", "clarify")
MAX_BASIS = 2  # rules shown per source when a section names none of its own (the article's first ones)


@dataclass(frozen=True)
class Source:
    id: str  # article id
    title: str
    section: str | None
    score: float
    lang: str
    basis: tuple[str, ...] = ()  # the legal basis the borrower sees: the section's own, else the article's

    @classmethod
    def of(cls, hit: Hit) -> Source:
        basis = tuple(hit.basis) or tuple(hit.sources[:MAX_BASIS])
        return cls(hit.article_id, hit.title, hit.section, round(float(hit.score), 4), hit.lang, basis)

    def line(self, n: int, lang: str | None = None) -> str:
        head = f"[{n}] {self.title} › {self.section}" if self.section and self.section != self.title \
            else f"[{n}] {self.title}"
        if not self.basis:
            return head
        label = "依据：" if (lang or self.lang) == "zh" else "Basis: "
        return f"{head}\n    {label}{'；'.join(self.basis) if (lang or self.lang) == 'zh' else '; '.join(self.basis)}"


@dataclass
class Answer:
    kind: str
    text: str
    language: str
    sources: list[Source] = field(default_factory=list)
    calc: dict[str, Any] | None = None
    chart_available: bool = False
    related: list[str] = field(default_factory=list)
    needs_input: list[str] = field(default_factory=list)
    via: str = "rules"  # "rules" | "composer" | "llm" | "calculator" | "small_talk": how the text was produced
    choices: list[str] = field(default_factory=list)  # kind "clarify": the candidate section questions
    check: dict[str, Any] | None = None  # a scam check's result (the `finbot check --json` object), else None
    attachment: tuple[str, bytes] | None = None  # a file that goes with the answer: (name, bytes), e.g. a letter

    def render(self) -> str:
        """The plain-text answer a user reads: body, numbered sources with their legal basis, related questions."""
        parts = [self.text.strip()]
        if self.sources:
            head = "来源：" if self.language == "zh" else "Sources:"
            parts.append(head + "\n" + "\n".join(s.line(i, self.language) for i, s in enumerate(self.sources, 1)))
        if self.related:
            head = "你可能还想问：" if self.language == "zh" else "You might also ask:"
            parts.append(head + "\n" + "\n".join(f"• {q}" for q in self.related))
        return "\n\n".join(p for p in parts if p)

    def to_json(self, question: str) -> dict[str, Any]:
        """The `finbot ask --json` object (architecture.md), with each source's legal basis, and the choices of
        a clarifying reply."""
        out: dict[str, Any] = {
            "question": question,
            "kind": self.kind,
            "text": self.text,
            "sources": [{"id": s.id, "title": s.title, "section": s.section, "score": s.score,
                         "basis": list(s.basis)} for s in self.sources],
            "language": self.language,
        }
        if self.kind == "clarify":
            out["choices"] = list(self.choices)
        return out
