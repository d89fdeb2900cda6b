"""What the handlers share: the engine, the state store, a worker pool, the rate limiter and small helpers.

One `Services` object lives in application.bot_data["services"]; handlers reach it with `services(context)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import BaseUpdateProcessor, ContextTypes

from bot.engine.answer import Answer, Answerer
from bot.engine.memory import Memory
from bot.telegram.formatting import split_html
from bot.telegram.state import StateStore
from bot.telegram.texts import norm_lang

log = logging.getLogger("finbot.telegram")
T = TypeVar("T")

MAX_QUESTION = 1500  # characters; longer messages get a polite "please shorten it"
ANSWER_CACHE = 5000  # recent answers kept for their buttons (feedback, related questions, chart)


@dataclass
class Asked:
    """A recent answer, kept in memory only, so its buttons work (lost on restart: the button says so)."""

    question: str
    answer: Answer
    user_id: int


class RateLimiter:
    """At most `limit` events per user in any `window` seconds; tells the caller when to warn (once a window)."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}

    def allow(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, warn_now): warn_now is True for the first refused event of a window."""
        now = self.clock()
        events = self._events.setdefault(user_id, deque())
        while events and now - events[0] >= self.window:
            events.popleft()
        if len(self._events) > 10000:
            self._prune(now)
        if self.limit <= 0 or len(events) < self.limit:
            events.append(now)
            return True, False
        warned = self._warned.get(user_id)
        if warned is not None and now - warned < self.window:
            return False, False
        self._warned[user_id] = now
        return False, True

    def _prune(self, now: float) -> None:
        for uid in [u for u, ev in self._events.items() if not ev or now - ev[-1] >= self.window]:
            self._events.pop(uid, None)
            self._warned.pop(uid, None)


class PerUserProcessor(BaseUpdateProcessor):
    """Updates run concurrently, except that one user's updates in one chat run in arrival order.

    So a slow answer never blocks other users, while a user's /calc conversation and follow-up questions
    still see their own messages one by one (ConversationHandler and Memory rely on that).
    """

    def __init__(self, max_concurrent_updates: int = 512) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[tuple[int, int], asyncio.Lock] = {}
        self._users: dict[tuple[int, int], int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _update_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key]
                self._locks.pop(key, None)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def _update_key(update: object) -> tuple[int, int] | None:
    if not isinstance(update, Update):
        return None
    chat, user = update.effective_chat, update.effective_user
    if user is None:
        return None
    return (chat.id if chat else 0, user.id)


@dataclass
class Services:
    answerer: Answerer
    state: StateStore
    settings: Any
    rate: RateLimiter
    admin_ids: frozenset[int]
    pool: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(4, thread_name_prefix="finbot"))
    answers: OrderedDict[str, Asked] = field(default_factory=OrderedDict)
    chart_lock: threading.Lock = field(default_factory=threading.Lock)  # matplotlib is not thread-safe
    upload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run blocking work (embedding, Chroma, SQLite, charts) in the pool, off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)

    def remember(self, token: str, asked: Asked) -> None:
        self.answers[token] = asked
        while len(self.answers) > ANSWER_CACHE:
            self.answers.popitem(last=False)

    def chart(self, answer: Answer) -> bytes | None:
        with self.chart_lock:
            return self.answerer.chart(answer)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admin_ids


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]  # type: ignore[no-any-return]


# ------------------------------------------------------------------ per-user context


def language(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str | None = None) -> str:
    """The user's language: their /lang choice, else the language of the text, else Telegram's setting."""
    user = update.effective_user
    if user is not None:
        chosen = services(context).state.language(user.id)
        if chosen:
            return chosen
    if text:
        from bot.engine.answer import detect_language

        return detect_language(text)
    code = (user.language_code or "") if user else ""
    return "en" if code and not code.lower().startswith("zh") else "zh"


def chosen_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    user = update.effective_user
    return services(context).state.language(user.id) if user else None


def memory(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Memory:
    """This user's conversation memory in this chat (process memory only: never written to disk)."""
    assert context.chat_data is not None
    store: dict[int, Memory] = context.chat_data.setdefault("memory", {})
    uid = update.effective_user.id if update.effective_user else 0
    if uid not in store:
        store[uid] = Memory()
    return store[uid]


def forget_memory(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if context.chat_data is not None and update.effective_user is not None:
        context.chat_data.get("memory", {}).pop(update.effective_user.id, None)
    if context.user_data is not None:
        context.user_data.pop("calc", None)


def in_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def addressed_text(message: Message, bot_username: str | None, bot_id: int) -> str | None:
    """In a group: the text without the @mention when the bot is mentioned or replied to, else None."""
    text = message.text or message.caption or ""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text
    handle = f"@{bot_username}".lower() if bot_username else None
    for entity, value in message.parse_entities().items():
        if (entity.type == "mention" and handle and value.lower() == handle) or (
            entity.type == "text_mention" and entity.user is not None and entity.user.id == bot_id
        ):
            return (text[: entity.offset] + text[entity.offset + entity.length:]).strip()
    return None


# ------------------------------------------------------------------ sending


@contextlib.asynccontextmanager
async def typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" while the body runs (Telegram clears it after ~5 s, so it is refreshed)."""

    async def keep() -> None:
        while True:
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(4)

    task = asyncio.create_task(keep())
    try:
        yield
    finally:
        task.cancel()


async def reply_html(update: Update, html: str, markup: InlineKeyboardMarkup | None = None) -> list[Message]:
    """Send HTML as one or more messages under Telegram's limit; buttons go on the last one."""
    message = update.effective_message
    chat = update.effective_chat
    if chat is None:
        return []
    parts = split_html(html) or ["…"]
    sent = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if message is not None and i == 0 and in_group(update):
            sent.append(await message.reply_html(part, reply_markup=markup if last else None, do_quote=True))
        else:
            sent.append(await chat.send_message(part, parse_mode=ParseMode.HTML,
                                                reply_markup=markup if last else None))
    return sent


def lang_of_answer(answer: Answer, fallback: str) -> str:
    return norm_lang(answer.language or fallback)
