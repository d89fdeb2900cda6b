""""Is this a scam?" in Telegram: a forwarded message is checked without any command; /check; groups; privacy of 👎.

The engine here indexes the fixture articles plus the knowledge base's scam articles, so the checks cite them.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE_KB, make_settings

from bot.engine.answer import Answerer

pytestmark = pytest.mark.anyio
KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
SCAM_ARTICLES = ("credit-repair-scam", "fake-legal-threats", "bank-account-frozen", "collector-threats-what-to-do",
                 "online-loan-overdue-what-to-do")
FAKE_COURT = ("【XX市人民法院】您因借款合同纠纷被起诉，传票详见 http://fy-chuanpiao.cc/d/88231 ，"
              "请于今日18点前联系书记员处理。")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Answerer, Path]:
    root = tmp_path_factory.mktemp("check-engine")
    kb = root / "knowledge"
    shutil.copytree(FIXTURE_KB, kb)
    for article in SCAM_ARTICLES:
        shutil.copy(KNOWLEDGE / "zh" / f"{article}.md", kb / "zh")
        en = KNOWLEDGE / "en" / f"{article}-en.md"
        if en.exists():
            shutil.copy(en, kb / "en")
    settings = make_settings(None, root / "engine", kb)
    return Answerer.from_settings(settings, echo=lambda _msg: None, use_llm=False), kb


def forward(api: Any, user: Any, text: str, chat: dict[str, Any] | None = None) -> None:
    """A message the user forwards (from a sender who hides their account, as SMS gateways and strangers do)."""
    origin = {"type": "hidden_user", "sender_user_name": "95xxx", "date": int(time.time()) - 600}
    api.push({"message": api._message(user, chat, text=text, forward_origin=origin)})


async def test_a_forwarded_scam_message_gets_the_check_without_any_command(bot, user) -> None:
    since = len(bot.api.sent)
    forward(bot.api, user, FAKE_COURT)
    reply = await bot.api.next_message(user.id, since)
    assert reply.plain.startswith("这很可能是骗局，不要付钱")
    assert "真正的法院文书由法院正式送达" in reply.plain and "原文：“【XX市人民法院】" in reply.plain
    assert "12368" in reply.plain and "96110" in reply.plain
    assert "来源" in reply.plain and "收到\"律师函\"\"逮捕令\"\"立案通知\"，怎么辨别真假？" in reply.plain
    assert reply.button("👎")


async def test_a_forwarded_genuine_message_says_what_to_verify(bot, en_user) -> None:
    since = len(bot.api.sent)
    forward(bot.api, en_user, "【招商银行】您尾号3321的信用卡本期账单4,562.30元，到期还款日03月15日，如已还款请忽略。")
    reply = await bot.api.next_message(en_user.id, since)
    assert reply.plain.startswith("I found none of the usual scam signs")  # in the reader's language
    assert "back of your card" in reply.plain


async def test_check_command_takes_the_text_after_it_or_the_next_message(bot, user) -> None:
    inline = await bot.say(user, "/check 请把刚才收到的短信验证码告诉我，帮你关闭百万保障")
    assert inline.plain.startswith("这很可能是骗局") and "验证码" in inline.plain
    prompt = await bot.say(user, "/check")
    assert "粘贴给我" in prompt.plain
    checked = await bot.say(user, "您的银行卡涉嫌洗钱，需要把卡内资金转入安全账户接受资金核查")
    assert checked.plain.startswith("这很可能是骗局") and "安全账户" in checked.plain
    normal = await bot.say(user, "逾期记录保留几年？")  # the next message is a question again
    assert not normal.plain.startswith(("这很可能", "没有发现常见"))


async def test_in_a_group_a_forward_not_addressed_to_the_bot_is_left_alone(bot, user) -> None:
    group = {"id": -100777, "type": "supergroup", "title": "debt help"}
    since = len(bot.api.sent)
    forward(bot.api, user, FAKE_COURT, chat=group)
    await asyncio.sleep(1.5)
    assert bot.api.messages(group["id"], since) == []


async def test_thumbs_down_on_a_check_records_the_verdict_not_the_forwarded_message(bot, user) -> None:
    since = len(bot.api.sent)
    forward(bot.api, user, FAKE_COURT)
    reply = await bot.api.next_message(user.id, since)
    bot.api.press(user, reply, reply.button("👎").callback_data)
    state = bot.services().state
    await bot.api.wait_for(lambda: state.downvoted(30))
    (gap,) = state.downvoted(30)
    assert gap.question == "[scam check: likely_scam]" and "fake-legal-threats" in gap.articles
