"""Repayment reminders: a request in plain words → a schedule, and when it fires. Pure: no Telegram, no storage.

    req = parse("每月15号提醒我还招行信用卡", now)     # Request(schedule, label, lang), or None: not a request
    req.schedule.next_fire(now)                        # (when, due date) in the schedule's time zone, or None
    hub_question(debt_kind(req.label), "zh")           # "信用卡这期还不上怎么办？": the answer linked near the due date

The date named is the due date. A reminder fires `days_before` days before it (default 2) and again on the day,
at the time named (default 09:00), in the user's time zone (default Asia/Shanghai; "Europe/Berlin" or "UTC+1" in
the message sets another). "每月N号" is monthly (a short month uses its last day); a date ("3月20日", "2026-03-20",
"明天", "20号") is one-off. A request that cannot be scheduled raises ReminderError with a code the face explains.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.engine import words

DEFAULT_TZ = "Asia/Shanghai"
DEFAULT_TIME = dt.time(9, 0)
DEFAULT_DAYS_BEFORE = 2
MAX_DAYS_BEFORE = 10
MAX_LABEL = 40

_NUM = r"(\d{1,4}|[零一二两三四五六七八九十廿卅]{1,3})"
_ASK_REMINDER = r"提醒我|提醒一下|请提醒|帮我(?:设|定|建)?(?:个|一个)?提醒|设(?:个|一个|置)?(?:还款)?提醒|叫我"
_INTENT = re.compile(_ASK_REMINDER + r"|别让我忘|"
                     r"\bremind me\b|\bset (?:up )?(?:a )?reminder\b|\breminder\b", re.IGNORECASE)
# "银行会提醒我吗": a question about reminders, not a request for one (unless it names a date for us to use).
_QUESTION = re.compile(r"(?:会|能|可以|会不会|能不能|是不是)(?:不)?(?:会)?(?:提前)?提醒.*[吗么?？]\s*$|"
                       r"\b(?:will|does|do|can) (?:the |my )?(?:bank|lender|app|they)\b.*\bremind", re.IGNORECASE)
_MONTHLY_ZH = re.compile(r"每(?:个)?月(?:的)?\s*" + _NUM + r"\s*(?:号|日)")
_MONTHLY_EN = re.compile(
    r"(?:on )?the (\d{1,2})(?:st|nd|rd|th)?(?: day)?(?: of)? (?:every|each) month|"
    r"(?:every|each) month on the (\d{1,2})(?:st|nd|rd|th)?|monthly on the (\d{1,2})(?:st|nd|rd|th)?|"
    r"(?:every|each) (\d{1,2})(?:st|nd|rd|th)?(?: of the month)?", re.IGNORECASE)
_YMD = re.compile(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*[日号]?")
_MD_ZH = re.compile(_NUM + r"\s*月(?:份)?\s*" + _NUM + r"\s*[日号]")
_DAY_ZH = re.compile(r"(?<![月\d])" + _NUM + r"\s*(?:号|日)(?!前)")
_RELATIVE = {"今天": 0, "明天": 1, "后天": 2, "大后天": 3, "today": 0, "tomorrow": 1, "the day after tomorrow": 2}
_RELATIVE_RE = re.compile(r"大后天|后天|明天|今天|the day after tomorrow|tomorrow|today", re.IGNORECASE)
_MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MD_EN = re.compile(r"\b(?:on )?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?\b|"
                    r"\b(?:on )?(?:the )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?"
                    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_TIME_ZH = re.compile(r"(早上|早晨|上午|中午|下午|傍晚|晚上|夜里)?\s*" + _NUM
                      + r"\s*(?:点|时)(?!前)\s*(半|一刻|三刻|(\d{1,2})\s*分?)?")
_TIME_HM = re.compile(r"(?<![\d:])([01]?\d|2[0-3])[:：]([0-5]\d)(?![\d:])")
_TIME_EN = re.compile(r"\b(?:at )?(\d{1,2})(?::([0-5]\d))?\s*(am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)
_BEFORE_ZH = re.compile(r"提前\s*" + _NUM + r"\s*天")
_BEFORE_EN = re.compile(r"\b(\d{1,2}|one|two|three|four|five|six|seven) days? (?:before|ahead|early|in advance)\b",
                        re.IGNORECASE)
_SAME_DAY = re.compile(r"当天|当日|\bon the day\b|\bsame day\b", re.IGNORECASE)
_TZ_IANA = re.compile(r"\b([A-Z][A-Za-z_]+/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?)\b")
_TZ_UTC = re.compile(r"\b(?:UTC|GMT)\s*([+-])\s*(\d{1,2})\b", re.IGNORECASE)
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_FILLER = re.compile(_ASK_REMINDER + r"|别让我忘(?:了)?|"
                     r"请|帮我|一下|记得|的时候|到时候|(?:还款日|到期日)?是|在|\bremind me\b(?: to)?|\bplease\b|"
                     r"\bset (?:up )?(?:a )?reminder\b(?: to)?|\bon\b|\bat\b|\bto\b|\bfor\b|\bmy\b(?= reminder)",
                     re.IGNORECASE)


class ReminderError(ValueError):
    """A reminder request that cannot be scheduled; `code` says why (the face explains it in the user's words)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code  # date_passed | bad_day | bad_date | bad_time | bad_zone


@dataclass(frozen=True)
class Schedule:
    kind: str  # "monthly" | "once"
    day: int | None  # monthly: the due day of the month (a shorter month uses its last day)
    date: dt.date | None  # once: the due date
    at: dt.time
    days_before: int
    tz: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    def fires_for(self, due: dt.date) -> list[dt.datetime]:
        """The reminders for one due date: `days_before` days before it, and on the day."""
        days = sorted({self.days_before, 0}, reverse=True)
        return [dt.datetime.combine(due - dt.timedelta(days=d), self.at, tzinfo=self.zone) for d in days]

    def dues(self, start: dt.date) -> Iterator[dt.date]:
        if self.kind == "once":
            assert self.date is not None
            yield self.date
            return
        assert self.day is not None
        year, month = start.year, start.month
        for _ in range(25):
            yield dt.date(year, month, min(self.day, calendar.monthrange(year, month)[1]))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def next_fire(self, after: dt.datetime) -> tuple[dt.datetime, dt.date] | None:
        """The first reminder strictly after `after`, with the due date it is for; None when none is left."""
        local = after.astimezone(self.zone)
        start = (local - dt.timedelta(days=31)).date()
        for due in self.dues(start):
            for fire in self.fires_for(due):
                if fire > after:
                    return fire, due
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "day": self.day, "date": self.date.isoformat() if self.date else None,
                "at": self.at.strftime("%H:%M"), "days_before": self.days_before, "tz": self.tz}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Schedule:
        hour, minute = (int(x) for x in str(data["at"]).split(":"))
        date = dt.date.fromisoformat(data["date"]) if data.get("date") else None
        return cls(str(data["kind"]), data.get("day"), date, dt.time(hour, minute), int(data["days_before"]),
                   str(data["tz"]))


@dataclass(frozen=True)
class Request:
    schedule: Schedule
    label: str  # what to repay, in the user's words ("还招行信用卡")
    lang: str


def wants_reminder(text: str) -> bool:
    """A request for a reminder ("每月15号提醒我还信用卡", "remind me on the 15th of every month"), not a question
    about reminders ("银行会提醒我还款吗")."""
    if not _INTENT.search(text):
        return False
    if _QUESTION.search(text):
        return False
    return _has_date(text) or bool(re.match(r"\s*(?:请)?(?:提醒我|remind me)", text, re.IGNORECASE))


def _has_date(text: str) -> bool:
    return any(p.search(text) for p in (_MONTHLY_ZH, _MONTHLY_EN, _YMD, _MD_ZH, _DAY_ZH, _RELATIVE_RE, _MD_EN))


def _int(token: str | None) -> int | None:
    if token is None:
        return None
    if token.isdigit():
        return int(token)
    from bot.understand import parse_number

    token = token.replace("廿", "二十").replace("卅", "三十")
    value = parse_number(token)
    return int(value) if value is not None and value == int(value) else None


def parse(text: str, now: dt.datetime, lang: str = "zh", default_tz: str = DEFAULT_TZ) -> Request | None:
    """The reminder a message asks for, or None when it asks for none (or names no date: ask for one).

    `now` (aware) decides which "15号" or "3月20日" is meant: the next one."""
    if not _has_date(text):
        return None
    taken: list[tuple[int, int]] = []
    tz = _zone(text, default_tz, taken)
    local_now = now.astimezone(ZoneInfo(tz))
    at = _time(text, taken)
    days_before = _days_before(text, taken)
    kind, day, date = _date(text, local_now.date(), taken)
    schedule = Schedule(kind, day, date, at, days_before, tz)
    if schedule.next_fire(now) is None:
        raise ReminderError("date_passed")
    return Request(schedule, _label(text, taken, lang), lang)


def _take(m: re.Match[str], taken: list[tuple[int, int]]) -> re.Match[str]:
    taken.append(m.span())
    return m


def _zone(text: str, default: str, taken: list[tuple[int, int]]) -> str:
    m = _TZ_UTC.search(text)
    if m:
        hours = int(m.group(2))
        if hours > 14:
            raise ReminderError("bad_zone")
        _take(m, taken)
        return "Etc/GMT" + ("-" if m.group(1) == "+" else "+") + str(hours) if hours else "UTC"
    m = _TZ_IANA.search(text)
    if m:
        try:
            ZoneInfo(m.group(1))
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ReminderError("bad_zone") from exc
        _take(m, taken)
        return m.group(1)
    return default


def _time(text: str, taken: list[tuple[int, int]]) -> dt.time:
    m = _TIME_HM.search(text)
    if m:
        _take(m, taken)
        return dt.time(int(m.group(1)), int(m.group(2)))
    m = _TIME_EN.search(text)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if not 1 <= hour <= 12:
            raise ReminderError("bad_time")
        pm = m.group(3).lower().startswith("p")
        _take(m, taken)
        return dt.time(hour % 12 + (12 if pm else 0), minute)
    m = _TIME_ZH.search(text)
    if m:
        hour = _int(m.group(2))
        if hour is None or hour > 24:
            raise ReminderError("bad_time")
        if m.group(1) in ("下午", "傍晚", "晚上", "夜里") and hour < 12:
            hour += 12
        if m.group(1) == "中午" and hour < 6:
            hour += 12
        extra = m.group(3) or ""
        minute = {"半": 30, "一刻": 15, "三刻": 45}.get(extra, int(m.group(4)) if m.group(4) else 0)
        if hour == 24 or minute > 59:
            raise ReminderError("bad_time")
        _take(m, taken)
        return dt.time(hour, minute)
    return DEFAULT_TIME


def _days_before(text: str, taken: list[tuple[int, int]]) -> int:
    m = _BEFORE_ZH.search(text) or _BEFORE_EN.search(text)
    if m:
        token = m.group(1).lower()
        days = _EN_NUMBERS.get(token) or _int(token)
        _take(m, taken)
        return max(0, min(days or 0, MAX_DAYS_BEFORE))
    m = _SAME_DAY.search(text)
    if m:
        _take(m, taken)
        return 0
    return DEFAULT_DAYS_BEFORE


def _valid_day(day: int | None) -> int:
    if day is None or not 1 <= day <= 31:
        raise ReminderError("bad_day")
    return day


def _date(text: str, today: dt.date, taken: list[tuple[int, int]]) -> tuple[str, int | None, dt.date | None]:
    m = _MONTHLY_ZH.search(text) or _MONTHLY_EN.search(text)
    if m:
        _take(m, taken)
        return "monthly", _valid_day(_int(next(g for g in m.groups() if g))), None
    m = _YMD.search(text)
    if m:
        _take(m, taken)
        return "once", None, _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _MD_ZH.search(text) or _MD_EN.search(text)
    if m:
        _take(m, taken)
        if m.re is _MD_ZH:
            month, day = _int(m.group(1)), _int(m.group(2))
        elif m.group(1):
            month, day = _MONTHS_EN.index(m.group(1).lower()[:3]) + 1, int(m.group(2))
        else:
            month, day = _MONTHS_EN.index(m.group(4).lower()[:3]) + 1, int(m.group(3))
        if month is None or day is None:
            raise ReminderError("bad_date")
        date = _make_date(today.year, month, day)
        return "once", None, date if date >= today else _make_date(today.year + 1, month, day)
    m = _RELATIVE_RE.search(text)
    if m:
        _take(m, taken)
        return "once", None, today + dt.timedelta(days=_RELATIVE[m.group(0).lower()])
    m = _DAY_ZH.search(text)
    assert m is not None  # _has_date said so
    _take(m, taken)
    day = _valid_day(_int(m.group(1)))
    year, month = today.year, today.month
    for _ in range(3):  # the next "20号": this month's, else the next month that has one
        if day <= calendar.monthrange(year, month)[1] and dt.date(year, month, day) >= today:
            return "once", None, dt.date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise ReminderError("bad_day")


def _make_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ReminderError("bad_date") from exc


def _label(text: str, taken: list[tuple[int, int]], lang: str) -> str:
    """What the reminder is for: the message without its date, time, zone and request words."""
    kept = "".join(" " if any(a <= i < b for a, b in taken) else ch for i, ch in enumerate(text))
    kept = _FILLER.sub(" ", kept)
    kept = re.sub(r"^/remind(?:@\w+)?", " ", kept.strip())
    kept = re.sub(r"[\s,，。.!！?？:：;；、]+", " ", kept).strip(" ,，的")
    if not kept:
        return "还款" if lang == "zh" else "repayment"
    return kept if len(kept) <= MAX_LABEL else kept[: MAX_LABEL - 1] + "…"


_HUB_QUESTIONS = {
    "credit_card": ("信用卡这期还不上怎么办？", "I can't pay my credit card this month. What should I do?"),
    "online_loan": ("网贷这期还不上怎么办？", "I can't pay my online loan this month. What should I do?"),
    "pay_later": ("花呗这期还不上怎么办？", "I missed my Huabei payment. What should I do now?"),
    "platform": ("借呗这期还不上怎么办？",
                 "My Jiebei or Weilidai loan is overdue and I can't repay this month. What should I do?"),
    "bank_loan": ("银行贷款这期还不上怎么办？", "I can't pay my bank loan this month. What should I do?"),
    "private": ("欠朋友的钱到期还不上怎么办？", "I can't repay a friend on time. What should I do?"),
}


def debt_kind(label: str) -> str:
    """The kind of debt a reminder names (a key of the hub questions), or "any"."""
    products = words.products(label)
    kind = next((p for p in ("credit_card", "platform", "online_loan", "bank_loan", "private") if p in products), "any")
    return "pay_later" if kind == "platform" and re.search(r"花呗|白条|月付|huabei|baitiao", label, re.I) else kind


_ANY_DEBT = ("这期贷款还不上了，先做什么？", "I can't make this month's repayment. What should I do?")


def hub_question(kind: str, lang: str) -> str:
    """The "can't pay" question for a kind of debt: its answer is the situation hub (what to do first)."""
    zh, en = _HUB_QUESTIONS.get(kind, _ANY_DEBT)
    return zh if lang == "zh" else en
