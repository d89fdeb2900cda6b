"""/calc end to end: inline keyboards, typed answers, re-asking on bad input, the breakdown and the chart."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio


async def walk_to_fees(bot, user, rate: str = "0.05") -> object:
    start = await bot.say(user, "/calc")
    assert "借款类型" in start.plain
    amount_q = await bot.tap(user, start, start.button("网贷").callback_data)
    assert "本金" in amount_q.plain
    bad = await bot.say(user, "不知道")
    assert "10000" in bad.plain  # asked again, with an example
    rate_q = await bot.say(user, "1万")
    assert "利率" in rate_q.plain
    unit_q = await bot.say(user, rate)
    assert "按天" in unit_q.plain  # a bare number has no unit: ask, never guess
    days_q = await bot.tap(user, unit_q, unit_q.button("按天").callback_data)
    assert "多少天" in days_q.plain
    fees_q = await bot.tap(user, days_q, days_q.button("30").callback_data)
    assert "费用" in fees_q.plain
    return fees_q


async def test_calc_conversation_ends_in_a_breakdown(bot, user) -> None:
    await walk_to_fees(bot, user)
    since = len(bot.api.sent)
    result = await bot.say(user, "违约金200元")
    # 10000 × 0.05% × 30 = 150 penalty interest, + 200 fee
    assert "10,350.00" in result.plain
    assert "150.00" in result.plain and "200.00" in result.plain
    assert "24%" in result.plain  # the reference line is explained
    sent = await bot.until_quiet(user.id, since)
    assert all(s.method in ("sendMessage", "sendPhoto") for s in sent)


async def test_calc_with_unit_in_the_text_and_no_fees(bot, user) -> None:
    start = await bot.say(user, "/calc")
    await bot.tap(user, start, start.button("信用卡").callback_data)
    await bot.say(user, "5000")
    days_q = await bot.say(user, "日息万五")  # unit given: straight to the days
    assert "多少天" in days_q.plain
    fees_q = await bot.say(user, "两个月")
    result = await bot.tap(user, fees_q, fees_q.button("没有").callback_data)
    assert "150.00" in result.plain  # 5000 × 0.05% × 60
    assert "5,150.00" in result.plain


async def test_calc_cancel_and_other_commands_still_work(bot, user) -> None:
    start = await bot.say(user, "/calc")
    assert "/calc" in (await bot.say(user, "/help")).plain  # a command mid-flow is still answered
    closed = await bot.tap(user, start, start.button("取消").callback_data)
    assert "退出" in closed.plain
    stale = start.button("网贷").callback_data
    bot.api.press(user, start, stale)  # an old button after the flow ended: a toast, no crash
    await bot.api.wait_for(lambda: any(c.params.get("text") for c in bot.api.calls_of("answerCallbackQuery")))
    await bot.say(user, "/calc")
    assert "退出" in (await bot.say(user, "/cancel")).plain


async def test_calc_in_english(bot, en_user) -> None:
    start = await bot.say(en_user, "/calc")
    await bot.tap(en_user, start, start.button("Bank loan").callback_data)
    await bot.say(en_user, "20000")
    await bot.say(en_user, "0.05% a day")
    fees_q = await bot.say(en_user, "10")
    result = await bot.tap(en_user, fees_q, fees_q.button("None").callback_data)
    assert "100.00" in result.plain  # 20000 × 0.05% × 10


async def test_calc_sends_the_chart_as_a_photo(bot, user) -> None:
    pytest.importorskip("bot.charts", reason="bot.charts (the chart module) is not in this build yet")
    await walk_to_fees(bot, user)
    since = len(bot.api.sent)
    fees = bot.api.messages(user.id)[-1]
    await bot.tap(user, fees, fees.button("没有").callback_data)
    photo = await bot.api.next_message(user.id, since, where=lambda s: s.method == "sendPhoto", timeout=30)
    assert photo.photo[:8] == b"\x89PNG\r\n\x1a\n"


async def test_free_text_calculation_offers_the_chart_button(bot, en_user) -> None:
    pytest.importorskip("bot.charts", reason="bot.charts (the chart module) is not in this build yet")
    asked = await bot.say(en_user, "I owe 10000, 60 days overdue at 0.05% a day, how much?")
    result = asked if "📈" in " ".join(b.text for b in asked.buttons) else await bot.say(en_user, "online lender")
    assert "10,300.00" in result.plain  # 10000 × 0.05% × 60 = 300
    since = len(bot.api.sent)
    bot.api.press(en_user, result, result.button("📈").callback_data)
    photo = await bot.api.next_message(en_user.id, since, where=lambda s: s.method == "sendPhoto", timeout=30)
    assert photo.photo[:8] == b"\x89PNG\r\n\x1a\n" and "debt" in photo.text
