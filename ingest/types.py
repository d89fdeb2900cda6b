"""The values that flow from ingest to the answer engine: a Chunk written to the index, a Hit read back.

Import-light on purpose (standard library only): the composer, the engine and their tests use these without
loading chromadb or langchain.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Chunk:
    id: str  # "<article_id>#<section_index>" or "<article_id>#<section_index>.<part>"
    article_id: str
    title: str
    section: str
    section_index: int
    part: int
    lang: str
    body: str  # what the composer quotes
    text: str  # what is embedded: title › section, then body
    content_hash: str
    sources: tuple[str, ...]
    phrasings: tuple[str, ...] = ()  # other ways borrowers ask the section's question
    basis: tuple[str, ...] = ()  # the section's legal basis ("依据：")
    see_also: tuple[str, ...] = ()  # ids of articles with the details ("详见：")
    kind: str = "topic"  # the article's type: "topic" | "hub"

    def metadata(self) -> dict[str, str | int]:
        # Chroma metadata holds scalars only: lists travel as newline-joined text.
        return {
            "article_id": self.article_id,
            "title": self.title,
            "section": self.section,
            "section_index": self.section_index,
            "part": self.part,
            "lang": self.lang,
            "hash": self.content_hash,
            "sources": "\n".join(self.sources),
            "phrasings": "\n".join(self.phrasings),
            "basis": "\n".join(self.basis),
            "see_also": "\n".join(self.see_also),
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Hit:
    chunk_id: str
    article_id: str
    title: str
    section: str | None
    text: str  # the chunk body, without the title/section prefix
    score: float  # cosine similarity, higher is better
    lang: str
    section_index: int
    sources: list[str] = field(default_factory=list)
    phrasings: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    kind: str = "topic"
