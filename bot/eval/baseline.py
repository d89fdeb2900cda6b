"""A plain LangChain RAG, as the comparison row in `finbot eval --baseline` (docs/quality.md).

What a typical tutorial builds: RecursiveCharacterTextSplitter over each article, a Chroma vector store with
all-MiniLM-L6-v2 embeddings, top-k similarity search, and the best chunk returned as the answer. No intent
routing, no relevance gate, no sentence selection. Needs the `st` extra and langchain-chroma.

It quacks like Answerer where bot.eval.evaluate needs it (answer, retrieve, query_for, relevant, threshold).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.engine.answer import Answer, Source
from bot.engine.memory import Memory
from bot.engine.retrieve import Retrieved
from ingest.articles import load_articles
from ingest.types import Hit

MAX_ANSWER = 900


class BaselineUnavailable(RuntimeError):
    """The baseline's libraries are not installed; the message says which extra to install."""


class PlainRAG:
    threshold = 0.0

    def __init__(self, knowledge_dir: Path, model: str = "all-MiniLM-L6-v2", chunk_size: int = 500) -> None:
        try:
            from langchain_chroma import Chroma
            from langchain_core.documents import Document
            from langchain_text_splitters import RecursiveCharacterTextSplitter
        except ImportError as exc:
            raise BaselineUnavailable("the baseline needs the baseline extra: install a CPU build of torch==2.13.0, "
                               "then pip install -e '.[baseline]'") from exc

        from ingest.langchain_embeddings import FinbotLangChainEmbeddings

        splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=50)
        docs = []
        for article in load_articles(Path(knowledge_dir)).articles:
            text = "\n\n".join(f"## {s.heading}\n{s.body}" for s in article.sections)
            for n, piece in enumerate(splitter.split_text(text)):
                docs.append(Document(piece, metadata={"article_id": article.id, "title": article.title,
                                                      "lang": article.lang, "n": n}))
        self.store = Chroma.from_documents(docs, FinbotLangChainEmbeddings(f"st:{model}"),
                                           collection_name="plain_rag_baseline")

    def query_for(self, text: str, memory: Memory | None, lang: str) -> str:
        return text

    def relevant(self, query: str, got: Retrieved) -> bool:
        return bool(got.hits)

    def retrieve(self, query: str, lang: str, k: int = 5) -> Retrieved:
        found = self.store.similarity_search_with_relevance_scores(query, k=k)
        hits = [_hit(doc, score) for doc, score in found]
        return Retrieved(hits, max((h.score for h in hits), default=0.0), False)

    def answer(self, question: str, memory: Memory | None = None, lang: str | None = None) -> Answer:
        lang = lang or "zh"
        got = self.retrieve(question, lang, k=4)
        if not got.hits:
            return Answer("no_answer", "", lang)
        best = got.hits[0]
        return Answer("answer", best.text[:MAX_ANSWER], lang, [Source.of(best)])


def _hit(doc: Any, score: float) -> Hit:
    meta = doc.metadata
    return Hit(f"{meta['article_id']}~{meta['n']}", meta["article_id"], meta["title"], None, doc.page_content,
               float(score), meta["lang"], int(meta["n"]))
