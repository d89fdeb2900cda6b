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


HUB = """---
id: card-hub
title: 信用卡逾期了怎么办？
lang: zh
type: hub
tags: [信用卡]
sources:
  - 《商业银行信用卡业务监督管理办法》
updated: 2026-12-01
---
## 信用卡刚逾期，怎么办？
也问：信用卡逾期了咋办
先联系银行，说明情况。

## 银行不同意协商，怎么办？
银行不同意时，可以请求个性化分期。
"""

TOPIC = """---
id: card-report
title: 信用卡逾期会上征信吗？
lang: zh
tags: [征信]
sources:
  - 《征信业管理条例》
updated: 2026-12-01
---
## 逾期几天会上征信？
也问：逾期一天会上征信吗
也问：晚还两天上不上征信
一般逾期后就会报送。

## 逾期记录保留几年？
自还清之日起保留5年。
"""

RUN_SET = """- q: 卡刷爆了还不上 怎么办
  lang: zh
  kind: answer
  sections: ["card-hub › 信用卡刚逾期，怎么办？", "card-report › 逾期几天会上征信？"]
- q: 晚了3天 征信|会花吗
  lang: zh
  kind: answer
  sections: ["card-report › 逾期几天会上征信？"]
- q: 逾期一天会上征信吗
  lang: zh
  kind: answer
  sections: ["card-report › 逾期几天会上征信？"]
- q: 还清了记录留多久
  lang: zh
  kind: answer
  sections: ["card-report › 逾期记录保留几年？"]
- q: 银行不肯分期 我该咋办
  lang: zh
  kind: answer
  sections: ["card-hub › 银行不同意协商，怎么办？"]
- q: 会上征信吗
  lang: zh
  kind: answer
  history: ["信用卡逾期了"]
  sections: ["card-report › 逾期几天会上征信？"]
- q: 信用卡逾期了咋办
  lang: zh
  kind: answer
  sections: ["card-report › 逾期几天会上征信？"]
- q: 利息怎么算
  lang: zh
  kind: answer
  sections: ["card-report › 已经改名的小节"]
- q: how many days late before it shows on my credit report
  lang: en
  kind: answer
  sections: ["card-report › 逾期几天会上征信？"]
"""


def test_a_run_sets_questions_become_phrasings_of_the_section_each_is_labelled_with_first(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    (knowledge / "zh").mkdir(parents=True)
    (knowledge / "zh" / "card-hub.md").write_text(HUB, encoding="utf-8")
    (knowledge / "zh" / "card-report.md").write_text(TOPIC, encoding="utf-8")
    (tmp_path / "run.yaml").write_text(RUN_SET, encoding="utf-8")
    result = CliRunner().invoke(cli, ["kb", "asked", "--knowledge", str(knowledge), "--questions",
                                      str(tmp_path / "run.yaml")])
    assert result.exit_code == 0, result.output
    assert "4 phrasings added" in result.output and "card-report › 已经改名的小节" in result.output
    hub = (knowledge / "zh" / "card-hub.md").read_text(encoding="utf-8")
    topic = (knowledge / "zh" / "card-report.md").read_text(encoding="utf-8")
    # a section with one 也问 line gets a second one, under it; a section with none gets one under its heading
    assert "也问：信用卡逾期了咋办\n也问：卡刷爆了还不上 怎么办\n先联系银行" in hub
    assert "## 银行不同意协商，怎么办？\n也问：银行不肯分期 我该咋办\n" in hub
    # a second line takes more wordings; "|" cannot be in a phrasing; a wording listed already is not added again
    assert "也问：晚还两天上不上征信｜晚了3天 征信 会花吗\n" in topic and topic.count("逾期一天会上征信吗") == 1
    assert "## 逾期记录保留几年？\n也问：还清了记录留多久\n" in topic
    assert "卡刷爆了" not in topic  # only the first label's section: one wording under two sections tells nothing
    assert "咋办" not in topic  # a "what do I do" wording the hub lists stays on the hub (kb check would warn)
    assert "会上征信吗\n" not in topic.replace("逾期一天会上征信吗\n", "")  # a follow-up is no phrasing
    assert "how many days" not in topic  # an English wording is not listed under a Chinese section
    check = CliRunner().invoke(cli, ["kb", "check", "--knowledge", str(knowledge)])
    assert "0 errors" in check.output, check.output


TOPIC_EN = """---
id: card-report-en
title: Will a late card payment go on my credit report?
lang: en
type: topic
tags: [credit report]
sources:
  - Regulations on the Administration of the Credit Reporting Industry 《征信业管理条例》
updated: 2026-12-01
---
## How many days late before it is reported?
Usually it is reported soon after the due date.
"""


def test_an_english_question_labelled_chinese_first_goes_to_its_first_english_label(tmp_path: Path) -> None:
    # Labellers list the Chinese section first and its English twin after it; the English wording belongs there
    knowledge = tmp_path / "knowledge"
    (knowledge / "zh").mkdir(parents=True)
    (knowledge / "en").mkdir()
    (knowledge / "zh" / "card-report.md").write_text(TOPIC, encoding="utf-8")
    (knowledge / "en" / "card-report-en.md").write_text(TOPIC_EN, encoding="utf-8")
    (tmp_path / "run.yaml").write_text(
        '- q: how many days late before it shows on my credit report\n  lang: en\n  kind: answer\n'
        '  sections: ["card-report › 逾期几天会上征信？",\n'
        '             "card-report-en › How many days late before it is reported?"]\n'
        '- q: is a late payment reported the same day\n  lang: en\n  kind: answer\n'
        '  sections: ["card-report › 逾期几天会上征信？"]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["kb", "asked", "--knowledge", str(knowledge), "--questions",
                                      str(tmp_path / "run.yaml")])
    assert result.exit_code == 0, result.output
    assert "1 phrasings added" in result.output
    english = (knowledge / "en" / "card-report-en.md").read_text(encoding="utf-8")
    assert "reported?\nAlso asked: how many days late before it shows on my credit report\n" in english
    assert "same day" not in english  # labelled with Chinese sections only: nowhere to put it
    assert "how many" not in (knowledge / "zh" / "card-report.md").read_text(encoding="utf-8")
