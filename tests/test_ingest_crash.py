"""kill -9 during an ingest leaves a usable index; running it again gives exactly what a clean ingest gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.index import KnowledgeIndex

pytestmark = pytest.mark.slow  # kills a real ingest process mid-write

ARTICLES = 400  # x 3 sections: enough that the embedding takes a few seconds


def write_synthetic_kb(root: Path) -> None:
    folder = root / "zh"
    folder.mkdir(parents=True)
    for n in range(ARTICLES):
        sections = "\n".join(
            f"## 第{n}篇的问题{s}？\n第{n}篇第{s}节的回答：逾期{n + s}天的罚息按合同计算，记录保留{s + 1}年。\n"
            for s in range(3)
        )
        (folder / f"synthetic-{n}.md").write_text(
            f"---\nid: synthetic-{n}\ntitle: 合成文章{n}\nlang: zh\ntags: [测试]\nsources:\n  - 测试规则第{n}条\n"
            f"updated: 2026-11-01\n---\n{sections}",
            encoding="utf-8",
        )


def run_ingest(data: Path, kb: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FINBOT_DATA_DIR": str(data), "FINBOT_KNOWLEDGE_DIR": str(kb)}
    env.pop("CHROMA_HOST", None)
    env.pop("FINBOT_EMBEDDING", None)
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "ingest"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def snapshot(data: Path) -> dict[str, tuple[str, str]]:
    index = KnowledgeIndex.open(data)
    hashes = index.stored_hashes()
    return {hit.chunk_id: (hit.text, hashes[hit.chunk_id]) for hit in index.chunks()}


def test_kill_during_ingest_then_rerun_equals_clean_ingest(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    write_synthetic_kb(kb)
    crashed, clean = tmp_path / "crashed", tmp_path / "clean"

    proc = run_ingest(crashed, kb)
    database = crashed / "chroma" / "chroma.sqlite3"
    deadline = time.monotonic() + 60
    while not database.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    # Kill once a few batches are written (the database has grown), wherever it is in the next one.
    empty_size = database.stat().st_size
    while database.stat().st_size < empty_size + 500_000 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be interrupted"

    # The interrupted index is usable: it opens and answers from what was written.
    partial = KnowledgeIndex.open(crashed)
    assert 0 < partial.count() < ARTICLES * 3
    assert partial.search("逾期罚息", k=1)

    for data in (crashed, clean):
        done = run_ingest(data, kb)
        out, err = done.communicate(timeout=300)
        assert done.returncode == 0, err.decode()
    assert b"unchanged" in out

    assert snapshot(crashed) == snapshot(clean)
    assert len(snapshot(clean)) == ARTICLES * 3
