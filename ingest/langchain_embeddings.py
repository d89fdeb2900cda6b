"""A finbot embedding backend as a LangChain ``Embeddings`` (used by the plain-RAG baseline in `finbot eval`)."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings as LangChainEmbeddings

from ingest.embeddings import get_embedder


class FinbotLangChainEmbeddings(LangChainEmbeddings):
    """LangChain ``Embeddings`` over a finbot backend."""

    def __init__(self, backend: str = "use") -> None:
        self.backend = backend

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return get_embedder(self.backend).embed_documents(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return get_embedder(self.backend).embed_query(text).tolist()
