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

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.engine.terms import overlap_terms, terms
from ingest.pickled import pickled
from ingest.types import Hit

if TYPE_CHECKING:  # the index (chromadb) is imported where it is opened, not by importing the engine
    from ingest.index import KnowledgeIndex

MODES = ("dense", "dense+bm25", "bm25", "fusion")
RRF_K = 60
POOL = 12  # candidates per ranking before fusion
# Ranking = (1 - HEADING_SIM) · chunk cosine + HEADING_SIM · cosine with "title › heading" (headings are the
# questions borrowers ask, and USE matches question to question well), nudged by word overlap with the heading
# and the body. Tuned with `finbot eval` (docs/quality.md).
HEADING_SIM = 0.5
HEADING_POOL = 5  # sections whose heading matches best join the candidates even when no chunk of theirs did
BM25_LANGS = ("zh",)  # languages whose queries get the lexical ranking in "dense+bm25"
TITLE_WEIGHT = 0.15
HEADING_WEIGHT = 0.1
BODY_WEIGHT = 0.05


@dataclass
class Retrieved:
    hits: list[Hit]  # best first, the user's language preferred
    top_score: float  # best dense cosine among the candidates (a relevance signal)
    cross_language: bool  # no good chunk in the user's language: hits are in the other language
    head_score: float = 0.0  # best cosine between the query and a section heading (the other signal)
    vector: np.ndarray | None = None  # the query's embedding (section matching compares it with phrasings)
    head_sims: np.ndarray | None = None  # cosine with each section heading, in Retriever.headings() order


class Retriever:
    def __init__(self, index: KnowledgeIndex, mode: str = "dense", second: KnowledgeIndex | None = None,
                 lang_margin: float = 0.06, heading_weight: float = HEADING_WEIGHT,
                 body_weight: float = BODY_WEIGHT, heading_sim: float = HEADING_SIM,
                 cache_dir: Path | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown retrieval mode {mode!r}; choose one of {', '.join(MODES)}")
        if mode == "fusion" and second is None:
            raise ValueError("retrieval mode 'fusion' needs a second index (e.g. built with FINBOT_EMBEDDING=e5)")
        self.index = index
        self.mode = mode
        self.second = second
        self.lang_margin = lang_margin
        self.heading_weight = heading_weight
        self.body_weight = body_weight
        self.heading_sim = heading_sim
        self.bm25_langs: tuple[str, ...] = BM25_LANGS
        self.cache_dir = cache_dir
        self._heads: tuple[list[tuple[str, int]], np.ndarray] | None = None
        self._corpus: list[Hit] | None = None
        self._bm25: BM25 | None = None
        self._text_cache: _TextCache | None = None
        self._chunk_vecs: tuple[np.ndarray, list[tuple[str, int]]] | None = None
        self._terms: dict[str, tuple[set[str], set[str], set[str]]] = {}
        self.generation = 0

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
        self.generation += 1  # caches built from the corpus elsewhere (the section matcher) rebuild too
        self._terms = {}
        self._corpus = None
        self._bm25 = None
        self._heads = None
        self._chunk_vecs = None

    def chunk_vectors(self) -> tuple[np.ndarray, list[tuple[str, int]]]:
        """Every chunk's embedding and the (article, section) it belongs to, loaded once."""
        if self._chunk_vecs is None:
            section_of = {h.chunk_id: (h.article_id, h.section_index) for h in self.corpus}
            ids, vectors = self.index.vectors()
            keep = [n for n, cid in enumerate(ids) if cid in section_of]
            self._chunk_vecs = (vectors[keep] if keep else np.zeros((0, 1), dtype=np.float32),
                                [section_of[ids[n]] for n in keep])
        return self._chunk_vecs

    def headings(self) -> tuple[list[tuple[str, int]], np.ndarray]:
        """(article_id, section_index) keys and the embeddings of the section headings, cached on disk."""
        if self._heads is None:
            keys, texts = [], []
            for (article, index), lead in sorted(self._leads_map().items()):
                keys.append((article, index))
                # The heading alone: the chunk vector already carries the title and body.
                texts.append(lead.section or lead.title)
            self._heads = (keys, self._heading_vectors(texts))
        return self._heads

    def _leads_map(self) -> dict[tuple[str, int], Hit]:
        _ = self.corpus
        return self._leads

    def _heading_vectors(self, texts: list[str]) -> np.ndarray:
        return self.text_vectors(texts)

    def text_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of short texts (headings, phrasings, titles), cached on disk by text: after an edit only
        the new texts are embedded."""
        if self._text_cache is None:
            self._text_cache = _TextCache(self.cache_dir, self.index.embedding)
        return self._text_cache.vectors(texts, self.index.embedder.embed_documents)

    def lead_of(self, hit: Hit) -> Hit | None:
        """The first chunk of the hit's section (its first paragraph answers the heading)."""
        _ = self.corpus
        lead = self._leads.get((hit.article_id, hit.section_index))
        return replace(lead, score=hit.score) if lead is not None else None

    def parts_of(self, hit: Hit) -> list[Hit]:
        """Every chunk of the hit's section, in order."""
        return [h for h in self.corpus if h.article_id == hit.article_id and h.section_index == hit.section_index]

    def sections_of(self, article_id: str) -> list[str]:
        _ = self.corpus
        return self._sections.get(article_id, [])

    def titles(self) -> dict[str, str]:
        return {h.article_id: h.title for h in self.corpus}

    # -- search

    def search(self, query: str, lang: str | None = None, k: int = 5) -> Retrieved:
        # One embedding of the query serves the chunk search and the heading channel.
        vector = np.asarray(self.index.embedder.embed_query(query), dtype=np.float32) if query.strip() else None
        dense = self.index.search(query, k=POOL, vector=vector)
        head_score = 0.0
        if dense:
            sims = self._heading_sims(vector)
            head_score = float(sims.max()) if sims.size else 0.0
            if self.heading_sim > 0 and self.mode in ("dense", "dense+bm25"):
                dense = self._with_headings(sims, dense)
        rankings = [dense]
        if self.mode == "bm25":
            rankings = [self._lexical(query)]
        elif self.mode == "dense+bm25" and lang in self.bm25_langs:
            rankings.append(self._lexical(query))
        elif self.mode == "fusion" and self.second is not None:
            rankings.append(self.second.search(query, k=POOL))
        top = max((h.score for h in dense), default=0.0)
        if len(rankings) == 1 and self.mode == "dense":
            merged = dense
        else:
            merged = _rrf(rankings, {h.chunk_id: h.score for h in dense})
        hits, cross = self._prefer_language(self._rerank(query, merged), lang)
        return Retrieved(hits[:k], top, cross, head_score, vector, sims if dense else None)

    def _heading_sims(self, query_vector: np.ndarray) -> np.ndarray:
        keys, vectors = self.headings()
        if not keys:
            return np.zeros(0, dtype=np.float32)
        return vectors @ query_vector

    def _with_headings(self, sims: np.ndarray, dense: list[Hit]) -> list[Hit]:
        """Blend each chunk's cosine with its section heading's, and add the best-matching sections."""
        keys, _ = self.headings()
        if not keys:
            return dense
        pos = {k: i for i, k in enumerate(keys)}
        floor = min(h.score for h in dense)
        seen = {h.chunk_id for h in dense}
        pool = list(dense)
        leads = self._leads_map()
        for i in np.argsort(-sims)[:HEADING_POOL]:
            lead = leads.get(keys[int(i)])
            if lead is not None and lead.chunk_id not in seen:
                pool.append(replace(lead, score=floor))
                seen.add(lead.chunk_id)
        w = self.heading_sim
        blended = []
        for h in pool:
            i = pos.get((h.article_id, h.section_index))
            head = float(sims[i]) if i is not None else h.score
            blended.append((((1 - w) * h.score + w * head), h))
        blended.sort(key=lambda x: -x[0])
        # The blend orders the list; each hit keeps its chunk cosine for the relevance gate.
        return [h for _, h in blended]

    def _rerank(self, query: str, hits: list[Hit]) -> list[Hit]:
        """Dense order nudged by word overlap with the section heading (headings are the questions borrowers
        ask) and with the body. Scores stay dense cosines; only the order changes."""
        if not hits or (self.heading_weight == 0 and self.body_weight == 0):
            return hits
        q = terms(query)
        n = len(hits)

        def key(item: tuple[int, Hit]) -> float:
            rank, h = item
            title, section, body = self._hit_terms(h)
            base = 1.0 - 0.3 * rank / n  # the incoming order (blended or fused) is the base
            return -(base + TITLE_WEIGHT * overlap_terms(q, title) + self.heading_weight * overlap_terms(q, section)
                     + self.body_weight * overlap_terms(q, body))

        return [h for _, h in sorted(enumerate(hits), key=key)]

    def _hit_terms(self, hit: Hit) -> tuple[set[str], set[str], set[str]]:
        """A chunk's title, heading and body terms, computed once per chunk."""
        got = self._terms.get(hit.chunk_id)
        if got is None:
            got = self._terms[hit.chunk_id] = (terms(hit.title), terms(hit.section or ""), terms(hit.text))
        return got

    def _prefer_language(self, hits: list[Hit], lang: str | None) -> tuple[list[Hit], bool]:
        """Same-language chunks first when one of them is about as relevant as the best chunk overall."""
        if not lang or not hits:
            return hits, False
        same = [h for h in hits if h.lang == lang]
        other = [h for h in hits if h.lang != lang]
        if same and same[0].score >= hits[0].score - self.lang_margin:
            return same + other, False
        return hits, not same or hits[0].lang != lang

    def lexical_index(self) -> BM25:
        if self._bm25 is None:
            self._bm25 = BM25.cached([f"{h.title} {h.section or ''} {h.text}" for h in self.corpus], self.cache_dir,
                                     "chunks")
        return self._bm25

    def _lexical(self, query: str) -> list[Hit]:
        scores = self.lexical_index().scores(query)
        best = np.argsort(-scores, kind="stable")[:POOL]
        return [self.corpus[int(i)] for i in best if scores[int(i)] > 0]


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


BM25_FORMAT = 2  # the layout of a cached index (bump it when the attributes change)


class BM25:
    """Okapi BM25 over terms.terms() (CJK bigrams + characters, English stems): no tokenizer download.

    Postings per term (document rows and their BM25 weights) are computed once, so a query costs a few numpy
    additions; the last query's scores are kept (retrieval and the section matcher ask for the same one)."""

    def __init__(self, docs: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        tfs: list[Counter[str]] = [Counter(_bag(d)) for d in docs]
        lens = np.asarray([sum(tf.values()) for tf in tfs], dtype=np.float64)
        avg = float(lens.mean()) if len(lens) else 1.0
        norms = k1 * (1 - b + b * lens / avg)
        rows: dict[str, list[int]] = {}
        weights: dict[str, list[float]] = {}
        for i, tf in enumerate(tfs):
            for term, f in tf.items():
                rows.setdefault(term, []).append(i)
                weights.setdefault(term, []).append(f * (k1 + 1) / (f + norms[i]))
        n = len(tfs)
        self.size = n
        # All postings in two flat arrays (a term's rows are rows[start:end]): quick to build, store and load.
        self.spans: dict[str, tuple[int, int]] = {}
        flat_rows: list[int] = []
        flat_weights: list[float] = []
        for term, r in rows.items():
            idf = math.log(1 + (n - len(r) + 0.5) / (len(r) + 0.5))
            self.spans[term] = (len(flat_rows), len(flat_rows) + len(r))
            flat_rows.extend(r)
            flat_weights.extend(idf * w for w in weights[term])
        self.rows = np.asarray(flat_rows, dtype=np.int64)
        self.weights = np.asarray(flat_weights, dtype=np.float64)
        self._last: tuple[str, np.ndarray] | None = None

    @classmethod
    def cached(cls, docs: Sequence[str], cache_dir: Path | None, name: str) -> BM25:
        """The index for these docs, kept in cache_dir between runs (a one-shot `finbot ask` should not rebuild
        it): the file name carries a digest of the docs, so any edit builds a new one."""
        # The layout's version is part of the name: a file an older finbot wrote is never read as this one.
        digest = hashlib.sha256("\x1f".join((f"v{BM25_FORMAT}", *docs)).encode("utf-8")).hexdigest()[:16]
        path = cache_dir / f"bm25-{name}-{digest}.pkl" if cache_dir is not None else None
        index = pickled(path, lambda: cls(docs),
                        lambda got: isinstance(got, cls) and got.size == len(docs) and hasattr(got, "spans"),
                        stale=f"bm25-{name}-*.pkl")
        index._last = None
        return index

    def scores(self, query: str) -> np.ndarray:
        if self._last is not None and self._last[0] == query:
            return self._last[1]
        out = np.zeros(self.size, dtype=np.float64)
        # sorted: a set's order changes with the process's hash seed, and so would the float sums (ties at the pool's
        # edge then let different chunks in from one run to the next)
        for term in sorted(terms(query)):
            span = self.spans.get(term)
            if span is not None:
                np.add.at(out, self.rows[span[0]:span[1]], self.weights[span[0]:span[1]])
        self._last = (query, out)
        return out


def _bag(text: str) -> list[str]:
    # terms() is a set; BM25 wants frequencies, so count terms per sentence-sized piece.
    pieces = [p for p in text.replace("\n", "。").split("。") if p]
    bag: list[str] = []
    for piece in pieces:
        bag.extend(terms(piece))
    return bag


class _TextCache:
    """text → vector for one embedding backend, kept in memory and in cache_dir/texts-<backend>.npz."""

    def __init__(self, cache_dir: Path | None, backend: str) -> None:
        safe = hashlib.sha256(backend.encode("utf-8")).hexdigest()[:12]
        self.path = cache_dir / f"texts-{safe}.npz" if cache_dir else None
        self.known: dict[str, np.ndarray] = {}
        if self.path is not None and self.path.exists():
            try:
                with np.load(self.path, allow_pickle=False) as data:
                    self.known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
            except (OSError, ValueError, KeyError):
                self.known = {}  # a damaged cache only costs the re-computation

    def vectors(self, texts: Sequence[str], embed: Any) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.known))
        if missing:
            for text, vector in zip(missing, np.asarray(embed(missing), dtype=np.float32), strict=True):
                self.known[text] = vector
            self._save()
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self.known[t] for t in texts]).astype(np.float32)

    def _save(self) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            texts = list(self.known)
            tmp = self.path.with_suffix(".tmp.npz")
            np.savez(tmp, texts=np.array(texts), vectors=np.stack([self.known[t] for t in texts]))
            tmp.replace(self.path)
        except OSError:
            pass  # a read-only data dir only costs the re-computation


def open_second_index(settings: Any, embedding: str = "e5", auto_ingest: bool = True) -> KnowledgeIndex:
    """A dense index built with another backend in its own collection (for the 'fusion' mode)."""
    from ingest.index import KnowledgeIndex
    from ingest.pipeline import ingest

    index = KnowledgeIndex.open(settings.data_dir, embedding, settings.chroma_host, settings.chroma_port,
                                collection=f"finbot_knowledge_{embedding.replace(':', '_').replace('/', '_')}")
    if auto_ingest and not index.exists():
        ingest(settings.knowledge_path, index)
    return index
