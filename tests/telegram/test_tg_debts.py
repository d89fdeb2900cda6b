"""My debts on Telegram, end to end on the fake Bot API: one message with the whole list, the /debts conversation
with its buttons, saving and /forget, and /calc's plan handed to /debts."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio

async def settled(bot, user, text: str | None = None, sent=None, data: str | None = None):
    """Say `text` (or tap `data` on `sent`) and wait until the bot is quiet: the last text message it sent (a plan is
    followed by its chart, which must not be taken for the reply to the next step)."""
    since = len(bot.api.sent)
    if text is not None:
        bot.api.send_text(user, text)
    else:
        bot.api.press(user, sent, data)
    got = await bot.until_quiet(user.id, since, quiet=1.0)
    return [s for s in got if s.method == "sendMessage"][-1]


FOUR = ("招行信用卡欠3万最低还1500，借呗1万2日息万五，朋友借的2万，美团借钱6000年化36%每月还600，"
        "我每个月能拿出5000，先还哪个？")


async def test_one_message_with_four_debts_and_a_budget_gets_table_order_months_interest_and_chart(bot, user) -> None:
    answer = await bot.say(user, FOUR)
    text = answer.plain
    assert "1. 招行信用卡 · 信用卡 · 欠 30,000.00 元" in text and "4. 美团 · 小额贷款 · 欠 6,000.00 元" in text
    assert "美团 年化 36.00%，超过 24% 参考线" in text
    assert "建议顺序（多出来的钱先给谁）：美团 → 借呗 → 招行信用卡 → 朋友" in text
    assert "个月全部还清" in text and "利息一共" in text and "只还最低还款：" in text
    chart = await bot.tap(user, answer, answer.button("📈").callback_data)
    assert chart.method == "sendPhoto" and chart.photo.startswith(b"\x89PNG")


async def test_the_debts_conversation_adds_plans_edits_removes_and_saves(bot, user) -> None:
    start = await bot.say(user, "/debts")
    assert "列成一张表" in start.plain and "➕ 添加" in [b.text for b in start.buttons]
    listed = await bot.say(user, "招行信用卡欠3万最低还1500，借呗1万2日息万五，朋友借的2万")
    assert "3. 朋友" in listed.plain and "每个月一共能拿出多少钱还债？" in listed.plain
    ask = await bot.tap(user, listed, listed.button("预算").callback_data)
    since = len(bot.api.sent)
    bot.api.press(user, ask, ask.button("¥5000").callback_data)
    sent = await bot.until_quiet(user.id, since, expect="sendPhoto")
    plan = next(s for s in sent if s.method == "sendMessage")
    assert "建议顺序（多出来的钱先给谁）：借呗 → 招行信用卡 → 朋友" in plan.plain and "14 个月全部还清" in plan.plain
    assert "💰 按每月 ¥5,000 计划" in [b.text for b in plan.buttons]
    assert any(s.method == "sendPhoto" and s.photo.startswith(b"\x89PNG") for s in sent)

    pick = await bot.tap(user, plan, plan.button("修改").callback_data)
    prompt = await bot.tap(user, pick, pick.button("借呗").callback_data)
    assert "借呗" in prompt.plain
    edited = await settled(bot, user, "1万5")
    assert "2. 借呗 · 消费金融 · 欠 15,000.00 元" in edited.plain

    pick = await bot.tap(user, edited, edited.button("删除").callback_data)
    removed = await settled(bot, user, sent=pick, data=pick.button("朋友").callback_data)
    assert "已删除“朋友”" in removed.plain and "3. 朋友" not in removed.plain

    saved = await settled(bot, user, sent=removed, data=removed.button("保存").callback_data)
    assert "已保存你的清单（2 笔）" in saved.plain
    await bot.say(user, "/reset")  # the conversation's copy is gone …
    again = await settled(bot, user, "/debts")
    assert "已载入你保存的清单" in again.plain and "2. 借呗" in again.plain  # … the saved one comes back
    forgot = await settled(bot, user, "/forget")
    assert "删除" in forgot.plain
    empty = await bot.say(user, "/debts")
    assert "已载入" not in empty.plain and "列成一张表" in empty.plain


async def test_a_correction_typed_in_the_list_and_a_question_leaves_it(bot, user) -> None:
    await bot.say(user, "/debts")
    await bot.say(user, "借呗1万2日息万五，网贷欠1万利率1.5，每月能还3000")
    unit = await settled(bot, user, "网贷是按月")
    assert "网贷 · 网贷平台 · 欠 10,000.00 元 · 年化 18.00%（月 1.50%）" in unit.plain
    since = len(bot.api.sent)
    bot.api.send_text(user, "逾期三天会上征信吗？")
    answered = await bot.until_quiet(user.id, since)
    assert "先回答你的问题" in answered[0].plain and len(answered) >= 2


async def test_a_crisis_inside_the_list_gets_the_hotline(bot, user) -> None:
    await bot.say(user, "/debts")
    since = len(bot.api.sent)
    await bot.say(user, "我不想活了")
    sent = await bot.until_quiet(user.id, since)
    assert any("12356" in s.plain for s in sent)


async def test_calc_hands_the_plan_to_debts(bot, user) -> None:
    start = await bot.say(user, "/calc")
    routed = await bot.tap(user, start, start.button("多笔欠款的还款计划").callback_data)
    assert "不适合一步一问" in routed.plain and "列成一张表" in routed.plain
    listed = await settled(bot, user, "借呗1万2日息万五，朋友借的2万，每月能还3000")
    assert "各笔还清" in listed.plain  # the list conversation took the text, not the calculator


async def test_english_user(bot, en_user) -> None:
    answer = await bot.say(en_user, "credit card 30,000 minimum 1,500; Jiebei 12,000 at 0.05% a day; 20,000 from a "
                                    "friend; Meituan 6000 at 24% a year, 600 a month; I can pay 5,000 a month")
    assert "Suggested order (where the extra money goes first): Meituan → Jiebei → credit card → friend" in \
        answer.plain
    assert "debt-free in 15 months" in answer.plain and "Paying only the minimums" in answer.plain
