"""KnowledgeIndex: the chunks of the knowledge base in Chroma, kept in sync by content hash.

Embedded by default (PersistentClient under FINBOT_DATA_DIR/chroma); a Chroma server when CHROMA_HOST is set.
The collection records the embedding backend that built it, so a query is never embedded with another model.

Crash safety: each chunk is written together with its content hash, and sync() works out what to do by
comparing hashes with what is stored. An ingest killed half-way leaves a usable index (every stored chunk is
complete), and the next run finishes the job.

Reading without Chroma: while the embedded store's snapshot is current (ingest/snapshot.py), every read — the
chunks, their vectors, the backend, the search itself (exact cosine over the snapshot's vectors, which is what the
store's exact search returns) — is served from it, and chromadb is not even imported: a one-shot `finbot ask`
spent over a second importing it. Writes, a server, or no current snapshot go to Chroma as before.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ingest.embeddings import Embedder, check_spec, get_embedder, keep_derived_files_in
from ingest.snapshot import Snapshot
from ingest.types import Chunk, Hit

log = logging.getLogger(__name__)

COLLECTION = "finbot_knowledge"
REBUILD_SUFFIX = "-rebuild"  # `finbot ingest --rebuild` builds here, beside the index in use, then swaps
INDEX_FORMAT = 1
BATCH = 64
# The HNSW search's candidate list, larger than any knowledge base here: the search then reaches every chunk and
# is exact. At Chroma's default (100) it was approximate, and which chunk it missed changed from one start to the
# next (the graph is rebuilt from the log on opening), so the same question could get another answer after a
# restart. ~2,300 chunks cost well under a millisecond more.
EXACT_EF = 20_000


class KnowledgeIndexError(RuntimeError):
    """The index cannot be used as asked; the message says what to do."""


@dataclass
class SyncPlan:
    add: list[Chunk] = field(default_factory=list)
    update: list[Chunk] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changes(self) -> int:
        return len(self.add) + len(self.update) + len(self.remove)


@dataclass
class SyncReport:
    added: int
    updated: int
    removed: int
    unchanged: int
    seconds: float
    dry_run: bool = False

    def summary(self) -> str:
        counts = f"{self.added} added, {self.updated} updated, {self.removed} removed, {self.unchanged} unchanged"
        if self.dry_run:
            return f"dry run, nothing written: {counts} chunks would result ({self.seconds:.2f}s)"
        return f"{counts} chunks in {self.seconds:.2f}s"


Progress = Callable[[int], None]  # called with the number of chunks just written


@lru_cache(maxsize=8)
def _client(data_dir: str | None, host: str | None, port: int) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if host:
        try:
            return chromadb.HttpClient(host=host, port=port, settings=settings)
        except Exception as exc:
            raise KnowledgeIndexError(
                f"cannot reach the Chroma server at {host}:{port} ({exc}); start it with "
                "`chroma run --path DIR --host HOST --port PORT`, or unset CHROMA_HOST to use the embedded store"
            ) from exc
    assert data_dir is not None
    return chromadb.PersistentClient(path=str(_store_folder(data_dir)), settings=settings)


def _store_folder(data_dir: str) -> Path:
    path = Path(data_dir) / "chroma"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KnowledgeIndexError(
            f"cannot create the index folder {path}: {exc.strerror}; check FINBOT_DATA_DIR"
        ) from exc
    return path


class KnowledgeIndex:
    def __init__(self, client: Any, embedding: str = "use", collection: str = COLLECTION, threads: int = 1,
                 connect: Callable[[], Any] | None = None) -> None:
        """client: a Chroma client, or None with connect: what opens one when a read or write first needs it."""
        self._client = client
        self._connect = connect
        self.embedding = embedding
        self.threads = threads  # embedding threads: 1 for a server answering many users, more for a batch ingest
        self.collection_name = collection
        self._collection: Any = None
        self.snapshot: Snapshot | None = None  # embedded store only (ingest/snapshot.py)
        self._searchable: tuple[str, Any, Any] | None = None  # (token, unit vectors, languages) for search

    @property
    def client(self) -> Any:
        if self._client is None:
            assert self._connect is not None, "KnowledgeIndex needs a client or a way to connect"
            self._client = self._connect()
        return self._client

    @classmethod
    def open(
        cls,
        data_dir: Path | str,
        embedding: str = "use",
        chroma_host: str | None = None,
        chroma_port: int = 8000,
        collection: str = COLLECTION,
        threads: int = 1,
    ) -> KnowledgeIndex:
        keep_derived_files_in(Path(data_dir) / "cache")
        if chroma_host:  # a server is reached now: an unreachable one is reported at opening
            return cls(_client(None, chroma_host, chroma_port), embedding, collection, threads)
        folder = str(Path(data_dir).resolve())
        _store_folder(folder)  # an unusable FINBOT_DATA_DIR is reported at opening too
        index = cls(None, embedding, collection, threads, connect=lambda: _client(folder, None, chroma_port))
        index.snapshot = Snapshot(Path(folder) / "chroma", collection)
        return index

    @classmethod
    def from_settings(cls, settings: Any, collection: str = COLLECTION, threads: int = 1) -> KnowledgeIndex:
        """From anything with data_dir, embedding, chroma_host and chroma_port (bot.config.Settings).

        An unknown FINBOT_EMBEDDING is an EmbeddingError here, before any index is opened."""
        embedding = check_spec(settings.embedding)
        return cls.open(settings.data_dir, embedding, settings.chroma_host, settings.chroma_port, collection, threads)

    # --- the collection and its recorded backend ---

    def _existing(self) -> Any:
        if self._collection is None:
            from ingest.chroma_function import FinbotEmbeddingFunction  # registered before get_collection

            try:
                self._collection = self.client.get_collection(
                    self.collection_name, embedding_function=FinbotEmbeddingFunction(self.embedding)
                )
            except Exception as exc:
                if "does not exist" not in str(exc) and "not found" not in str(exc).lower():
                    raise
                return None
            _search_exactly(self._collection)
        return self._collection

    def _create(self) -> Any:
        from ingest.chroma_function import FinbotEmbeddingFunction

        self._collection = self.client.get_or_create_collection(
            self.collection_name,
            metadata={"embedding": self.embedding, "format": INDEX_FORMAT},
            configuration={"hnsw": {"space": "cosine", "ef_search": EXACT_EF}},
            embedding_function=FinbotEmbeddingFunction(self.embedding),
        )
        return self._collection

    def _current(self) -> tuple[str | None, dict[str, Any] | None]:
        """The snapshot's token, and the collection as the snapshot taken under it holds it ({"ids", "documents",
        "metadatas", "embedding"}); None for either when there is none (a server, nothing taken yet, a write since)."""
        token = self.snapshot.token() if self.snapshot is not None else None
        return token, self.snapshot.load(token) if self.snapshot is not None and token else None

    def _served(self) -> dict[str, Any] | None:
        return self._current()[1]

    @property
    def built_with(self) -> str | None:
        """The backend that built the index, or None when there is no index yet."""
        served = self._served()
        if served is not None:
            return str(served["embedding"])
        col = self._existing()
        return None if col is None else (col.metadata or {}).get("embedding")

    def check_backend(self, built: str | None = None) -> None:
        """built: the backend that built the index, when the caller has read it already (else it is read here)."""
        built = built if built is not None else self.built_with
        if built is not None and built != self.embedding:
            raise KnowledgeIndexError(
                f"the index was built with the {built!r} embedding but FINBOT_EMBEDDING is {self.embedding!r}; "
                "run `finbot ingest --rebuild` to re-embed the knowledge base (or set FINBOT_EMBEDDING back)"
            )

    @property
    def embedder(self) -> Embedder:
        return get_embedder(self.embedding, self.threads)

    def exists(self) -> bool:
        return self._served() is not None or self._existing() is not None

    def open_segments(self) -> None:
        """Have Chroma load the stored index now (its first count or query reads it from disk: ~0.4 s), so a
        one-shot answer can do it while the embedding model loads. Nothing to load when the snapshot serves."""
        if self._served() is not None:
            return
        col = self._existing()
        if col is not None:
            col.count()

    def count(self) -> int:
        served = self._served()
        if served is not None:
            return len(served["ids"])
        col = self._existing()
        return 0 if col is None else int(col.count())

    def drop(self) -> None:
        """Delete the whole collection."""
        if self.snapshot is not None:
            self.snapshot.invalidate()
        if self._existing() is not None:
            self.client.delete_collection(self.collection_name)
        self._collection = None

    def rebuild(self, chunks: Sequence[Chunk], progress: Progress | None = None,
                on_plan: Callable[[int], None] | None = None) -> SyncReport:
        """Embed everything into a new collection beside this one and swap it in only when it is complete.

        The backend is loaded first: a typo in FINBOT_EMBEDDING or a missing extra fails before anything is
        touched. Any failure while embedding leaves the current index as it was (the half-built one is removed).
        """
        _ = self.embedder  # EmbeddingError here: nothing touched yet
        beside = KnowledgeIndex(self.client, self.embedding, f"{self.collection_name}{REBUILD_SUFFIX}", self.threads)
        beside.drop()  # left over from an interrupted rebuild (its snapshot too: snapshots are per collection)
        try:
            report = beside.sync(chunks, progress=progress, on_plan=on_plan)
        except BaseException:
            with contextlib.suppress(Exception):
                beside.drop()
            raise
        self.drop()
        beside._existing().modify(name=self.collection_name)  # the only moment without an index: one rename
        self._collection = None
        if self.snapshot is not None:
            self.snapshot.stamp()
        return report

    # --- sync ---

    def stored_hashes(self) -> dict[str, str]:
        got = self._everything()
        if got is None:
            return {}
        return {cid: str((meta or {}).get("hash", "")) for cid, meta in zip(got["ids"], got["metadatas"], strict=True)}

    def _everything(self) -> dict[str, Any] | None:
        """Every chunk's id, document and metadata (None when there is no index): from the snapshot when it is
        current, else from Chroma (and a snapshot is taken)."""
        token, got = self._current()
        if got is not None:
            return got
        col = self._existing()
        if col is None:
            return None
        got = col.get(include=["documents", "metadatas"])
        if self.snapshot is not None and token:
            self.snapshot.save(token, {**got, "embedding": (col.metadata or {}).get("embedding")})
        return got

    def plan(self, chunks: Sequence[Chunk]) -> SyncPlan:
        self.check_backend()
        stored = self.stored_hashes()
        plan = SyncPlan()
        wanted = set()
        for chunk in chunks:
            wanted.add(chunk.id)
            old = stored.get(chunk.id)
            if old is None:
                plan.add.append(chunk)
            elif old != chunk.content_hash:
                plan.update.append(chunk)
            else:
                plan.unchanged += 1
        plan.remove = sorted(set(stored) - wanted)
        return plan

    def sync(
        self,
        chunks: Sequence[Chunk],
        dry_run: bool = False,
        progress: Progress | None = None,
        on_plan: Callable[[int], None] | None = None,
    ) -> SyncReport:
        """Make the index hold exactly these chunks: embed new and changed ones, delete the rest.

        on_plan, if given, is told how many chunks will be embedded before the first is (for a progress bar)."""
        started = time.perf_counter()
        ids = [c.id for c in chunks]
        if len(ids) != len(set(ids)):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise KnowledgeIndexError(f"duplicate chunk ids {dupes[:5]}: article ids must be unique")
        plan = self.plan(chunks)
        if on_plan is not None:
            on_plan(len(plan.add) + len(plan.update))
        if not dry_run and self.snapshot is not None and (plan.changes or not self.snapshot.token()):
            self.snapshot.invalidate()  # stamped again below, once every write is done
        # Nothing to write to a collection the current snapshot shows is there: Chroma is not even opened.
        if not dry_run and (plan.changes or self._served() is None):
            todo = plan.add + plan.update
            embedder = self.embedder if todo else None  # an unusable backend fails here, before a collection exists
            col = self._existing() or self._create()
            for start in range(0, len(todo), BATCH):
                batch = todo[start : start + BATCH]
                assert embedder is not None
                vectors = embedder.embed_documents([c.text for c in batch])
                col.upsert(
                    ids=[c.id for c in batch],
                    embeddings=vectors,
                    documents=[c.body for c in batch],
                    metadatas=[c.metadata() for c in batch],
                )
                if progress:
                    progress(len(batch))
            for start in range(0, len(plan.remove), 512):
                col.delete(ids=plan.remove[start : start + 512])
            if self.snapshot is not None and not self.snapshot.token():
                self.snapshot.stamp()
        return SyncReport(
            added=len(plan.add),
            updated=len(plan.update),
            removed=len(plan.remove),
            unchanged=plan.unchanged,
            seconds=time.perf_counter() - started,
            dry_run=dry_run,
        )

    # --- reading ---

    def search(self, query: str, k: int = 5, lang: str | None = None, vector: Any = None) -> list[Hit]:
        """The k chunks closest to the query, best first; optionally only articles in one language.

        vector: the query's embedding when the caller already has it (it is then not embedded again)."""
        if not query.strip():
            return []
        token, served = self._current()  # read once per search: the token is a file read
        if token is not None and served is not None:
            self.check_backend(str(served["embedding"]))
            if vector is None:
                vector = self.embedder.embed_query(query)
            found = self._search_served(vector, k, lang, token, served)
            if found is not None:
                return found
        col = self._existing()
        if col is None:
            return []
        self.check_backend()
        if vector is None:
            vector = self.embedder.embed_query(query)
        where = {"lang": lang} if lang else None
        total = col.count()
        if total == 0:
            return []
        got = col.query(
            query_embeddings=[vector],
            n_results=min(k, total),
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        return [
            _hit(cid, doc, meta, 1.0 - float(dist))
            for cid, doc, meta, dist in zip(
                got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0], strict=True
            )
        ]

    def _search_served(self, vector: Any, k: int, lang: str | None, token: str, served: dict[str, Any]
                       ) -> list[Hit] | None:
        """The store's exact cosine search, over the vectors of the snapshot taken under token (None when they are
        not current)."""
        import numpy as np

        if self._searchable is None or self._searchable[0] != token:
            ids, vectors = self.vectors()
            if ids != served["ids"]:  # taken at different moments: let Chroma answer
                return None
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            langs = np.array([str((m or {}).get("lang", "")) for m in served["metadatas"]])
            self._searchable = (token, vectors / np.where(norms > 0, norms, 1.0), langs)
        _, unit, langs = self._searchable
        query = np.asarray(vector, dtype=np.float32)
        sims = unit @ (query / (float(np.linalg.norm(query)) or 1.0))
        rows = np.flatnonzero(langs == lang) if lang else np.arange(len(sims))
        best = rows[np.argsort(-sims[rows], kind="stable")[:k]]
        return [_hit(served["ids"][i], served["documents"][i], served["metadatas"][i], float(sims[i])) for i in best]

    def chunks(self, where: dict[str, Any] | None = None) -> list[Hit]:
        """Every stored chunk (score 0), in article/section order: for keyword search and evaluation."""
        wanted = _article_ids(where)
        if where is not None and wanted is None:  # a filter the snapshot cannot apply: Chroma does
            col = self._existing()
            got = col.get(where=where, include=["documents", "metadatas"]) if col is not None else None
        else:
            got = self._everything()
        if got is None:
            return []
        hits = [
            _hit(cid, doc, meta, 0.0)
            for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
            if wanted is None or str((meta or {}).get("article_id")) in wanted
        ]
        return sorted(hits, key=lambda h: (h.article_id, h.section_index, h.chunk_id))

    def vectors(self) -> tuple[list[str], Any]:
        """Every stored chunk's id and embedding (rows of a float32 array), for scoring many sections at once."""
        import numpy as np

        token = self.snapshot.token() if self.snapshot is not None else None
        saved = self.snapshot.load_vectors(token) if self.snapshot is not None and token else None
        if saved is not None:
            return saved
        col = self._existing()
        if col is None:
            return [], np.zeros((0, 1), dtype=np.float32)
        got = col.get(include=["embeddings"])
        vectors = got["embeddings"]
        if vectors is None or len(got["ids"]) == 0:
            return [], np.zeros((0, 1), dtype=np.float32)
        ids, array = list(got["ids"]), np.asarray(vectors, dtype=np.float32)
        if self.snapshot is not None and token:
            self.snapshot.save_vectors(token, ids, array)
        return ids, array

    def article_sections(self, article_id: str) -> list[str]:
        """The article's section headings, in order."""
        seen: dict[int, str] = {}
        for hit in self.chunks({"article_id": article_id}):
            if hit.section is not None:
                seen.setdefault(hit.section_index, hit.section)
        return [seen[i] for i in sorted(seen)]

    def stats(self) -> dict[str, Any]:
        col = self._existing()
        articles: dict[str, str] = {}
        chunks = 0
        if col is not None:
            got = col.get(include=["metadatas"])
            chunks = len(got["ids"])
            for meta in got["metadatas"]:
                articles[str(meta["article_id"])] = str(meta["lang"])
        languages = {"zh": 0, "en": 0}
        for lang in articles.values():
            languages[lang] = languages.get(lang, 0) + 1
        return {
            "articles": len(articles),
            "chunks": chunks,
            "embedding": self.built_with or self.embedding,
            "languages": languages,
        }


def _article_ids(where: dict[str, Any] | None) -> set[str] | None:
    """The article ids of a {"article_id": id} or {"article_id": {"$in": [...]}} filter; None for anything else."""
    if not where or set(where) != {"article_id"}:
        return None
    value = where["article_id"]
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict) and set(value) == {"$in"} and isinstance(value["$in"], list):
        return {str(v) for v in value["$in"]}
    return None


def _lines(meta: Any, key: str) -> tuple[str, ...]:
    return tuple(s for s in str(meta.get(key) or "").split("\n") if s)


def _hit(cid: str, doc: str | None, meta: Any, score: float) -> Hit:
    meta = meta or {}
    return Hit(
        chunk_id=cid,
        article_id=str(meta.get("article_id", "")),
        title=str(meta.get("title", "")),
        section=meta.get("section") or None,
        text=doc or "",
        score=score,
        lang=str(meta.get("lang", "")),
        section_index=int(meta.get("section_index", 0)),
        sources=list(_lines(meta, "sources")),
        phrasings=_lines(meta, "phrasings"),
        basis=_lines(meta, "basis"),
        see_also=_lines(meta, "see_also"),
        kind=str(meta.get("kind") or "topic"),
    )


def _search_exactly(collection: Any) -> None:
    """An index built before EXACT_EF gets it (ef_search can change after creation). If the store refuses (a
    read-only folder, a server that forbids it), the index still opens and searches as before, approximately."""
    try:
        hnsw = (collection.configuration_json or {}).get("hnsw") or {}
        if hnsw and int(hnsw.get("ef_search") or 0) < EXACT_EF:
            collection.modify(configuration={"hnsw": {"ef_search": EXACT_EF}})
    except Exception as exc:
        log.warning("could not make the chunk search exact (%s): run `finbot ingest --rebuild` to build the index "
                    "anew", exc.__class__.__name__)
