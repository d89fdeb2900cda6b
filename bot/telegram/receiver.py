"""`finbot receive`: the webhook Telegram posts updates to, putting each on the queue (bot/telegram/stream.py).

It computes nothing and holds no engine, so it starts in a second and one receiver carries many workers; run
more behind a load balancer if you like (the same FINBOT_WEBHOOK_SECRET and FINBOT_CACHE_URL on each).

    POST /<path>   an update; 200 once it is on the queue, 403 without the right
                   X-Telegram-Bot-Api-Secret-Token, 400 if it is not an update, 503 if the queue cannot take it
                   (Telegram then retries it later)
    GET /healthz   200 with the queue's state as JSON when Valkey answers, else 503

Tornado serves it: python-telegram-bot's own webhook server is Tornado too, so this adds no dependency.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer

from bot.telegram.stream import UpdateQueue

log = logging.getLogger("finbot.receiver")

MAX_BODY = 1024 * 1024  # an update is a few kB; Telegram's largest are well under this


class _Updates(tornado.web.RequestHandler):
    def initialize(self, queue: UpdateQueue, secret: str) -> None:
        self.queue = queue
        self.secret = secret.encode()

    async def post(self) -> None:
        given = (self.request.headers.get("X-Telegram-Bot-Api-Secret-Token") or "").encode()
        if not hmac.compare_digest(given, self.secret):
            log.warning("an update without the right secret token was refused (from %s)", self.request.remote_ip)
            self._reply(403, "wrong or missing X-Telegram-Bot-Api-Secret-Token")
            return
        try:
            update = json.loads(self.request.body)
            if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
                raise ValueError("no update_id")
        except ValueError:
            self._reply(400, "the body is not a Telegram update (JSON with an update_id)")
            return
        try:
            await self.queue.put(update)
        except Exception as exc:
            log.error("could not queue update %s (%s: %s)", update["update_id"], exc.__class__.__name__, exc)
            self._reply(503, "the queue is not reachable; Telegram will retry")
            return
        self._reply(200, "queued")

    def _reply(self, status: int, text: str) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(text + "\n")


class _Health(tornado.web.RequestHandler):
    def initialize(self, queue: UpdateQueue) -> None:
        self.queue = queue

    async def get(self) -> None:
        try:
            report: dict[str, Any] = {"ok": True, **await self.queue.health()}
        except Exception as exc:
            report = {"ok": False, "error": f"the queue (FINBOT_CACHE_URL) is not reachable: {exc.__class__.__name__}"}
        self.set_status(200 if report["ok"] else 503)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(report))


def make_app(queue: UpdateQueue, path: str, secret: str) -> tornado.web.Application:
    """The receiver's routes: POST /<path> (updates), GET /healthz."""
    route = "/" + path.strip("/")
    return tornado.web.Application([
        (r"/healthz", _Health, {"queue": queue}),
        (re.escape(route), _Updates, {"queue": queue, "secret": secret}),
    ])


async def serve_receiver(queue: UpdateQueue, listen: str, port: int, path: str, secret: str) -> HTTPServer:
    """Start listening (returns the server; .stop() it when done). The streams are created first."""
    await queue.setup()
    server = HTTPServer(make_app(queue, path, secret), max_body_size=MAX_BODY, xheaders=True)
    server.listen(port, listen)
    log.info("receiver listening on %s:%d (updates at /%s, health at /healthz)", listen, port, path.strip("/"))
    return server
