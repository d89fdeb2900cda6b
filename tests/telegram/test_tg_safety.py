"""Crisis first on every Telegram path (issue #13): long messages, /calc steps, captions, edits, forwards, group
mentions; a check-in on the turn after; a failing semantic screen fails for one message and is counted."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import ADMIN_ID
from fakebot import User

from bot.safety import SemanticScreen

pytestmark = pytest.mark.anyio

HOTLINE = "12356"


def is_crisis_reply(text: str) -> bool:
    return text.startswith("请先拨打心理援助热线 12356") or text.startswith("Please call a crisis line now")


async def test_a_long_message_ending_in_a_crisis_gets_the_hotline_not_too_long(bot, user) -> None:
    text = "我欠了好几个平台的钱，每天都被催收电话轰炸。" * 70 + "我真的不想活了"
    assert len(text) > 1500
    reply = await bot.say(user, text)
    assert is_crisis_reply(reply.plain), reply.plain
    assert "太长" not in reply.plain


async def test_a_long_ordinary_message_still_gets_the_length_reply(bot, user) -> None:
    reply = await bot.say(user, "逾期" * 800)
    assert "太长" in reply.plain


async def open_calc(bot, user) -> object:
    start = await bot.say(user, "/calc")
    return await bot.tap(user, start, start.button("逾期费用").callback_data)


async def test_a_crisis_inside_calc_gets_the_hotline_and_closes_the_calculation(bot, user) -> None:
    amount_q = await open_calc(bot, user)
    assert "本金" in amount_q.plain
    reply = await bot.say(user, "我不想活了")
    assert is_crisis_reply(reply.plain), reply.plain
    after = await bot.say(user, "谢谢")  # no longer wizard input, and the next turn checks in
    assert HOTLINE in after.plain and "金额" not in after.plain and "你现在感觉怎么样" in after.plain


@pytest.mark.parametrize("text", ["想从楼顶一跃解脱", "活着没意思，一了百了吧"])
async def test_every_typed_calc_step_is_checked_first_with_the_semantic_screen(bot, user, text: str) -> None:
    await open_calc(bot, user)
    kind = await bot.say(user, "1万")  # a step further in
    assert kind.buttons
    reply = await bot.say(user, text)  # the first has no crisis rule: only the engine's screen knows it
    assert is_crisis_reply(reply.plain), reply.plain


async def test_a_crisis_while_choosing_the_tool_gets_the_hotline(bot, user) -> None:
    await bot.say(user, "/calc")
    assert is_crisis_reply((await bot.say(user, "想从楼顶一跃解脱")).plain)


async def test_a_calculation_cleared_elsewhere_closes_and_the_next_question_is_answered(bot, user) -> None:
    await open_calc(bot, user)
    since = len(bot.api.sent)
    bot.api.send_photo(user, caption="我真的不想活了")  # a crisis on another path closes the calculation
    assert is_crisis_reply((await bot.api.next_message(user.id, since)).plain)
    reply = await bot.say(user, "逾期记录在征信上保留几年？")
    assert "5年" in reply.plain and HOTLINE in reply.plain  # answered under a check-in, not read as an amount


async def test_a_photo_caption_in_crisis_gets_the_hotline(bot, user) -> None:
    since = len(bot.api.sent)
    bot.api.send_photo(user, caption="我真的不想活了")
    reply = await bot.api.next_message(user.id, since)
    assert is_crisis_reply(reply.plain) and "图片" not in reply.plain


async def test_a_photo_with_an_ordinary_caption_gets_the_photo_note(bot, user) -> None:
    since = len(bot.api.sent)
    bot.api.send_photo(user, caption="这是我的账单")
    assert "看不了图片" in (await bot.api.next_message(user.id, since)).plain


@pytest.mark.parametrize("sender", ["borrower", "admin"])
async def test_a_document_caption_in_crisis_gets_the_hotline(bot, user, sender: str) -> None:
    who = user if sender == "borrower" else User(ADMIN_ID, "Teacher")
    since = len(bot.api.sent)
    bot.api.send_document(who, "note.md", "# 笔记\n".encode(), caption="撑不下去了，想结束这一切")
    reply = await bot.api.next_message(who.id, since)
    assert is_crisis_reply(reply.plain)


async def test_after_a_crisis_reply_thanks_gets_a_check_in_not_the_menu(bot, user) -> None:
    assert is_crisis_reply((await bot.say(user, "我不想活了")).plain)
    checkin = await bot.say(user, "谢谢")
    assert HOTLINE in checkin.plain and "我可以帮你" not in checkin.plain
    assert not any(b.text in ("👍", "👎") for b in checkin.buttons)
    assert "我可以帮你" in (await bot.say(user, "谢谢")).plain  # once only


async def test_an_edited_message_is_answered_again_as_a_reply_to_it(bot, user) -> None:
    original = bot.api.send_text(user, "你好")
    await bot.api.next_message(user.id)
    since = len(bot.api.sent)
    bot.api.edit_text(user, original, "逾期记录在征信上保留几年？")
    reply = await bot.api.next_message(user.id, since)
    assert "5年" in reply.plain and reply.reply_to == original["message_id"]


async def test_an_edited_message_in_crisis_gets_the_hotline(bot, user) -> None:
    original = bot.api.send_text(user, "逾期三天会上征信吗")
    await bot.api.next_message(user.id)
    since = len(bot.api.sent)
    bot.api.edit_text(user, original, "算了，我不想活了")
    reply = await bot.api.next_message(user.id, since)
    assert is_crisis_reply(reply.plain) and reply.reply_to == original["message_id"]


async def test_a_forwarded_crisis_text_gets_the_hotline(bot, user) -> None:
    since = len(bot.api.sent)
    bot.api.forward_text(user, "我真的撑不下去了，不想活了")
    assert is_crisis_reply((await bot.api.next_message(user.id, since)).plain)


async def test_a_group_mention_in_crisis_gets_the_hotline_as_a_reply(bot, user) -> None:
    group = {"id": -100777, "type": "supergroup", "title": "borrowers"}
    message = bot.api.send_text(user, "@finbot_test_bot 我不想活了", chat=group)
    reply = await bot.api.next_message(group["id"])
    assert is_crisis_reply(reply.plain) and reply.reply_to == message["message_id"]
    since = len(bot.api.sent)
    bot.api.send_photo(user, caption="@finbot_test_bot 活不下去了", chat=group)
    assert is_crisis_reply((await bot.api.next_message(group["id"], since)).plain)


class _Flaky:
    """The real USE embedder, except that it raises on any batch holding the marker (a forced model error)."""

    name = "use"

    def __init__(self) -> None:
        from ingest.embeddings import get_embedder

        self.real = get_embedder("use")

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if any("炸" in t for t in texts):
            raise RuntimeError("forced failure")
        return self.real.embed_documents(texts)


async def test_a_screen_error_for_one_user_never_turns_safety_off_for_the_next(bot, user, en_user,
                                                                              monkeypatch) -> None:
    monkeypatch.setattr(bot.services().engine.answerer, "safety_screen", SemanticScreen(_Flaky()))
    await bot.say(user, "征信报告上有个炸弹一样的记录怎么办")
    other = User(1003, "Wang")
    for text in ["想从楼顶一跃解脱", "觉得自己是家里的累赘，走了大家都轻松"]:
        assert is_crisis_reply((await bot.say(other, text)).plain), text
    admin = User(ADMIN_ID, "Teacher")
    stats = await bot.say(admin, "/kbstats")
    assert "语义安全层出错：1 次" in stats.plain
