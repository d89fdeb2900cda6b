"""Titles, section headings and legal basis of the knowledge base, for citing a flag's section.

Two sources of the same facts: the articles on disk (`finbot check` reads knowledge/ directly, no index needed) or
the index the answer engine opened (what the bot actually answers from). A citation whose article or section is
not there is left out, never invented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_BASIS = 2  # as bot.engine.reply: a section with no basis of its own shows its article's first rules


@dataclass(frozen=True)
class Cited:
    id: str
    title: str
    section: str | None
    lang: str
    basis: tuple[str, ...] = ()


class Catalog:
    def __init__(self, titles: dict[str, str], sections: dict[tuple[str, str], tuple[str, ...]],
                 langs: dict[str, str]) -> None:
        self.titles = titles
        self.sections = sections  # (article id, heading) -> basis
        self.langs = langs

    @classmethod
    def from_articles(cls, root: Path) -> Catalog:
        from ingest.articles import load_articles

        titles, sections, langs = {}, {}, {}
        for article in load_articles(Path(root)).articles:
            titles[article.id] = article.title
            langs[article.id] = article.lang
            for s in article.sections:
                sections[(article.id, s.heading)] = tuple(s.basis) or tuple(article.sources[:MAX_BASIS])
        return cls(titles, sections, langs)

    @classmethod
    def from_hits(cls, hits: list[Any]) -> Catalog:
        """From the index's chunks (bot.engine.retrieve.Retriever.corpus)."""
        titles, sections, langs = {}, {}, {}
        for h in hits:
            titles.setdefault(h.article_id, h.title)
            langs.setdefault(h.article_id, h.lang)
            if h.section:
                sections.setdefault((h.article_id, h.section), tuple(h.basis) or tuple(h.sources[:MAX_BASIS]))
        return cls(titles, sections, langs)

    def cite(self, article: str, section: str) -> Cited | None:
        title = self.titles.get(article)
        if title is None:
            return None
        if (article, section) in self.sections:
            return Cited(article, title, section, self.langs[article], self.sections[(article, section)])
        return Cited(article, title, None, self.langs[article])


class LazyCatalog:
    """A catalog built on first use, and again whenever `version()` changes (an article was uploaded and the
    index refreshed)."""

    def __init__(self, build: Callable[[], Catalog], version: Callable[[], object] = lambda: 0) -> None:
        self._build = build
        self._version = version
        self._built: tuple[object, Catalog] | None = None

    def cite(self, article: str, section: str) -> Cited | None:
        now = self._version()
        if self._built is None or self._built[0] != now:
            self._built = (now, self._build())
        return self._built[1].cite(article, section)
