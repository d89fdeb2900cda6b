"""What the engine returns: an Answer (kind, text, sources, …) with the Sources it cites."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.types import Hit

KINDS = ("answer", "calculation", "no_answer", "refusal", "crisis")


@dataclass(frozen=True)
class Source:
    id: str  # article id
    title: str
    section: str | None
    score: float
    lang: str

    @classmethod
    def of(cls, hit: Hit) -> Source:
        return cls(hit.article_id, hit.title, hit.section, round(float(hit.score), 4), hit.lang)

    def line(self, n: int) -> str:
        if self.section and self.section != self.title:
            return f"[{n}] {self.title} › {self.section}"
        return f"[{n}] {self.title}"


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
    via: str = "rules"  # "rules" | "composer" | "llm" | "calculator": how the text was produced

    def render(self) -> str:
        """The plain-text answer a user reads: body, numbered sources, related questions."""
        parts = [self.text.strip()]
        if self.sources:
            head = "来源：" if self.language == "zh" else "Sources:"
            parts.append(head + "\n" + "\n".join(s.line(i) for i, s in enumerate(self.sources, 1)))
        if self.related:
            head = "你可能还想问：" if self.language == "zh" else "You might also ask:"
            parts.append(head + "\n" + "\n".join(f"• {q}" for q in self.related))
        return "\n\n".join(p for p in parts if p)

    def to_json(self, question: str) -> dict[str, Any]:
        """The `finbot ask --json` object (architecture.md): these keys and no others."""
        return {
            "question": question,
            "kind": self.kind,
            "text": self.text,
            "sources": [{"id": s.id, "title": s.title, "section": s.section, "score": s.score}
                        for s in self.sources],
            "language": self.language,
        }
