"""Retrieval for answering: dense search on the index, optionally fused with a lexical ranking, with a
preference for chunks in the user's language and a cache of the corpus for section look-ups.

Modes (compare them with `finbot eval --retrieval …`):
    dense        the index's embedding search alone (USE by default)
    dense+bm25   dense fused (reciprocal-rank fusion) with BM25 over character bigrams, for Chinese queries only
    bm25         the lexical ranking alone (a baseline)
    fusion       dense fused with a second dense index built with another backend (e5 + USE), every query

Every returned Hit keeps a cosine score from the main dense index (the relevance gate compares it with a
threshold); a chunk that only the lexical ranking found gets the lowest dense score of the list.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.compose import terms
from ingest.index import Hit, KnowledgeIndex

MODES = ("dense", "dense+bm25", "bm25", "fusion")
RRF_K = 60
POOL = 12  # candidates per ranking before fusion


@dataclass
class Retrieved:
    hits: list[Hit]  # best first, the user's language preferred
    top_score: float  # best dense cosine among the candidates (the relevance signal)
    cross_language: bool  # no good chunk in the user's language: hits are in the other language


class Retriever:
    def __init__(self, index: KnowledgeIndex, mode: str = "dense", second: KnowledgeIndex | None = None,
                 lang_margin: float = 0.06) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown retrieval mode {mode!r}; choose one of {', '.join(MODES)}")
        if mode == "fusion" and second is None:
            raise ValueError("retrieval mode 'fusion' needs a second index (e.g. built with FINBOT_EMBEDDING=e5)")
        self.index = index
        self.mode = mode
        self.second = second
        self.lang_margin = lang_margin
        self._corpus: list[Hit] | None = None
        self._bm25: _BM25 | None = None

    # -- corpus cache (loaded once; ask for it again after re-ingesting)

    @property
    def corpus(self) -> list[Hit]:
        if self._corpus is None:
            self._corpus = self.index.chunks()
            self._leads = {(h.article_id, h.section_index): h for h in self._corpus if "." not in h.chunk_id}
            self._sections: dict[str, list[str]] = {}
            for h in self._corpus:
                headings = self._sections.setdefault(h.article_id, [])
                if h.section and h.section not in headings:
                    headings.append(h.section)
        return self._corpus

    def refresh(self) -> None:
        self._corpus = None
        self._bm25 = None

    def lead_of(self, hit: Hit) -> Hit | None:
        """The first chunk of the hit's section (its first paragraph answers the heading)."""
        _ = self.corpus
        lead = self._leads.get((hit.article_id, hit.section_index))
        return replace(lead, score=hit.score) if lead is not None else None

    def sections_of(self, article_id: str) -> list[str]:
        _ = self.corpus
        return self._sections.get(article_id, [])

    def titles(self) -> dict[str, str]:
        return {h.article_id: h.title for h in self.corpus}

    # -- search

    def search(self, query: str, lang: str | None = None, k: int = 5) -> Retrieved:
        dense = self.index.search(query, k=POOL)
        rankings = [dense]
        if self.mode == "bm25":
            rankings = [self._lexical(query)]
        elif self.mode == "dense+bm25" and lang == "zh":
            rankings.append(self._lexical(query))
        elif self.mode == "fusion" and self.second is not None:
            rankings.append(self.second.search(query, k=POOL))
        top = max((h.score for h in dense), default=0.0)
        if len(rankings) == 1 and self.mode == "dense":
            merged = dense
        else:
            merged = _rrf(rankings, {h.chunk_id: h.score for h in dense})
        hits, cross = self._prefer_language(merged, lang)
        return Retrieved(hits[:k], top, cross)

    def _prefer_language(self, hits: list[Hit], lang: str | None) -> tuple[list[Hit], bool]:
        """Same-language chunks first when one of them is about as relevant as the best chunk overall."""
        if not lang or not hits:
            return hits, False
        same = [h for h in hits if h.lang == lang]
        other = [h for h in hits if h.lang != lang]
        if same and same[0].score >= hits[0].score - self.lang_margin:
            return same + other, False
        return hits, not same or hits[0].lang != lang

    def _lexical(self, query: str) -> list[Hit]:
        if self._bm25 is None:
            self._bm25 = _BM25([f"{h.title} {h.section or ''} {h.text}" for h in self.corpus])
        scores = self._bm25.scores(query)
        best = sorted(range(len(scores)), key=lambda i: -scores[i])[:POOL]
        return [self.corpus[i] for i in best if scores[i] > 0]


def _rrf(rankings: Sequence[Sequence[Hit]], dense_scores: dict[str, float]) -> list[Hit]:
    fused: dict[str, float] = {}
    by_id: dict[str, Hit] = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking):
            fused[hit.chunk_id] = fused.get(hit.chunk_id, 0.0) + 1.0 / (RRF_K + rank + 1)
            by_id.setdefault(hit.chunk_id, hit)
    floor = min(dense_scores.values(), default=0.0)
    order = sorted(fused, key=lambda cid: -fused[cid])
    return [replace(by_id[cid], score=dense_scores.get(cid, floor)) for cid in order]


class _BM25:
    """Okapi BM25 over compose.terms() (CJK bigrams + characters, English stems): no tokenizer download."""

    def __init__(self, docs: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.tfs: list[Counter[str]] = [Counter(_bag(d)) for d in docs]
        self.lens = [sum(tf.values()) for tf in self.tfs]
        self.avg = (sum(self.lens) / len(self.lens)) if self.lens else 1.0
        df: Counter[str] = Counter()
        for tf in self.tfs:
            df.update(tf.keys())
        n = len(self.tfs)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}

    def scores(self, query: str) -> list[float]:
        q = terms(query)
        out = []
        for tf, length in zip(self.tfs, self.lens, strict=True):
            s = 0.0
            norm = self.k1 * (1 - self.b + self.b * length / self.avg)
            for t in q:
                f = tf.get(t)
                if f:
                    s += self.idf[t] * f * (self.k1 + 1) / (f + norm)
            out.append(s)
        return out


def _bag(text: str) -> list[str]:
    # terms() is a set; BM25 wants frequencies, so count terms per sentence-sized piece.
    pieces = [p for p in text.replace("\n", "。").split("。") if p]
    bag: list[str] = []
    for piece in pieces:
        bag.extend(terms(piece))
    return bag


def open_second_index(settings: Any, embedding: str = "e5", auto_ingest: bool = True) -> KnowledgeIndex:
    """A dense index built with another backend in its own collection (for the 'fusion' mode)."""
    from ingest.pipeline import ingest

    index = KnowledgeIndex.open(settings.data_dir, embedding, settings.chroma_host, settings.chroma_port,
                                collection=f"finbot_knowledge_{embedding.replace(':', '_').replace('/', '_')}")
    if auto_ingest and not index.exists():
        ingest(settings.knowledge_path, index)
    return index
