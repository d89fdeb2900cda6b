"""The offline composer, conversation memory and the evaluation-set loader: pure functions, no index."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from bot.engine.compose import citations, compose, sentences
from bot.engine.memory import Memory, is_followup
from bot.eval.evaluate import EvalSetError, fact_found, load_eval_set
from ingest.types import Hit


def hit(cid: str, text: str, score: float, section: str = "逾期记录在征信上保留几年？", lang: str = "zh",
        title: str = "逾期记录会在征信上保留多久？") -> Hit:
    article, _, rest = cid.partition("#")
    return Hit(cid, article, title, section, text, score, lang, int(rest.split(".")[0] or 0))


RETENTION = hit("retention#0", "不良信息自不良行为终止之日起保留5年。也就是从还清那天开始算。\n\n"
                "**举个例子：** 2024年6月还清，一般保留到2029年6月前后。\n\n"
                "**接下来可以怎么做：** 可以问我\"怎么查征信\"。", 0.7)
DISPUTE = hit("retention#2", "记录有错可以提出异议，20日内答复。对答复不满意，可以拨打12363投诉。", 0.62,
              section="征信记录有错误怎么办？")
WEATHER = hit("weather#0", "明天多云转晴。", 0.61, section="天气", title="天气")


def test_direct_answer_first_then_key_points_all_cited() -> None:
    out = compose("逾期记录保留几年？", [RETENTION, DISPUTE], "zh")
    lines = out.text.splitlines()
    assert lines[0] == "不良信息自不良行为终止之日起保留5年。也就是从还清那天开始算。[1]"
    assert all(line.endswith("]") for line in lines)
    assert max(citations(out.text)) == len(out.sources)
    assert "可以问我" not in out.text  # pointers to other articles are not statements
    assert "举个例子" not in out.text and "**" not in out.text  # labels and Markdown are stripped


def test_other_sections_contribute_only_what_the_question_asks() -> None:
    out = compose("逾期记录保留几年？", [RETENTION, WEATHER], "zh")
    assert "多云" not in out.text
    assert [h.chunk_id for h in out.sources] == ["retention#0"]


def test_body_stays_short() -> None:
    long = hit("long#0", "。".join(f"逾期记录第{i}条说明保留五年的细节内容需要注意" for i in range(80)) + "。", 0.7)
    out = compose("逾期记录保留几年", [long], "zh")
    assert len(out.text) <= 900 + 10


def test_related_questions_start_with_the_neighbouring_section() -> None:
    out = compose("逾期记录保留几年？", [RETENTION, DISPUTE], "zh",
                  sections_of={"retention": ["逾期记录在征信上保留几年？", "逾期几天会上征信？",
                                             "征信记录有错误怎么办？"]})
    assert out.related[0] == "逾期几天会上征信？"
    assert "逾期记录在征信上保留几年？" not in out.related  # not the section just answered


def test_language_note_when_sources_are_in_the_other_language() -> None:
    out = compose("How long is a record kept?", [RETENTION], "en")
    assert out.text.startswith("My sources on this are in Chinese")


def test_english_sentences_are_split_without_cutting_numbers() -> None:
    got = sentences("A daily rate of 0.05% is 18.25% a year. That is on a 365-day basis.")
    assert got == ["A daily rate of 0.05% is 18.25% a year.", "That is on a 365-day basis."]


def test_no_hits_compose_nothing() -> None:
    assert compose("随便问问", [], "zh").text == ""


# ------------------------------------------------------------------ memory

def test_memory_round_trip_keeps_decimals_and_dates() -> None:
    import datetime as dt

    mem = Memory()
    mem.add_turn("网贷欠1万")
    mem.set_calc({"tool": "penalty", "inputs": {"principal_overdue": Decimal("10000"),
                                                "contract_date": dt.date(2024, 5, 1)}, "missing": ["days_overdue"]})
    restored = Memory.from_dict(json.loads(json.dumps(mem.to_dict())))
    assert restored.calc_request is not None
    assert restored.calc_request["inputs"]["principal_overdue"] == Decimal("10000")
    assert restored.calc_request["inputs"]["contract_date"] == dt.date(2024, 5, 1)
    assert restored.pending_inputs and restored.turns == ["网贷欠1万"]


def test_memory_reset_and_broken_state() -> None:
    mem = Memory(lang="zh", topic_query="x")
    mem.reset()
    assert mem.empty and mem.lang is None
    assert Memory.from_dict({"turns": 5}).empty  # a corrupted store gives a fresh conversation
    assert Memory.from_dict(None).empty


def test_turns_are_capped() -> None:
    mem = Memory()
    for i in range(20):
        mem.add_turn(str(i))
    assert len(mem.turns) == 6 and mem.turns[-1] == "19"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("那信用卡呢？", "zh", True), ("如果逾期60天呢？", "zh", True), ("今天天气怎么样", "zh", False),
    ("逾期三天会上征信吗？我的信用卡也逾期了", "zh", False), ("what about 60 days?", "en", True),
    ("How long does a late payment stay on my credit report?", "en", False),
])
def test_follow_up_detection(text: str, lang: str, expected: bool) -> None:
    assert is_followup(text, lang) is expected


# ------------------------------------------------------------------ evaluation set

def test_eval_set_loads_and_names_bad_items(tmp_path: Path) -> None:
    good = tmp_path / "q.yaml"
    good.write_text("- q: 逾期三天会上征信吗？\n  lang: zh\n  kind: answer\n  articles: [a]\n  facts: ['5年|五年']\n",
                    encoding="utf-8")
    items = load_eval_set(good)
    assert items[0].articles == ("a",) and items[0].facts == ("5年|五年",)
    bad = tmp_path / "bad.yaml"
    bad.write_text("- q: hi\n  lang: fr\n  kind: answer\n", encoding="utf-8")
    with pytest.raises(EvalSetError, match=r"item 1.*lang"):
        load_eval_set(bad)


def test_fact_alternatives() -> None:
    assert fact_found("5年|五年", "保留五年")
    assert not fact_found("5年|五年", "保留三年")


def test_a_short_verdict_opening_the_section_is_kept_in_the_direct_answer() -> None:
    from bot.engine.compose import compose
    from ingest.types import Hit

    hit = Hit("a#0", "a", "拖着不还会怎样？", "拖五年记录会自动消失吗？",
              "不会。不还款意味着不良行为没有终止，5年保存期没有开始计算。\n\n还清后再过5年才删除。",
              0.9, "zh", 0)
    composed = compose("拖五年记录会自动没了吗", [hit], "zh")
    assert composed.text.startswith("不会。不还款意味着")
