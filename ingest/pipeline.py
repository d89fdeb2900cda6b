"""knowledge/ -> articles -> chunks -> index, and opening the index for answering."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.articles import LoadResult, Problem, load_articles
from ingest.chunking import chunk_article
from ingest.index import KnowledgeIndex, KnowledgeIndexError, Progress, SyncReport
from ingest.types import Chunk


@dataclass
class IngestResult:
    report: SyncReport
    loaded: LoadResult
    chunks: list[Chunk] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return self.loaded.problems


class ArticleErrors(KnowledgeIndexError):
    """A rebuild was refused because some articles have errors (listed in .loaded.errors)."""

    def __init__(self, loaded: LoadResult) -> None:
        files = len({p.path for p in loaded.errors})
        super().__init__(f"{files} file(s) have errors (listed above); --rebuild would drop them from the index, so "
                         "nothing was changed: fix them (finbot kb check) and run it again")
        self.loaded = loaded


def chunks_of(loaded: LoadResult) -> list[Chunk]:
    return [chunk for article in loaded.articles for chunk in chunk_article(article)]


def ingest(
    knowledge_dir: Path,
    index: KnowledgeIndex,
    rebuild: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> IngestResult:
    """Bring the index in line with the articles in knowledge_dir.

    Invalid articles are reported and left out; an article that was indexed before and is now invalid keeps
    its old chunks rather than vanishing from answers because of a typo (fix it and re-run).

    rebuild: every chunk is embedded again into a new index beside the old one, swapped in only on success
    (KnowledgeIndex.rebuild). It is refused (ArticleErrors, nothing touched) while any article has errors, since
    a rebuild cannot keep the old chunks of a broken article.
    """
    loaded = load_articles(knowledge_dir)
    chunks = chunks_of(loaded)
    if rebuild:
        if loaded.errors:
            raise ArticleErrors(loaded)
        if dry_run:
            return IngestResult(SyncReport(len(chunks), 0, index.count(), 0, 0.0, dry_run=True), loaded, chunks)
        return IngestResult(index.rebuild(chunks, progress=progress, on_plan=on_plan), loaded, chunks)
    index.check_backend()
    broken = _broken_article_ids(loaded)
    if broken:
        chunks = chunks + _stored_chunks(index, broken)
    report = index.sync(chunks, dry_run=dry_run, progress=progress, on_plan=on_plan)
    return IngestResult(report, loaded, chunks)


def _broken_article_ids(loaded: LoadResult) -> set[str]:
    """Ids named in files that failed validation (best effort: the file's stem)."""
    good_paths = {a.path for a in loaded.articles}
    good_ids = {a.id for a in loaded.articles}
    return {p.path.stem for p in loaded.errors if p.path not in good_paths and p.path.stem not in good_ids}


def _stored_chunks(index: KnowledgeIndex, article_ids: set[str]) -> list[Chunk]:
    """Stand-ins for the chunks these articles already have in the index, so sync() keeps them as they are."""
    stored = index.stored_hashes()
    return [
        Chunk(
            id=hit.chunk_id,
            article_id=hit.article_id,
            title=hit.title,
            section=hit.section or "",
            section_index=hit.section_index,
            part=0,
            lang=hit.lang,
            body=hit.text,
            text="",
            content_hash=stored[hit.chunk_id],
            sources=tuple(hit.sources),
            phrasings=hit.phrasings,
            basis=hit.basis,
            see_also=hit.see_also,
            kind=hit.kind,
        )
        for hit in index.chunks({"article_id": {"$in": sorted(article_ids)}})
    ]


def open_index(settings: Any, auto_ingest: bool = True, echo: Callable[[str], None] | None = None) -> KnowledgeIndex:
    """The index for answering. On a fresh data dir, ingest the knowledge folder first (saying so via echo)."""
    index = KnowledgeIndex.from_settings(settings)
    if auto_ingest and not index.exists():
        knowledge = Path(settings.knowledge_path)
        if echo:
            echo(f"finbot: no index yet in {settings.data_dir}; ingesting {knowledge} first (one time)…")
        result = ingest(knowledge, index)
        if echo:
            echo(f"finbot: {result.report.summary()}")
            for problem in result.loaded.errors:
                echo(f"finbot: skipped {problem}")
    else:
        index.check_backend()
    return index
