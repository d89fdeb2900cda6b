"""`finbot worker`: take Telegram updates from the queue (bot/telegram/stream.py) and run them through the usual
Application, on any machine that reaches Valkey, PostgreSQL and the Chroma server.

    worker = QueueWorker(app, queue)
    await worker.run(stop_event)

Partitions: every worker heartbeats, counts the live ones and holds about its share of the partitions through
lease keys (SET NX with a TTL it renews every third of FINBOT_WORKER_LEASE_SECONDS). A partition it gives up (a
new worker joined) is first drained: no more reads, the updates it is running finish, then the lease goes. So at
any time one worker reads a partition, and the Application (PerUserProcessor) runs one user's updates in order.

A worker killed mid-message: its leases expire, another worker takes the partitions and first claims what the
dead one had read but not acknowledged (XAUTOCLAIM), in stream order, then reads on. Each update is handled
once: a done-marker per update_id is set the moment the handlers return and checked before they start, so a
redelivered update that was answered is only acknowledged. The one gap left is a kill between the reply reaching
Telegram and that marker (a few milliseconds): the update is then answered twice — never lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import os
import random
import socket
import time
import uuid
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.telegram.stream import DONE_TTL, GROUP, UpdateQueue

log = logging.getLogger("finbot.worker")

READ_BATCH = 100
READ_BLOCK_MS = 500
DRAIN_SECONDS = 30.0  # on shutdown: how long the updates being handled may take to finish

_RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0"
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"


class QueueWorker:
    def __init__(self, app: Application, queue: UpdateQueue, name: str | None = None) -> None:
        self.app = app
        self.queue = queue
        self.client = queue.client
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.owned: set[int] = set()  # partitions whose lease this worker holds
        self.draining: set[int] = set()  # owned, being given up: not read any more
        self.reading: set[int] = set()  # in the XREADGROUP call running now
        self.running: dict[int, set[asyncio.Task[None]]] = {}
        self.handled = 0
        self._renew = self.client.register_script(_RENEW)
        self._release = self.client.register_script(_RELEASE)

    @property
    def lease_ms(self) -> int:
        return max(1000, int(self.queue.lease_seconds * 1000))

    # -- the loops

    async def run(self, stop: asyncio.Event) -> None:
        """Hold leases and handle updates until `stop` is set; then finish what runs and give the leases back."""
        await self.queue.setup()
        log.info("worker %s: %d partitions, lease %.0f s", self.name, self.queue.partitions,
                 self.queue.lease_seconds)
        leases = asyncio.create_task(self._lease_loop(stop))
        try:
            await self._read_loop(stop)
        finally:
            leases.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await leases
            await self._shutdown()

    async def _lease_loop(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self._balance()
            except Exception as exc:  # Valkey away for a moment: try again next round
                log.warning("worker %s: lease round failed (%s: %s)", self.name, exc.__class__.__name__, exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.queue.lease_seconds / 3)

    async def _balance(self) -> None:
        now = time.time()
        await self.client.zadd(self.queue.workers, {self.name: now})
        await self.client.zremrangebyscore(self.queue.workers, "-inf", now - 10 * self.queue.lease_seconds)
        share = math.ceil(self.queue.partitions / max(1, await self.queue.live_workers()))
        for p in sorted(self.owned):
            if not await self._renew(keys=[self.queue.lease(p)], args=[self.name, self.lease_ms]):
                log.warning("worker %s: lost partition %d (lease expired)", self.name, p)
                self.owned.discard(p)
                self.draining.discard(p)
        keep = len(self.owned) - len(self.draining)
        for p in sorted(self.owned - self.draining, reverse=True)[: max(0, keep - share)]:
            self.draining.add(p)  # another worker joined: give this one up once drained
        for p in sorted(self.draining):
            if p not in self.reading and not self.running.get(p):
                await self._release(keys=[self.queue.lease(p)], args=[self.name])
                self.owned.discard(p)
                self.draining.discard(p)
        free = [p for p in range(self.queue.partitions) if p not in self.owned]
        random.shuffle(free)
        for p in free:
            if len(self.owned) >= share:
                break
            if await self.client.set(self.queue.lease(p), self.name, nx=True, px=self.lease_ms):
                await self._take(p)

    async def _take(self, p: int) -> None:
        """A partition just leased: first what an earlier worker read and never acknowledged, then new updates."""
        stream, start, claimed = self.queue.stream(p), "0-0", 0
        while True:
            reply = await self.client.xautoclaim(stream, GROUP, self.name, min_idle_time=0, start_id=start,
                                                 count=READ_BATCH)
            start, entries = reply[0], reply[1]
            for entry_id, fields in entries:
                self._dispatch(p, entry_id, fields)
                claimed += 1
            if start in (b"0-0", "0-0"):
                break
        self.owned.add(p)
        if claimed:
            log.warning("worker %s: partition %d taken over with %d unfinished updates", self.name, p, claimed)

    async def _read_loop(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            partitions = sorted(self.owned - self.draining)
            if not partitions:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), 0.2)
                continue
            self.reading = set(partitions)
            try:
                replies = await self.client.xreadgroup(GROUP, self.name, {self.queue.stream(p): ">"
                                                                         for p in partitions},
                                                       count=READ_BATCH, block=READ_BLOCK_MS)
            except Exception as exc:
                log.warning("worker %s: reading the queue failed (%s: %s)", self.name, exc.__class__.__name__, exc)
                await asyncio.sleep(1)
                continue
            finally:
                self.reading = set()
            for stream, entries in replies or []:
                p = self.queue.partition_of_stream(stream)
                for entry_id, fields in entries:
                    self._dispatch(p, entry_id, fields)

    # -- one update

    def _dispatch(self, p: int, entry_id: Any, fields: dict[Any, Any] | None) -> None:
        """Start handling one entry now (tasks start in stream order, so the Application sees that order)."""
        task = asyncio.create_task(self._handle(p, entry_id, fields or {}))
        running = self.running.setdefault(p, set())
        running.add(task)
        task.add_done_callback(running.discard)

    async def _handle(self, p: int, entry_id: Any, fields: dict[Any, Any]) -> None:
        raw = fields.get(b"u") or fields.get("u")
        try:
            update = Update.de_json(json.loads(raw), self.app.bot) if raw else None
        except (ValueError, TypeError, KeyError) as exc:
            log.error("worker %s: entry %s of partition %d is not an update (%s): dropped", self.name, entry_id, p,
                      exc.__class__.__name__)
            update = None
        if update is not None:
            try:
                await self.app.update_processor.process_update(update, self._once(update))
            except asyncio.CancelledError:
                raise  # not acknowledged: whoever takes the partition handles it
            except Exception:
                log.exception("worker %s: update %s failed", self.name, update.update_id)
        try:
            async with self.client.pipeline(transaction=True) as pipe:
                pipe.xack(self.queue.stream(p), GROUP, entry_id)
                pipe.xdel(self.queue.stream(p), entry_id)  # the user's text leaves Valkey once handled
                await pipe.execute()
        except Exception as exc:  # left pending: its done-marker keeps a redelivery from answering it again
            log.warning("worker %s: could not acknowledge %s (%s)", self.name, entry_id, exc.__class__.__name__)
        self.handled += 1

    async def _once(self, update: Update) -> None:
        done = self.queue.done(update.update_id)
        if await self.client.exists(done):
            log.info("worker %s: update %d was already handled", self.name, update.update_id)
            return
        await self.app.process_update(update)
        await self.client.set(done, "1", ex=DONE_TTL)

    async def _shutdown(self) -> None:
        """Let the updates being handled finish (up to DRAIN_SECONDS), then give every lease back at once."""
        late = {t for running in self.running.values() for t in running}
        deadline = time.monotonic() + DRAIN_SECONDS
        while late and time.monotonic() < deadline:
            _done, late = await asyncio.wait(late, timeout=min(self.queue.lease_seconds / 3,
                                                                deadline - time.monotonic()))
            for p in sorted(self.owned):  # still ours while they finish: nobody may claim them meanwhile
                with contextlib.suppress(Exception):
                    await self._renew(keys=[self.queue.lease(p)], args=[self.name, self.lease_ms])
        for task in late:
            task.cancel()  # left unacknowledged: another worker claims them
        for p in sorted(self.owned):
            with contextlib.suppress(Exception):
                await self._release(keys=[self.queue.lease(p)], args=[self.name])
        with contextlib.suppress(Exception):
            await self.client.zrem(self.queue.workers, self.name)
        log.info("worker %s stopped after %d updates", self.name, self.handled)
        self.owned.clear()


async def run_worker(app: Application, queue: UpdateQueue, stop: asyncio.Event) -> None:
    """Start the Application without an updater (updates come from the queue), work until `stop`, stop cleanly."""
    from bot.telegram.app import start
    from bot.telegram.app import stop as stop_app

    await start(app, polling=False)
    try:
        await QueueWorker(app, queue).run(stop)
    finally:
        await stop_app(app)
        await queue.close()
