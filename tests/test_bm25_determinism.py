"""The same question scores the same after a restart: word scores must not depend on Python's hash seed."""

from __future__ import annotations

import subprocess
import sys

_SCRIPT = """
from bot.engine.retrieve import BM25
docs = ["催收一直打电话要钱，诉讼时效会重新计算吗？债权人主张权利，时效中断。",
        "逾期记录在征信上保留五年，从还清之日起算，期满删除。",
        "信用卡逾期了先联系银行，申请个性化分期，最长五年。"] * 7
scores = BM25(docs).scores("催收一直打电话要钱 时效会重新算吗 征信 逾期 信用卡 银行 分期 五年")
print(scores.tobytes().hex())
"""


def test_word_scores_are_identical_under_every_hash_seed() -> None:
    runs = {subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout
            for seed in range(6)}
    assert len(runs) == 1
