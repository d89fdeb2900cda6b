"""The update queue between webhook receivers and workers: Redis Streams on Valkey/Redis (FINBOT_CACHE_URL).

    queue = UpdateQueue.open(settings)          # FINBOT_QUEUE_PARTITIONS streams, one consumer group
    await queue.setup()                          # the streams and their group exist (idempotent)
    await queue.put(update_dict)                 # receiver: XADD to the chat's partition
    await queue.health()                         # what /healthz reports

Why Streams: the redis client is already a dependency (the cache), Valkey is already running, and a consumer
group gives exactly what the workers need — each entry delivered to one consumer, and a pending list of what
was delivered but never acknowledged, which another worker claims (XAUTOCLAIM) when a worker dies. Celery,
Dramatiq or arq would add a framework, and none of them orders one chat's messages.

Order: an update goes to partition `chat id mod N` (the user's id when it has no chat), and a partition is read
by one worker at a time (a lease key that worker renews: bot/telegram/worker.py), so one chat's updates reach
one Application in the order they came; the Application runs one user's updates one at a time.
"""

from __future__ import annotations

import json
import time
from typing import Any

from bot.telegram.cache import CacheError

PREFIX = "finbot:q:"
GROUP = "workers"
DONE_TTL = 2 * 24 * 3600  # a handled update_id is remembered this long (Telegram retries within hours)
MAX_STREAM = 100_000  # entries per partition kept at most (handled ones are deleted at once)


def partition_of(update: dict[str, Any], partitions: int) -> int:
    """The partition of a raw update: its chat's, so one chat's updates stay in order (0 if it names neither)."""
    from telegram import Update

    try:
        parsed = Update.de_json(update, None)
    except Exception:
        return 0
    if parsed is None:
        return 0
    chat, user = parsed.effective_chat, parsed.effective_user
    key = chat.id if chat is not None else user.id if user is not None else 0
    return int(key) % partitions


class UpdateQueue:
    """FINBOT_QUEUE_PARTITIONS streams on Valkey/Redis, read by the consumer group "workers"."""

    def __init__(self, client: Any, partitions: int, lease_seconds: float = 15.0, prefix: str = PREFIX) -> None:
        self.client = client
        self.partitions = max(1, partitions)
        self.lease_seconds = lease_seconds
        self.prefix = prefix

    @classmethod
    def open(cls, settings: Any) -> UpdateQueue:
        url = (getattr(settings, "cache_url", None) or "").strip()
        if not url.startswith(("redis://", "rediss://", "unix://", "valkey://")):
            raise CacheError("the update queue needs Valkey or Redis: set FINBOT_CACHE_URL=redis://host:6379/0 "
                             "(the same on every receiver and worker)")
        try:
            from redis.asyncio import Redis
        except ImportError as exc:
            raise CacheError("the update queue needs the redis client: pip install 'finbot[scale]'") from exc
        client = Redis.from_url(url.replace("valkey://", "redis://", 1), socket_connect_timeout=5,
                                health_check_interval=30)
        return cls(client, settings.queue_partitions, settings.worker_lease_seconds)

    # -- keys

    def stream(self, partition: int) -> str:
        return f"{self.prefix}{partition}"

    def lease(self, partition: int) -> str:
        return f"{self.prefix}lease:{partition}"

    def done(self, update_id: int) -> str:
        return f"{self.prefix}done:{update_id}"

    @property
    def workers(self) -> str:
        return f"{self.prefix}workers"

    def partition_of_stream(self, stream: bytes | str) -> int:
        name = stream.decode() if isinstance(stream, bytes) else stream
        return int(name.removeprefix(self.prefix))

    # -- receivers

    async def setup(self) -> None:
        """Every partition's stream and the consumer group (already there: nothing happens)."""
        from redis.exceptions import ResponseError

        for p in range(self.partitions):
            try:
                await self.client.xgroup_create(self.stream(p), GROUP, id="0", mkstream=True)
            except ResponseError as exc:
                if "BUSYGROUP" not in str(exc):
                    raise

    async def put(self, update: dict[str, Any]) -> str:
        """Queue one update (as Telegram sent it) on its chat's partition; the entry id."""
        body = json.dumps(update, ensure_ascii=False, separators=(",", ":"))
        entry = await self.client.xadd(self.stream(partition_of(update, self.partitions)), {"u": body},
                                       maxlen=MAX_STREAM, approximate=True)
        return entry.decode() if isinstance(entry, bytes) else str(entry)

    # -- watching

    async def live_workers(self) -> int:
        """Workers that renewed their heartbeat within one lease period."""
        return int(await self.client.zcount(self.workers, time.time() - self.lease_seconds, "+inf"))

    async def health(self) -> dict[str, Any]:
        """The queue as /healthz reports it: reachable, live workers, updates waiting and being handled."""
        async with self.client.pipeline(transaction=False) as pipe:
            for p in range(self.partitions):
                pipe.xlen(self.stream(p))
                pipe.xpending(self.stream(p), GROUP)
            replies = await pipe.execute(raise_on_error=False)
        queued = handling = 0
        for length, pending in zip(replies[::2], replies[1::2], strict=True):
            queued += int(length) if isinstance(length, int) else 0
            if isinstance(pending, dict):
                handling += int(pending.get("pending") or 0)
        return {"workers": await self.live_workers(), "queued": queued, "handling": handling,
                "partitions": self.partitions}

    async def close(self) -> None:
        await self.client.aclose()
