"""A conversation's short-lived context, kept in the cache (bot/telegram/cache.py) so any worker can continue it.

  * memory — each user's Memory in each chat (follow-ups, the list of debts being made), for MEMORY_TTL after
    the last message: loaded before an update of that user in that chat runs, saved after it (the update
    processor runs one such update at a time: services.PerUserProcessor);
  * buttons — what an answer's buttons need (its question, kind, sources, related questions, the calculation
    behind its chart), for BUTTON_TTL;
  * skipped — messages a flood made the bot skip, until the user is told about them.

Keys name the user by the state store's salted hash (and the chat by the same hash), never by Telegram id; /reset
drops the memory, /forget every key of the user (Sessions.forget).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from telegram import Message, Update

from bot.engine.answer import Answer, Source
from bot.engine.memory import Memory
from bot.engine.memory import _decode as decode_tagged  # the engine's one tagged JSON for Decimals and dates
from bot.engine.memory import _encode as encode_tagged
from bot.telegram.cache import Cache

log = logging.getLogger("finbot.telegram")

MEMORY_TTL = 30 * 60
BUTTON_TTL = 2 * 24 * 3600  # older buttons say "expired"
SKIPPED_TTL = 24 * 3600
_EMPTY = Memory().to_dict()


@dataclass
class Asked:
    """What an answer's buttons need (feedback, related questions, the chart), kept for BUTTON_TTL."""

    question: str
    answer: Answer
    user_id: int


@dataclass(frozen=True)
class Skipped:
    message: Message | None
    text: str  # the text or caption ("" for a photo, sticker … without one)


@dataclass
class Sessions:
    cache: Cache
    hasher: Any  # user/chat id -> salted hash (the state store's user_hash)
    bot: Any = None  # to rebuild skipped Messages (set once the Application exists)
    memory_ttl: float = MEMORY_TTL
    current: dict[tuple[int, int], Memory] = field(default_factory=dict)  # updates running now

    # -- keys

    def _owner(self, user_id: int) -> str:
        return str(self.hasher(user_id))

    def _key(self, kind: str, chat_id: int, user_id: int) -> str:
        return f"{kind}:{self._owner(user_id)}:{self.hasher(chat_id)}"

    # -- memory

    async def load(self, chat_id: int, user_id: int) -> None:
        """Before an update of this user in this chat: its Memory from the cache (a fresh one if none or the
        cache fails — the answer then has no follow-up context, which beats no answer)."""
        try:
            data = await self.cache.get(self._key("mem", chat_id, user_id))
        except Exception as exc:
            log.warning("conversation memory not loaded (%s): answering without it", exc.__class__.__name__)
            data = None
        self.current[(chat_id, user_id)] = Memory.from_dict(data)

    def memory(self, chat_id: int, user_id: int) -> Memory:
        """The Memory of an update running now (one outside the processor gets a fresh one, saved by nobody)."""
        return self.current.setdefault((chat_id, user_id), Memory())

    async def save(self, chat_id: int, user_id: int) -> None:
        """After the update: keep the Memory for memory_ttl more (an empty one is not kept)."""
        mem = self.current.pop((chat_id, user_id), None)
        if mem is None:
            return
        key = self._key("mem", chat_id, user_id)
        try:
            data = mem.to_dict()
            if data == _EMPTY:
                await self.cache.delete(key)
            else:
                await self.cache.set(key, data, self.memory_ttl, owner=self._owner(user_id))
        except Exception as exc:
            log.warning("conversation memory not saved (%s)", exc.__class__.__name__)

    async def drop(self, chat_id: int, user_id: int) -> None:
        """/reset: this chat's Memory goes now, and the running update saves nothing."""
        self.current.pop((chat_id, user_id), None)
        await self.cache.delete(self._key("mem", chat_id, user_id))

    async def forget(self, chat_id: int, user_id: int) -> int:
        """/forget: every key of this user, in every chat; returns how many went."""
        self.current.pop((chat_id, user_id), None)
        return await self.cache.forget(self._owner(user_id))

    # -- answer buttons

    async def remember(self, token: str, asked: Asked) -> None:
        ans = asked.answer
        record = {"q": asked.question, "kind": ans.kind, "lang": ans.language,
                  "sources": [s.id for s in ans.sources], "related": list(ans.related), "choices": list(ans.choices),
                  "chart": bool(ans.chart_available), "calc": encode_tagged(ans.calc)}
        await self.cache.set(f"btn:{token}", record, BUTTON_TTL, owner=self._owner(asked.user_id))

    async def recall(self, token: str) -> Asked | None:
        """What a button's answer was (None once expired, or if the cache fails: the button then says so)."""
        try:
            record = await self.cache.get(f"btn:{token}")
        except Exception as exc:
            log.warning("button data not read (%s)", exc.__class__.__name__)
            return None
        if not isinstance(record, dict):
            return None
        lang = str(record.get("lang") or "zh")
        answer = Answer(str(record.get("kind") or "answer"), "", lang,
                        sources=[Source(str(s), "", None, 0.0, lang) for s in record.get("sources") or []],
                        calc=decode_tagged(record.get("calc")), chart_available=bool(record.get("chart")),
                        related=[str(r) for r in record.get("related") or []],
                        choices=[str(c) for c in record.get("choices") or []])
        return Asked(str(record.get("q") or ""), answer, 0)

    # -- flood

    async def skip(self, chat_id: int, user_id: int, update: object) -> None:
        message = update.effective_message if isinstance(update, Update) else None
        item = {"text": (message.text or message.caption or "") if message else "",
                "message": message.to_dict() if message else None}
        await self.cache.push(self._key("skip", chat_id, user_id), item, SKIPPED_TTL, owner=self._owner(user_id))

    async def take_skipped(self, chat_id: int, user_id: int) -> list[Skipped]:
        try:
            items = await self.cache.take(self._key("skip", chat_id, user_id))
        except Exception as exc:
            log.warning("skipped messages not read (%s)", exc.__class__.__name__)
            return []
        out = []
        for item in items:
            data = item.get("message") if isinstance(item, dict) else None
            message = Message.de_json(data, self.bot) if data else None
            out.append(Skipped(message, str(item.get("text") or "") if isinstance(item, dict) else ""))
        return out
