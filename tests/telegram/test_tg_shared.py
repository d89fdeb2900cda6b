"""The bot on shared services: its records in a real PostgreSQL (FINBOT_STATE_URL) and its short-lived context in a
real Valkey (FINBOT_CACHE_URL) — so a conversation goes on after the bot process is replaced, and /forget leaves
nothing about the user in either."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Harness, make_settings, start_bot
from fakebot import FakeBotAPI

pytestmark = [pytest.mark.anyio, pytest.mark.slow]


@pytest.fixture
async def shared(engine: Any, tmp_path: Path, postgres_url: str, valkey_server: str) -> AsyncIterator[Harness]:
    api = await FakeBotAPI().start()
    settings = make_settings(api, tmp_path / "data", engine[1], FINBOT_STATE_URL=postgres_url,
                             FINBOT_CACHE_URL=valkey_server)
    errors: list[BaseException] = []
    harness = Harness(api, await start_bot(api, settings, engine[0], errors), settings, engine[1])
    harness.errors = errors  # type: ignore[attr-defined]
    try:
        yield harness
    finally:
        from bot.telegram.app import stop

        await stop(harness.app)
        await api.close()
    assert errors == [] and api.rejected == []


async def restart(bot: Harness) -> None:
    """A new bot process in all but name: new Application, new state connection, new cache client."""
    from bot.telegram.app import stop

    answerer = bot.services().engine.answerer
    await stop(bot.app)
    bot.app = await start_bot(bot.api, bot.settings, answerer, bot.errors)  # type: ignore[attr-defined]


async def test_a_conversation_and_its_buttons_go_on_in_a_new_process(shared: Harness, user: Any) -> None:
    asked = await shared.say(user, "欠一万逾期30天要还多少")
    assert "哪种借款" in asked.plain  # the calculator waits for the kind of loan
    answer = await shared.say(user, "逾期记录在征信上保留几年？")
    related = next(b for b in answer.buttons if b.text.startswith("🔎"))
    await restart(shared)
    continued = await shared.say(user, "那信用卡呢？")  # a follow-up: the topic came from Valkey
    assert "信用卡" in continued.plain and "知识范围" not in continued.plain
    follow = await shared.tap(user, answer, related.callback_data)  # a button from before the restart
    assert related.text.removeprefix("🔎 ").rstrip("…") in follow.plain


async def test_forget_leaves_nothing_about_the_user_in_postgres_or_valkey(shared: Harness, user: Any,
                                                                          valkey_server: str) -> None:
    import psycopg
    import redis

    state = shared.services().state
    await shared.say(user, "/lang en")
    reply = await shared.say(user, "今天天气怎么样")  # unanswered: stored
    shared.api.press(user, reply, reply.button("👎").callback_data)
    await shared.api.wait_for(lambda: state.counts()["feedback"] == 1)
    await shared.say(user, "每月15号提醒我还招行信用卡")
    await shared.say(user, "逾期记录在征信上保留几年？")  # memory and button data in Valkey
    who = state.user_hash(user.id)
    valkey = redis.Redis.from_url(valkey_server)
    assert any(who in k.decode() for k in valkey.scan_iter("finbot:*"))

    done = await shared.say(user, "/forget")
    assert "4" in done.plain  # language, 👎, unanswered question, reminder (the cache is cleared besides)
    with psycopg.connect(shared.settings.state_url) as conn:
        for table in ("prefs", "feedback", "unanswered", "reminders", "debts"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table} WHERE user_hash = %s", (who,)).fetchone() == (0,)
    assert [k for k in valkey.scan_iter("finbot:*") if who in k.decode()] == []
    for key in valkey.scan_iter("finbot:*"):  # nor under any other key: no text of theirs is left
        value = valkey.get(key) if valkey.type(key) == b"string" else b""
        assert "天气" not in (value or b"").decode("utf-8", "replace")
    valkey.close()
