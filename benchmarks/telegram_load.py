"""Telegram load: many users asking at once through the fake Bot API server, printed as a Markdown table.

    python benchmarks/telegram_load.py                      # 100 users x 5 questions, the bundled knowledge/
    python benchmarks/telegram_load.py --users 20 --questions 3 --kb tests/fixtures/kb
    python benchmarks/telegram_load.py --think 0 --ramp 0                 # saturation: capacity in answers/s

The bot runs as `finbot serve` in its own process (as in production); this process plays Telegram's servers
and the users. Users start spread over --ramp seconds; each sends a question, waits for the answer, reads it
for --think seconds (uniform in a range), then sends the next. `--think 0 --ramp 0` saturates the bot (all
users always waiting): that measures capacity, not the experience. Latency is measured on the fake server
from the moment an update is queued for getUpdates to the moment the bot's answer arrives (the message
carrying the answer's buttons). Lost = questions with no answer in 30 s. The bot is then stopped with
SIGTERM and must exit 0. Target on 2 cores: p95 < 1 s, zero lost.

    python benchmarks/telegram_load.py --ramp 0                           # the burst: 100 questions at once, 5 rounds
    python benchmarks/telegram_load.py --ramp 0 --processes 0             # the engine in threads of the bot process

It also prints each process of the bot (the event loop, the engine workers): its RSS after the load and the CPU
it used during the load per answer — a figure that other jobs on a shared machine disturb far less than latency.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "telegram"))

from fakebot import FakeBotAPI, Sent, User  # noqa: E402

from bot.telegram.rss import rss_mb  # noqa: E402

QUESTIONS = [
    "逾期三天会上征信吗？",
    "信用卡只还最低还款算逾期吗",
    "逾期记录在征信上保留几年？",
    "网贷利息超过24%还要还吗",
    "催收打我家人电话合法吗",
    "欠一万逾期30天日息万五要还多少",
    "停息挂账怎么申请",
    "今天天气怎么样",
    "How long does an overdue stay on my credit report?",
    "Can collectors call my family?",
    "I owe 10000, 60 days overdue at 0.05% a day, how much?",
    "What is the weather tomorrow in Paris?",
]
REPLY_TIMEOUT = 30.0
TICKS = os.sysconf("SC_CLK_TCK")


def tree(pid: int) -> dict[int, str]:
    """The bot process and its children (engine workers, multiprocessing's resource tracker): pid -> role."""
    out = {pid: "bot"}
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return out
    engines = 0
    for kid in kids:
        try:
            cmdline = Path(f"/proc/{kid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "resource_tracker" in cmdline:
            out[int(kid)] = "resource tracker"
        else:
            engines += 1
            out[int(kid)] = f"engine {engines}"
    return out


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime




def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))] if ordered else float("nan")


async def run(users: int, questions: int, kb: Path, seed: int, think: tuple[float, float],
              ramp: float, extra_env: dict[str, str]) -> dict[str, Any]:
    rng = random.Random(seed)
    api = await FakeBotAPI().start()
    waiting: dict[int, asyncio.Future[Sent]] = {}

    def on_sent(sent: Sent) -> None:
        # The answer is the message that carries buttons (a long answer's earlier parts have none).
        future = waiting.get(sent.chat_id)
        if future is not None and not future.done() and sent.reply_markup:
            future.set_result(sent)

    api.listeners.append(on_sent)
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = Path(tmp) / "knowledge"
        shutil.copytree(kb, knowledge)
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_API_BASE_URL": api.base_url,
               "TELEGRAM_API_BASE_FILE_URL": api.base_file_url, "FINBOT_DATA_DIR": str(Path(tmp) / "data"),
               "FINBOT_KNOWLEDGE_DIR": str(knowledge), "FINBOT_LLM_BASE_URL": "", "FINBOT_LLM_MODEL": "",
               "CHROMA_HOST": "", "FINBOT_EMBEDDING": "use", **extra_env}
        t0 = time.perf_counter()
        # The bot runs as in production, in its own process (`finbot serve`); this process plays Telegram.
        bot = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "serve", env=env, cwd=tmp,
                                                   stdout=asyncio.subprocess.DEVNULL,
                                                   stderr=asyncio.subprocess.PIPE)
        try:
            await api.wait_for(lambda: api.calls_of("setMyCommands") and api.polls > 1, timeout=180)
            await asyncio.sleep(1.0)  # post_init (warm-up) finishes before the first update is taken
            setup = time.perf_counter() - t0
            latencies: list[float] = []
            lost = 0

            async def user_session(uid: int) -> None:
                nonlocal lost
                user = User(100000 + uid, f"u{uid}", rng.choice(["zh-hans", "en"]))
                await asyncio.sleep(rng.uniform(0, ramp))
                for n in range(questions):
                    if n:
                        await asyncio.sleep(rng.uniform(*think))  # reading the answer
                    future: asyncio.Future[Sent] = asyncio.get_running_loop().create_future()
                    waiting[user.id] = future
                    api.send_text(user, rng.choice(QUESTIONS))
                    update_id = api.updates[-1]["update_id"]  # no await in between: this is ours
                    try:
                        reply = await asyncio.wait_for(future, REPLY_TIMEOUT)
                    except TimeoutError:
                        lost += 1
                        continue
                    latencies.append(reply.at - api.pushed_at[update_id])

            procs = tree(bot.pid)
            cpu_before = {pid: cpu_seconds(pid) for pid in procs}
            started = time.perf_counter()
            await asyncio.gather(*(user_session(i) for i in range(users)))
            wall = time.perf_counter() - started
            per_process = [(role, rss_mb(pid), cpu_seconds(pid) - cpu_before[pid]) for pid, role in procs.items()]
            load = os.getloadavg()[0]
        finally:
            if bot.returncode is None:
                bot.terminate()
            _, err = await bot.communicate()
            await api.close()
    if bot.returncode != 0:
        print(err.decode()[-3000:], file=sys.stderr)
    return {
        "users": users, "questions": users * questions, "answered": len(latencies), "lost": lost,
        "rejected": len(api.rejected), "p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
        "max": max(latencies, default=float("nan")), "wall": wall, "setup": setup,
        "throughput": len(latencies) / wall if wall else 0.0, "exit": float(bot.returncode or 0),
        "processes": per_process, "load": load,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--questions", type=int, default=5, help="questions per user")
    parser.add_argument("--kb", type=Path, default=ROOT / "knowledge", help="knowledge folder to serve")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--think", default="2-6", metavar="MIN-MAX",
                        help="seconds a user reads an answer before the next question (0 = saturate)")
    parser.add_argument("--ramp", type=float, default=5.0, help="users start spread over this many seconds")
    parser.add_argument("--processes", type=int, default=None,
                        help="FINBOT_ENGINE_PROCESSES for the bot (default: its own default, one per core)")
    parser.add_argument("--send-rate", type=float, default=None, help="FINBOT_SEND_PER_SECOND for the bot")
    args = parser.parse_args()
    extra_env = {}
    if args.processes is not None:
        extra_env["FINBOT_ENGINE_PROCESSES"] = str(args.processes)
    if args.send_rate is not None:
        extra_env["FINBOT_SEND_PER_SECOND"] = f"{args.send_rate:g}"
    low, _, high = args.think.partition("-")
    think = (float(low), float(high or low))
    import logging

    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)  # cancelled "typing" calls at shutdown
    r = asyncio.run(run(args.users, args.questions, args.kb, args.seed, think, args.ramp, extra_env))
    print(f"## Telegram load ({os.cpu_count()} cores, knowledge: {args.kb.name}, think {args.think} s, "
          f"ramp {args.ramp:g} s, bot start {r['setup']:.1f} s)\n")
    print("| users | questions | answered | lost | rejected calls | p50 ms | p95 ms | max ms | answers/s | exit |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(f"| {r['users']} | {r['questions']} | {r['answered']} | {r['lost']} | {r['rejected']} | "
          f"{r['p50'] * 1000:.0f} | {r['p95'] * 1000:.0f} | {r['max'] * 1000:.0f} | {r['throughput']:.1f} | "
          f"{r['exit']:.0f} |")
    answered = max(1, r["answered"])
    print("\n| process | RSS MB | CPU s during the load | CPU ms per answer |\n|---|---|---|---|")
    for role, rss, cpu in r["processes"]:
        print(f"| {role} | {rss:.0f} | {cpu:.1f} | {cpu * 1000 / answered:.1f} |")
    total = sum(cpu for _, _, cpu in r["processes"])
    print(f"| all | {sum(rss for _, rss, _ in r['processes']):.0f} | {total:.1f} | {total * 1000 / answered:.1f} |")
    print(f"\nLoad average at the end (other jobs included): {r['load']:.2f}; settings: "
          f"{' '.join(f'{k}={v}' for k, v in extra_env.items()) or 'defaults'}")
    ok = r["lost"] == 0 and r["rejected"] == 0 and r["p95"] < 1.0 and r["exit"] == 0
    print(f"\nTarget p95 < 1 s and zero lost: {'met' if ok else 'NOT met'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
