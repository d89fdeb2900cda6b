"""Answer-engine speed and memory: warm per-question latency, one-shot `finbot ask` start-up, peak RSS.

    python benchmarks/answer.py [--data-dir DIR] [--questions FILE] [--rounds 3] [--startup-runs 3]

Uses FINBOT_DATA_DIR (or --data-dir; ingested first if empty) and the evaluation set's questions of every
kind. Targets (issue #5): warm p50 ≤ 30 ms, p95 ≤ 100 ms on 2 cores; one-shot `finbot ask` ≤ 3 s.
Timings are noisy: report medians of several runs, compare within one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", default=os.environ.get("FINBOT_DATA_DIR", str(ROOT / ".finbot")))
    parser.add_argument("--questions", default=str(ROOT / "knowledge" / "eval" / "questions.yaml"))
    parser.add_argument("--rounds", type=int, default=3, help="passes over the questions (warm)")
    parser.add_argument("--startup-runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["FINBOT_DATA_DIR"] = args.data_dir
    os.environ.setdefault("FINBOT_KNOWLEDGE_DIR", str(ROOT / "knowledge"))
    os.environ["FINBOT_LLM_BASE_URL"] = ""  # the offline path is what is measured

    from bot.config import get_settings
    from bot.engine.answer import Answerer
    from bot.engine.memory import Memory
    from bot.eval.evaluate import load_eval_set

    started = time.perf_counter()
    answerer = Answerer.from_settings(get_settings(), echo=lambda m: print(m, file=sys.stderr), use_llm=False)
    answerer.warm_up()
    load_s = time.perf_counter() - started
    items = load_eval_set(Path(args.questions))
    rows: dict[str, list[float]] = {}
    all_ms: list[float] = []
    for _ in range(args.rounds):
        for item in items:
            mem = Memory()
            for turn in item.history:
                answerer.answer(turn, mem, lang=item.lang)
            t = time.perf_counter()
            answerer.answer(item.q, mem, lang=item.lang)
            ms = (time.perf_counter() - t) * 1000
            rows.setdefault(item.kind, []).append(ms)
            all_ms.append(ms)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    startup: list[float] = []
    env = {**os.environ}
    for _ in range(args.startup_runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "逾期三天会上征信吗？"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        startup.append(time.perf_counter() - t)
    child_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"finbot answer benchmark — {len(items)} questions × {args.rounds} rounds, {os.cpu_count()} cores")
    print(f"engine open + warm-up: {load_s:.2f} s")
    print()
    print(f"{'kind':<14}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for kind, values in sorted(rows.items()):
        print(f"{kind:<14}{len(values):>6}{pct(values, 50):>10.1f}{pct(values, 95):>10.1f}{max(values):>10.1f}")
    print(f"{'all':<14}{len(all_ms):>6}{pct(all_ms, 50):>10.1f}{pct(all_ms, 95):>10.1f}{max(all_ms):>10.1f}")
    print()
    print(f"one-shot `finbot ask` wall time: median {statistics.median(startup):.2f} s "
          f"(runs: {', '.join(f'{s:.2f}' for s in startup)})")
    print(f"peak RSS: benchmark process {rss_mb:.0f} MB, one-shot ask {child_rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
