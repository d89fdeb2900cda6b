"""What the bot records stays honest (issue #13): one vote per user per answer, /gaps lists real questions only."""

from __future__ import annotations

import pytest
from conftest import ADMIN_ID
from fakebot import User

pytestmark = pytest.mark.anyio


async def test_a_double_thumbs_down_is_recorded_once_and_the_last_vote_counts(bot, user) -> None:
    answer = await bot.say(user, "逾期记录在征信上保留几年？")
    down, up = answer.button("👎").callback_data, answer.button("👍").callback_data
    for _ in range(2):  # two quick taps, before the buttons disappear
        bot.api.press(user, answer, down)
    await bot.api.wait_for(lambda: len(bot.api.calls_of("answerCallbackQuery")) >= 2)
    state = bot.services().state
    assert state.counts()["feedback"] == 1 and [g.count for g in state.downvoted(30)] == [1]
    bot.api.press(user, answer, up)  # a stale button (already removed) may still be tapped: the last vote counts
    await bot.api.wait_for(lambda: len(bot.api.calls_of("answerCallbackQuery")) >= 3)
    assert state.counts()["feedback"] == 1 and state.downvoted(30) == []


async def test_gaps_lists_real_questions_not_calculator_leftovers(bot, user) -> None:
    for text in ["0.1", "45", "两个月", "明天北京天气怎么样？"]:
        await bot.say(user, text)
    gaps = await bot.say(User(ADMIN_ID, "Teacher"), "/gaps")
    assert "明天北京天气怎么样" in gaps.plain
    assert "0.1" not in gaps.plain and "45" not in gaps.plain and "两个月" not in gaps.plain
