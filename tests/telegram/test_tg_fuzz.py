"""The Telegram text path never crashes and always replies (issue #13): 1,000 generated messages — any unicode,
huge, markup, mojibake from random bytes — as private messages, group mentions, edits and photo captions,
through the real Application (handlers, error handler, fake Bot API)."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import make_settings, open_engine
from fakebot import FakeBotAPI, User, utf16_len
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Update

pytestmark = pytest.mark.slow

BOT = "finbot_test_bot"


class LiveBot:
    """A real Application (no polling) and the fake Bot API, on an event loop in a thread of their own."""

    def __init__(self, root: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.errors: list[BaseException] = []
        self.engine, kb = open_engine(root)
        self.api = self.call(FakeBotAPI().start())
        self.app = self.call(self._start(make_settings(self.api, root / "data", kb)))
        self.ids = itertools.count(1)

    def call(self, coroutine: Any, timeout: float = 120) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def _start(self, settings: Any) -> Any:
        from bot.telegram.app import build_application, start

        app = build_application(settings, self.engine)

        async def record(update: object, context: Any) -> None:
            self.errors.append(context.error)

        app.add_error_handler(record)
        await start(app, polling=False)
        return app

    def close(self) -> None:
        from bot.telegram.app import stop

        self.call(stop(self.app))
        self.call(self.api.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def deliver(self, kind: str, text: str) -> int:
        """Process one update carrying `text` and return how many messages the bot sent for it."""
        n = next(self.ids)
        user = User(500000 + n, "Fuzz")
        chat = {"id": user.id, "type": "private"}
        body: dict[str, Any] = {"message_id": n, "date": int(time.time()), "chat": chat, "from": user.to_dict()}
        if kind == "group":
            text = f"@{BOT} {text}"
            chat.update(id=-(700000 + n), type="supergroup", title="g")
        if kind == "caption":
            body["photo"] = [{"file_id": "p", "file_unique_id": "p", "width": 9, "height": 9}]
            body["caption"] = text
        else:
            body["text"] = text
        entity = {"type": "mention", "offset": 0, "length": utf16_len(f"@{BOT}")}
        if kind == "group":
            body["entities"] = [entity]
        if text.startswith("/"):
            body["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(text.split()[0])}]
        update = {"update_id": n, "edited_message" if kind == "edited" else "message": body}
        before = len(self.api.sent)
        self.call(self.app.process_update(Update.de_json(update, self.app.bot)))
        return sum(1 for s in self.api.sent[before:] if s.chat_id == chat["id"])


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveBot]:
    bot = LiveBot(tmp_path_factory.mktemp("fuzz"))
    yield bot
    bot.close()


MARKUP = st.lists(st.sampled_from(["<b>", "</b>", "<i>", "&amp;", "&lt;", "**", "`", "<a href='x'>", "</a>", "逾期",
                                   "征信", "信用卡", "1万", "日息0.05%", "\u200b", "\u202e", "\x00", "\n", "不想活了",
                                   "@", "/", "😀", "＜ｂ＞"]), max_size=60).map("".join)
BYTES = st.binary(max_size=600).map(lambda b: b.decode("utf-8", errors="replace"))
HUGE = st.integers(1, 4000).map(lambda n: "欠款逾期" * n)
TEXT = st.one_of(st.text(min_size=1, max_size=300), MARKUP, BYTES, HUGE,
                 st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=4096))


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(kind=st.sampled_from(["private", "private", "group", "edited", "caption"]), text=TEXT)
def test_fuzz_every_message_gets_a_reply_and_nothing_crashes(live: LiveBot, kind: str, text: str) -> None:
    text = text[:4096]
    if not text.strip():
        text = text + "?"  # Telegram never delivers an empty message
    replies = live.deliver(kind, text)
    assert live.errors == [], f"{kind} {text[:80]!r}: {live.errors!r}"
    assert live.api.rejected == [], live.api.rejected
    if kind != "edited" or not text.startswith("/"):
        assert replies >= 1, f"no reply to {kind} {text[:80]!r}"
