"""Many workers, for real: `finbot receive` takes the fake Telegram's webhook posts and puts them on the queue in a
real Valkey; two `finbot worker` processes (each with its engine in a process of its own, as deployed) answer them
with their records in a real PostgreSQL and the index on a real Chroma server. A load of messages from many users:
none lost, each chat's replies in the order its messages came — also when one worker is killed (SIGKILL) in the
middle of it; an update Telegram delivers twice is answered once; /forget leaves nothing in PostgreSQL or Valkey."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE_KB
from fakebot import FakeBotAPI, Sent, User

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

SECRET = "e2e-secret_123"
QUESTIONS = ["逾期三天会上征信吗？", "逾期记录在征信上保留几年？", "催收打我家人电话合法吗",
             "信用卡只还最低还款算逾期吗", "停息挂账怎么申请", "How long does an overdue stay on my credit report?"]
USERS = 50
PER_USER = 10  # 500 messages


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    from servers import chroma

    with chroma(tmp_path_factory.mktemp("chroma")) as address:
        yield address


@dataclass
class Cluster:
    """A receiver and workers as separate processes, as on separate machines (they share only the services)."""

    api: FakeBotAPI
    env: dict[str, str]
    root: Path
    port: int
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    receiver: subprocess.Popen[bytes] | None = None

    def spawn(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        log = open(self.root / f"{name}.log", "wb")  # noqa: SIM115 — closed with the process
        return subprocess.Popen([sys.executable, "-m", "bot", *args], env=self.env, cwd=self.root,
                                stdout=log, stderr=subprocess.STDOUT)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in self.root.glob("*.log"))

    async def post(self, user: User, text: str) -> dict[str, Any]:
        """One message to the bot in the user's own group (so the answer quotes it), as Telegram posts it to the
        webhook; the receiver must take it (200)."""
        group = {"id": -user.id, "type": "group", "title": f"group of {user.first_name}"}
        if text.startswith("/"):  # a command, as Telegram marks it
            entity = {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
        else:  # a question that mentions the bot
            mention = "@" + str(self.api.bot.username)
            text, entity = f"{mention} {text}", {"type": "mention", "offset": 0, "length": len(mention)}
        update = {"message": self.api._message(user, group, text=text, entities=[entity])}
        status = await self.api.post_webhook(update, SECRET)
        assert status == 200, f"the receiver answered {status}"
        return update

    async def deliver(self, update: dict[str, Any], secret: str | None) -> int:
        """Post an update exactly as given (its update_id kept: Telegram retrying it); the HTTP status."""
        import aiohttp

        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        async with aiohttp.ClientSession() as http, http.post(self.api.webhook["url"], json=update,
                                                               headers=headers) as resp:
            return resp.status


async def _until(predicate: Any, timeout: float, what: str, cluster: Cluster) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            calls = [(s.plain[:60], s.reply_to, bool(s.reply_markup)) for s in cluster.api.sent[-4:]]
            raise AssertionError(f"timed out waiting for {what}; last calls {calls}\n{cluster.logs()}")
        await asyncio.sleep(0.2)


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
async def cluster(tmp_path_factory: pytest.TempPathFactory, postgres_server: str, valkey_server: str,
                  chroma_server: tuple[str, int]) -> AsyncIterator[Cluster]:
    """One receiver and two workers for the whole module (they take a while to start); the test that kills a
    worker runs last."""
    import redis
    from servers import free_port, fresh_database

    root = tmp_path_factory.mktemp("cluster")
    cache_url = valkey_server.rsplit("/", 1)[0] + "/5"  # a database of its own on the session's Valkey
    valkey = redis.Redis.from_url(cache_url)
    valkey.flushdb()
    api = await FakeBotAPI().start()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FINBOT_", "TELEGRAM_", "CHROMA_"))}
    env.update({"TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_API_BASE_URL": api.base_url,
                "TELEGRAM_API_BASE_FILE_URL": api.base_file_url, "FINBOT_DATA_DIR": str(root / "data"),
                "FINBOT_KNOWLEDGE_DIR": str(FIXTURE_KB), "FINBOT_EMBEDDING": "use", "FINBOT_LLM_BASE_URL": "",
                "FINBOT_LLM_MODEL": "", "CHROMA_HOST": chroma_server[0], "CHROMA_PORT": str(chroma_server[1]),
                "FINBOT_STATE_URL": fresh_database(postgres_server), "FINBOT_CACHE_URL": cache_url,
                "FINBOT_WEBHOOK_SECRET": SECRET, "FINBOT_ENGINE_PROCESSES": "1", "FINBOT_WORKER_LEASE_SECONDS": "2",
                "FINBOT_QUEUE_PER_USER": "100", "FINBOT_SEND_PER_SECOND": "0"})
    c = Cluster(api, env, root, port)
    # The index is built once on the Chroma server, as an educator would before starting the workers.
    subprocess.run([sys.executable, "-m", "bot", "ingest"], env=env, cwd=root, check=True, capture_output=True)
    try:
        c.receiver = c.spawn("receiver", "receive", "--webhook", f"http://127.0.0.1:{port}/hook", "--listen",
                             "127.0.0.1", "--port", str(port))
        c.workers = [c.spawn(f"worker{i}", "worker") for i in (1, 2)]
        await _until(lambda: api.webhook.get("secret_token") == SECRET, 60, "the receiver's setWebhook", c)

        def balanced() -> bool:
            owners = [valkey.get(f"finbot:q:lease:{p}") for p in range(16)]
            return None not in owners and len(set(owners)) == 2 and valkey.zcard("finbot:q:workers") == 2

        await _until(balanced, 300, "two workers sharing the partitions", c)
        yield c
    finally:
        for proc in [*c.workers, c.receiver]:
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in [*c.workers, c.receiver]:
            if proc is not None:
                try:
                    proc.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    proc.kill()
        await api.close()
        valkey.close()


def answers_by_question(api: FakeBotAPI) -> dict[int, list[Sent]]:
    """Each question's answers: the messages that quote it (an answer's first part)."""
    out: dict[int, list[Sent]] = {}
    for sent in api.sent:
        if sent.reply_to is not None:
            out.setdefault(sent.reply_to, []).append(sent)
    return out


async def test_an_update_delivered_twice_is_answered_once(cluster: Cluster) -> None:
    api = cluster.api
    user = User(4242, "Li", "zh-hans")
    update = await cluster.post(user, "逾期记录在征信上保留几年？")
    mid = update["message"]["message_id"]
    await _until(lambda: mid in answers_by_question(api), 60, "the answer", cluster)
    assert await cluster.deliver(update, SECRET) == 200  # Telegram retries it (our 200 got lost on the way)
    second = await cluster.post(user, "催收打我家人电话合法吗")  # later updates still get through
    await _until(lambda: second["message"]["message_id"] in answers_by_question(api), 60, "the next answer",
                 cluster)
    assert len(answers_by_question(api)[mid]) == 1


async def test_the_receiver_refuses_a_wrong_secret_and_reports_health(cluster: Cluster) -> None:
    import aiohttp

    user = User(4343, "Li", "zh-hans")
    update = {"message": cluster.api._message(user, None, text="逾期三天会上征信吗？")}
    assert await cluster.api.post_webhook(update, "not-the-secret") == 403
    assert await cluster.deliver(update, None) == 403
    assert await cluster.deliver({"message": update["message"]}, SECRET) == 400  # no update_id: not an update
    async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{cluster.port}/healthz") as resp:
        assert resp.status == 200
        health = await resp.json()
    assert health["ok"] is True and health["workers"] == 2 and health["partitions"] == 16
    await asyncio.sleep(1.0)
    assert not [s for s in cluster.api.sent if s.chat_id in (user.id, -user.id)]  # nothing was answered


async def test_forget_through_the_queue_leaves_nothing_in_postgres_or_valkey(cluster: Cluster) -> None:
    import psycopg
    import redis

    from bot.config import Settings
    from bot.telegram.state import open_state

    api, user = cluster.api, User(4444, "Wu", "zh-hans")
    for text in ("/lang en", "今天天气怎么样"):  # a language choice and an unanswered question: stored
        update = await cluster.post(user, text)
        await _until(lambda u=update: u["message"]["message_id"] in answers_by_question(api), 60, text, cluster)
    state = open_state(Settings(_env_file=None, FINBOT_STATE_URL=cluster.env["FINBOT_STATE_URL"]))
    who = state.user_hash(user.id)
    state.close()
    with psycopg.connect(cluster.env["FINBOT_STATE_URL"]) as conn:
        assert conn.execute("SELECT COUNT(*) FROM unanswered WHERE user_hash = %s", (who,)).fetchone() == (1,)
    forget = await cluster.post(user, "/forget")
    await _until(lambda: forget["message"]["message_id"] in answers_by_question(api), 60, "/forget", cluster)

    with psycopg.connect(cluster.env["FINBOT_STATE_URL"]) as conn:
        for table in ("prefs", "feedback", "unanswered", "reminders", "debts"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table} WHERE user_hash = %s", (who,)).fetchone() == (0,)
    valkey = redis.Redis.from_url(cluster.env["FINBOT_CACHE_URL"])
    try:
        keys = list(valkey.scan_iter("*"))
        assert [k for k in keys if who in k.decode()] == []
        for key in keys:  # nor the text of what they wrote, in any value or queued update
            kind = valkey.type(key)
            if kind == b"string":
                values = [valkey.get(key) or b""]
            elif kind == b"stream":
                values = [v for _id, fields in valkey.xrange(key) for v in fields.values()]
            else:
                values = []
            assert not any("天气" in v.decode("utf-8", "replace") for v in values), key
    finally:
        valkey.close()


async def test_two_workers_answer_a_load_in_order_and_a_killed_worker_loses_nothing(cluster: Cluster) -> None:
    import redis

    api = cluster.api
    users = [User(5000 + i, f"u{i}", "zh-hans") for i in range(USERS)]
    asked: dict[int, list[int]] = {}  # user -> their questions' message ids, in the order sent
    rng = random.Random(16)

    async def talk(user: User) -> None:
        for _ in range(PER_USER):
            update = await cluster.post(user, rng.choice(QUESTIONS))
            asked.setdefault(user.id, []).append(update["message"]["message_id"])
            await asyncio.sleep(rng.uniform(0.0, 0.3))

    load = asyncio.gather(*(talk(u) for u in users))
    total = USERS * PER_USER
    await _until(lambda: len(answers_by_question(api)) >= total // 4, 120, "a quarter of the answers", cluster)
    victim = cluster.workers[0]
    victim.send_signal(signal.SIGKILL)  # mid-load: it holds half the partitions and updates in flight
    killed_at = time.perf_counter()
    await load
    await _until(lambda: len(answers_by_question(api)) >= total, 180, "every answer", cluster)
    await asyncio.sleep(1.0)  # late duplicates would arrive now

    answers = answers_by_question(api)
    assert victim.wait(5) == -signal.SIGKILL
    lost = [mid for mids in asked.values() for mid in mids if mid not in answers]
    assert lost == [], f"{len(lost)} messages never answered"
    twice = {mid: got for mid, got in answers.items() if len(got) > 1}
    # The one gap at-least-once leaves: a reply that reached Telegram in the moment of the kill, before the dead
    # worker wrote its done-marker, is sent again by the survivor. Nothing else may be answered twice.
    # (Its first reply may be recorded just after the signal: a request already on its way when the kill landed.)
    around = {mid: [round(g.at - killed_at, 2) for g in got] for mid, got in twice.items()}
    assert all(len(at) == 2 and -3.0 < at[0] < 1.0 for at in around.values()), around
    for chat, mids in asked.items():
        order = [s.reply_to for s in api.sent if s.chat_id == -chat and s.reply_to is not None]
        deduped = [m for i, m in enumerate(order) if i == 0 or m != order[i - 1]]
        assert deduped == mids, f"chat {chat}: replies out of order"
    assert api.rejected == []
    valkey = redis.Redis.from_url(cluster.env["FINBOT_CACHE_URL"])
    owners = {valkey.get(f"finbot:q:lease:{p}") for p in range(16)}
    valkey.close()
    assert len(owners) == 1 and None not in owners  # the survivor took the dead worker's partitions
    from bot.telegram.rss import rss_mb

    assert cluster.receiver is not None
    print(f"\n{total} messages, all answered in order; worker killed after {total // 4} answers; "
          f"answered twice around the kill: {len(twice)}; RSS MB: receiver {rss_mb(cluster.receiver.pid):.0f}, "
          f"surviving worker {rss_mb(cluster.workers[1].pid):.0f}")
