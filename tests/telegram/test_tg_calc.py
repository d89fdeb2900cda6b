"""/calc end to end: generated from the tool schemas, every tool offered, each step checked, easy to leave."""

from __future__ import annotations

import pytest

from bot.calculator import schemas

pytestmark = pytest.mark.anyio


async def open_tool(bot, user, title: str) -> object:
    start = await bot.say(user, "/calc")
    return await bot.tap(user, start, start.button(title).callback_data)


async def test_calc_offers_every_tool(bot, user) -> None:
    start = await bot.say(user, "/calc")
    titles = [b.text for b in start.buttons]
    for zh, _en in schemas.TOOL_TITLES.values():
        assert zh in titles
    assert any("退出" in t for t in titles)


async def test_penalty_steps_check_each_answer_and_end_in_the_engine_answer(bot, user) -> None:
    q = await open_tool(bot, user, "逾期费用")
    assert "本金" in q.plain and "正在计算" in q.plain and "/cancel" in q.plain  # the mode is visible
    again = await bot.say(user, "-500")
    assert "负数" in again.plain  # negative: asked again, not silently 500
    kind = await bot.say(user, "1万")
    rate_q = await bot.tap(user, kind, kind.button("网贷").callback_data)
    assert "利率" in rate_q.plain
    which = await bot.say(user, "0.05")  # 0.05% or 5%? asked, never assumed
    assert "0.05%" in " ".join(b.text for b in which.buttons) and "5%" in " ".join(b.text for b in which.buttons)
    unit_q = await bot.tap(user, which, which.button("0.05%").callback_data)
    assert "按天" in " ".join(b.text for b in unit_q.buttons)
    days_q = await bot.tap(user, unit_q, unit_q.button("按天").callback_data)
    fee_q = await bot.tap(user, days_q, days_q.button("30").callback_data)
    assert "费用" in fee_q.plain
    result = await bot.say(user, "5%")  # the fee step takes its own example
    # 10000 × 0.05% × 30 = 150 penalty interest + 5% × 10000 = 500 fee
    assert "10,650.00" in result.plain and "500.00" in result.plain
    assert "📈" in " ".join(b.text for b in result.buttons)


async def test_an_implausible_rate_is_questioned(bot, user) -> None:
    q = await open_tool(bot, user, "逾期费用")
    kind = await bot.say(user, "1万")
    await bot.tap(user, kind, kind.button("网贷").callback_data)
    check = await bot.say(user, "5000")
    assert "确定" in check.plain and "重新输入" in " ".join(b.text for b in check.buttons)
    assert q is not None


async def test_a_question_leaves_the_calculator_and_is_answered(bot, user) -> None:
    await open_tool(bot, user, "逾期费用")
    since = len(bot.api.sent)
    left = await bot.say(user, "逾期三天会上征信吗？")
    assert "退出计算" in left.plain
    answered = await bot.until_quiet(user.id, since)
    assert len(answered) >= 2  # the notice, then the answer itself
    after = await bot.say(user, "1万")  # no longer a wizard step
    assert "正在计算" not in after.plain


async def test_a_command_leaves_the_calculator_and_is_handled(bot, user) -> None:
    await open_tool(bot, user, "逾期费用")
    helped = await bot.say(user, "/help")
    assert "/calc" in helped.plain
    after = await bot.say(user, "1万")
    assert "正在计算" not in after.plain


async def test_a_crisis_inside_the_calculator_gets_the_hotline(bot, user) -> None:
    await open_tool(bot, user, "逾期费用")
    since = len(bot.api.sent)
    await bot.say(user, "我不想活了")
    sent = await bot.until_quiet(user.id, since)
    assert any("12356" in s.plain for s in sent)


async def test_cost_through_the_calculator(bot, user) -> None:
    q = await open_tool(bot, user, "按时还款的借款成本")
    assert "借多少" in q.plain
    await bot.say(user, "1万")
    method_q = await bot.say(user, "年化36%")  # the unit comes with the rate
    days_q = await bot.tap(user, method_q, method_q.button("到期一次还本付息").callback_data)
    assert "借多久" in days_q.plain
    result = await bot.say(user, "一年")
    assert "3,600.00" in result.plain and "36%" in result.plain


async def test_private_lending_asks_for_the_loan_date(bot, user) -> None:
    await open_tool(bot, user, "逾期费用")
    kind = await bot.say(user, "2万")
    rate_q = await bot.tap(user, kind, kind.button("个人借贷").callback_data)
    unit_less = await bot.say(user, "月息2分")
    days_q = unit_less if "多少天" in unit_less.plain else await bot.tap(user, unit_less,
                                                                      unit_less.button("按月").callback_data)
    date_q = await bot.say(user, "90")
    assert "借款日期" in date_q.plain or "哪天借" in date_q.plain
    assert rate_q is not None and days_q is not None


async def test_calc_in_english(bot, en_user) -> None:
    start = await bot.say(en_user, "/calc")
    q = await bot.tap(en_user, start, start.button("Overdue charges").callback_data)
    assert "Calculating" in q.plain
    kind = await bot.say(en_user, "20000")
    await bot.tap(en_user, kind, kind.button("Bank loan").callback_data)
    days_q = await bot.say(en_user, "0.05% a day")
    fee_q = await bot.say(en_user, "10")
    result = await bot.tap(en_user, fee_q, fee_q.button("None").callback_data)
    assert "100.00" in result.plain  # 20000 × 0.05% × 10
    assert days_q is not None


async def test_cancel_and_stale_buttons(bot, user) -> None:
    start = await bot.say(user, "/calc")
    closed = await bot.tap(user, start, start.button("退出").callback_data)
    assert "退出" in closed.plain
    bot.api.press(user, start, start.button("逾期费用").callback_data)  # an old button: a toast, no crash
    await bot.api.wait_for(lambda: any(c.params.get("text") for c in bot.api.calls_of("answerCallbackQuery")))
    await bot.say(user, "/calc")
    assert "退出" in (await bot.say(user, "/cancel")).plain


async def test_the_chart_button_sends_a_photo(bot, user) -> None:
    pytest.importorskip("bot.charts", reason="bot.charts (the chart module) is not in this build yet")
    start = await bot.say(user, "/calc")
    await bot.tap(user, start, start.button("逾期费用").callback_data)
    kind = await bot.say(user, "1万")
    await bot.tap(user, kind, kind.button("网贷").callback_data)
    days_q = await bot.say(user, "日息万五")
    fee_q = await bot.tap(user, days_q, days_q.button("30").callback_data)
    result = await bot.tap(user, fee_q, fee_q.button("没有").callback_data)
    since = len(bot.api.sent)
    bot.api.press(user, result, result.button("📈").callback_data)
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
