"""Scam families widened after the seventh held-out run (branch scam8): each new row read in wording of its own, the
verdict a borrower would see, and the same words in lawful use left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine.scam import Catalog, Checker

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@pytest.fixture(scope="module")
def rules_only() -> Checker:
    return Checker(Catalog.from_articles(KNOWLEDGE))


@pytest.fixture(scope="module")
def learned(rules_only: Checker) -> Checker:
    from bot.engine.scam import load_model, use_screen

    model = load_model()
    assert model is not None, "bot/engine/scam/model.json is missing: python benchmarks/scam_model.py --write"
    return Checker(rules_only.catalog, use_screen(), model)


SEVENTH_RUN_FAMILIES = [
    # fees before a payout, under names the older rows did not know
    ("系统提示额度已审批，打款之前要先补缴1.5%的个税。", "upfront_loan_fee"),
    ("客服说要先充值一个年卡会员，不然款放不出来。", "upfront_loan_fee"),
    ("想提额的话先往卡里转两万刷点流水，审批完原路退回。", "upfront_loan_fee"),
    ("对方让我把一万块存进他们的验资账户，说是走流程。", "upfront_loan_fee"),
    ("线上客服岗，上岗前先交200元工服费，干满三个月退。", "upfront_loan_fee"),
    ("The platform says there is a 12% fee before the balance can be withdrawn.", "upfront_loan_fee"),
    # a refund or a "cleared quota" that begins with a new loan
    ("商家说要退我双倍货款，但得先在花呗里借一笔出来走退款流程。", "new_loan"),
    ("The refund agent said I had to borrow from a loan app first so the claim could go through.", "new_loan"),
    ("群里的导师建议我用信用卡套两万出来补仓。", "new_loan"),
    # accounts, chat IDs and SIMs rented or bought
    ("长期收购实名电话卡，一张给180。", "card_rental"),
    ("We pay 200 a day if you rent us your Alipay account for our shop's takings.", "card_rental"),
    # codes and passwords
    ("等会儿有条验证码到你手机上，截个屏发给我就行。", "codes_screen"),
    ("装好这个理赔软件以后，跟着客服的提示一步步操作就能到账。", "codes_screen"),
    ("The claims page asks you to type in your bank card PIN to receive the payout.", "codes_screen"),
    # a student account, a "closure" with a monthly charge
    ("你读书时注册的学生账户没有关，要马上处理。", "cancel_account"),
    ("您的借款账户需今日销户，逾期未办理将每月扣服务费。", "cancel_account"),
    # look-alike refund and subsidy sites, warrants online, paid bail
    ("您的医保个人账户有返还款，请登录 yibao-fan.example.net 领取。", "lookalike_link"),
    ("你的通缉令已经生成，请打开 see-warrant.example.org 核对。", "court_link"),
    ("想办取保候审就先交三万保证金，别的不用管。", "court_link"),
    # paid disputes priced per record
    ("你征信上那几条逾期，我们走申诉都能撤掉，每条收900。", "record_fee"),
    ("we clear late marks, 700 yuan per entry", "record_fee"),
]


@pytest.mark.parametrize(("text", "flag"), SEVENTH_RUN_FAMILIES)
def test_families_the_seventh_run_missed_are_called_likely_scams(rules_only: Checker, text: str, flag: str) -> None:
    result = rules_only.check(text)
    assert flag in {f.id for f in result.flags}
    assert result.verdict == "likely_scam"


@pytest.mark.parametrize("text", [
    # a boss "in a meeting" or on a new account who wants a client paid now; an "accident" paid to a lawyer's card
    "我是王经理，在开会接不了电话，你马上给对方客户汇3万过去，回头再补手续。",
    "他在电话里说出车祸了，让我把两万块打到对方律师的卡上私了。",
    "I'm in a meeting and can't talk, transfer 60,000 to our supplier right away.",
])
def test_someone_who_cannot_be_checked_asking_to_pay_a_third_party_is_a_likely_scam(rules_only: Checker,
                                                                                      text: str) -> None:
    result = rules_only.check(text)
    assert {"relative_impersonation", "personal_account"} <= {f.id for f in result.flags}
    assert result.verdict == "likely_scam"


@pytest.mark.parametrize(("text", "flag"), [
    ("电话里听起来就是我弟弟，说急用钱。", "relative_impersonation"),
    ("He asked me not to tell Mum and to keep it between us.", "relative_impersonation"),
    ("The National debt forgiveness scheme is open to all borrowers this month.", "fake_official"),
    # a collector's own WeChat: the sets' authors rate it suspicious on its own; a threat beside it makes it likely
    ("这笔逾期欠款你今天结清，直接转我微信，我给你销账。", "personal_account"),
])
def test_a_single_pressure_sign_is_named_but_alone_is_only_suspicious(rules_only: Checker, text: str,
                                                                       flag: str) -> None:
    result = rules_only.check(text)
    assert flag in {f.id for f in result.flags}
    assert result.verdict == "suspicious"


@pytest.mark.parametrize("text", [
    "老板开完会批了单子，我用公司对公账户给供应商付了货款。",
    "我妈住院手术，押金是在医院收费处刷卡交的。",
    "My dad had a car accident; I paid his surgery deposit to the hospital's account.",
    "【某某消费金融】个人所得税由代扣义务人依法代缴，本公司放款不收取任何费用。",
    "会员能领优惠券，开不开通都不影响借款放款。",
    "出租、出售手机卡和微信号是违法的，被抓要承担责任。",
    "验证码只能自己用，截屏发给别人会被盗号。",
    "有错误的逾期记录可以提异议申诉，核实后撤掉，全程免费。",
    "学校说毕业后学生账户会自动关闭，不用管。",
    "Pay the bill at the hospital cashier, not to anyone's personal account.",
    "Always call your manager on the number you already have before paying anyone.",
    "【某某保险】您的百万医疗险将自动续保，如需取消请在本公司App内操作。",
])
def test_the_same_words_in_lawful_use_raise_nothing(rules_only: Checker, learned: Checker, text: str) -> None:
    assert rules_only.check(text).verdict == "no_red_flags"
    assert learned.check(text).verdict != "likely_scam"
