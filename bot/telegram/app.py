"""Build the python-telegram-bot Application and wire ALL handlers in one place.

    app = build_application(settings, EnginePool(settings, 2))   # the engine in worker processes, warm before ready
    app = build_application(settings, answerer)       # or an Answerer opened by the caller: threads (tests)
    app.run_polling()                                 # or app.run_webhook(**webhook_params(url, ...))

Tests and benchmarks drive it without signals: `await start(app)` … `await stop(app)`.
Bot API base URLs come from TELEGRAM_API_BASE_URL / TELEGRAM_API_BASE_FILE_URL (a self-hosted Bot API
server, or the fake one in tests).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.engine.answer import Answerer
from bot.telegram import admin, calc_flow, check, debts, handlers, letters, reminders
from bot.telegram.cache import open_cache
from bot.telegram.pool import LocalEngine
from bot.telegram.services import Engine, PerUserProcessor, Services
from bot.telegram.sessions import Sessions
from bot.telegram.state import StateStore, open_state
from bot.telegram.texts import ADMIN_COMMANDS, COMMANDS, say

log = logging.getLogger("finbot.telegram")

PURGE_EVERY_SECONDS = 6 * 3600
HTTP_CONNECTIONS = 16


def build_application(settings: Any, engine: Answerer | Engine, state: StateStore | None = None) -> Application:
    """The Application with every handler, the error handler, concurrency and state wired in. `engine`: where
    answers are computed (bot/telegram/pool.py); a bare Answerer runs in threads of this process."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else None
    if not token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and put it in .env")
    state = state or open_state(settings)
    sessions = Sessions(open_cache(settings), state.user_hash, memory_ttl=settings.memory_minutes * 60)
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_base_file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .concurrent_updates(PerUserProcessor(sessions, cap=settings.queue_per_user))
        # Outbound flood control: Telegram allows about 30 messages a second overall and 20 a minute per group;
        # a reply over the limit waits instead of failing (and is retried after a RetryAfter).
        .rate_limiter(AIORateLimiter(overall_max_rate=settings.send_per_second, max_retries=2))
        # httpx scans every pooled connection on each request: a few busy connections beat hundreds of idle
        # ones (with PTB's default of 256 that scan took half the CPU under load).
        .connection_pool_size(HTTP_CONNECTIONS)
        .pool_timeout(30.0)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    app.bot_data["services"] = Services(
        engine=LocalEngine(engine) if isinstance(engine, Answerer) else engine,
        state=state,
        sessions=sessions,
        settings=settings,
        admin_ids=frozenset(settings.admin_ids),
    )
    sessions.bot = app.bot
    wire(app)
    return app


def wire(app: Application) -> None:
    """Every handler, in the order that decides who gets an update (first match in a group wins)."""
    # Group -1 runs first for every update: messages a flood made the bot skip are named (never silently lost).
    app.add_handler(TypeHandler(Update, handlers.flood_gate), group=-1)

    message = filters.UpdateType.MESSAGE
    # Edited messages first: otherwise command and text handlers would also see them.
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE, handlers.edited_message))
    app.add_handler(calc_flow.conversation())
    app.add_handler(check.conversation())  # /check, then the message to check
    app.add_handler(check.forwarded_handler())  # a forwarded message is checked without a command
    reminders.wire(app)  # /remind, /reminders, "每月15号提醒我还…", their buttons, jobs restored on start
    app.add_handler(debts.conversation())  # /debts; also /calc's plan tool
    app.add_handler(letters.conversation())  # /letter, and "帮我写一份协商还款申请"
    commands = {
        "start": handlers.start, "help": handlers.help_command, "lang": handlers.lang_command,
        "reset": handlers.reset, "privacy": handlers.privacy, "forget": handlers.forget,
        "kbstats": admin.kbstats, "gaps": admin.gaps,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=message))
    app.add_handler(CommandHandler("cancel", calc_flow.cancel, filters=message))
    app.add_handler(MessageHandler(filters.COMMAND & message, handlers.unknown_command))
    app.add_handler(MessageHandler(filters.TEXT & message, handlers.text_message))
    app.add_handler(MessageHandler(filters.Document.ALL & message, admin.document))
    app.add_handler(MessageHandler(filters.Sticker.ALL & message, handlers.sticker))
    app.add_handler(MessageHandler(filters.PHOTO & message, handlers.photo))
    app.add_handler(MessageHandler((filters.VOICE | filters.AUDIO | filters.VIDEO_NOTE) & message, handlers.voice))
    app.add_handler(MessageHandler(
        (filters.VIDEO | filters.ANIMATION | filters.LOCATION | filters.CONTACT | filters.POLL | filters.Dice.ALL
         | filters.VENUE) & message, handlers.other_media))

    app.add_handler(CallbackQueryHandler(handlers.lang_chosen, pattern=r"^lang:(zh|en)$"))
    app.add_handler(CallbackQueryHandler(handlers.example_pressed, pattern=r"^ex:(zh|en):\d+$"))
    app.add_handler(CallbackQueryHandler(handlers.related_pressed, pattern=r"^rq:[\w-]+:\d+$"))
    app.add_handler(CallbackQueryHandler(handlers.choice_pressed, pattern=r"^cl:[\w-]+:\d+$"))
    app.add_handler(CallbackQueryHandler(handlers.feedback_pressed, pattern=r"^fb:(up|down):[\w-]+$"))
    app.add_handler(CallbackQueryHandler(handlers.chart_pressed, pattern=r"^ch:[\w-]+$"))
    app.add_handler(CallbackQueryHandler(_stale_button))  # e.g. a /calc button after the flow ended

    app.add_error_handler(handlers.on_error)


async def _stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button nobody handles any more: a short "expired" toast instead of an endless spinner."""
    from bot.telegram.services import language

    if update.callback_query is not None:
        from bot.telegram.formatting import visible

        await update.callback_query.answer(visible(say(language(update, context), "expired")))


async def _post_init(app: Application) -> None:
    """Register the command menus (zh, en, default zh; admins also see theirs), purge old records, warm up."""
    svc: Services = app.bot_data["services"]
    bot = app.bot
    try:
        await bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS["zh"]])
        for lang in ("zh", "en"):
            await bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS[lang]], language_code=lang)
    except TelegramError as exc:
        log.warning("setMyCommands failed: %s", exc)
    for admin_id in svc.admin_ids:
        try:
            for lang in ("zh", "en"):
                cmds = [BotCommand(c, d) for c, d in COMMANDS[lang] + ADMIN_COMMANDS[lang]]
                await bot.set_my_commands(cmds, scope=BotCommandScopeChat(admin_id),
                                          language_code=None if lang == "zh" else lang)
        except TelegramError as exc:  # an educator who never opened a chat with the bot: not fatal
            log.info("admin command menu for one educator not set: %s", exc)
    removed = await svc.run(svc.state.purge_expired)
    if removed:
        log.info("purged %d expired records", removed)
    if app.job_queue is not None:
        app.job_queue.run_repeating(_purge, interval=PURGE_EVERY_SECONDS, first=PURGE_EVERY_SECONDS)
    await svc.engine.start()  # every worker warm (model, index caches) before the bot says it is ready
    log.info("finbot is ready as @%s", bot.username)


async def _purge(context: ContextTypes.DEFAULT_TYPE) -> None:
    svc: Services = context.application.bot_data["services"]
    removed = await svc.run(svc.state.purge_expired)
    if removed:
        log.info("purged %d expired records", removed)


async def _post_shutdown(app: Application) -> None:
    svc: Services = app.bot_data["services"]
    await svc.engine.close()
    await svc.sessions.cache.close()
    svc.pool.shutdown(wait=True, cancel_futures=True)
    svc.state.close()
    log.info("finbot stopped")


# ------------------------------------------------------------------ running without signals (tests, benchmarks)


async def start(app: Application, poll_timeout: int = 10, polling: bool = True, **webhook: Any) -> None:
    """initialize → post_init → start → polling (or the webhook server when `webhook` params are given)."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    assert app.updater is not None
    if webhook:
        await app.updater.start_webhook(**webhook)
    elif polling:
        await app.updater.start_polling(poll_interval=0.0, timeout=poll_timeout,
                                        allowed_updates=Update.ALL_TYPES)


async def stop(app: Application) -> None:
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)


# ------------------------------------------------------------------ webhook mode


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    listen: str = "0.0.0.0"
    port: int = 8443
    secret_token: str | None = None

    def params(self) -> dict[str, Any]:
        """Arguments for Application.run_webhook / Updater.start_webhook."""
        parts = urlsplit(self.url)
        if parts.scheme not in ("https", "http") or not parts.netloc:
            raise ValueError(f"--webhook must be a full URL like https://bot.example.org/finbot, got {self.url!r}")
        if self.secret_token is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", self.secret_token):
            raise ValueError("the webhook secret may only use A-Z, a-z, 0-9, _ and - (1 to 256 characters)")
        return {
            "listen": self.listen,
            "port": self.port,
            "url_path": parts.path.lstrip("/"),
            "webhook_url": self.url,
            "secret_token": self.secret_token,
            "allowed_updates": Update.ALL_TYPES,
        }

