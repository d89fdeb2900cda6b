"""End to end, as a borrower sees it: the real Application against the fake Bot API server."""

from __future__ import annotations

import asyncio
import json

import pytest
from fakebot import User

pytestmark = pytest.mark.anyio


async def test_start_welcomes_in_the_users_language_with_examples_and_privacy(bot, user, en_user) -> None:
    zh = await bot.say(user, "/start")
    assert "finbot" in zh.plain and "征信" in zh.plain
    assert "/privacy" in zh.plain and "不保存聊天记录" in zh.plain
    assert len(zh.buttons) >= 3 and all(b.callback_data for b in zh.buttons)
    en = await bot.say(en_user, "/start")
    assert "credit report" in en.plain and "/privacy" in en.plain
    assert en.buttons[0].text != zh.buttons[0].text


async def test_example_button_answers_that_question_with_sources(bot, user) -> None:
    welcome = await bot.say(user, "/start")
    # the fixture knowledge base has a card article, not one on when a late payment is reported (the first example):
    # the card example is one it answers
    example = next(b for b in welcome.buttons if "最低还款" in b.text)
    reply = await bot.tap(user, welcome, example.callback_data)
    assert example.text in reply.plain  # the question is shown above its answer
    assert "来源" in reply.plain


async def test_question_gets_html_answer_sources_feedback_and_related_buttons(bot, user, monkeypatch) -> None:
    from bot.telegram import services

    monkeypatch.setattr(services, "TYPING_AFTER", 0.0)  # as if the engine were slow: "typing…" comes first
    since = len(bot.api.sent)
    reply = await bot.say(user, "逾期记录在征信上保留几年？")
    assert reply.parse_mode == "HTML"
    assert "5年" in reply.plain
    assert "来源" in reply.plain and "[1]" in reply.plain
    labels = [b.text for b in reply.buttons]
    assert "👍" in labels and "👎" in labels
    assert any(t.startswith("🔎") for t in labels)
    # "typing…" was shown while the engine worked, before the answer arrived
    typing = [c for c in bot.api.calls_of("sendChatAction") if c.params.get("action") == "typing"]
    assert typing and typing[0].at <= reply.at
    assert len(bot.api.messages(user.id, since)) == 1


async def test_a_quick_answer_comes_without_a_typing_indicator(bot, user) -> None:
    reply = await bot.say(user, "逾期记录在征信上保留几年？")
    assert "5年" in reply.plain
    assert bot.api.calls_of("sendChatAction") == []  # answered well inside services.TYPING_AFTER


@pytest.mark.parametrize("bot", [{"FINBOT_SEND_PER_SECOND": "2"}], indirect=True)
async def test_in_a_burst_answers_go_out_before_typing_indicators(bot, monkeypatch) -> None:
    """More replies in preparation than the bot may send in a second: no "typing…" (it would count against the
    cap and hold answers back); a lone slow question still gets it."""
    import time

    from bot.telegram import compute, services

    answer = compute.answer

    def slow(*args):  # as if the engine were busy
        time.sleep(0.6)
        return answer(*args)

    monkeypatch.setattr(compute, "answer", slow)
    monkeypatch.setattr(services, "TYPING_AFTER", 0.1)
    users = [User(3000 + i, f"u{i}") for i in range(6)]
    for u in users:
        bot.api.send_text(u, "逾期记录在征信上保留几年？")
    for u in users:
        assert "5年" in (await bot.api.next_message(u.id, since=0, timeout=30)).plain
    assert bot.api.calls_of("sendChatAction") == []
    alone = await bot.say(users[0], "逾期三天会上征信吗？")
    typing = bot.api.calls_of("sendChatAction")
    assert len(typing) == 1 and typing[0].at <= alone.at


async def test_related_question_button_answers_it(bot, user) -> None:
    reply = await bot.say(user, "逾期记录在征信上保留几年？")
    related = next(b for b in reply.buttons if b.text.startswith("🔎"))
    follow = await bot.tap(user, reply, related.callback_data)
    assert related.text.removeprefix("🔎 ").rstrip("…") in follow.plain
    assert follow.buttons  # it has its own feedback buttons


async def test_thumbs_down_is_stored_with_the_question_and_buttons_go_away(bot, user) -> None:
    reply = await bot.say(user, "信用卡只还最低还款算逾期吗")
    bot.api.press(user, reply, reply.button("👎").callback_data)
    await bot.api.wait_for(lambda: bot.api.calls_of("editMessageReplyMarkup"))
    gaps = bot.services().state.downvoted(days=1)
    assert [g.question for g in gaps] == ["信用卡只还最低还款算逾期吗"]
    assert "card-demo" in gaps[0].articles
    edited = bot.api.calls_of("editMessageReplyMarkup")[-1]
    remaining = json.dumps(edited.params.get("reply_markup") or {})
    assert "fb:" not in remaining and "rq:" in remaining  # related questions stay
    toast = bot.api.calls_of("answerCallbackQuery")[-1]
    assert toast.params.get("text")


async def test_unanswered_question_is_recorded_for_educators(bot, en_user) -> None:
    reply = await bot.say(en_user, "What is the weather tomorrow in Paris?")
    assert "outside what I know" in reply.plain
    assert [g.question for g in bot.services().state.unanswered(days=1)] == ["What is the weather tomorrow in Paris?"]


async def test_help_and_privacy(bot, user, en_user) -> None:
    assert "/calc" in (await bot.say(user, "/help")).plain
    privacy = await bot.say(en_user, "/privacy")
    assert "90 days" in privacy.plain and "/forget" in privacy.plain


async def test_lang_button_switches_and_is_remembered(bot, user) -> None:
    prompt = await bot.say(user, "/lang")
    confirmed = await bot.tap(user, prompt, prompt.button("English").callback_data)
    assert "English" in confirmed.plain
    again = await bot.say(user, "/start")
    assert "credit report" in again.plain  # a zh-hans Telegram user now gets English
    assert "征信" not in again.plain
    back = await bot.say(user, "/lang zh")
    assert "中文" in back.plain


async def test_reset_forgets_a_pending_calculation(bot, user) -> None:
    asked = await bot.say(user, "欠一万逾期30天要还多少")
    assert "哪种借款" in asked.plain
    continued = await bot.say(user, "网贷")
    assert "利率（罚息）" in continued.plain  # without /reset "网贷" answers the calculator's question
    await bot.say(user, "欠一万逾期30天要还多少")
    assert "清空" in (await bot.say(user, "/reset")).plain
    fresh = await bot.say(user, "网贷")
    assert "利率（罚息）" not in fresh.plain and "知识范围" in fresh.plain


async def test_forget_deletes_everything_stored_about_the_user(bot, user) -> None:
    state = bot.services().state
    await bot.say(user, "/lang en")
    reply = await bot.say(user, "今天天气怎么样")  # unanswered: stored
    bot.api.press(user, reply, reply.button("👎").callback_data)
    await bot.api.wait_for(lambda: state.counts()["feedback"] == 1)
    assert state.counts() == {"prefs": 1, "feedback": 1, "unanswered": 1}
    done = await bot.say(user, "/forget")
    assert "3" in done.plain
    assert state.counts() == {"prefs": 0, "feedback": 0, "unanswered": 0}
    assert "征信" in (await bot.say(user, "/start")).plain  # language choice is gone too


async def test_media_edits_and_unknown_commands_get_a_helpful_reply(bot, user) -> None:
    since = len(bot.api.sent)
    bot.api.send_sticker(user)
    assert "贴纸" in (await bot.api.next_message(user.id, since)).plain
    since = len(bot.api.sent)
    bot.api.send_photo(user)
    assert "图片" in (await bot.api.next_message(user.id, since)).plain
    since = len(bot.api.sent)
    bot.api.send_voice(user)
    assert "语音" in (await bot.api.next_message(user.id, since)).plain
    since = len(bot.api.sent)
    bot.api.send_document(user, "contract.pdf", b"%PDF-1.4")
    assert "文件" in (await bot.api.next_message(user.id, since)).plain
    original = bot.api.send_text(user, "/hlep")
    await bot.api.next_message(user.id)
    since = len(bot.api.sent)
    bot.api.edit_text(user, original, "/help")
    edited = await bot.api.next_message(user.id, since)
    assert "重新发送" in edited.plain and edited.reply_to == original["message_id"]  # commands are not re-run
    assert "/help" in (await bot.say(user, "/nonsense")).plain


async def test_oversized_message_gets_a_polite_request_to_shorten(bot, user) -> None:
    reply = await bot.say(user, "逾期" * 3000)
    assert "太长" in reply.plain and "6000" in reply.plain
    assert bot.services().state.counts()["unanswered"] == 0


async def test_user_text_with_html_characters_is_escaped_everywhere(bot, en_user) -> None:
    tricky = "<b>weather</b> & <script>x</script> tomorrow?"
    bot.app.bot_data["services"].admin_ids = frozenset({en_user.id})
    await bot.say(en_user, tricky)
    gaps = await bot.say(en_user, "/gaps 1")
    assert tricky in gaps.plain  # shown literally, accepted by the strict HTML check of the fake server


async def test_in_groups_it_answers_only_when_mentioned_or_replied_to(bot, user) -> None:
    group = {"id": -100500, "type": "supergroup", "title": "borrowers"}
    since = len(bot.api.sent)
    bot.api.send_text(user, "逾期记录在征信上保留几年？", chat=group)
    bot.api.send_sticker(user)  # in private: answered; proves the bot was not idle
    await bot.api.next_message(user.id, since)
    await asyncio.sleep(0.5)
    assert bot.api.messages(group["id"], since) == []
    mentioned = await bot.say(user, "@finbot_test_bot 逾期记录在征信上保留几年？", chat=group)
    assert "5年" in mentioned.plain
    follow = await bot.say(user, "那信用卡最低还款呢？", chat=group, reply_to=mentioned)
    assert follow.plain and follow.chat_id == group["id"]


async def test_commands_are_registered_in_chinese_and_english(bot) -> None:
    langs = {lang for (_scope, lang) in bot.api.commands}
    assert {"", "zh", "en"} <= langs
    zh = {c["command"]: c["description"] for c in bot.api.commands[('{"type": "default"}', "zh")]}
    en = {c["command"]: c["description"] for c in bot.api.commands[('{"type": "default"}', "en")]}
    assert set(zh) == set(en) >= {"start", "help", "lang", "reset", "privacy", "forget", "calc"}
    assert zh["calc"] != en["calc"]
    admin_scopes = [scope for (scope, _l) in bot.api.commands if '"chat_id": 777' in scope]
    assert admin_scopes  # educators also see /kbstats and /gaps


async def test_a_user_from_another_language_gets_english(bot) -> None:
    reply = await bot.say(User(1003, "Ivan", "ru"), "/help")
    assert "How to use" in reply.plain


async def test_crisis_message_puts_the_hotline_first_without_rating_buttons(bot, user) -> None:
    reply = await bot.say(user, "还不上就不活了")
    assert "12356" in reply.plain
    assert not any(b.text in ("👍", "👎") for b in reply.buttons)


async def test_a_clarifying_question_has_a_button_per_choice_that_answers_it(bot, user) -> None:
    reply = await bot.say(user, "那信用卡呢？")  # a bare topic first: finbot asks which question is meant
    choices = [b for b in reply.buttons if b.text[:1] in "①②③"]
    assert 2 <= len(choices) <= 3, reply.plain
    answer = await bot.tap(user, reply, choices[0].callback_data)
    assert "来源" in answer.plain and choices[0].text[2:].rstrip("…") in answer.plain
