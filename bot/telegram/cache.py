"""Short-lived shared context (FINBOT_CACHE_URL): in this process (default) or Valkey/Redis (redis://…).

What goes here is ephemeral and expires on its own: a conversation's memory for follow-ups, a user's skipped
flood messages, the data behind answer buttons (bot/telegram/sessions.py says what and for how long). Values are
JSON; every key written for a user is listed under that user (a salted hash, never the Telegram id), so /forget
removes them all at once:

    cache = open_cache(settings)                     # InProcessCache() or RedisCache(url)
    await cache.set("mem:…", {...}, ttl=1800, owner=user_hash)
    await cache.get("mem:…") -> value | None
    await cache.push("skip:…", {...}, ttl, owner); await cache.take("skip:…") -> [values]   (read and cleared)
    await cache.forget(user_hash) -> keys removed
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from typing import Any, Protocol
from urllib.parse import urlsplit

OWNER_TTL = 7 * 24 * 3600  # the list of a user's keys outlives any key it lists
MAX_LOCAL_KEYS = 50_000  # the in-process cache forgets its oldest keys beyond this


class CacheError(RuntimeError):
    """The cache cannot be opened (the message says what to check)."""


class Cache(Protocol):
    shared: bool  # True when other processes see the same keys (Valkey/Redis)

    async def get(self, key: str) -> Any: ...

    async def set(self, key: str, value: Any, ttl: float, owner: str | None = None) -> None: ...

    async def delete(self, key: str) -> None: ...

    async def push(self, key: str, value: Any, ttl: float, owner: str | None = None) -> None: ...

    async def take(self, key: str) -> list[Any]: ...

    async def forget(self, owner: str) -> int: ...

    async def keys_of(self, owner: str) -> list[str]: ...

    async def ping(self) -> bool: ...

    async def close(self) -> None: ...


class InProcessCache:
    """The default: a dict with expiry times in this process (gone on restart, like PTB's own user_data)."""

    shared = False

    def __init__(self, clock: Any = time.monotonic) -> None:
        self._items: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._owners: dict[str, set[str]] = {}
        self.clock = clock

    def _alive(self, key: str) -> str | None:
        item = self._items.get(key)
        if item is None:
            return None
        if item[0] <= self.clock():
            del self._items[key]
            return None
        return item[1]

    def _put(self, key: str, text: str, ttl: float, owner: str | None) -> None:
        self._items[key] = (self.clock() + ttl, text)
        self._items.move_to_end(key)
        if owner:
            self._owners.setdefault(owner, set()).add(key)
        while len(self._items) > MAX_LOCAL_KEYS:
            self._items.popitem(last=False)

    async def get(self, key: str) -> Any:
        text = self._alive(key)
        return None if text is None else json.loads(text)

    async def set(self, key: str, value: Any, ttl: float, owner: str | None = None) -> None:
        self._put(key, json.dumps(value, ensure_ascii=False), ttl, owner)

    async def delete(self, key: str) -> None:
        self._items.pop(key, None)

    async def push(self, key: str, value: Any, ttl: float, owner: str | None = None) -> None:
        items = json.loads(self._alive(key) or "[]")
        items.append(value)
        self._put(key, json.dumps(items, ensure_ascii=False), ttl, owner)

    async def take(self, key: str) -> list[Any]:
        text = self._alive(key)
        self._items.pop(key, None)
        return list(json.loads(text)) if text else []

    async def forget(self, owner: str) -> int:
        keys = self._owners.pop(owner, set())
        return sum(1 for key in keys if self._items.pop(key, None) is not None)

    async def keys_of(self, owner: str) -> list[str]:
        return sorted(k for k in self._owners.get(owner, set()) if self._alive(k) is not None)

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._items.clear()
        self._owners.clear()


class RedisCache:
    """Valkey or Redis (redis://host:6379/0, rediss:// for TLS, unix:///path.sock): shared by every bot worker."""

    shared = True

    def __init__(self, client: Any, prefix: str = "finbot:") -> None:
        self.client = client
        self.prefix = prefix

    @classmethod
    def open(cls, url: str, prefix: str = "finbot:") -> RedisCache:
        try:
            from redis.asyncio import Redis
        except ImportError as exc:
            raise CacheError("FINBOT_CACHE_URL is a redis:// URL but the client is missing: "
                             "pip install 'finbot[scale]'") from exc
        return cls(Redis.from_url(url, socket_connect_timeout=5, health_check_interval=30), prefix)

    def _k(self, key: str) -> str:
        return self.prefix + key

    def _owner(self, owner: str) -> str:
        return f"{self.prefix}owner:{owner}"

    async def get(self, key: str) -> Any:
        raw = await self.client.get(self._k(key))
        return None if raw is None else json.loads(raw)

    async def set(self, key: str, value: Any, ttl: float, owner: str | None = None) -> None:
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.set(self._k(key), json.dumps(value, ensure_ascii=False), px=max(1, int(ttl * 1000)))
            if owner:
                pipe.sadd(self._owner(owner), self._k(key))
                pipe.expire(self._owner(owner), OWNER_TTL)
            await pipe.execute()

    async def delete(self, key: str) -> None:
        await self.client.delete(self._k(key))

    async def push(self, key: str, value: Any, ttl: float, owner: str | None = None) -> None:
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.rpush(self._k(key), json.dumps(value, ensure_ascii=False))
            pipe.pexpire(self._k(key), max(1, int(ttl * 1000)))
            if owner:
                pipe.sadd(self._owner(owner), self._k(key))
                pipe.expire(self._owner(owner), OWNER_TTL)
            await pipe.execute()

    async def take(self, key: str) -> list[Any]:
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.lrange(self._k(key), 0, -1)
            pipe.delete(self._k(key))
            raw, _ = await pipe.execute()
        return [json.loads(item) for item in raw]

    async def forget(self, owner: str) -> int:
        keys = await self.client.smembers(self._owner(owner))
        if not keys:
            return 0
        removed = int(await self.client.delete(*keys))
        await self.client.delete(self._owner(owner))
        return removed

    async def keys_of(self, owner: str) -> list[str]:
        keys = await self.client.smembers(self._owner(owner))
        alive = [k for k in keys if await self.client.exists(k)]
        return sorted(k.decode() if isinstance(k, bytes) else str(k) for k in alive)

    async def ping(self) -> bool:
        return bool(await self.client.ping())

    async def close(self) -> None:
        await self.client.aclose()


def open_cache(settings: Any) -> Cache:
    """The cache FINBOT_CACHE_URL names: unset = in this process; redis://, rediss:// or unix:// = Valkey/Redis."""
    url = (getattr(settings, "cache_url", None) or "").strip()
    if not url:
        return InProcessCache()
    if urlsplit(url).scheme.lower() in ("redis", "rediss", "unix", "valkey"):
        return RedisCache.open(url.replace("valkey://", "redis://", 1))
    raise CacheError(f"FINBOT_CACHE_URL must start with redis:// (Valkey or Redis), got {_redact(url)!r}")


def _redact(url: str) -> str:
    parts = urlsplit(url)
    return url if parts.password is None else url.replace(f":{parts.password}@", ":***@")
