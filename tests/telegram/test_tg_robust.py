"""Robustness end to end: concurrency, floods that lose nothing, crashes, restarts, webhook mode, SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from conftest import make_settings, start_bot
from fakebot import FakeBotAPI, User, free_port

from bot.telegram.app import WebhookConfig, stop
from bot.telegram.handlers import redact

pytestmark = pytest.mark.anyio


async def test_a_slow_answer_does_not_block_other_users(bot, user, en_user, monkeypatch) -> None:
    answerer = bot.services().engine.answerer
    real = answerer.answer

    def slow_for_one_question(question, memory=None, lang=None):  # a stand-in for a slow LLM call
        if "慢" in question:
            time.sleep(2.0)
        return real(question, memory, lang)

    monkeypatch.setattr(answerer, "answer", slow_for_one_question)
    since = len(bot.api.sent)
    bot.api.send_text(user, "慢慢说：逾期记录在征信上保留几年？")
    await asyncio.sleep(0.1)
    started = time.perf_counter()
    quick = await bot.say(en_user, "How long does an overdue stay on my credit report?")
    assert time.perf_counter() - started < 1.5
    assert bot.api.messages(user.id, since) == []  # the slow one is still working
    slow = await bot.api.next_message(user.id, since)
    assert slow.at > quick.at


async def test_one_users_messages_are_answered_in_order(bot, user) -> None:
    since = len(bot.api.sent)
    bot.api.send_text(user, "/help")
    bot.api.send_text(user, "/privacy")
    bot.api.send_text(user, "/lang")
    replies = await bot.until_quiet(user.id, since)
    assert ["/calc" in replies[0].plain, "/forget" in replies[1].plain, "Choose" in replies[2].plain] == [True] * 3


def _accounting(bot, chat_id: int, since: int, asked: list[str]) -> tuple[int, set[str], list]:
    """(answers, the asked messages named as skipped, every message sent) after index `since`."""
    sent = [s for s in bot.api.messages(chat_id, since) if s.method == "sendMessage"]
    answers = [s for s in sent if any(b.text == "👍" for b in s.buttons)]
    notices = "\n".join(s.plain for s in sent if "跳过了这" in s.plain)
    named = {q for q in asked if q.split("：")[0] + "：" in notices}
    return len(answers), named, sent


async def _burst(bot, user, count: int, gap: float, extra: dict[int, object] | None = None) -> list[str]:
    asked = []
    for i in range(count):
        question = f"第{i + 1}问：逾期记录在征信上保留几年？"
        bot.api.send_text(user, question)
        asked.append(question)
        if extra and i in extra:
            extra[i]()  # type: ignore[operator]
        await asyncio.sleep(gap)
    return asked


@pytest.mark.parametrize("bot", [{"FINBOT_QUEUE_PER_USER": "3"}], indirect=True)
async def test_a_burst_is_answered_or_named_never_silently_dropped(bot, user, en_user) -> None:
    since = len(bot.api.sent)
    asked = await _burst(bot, user, 30, 0.0)
    def done() -> bool:
        answers, named, _ = _accounting(bot, user.id, since, asked)
        return answers + len(named) >= 30

    await bot.api.wait_for(done, timeout=120)
    answers, named, sent = _accounting(bot, user.id, since, asked)
    assert answers + len(named) == 30 and named, f"{answers} answered, {len(named)} named"
    assert answers >= 3  # the newest ones are answered
    assert not any("一条条回答" in s.plain for s in sent)  # never a promise it does not keep
    assert "/calc" in (await bot.say(en_user, "/help")).plain  # other users were never held up


async def test_thirty_messages_in_ten_seconds_each_answered_or_named_and_commands_and_buttons_always_answered(
        bot, user) -> None:
    first = await bot.say(user, "逾期记录在征信上保留几年？")
    since = len(bot.api.sent)
    taps: list[str] = []
    extra = {9: lambda: bot.api.send_text(user, "/reset"),
             19: lambda: taps.append(bot.api.press(user, first, first.button("👍").callback_data))}
    asked = await _burst(bot, user, 30, 10 / 30, extra)

    def done() -> bool:
        answers, named, sent = _accounting(bot, user.id, since, asked)
        tapped = any(c.params.get("callback_query_id") == taps[0] for c in bot.api.calls_of("answerCallbackQuery"))
        return answers + len(named) >= 30 and tapped and any("清空" in s.plain for s in sent)

    await bot.api.wait_for(done, timeout=120)
    answers, named, _ = _accounting(bot, user.id, since, asked)
    assert answers + len(named) == 30, f"{answers} answered, {len(named)} named"
    toast = next(c for c in bot.api.calls_of("answerCallbackQuery") if c.params.get("callback_query_id") == taps[0])
    assert "谢谢" in toast.params.get("text", "")


@pytest.mark.crash_expected
async def test_a_crash_inside_a_handler_gets_an_apology_and_a_clean_log(bot, user, caplog) -> None:
    caplog.set_level(logging.ERROR, logger="finbot.telegram")
    bot.services().state.close()  # the database goes away under the bot
    question = "秘密的个人问题：我欠了三万"
    reply = await bot.say(user, question)
    assert "出了点问题" in reply.plain
    await bot.api.wait_for(lambda: bot.errors)  # type: ignore[attr-defined]  # recorded right after the apology
    assert "closed database" in str(bot.errors[0])  # type: ignore[attr-defined]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Traceback" in logged and "ProgrammingError" in logged
    assert question not in logged and bot.api.token not in logged


def test_redact_removes_secrets_and_user_text() -> None:
    trace = "ValueError: bad input '我欠了三万\n上征信吗' at https://x/bot123:ABC/sendMessage"
    clean = redact(trace, ["123:ABC", "我欠了三万\n上征信吗"])
    assert "123:ABC" not in clean and "我欠了三万" not in clean and "上征信吗" not in clean


async def test_restart_keeps_language_preferences(bot, user) -> None:
    await bot.say(user, "/lang en")
    await stop(bot.app)
    errors: list[BaseException] = []
    bot.app = await start_bot(bot.api, bot.settings, bot.services().engine.answerer, errors)
    assert "credit report" in (await bot.say(user, "/start")).plain
    assert errors == []


async def test_webhook_mode_verifies_the_secret_token(engine, tmp_path: Path) -> None:
    api = await FakeBotAPI().start()
    port = free_port()
    url = f"http://127.0.0.1:{port}/finbot-hook"
    params = WebhookConfig(url, listen="127.0.0.1", port=port, secret_token="s3cret-Token_1").params()
    errors: list[BaseException] = []
    app = await start_bot(api, make_settings(api, tmp_path / "data", engine[1]), engine[0], errors, **params)
    try:
        assert api.webhook == {"url": url, "secret_token": "s3cret-Token_1"}
        user = User(2001, "Wu")
        base = {"message": {"message_id": 1, "date": int(time.time()), "chat": {"id": user.id, "type": "private"},
                            "from": user.to_dict(), "text": "/help",
                            "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}}
        assert await api.post_webhook(dict(base), secret="wrong") == 403
        assert await api.post_webhook(dict(base), secret=None) == 403
        await asyncio.sleep(0.3)
        assert api.messages(user.id) == []
        assert await api.post_webhook(dict(base), secret="s3cret-Token_1") == 200
        reply = await api.next_message(user.id, since=0)
        assert "/calc" in reply.plain
        assert api.polls == 0  # no long polling in webhook mode
    finally:
        await stop(app)
        await api.close()
    assert errors == [] and api.rejected == []


def test_webhook_config_rejects_bad_values() -> None:
    with pytest.raises(ValueError, match="full URL"):
        WebhookConfig("bot.example.org/hook").params()
    with pytest.raises(ValueError, match="secret"):
        WebhookConfig("https://bot.example.org/hook", secret_token="has space").params()
    assert WebhookConfig("https://bot.example.org/a/b", port=8443).params()["url_path"] == "a/b"


@pytest.mark.slow
async def test_finbot_serve_answers_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    import shutil

    from conftest import FIXTURE_KB

    api = await FakeBotAPI().start()
    kb = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KB, kb)
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_API_BASE_URL": api.base_url,
           "TELEGRAM_API_BASE_FILE_URL": api.base_file_url, "FINBOT_DATA_DIR": str(tmp_path / "data"),
           "FINBOT_KNOWLEDGE_DIR": str(kb), "FINBOT_LLM_BASE_URL": "", "CHROMA_HOST": ""}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "serve", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        await api.wait_for(lambda: api.polls > 0, timeout=60)
        user = User(3001, "Zhao")
        question = "我的私事：逾期记录在征信上保留几年？"
        api.send_text(user, question)
        reply = await api.next_message(user.id, since=0, timeout=30)
        assert "5年" in reply.plain
        proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), timeout=30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await api.close()
    log = stderr.decode()
    assert proc.returncode == 0, log
    assert "finbot stopped" in log
    assert api.token not in log and question not in log


async def test_outbound_messages_go_through_ptbs_rate_limiter(bot) -> None:
    from telegram.ext import AIORateLimiter

    assert isinstance(bot.app.bot.rate_limiter, AIORateLimiter)  # replies wait instead of hitting Telegram's limits
