"""The answer engine off the event loop: in a pool of worker processes (every core), or in threads of this process.

    engine = EnginePool(settings, processes=2)
    await engine.start()                                   # each process opens the index and warms up; then ready
    answer, mem = await engine.call(compute.answer, question, mem, lang)    # fn(answerer, *args) in a worker
    await engine.each(compute.kb_stats)                    # on every worker (their own counters)
    await engine.recycle()                                 # fresh workers after the index changed
    await engine.close()

    engine = LocalEngine(answerer)                         # one process: threads (tests; FINBOT_ENGINE_PROCESSES=0)

Why processes: a warm answer is ~15 ms of Python under one GIL, so threads use one core however many there are.
Each worker holds its own Answerer (the embedding model and the index caches, ~300 MB); the event loop only
pickles a question and a small Memory across a pipe. A job goes to whichever worker is free, so ordering is the
caller's business (the Telegram layer runs one user's updates one at a time). A worker that dies or hangs fails
the one job it had, and is replaced; the others go on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from bot.telegram.rss import rss_mb

log = logging.getLogger("finbot.engine")
T = TypeVar("T")

START_TIMEOUT = 900.0  # a fresh data dir is ingested by the first worker before it is ready
JOB_TIMEOUT = 120.0  # a job still running after this is stuck: its worker is replaced


class EngineError(RuntimeError):
    """A job failed in the engine (its message names the error); the caller fails that one message."""


class WorkerDied(EngineError):
    """The worker running a job stopped (killed, crashed): that job fails and the worker is replaced."""


# ------------------------------------------------------------------ one process, threads


class LocalEngine:
    """The engine in threads of this process: the same interface as EnginePool, no extra memory."""

    def __init__(self, answerer: Any, threads: int = 4) -> None:
        self.answerer = answerer
        self._threads = ThreadPoolExecutor(threads, thread_name_prefix="finbot-engine")

    async def start(self) -> None:
        from bot.telegram import compute

        await self.call(compute.warm)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._threads, partial(fn, self.answerer, *args))

    async def each(self, fn: Callable[..., T], *args: Any) -> list[T]:
        return [await self.call(fn, *args)]

    async def recycle(self) -> None:
        return None  # one Answerer: whoever changed the index refreshed it

    def describe(self) -> list[dict[str, Any]]:
        return [{"pid": os.getpid(), "rss_mb": round(rss_mb(), 1), "role": "bot + engine (threads)"}]

    async def close(self) -> None:
        self._threads.shutdown(wait=True, cancel_futures=True)


# ------------------------------------------------------------------ worker processes


def one_math_thread() -> None:
    """Pin numpy's BLAS (and OpenMP) to one thread in this process, before numpy is imported.

    The engine multiplies small matrices: OpenBLAS's helper threads only spin, and with several processes on a few
    cores they take turns with real work — measured here, 48.6 ms of CPU per answer with the default threads
    against 11.6 ms with one. Parallelism comes from processes. An explicit setting in the environment wins."""
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def _worker_main(conn: Connection, settings: Any, number: int) -> None:
    """A worker: open the engine once, say ready, then run jobs until the pipe closes."""
    one_math_thread()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    logging.basicConfig(level=logging.WARNING, format=f"%(asctime)s %(levelname)s engine-{number}: %(message)s")
    try:
        answerer = _open_engine(settings)
        conn.send(("ready", {"pid": os.getpid(), "rss_mb": round(rss_mb(), 1)}))
    except BaseException:
        conn.send(("failed", traceback.format_exc(limit=8)))
        return
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return  # the parent closed the pipe or died
        try:
            reply = (True, fn(answerer, *args))
        except Exception as exc:
            log.warning("job %s failed: %s", getattr(fn, "__name__", fn), exc.__class__.__name__)
            reply = (False, f"{exc.__class__.__name__}: {exc}")
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return
        except Exception as exc:  # a result that cannot be pickled: say so instead of dying
            conn.send((False, f"result of {getattr(fn, '__name__', fn)} could not be sent: {exc}"))


def _open_engine(settings: Any) -> Any:
    """The Answerer, as `finbot serve` opens it (bot.eval.calibrate.open_answerer). A fresh data dir is ingested, and
    a never-measured embedding backend calibrated, by one worker while the others wait for it."""
    import fcntl

    from bot.calibration import load_calibration
    from bot.eval.calibrate import open_answerer
    from bot.telegram import compute
    from ingest.pipeline import open_index

    def echo(msg: str) -> None:
        log.warning("%s", msg)

    data_dir = Path(settings.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / "engine-start.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        index = open_index(settings, auto_ingest=True, echo=echo)
        answerer = open_answerer(settings, echo=echo) if load_calibration(index.embedding, data_dir) is None else None
    answerer = answerer or open_answerer(settings, echo=echo)
    compute.warm(answerer)
    return answerer


@dataclass
class _Worker:
    number: int
    process: Any
    conn: Connection
    io: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="finbot-pipe"))
    info: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    def wait_ready(self, timeout: float) -> dict[str, Any]:
        if not self.conn.poll(timeout):
            raise EngineError(f"engine worker {self.number} was not ready after {timeout:.0f} s")
        try:
            kind, info = self.conn.recv()
        except EOFError:
            raise EngineError(f"engine worker {self.number} died while starting (exit code "
                              f"{self.process.exitcode}); run `finbot ask` once to see why") from None
        if kind != "ready":
            raise EngineError(f"engine worker {self.number} could not open the engine:\n{info}")
        self.info = info
        return info

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()  # the worker sees EOF and returns
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.io.shutdown(wait=False, cancel_futures=True)


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    future: asyncio.Future[Any]


class EnginePool:
    """N worker processes, each with its own warm Answerer; jobs go to whichever is free."""

    def __init__(self, settings: Any, processes: int) -> None:
        self.settings = settings
        self.size = max(1, processes)
        self._ctx = get_context("spawn")  # never fork a process that runs threads (httpx, Chroma, asyncio)
        self._jobs: asyncio.Queue[_Job] = asyncio.Queue()
        self._workers: list[_Worker] = []
        self._lanes: list[asyncio.Task[None]] = []
        self._spawned = 0
        self._closing = False

    # -- lifecycle

    async def start(self) -> None:
        """Start every worker and wait until each is warm (raises EngineError naming the cause otherwise)."""
        t0 = time.monotonic()
        workers = await self._spawn_ready(self.size)
        self._workers = workers
        self._lanes = [asyncio.create_task(self._lane(i)) for i in range(len(workers))]
        for w in workers:
            log.info("engine worker %d ready (pid %d, RSS %.0f MB)", w.number, w.info["pid"], w.info["rss_mb"])
        log.info("engine pool: %d processes warm in %.1f s; bot process RSS %.0f MB",
                 len(workers), time.monotonic() - t0, rss_mb())

    async def _spawn_ready(self, count: int) -> list[_Worker]:
        workers = [self._spawn() for _ in range(count)]
        loop = asyncio.get_running_loop()
        try:
            await asyncio.gather(*(loop.run_in_executor(w.io, w.wait_ready, START_TIMEOUT) for w in workers))
        except BaseException:
            for w in workers:
                w.stop()
            raise
        return workers

    def _spawn(self) -> _Worker:
        self._spawned += 1
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker_main, args=(child, self.settings, self._spawned),
                                    name=f"finbot-engine-{self._spawned}", daemon=True)
        process.start()
        child.close()
        return _Worker(self._spawned, process, parent)

    async def recycle(self) -> None:
        """Replace every worker by a fresh one (after the index changed); the old ones serve until then, and each
        stops once the job it is running is done (its pipe thread runs the stop after that job)."""
        fresh = await self._spawn_ready(self.size)
        old, self._workers = self._workers, fresh
        for w in old:
            w.io.submit(w.stop)
        log.info("engine pool recycled: %s", ", ".join(f"pid {w.info['pid']}" for w in fresh))

    async def close(self) -> None:
        self._closing = True
        for task in self._lanes:
            task.cancel()
        workers, self._workers = self._workers, []
        await asyncio.get_running_loop().run_in_executor(None, lambda: [w.stop() for w in workers])
        while not self._jobs.empty():
            job = self._jobs.get_nowait()
            if not job.future.done():
                job.future.set_exception(EngineError("the engine is shutting down"))

    def describe(self) -> list[dict[str, Any]]:
        """pid and current RSS of the bot process and each worker (for the start-up log and benchmarks)."""
        rows = [{"pid": os.getpid(), "rss_mb": round(rss_mb(), 1), "role": "bot (event loop)"}]
        rows += [{"pid": w.process.pid, "rss_mb": round(rss_mb(w.process.pid), 1), "role": f"engine {w.number}"}
                 for w in self._workers]
        return rows

    # -- work

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(answerer, *args) in a free worker. fn must be a module-level function; args and result pickle."""
        if self._closing:
            raise EngineError("the engine is shutting down")
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._jobs.put_nowait(_Job(fn, args, future))
        return await future

    async def each(self, fn: Callable[..., T], *args: Any) -> list[T]:
        """fn(answerer, *args) once in every worker (bypassing the queue), e.g. their own counters."""
        loop = asyncio.get_running_loop()
        return list(await asyncio.gather(*(loop.run_in_executor(w.io, self._run, w, fn, args)
                                           for w in list(self._workers))))

    async def _lane(self, index: int) -> None:
        """Feed one worker: one job at a time, so a free worker always takes the next job."""
        loop = asyncio.get_running_loop()
        while True:
            job = await self._jobs.get()
            if job.future.done():  # the caller gave up (cancelled)
                continue
            worker = self._workers[index]
            try:
                result = await asyncio.wait_for(loop.run_in_executor(worker.io, self._run, worker, job.fn, job.args),
                                                JOB_TIMEOUT)
            except asyncio.CancelledError:
                if not job.future.done():
                    job.future.set_exception(EngineError("the engine is shutting down"))
                raise
            except Exception as exc:
                if not job.future.done():
                    job.future.set_exception(exc if isinstance(exc, EngineError)
                                             else EngineError(f"engine job timed out after {JOB_TIMEOUT:.0f} s"))
                if not isinstance(exc, EngineError) or isinstance(exc, WorkerDied):
                    await self._replace(index, worker)
                continue
            if not job.future.done():
                job.future.set_result(result)

    @staticmethod
    def _run(worker: _Worker, fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        try:
            worker.conn.send((fn, args))
            ok, value = worker.conn.recv()
        except (EOFError, OSError) as exc:
            raise WorkerDied(f"engine worker {worker.number} stopped (exit code {worker.process.exitcode})") from exc
        if not ok:
            raise EngineError(value)
        return value

    async def _replace(self, index: int, dead: _Worker) -> None:
        """A worker died or hung: it failed its one job; start another in its place (the other lanes go on)."""
        if self._closing or self._workers[index] is not dead:
            return  # shutting down, or recycled meanwhile
        log.warning("engine worker %d (pid %s) stopped or hung; starting a new one", dead.number, dead.process.pid)
        loop = asyncio.get_running_loop()
        dead.process.kill()
        await loop.run_in_executor(None, dead.stop)
        while not self._closing:
            try:
                fresh = (await self._spawn_ready(1))[0]
            except EngineError as exc:
                log.error("could not restart an engine worker: %s", exc)
                await asyncio.sleep(5)
                continue
            self._workers[index] = fresh
            log.info("engine worker %d ready (pid %d, RSS %.0f MB)", fresh.number, fresh.info["pid"],
                     fresh.info["rss_mb"])
            return


def processes_for(setting: int | None) -> int:
    """FINBOT_ENGINE_PROCESSES: unset = one per core; 0 = threads in the bot process."""
    if setting is None:
        return os.cpu_count() or 1
    return max(0, setting)
