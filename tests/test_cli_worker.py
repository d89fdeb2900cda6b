"""`finbot receive` and `finbot worker` without what they need end with one line saying what to set (no traceback,
no password in it), before anything slow starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from servers import free_port

from bot.cli.main import cli


@pytest.mark.parametrize("command", [["worker"], ["receive", "--webhook", "https://bot.example.org/finbot"]])
def test_without_a_queue_it_says_to_set_finbot_cache_url(finbot_env: Path, monkeypatch: pytest.MonkeyPatch,
                                                         command: list[str]) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("FINBOT_WEBHOOK_SECRET", "s3cret")
    monkeypatch.delenv("FINBOT_CACHE_URL", raising=False)
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 1
    assert "FINBOT_CACHE_URL=redis://" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", [["worker"], ["receive", "--webhook", "https://bot.example.org/finbot"]])
def test_an_unreachable_valkey_is_named_without_its_password(finbot_env: Path, monkeypatch: pytest.MonkeyPatch,
                                                             command: list[str]) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("FINBOT_WEBHOOK_SECRET", "s3cret")
    monkeypatch.setenv("FINBOT_CACHE_URL", f"redis://:hunter2@127.0.0.1:{free_port()}/0")  # nothing listens
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 1
    assert "cannot reach Valkey/Redis" in result.output and "check that it runs" in result.output
    assert "hunter2" not in result.output and "Traceback" not in result.output


def test_the_receiver_needs_the_shared_secret(finbot_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("FINBOT_CACHE_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.delenv("FINBOT_WEBHOOK_SECRET", raising=False)
    result = CliRunner().invoke(cli, ["receive", "--webhook", "https://bot.example.org/finbot"])
    assert result.exit_code == 2 and "--secret" in result.output
