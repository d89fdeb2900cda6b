"""Telegram: repayment reminders — "每月15号提醒我还招行信用卡" or /remind, /reminders (with delete buttons), and
/forget removes them with everything else. Private chats only.

The engine reads the request and computes the times (bot/engine/remind.py); the state store keeps each reminder
(bot/telegram/state.py), so they survive restarts; PTB's JobQueue fires them: one job per reminder, named
"reminder:<id>", re-planned after each firing. A firing re-reads its reminder first, so a deleted one never fires.
A reminder missed while the bot was down is sent on start if at most GRACE_SECONDS late; older ones skip ahead.

    reminders.wire(app)      # handlers (before the plain-text handler) and the restore job
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.engine import remind
from bot.telegram import compute
from bot.telegram.formatting import button_text, callback
from bot.telegram.services import in_group, language, reply_html, services
from bot.telegram.state import Reminder
from bot.telegram.texts import say

log = logging.getLogger("finbot.telegram")

# Seconds since the epoch, as the reminders see it. Tests replace it to move time (time.time otherwise).
clock: Callable[[], float] = time.time
MAX_PER_USER = 10
GRACE_SECONDS = 6 * 3600
SYNC_SECONDS = 60
JOB_PREFIX = "reminder:"
_NO_LIMIT = {"misfire_grace_time": None}  # APScheduler: run a job however late its loop got to it


class _AsksForReminder(filters.MessageFilter):
    """A plain-text request for a reminder ("每月15号提醒我还信用卡"), not a question about reminders."""

    def filter(self, message: Message) -> bool:
        return bool(message.text) and remind.wants_reminder(message.text or "")


def wire(app: Application) -> None:  # type: ignore[type-arg]
    message = filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler("remind", remind_command, filters=message))
    app.add_handler(CommandHandler("reminders", list_command, filters=message))
    app.add_handler(MessageHandler(_AsksForReminder() & ~filters.COMMAND & filters.ChatType.PRIVATE & message,
                                   from_text))
    app.add_handler(CallbackQueryHandler(delete_pressed, pattern=r"^rm:del:\d+$"))
    app.add_handler(CallbackQueryHandler(cant_pay_pressed, pattern=r"^rm:hub:(zh|en):\w+$"))
    # /forget (handlers.forget, group 0) deletes the rows; this removes their scheduled jobs.
    app.add_handler(CommandHandler("forget", forget_jobs, filters=message), group=1)
    if app.job_queue is not None:
        app.job_queue.run_once(_restore, 0, name="reminders:restore", job_kwargs=_NO_LIMIT)
        # Workers sharing one store: pick up reminders set (or deleted) through another worker.
        app.job_queue.run_repeating(_sync, interval=SYNC_SECONDS, first=SYNC_SECONDS, name="reminders:sync")


# ------------------------------------------------------------------ setting one


async def remind_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/remind 每月15号 招行信用卡` sets it; bare /remind explains how, with examples."""
    lang = language(update, context)
    if in_group(update):
        await reply_html(update, say(lang, "remind_private"))
        return
    text = " ".join(context.args or [])
    if not text:
        await reply_html(update, say(lang, "remind_help", days=remind.DEFAULT_DAYS_BEFORE))
        return
    await _set(update, context, text, lang)


async def from_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """"每月15号提醒我还招行信用卡": set it and confirm. A crisis signal in the same message gets the crisis reply."""
    message = update.effective_message
    if message is None or not message.text:
        return
    svc = services(context)
    if await svc.compute(compute.is_crisis, message.text):
        from bot.telegram.handlers import answer_question

        await answer_question(update, context, message.text)
        return
    await _set(update, context, message.text, language(update, context, message.text))


async def _set(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, lang: str) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    svc = services(context)
    now = _now()
    try:
        request = remind.parse(text, now, lang)
    except remind.ReminderError as exc:
        await reply_html(update, say(lang, f"remind_{exc.code}"))
        return
    if request is None:
        await reply_html(update, say(lang, "remind_help", days=remind.DEFAULT_DAYS_BEFORE))
        return
    existing = await svc.run(svc.state.reminders, user.id)
    if len(existing) >= MAX_PER_USER:
        await reply_html(update, say(lang, "remind_too_many", n=len(existing), max=MAX_PER_USER))
        return
    nxt = request.schedule.next_fire(now)
    assert nxt is not None  # parse() raised date_passed otherwise
    rid = await svc.run(lambda: svc.state.add_reminder(user.id, chat.id, lang, request.label,
                                                       request.schedule.to_dict(), nxt[0].timestamp()))
    _schedule(context.application, rid, nxt[0].timestamp(), user.id, chat.id)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(say(lang, "reminder_cancel_button"),
                                                         callback_data=callback("rm", "del", rid))]])
    await reply_html(update, say(lang, "remind_set", rule=describe(request.schedule, lang), label=request.label,
                                 next=when_text(nxt[0], request.schedule, lang)), markup)


# ------------------------------------------------------------------ listing and deleting


async def list_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Your reminders, each with the next time it fires, and a delete button per reminder."""
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    lang = language(update, context)
    html, markup = _listing(await svc.run(svc.state.reminders, user.id), lang)
    await reply_html(update, html, markup)


def _listing(items: list[Reminder], lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
    if not items:
        return say(lang, "reminders_none"), None
    lines, rows = [say(lang, "reminders_head")], []
    for n, r in enumerate(items, 1):
        schedule = remind.Schedule.from_dict(r.schedule)
        nxt = dt.datetime.fromtimestamp(r.next_at, tz=schedule.zone) if r.next_at else None
        lines.append(say(lang, "reminder_line", n=n, label=r.label, rule=describe(schedule, lang),
                         next=when_text(nxt, schedule, lang) if nxt else "—"))
        rows.append([InlineKeyboardButton(button_text(f"{say(lang, 'reminder_delete_button', n=n)} · {r.label}"),
                                          callback_data=callback("rm", "del", r.id))])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


async def delete_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """🗑: deletes the reminder (only one's own) and its job; the list it was pressed on is redrawn."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and query.data is not None and user is not None
    rid = int(query.data.split(":")[2])
    svc = services(context)
    lang = language(update, context)
    deleted = await svc.run(svc.state.delete_reminder, rid, user.id)
    _unschedule(context.application, lambda job: job.name == f"{JOB_PREFIX}{rid}")
    await query.answer(_plain(say(lang, "reminder_deleted" if deleted else "reminder_gone")))
    if query.message is None:
        return
    html, markup = _listing(await svc.run(svc.state.reminders, user.id), lang)
    try:
        await query.edit_message_text(html, parse_mode=ParseMode.HTML, reply_markup=markup)
    except TelegramError as exc:  # too old to edit, or unchanged: the deletion stands
        log.info("could not redraw the reminder list: %s", exc.__class__.__name__)


async def forget_jobs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After /forget deleted the user's rows: drop their scheduled jobs too."""
    user = update.effective_user
    if user is not None:
        _unschedule(context.application, lambda job: job.user_id == user.id)


async def cant_pay_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """"还不上怎么办？" under a reminder: the answer to that question for the kind of debt (its situation hub)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    _, _, lang, kind = query.data.split(":")
    await query.answer()
    from bot.telegram.handlers import answer_question

    await answer_question(update, context, remind.hub_question(kind, lang), echo=True)


# ------------------------------------------------------------------ firing


def _schedule(app: Application, rid: int, at: float, user_id: int | None, chat_id: int) -> None:  # type: ignore[type-arg]
    if app.job_queue is None:
        return
    _unschedule(app, lambda job: job.name == f"{JOB_PREFIX}{rid}")
    app.job_queue.run_once(_fire, max(0.0, at - clock()), data=rid, name=f"{JOB_PREFIX}{rid}", chat_id=chat_id,
                           user_id=user_id, job_kwargs=_NO_LIMIT)


def _unschedule(app: Application, which: Callable[..., bool]) -> None:  # type: ignore[type-arg]
    if app.job_queue is None:
        return
    for job in app.job_queue.jobs():
        if (job.name or "").startswith(JOB_PREFIX) and which(job):
            job.schedule_removal()


async def _fire(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send one reminder, then plan the next (a one-off with none left is deleted).

    The store moves the reminder to its next time before it is sent (claim_reminder): of several workers sharing
    the store, only the one whose claim succeeds sends it; the others just plan the next time."""
    job = context.job
    assert job is not None
    svc = services(context)
    r = await svc.run(svc.state.reminder, int(job.data))  # type: ignore[arg-type]
    if r is None or r.next_at is None:
        return  # deleted since it was planned
    schedule = remind.Schedule.from_dict(r.schedule)
    fire = dt.datetime.fromtimestamp(r.next_at, tz=schedule.zone)
    nxt = schedule.next_fire(max(fire, _now()))
    next_at = nxt[0].timestamp() if nxt is not None else None
    if not await svc.run(svc.state.claim_reminder, r.id, r.next_at, next_at):
        now = await svc.run(svc.state.reminder, r.id)  # sent by another worker, or changed meanwhile
        if now is not None and now.next_at is not None:
            _schedule(context.application, now.id, now.next_at, job.user_id, now.chat_id)
        return
    planned = schedule.next_fire(fire - dt.timedelta(seconds=1))
    due = planned[1] if planned else fire.date()
    kind = remind.debt_kind(r.label)
    markup = InlineKeyboardMarkup([
        [InlineKeyboardButton(button_text("❓ " + remind.hub_question(kind, r.lang)),
                              callback_data=callback("rm", "hub", r.lang, kind))],
        [InlineKeyboardButton(say(r.lang, "reminder_cancel_button"), callback_data=callback("rm", "del", r.id))],
    ])
    try:
        await context.bot.send_message(r.chat_id, say(r.lang, "reminder_fire", label=r.label,
                                                      due=date_text(due, r.lang), when=days_text(fire, due, r.lang)),
                                       parse_mode=ParseMode.HTML, reply_markup=markup)
    except TelegramError as exc:  # e.g. the user blocked the bot: this reminder is lost, the next one is planned
        log.info("reminder %s not delivered: %s", r.id, exc.__class__.__name__)
    if next_at is None:
        await svc.run(svc.state.delete_reminder, r.id)
    else:
        _schedule(context.application, r.id, next_at, job.user_id, r.chat_id)


async def _plan_next(app: Application, r: Reminder, schedule: remind.Schedule, after: dt.datetime,  # type: ignore[type-arg]
                     user_id: int | None) -> None:
    svc = app.bot_data["services"]
    nxt = schedule.next_fire(after)
    if nxt is None:
        await svc.run(svc.state.delete_reminder, r.id)
        return
    await svc.run(svc.state.set_reminder_next, r.id, nxt[0].timestamp())
    _schedule(app, r.id, nxt[0].timestamp(), user_id, r.chat_id)


async def _restore(context: ContextTypes.DEFAULT_TYPE) -> None:
    """On start: plan every stored reminder; one missed by at most GRACE_SECONDS fires now, older ones skip ahead."""
    svc = services(context)
    for r in await svc.run(svc.state.reminders):
        await _plan_stored(context.application, r)


async def _plan_stored(app: Application, r: Reminder) -> None:  # type: ignore[type-arg]
    if r.next_at is None:
        return
    if r.next_at >= clock() - GRACE_SECONDS:
        _schedule(app, r.id, r.next_at, None, r.chat_id)
        return
    await _plan_next(app, r, remind.Schedule.from_dict(r.schedule), _now(), None)


async def _sync(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plan every stored reminder that has no job here, and drop the jobs of reminders gone from the store."""
    app = context.application
    if app.job_queue is None:
        return
    svc = services(context)
    stored = {r.id: r for r in await svc.run(svc.state.reminders) if r.next_at is not None}
    planned = {job.name for job in app.job_queue.jobs() if (job.name or "").startswith(JOB_PREFIX)}
    for rid, r in stored.items():
        if f"{JOB_PREFIX}{rid}" not in planned:
            await _plan_stored(app, r)
    _unschedule(app, lambda job: job.name.removeprefix(JOB_PREFIX).isdigit()
                and int(job.name.removeprefix(JOB_PREFIX)) not in stored)


# ------------------------------------------------------------------ words


def _now() -> dt.datetime:
    return dt.datetime.fromtimestamp(clock(), tz=ZoneInfo("UTC"))


def describe(schedule: remind.Schedule, lang: str) -> str:
    """"每月15号还款，提前2天和当天 09:00 提醒（北京时间）" / "due on the 15th of every month: …"."""
    at = schedule.at.strftime("%H:%M")
    zone = ("北京时间" if lang == "zh" else "Beijing time") if schedule.tz == remind.DEFAULT_TZ else schedule.tz
    k = schedule.days_before
    if lang == "zh":
        due = f"每月{schedule.day}号还款" if schedule.kind == "monthly" else f"{date_text(schedule.date, lang)}还款"
        when = f"提前{k}天和当天" if k else "当天"
        return f"{due}，{when} {at} 提醒（{zone}）"
    due = f"due on the {_ordinal(schedule.day or 0)} of every month" if schedule.kind == "monthly" \
        else f"due on {date_text(schedule.date, lang)}"
    when = f"{k} day{'s' if k != 1 else ''} before and on the day" if k else "on the day"
    return f"{due}: reminders {when} at {at} ({zone})"


def date_text(date: dt.date | None, lang: str) -> str:
    if date is None:
        return "—"
    return f"{date.year}年{date.month}月{date.day}日" if lang == "zh" else date.strftime("%d %B %Y").lstrip("0")


def when_text(moment: dt.datetime, schedule: remind.Schedule, lang: str) -> str:
    local = moment.astimezone(schedule.zone)
    return f"{date_text(local.date(), lang)} {local.strftime('%H:%M')}"


def days_text(fire: dt.datetime, due: dt.date, lang: str) -> str:
    """How far the due date is from the reminder (fire is in the schedule's time zone)."""
    days = (due - fire.date()).days
    if lang == "zh":
        return {0: "就是今天", 1: "明天", 2: "后天"}.get(days, f"还有{days}天")
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _plain(html_text: str) -> str:
    from bot.telegram.formatting import visible

    return visible(html_text)[:200]
