"""Repayment reminders end to end on the fake Bot API, with a clock the test controls: a reminder is set in plain
words, fires near the due date with the linked answer, is listed, deleted, survives a restart, and /forget removes
it."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
from conftest import start_bot

from bot.telegram import reminders
from bot.telegram.app import stop

pytestmark = pytest.mark.anyio
SH = ZoneInfo("Asia/Shanghai")


class Clock:
    """time.time() shifted so that "now" is whatever the test says; it keeps running."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def set(self, *moment: int) -> None:
        self.offset = dt.datetime(*moment, tzinfo=SH).timestamp() - time.time()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(reminders, "clock", c)
    return c


def reminder_jobs(app) -> list:  # type: ignore[no-untyped-def]
    return [j for j in app.job_queue.jobs() if (j.name or "").startswith(reminders.JOB_PREFIX)]


def is_reminder(sent) -> bool:  # type: ignore[no-untyped-def]
    return "还款提醒" in sent.plain or "Repayment reminder" in sent.plain


async def test_a_reminder_fires_two_days_before_with_the_answer_for_that_debt(bot, user, clock) -> None:
    clock.set(2026, 3, 13, 8, 59, 57)  # three seconds before the first reminder of a "15号" due date
    confirm = await bot.say(user, "每月15号提醒我还招行信用卡")
    assert "每月15号还款，提前2天和当天 09:00 提醒（北京时间）" in confirm.plain
    assert "下一次提醒：2026年3月13日 09:00" in confirm.plain
    fired = await bot.api.next_message(user.id, timeout=15, where=is_reminder)
    assert "还招行信用卡" in fired.plain and "2026年3月15日（后天）" in fired.plain
    store = bot.services().state
    on_the_day = dt.datetime(2026, 3, 15, 9, 0, tzinfo=SH).timestamp()  # the next one: on the due date
    await bot.api.wait_for(lambda: [r.next_at for r in store.reminders(user.id)] == [on_the_day], timeout=5)
    answer = await bot.tap(user, fired, fired.button("信用卡这期还不上").callback_data)
    assert answer.plain.startswith("❓ 信用卡这期还不上怎么办？")


async def test_reminders_are_listed_and_deleted_with_their_button(bot, user, clock) -> None:
    clock.set(2026, 3, 1, 12, 0, 0)
    await bot.say(user, "每个月5号晚上8点提醒我还花呗，提前3天")
    await bot.say(user, "3月20日提醒我还借条的钱")
    listing = await bot.say(user, "/reminders")
    assert "1. 还花呗：每月5号还款，提前3天和当天 20:00 提醒" in listing.plain
    assert "下一次：2026年3月2日 20:00" in listing.plain
    assert "2. 还借条的钱：2026年3月20日还款" in listing.plain
    assert len(reminder_jobs(bot.app)) == 2
    redrawn = await bot.tap(user, listing, listing.button("删除 1").callback_data)
    assert "还花呗" not in redrawn.plain and "1. 还借条的钱" in redrawn.plain
    assert [r.label for r in bot.services().state.reminders(user.id)] == ["还借条的钱"]
    assert len(reminder_jobs(bot.app)) == 1
    emptied = await bot.tap(user, redrawn, redrawn.button("删除 1").callback_data)
    assert "你还没有设置还款提醒" in emptied.plain and reminder_jobs(bot.app) == []


async def test_a_reminder_survives_a_restart_and_fires_from_the_new_process(bot, user, clock) -> None:
    clock.set(2026, 3, 11, 10, 0, 0)
    await bot.say(user, "每月15号早上8点提醒我还网贷")
    answerer = bot.services().engine.answerer
    await stop(bot.app)
    clock.set(2026, 3, 13, 7, 59, 57)  # while the bot is down, time moves to just before the reminder
    bot.app = await start_bot(bot.api, bot.settings, answerer, bot.errors)  # type: ignore[attr-defined]
    fired = await bot.api.next_message(user.id, timeout=15, where=is_reminder)
    assert "还网贷" in fired.plain and "后天" in fired.plain
    listing = await bot.say(user, "/reminders")
    assert "还网贷" in listing.plain and "下一次：2026年3月15日 08:00" in listing.plain


async def test_a_reminder_missed_long_ago_while_down_skips_to_the_next_one(bot, user, clock) -> None:
    clock.set(2026, 3, 11, 10, 0, 0)
    await bot.say(user, "每月15号提醒我还信用卡")
    answerer = bot.services().engine.answerer
    await stop(bot.app)
    clock.set(2026, 3, 14, 12, 0, 0)  # a day after the reminder that was due on the 13th
    bot.app = await start_bot(bot.api, bot.settings, answerer, bot.errors)  # type: ignore[attr-defined]
    on_the_day = dt.datetime(2026, 3, 15, 9, 0, tzinfo=SH).timestamp()
    store = bot.services().state
    await bot.api.wait_for(lambda: [r.next_at for r in store.reminders(user.id)] == [on_the_day]
                           and len(reminder_jobs(bot.app)) == 1, timeout=5)


async def test_forget_removes_reminders_and_their_jobs(bot, user, clock) -> None:
    clock.set(2026, 3, 13, 8, 59, 56)
    await bot.say(user, "每月15号提醒我还招行信用卡")
    since = len(bot.api.sent)
    reply = await bot.say(user, "/forget")
    assert "1 条记录" in reply.plain
    await bot.api.wait_for(lambda: not reminder_jobs(bot.app))
    assert bot.services().state.reminders(user.id) == []
    await asyncio.sleep(5)  # past the moment it would have fired
    assert not [s for s in bot.api.messages(user.id, since) if is_reminder(s)]


async def test_remind_command_and_what_is_not_a_reminder(bot, user, en_user, clock) -> None:
    clock.set(2026, 3, 11, 10, 0, 0)
    assert "每月15号提醒我还招行信用卡" in (await bot.say(user, "/remind")).plain
    set_by_command = await bot.say(user, "/remind 每月8号 还微粒贷")
    assert "每月8号还款" in set_by_command.plain and "还微粒贷" in set_by_command.plain
    english = await bot.say(en_user, "remind me to pay my credit card on the 15th of every month at 8pm")
    assert "due on the 15th of every month: reminders 2 days before and on the day at 20:00" in english.plain
    assert "已经过了" in (await bot.say(user, "2026-01-05提醒我还款")).plain
    await bot.say(user, "银行会提醒我还款吗？")  # a question for the answer engine, not a reminder
    assert len(bot.services().state.reminders(user.id)) == 1
    crisis = await bot.say(user, "每月15号提醒我还款，反正我也不想活了")
    assert "12356" in crisis.plain and len(bot.services().state.reminders(user.id)) == 1
