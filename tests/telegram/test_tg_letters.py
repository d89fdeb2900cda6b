"""Letters on Telegram, end to end on the fake Bot API: asked for in plain words or with /letter, the facts asked
one by one (buttons for choices and skipping), the letter sent as text and as a .docx."""

from __future__ import annotations

import io

import pytest
from docx import Document

pytestmark = pytest.mark.anyio


async def finish(bot, user, first, replies: list[str]) -> list:
    """Answer each question (a reply starting with 'tap:' taps that button); the messages after the last one."""
    sent = first
    for reply in replies[:-1]:
        if reply.startswith("tap:"):
            sent = await bot.tap(user, sent, sent.button(reply[4:]).callback_data)
        else:
            sent = await bot.say(user, reply)
    since = len(bot.api.sent)
    last = replies[-1]
    if last.startswith("tap:"):
        bot.api.press(user, sent, sent.button(last[4:]).callback_data)
    else:
        bot.api.send_text(user, last)
    await bot.api.wait_for(lambda: any(s.method == "sendDocument" for s in bot.api.sent[since:]), timeout=20)
    return bot.api.messages(user.id, since)


async def test_a_negotiation_letter_from_plain_words_as_text_and_docx(bot, user) -> None:
    first = await bot.say(user, "帮我写一份协商还款申请")
    assert "你的姓名" in first.plain and "正在写信" in first.plain
    sent = await finish(bot, user, first, ["张三", "招商银行信用卡中心", "tap:是信用卡", "tap:略过", "3万", "2025年3月",
                                           "2025年2月失业，目前每月收入约3000元", "分36期，每月还1000元"])
    text = next(s for s in sent if s.method == "sendMessage").plain
    assert "《商业银行信用卡业务监督管理办法》第七十条" in text and "人民币30,000.00元" in text
    assert "{" not in text and "后四位" not in text  # the skipped fact's line is left out
    assert "寄到哪里、怎么交" in text and "要留好的东西" in text
    doc = next(s for s in sent if s.method == "sendDocument")
    assert doc.filename == "finbot-negotiation-zh.docx"
    paragraphs = [p.text for p in Document(io.BytesIO(doc.document)).paragraphs]
    assert "本人提出的还款方案：分36期，每月还1000元。" in paragraphs


async def test_letter_command_offers_the_three_and_writes_a_dispute_in_english(bot, en_user) -> None:
    menu = await bot.say(en_user, "/letter")
    assert len([b for b in menu.buttons if b.callback_data.startswith("letter:k:")]) == 3
    first = await bot.tap(en_user, menu, menu.button("dispute").callback_data)
    sent = await finish(bot, en_user, first, ["Zhang San", "ABC Consumer Finance Co., Ltd.",
                                              "account ending 4321, shown overdue from June 2024",
                                              "I repaid it in full on 8 May 2024", "tap:Skip"])
    text = next(s for s in sent if s.method == "sendMessage").plain
    assert "Article 25 of the Regulations on the Administration of the Credit Reporting Industry" in text
    assert "within 20 days" in text and "{" not in text
    assert next(s for s in sent if s.method == "sendDocument").filename == "finbot-dispute-en.docx"


async def test_a_wrong_reply_is_asked_again_and_a_crisis_leaves_the_letter(bot, user) -> None:
    await bot.say(user, "帮我写一封催收投诉信")
    await bot.say(user, "张三")
    await bot.say(user, "某某消费金融有限公司")
    await bot.say(user, "跳过")  # the card number is optional
    again = await bot.say(user, "跳过")  # who collected: optional too — then what happened, which is not
    assert "发生了什么" in again.plain
    required = await bot.say(user, "跳过")
    assert "必须写" in required.plain
    since = len(bot.api.sent)
    bot.api.send_text(user, "我不想活了")
    sent = await bot.until_quiet(user.id, since)
    assert any("12356" in s.plain for s in sent)


async def test_a_plan_from_debts_is_offered_in_the_letter(bot, user) -> None:
    await bot.say(user, "/debts")
    since = len(bot.api.sent)
    bot.api.send_text(user, "招行信用卡欠3万最低还1500，借呗1万2日息万五，朋友借的2万，每月能还5000")
    await bot.until_quiet(user.id, since, quiet=1.0)
    first = await bot.say(user, "帮我写一份协商还款申请")  # typed inside /debts: handed to the letter
    assert "你的姓名" in first.plain
    sent = await finish(bot, user, first, ["张三", "招商银行信用卡中心", "tap:是信用卡", "tap:略过", "3万", "tap:略过",
                                           "2025年2月失业", "tap:用这个"])
    text = next(s for s in sent if s.method == "sendMessage").plain
    assert "本人提出的还款方案：分10期还清，平均每月约3,285元。" in text
