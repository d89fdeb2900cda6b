"""What the handlers share: the engine, the state store, a thread pool for I/O, per-user ordering and small helpers.

One `Services` object lives in application.bot_data["services"]; handlers reach it with `services(context)`.
The engine runs off the event loop (bot/telegram/pool.py): `await svc.compute(compute.answer, …)`; blocking I/O
(the state store) runs in threads: `await svc.run(svc.state.language, user_id)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from typing import Any, Protocol, TypeVar

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import BaseUpdateProcessor, ContextTypes

from bot.engine.answer import Answer
from bot.engine.memory import Memory
from bot.telegram import compute
from bot.telegram.formatting import split_html
from bot.telegram.sessions import Asked, Sessions, Skipped
from bot.telegram.state import StateStore
from bot.telegram.texts import norm_lang

log = logging.getLogger("finbot.telegram")
T = TypeVar("T")
__all__ = ["Asked", "Services", "Skipped", "services"]

TYPING_AFTER = 0.5  # seconds of work before "typing…" is shown


@dataclass
class _Turn:
    update: object
    question: bool  # a user message (not a command): may be skipped when too many wait
    go: asyncio.Future[bool]  # True: run it; False: skipped


@dataclass
class _Line:
    """One user's updates in one chat: at most one runs; the rest wait in arrival order."""

    waiting: deque[_Turn] = field(default_factory=deque)
    busy: bool = False


class PerUserProcessor(BaseUpdateProcessor):
    """Updates run concurrently, except that one user's updates in one chat run one at a time, in arrival order.

    So a slow answer never blocks other users, while a user's /calc conversation and follow-up questions
    still see their own messages one by one (ConversationHandler and Memory rely on that).

    A flood loses nothing silently: at most `cap` of a user's questions wait; when more arrive, the oldest
    waiting ones are skipped and remembered (in the cache: sessions.Sessions.skip), and the next update that runs
    for that user tells them which (handlers.flood_gate; a skipped message that is a crisis still gets the crisis
    reply). Commands and button taps never count and are never skipped. A skipped update is released at once, so
    a flood never holds the Application's concurrency slots.

    Around each update it runs, the user's conversation memory in that chat is loaded from the cache and saved
    back (sessions.Sessions), so the handlers see it as plain Memory and any worker can continue it.
    """

    def __init__(self, sessions: Sessions, cap: int = 5, max_concurrent_updates: int = 512) -> None:
        super().__init__(max_concurrent_updates)
        self.sessions = sessions
        self.cap = max(1, cap)
        self._lines: dict[tuple[int, int], _Line] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _update_key(update)
        if key is None:
            await coroutine
            return
        line = self._lines.setdefault(key, _Line())
        turn = _Turn(update, _is_question(update), asyncio.get_running_loop().create_future())
        line.waiting.append(turn)
        for skipped in self._skip_over_cap(line):
            await self.sessions.skip(key[0], key[1], skipped.update)
        self._next(line)
        try:
            run = await turn.go
        except asyncio.CancelledError:
            if turn in line.waiting:
                line.waiting.remove(turn)
            _close(coroutine)
            raise
        if not run:
            _close(coroutine)
            self._forget_if_idle(key, line)
            return
        try:
            await self.sessions.load(*key)
            try:
                await coroutine
            finally:
                await self.sessions.save(*key)
        finally:
            line.busy = False
            self._next(line)
            self._forget_if_idle(key, line)

    async def take_skipped(self, update: object) -> list[Skipped]:
        """The messages of this update's user (in this chat) skipped since they were last told; clears them."""
        key = _update_key(update)
        return await self.sessions.take_skipped(*key) if key is not None else []

    def _skip_over_cap(self, line: _Line) -> list[_Turn]:
        questions = [t for t in line.waiting if t.question]
        skipped = questions[: max(0, len(questions) - self.cap)]  # the oldest waiting ones
        for turn in skipped:
            line.waiting.remove(turn)
            turn.go.set_result(False)
        return skipped

    @staticmethod
    def _next(line: _Line) -> None:
        while not line.busy and line.waiting:
            turn = line.waiting.popleft()
            if turn.go.done():  # cancelled while waiting
                continue
            line.busy = True
            turn.go.set_result(True)

    def _forget_if_idle(self, key: tuple[int, int], line: _Line) -> None:
        if not line.busy and not line.waiting and self._lines.get(key) is line:
            del self._lines[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def _is_question(update: object) -> bool:
    if not isinstance(update, Update):
        return False
    message = update.message or update.edited_message
    if message is None:
        return False  # button taps and everything else
    text = message.text or ""
    return not text.startswith("/")


def _close(coroutine: Awaitable[Any]) -> None:
    close = getattr(coroutine, "close", None)
    if close is not None:
        close()  # never started: closing it avoids a "never awaited" warning


def _update_key(update: object) -> tuple[int, int] | None:
    if not isinstance(update, Update):
        return None
    chat, user = update.effective_chat, update.effective_user
    if user is None:
        return None
    return (chat.id if chat else 0, user.id)


class Engine(Protocol):
    """Where the answer engine runs: bot.telegram.pool.EnginePool (worker processes) or LocalEngine (threads)."""

    async def start(self) -> None: ...

    async def call(self, fn: Callable[..., T], *args: Any) -> T: ...

    async def each(self, fn: Callable[..., T], *args: Any) -> list[T]: ...

    async def recycle(self) -> None: ...

    def describe(self) -> list[dict[str, Any]]: ...

    async def close(self) -> None: ...


@dataclass
class Services:
    engine: Engine
    state: StateStore
    settings: Any
    admin_ids: frozenset[int]
    sessions: Sessions
    pool: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(4, thread_name_prefix="finbot"))
    upload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    preparing: int = 0  # replies being prepared now (inside `typing`): no "typing…" in a burst

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run blocking I/O (the state store, files) in a thread, off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)

    async def compute(self, fn: Callable[..., T], *args: Any) -> T:
        """Run engine work (bot/telegram/compute.py) where the engine lives, off the event loop."""
        return await self.engine.call(fn, *args)

    async def answer(self, question: str, mem: Memory, lang: str | None) -> Answer:
        """The engine's answer; `mem` is updated as if the engine had run here."""
        ans, new = await self.compute(compute.answer, question, mem, lang)
        adopt(mem, new)
        return ans

    async def remember(self, token: str, asked: Asked) -> None:
        """Keep what an answer's buttons need, under the token in their callback data."""
        await self.sessions.remember(token, asked)

    async def recall(self, token: str) -> Asked | None:
        return await self.sessions.recall(token)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admin_ids


def adopt(mem: Memory, new: Memory) -> None:
    """Copy what the engine made of a Memory into the one the handlers hold (a worker process returns a copy)."""
    if new is not mem:
        for f in fields(Memory):
            setattr(mem, f.name, getattr(new, f.name))


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
    """This user's conversation memory in this chat (from the cache for the length of the update: sessions.py)."""
    chat, user = update.effective_chat, update.effective_user
    return services(context).sessions.memory(chat.id if chat else 0, user.id if user else 0)


async def forget_memory(update: Update, context: ContextTypes.DEFAULT_TYPE, everything: bool = False) -> None:
    """/reset: this chat's context and a pending calculation; with everything (/forget): every cached key of the
    user, in every chat (conversation memory, button data, skipped messages)."""
    chat, user = update.effective_chat, update.effective_user
    if user is not None:
        sessions = services(context).sessions
        if everything:
            await sessions.forget(chat.id if chat else 0, user.id)
        else:
            await sessions.drop(chat.id if chat else 0, user.id)
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
    entities = message.parse_entities() if message.text is not None else message.parse_caption_entities()
    for entity, value in entities.items():
        if (entity.type == "mention" and handle and value.lower() == handle) or (
            entity.type == "text_mention" and entity.user is not None and entity.user.id == bot_id
        ):
            return (text[: entity.offset] + text[entity.offset + entity.length:]).strip()
    return None


# ------------------------------------------------------------------ sending


@contextlib.asynccontextmanager
async def typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" while the body runs, once it has taken TYPING_AFTER seconds (Telegram clears it after ~5 s,
    so it is refreshed). A quick answer needs no indicator: skipping it halves the requests of a burst.

    Nor is it shown while more replies are being prepared than the bot may send in a second
    (FINBOT_SEND_PER_SECOND): chat actions count against that cap, so in a burst each one would hold back
    someone's answer."""
    svc = services(context)
    cap = float(getattr(svc.settings, "send_per_second", 0) or 0)

    async def keep() -> None:
        await asyncio.sleep(TYPING_AFTER)
        while True:
            if not cap or svc.preparing <= cap:
                with contextlib.suppress(TelegramError):
                    await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(4)

    svc.preparing += 1
    task = asyncio.create_task(keep())
    try:
        yield
    finally:
        svc.preparing -= 1
        task.cancel()


async def reply_html(update: Update, html: str, markup: InlineKeyboardMarkup | None = None,
                     quote: bool = False) -> list[Message]:
    """Send HTML as one or more messages under Telegram's limit; buttons go on the last one.

    The first part replies to the user's message in groups, and with `quote` (an edited message's new answer)."""
    message = update.effective_message
    chat = update.effective_chat
    if chat is None:
        return []
    parts = split_html(html) or ["…"]
    sent = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if message is not None and i == 0 and (quote or in_group(update)):
            sent.append(await message.reply_html(part, reply_markup=markup if last else None, do_quote=True))
        else:
            sent.append(await chat.send_message(part, parse_mode=ParseMode.HTML,
                                                reply_markup=markup if last else None))
    return sent


def lang_of_answer(answer: Answer, fallback: str) -> str:
    return norm_lang(answer.language or fallback)


# ------------------------------------------------------------------ crisis first, on every path


async def crisis_first(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str | None,
                       quote: bool = False) -> bool:
    """Check a text that may not reach the answer engine (too long, a /calc step, a caption, a skipped message)
    for a self-harm signal; if there is one, send the crisis reply, close any open calculation and return True.

    The engine decides (bot.engine.crisis.crisis_reply), so every path gets the same reply and the next turn
    opens with a check-in."""
    if not text or not text.strip():
        return False
    from bot.telegram.formatting import answer_html

    svc = services(context)
    user = update.effective_user
    chosen = await svc.run(svc.state.language, user.id) if user is not None else None
    mem = memory(update, context)
    reply, new = await svc.compute(compute.crisis, text, mem, chosen)
    adopt(mem, new)
    if reply is None:
        return False
    if context.user_data is not None:
        context.user_data.pop("calc", None)
    await reply_html(update, answer_html(reply), quote=quote)
    return True
