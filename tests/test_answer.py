"""The answer engine end to end over a small fixture knowledge base (a real index in a temp data dir)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine.answer import Answerer
from bot.engine.compose import citations
from bot.engine.memory import Memory, refers_back

KNOWLEDGE = Path(__file__).parent / "fixtures" / "answer" / "knowledge"


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    data = tmp_path_factory.mktemp("answer-data")
    settings = Settings(FINBOT_DATA_DIR=str(data), FINBOT_KNOWLEDGE_DIR=str(KNOWLEDGE), FINBOT_EMBEDDING="use",
                        FINBOT_LLM_BASE_URL="", FINBOT_LLM_MODEL="")
    messages: list[str] = []
    yield Answerer.from_settings(settings, echo=messages.append)
    assert any("ingesting" in m for m in messages)  # a fresh data dir was ingested, and said so


def _body_without_markers(text: str) -> str:
    return re.sub(r"\[\d+\]", "", text)


# ------------------------------------------------------------------ routing

def test_crisis_wins_even_with_numbers(answerer: Answerer) -> None:
    ans = answerer.answer("网贷欠了5万逾期90天，日息0.1%，还不上就不活了")
    assert ans.kind == "crisis"
    assert "12356" in ans.text.splitlines()[0]
    assert ans.calc is None and not ans.sources


def test_harmful_request_gets_refusal_with_lawful_route(answerer: Answerer) -> None:
    ans = answerer.answer("教我怎么伪造银行流水去申请停息挂账")
    assert ans.kind == "refusal"
    assert "不能" in ans.text and "困难证明" in ans.text and "12348" in ans.text
    en = answerer.answer("How can I hide from debt collectors?")
    assert en.kind == "refusal" and en.language == "en" and "repayment plan" in en.text


@pytest.mark.parametrize(("question", "lang"), [
    ("明天北京天气怎么样？", "zh"), ("推荐一只能涨的股票", "zh"), ("What's the best restaurant in Shanghai?", "en"),
])
def test_off_topic_gets_no_answer_listing_what_finbot_does(answerer: Answerer, question: str, lang: str) -> None:
    ans = answerer.answer(question)
    assert ans.kind == "no_answer" and ans.language == lang
    assert not ans.sources
    assert ("我可以帮你" in ans.text) if lang == "zh" else ("I can help with" in ans.text)


def test_greeting_is_friendly_and_lists_capabilities(answerer: Answerer) -> None:
    ans = answerer.answer("你好")
    assert ans.kind == "no_answer" and "finbot" in ans.text and "我可以帮你" in ans.text


# ------------------------------------------------------------------ grounded answers

def test_answer_quotes_the_answering_sentence_with_citation(answerer: Answerer) -> None:
    ans = answerer.answer("逾期记录在征信上会保留几年？")
    assert ans.kind == "answer" and ans.language == "zh"
    first_line = ans.text.splitlines()[0]
    assert "5年" in first_line and first_line.endswith("[1]")  # the direct answer comes first, cited
    assert ans.sources[0].id == "credit-report-retention"
    assert max(citations(ans.text)) <= len(ans.sources)
    assert len(_body_without_markers(ans.text)) <= 900
    rendered = ans.render()
    assert "来源：" in rendered and "[1] 逾期记录会在征信上保留多久？ › 逾期记录在征信上保留几年？" in rendered
    assert ans.related and all(q not in first_line for q in ans.related)


def test_every_sentence_is_taken_from_a_cited_chunk(answerer: Answerer) -> None:
    ans = answerer.answer("信用卡只还最低还款额会上征信吗？")
    corpus = {h.chunk_id: h.text.replace("**", "") for h in answerer.retriever.corpus}
    for line in ans.text.splitlines():
        for sentence, n in re.findall(r"(?:• )?(.+?)\[(\d+)\]", line):
            source = ans.sources[int(n) - 1]
            texts = [t for cid, t in corpus.items() if cid.startswith(source.id + "#")]
            assert any(sentence.strip()[:20] in t for t in texts), sentence


def test_english_question_gets_english_source(answerer: Answerer) -> None:
    ans = answerer.answer("How long does a late payment stay on my credit report?")
    assert ans.kind == "answer" and ans.language == "en"
    assert ans.sources[0].lang == "en" and "5 years" in ans.text
    assert "Sources:" in ans.render()


def test_english_question_with_only_chinese_sources_says_so(answerer: Answerer) -> None:
    ans = answerer.answer("Is there a legal maximum interest rate for loans between friends?")
    assert ans.kind == "answer"
    assert ans.sources[0].lang == "zh"
    assert ans.text.startswith("My sources on this are in Chinese")


# ------------------------------------------------------------------ calculations and memory

def test_calculation_shows_total_flag_context_and_offers_chart(answerer: Answerer) -> None:
    ans = answerer.answer("网贷欠1万，日息0.1%，逾期30天要还多少？")
    assert ans.kind == "calculation" and ans.calc is not None
    assert "10,300.00" in ans.text  # amount due
    assert "超过了24%" in ans.text  # 36.5% a year is flagged against the 24% line
    assert ans.calc["flags"]["exceeds_24pct"] is True
    assert [s.id for s in ans.sources] == ["interest-cap-24"]  # the knowledge-base context, cited
    assert "[1]" in ans.text
    assert ans.chart_available


def test_follow_up_reruns_the_calculation_with_new_days(answerer: Answerer) -> None:
    mem = Memory()
    first = answerer.answer("网贷欠1万，日息0.1%，逾期30天要还多少？", mem)
    assert first.calc is not None and first.calc["effective_days"] == 30
    again = answerer.answer("如果逾期60天呢？", mem)
    assert again.kind == "calculation" and again.calc is not None
    assert again.calc["effective_days"] == 60 and "10,600.00" in again.text


def test_a_follow_up_in_english_says_the_first_turns_assumptions_in_english(answerer: Answerer) -> None:
    mem = Memory()
    first = answerer.answer("信用卡欠了3万，逾期10天，要付多少罚息", mem)
    assert first.kind == "calculation" and "信用卡没说利率" in first.text
    again = answerer.answer("what if it's 30 days late?", mem)
    assert again.kind == "calculation" and again.language == "en" and again.calc["effective_days"] == 30
    assert "no rate given for the credit card" in again.text
    assert not re.search(r"[\u4e00-\u9fff]{4}", again.text.split("Notes:")[1].split("\n\n")[0])  # no Chinese note
    restored = Memory.from_dict(json.loads(json.dumps(mem.to_dict())))  # as a Telegram session keeps it
    back = answerer.answer("那如果逾期60天呢？", restored)
    assert back.language == "zh" and "信用卡没说利率" in back.text


def test_missing_inputs_are_asked_for_then_used(answerer: Answerer) -> None:
    mem = Memory()
    ask = answerer.answer("我欠了网贷2万逾期了，要还多少", mem)
    assert ask.kind == "calculation" and ask.calc is None and ask.needs_input
    assert "？" in ask.text or "?" in ask.text
    answerer.answer("日息0.05%", mem)
    done = answerer.answer("30天", mem)
    assert done.kind == "calculation" and done.calc is not None
    assert "20,300.00" in done.text


def test_topic_follow_up_uses_the_previous_question(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("逾期几天会上征信？", mem)
    ans = answerer.answer("那信用卡呢？", mem)
    assert ans.kind == "answer"
    assert ans.sources[0].id == "card-minimum-payment"


def test_what_to_do_with_nothing_said_about_what_leans_on_the_conversation() -> None:
    # "what are my options?" names only what is wanted; the channels of "where can I complain?" stand alone.
    assert refers_back("what are my options?", "en") and refers_back("what can I do", "en")
    assert not refers_back("where can I complain?", "en") and not refers_back("How do I get my credit report?", "en")


@pytest.mark.parametrize(("first", "emoji", "lang", "word"), [
    ("逾期几天会上征信？", "😭", "zh", "难受"), ("逾期几天会上征信？", "😀", "zh", "我在"),
    ("how many days late before it shows on my credit report?", "😢", "en", "weighing on you"),
    ("how many days late before it shows on my credit report?", "?", "en", "I'm here"),
])
def test_an_emoji_alone_after_a_topic_is_not_a_follow_up(answerer: Answerer, first: str, emoji: str, lang: str,
                                                        word: str) -> None:
    mem = Memory()
    answerer.answer(first, mem)
    ans = answerer.answer(emoji, mem)  # it re-answered the last section, as if asked again
    assert ans.kind == "no_answer" and not ans.sources and mem.lang == lang and word in ans.text, ans.text


def test_reset_forgets_the_calculation(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("网贷欠1万，日息0.1%，逾期30天要还多少？", mem)
    mem.reset()
    ans = answerer.answer("如果逾期60天呢？", mem)
    assert ans.calc is None


def test_memory_survives_a_json_round_trip(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("网贷欠1万，日息0.1%，逾期30天要还多少？", mem)
    restored = Memory.from_dict(json.loads(json.dumps(mem.to_dict())))
    ans = answerer.answer("如果逾期60天呢？", restored)
    assert ans.calc is not None and ans.calc["effective_days"] == 60


def test_json_object_matches_the_cli_contract(answerer: Answerer) -> None:
    ans = answerer.answer("逾期记录在征信上会保留几年？")
    obj = ans.to_json("逾期记录在征信上会保留几年？")
    assert set(obj) == {"question", "kind", "text", "sources", "language"}
    assert obj["kind"] == "answer" and obj["language"] == "zh"
    assert set(obj["sources"][0]) == {"id", "title", "section", "score", "basis"}
    assert isinstance(obj["sources"][0]["score"], float)
    assert obj["sources"][0]["basis"] and "《征信业管理条例》" in obj["sources"][0]["basis"][0]  # the legal basis
    json.dumps(obj)


def test_empty_message_does_not_crash(answerer: Answerer) -> None:
    assert answerer.answer("   ").kind == "no_answer"


def test_short_question_is_read_in_context_but_off_topic_is_not(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("征信记录有错误怎么办？", mem)
    ans = answerer.answer("多久答复？", mem)
    assert ans.kind == "answer" and "20日" in ans.text
    assert answerer.answer("明天天气怎么样？", mem).kind == "no_answer"


def test_calculation_chart_is_a_png(answerer: Answerer) -> None:
    ans = answerer.answer("网贷欠1万，日息0.1%，逾期30天要还多少？")
    png = answerer.chart(ans)
    assert png is not None and png.startswith(b"\x89PNG")
    assert answerer.chart(answerer.answer("逾期记录在征信上会保留几年？")) is None


# ------------------------------------------------------------------ follow-ups with nothing to follow

@pytest.mark.parametrize(("message", "lang", "topic"), [
    ("那信用卡呢？", "zh", "信用卡"), ("what about credit cards?", "en", "credit cards"),
])
def test_elliptical_first_message_asks_what_the_user_wants_to_know(answerer: Answerer, message: str, lang: str,
                                                                   topic: str) -> None:
    mem = Memory()
    ans = answerer.answer(message, mem)
    assert ans.kind == "clarify" and ans.language == lang
    assert not ans.sources and ans.calc is None  # no article picked at random
    assert topic in ans.text.splitlines()[0] and ans.text.splitlines()[0].rstrip().endswith(("？", "?"))
    examples = [line[2:] for line in ans.text.splitlines() if line.startswith("• ")]
    assert 2 <= len(examples) <= 3 and all(e.endswith(("？", "?")) for e in examples)
    assert ans.choices == examples
    # The examples are questions finbot can answer: choosing one gets a grounded answer.
    picked = answerer.answer("1", mem)
    assert picked.kind == "answer" and picked.sources


def test_a_refusal_reported_after_a_clarifying_question_is_not_slotted_into_example_questions(
        answerer: Answerer) -> None:
    # "they refused, what now?" had been taken for a bare topic like "credit cards" and offered back as
    # "Will being late on they refused, what now show on my credit report?".
    mem = Memory()
    answerer.answer("I asked my bank for a payment plan", mem)
    ans = answerer.answer("they refused, what now?", mem)
    assert "they refused" not in ans.text, ans.text


def test_elliptical_message_right_after_reset_is_not_answered_from_the_old_topic(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("征信记录有错误怎么办？", mem)
    mem.reset()
    ans = answerer.answer("那信用卡呢？", mem)
    assert ans.kind == "clarify" and not ans.sources and "信用卡" in ans.text


def test_elliptical_first_message_that_is_a_whole_question_is_answered(answerer: Answerer) -> None:
    ans = answerer.answer("那逾期记录在征信上保留几年呢？", Memory())
    assert ans.kind == "answer" and ans.sources[0].id == "credit-report-retention" and "5年" in ans.text


# ------------------------------------------------------------------ the kind of debt after a general-rule result

GENERAL_RULE = "欠1万，日息万五，逾期30天要还多少"


@pytest.mark.parametrize(("reply", "product", "contract_date"), [
    ("是借条，2024年3月借的", "private_lending", "2024-03-01"),
    ("是银行贷款", "bank_loan", None),
])
def test_kind_of_debt_reply_reruns_the_calculation(answerer: Answerer, reply: str, product: str,
                                                   contract_date: str | None) -> None:
    mem = Memory()
    first = answerer.answer(GENERAL_RULE, mem)
    assert first.calc is not None and first.calc["inputs_used"]["product_type"] is None
    again = answerer.answer(reply, mem)
    assert again.kind == "calculation" and again.calc is not None
    used = again.calc["inputs_used"]
    assert used["product_type"] == product
    assert used["principal_overdue"] == 10000 and used["days_overdue"] == 30  # the earlier inputs kept
    if contract_date:
        assert str(used["contract_date"]) == contract_date
    assert "重新算" not in again.text  # the offer was taken up, not repeated
    assert "。 " not in again.text  # Chinese sentences of the quoted background are not split by a space


def test_iou_reply_without_a_date_asks_for_the_date_then_calculates(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer(GENERAL_RULE, mem)
    ask = answerer.answer("是借条", mem)
    assert ask.kind == "calculation" and ask.calc is None and ask.needs_input == ["contract_date"]
    done = answerer.answer("2024年3月1日", mem)
    assert done.calc is not None and done.calc["inputs_used"]["product_type"] == "private_lending"


def test_english_kind_of_debt_reply_reruns_the_calculation(answerer: Answerer) -> None:
    mem = Memory()
    first = answerer.answer("I owe 10,000, 0.05% a day, 30 days overdue, how much do I owe?", mem)
    assert first.calc is not None
    again = answerer.answer("it's a bank loan", mem)
    assert again.kind == "calculation" and again.calc is not None and again.language == "en"
    assert again.calc["inputs_used"]["product_type"] == "bank_loan"


def test_english_iou_reply_with_a_month_keeps_the_amount(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("I owe 10,000, 0.05% a day, 30 days overdue, how much do I owe?", mem)
    again = answerer.answer("it's a personal IOU from March 2024", mem)
    assert again.calc is not None and again.calc["inputs_used"]["principal_overdue"] == 10000
    assert str(again.calc["inputs_used"]["contract_date"]) == "2024-03-01"


@pytest.mark.parametrize("question", ["借条利息最高多少？", "逾期几天会上征信？"])
def test_question_after_a_general_rule_result_is_answered_from_the_articles(answerer: Answerer,
                                                                             question: str) -> None:
    mem = Memory()
    answerer.answer(GENERAL_RULE, mem)
    ans = answerer.answer(question, mem)
    assert ans.kind == "answer" and ans.calc is None and ans.sources


# ------------------------------------------------------------------ issue #12: the right rule for the right lender

def test_a_loan_from_a_friend_asks_for_the_date_then_applies_4x_lpr(answerer: Answerer) -> None:
    mem = Memory()
    ask = answerer.answer("借了朋友2万，月息2分，逾期3个月了，要给多少利息", mem)
    assert ask.kind == "calculation" and ask.calc is None and ask.needs_input == ["contract_date"]
    assert "借款日期" in ask.text or "哪天借" in ask.text
    done = answerer.answer("2023年5月1日借的", mem)
    assert done.calc is not None
    used = done.calc["inputs_used"]
    assert used["product_type"] == "private_lending" and str(used["contract_date"]) == "2023-05-01"
    # 4 × the LPR of 2023-05-01 (3.65%) = 14.60%: 24% a year is above it; the 24% line is not the rule here
    assert done.calc["cap_used_pct"] == Decimal("14.60") and done.calc["flags"]["exceeds_4x_lpr"] is True
    assert "14.60%" in done.text and "没有超过24%的参考线" not in done.text


def test_an_old_private_loan_is_split_at_2020_08_20(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("借了朋友2万，月息2分，逾期3个月了，要给多少利息", mem)
    done = answerer.answer("2019年6月1日借的", mem)
    assert done.calc is not None and done.calc["cap_segments"]
    assert all(s["rule"] in ("private_old_24_36", "private_4x_lpr_filing") for s in done.calc["cap_segments"])
    assert "2020-08-20" in done.text


def test_cost_of_a_loan_repaid_on_time(answerer: Answerer) -> None:
    ans = answerer.answer("年化36%的网贷借1万一年利息多少")
    assert ans.kind == "calculation" and ans.calc is not None and ans.calc["tool"] == "cost"
    assert ans.calc["total_interest"] == 3600
    assert "¥3,600.00" in ans.text and "24%" in ans.text and "36%" in ans.text


def test_a_credit_card_with_no_rate_uses_the_usual_rate_and_says_so(answerer: Answerer) -> None:
    ans = answerer.answer("信用卡欠1万逾期30天要还多少")
    assert ans.calc is not None and ans.calc["inputs_used"]["penalty_rate"] == Decimal("0.0005")
    assert "万五" in ans.text or "0.05%" in ans.text


def test_paying_the_minimum_is_not_asked_about_days_overdue(answerer: Answerer) -> None:
    ans = answerer.answer("信用卡账单1万，只还了最低还款，要多少利息")
    assert ans.kind == "calculation"
    assert "逾期多少天" not in ans.text and "逾期天数" not in ans.text


def test_is_that_rate_lawful_after_a_calculation_names_the_cap_for_that_debt(answerer: Answerer) -> None:
    mem = Memory()
    assert answerer.answer("网贷欠1万，日息千一，逾期30天要还多少", mem).kind == "calculation"
    verdict = answerer.answer("这个利率合法吗", mem)
    assert verdict.kind == "answer" and "36.50%" in verdict.text and "超过了24%" in verdict.text
    mem = Memory()
    answerer.answer("借了朋友2万，月息2分，2023年5月1日借的，逾期3个月了，要给多少利息", mem)
    private = answerer.answer("这个利率合法吗", mem)
    assert "民间借贷" in private.text and "14.60%" in private.text and "24% 参考线" not in private.text
