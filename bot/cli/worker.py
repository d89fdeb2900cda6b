"""`finbot receive` and `finbot worker`: the bot split over machines (docs/deploy.md).

    finbot receive --webhook https://bot.example.org/finbot     # Telegram posts here; updates go on the queue
    finbot worker                                               # on every worker machine: answers from the queue

Both need FINBOT_CACHE_URL (Valkey or Redis, holding the queue); workers also FINBOT_STATE_URL (PostgreSQL) and
CHROMA_HOST (the index) when they run on several machines. Both stop cleanly on SIGTERM / SIGINT.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Any

import click

from bot.cli.serve import open_engine, token_and_logging


def _settings() -> Any:
    from bot.config import get_settings

    settings = get_settings()
    if not (settings.cache_url or "").strip():
        raise click.ClickException("the queue lives in Valkey or Redis: set FINBOT_CACHE_URL=redis://host:6379/0, "
                                   "the same on every receiver and worker (one machine needs none: `finbot serve`)")
    return settings


def _check_queue(settings: Any) -> None:
    """Reach Valkey now, so a wrong FINBOT_CACHE_URL is one clear line before anything slow starts."""
    from bot.telegram.cache import CacheError, _redact
    from bot.telegram.stream import UpdateQueue

    async def ping() -> None:
        queue = UpdateQueue.open(settings)
        try:
            await queue.client.ping()
        finally:
            await queue.close()

    try:
        asyncio.run(ping())
    except CacheError as exc:
        raise click.ClickException(str(exc)) from exc
    except Exception as exc:
        raise click.ClickException(
            f"cannot reach Valkey/Redis at FINBOT_CACHE_URL={_redact(settings.cache_url)} "
            f"({exc.__class__.__name__}: {exc}): check that it runs and the address, port and password") from exc


def _stop_on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)


@click.command("receive")
@click.option("--webhook", "webhook_url", metavar="URL", required=True,
              help="The public HTTPS URL Telegram posts updates to (registered with setWebhook at start).")
@click.option("--listen", default="0.0.0.0", show_default=True, help="Address to listen on.")
@click.option("--port", default=8443, show_default=True, type=int, help="Port to listen on.")
@click.option("--secret", envvar="FINBOT_WEBHOOK_SECRET", required=True,
              help="Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (env FINBOT_WEBHOOK_SECRET; the same "
                   "on every receiver).")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging, with full tracebacks.")
def receive(webhook_url: str, listen: str, port: int, secret: str, verbose: bool) -> None:
    """Accept Telegram updates by webhook and put them on the queue for `finbot worker`."""
    settings = _settings()
    token = token_and_logging(settings, verbose, "the receiver registers the webhook with it")
    _check_queue(settings)
    from bot.telegram.app import WebhookConfig

    try:
        params = WebhookConfig(webhook_url, listen, port, secret).params()
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    from telegram.error import TelegramError

    try:
        asyncio.run(_receive(settings, token, params))
    except TelegramError as exc:
        raise click.ClickException(
            f"could not register the webhook with the Bot API ({exc.__class__.__name__}: {exc}): check "
            "TELEGRAM_BOT_TOKEN and that the Bot API is reachable") from exc


async def _receive(settings: Any, token: str, params: dict[str, Any]) -> None:
    from telegram import Bot

    from bot.telegram.receiver import serve_receiver
    from bot.telegram.stream import UpdateQueue

    log = logging.getLogger("finbot.receiver")
    stop = asyncio.Event()
    _stop_on_signals(stop)
    queue = UpdateQueue.open(settings)
    server = await serve_receiver(queue, params["listen"], params["port"], params["url_path"],
                                  params["secret_token"])
    try:
        async with Bot(token, base_url=settings.telegram_api_base_url,
                       base_file_url=settings.telegram_api_base_file_url) as bot:
            await bot.set_webhook(params["webhook_url"], secret_token=params["secret_token"],
                                  allowed_updates=params["allowed_updates"])
        log.info("webhook registered: Telegram posts to %s", params["webhook_url"])
        await stop.wait()
    finally:
        server.stop()
        await queue.close()
        log.info("receiver stopped")


@click.command("worker")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging, with full tracebacks.")
def worker(verbose: bool) -> None:
    """Answer Telegram updates from the queue (run one per machine, as many machines as needed)."""
    settings = _settings()
    token_and_logging(settings, verbose, "workers send the replies with it")
    _check_queue(settings)
    from bot.telegram.pool import one_math_thread

    one_math_thread()
    log = logging.getLogger("finbot.worker")
    from bot.telegram.app import build_application
    from bot.telegram.stream import UpdateQueue

    queue = UpdateQueue.open(settings)
    app = build_application(settings, open_engine(settings, log))
    asyncio.run(_work(app, queue))


async def _work(app: Any, queue: Any) -> None:
    from bot.telegram.worker import run_worker

    stop = asyncio.Event()
    _stop_on_signals(stop)
    await run_worker(app, queue, stop)
