"""A finbot embedding backend as a Chroma embedding function (the index's collections are built with it).

Chroma looks the function up by name when a collection is opened, so this module must be imported before
get_collection in a new process — ingest/index.py does.
"""

from __future__ import annotations

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from ingest.embeddings import get_embedder


@register_embedding_function
class FinbotEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma embedding function over a finbot backend (the model loads on first use, not on construction)."""

    def __init__(self, backend: str = "use") -> None:
        self.backend = backend

    def __call__(self, input: Documents) -> Embeddings:
        return list(get_embedder(self.backend).embed_documents(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        embedder = get_embedder(self.backend)
        return [embedder.embed_query(text) for text in input]

    @staticmethod
    def name() -> str:
        return "finbot"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"backend": self.backend}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> FinbotEmbeddingFunction:
        return FinbotEmbeddingFunction(str(config.get("backend", "use")))
