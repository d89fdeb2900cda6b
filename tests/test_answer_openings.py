"""Openings that say what the borrower asked for, on the real knowledge base: a verdict when they ask whether to
trust an offer, the police number when collectors are at the door, an instalment fee's true cost when they ask
what it comes to (not a question back for a term they never meant to give).

Each was read in a seen set's replies: the right section, but the first lines left out what was asked.
"""

from __future__ import annotations

import pytest
from asking import last_answer

from bot.engine.answer import Answerer

pytestmark = pytest.mark.slow  # the shared answerer indexes the whole bundled knowledge base once


@pytest.fixture(scope="module")
def answerer(bundled_answerer: Answerer) -> Answerer:
    return bundled_answerer


def opening(answerer: Answerer, turns: list[str]) -> str:
    ans = last_answer(answerer, turns)
    assert ans.kind == "answer", ans.render()
    return ans.text.split("\n")[0]


@pytest.mark.parametrize("question", ["征信修复公司说交3000就能把逾期删掉 靠谱吗",
                                      "有人打电话说可以帮我修复征信、消除逾期记录，收费五千，是真的吗"])
def test_a_paid_credit_repair_offer_is_called_a_scam_in_the_first_line(answerer: Answerer, question: str) -> None:
    """The section said "不能删掉真实的逾期记录" first and "基本都是骗局" in its third sentence, after the opening."""
    first = opening(answerer, [question])
    assert "骗局" in first and "不能删" in first, first


def test_collectors_at_the_door_get_the_police_number_first(answerer: Answerer) -> None:
    """The English opening was "Put your own and your family's safety first, and get help fast." — no number."""
    first = opening(answerer, ["collectors came to my home and threatened me"])
    assert "110" in first, first


@pytest.mark.parametrize("question", ["信用卡分期手续费看着才0.6%，实际年化是多少",
                                      "Card instalment fee is 0.6% a month, what is the real APR?"])
def test_an_instalment_fee_asked_about_in_general_is_answered_with_its_true_cost(answerer: Answerer,
                                                                                 question: str) -> None:
    """With no amount and no term it asked "分几期（几个月）？"; the article's worked answer gives the true cost."""
    assert "13.03%" in opening(answerer, [question])


def test_an_instalment_fee_with_its_term_is_still_calculated(answerer: Answerer) -> None:
    ans = last_answer(answerer, ["信用卡分期手续费每月0.6% 分12期 实际年化多少"])
    assert ans.kind == "calculation" and "13.03%" in ans.text, ans.render()


def test_not_knowing_how_much_is_owed_gets_how_to_find_out_not_a_bill_calculation(answerer: Answerer) -> None:
    """"…我自己都搞不清一共欠多少" gave no figure and was asked for a card statement's balance, what was paid by the
    due date and two day counts."""
    ans = last_answer(answerer, ["花呗借呗白条加起来七八个账单 我自己都搞不清一共欠多少 欠的都是谁的钱"])
    assert ans.kind == "answer" and "征信报告" in ans.text.split("\n")[0], ans.render()


@pytest.mark.parametrize("question", ["帮我算一下 信用卡要还多少", "can you calculate how much I owe on my card"])
def test_a_calculation_asked_for_without_figures_says_which_figures_to_send(answerer: Answerer,
                                                                             question: str) -> None:
    """It asked back "你是想问：① 想帮家人还网贷… ② 有人说可以帮我代还信用卡… ③ 信用卡每天能取多少现金？"."""
    ans = last_answer(answerer, [question])
    assert ans.kind == "calculation" and not ans.choices, ans.render()
    assert ("本金" in ans.text and "利率" in ans.text) or ("principal" in ans.text and "rate" in ans.text), ans.text


def test_the_example_offered_for_a_calculation_computes(answerer: Answerer) -> None:
    """The borrower may send the example back as it is: it must be a calculation the bot can do."""
    ans = last_answer(answerer, ["帮我算一下 信用卡要还多少", "信用卡欠1万，年化18%，逾期30天，要还多少？"])
    assert ans.kind == "calculation" and "147.95" in ans.text, ans.render()


def test_how_a_charge_is_worked_out_is_still_answered_from_the_article(answerer: Answerer) -> None:
    ans = last_answer(answerer, ["逾期的罚息和违约金是怎么计算的"])
    assert ans.kind == "answer", ans.render()


@pytest.mark.parametrize("question", ["我网贷逾期了，能不能办停息挂账", "借呗可以停息挂账吗"])
def test_an_online_loan_borrower_asking_for_a_payment_pause_is_not_told_the_card_rule(answerer: Answerer,
                                                                                     question: str) -> None:
    """"停息挂账…网贷能申请吗" sat under the card-only personalised-instalment section, so a net-loan borrower read
    "个性化分期是持卡人…和发卡银行协商达成的…" — a rule that does not apply to them."""
    ans = last_answer(answerer, [question])
    assert ans.kind in ("answer", "clarify"), ans.render()  # asking which is honest; the card rule is not
    first = ans.text.split("\n")[0]
    assert "持卡人" not in first and "发卡银行" not in first, first
    assert ans.kind == "clarify" or "协商" in first, first


@pytest.mark.parametrize("question", ["借的714高炮还要还吗", "714高炮 不还可以吗"])
def test_asking_whether_a_714_loan_must_be_repaid_is_told_what_to_repay(answerer: Answerer, question: str) -> None:
    """Held-out #43: the gloss "714高炮（短期高息网贷）" made the question read like the term's definition, and the
    reply opened with what a 714 loan is."""
    first = opening(answerer, [question])
    assert "本金" in first and "是什么" not in first, first


@pytest.mark.parametrize("question", ["有人加我微信说是金融监管局的，可以帮我把以前网贷的利息退回来，是真的吗",
                                      "有个工作室说能帮我把网贷高息退回来，收两成服务费，能信吗"])
def test_an_offer_to_get_loan_interest_refunded_for_a_fee_is_called_untrustworthy_first(answerer: Answerer,
                                                                                           question: str) -> None:
    """Held-out #43: answered with the section on paying an agent for 停息挂账, whose first line says to apply for
    an instalment plan yourself — nothing about the refund offered."""
    first = opening(answerer, [question])
    assert "不靠谱" in first and "利息" in first, first
