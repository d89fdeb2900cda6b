"""Measuring on new wordings: a copy of the articles without the evaluation questions' own 也问 phrasings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from bot.eval.evaluate import EvalItem
from bot.eval.unseen import copy_without

FIXTURES = Path(__file__).parent / "fixtures" / "answer"

ARTICLE = """---
id: card-late
title: 信用卡逾期了怎么办？
---

## 信用卡逾期了怎么办？

也问：信用卡逾期了咋办｜卡还不上了怎么弄
**也可以问**：xyk逾期了咋整

先联系银行。

## 会上征信吗？

也问：逾期一天会上征信吗

一般会。
"""


def test_the_questions_own_wordings_leave_the_copy_and_nothing_else_does(tmp_path: Path) -> None:
    (tmp_path / "kb" / "zh").mkdir(parents=True)
    (tmp_path / "kb" / "zh" / "card-late.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "kb" / "eval").mkdir()
    items = [EvalItem("信用卡逾期了咋办", "zh", "answer"), EvalItem("xyk逾期了咋整", "zh", "answer"),
             EvalItem("逾期一天会上征信吗", "zh", "answer", history=("信用卡逾期了",))]  # a follow-up is no phrasing
    removed = copy_without(tmp_path / "kb", tmp_path / "copy", items)
    text = (tmp_path / "copy" / "zh" / "card-late.md").read_text(encoding="utf-8")
    assert removed == 2
    assert "也问：卡还不上了怎么弄\n" in text and "信用卡逾期了咋办｜" not in text
    assert "xyk" not in text and "也可以问" not in text  # an emptied line goes, whatever its label's spelling
    assert "也问：逾期一天会上征信吗" in text and "先联系银行。" in text
    assert not (tmp_path / "copy" / "eval").exists()
    assert (tmp_path / "kb" / "zh" / "card-late.md").read_text(encoding="utf-8") == ARTICLE  # the source is untouched


@pytest.mark.slow
def test_calibrate_on_new_wordings_measures_a_copy_and_stores_the_record(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    for lang in ("zh", "en"):
        (knowledge / lang).mkdir(parents=True)
        for article in (FIXTURES / "knowledge" / lang).glob("*.md"):
            text = article.read_text(encoding="utf-8")
            if article.stem == "credit-report-retention":  # a tuning question listed as a phrasing of its section
                head, _, rest = text.partition("\n## ")
                heading, _, body = rest.partition("\n")
                text = f"{head}\n## {heading}\n\n也问：逾期记录在征信上会保留几年？｜征信上的逾期多久消\n{body}"
            (knowledge / lang / article.name).write_text(text, encoding="utf-8")
    before = {p: p.read_text(encoding="utf-8") for p in knowledge.rglob("*.md")}
    env = {**os.environ, "FINBOT_DATA_DIR": str(tmp_path / "data"), "FINBOT_KNOWLEDGE_DIR": str(knowledge),
           "FINBOT_EMBEDDING": "use", "FINBOT_LLM_BASE_URL": "", "FINBOT_LLM_MODEL": ""}
    result = CliRunner().invoke(cli, ["calibrate", "--new-wordings", "--questions", str(FIXTURES / "questions.yaml")],
                                env=env)
    assert result.exit_code == 0, result.output
    assert "without 1 phrasings that are these questions" in result.output
    record = json.loads((tmp_path / "data" / "calibration" / "use.json").read_text(encoding="utf-8"))
    assert record["sections"]["weights"] and record["relevance"]["threshold"] > 0
    assert {p: p.read_text(encoding="utf-8") for p in knowledge.rglob("*.md")} == before  # the articles untouched
    assert not (tmp_path / "data" / "chroma").exists()  # the copy was indexed elsewhere, and is gone
