"""The engine pool (bot/telegram/pool.py): answers come from warm worker processes, side by side, and a worker that
dies fails only the job it had."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine.memory import Memory
from bot.telegram import compute
from bot.telegram.pool import EngineError, EnginePool

FIXTURE_KB = Path(__file__).parent / "fixtures" / "kb"
pytestmark = [pytest.mark.slow, pytest.mark.anyio]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def note_pid_and_wait(answerer: object, note: str, seconds: float) -> None:
    Path(note).write_text(str(os.getpid()))
    time.sleep(seconds)


def pid_after(answerer: object, seconds: float) -> int:
    """A job that takes `seconds` (runs in a worker: module-level, so it pickles by name)."""
    time.sleep(seconds)
    return os.getpid()


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("pool")
    shutil.copytree(FIXTURE_KB, root / "knowledge")
    return Settings(_env_file=None, FINBOT_DATA_DIR=str(root / "data"), FINBOT_KNOWLEDGE_DIR=str(root / "knowledge"),
                    FINBOT_EMBEDDING="use", CHROMA_HOST="", FINBOT_LLM_BASE_URL="", FINBOT_LLM_MODEL="")


async def test_two_workers_answer_side_by_side_keep_memory_and_survive_a_killed_one(settings: Settings) -> None:
    pool = EnginePool(settings, 2)
    await pool.start()  # a fresh data dir: one worker ingests, the other waits for it
    try:
        rows = pool.describe()
        workers = [r for r in rows if r["role"].startswith("engine")]
        assert len(workers) == 2 and all(r["rss_mb"] > 50 for r in workers)  # each holds its own warm model

        mem = Memory()
        answer, mem = await pool.call(compute.answer, "逾期记录在征信上保留几年？", mem, None)
        assert answer.kind == "answer" and "5年" in answer.text
        assert len(mem.turns) == 1 and "保留几年" in mem.turns[0]  # the worker's Memory came back

        # Two slow jobs at once run in two different processes, in about the time of one.
        started = time.monotonic()
        pids = await asyncio.gather(pool.call(pid_after, 1.0), pool.call(pid_after, 1.0))
        assert len(set(pids)) == 2 and time.monotonic() - started < 1.9

        # Kill the worker that runs a job: that job fails with a clear error, the next ones are answered.
        note = Path(settings.data_dir) / "doomed.pid"
        doomed = asyncio.create_task(pool.call(note_pid_and_wait, str(note), 30.0))
        for _ in range(100):
            if note.exists() and note.read_text():
                break
            await asyncio.sleep(0.1)
        victim = int(note.read_text())
        os.kill(victim, signal.SIGKILL)
        with pytest.raises(EngineError, match="stopped"):
            await asyncio.wait_for(doomed, 10)
        answers = await asyncio.gather(*(pool.call(compute.answer, "逾期记录在征信上保留几年？", Memory(), None)
                                         for _ in range(4)))
        assert all(a.kind == "answer" for a, _ in answers)
        for _ in range(100):  # the replacement warms up in the background
            engines = [r for r in pool.describe() if r["role"].startswith("engine")]
            if len(engines) == 2 and victim not in [r["pid"] for r in engines]:
                break
            await asyncio.sleep(0.5)
        assert len(engines) == 2 and victim not in [r["pid"] for r in engines]
    finally:
        await pool.close()
    assert all(not r["role"].startswith("engine") for r in pool.describe())
