"""Reminder requests in plain words, and when they fire (bot/engine/remind.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.engine import remind
from bot.engine.remind import ReminderError, Schedule

SH = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 3, 11, 10, 0, tzinfo=SH)


def at(*args: int, tz: ZoneInfo = SH) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz)


@pytest.mark.parametrize(("text", "kind", "day", "date", "time", "before", "label"), [
    ("每月15号提醒我还招行信用卡", "monthly", 15, None, "09:00", 2, "还招行信用卡"),
    ("每个月5号晚上8点提醒我还花呗，提前3天", "monthly", 5, None, "20:00", 3, "还花呗"),
    ("每月二十号早上七点半提醒我还网贷", "monthly", 20, None, "07:30", 2, "还网贷"),
    ("每月15号当天提醒我还微粒贷", "monthly", 15, None, "09:00", 0, "还微粒贷"),
    ("3月20日提醒我还借条的钱", "once", None, "2026-03-20", "09:00", 2, "还借条的钱"),
    ("2026-04-01 21:15 提醒我还款", "once", None, "2026-04-01", "21:15", 2, "还款"),
    ("明天下午3点提醒我还借呗", "once", None, "2026-03-12", "15:00", 2, "还借呗"),
    ("20号提醒我还钱", "once", None, "2026-03-20", "09:00", 2, "还钱"),
    ("remind me to pay my credit card on the 15th of every month at 8pm", "monthly", 15, None, "20:00", 2,
     "pay my credit card"),
    ("remind me on March 20 to repay Jiebei, 1 day before", "once", None, "2026-03-20", "09:00", 1, "repay Jiebei"),
])
def test_requests_become_schedules(text: str, kind: str, day: int | None, date: str | None, time: str, before: int,
                                   label: str) -> None:
    assert remind.wants_reminder(text)
    req = remind.parse(text, NOW, "en" if text.isascii() else "zh")
    assert req is not None
    got = req.schedule.to_dict()
    assert (got["kind"], got["day"], got["date"], got["at"], got["days_before"], req.label) == \
        (kind, day, date, time, before, label)
    assert got["tz"] == "Asia/Shanghai"


@pytest.mark.parametrize("text", ["银行会提醒我还款吗？", "信用卡还款日前会有提醒吗", "逾期三天会上征信吗",
                                  "will the bank remind me before the due date?"])
def test_questions_about_reminders_are_not_requests(text: str) -> None:
    assert not remind.wants_reminder(text)


def test_a_monthly_reminder_fires_days_before_and_on_the_day_every_month() -> None:
    s = remind.parse("每月15号提醒我还信用卡", NOW).schedule
    fires = []
    after = NOW
    for _ in range(4):
        when, due = s.next_fire(after)
        fires.append((when, due))
        after = when
    assert fires == [(at(2026, 3, 13, 9, 0), dt.date(2026, 3, 15)), (at(2026, 3, 15, 9, 0), dt.date(2026, 3, 15)),
                     (at(2026, 4, 13, 9, 0), dt.date(2026, 4, 15)), (at(2026, 4, 15, 9, 0), dt.date(2026, 4, 15))]


def test_the_31st_falls_on_the_last_day_of_a_short_month_and_reminders_cross_into_the_month_before() -> None:
    s = Schedule("monthly", 31, None, dt.time(9), 2, "Asia/Shanghai")
    assert s.next_fire(at(2026, 2, 1, 0, 0)) == (at(2026, 2, 26, 9, 0), dt.date(2026, 2, 28))
    s1 = Schedule("monthly", 1, None, dt.time(9), 3, "Asia/Shanghai")
    assert s1.next_fire(at(2026, 3, 2, 0, 0)) == (at(2026, 3, 29, 9, 0), dt.date(2026, 4, 1))


def test_times_are_in_the_users_zone_across_daylight_saving() -> None:
    req = remind.parse("每月30号提醒我还信用卡 Europe/Berlin", NOW)
    berlin = ZoneInfo("Europe/Berlin")
    when, _ = req.schedule.next_fire(NOW)
    assert when == dt.datetime(2026, 3, 28, 9, 0, tzinfo=berlin)  # before the clocks change (29 March)
    assert when.utcoffset() == dt.timedelta(hours=1)
    later, _ = req.schedule.next_fire(when)
    assert later == dt.datetime(2026, 3, 30, 9, 0, tzinfo=berlin) and later.utcoffset() == dt.timedelta(hours=2)
    assert remind.parse("每月15号提醒我还款 UTC+9", NOW).schedule.tz == "Etc/GMT-9"


def test_a_one_off_reminder_ends_and_a_past_date_is_refused() -> None:
    s = remind.parse("3月20日提醒我还借条的钱", NOW).schedule
    assert s.next_fire(at(2026, 3, 20, 9, 0)) is None
    with pytest.raises(ReminderError) as err:
        remind.parse("2026-01-05提醒我还款", NOW)
    assert err.value.code == "date_passed"


@pytest.mark.parametrize(("text", "code"), [("每月32号提醒我还款", "bad_day"), ("2026-02-30提醒我还款", "bad_date"),
                                            ("每月15号提醒我还款 Mars/Olympus", "bad_zone"),
                                            ("每月15号25点提醒我还款", "bad_time")])
def test_impossible_requests_say_what_is_wrong(text: str, code: str) -> None:
    with pytest.raises(ReminderError) as err:
        remind.parse(text, NOW)
    assert err.value.code == code


def test_a_request_without_a_date_asks_for_one() -> None:
    assert remind.wants_reminder("提醒我还信用卡")
    assert remind.parse("提醒我还信用卡", NOW) is None


def test_a_schedule_survives_a_round_trip_through_storage() -> None:
    s = remind.parse("每个月5号晚上8点提醒我还花呗，提前3天", NOW).schedule
    assert Schedule.from_dict(s.to_dict()) == s


@pytest.mark.parametrize(("label", "question"), [
    ("还招行信用卡", "信用卡这期还不上怎么办？"), ("还花呗", "花呗这期还不上怎么办？"),
    ("还借呗", "借呗这期还不上怎么办？"), ("还网贷", "网贷这期还不上怎么办？"),
    ("还借条的钱", "欠朋友的钱到期还不上怎么办？"), ("还款", "这期贷款还不上了，先做什么？"),
])
def test_near_the_due_date_the_linked_answer_is_for_that_kind_of_debt(label: str, question: str) -> None:
    assert remind.hub_question(remind.debt_kind(label), "zh") == question
