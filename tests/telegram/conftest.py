"""Fixtures for the Telegram end-to-end suite: the fake Bot API server and a real Application talking to it.

The answer engine (index built from a copy of tests/fixtures/kb) is shared by the session because building it
takes seconds; every test gets its own fake server, bot state (data dir) and Application.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakebot import FakeBotAPI, Sent, User

from bot.config import Settings
from bot.engine.answer import Answerer

FIXTURE_KB = Path(__file__).parent.parent / "fixtures" / "kb"
ADMIN_ID = 777


def make_settings(api: FakeBotAPI | None, data_dir: Path, knowledge_dir: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "FINBOT_DATA_DIR": str(data_dir),
        "FINBOT_KNOWLEDGE_DIR": str(knowledge_dir),
        "FINBOT_EMBEDDING": "use",
        "CHROMA_HOST": "",
        "FINBOT_LLM_BASE_URL": "",
        "FINBOT_LLM_MODEL": "",
        "FINBOT_ADMIN_IDS": str(ADMIN_ID),
    }
    if api is not None:
        values.update(TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_API_BASE_URL=api.base_url,
                      TELEGRAM_API_BASE_FILE_URL=api.base_file_url)
    values.update(extra)
    return Settings(_env_file=None, **values)


def open_engine(root: Path) -> tuple[Answerer, Path]:
    """An Answerer over a private copy of the fixture knowledge base (the index lives under root/engine)."""
    kb = root / "knowledge"
    shutil.copytree(FIXTURE_KB, kb)
    settings = make_settings(None, root / "engine", kb)
    return Answerer.from_settings(settings, echo=lambda _msg: None, use_llm=False), kb


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Answerer, Path]:
    return open_engine(tmp_path_factory.mktemp("shared-engine"))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@dataclass
class Harness:
    """A running bot against the fake server, with helpers that act like users."""

    api: FakeBotAPI
    app: Any
    settings: Settings
    kb: Path

    async def say(self, user: User, text: str, chat: dict[str, Any] | None = None, reply_to: Sent | None = None,
                  timeout: float = 15.0) -> Sent:
        since = len(self.api.sent)
        self.api.send_text(user, text, chat=chat, reply_to=reply_to)
        return await self.api.next_message((chat or {}).get("id", user.id), since=since, timeout=timeout)

    async def tap(self, user: User, sent: Sent, data: str, timeout: float = 15.0) -> Sent:
        since = len(self.api.sent)
        self.api.press(user, sent, data)
        return await self.api.next_message(sent.chat_id, since=since, timeout=timeout)

    async def until_quiet(self, chat_id: int, since: int, quiet: float = 0.4, timeout: float = 15.0,
                          expect: str | None = None) -> list[Sent]:
        """Every message sent to chat_id after `since`, once the bot has been quiet for `quiet` seconds — and, with
        `expect` (a Bot API method), once one such message has come: a first chart is drawn after matplotlib loads,
        which can take longer than the quiet spell (the test failed run alone)."""
        import asyncio
        import time

        deadline = time.monotonic() + timeout
        count = -1
        while time.monotonic() < deadline:
            sent = self.api.messages(chat_id, since)
            if len(sent) == count and sent and (expect is None or any(s.method == expect for s in sent)):
                break
            count = len(sent)
            await asyncio.sleep(quiet)
        return [s for s in self.api.messages(chat_id, since) if s.method != "editMessageReplyMarkup"]

    def services(self) -> Any:
        return self.app.bot_data["services"]


async def start_bot(api: FakeBotAPI, settings: Settings, answerer: Answerer, errors: list[BaseException],
                    **webhook: Any) -> Any:
    from bot.telegram.app import build_application, start

    app = build_application(settings, answerer)

    async def record(update: object, context: Any) -> None:
        errors.append(context.error)

    app.add_error_handler(record)
    await start(app, poll_timeout=1, **webhook)
    return app


@pytest.fixture
async def bot(engine: tuple[Answerer, Path], tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    """A bot with the shared engine and fresh state. Fails the test if a handler crashed or a call was rejected
    (unless the test expects it: mark with @pytest.mark.crash_expected)."""
    api = await FakeBotAPI().start()
    extra = getattr(request, "param", {}) or {}
    settings = make_settings(api, tmp_path / "data", engine[1], **extra)
    errors: list[BaseException] = []
    app = await start_bot(api, settings, engine[0], errors)
    harness = Harness(api, app, settings, engine[1])
    harness.errors = errors  # type: ignore[attr-defined]
    try:
        yield harness
    finally:
        from bot.telegram.app import stop

        await stop(harness.app)  # a test may have restarted the bot
        await api.close()
    if request.node.get_closest_marker("crash_expected") is None:
        assert errors == [], f"handlers raised: {errors!r}"
        assert api.rejected == [], f"the fake Bot API rejected calls: {api.rejected}"


@pytest.fixture
def user() -> User:
    return User(1001, "Li", "zh-hans")


@pytest.fixture
def en_user() -> User:
    return User(1002, "Ann", "en")


@pytest.fixture(autouse=True)
def _no_env_leak(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("TELEGRAM_BOT_TOKEN", "FINBOT_ADMIN_IDS", "FINBOT_RATE_LIMIT_PER_MINUTE"):
        monkeypatch.delenv(name, raising=False)
    yield


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "crash_expected: the test provokes a handler crash on purpose")
