"""Chroma in client/server mode, for real: `chroma run` on 127.0.0.1, ingest and search through it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import get_settings
from ingest.index import KnowledgeIndex
from ingest.pipeline import ingest

pytestmark = pytest.mark.slow  # starts a real `chroma run` server


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    from servers import chroma  # tests/servers.py: the real servers the tests start

    with chroma(tmp_path / "server") as address:
        yield address


def test_ingest_and_search_through_a_chroma_server(
    chroma_server: tuple[str, int], finbot_env: Path, kb_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    host, port = chroma_server
    monkeypatch.setenv("CHROMA_HOST", host)
    monkeypatch.setenv("CHROMA_PORT", str(port))
    get_settings.cache_clear()
    index = KnowledgeIndex.from_settings(get_settings())
    assert ingest(kb_dir, index).report.added == 9
    assert not (finbot_env / "chroma").exists()  # nothing went to the embedded store

    again = KnowledgeIndex.from_settings(get_settings())
    assert ingest(kb_dir, again).report.unchanged == 9
    hit = again.search("信用卡只还最低还款算逾期吗", k=1)[0]
    assert hit.article_id == "card-demo"
    assert again.stats()["chunks"] == 9 and again.built_with == "use"


def test_unreachable_server_is_a_clear_error(finbot_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from servers import free_port

    from ingest.index import KnowledgeIndexError

    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(free_port()))
    get_settings.cache_clear()
    with pytest.raises(KnowledgeIndexError, match="cannot reach the Chroma server"):
        KnowledgeIndex.from_settings(get_settings()).count()
