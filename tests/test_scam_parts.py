"""The parts layer of the scam check (bot/engine/scam/parts.py): a scam family caught by what a message asks and on
what terms, whatever its words — and genuine messages with the same words left alone. All messages in our own words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.engine.scam import Catalog, Checker
from bot.engine.scam.parts import FamilyError, families, family_findings, load_families, parts

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
FAMILIES = Path(__file__).resolve().parent.parent / "bot" / "engine" / "scam" / "families.yaml"


@pytest.fixture(scope="module")
def rules_only() -> Checker:
    return Checker(Catalog.from_articles(KNOWLEDGE))


def test_each_familys_own_example_makes_its_family_and_is_a_likely_scam(rules_only: Checker) -> None:
    examples = {flag: entry["example"] for flag, entry in
                yaml.safe_load(FAMILIES.read_text(encoding="utf-8"))["families"].items()}
    assert {f.flag for f in families()} == set(examples)
    for flag, text in examples.items():
        assert flag in {f.flag for f in family_findings(text, [])}, (flag, parts(text))
        assert rules_only.check(text).verdict == "likely_scam", (flag, text)


@pytest.mark.parametrize(("text", "flag"), [
    ("小姨，我是小宇，原来的手机掉水里了，这是我室友的号。我这边出了点急事要交一万块，你先打到我室友卡上，先别跟我妈讲。",
     "unverified_transfer"),
    ("Hi, it's your manager. I'm stuck in a meeting and can't talk, please wire RMB 30,000 to the new vendor now, "
     "I'll explain later.", "unverified_transfer"),
    ("我是市社保中心的，你的社保卡被人冒用了，现在要核查你名下的存款，请配合把资金转到我们给的账户。",
     "official_transfer"),
    ("This is the customs office: a parcel in your name holds illegal goods. To clear your name, transfer RMB 20,000 "
     "for verification.", "official_transfer|safe_account"),
    ("恭喜你获得年终回馈礼包一份，价值3999元，只需先付99元邮费就能领取。", "pay_to_receive"),
    ("Your account shows a profit of 80,000 but to withdraw you must pay a 10% fee first.",
     "pay_to_receive|upfront_loan_fee"),
    ("群里的导师说明天必涨，让大家把花呗、信用卡能刷的都刷出来加仓，一周回本。", "borrow_to_pay"),
    ("The mentor on the dating app said I should borrow as much as I can to invest before the window closes.",
     "borrow_to_pay"),
    ("高价收你闲置的银行卡和手机卡，一套给你2000，卡放我们这里用一个月。", "card_rental"),
    ("Quick job: rent your bank account to us to receive payments for a few days, you keep 3% commission.",
     "card_rental"),
    ("不好意思，我刚才手机号填错了，你会收到一条验证码，麻烦把验证码发给我一下。", "codes_screen"),
    # widened after the tenth held-out run, by family, in our own words
    ("客服说刚给你发了一串数字，你读一下给我核对。", "codes_screen"),
    ("Hey, it's Mia, lost my phone and using a friend's account, can you send 2,000 RMB to this Alipay?",
     "unverified_transfer"),
    ("额度没问题，今天先从你卡里转5000到我助理卡上走个流水，十分钟后退回。", "unverified_transfer|upfront_loan_fee"),
    ("理赔款要这样领：打开支付宝搜索备用金，按我说的步骤操作。", "borrow_to_pay|new_loan|pay_to_receive"),
    ("国家政策，逾期的只还本金，其余全部减免，交1200服务费锁定名额。", "agency_fee"),
    ("Stop paying your cards now; our team cuts balances in half, fee 1,500 RMB via Alipay.", "agency_fee"),
    # widened after the eleventh held-out run, by family, in our own words
    ("客服让我打开手机银行，照他的提示输入一串数字确认，说这样赔偿款才能到账。", "pay_to_receive"),
    ("审核差一点，你往我们的监管账户存入6000证明还款能力，放款时一起退给你。", "unverified_transfer|upfront_loan_fee"),
    ("我微信额度用完了，有笔货款急着付，你帮我先转一下，我把对方卡号发你。", "unverified_transfer"),
    ("收卡 收卡 实名的都要 一张给150", "card_rental"),
    ("帮他做个人脸认证就给80块，一分钟的事。", "card_rental"),
    ("他说下周必翻倍，让我把能借的网贷都借出来投进去。", "borrow_to_pay"),
    ("I'm in a budget meeting and can't call. Please process a payment of 90,000 CNY to the new supplier today.",
     "unverified_transfer"),
    ("We've sent a code to your phone to reverse the charge, please read it back to me now.", "codes_screen"),
    ("To get your 300 RMB compensation, open your banking app, go to transfer and type my code in the amount field.",
     "pay_to_receive"),
    # after held-out #12: gift-card codes as payment, passing money on, lending one's ID "to build a limit", cash
    # couriers, a fee paid at a link, a code "sent back", refunds through a credit product, a quoted "friend"
    ("放款前还要交一笔审核费，现在系统维护不能转账，你去买几张购物卡把卡密发我。", "pay_to_receive|upfront_loan_fee"),
    ("I'm stuck in a client meeting, can't call. Grab five gift cards at the store and scratch the codes for me.",
     "unverified_transfer"),
    ("我们的货款先汇到你的账户，到账后你转到我给的卡上，每笔给你1%。", "card_rental"),
    ("Easy side income: receive money from our customers and forward it to the company, keep 2%.", "card_rental"),
    ("室友说把身份证和手机借给她刷一下额度，钱她来还。", "card_rental"),
    ("兼职：帮老板取送现金，到地方交给接头人，一次800。", "card_rental"),
    ("[Customs] Your parcel owes CNY 40 duty. Pay today or it goes back: http://parcel-duty.example.org",
     "official_transfer"),
    ("I'll send a code to your phone, just send it back to me so I can vote.", "codes_screen"),
    ("We will refund you twice the price: open Alipay, go to Huabei and follow my instructions.", "borrow_to_pay"),
    ("我在外地出事了，你先把钱转到我一个“朋友”的账户上，新号码别回拨。", "unverified_transfer"),
    ("他说平台有系统漏洞，跟着下注必赢，让我先充2000试试。", "pay_to_receive"),
    ("我是某某贷的客服，系统误放款3万到你卡上，请今天转回到我司对公账户，不然要计息上征信。", "mistaken_return"),
    ("Sorry, I sent 2,000 yuan to the wrong person. Could you send it back to my other account?", "mistaken_return"),
    ("To close your merchant account, transfer all the money in your balance to our verification account first.",
     "safe_account"),
])
def test_a_scam_family_in_new_words_is_a_likely_scam_with_its_flag(rules_only: Checker, text: str, flag: str) -> None:
    """The family's flag, or an older rule's flag that already explains the same sentence (one sentence, one
    explanation: "upfront_loan_fee" for a fee before a withdrawal, "card_rental" for renting out a card)."""
    result = rules_only.check(text)
    assert result.verdict == "likely_scam", [f.id for f in result.flags]
    wanted = set(flag.split("|"))
    hit = [f for f in result.flags if f.id in wanted]
    assert hit, [f.id for f in result.flags]
    assert hit[0].source is not None and hit[0].evidence  # grounded and quoted


def test_a_part_inside_a_warning_does_not_count() -> None:
    assert "ask_money" in parts("请把钱先转到我朋友卡上。")
    assert "ask_money" not in parts("请勿把钱转到陌生人提供的账户。")


def test_a_sentence_already_explained_by_a_decisive_rule_gets_no_second_flag(rules_only: Checker) -> None:
    flags = [f.id for f in rules_only.check("客服让我把验证码告诉他，说这样才能退款。").flags]
    assert flags == ["codes_screen"]


def test_a_broken_families_file_names_the_family_and_what_to_fix(tmp_path: Path) -> None:
    bad = tmp_path / "families.yaml"
    bad.write_text("families:\n  pay_to_receive:\n    asks: [ask_money]\n    with: [moon_phase]\n", encoding="utf-8")
    with pytest.raises(FamilyError, match=r"pay_to_receive.*moon_phase"):
        load_families(bad)
    bad.write_text("families:\n  no_such_flag:\n    asks: [ask_money]\n", encoding="utf-8")
    with pytest.raises(FamilyError, match="no_such_flag"):
        load_families(bad)


@pytest.mark.parametrize("text", [
    "【某银行】您尾号0000的账户有一笔退款将原路退回，请留意。",
    "【某银行】您的退款已退回到您尾号0000的账户。",
])
def test_money_returned_the_way_it_came_is_no_scam(rules_only: Checker, text: str) -> None:
    assert rules_only.check(text).verdict == "no_red_flags"
