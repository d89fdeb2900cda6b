"""Situations told in passing, read as the borrower meant them, on the real knowledge base: a card's credit line
cut is not a list of debts, three lenders all in trouble are several debts at once, not one lender's bill, "先还哪个"
wants an order — and a scam message's red flag cites the section about that very scam.

Each was read in a seen set's replies (held-out #44–#46) or found stale in a review (the scam-flag cites).
"""

from __future__ import annotations

import pytest
from asking import last_answer

from bot.engine.answer import Answerer

pytestmark = pytest.mark.slow  # the shared answerer indexes the whole bundled knowledge base once


@pytest.fixture(scope="module")
def answerer(bundled_answerer: Answerer) -> Answerer:
    return bundled_answerer


def test_a_credit_line_cut_is_answered_about_the_cut_not_listed_as_two_debts(answerer: Answerer) -> None:
    """"额度从5万降到了1万，但我已经欠了3万" was a debt list ("广发卡额度从" owing 50,000) asking for a rate, and the
    follow-up about the part over the new limit then got the 24% interest-cap section."""
    told = "我的广发卡额度从5万降到了1万，但我已经欠了3万"
    first = last_answer(answerer, [told])
    assert first.kind == "answer" and first.sources[0].id == "card-limit-cut", first.render()
    follow = last_answer(answerer, [told, "超出的部分要马上还吗"])
    assert follow.kind == "answer" and follow.sources[0].id == "card-limit-cut", follow.render()


@pytest.mark.parametrize("question", ["借呗 微粒贷 还有信用卡都逾期了，从哪开始",
                                      "hb jb wd 美团都逾期了 一共6万多 怎么上岸"])
def test_three_lenders_all_overdue_get_the_many_debts_first_steps(answerer: Answerer, question: str) -> None:
    """Was one platform's "这期还不上" steps (or a question back): three debts named, all overdue, is the many-debts
    hub's situation."""
    ans = last_answer(answerer, [question])
    assert ans.kind == "answer" and ans.sources[0].id == "many-debts-cannot-pay", ans.render()


def test_a_late_father_is_a_father_who_has_died(answerer: Answerer) -> None:
    """"my late father's credit card debt" got the section for a living family's liability (no duty to repay your
    debts); the debts of someone who has died are paid from the estate."""
    ans = last_answer(answerer, ["Do I have to pay my late father's credit card debt?"])
    assert ans.kind == "answer" and ans.sources[0].id == "deceased-relative-debts-en", ans.render()


def test_a_call_to_close_a_campus_loan_account_opens_the_fake_customer_service_section(answerer: Answerer) -> None:
    """The red flag "注销校园贷/学生账户" cited the safe-account section ("你的卡被冻结，转账到安全账户才能解冻"), so
    the reply opened on a frozen card; the fake customer-service section answers exactly this call."""
    ans = last_answer(answerer, ["有人打电话说我的校园贷账户没注销会影响征信，让我转账，是真的吗"])
    assert ans.kind == "answer" and ans.sources[0].id == "common-frauds", ans.render()
    assert "学生账户" in ans.sources[0].section


def test_a_relative_on_a_new_number_cites_the_impersonation_section(answerer: Answerer) -> None:
    """The red flag of a relative on a new number cited the safe-account section ("你的卡被冻结…"), written when no
    section covered people who pose as a relative; common-frauds has that section now."""
    ans = answerer.check("妈，我是小明，我换新号了，出了点事，急需用钱，千万别告诉爸")
    assert ans.sources and ans.sources[0].id == "common-frauds", ans.render()
    assert "亲戚" in ans.sources[0].section


def test_an_offer_to_rent_a_bank_card_cites_the_card_rental_section(answerer: Answerer) -> None:
    """The card-rental flag cited "a family member used my ID" in English and a restricted card in Chinese; both
    languages' common-frauds articles answer exactly this offer, with Article 31 of the anti-fraud law."""
    zh = answerer.check("兄弟，你的银行卡借我走几天账，一天给你300，没风险")
    assert zh.sources and zh.sources[0].id == "common-frauds" and "租用" in zh.sources[0].section, zh.render()
    en = answerer.check("Rent me your bank card for a week, I pay 2000 yuan, just to move some money", lang="en")
    assert en.sources and en.sources[0].id == "common-frauds-en" and "rent" in en.sources[0].section, en.render()


def test_which_debt_first_is_answered_with_an_order_not_one_platforms_first_steps(answerer: Answerer) -> None:
    """"hb jb都逾期了 先还哪个" opened the Huabei hub ("花呗、白条这期还不上，先在App里看清本期应还…"): the platforms'
    words outweighed the question, which asks for an order among debts."""
    ans = last_answer(answerer, ["hb jb都逾期了 先还哪个"])
    assert ans.kind == "answer" and ans.sources[0].id == "prioritize-debts", ans.render()


def test_what_will_happen_after_if_keeps_its_question(answerer: Answerer) -> None:
    """"如果他们起诉我会怎么样" lost "怎么样" with the follow-up's closing words ("那信用卡怎么样" is
    "那信用卡呢"), so what was left asked nothing and "欠多少钱才会被起诉？" opened. "会怎么样" asks what happens."""
    ans = last_answer(answerer, ["借呗欠了5万，我现在失业了", "如果他们起诉我会怎么样"])
    assert ans.kind == "answer" and ans.sources[0].id == "lawsuit-stages", ans.render()


def test_a_follow_up_is_not_offered_the_section_it_just_read(answerer: Answerer) -> None:
    """"do I have to pay it?" after "my mom used my ID to borrow online" asked back between the section just given and
    "Someone borrowed with my ID. Do I have to repay?": the first is no choice to offer again."""
    ans = last_answer(answerer, ["my mom used my ID to borrow online", "do I have to pay it?"])
    assert ans.kind == "answer" and ans.sources[0].section == "Someone borrowed with my ID. Do I have to repay?", \
        ans.render()


def test_what_if_they_sue_asks_what_happens(answerer: Answerer) -> None:
    """"what if they sue me?" lost "what if" with the follow-up's opener ("what if 60 days?" only swaps the
    subject), so "they sue me" read as "will they sue me" and "How much do I have to owe before…" opened."""
    ans = last_answer(answerer, ["I borrowed 20,000 from Jiebei and I'm 2 months late now", "what if they sue me?"])
    assert ans.kind == "answer" and ans.sources[0].id == "lawsuit-stages-en", ans.render()


def test_what_if_they_say_no_still_asks_what_to_do_when_refused(answerer: Answerer) -> None:
    """A refusal after "what if" is what to do when the lender says no, not what happens in general."""
    ans = last_answer(answerer, ["I want to negotiate a payment plan with my bank", "what if they say no?"])
    assert ans.kind == "answer" and "says no" in ans.sources[0].section, ans.render()


@pytest.mark.parametrize("question", ["how to negotiate w bank for installments on cc debt",
                                      "how to negotiate with bank for installments on credit card debt"])
def test_asking_the_bank_for_card_instalments_is_answered_not_refused(answerer: Answerer, question: str) -> None:
    """The semantic screen put this nearest turning a card limit into cash and refused it: a borrower asking the
    bank for an instalment plan is doing what the articles advise."""
    ans = last_answer(answerer, [question])
    assert ans.kind == "answer" and ans.sources[0].id == "card-personalized-installment-en", ans.render()


def test_a_platform_demanding_everything_at_once_gets_the_refused_plan_steps(answerer: Answerer) -> None:
    """"jiebei wants me to pay everything at once" asked back between the many-debts hub's sections ("Should I just
    stop paying everything…"): a lender that will only take the full amount is one that refuses a plan."""
    ans = last_answer(answerer, ["Jiebei says I have to repay it all at once now"])
    assert ans.kind == "answer" and ans.sources[0].id == "lender-refuses-negotiation-en", ans.render()


@pytest.mark.parametrize(("turns", "article"), [
    (["my friend wants to borrow 50000 from me for his business", "how do I protect myself?"], "iou-how-to-write-en"),
    (["同事想找我借三万块周转", "怎么才能保证他会还"], "iou-how-to-write")])
def test_someone_about_to_lend_gets_the_before_lending_steps(answerer: Answerer, turns: list[str],
                                                             article: str) -> None:
    """No section was about protecting oneself before lending: "how do I protect myself?" after a friend's request
    opened a card-debt section. The Chinese request alone still opens the steps for a loan already unpaid
    ("借给别人的钱要不回来…"): lending direction is no feature yet; only the follow-up is asserted."""
    ans = last_answer(answerer, turns)
    assert ans.kind == "answer" and ans.sources[0].id == article, ans.render()
    assert "IOU" in ans.text or "借条" in ans.text
