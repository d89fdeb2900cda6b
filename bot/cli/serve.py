"""`finbot serve [--webhook URL]`: the Telegram bot, long polling by default.

Stops cleanly on SIGTERM / SIGINT (python-telegram-bot's run_polling / run_webhook handle the signals).
Logs never contain the bot token or what users wrote.
"""

from __future__ import annotations

import logging
import secrets
import sys
from typing import Any

import click


class RedactToken(logging.Filter):
    """Replace the bot token wherever it would appear in a log line (URLs of Bot API calls, tracebacks)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, "<token>")
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
            record.exc_text = text.replace(self.token, "<token>")
        return True


class OneLine(logging.Filter):
    """Without --verbose: a library's log record is its message alone, no traceback (finbot's own crash reports
    carry their redacted trace in the message and are kept). PTB's start-up network failure is left out: the
    command ends with its own line saying the cause and what to check."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("telegram") and record.getMessage().startswith("Network Retry Loop (Bootstrap"):
            return False
        if record.exc_info:
            record.msg = f"{record.getMessage()} ({_cause(record.exc_info[1])})"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def _cause(exc: BaseException | None) -> str:
    return f"{exc.__class__.__name__}: {exc}" if exc is not None else "no details"


def setup_logging(token: str, level: int = logging.INFO, verbose: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if not verbose:  # first: the token filter below turns a traceback into text
        handler.addFilter(OneLine())
    handler.addFilter(RedactToken(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def token_and_logging(settings: Any, verbose: bool, why: str) -> str:
    """The bot token (a one-line error saying `why` it is needed when unset), with logging set up to hide it."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    if not token:
        raise click.ClickException(f"TELEGRAM_BOT_TOKEN is not set: {why}")
    setup_logging(token, logging.DEBUG if verbose else logging.INFO, verbose=verbose)
    return token


@click.command("serve")
@click.option("--webhook", "webhook_url", metavar="URL", default=None,
              help="Receive updates by webhook at this public HTTPS URL instead of long polling.")
@click.option("--listen", default="0.0.0.0", show_default=True, help="Webhook mode: address to listen on.")
@click.option("--port", default=8443, show_default=True, type=int, help="Webhook mode: port to listen on.")
@click.option("--secret", envvar="FINBOT_WEBHOOK_SECRET", default=None,
              help="Webhook mode: secret Telegram must send in X-Telegram-Bot-Api-Secret-Token "
                   "(env FINBOT_WEBHOOK_SECRET; random per start if unset).")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging, with full tracebacks.")
def serve(webhook_url: str | None, listen: str, port: int, secret: str | None, verbose: bool) -> None:
    """Run the Telegram bot (needs TELEGRAM_BOT_TOKEN)."""
    from bot.config import get_settings

    settings = get_settings()
    token_and_logging(settings, verbose, "create a bot with @BotFather and put the token in .env "
                                           "(see docs/telegram.md)")
    from bot.telegram.pool import one_math_thread

    one_math_thread()  # before numpy loads: parallelism comes from worker processes, not BLAS threads
    log = logging.getLogger("finbot.telegram")

    from bot.telegram.app import WebhookConfig, build_application

    webhook = None
    if webhook_url:
        try:
            webhook = WebhookConfig(webhook_url, listen, port, secret or secrets.token_urlsafe(32)).params()
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from exc
    app = build_application(settings, open_engine(settings, log))
    from telegram.error import InvalidToken, NetworkError

    try:
        if webhook:
            log.info("webhook mode: listening on %s:%d, Telegram posts to %s", listen, port, webhook_url)
            app.run_webhook(**webhook)
        else:
            log.info("long polling %s", _host(settings.telegram_api_base_url))
            app.run_polling(allowed_updates=_all_updates(), poll_interval=0.0, timeout=10)
    except InvalidToken as exc:
        raise click.ClickException(
            f"the Bot API at {_host(settings.telegram_api_base_url)} rejected TELEGRAM_BOT_TOKEN: check the token "
            "from @BotFather (and TELEGRAM_API_BASE_URL if you use your own Bot API server)") from exc
    except NetworkError as exc:  # TimedOut is one too
        raise click.ClickException(
            f"cannot reach the Bot API at {_host(settings.telegram_api_base_url)} ({exc.message}): check the network "
            "connection and proxy, or set TELEGRAM_API_BASE_URL to a Bot API server you can reach "
            "(--verbose shows the full traceback)") from exc


def open_engine(settings: Any, log: logging.Logger) -> Any:
    """The engine for a bot process: FINBOT_ENGINE_PROCESSES worker processes (default one per core; started and
    warmed before the bot reports ready), or with 0 an Answerer in this process (threads: least memory)."""
    from bot.telegram.pool import EnginePool, processes_for

    processes = processes_for(settings.engine_processes)
    if processes:
        log.info("answer engine: %d worker processes", processes)
        return EnginePool(settings, processes)
    from bot.eval.calibrate import open_answerer

    log.info("answer engine: threads in this process (FINBOT_ENGINE_PROCESSES=0)")
    return open_answerer(settings, echo=lambda msg: log.info("%s", msg))


def _all_updates() -> list[str]:
    from telegram import Update

    return list(Update.ALL_TYPES)


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url
