"""Chroma in client/server mode, for real: `chroma run` on 127.0.0.1, ingest and search through it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import get_settings
from ingest.index import KnowledgeIndex
from ingest.pipeline import ingest

pytestmark = pytest.mark.slow  # starts a real `chroma run` server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    exe = shutil.which("chroma")
    if exe is None:
        pytest.fail("the `chroma` command (installed by the chromadb package) is not on PATH")
    port = free_port()
    proc = subprocess.Popen(
        [exe, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("chroma run did not start listening within 30 s")
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


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
    from ingest.index import KnowledgeIndexError

    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(free_port()))
    get_settings.cache_clear()
    with pytest.raises(KnowledgeIndexError, match="cannot reach the Chroma server"):
        KnowledgeIndex.from_settings(get_settings()).count()
