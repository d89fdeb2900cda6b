"""`finbot serve` without a network says why in one line (issue #13); --verbose shows the traceback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.serve import OneLine

FIXTURE_KB = Path(__file__).parent / "fixtures" / "kb"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens there once the socket is closed


@pytest.mark.slow
def test_serve_without_network_prints_one_line_with_the_cause_and_what_to_check(tmp_path: Path) -> None:
    kb = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KB, kb)
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "123456:secret-token", "FINBOT_DATA_DIR": str(tmp_path / "data"),
           "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{_closed_port()}/bot", "FINBOT_KNOWLEDGE_DIR": str(kb),
           "FINBOT_LLM_BASE_URL": "", "CHROMA_HOST": ""}
    quiet = subprocess.run([sys.executable, "-m", "bot", "serve"], env=env, capture_output=True, text=True,
                           timeout=300, cwd=tmp_path)
    assert quiet.returncode == 1
    assert "Traceback" not in quiet.stderr, quiet.stderr
    errors = [line for line in quiet.stderr.splitlines() if "ERROR" in line or line.startswith("Error")]
    assert len(errors) == 1 and "cannot reach the Bot API" in errors[0] and "ConnectError" in errors[0]
    assert "check the network" in errors[0] and "secret-token" not in quiet.stderr
    verbose = subprocess.run([sys.executable, "-m", "bot", "serve", "--verbose"], env=env, capture_output=True,
                             text=True, timeout=300, cwd=tmp_path)
    assert verbose.returncode == 1 and "Traceback" in verbose.stderr and "secret-token" not in verbose.stderr


def test_one_line_filter_keeps_the_message_and_the_cause_drops_the_trace() -> None:
    import logging

    try:
        raise ConnectionError("network is unreachable")
    except ConnectionError:
        record = logging.LogRecord("telegram.ext.Updater", logging.ERROR, __file__, 1, "polling failed", None,
                                   sys.exc_info())
    assert OneLine().filter(record)
    assert record.getMessage() == "polling failed (ConnectionError: network is unreachable)" and not record.exc_info
