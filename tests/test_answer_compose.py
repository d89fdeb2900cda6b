"""The offline composer, conversation memory and the evaluation-set loader: pure functions, no index."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from bot.engine.compose import clean, compose, sentences, stands_alone
from bot.engine.memory import Memory, is_followup
from bot.eval.evaluate import EvalSetError, fact_found, load_eval_set, merged_sections
from ingest.articles import load_articles
from ingest.types import Hit


def hit(cid: str, text: str, score: float, section: str = "逾期记录在征信上保留几年？", lang: str = "zh",
        title: str = "逾期记录会在征信上保留多久？") -> Hit:
    article, _, rest = cid.partition("#")
    return Hit(cid, article, title, section, text, score, lang, int(rest.split(".")[0] or 0))


RETENTION = hit("retention#0", "不良信息自不良行为终止之日起保留5年，从还清那天开始算。\n\n"
                "> 例：假设你2024年6月还清，一般保留到2029年6月前后。\n\n"
                "这也就是说，拖着不还，5年不会开始计算。\n\n"
                "还清后可以申请结清证明，留作凭证。\n\n"
                "**接下来可以怎么做：** 可以问我\"怎么查征信\"。", 0.7)
HUB = hit("hub#0", "先别慌，按下面的顺序做：\n\n1. 今天就还上最低还款额，停止利息和违约金继续累积。\n"
          "2. 打银行客服说明情况，请求减免违约金。\n3. 设置自动还款，避免下个月再错过。\n"
          "4. 保留通话记录和还款凭证。\n5. 还不上时申请个性化分期。\n\n其次是谁催得最凶就先还谁。", 0.7,
          section="信用卡刚逾期，先做什么？", title="信用卡逾期了怎么办？")


def test_opening_is_the_sections_answer_and_points_come_from_the_same_section() -> None:
    out = compose("逾期记录保留几年？", [RETENTION], "zh")
    lines = out.text.splitlines()
    assert lines[0] == "不良信息自不良行为终止之日起保留5年，从还清那天开始算。[1]"
    assert all(line.endswith("[1]") for line in lines) and [h.chunk_id for h in out.sources] == ["retention#0"]
    assert "结清证明" in out.text  # a point of the same section
    assert "可以问我" not in out.text and "**" not in out.text  # pointers and Markdown are not statements


def test_worked_examples_and_leaning_sentences_are_never_quoted_as_facts() -> None:
    out = compose("逾期记录保留几年？", [RETENTION], "zh")
    assert "假设你2024年6月" not in out.text  # an example is not a fact about the borrower
    assert "这也就是说" not in out.text  # it leans on a sentence it would lose


@pytest.mark.parametrize("script", ['可以参考这样说："我是借款人某某。我今年3月失业，每月收入6,000元。我想分24期还。"',
                                    "可以这样说：“我是借款人某某。我今年3月失业，每月收入6,000元。我想分24期还。”",
                                    'You could say: "I am the borrower. I lost my job in March. I can pay 900 now."'])
def test_the_sentences_of_a_quoted_script_are_never_points(script: str) -> None:
    # The negotiation section's sample script ("可以参考这样说：'…我今年3月失业，现在每月收入6,000元…'") came out as
    # bullets about the borrower: only its first sentence, with the opening quote, was held back.
    text = f"说清楚四件事：我是谁、为什么还不上、打算怎么还。\n\n{script}\n\n每次沟通记下日期、对方工号和说法。"
    out = compose("怎么跟银行谈", [hit("talk#0", text, 0.7, section="打电话协商时应该怎么说？")], "zh")
    assert "失业" not in out.text and "lost my job" not in out.text and "24期" not in out.text, out.text
    assert "每次沟通记下日期" in out.text


def test_steps_of_a_hub_are_numbered_in_order_and_at_most_four() -> None:
    out = compose("信用卡逾期了怎么办", [HUB], "zh")
    lines = out.text.splitlines()
    assert lines[0] == "先别慌，按下面的顺序做：[1]"
    assert [line.split(".")[0] for line in lines[1:]] == ["1", "2", "3", "4"]
    assert "其次" not in out.text


def test_a_bold_label_leaves_no_space_after_a_chinese_colon() -> None:
    labels = hit("evidence#0", "这些证据要留好：\n\n- **现场：** 手机录像录音。\n- **身体：** 受了伤先去医院。", 0.7,
                 section="上门催收要留哪些证据？", title="上门催收")
    out = compose("上门催收要留哪些证据", [labels], "zh")
    assert "现场：手机录像录音。" in out.text and "： " not in out.text


def test_a_paragraph_after_the_steps_is_not_read_as_the_last_step() -> None:
    # "4. …还款方案。" once ran on into the next paragraphs ("继续借新还旧…骗局。") as one long step.
    steps = hit("many#0", "先停止借新还旧：\n\n1. 停止申请新贷款。\n2. 列出这个月到期的欠款。\n\n"
                "继续借新还旧，欠款只会越滚越大。", 0.7, section="以贷养贷撑不下去了怎么办？", title="欠了好几个平台")
    out = compose("以贷养贷撑不下去了怎么办", [steps], "zh")
    assert "2. 列出这个月到期的欠款。[1]" in out.text.splitlines()
    assert not any(line.startswith("2.") and "越滚越大" in line for line in out.text.splitlines())


@pytest.mark.parametrize(("sentence", "alone"), [
    ("还清后可以申请结清证明。", True), ("其次是谁催得最凶就先还谁。", False), ("这样做的好处是……", False),
    ("The other 6,000 yuan of interest is above the cap.", False), ('直到"7', False),
])
def test_sentences_that_cannot_stand_alone(sentence: str, alone: bool) -> None:
    assert stands_alone(sentence) is alone


def test_body_stays_short() -> None:
    long = hit("long#0", "逾期记录保留五年。\n\n" + "\n\n".join(f"逾期记录第{i}条说明保留五年的细节内容需要注意。"
                                                              for i in range(80)), 0.7)
    out = compose("逾期记录保留几年", [long], "zh")
    assert len(out.text) <= 900 + 10 and out.text.count("•") <= 4


def test_language_note_when_sources_are_in_the_other_language() -> None:
    out = compose("How long is a record kept?", [RETENTION], "en")
    assert out.text.startswith("My sources on this are in Chinese")


def test_english_sentences_are_split_without_cutting_numbers() -> None:
    got = sentences("A daily rate of 0.05% is 18.25% a year. That is on a 365-day basis.")
    assert got == ["A daily rate of 0.05% is 18.25% a year.", "That is on a 365-day basis."]


def test_no_parts_compose_nothing() -> None:
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
    # "X也一样吗" asks the same question about X, as "那X呢" does; a question of its own about X does not
    ("网贷也一样吗", "zh", True), ("花呗也是这样吗？", "zh", True), ("信用卡也会这样吗", "zh", False),
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


def test_a_label_naming_a_merged_section_counts_the_section_it_went_into(tmp_path: Path) -> None:
    (tmp_path / "merged-sections.yaml").write_text(
        "- from: 'old › 旧问题？'\n  to: 'mid › 中间的问题？'\n"
        "- from: 'mid › 中间的问题？'\n  to: 'owner › 留下的问题？'\n",
        encoding="utf-8")
    questions = tmp_path / "q.yaml"
    questions.write_text("- q: 旧问题\n  lang: zh\n  kind: answer\n  sections: ['old › 旧问题？']\n", encoding="utf-8")
    item = load_eval_set(questions, merged_sections(tmp_path))[0]
    assert item.sections == ("owner › 留下的问题？",) and "owner" in item.articles
    assert load_eval_set(questions, {})[0].sections == ("old › 旧问题？",)


def test_the_shipped_merged_sections_name_sections_that_are_gone_and_ones_that_exist() -> None:
    knowledge = Path(__file__).resolve().parents[1] / "knowledge"
    headings = {f"{a.id} › {s.heading}" for a in load_articles(knowledge).articles for s in a.sections}
    moves = merged_sections(knowledge)
    assert moves, "knowledge/merged-sections.yaml lists the sections merged so far"
    for old, new in moves.items():
        assert old not in headings, f"{old} is listed as merged but is still in the knowledge base"
        assert new in headings, f"{old} is said to live in {new}, which is not a section"


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


def test_a_cached_lexical_index_from_an_older_layout_is_rebuilt(tmp_path: Path) -> None:
    import pickle

    from bot.engine.retrieve import BM25

    docs = ["逾期记录保留五年", "信用卡免息期"]
    fresh = BM25.cached(docs, tmp_path, "t")
    (cached,) = tmp_path.glob("bm25-t-*.pkl")
    stale = BM25(docs)
    del stale.spans  # what an older finbot's file looks like to this one
    cached.write_bytes(pickle.dumps(stale))
    again = BM25.cached(docs, tmp_path, "t")
    assert list(again.scores("逾期记录")) == list(fresh.scores("逾期记录"))


def test_what_the_word_lists_say_about_sections_is_cached_and_follows_every_edit(tmp_path: Path) -> None:
    from bot.engine.match import _section_facts

    sections = [("信用卡逾期怎么办", "信用卡逾期三个月了怎么办？", "卡债还不上了咋办"),
                ("被起诉了", "收到法院传票怎么办？")]
    fresh = _section_facts(sections, None)
    assert fresh[0][0] == "howto" and "credit_card" in fresh[0][1] and "months" in fresh[0][2]
    assert _section_facts(sections, tmp_path) == fresh
    (cached,) = tmp_path.glob("section-facts-*.pkl")
    assert _section_facts(sections, tmp_path) == fresh  # read back
    edited = [sections[0], ("被起诉了", "网贷逾期被起诉会坐牢吗？")]  # an educator edits a heading
    assert _section_facts(edited, tmp_path) == _section_facts(edited, None)
    assert not cached.exists() and len(list(tmp_path.glob("section-facts-*.pkl"))) == 1
    cached = next(tmp_path.glob("section-facts-*.pkl"))
    cached.write_bytes(b"damaged")
    assert _section_facts(edited, tmp_path) == _section_facts(edited, None)


@pytest.mark.parametrize("line", ["**接下来可以怎么做：** 先查征信。", "**Next steps:** Check your report.",
                                  "Next step: Check your report.", "**What to do next:** Check your report."])
def test_a_next_steps_label_is_not_shown_on_the_point(line: str) -> None:
    """Out of its place under the answer, "Next steps:" reads as a stray heading on one bullet."""
    assert clean(line) in ("先查征信。", "Check your report.")
