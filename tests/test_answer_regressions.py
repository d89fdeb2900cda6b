"""The first line a borrower reads answers the question asked: issue #10's examples, on the real knowledge base.

Each of these was once answered on the wrong topic (a late-fee verdict for "信用卡逾期了怎么办", the history of
online-loan defaults for "网贷逾期三个月了…怎么办", worked examples quoted as facts about the user …).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from asking import last_answer, shown

from bot.engine import words
from bot.engine.answer import Answerer
from bot.engine.memory import Memory
from bot.eval.evaluate import load_eval_sets

pytestmark = pytest.mark.slow  # indexes the whole bundled knowledge base once

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@pytest.fixture(scope="module")
def answerer(bundled_answerer: Answerer) -> Answerer:
    return bundled_answerer


def opened_from(answer) -> str:  # type: ignore[no-untyped-def]
    return answer.sources[0].id if answer.sources else ""




@pytest.mark.parametrize(("question", "articles"), [
    ("信用卡逾期了怎么办", {"card-overdue-what-to-do"}),
    ("网贷逾期三个月了，每天被催收轰炸，我该怎么办",
     {"online-loan-overdue-what-to-do", "collector-threats-what-to-do"}),
    ("欠了七八个网贷平台，总共20多万，实在还不上了", {"many-debts-cannot-pay"}),
    ("好几个网贷都逾期了 每个月工资只有四千", {"many-debts-cannot-pay"}),
    ("信用卡逾期两期了银行说要起诉我", {"card-overdue-what-to-do", "sued-what-to-do"}),
    ("网贷太多了先还哪个", {"prioritize-debts", "many-debts-cannot-pay"}),
    ("每个月只还最低还款，利息咋算的", {"card-minimum-payment"}),
    ("信用卡愈期了三天", {"card-overdue-what-to-do", "missed-payment-by-days", "when-overdue-reported",
                       "grace-period"}),
    ("网代逾期了", {"online-loan-overdue-what-to-do"}),
    ("助学贷款逾期了怎么办", {"student-loan"}),
    # one word from "信用卡长期不用，会被怎么处理" (an unused card): never paying is not leaving a card unused
    ("信用卡长期不还会被怎么样", {"essentials-first", "card-overdue-what-to-do"}),
    # cashing out a card through a POS machine is not "not repaying": its own rules answer it
    ("信用卡套现会坐牢吗", {"card-cash-advance", "card-malicious-overdraft"}),
    ("银行信用卡中心说要移交外访", {"violent-collection", "collector-threats-what-to-do"}),  # a visit, not a lawsuit
])
def test_the_opening_comes_from_a_section_that_answers_the_question(answerer: Answerer, question: str,
                                                                   articles: set[str]) -> None:
    ans = answerer.answer(question, Memory())
    assert ans.kind in ("answer", "clarify"), ans.text
    if ans.kind == "answer":
        assert opened_from(ans) in articles, ans.render()
        assert not ans.text.startswith(("不收了", "不按", "不算逾期")), ans.text  # a verdict for another question


def test_where_to_complain_after_a_collection_turn_names_the_channels(answerer: Answerer) -> None:
    # "投诉的顺序是什么" asks for a channel, not a definition: the hub just given must not be repeated.
    ans = last_answer(answerer, ["催收打电话到我单位了", "去哪投诉"])
    assert ans.kind == "answer" and opened_from(ans) == "collection-complaint-ladder", ans.render()


def test_where_to_complain_after_a_hub_is_not_the_hub_again(answerer: Answerer) -> None:
    # Only a channel question, nothing of its own: read with the topic alone it gave the lawsuit hub back word for word.
    mem = Memory()
    answers = [answerer.answer(turn, mem) for turn in ["信用卡逾期两个月了", "银行说要起诉我", "去哪投诉"]]
    assert answers[-1].text != answers[-2].text, answers[-1].render()
    assert answers[-1].kind == "clarify" or "投诉" in answers[-1].text, answers[-1].render()


def test_a_fake_bank_call_about_a_frozen_card_is_answered_as_a_scam(answerer: Answerer) -> None:
    ans = answerer.answer("someone called saying they are from the bank and my card will be frozen", Memory())
    assert ans.kind == "answer" and opened_from(ans) == "bank-account-frozen-en", ans.render()


@pytest.mark.parametrize("question", [
    "my mom has credit card debt and the bank keeps calling me", "我老公信用卡逾期了，银行打电话给我",
    "My brother's online loan is overdue and collectors keep calling me",
])
def test_someone_elses_debt_is_not_answered_as_the_askers_own(answerer: Answerer, question: str) -> None:
    # The borrower's own first steps ("Take stock of every loan…") would tell the asker to repay a debt that is
    # not theirs; the family sections say who owes it and what to tell the caller.
    ans = answerer.answer(question, Memory())
    assert ans.kind == "answer" and opened_from(ans).startswith("family-not-liable"), ans.render()


@pytest.mark.parametrize("question", [
    "信用卡逾期了怎么办", "网贷逾期三个月了，每天被催收轰炸，我该怎么办", "网贷太多了先还哪个", "催收半夜打电话合法吗",
    "信用卡欠了3万逾期了会坐牢吗", "逾期几天会上征信", "How do I complain about a collector?",
    "private loan interest above the cap, do I have to pay it?", "信用卡账单分期手续费怎么算",
])
def test_no_example_fragment_or_orphan_is_quoted_as_a_fact(answerer: Answerer, question: str) -> None:
    text = answerer.answer(question, Memory()).text
    for bad in ("你在晚上23:15", "你的信用卡欠本金3万元", "工单号A123", "其次是谁催得最凶", '直到"7', "……[",
                "The other 6,000 yuan", "也要这样算"):
        assert bad not in text, text
    for line in text.splitlines():
        assert not line.lstrip("•0123456789. ").startswith(("其次", "另外", "这样", "所以", "The other")), line


# After "信用卡逾期了" the answer came from one of the card hub's situations; the topic pulled back to its siblings
# ("…逾期两三个月了…怎么办？") and asked which, although the follow-up alone is sure.
@pytest.mark.parametrize("first", ["信用卡欠了3万，逾期两个月了", "信用卡逾期了"])
def test_a_follow_up_that_changes_the_question_keeps_the_topic(answerer: Answerer, first: str) -> None:
    mem = Memory()
    answerer.answer(first, mem)
    talk = answerer.answer("那我该怎么跟银行谈", mem)
    # After the card hub the topic only pulled back to card hubs and asked which; alone the follow-up is sure.
    assert talk.kind == "answer" and talk.sources[0].section == "打电话协商时应该怎么说？", talk.render()
    refused = answerer.answer("他们不同意怎么办", mem)
    assert refused.kind == "answer" and opened_from(refused) in {"lender-refuses-negotiation",
                                                                  "card-personalized-installment"}, refused.render()


def test_a_yes_or_no_follow_up_after_a_what_to_do_question_gets_a_yes_or_no_answer(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("信用卡逾期三个月了怎么办", mem)
    # Read with its topic, "会…吗" was typed by the topic's "怎么办" and the what-to-do hub tied with the answer.
    sued = answerer.answer("银行会起诉我吗", mem)
    assert sued.kind == "answer" and sued.sources[0].section == "欠多少钱才会被起诉？", sued.render()


def test_a_follow_up_after_a_list_of_debts_reads_the_list(answerer: Answerer) -> None:
    mem = Memory()
    listed = answerer.answer("我欠了建行信用卡2万，三个网贷一共4万，全逾期了", mem)
    assert listed.kind == "calculation", listed.text  # the list is kept, no article answered
    first = answerer.answer("那先还哪一个", mem)  # was "not in what I know": nothing to read it against
    assert first.kind == "answer" and opened_from(first) == "prioritize-debts", first.render()


def test_a_follow_up_asking_only_is_it_legal_is_about_the_topic(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("催收说要打电话到我公司告诉老板", mem)
    legal = answerer.answer("这样合法吗", mem)  # alone it matched every "合法吗" heading (高炮, 民间借贷利率 …)
    picked = legal.choices[:1] if legal.kind == "clarify" else [legal.sources[0].section]
    assert legal.kind in ("answer", "clarify") and "催" in picked[0], legal.render()


def test_an_english_follow_up_is_not_out_of_scope(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("The collector keeps calling my mother about my debt", mem)
    legal = answerer.answer("and is that legal?", mem)
    assert legal.kind in ("answer", "clarify"), legal.text


@pytest.mark.parametrize(("question", "lang"), [
    ("Should I file for Chapter 7 bankruptcy for my credit card debt?", "en"),
    ("Is a UK IVA a good idea for my debts?", "en"),
    ("香港的个人自愿安排（IVA）怎么申请？", "zh"),
    ("Are Canadian payday loans capped?", "en"),
    ("印尼的网贷催收违法吗", "zh"),
    ("我在澳洲，这边的信用卡欠款怎么处理", "zh"),
    ("loan apps in Kenya keep calling my family, is that legal?", "en"),
    # a debt of that place, though the asker names a mainland city (was answered from the mainland articles)
    ("I have an overdue credit card from a Singapore bank, can they chase me in Shanghai?", "en"),
    ("香港的信用卡欠款，回内地了会被追吗", "zh"),
])
def test_other_jurisdictions_are_said_to_be_outside_finbot(answerer: Answerer, question: str, lang: str) -> None:
    ans = answerer.answer(question, Memory())
    assert ans.kind == "no_answer" and not ans.sources
    assert ("中国内地" in ans.text) if lang == "zh" else ("mainland China" in ans.text)


def test_a_foreigner_owing_rmb_is_answered_from_the_articles(answerer: Answerer) -> None:
    """Going home to Nigeria with a loan-app debt in rmb (lower case) was told finbot covers mainland China only."""
    ans = answerer.answer("im going home to Nigeria next month and i still owe 8000 rmb on a loan app. what now",
                          Memory())
    assert ans.kind in ("answer", "clarify"), ans.render()


def test_what_are_my_options_is_asked_about_the_conversation(answerer: Answerer) -> None:
    # It names nothing but what is wanted; read alone it was "outside what I know".
    mem = Memory()
    answerer.answer("Car loan 3 months behind", mem)
    answerer.answer("lender says they will take the car next week", mem)
    ans = answerer.answer("what are my options?", mem)
    assert ans.kind == "answer" and "car" in ans.sources[0].section.lower(), ans.text


@pytest.mark.parametrize("question", [
    "I'm a teacher from the UK working in Chengdu, my CMB credit card is 40 days late, what now",
    "I'm American, studying in Shanghai, and my Huabei is two weeks overdue. Will it hurt my credit?",
    # Living abroad now, with the debt still here: "Canada" had sent it away.
    "I moved to Canada last year but I still have credit card debt in China. What happens if I stop paying?",
])
def test_a_debt_in_china_is_answered_wherever_the_asker_lives(answerer: Answerer, question: str) -> None:
    # Saying where one comes from is no question about that country's law: "UK" had made this a no_answer.
    ans = answerer.answer(question, Memory())
    assert ans.kind in ("answer", "clarify") and "mainland China" not in ans.text.split("\n")[0], ans.text


def test_a_clarifying_question_lists_choices_and_a_number_answers_it(answerer: Answerer) -> None:
    mem = Memory()
    ans = answerer.answer("逾期了怎么办", mem)
    if ans.kind != "clarify":
        pytest.skip("the matcher was sure enough to answer")
    assert 2 <= len(ans.choices) <= 3 and all(c in ans.text for c in ans.choices)
    picked = answerer.answer("2", mem)
    assert picked.kind == "answer" and picked.sources[0].section == ans.choices[1]


@pytest.mark.parametrize("question", [
    "浦发卡欠了3万8 已经m3了 每天好几个电话 还有外地号码打过来 我一个都不敢接 就这么拖着 到底怎么收拾",
    "got laid off on monday. 2 credit cards + jiebei + a car loan, about 6k a month in payments total. "
    "where do i start",
    "做手术花光了存款，两张信用卡一共五万还不上了，有办法吗", "失业了，花呗借呗总共三万都逾期了",
])
def test_a_situation_with_amounts_that_asks_what_to_do_is_not_asked_for_calculator_inputs(
        answerer: Answerer, question: str) -> None:
    """"好几个电话" counts calls, "payments total" and "一共五万" describe: the borrower asked what to do, not for a
    figure."""
    ans = answerer.answer(question, Memory())
    assert ans.kind == "answer", ans.text
    assert ans.sources


@pytest.mark.parametrize("question", ["砍头息是什么", "这算不算砍头息", "借款有砍头息怎么算", "被爆通讯录了怎么办",
                                      "网贷还不上了咋半", "离婚前他借的钱 离婚后要我一起还吗",
                                      "撸的高炮逾期了 是不是只还到手的本金就行了",
                                      # "网d" (网贷) left as an odd Latin letter sat near a crisis exemplar
                                      "网d逾期了，催收天天打给我妈",
                                      # what counts as the practice is the legal test, not a request for a method
                                      "砍头息怎么认定", "怎么认定恶意透支"])
def test_slang_questions_are_answered_not_refused(answerer: Answerer, question: str) -> None:
    """The safety screen reads the borrower's words: the plain meaning finbot adds to slang for matching
    ("砍头息（砍头息 预扣利息）") once made "砍头息是什么" look like a request to deduct interest. Asking back which
    one is meant ("借款有砍头息怎么算": the principal owed, or the real annual rate?) is an answer too."""
    assert answerer.answer(question, Memory()).kind in ("answer", "clarify")


@pytest.mark.parametrize(("question", "articles"), [
    # borrower slang, glossed with the articles' words (bot/engine/lexicons/slang.tsv)
    ("信用卡老赖会怎样", {"court-enforcement"}),
    # after a judgment: enforcement's "会被列为失信吗" or the lawsuit article's "判决后还不上会怎么样" (which says who
    # is listed: those who could pay and refuse) both answer it
    ("网贷判决了我实在没钱还 会不会直接变成老赖", {"court-enforcement", "sued-by-lender"}),
    # far from every heading but close to an educator's phrasing: the relevance gate counts phrasings too
    ("huabei overdue 4 days", {"platform-loan-overdue-en", "missed-payment-by-days-en", "grace-period-en"}),
])
def test_slang_and_phrasings_reach_the_section_that_answers(answerer: Answerer, question: str,
                                                           articles: set[str]) -> None:
    ans = answerer.answer(question, Memory())
    if ans.kind == "clarify":
        # Since borrowers' own wordings joined the phrasings, "判决了没钱还" is also how two neighbouring sections
        # are asked; when they come close, asking which is the design — with the slang's section offered first.
        mem = Memory()
        answerer.answer(question, mem)
        ans = answerer.answer("1", mem)
    assert ans.kind == "answer", ans.text
    assert opened_from(ans) in articles, ans.render()


@pytest.mark.parametrize("turns", [
    # "说可以把逾期记录删掉" after "有人说能帮我修复征信" was refused as a request to tamper with the record
    ["有个人说他能修复征信", "说交两千就可以把逾期记录删掉"],
    # and "要交2800，是真的吗" next was read alone ("2800" counted as a word of another field; "这是真的吗" no pointer)
    ["有个人说他能修复征信", "说交两千就可以把逾期记录删掉", "先转1500，这是真的吗"],
    # one message, the claim after a comma: its subject is the one just named, and it was refused
    ["有个自称银保监会工作人员的加我微信，说可以帮我消除征信逾期"],
])
def test_an_offer_to_delete_records_retold_over_several_messages_is_answered(answerer: Answerer,
                                                                             turns: list[str]) -> None:
    ans = last_answer(answerer, turns)
    assert ans.kind == "answer" and ans.sources[0].id == "credit-repair-scam", ans.text[:80]


def test_after_picking_a_clarifying_choice_a_follow_up_stays_in_the_conversation(answerer: Answerer) -> None:
    # "1" picked a section; "他们不同意怎么办" was then read as "1 他们不同意怎么办" and got "not in what I know".
    # The number is kept as the question it names, so the follow-up is read with "停息挂账怎么申请".
    mem = Memory()
    answerer.answer("信用卡协商", mem)
    assert "停息挂账（个性化分期）怎么申请？要准备哪些材料？" in [c[2] for c in mem.choices]  # it asks which
    number = str(1 + [c[2] for c in mem.choices].index("停息挂账（个性化分期）怎么申请？要准备哪些材料？"))
    picked = answerer.answer(number, mem)
    assert picked.kind == "answer" and mem.topic_query != number and mem.turns[-1].startswith("停息挂账")
    mem = Memory.from_dict(mem.to_dict())  # saved between messages, as the Telegram layer does
    follow = answerer.answer("他们不同意怎么办", mem)
    # In the conversation: the bank refusing is the answer, or the first question offered when two are close.
    refused = "银行说没有协商政策、不同意分期，怎么办？"
    assert (follow.kind == "answer" and follow.sources[0].section == refused) or (
        follow.kind == "clarify" and follow.choices[0] == refused), follow.text


@pytest.mark.parametrize(("turns", "section"), [
    (["我的车贷断了三期 车已经被收走拍了", "拍的钱不够的话 差额还找我要吗"],
     ("car-loan-repossession", "车被处置了，卖的钱不够还贷款，剩下的还要还吗？")),
    (["信用卡欠了五万多 打算申请个性化分期", "要提交哪些材料"],
     ("card-personalized-installment", "停息挂账（个性化分期）怎么申请？要准备哪些材料？")),
])
def test_a_short_question_naming_no_debt_is_about_the_conversations_debt(answerer: Answerer, turns: list[str],
                                                                          section: tuple[str, str]) -> None:
    # Read alone, "差额还找我要吗" opened on a house auction and "要提交哪些材料" on hardship papers in general.
    ans = last_answer(answerer, turns)
    assert ans.kind == "answer" and (ans.sources[0].id, ans.sources[0].section) == section, ans.text[:80]


def test_the_weather_after_a_card_answer_is_not_read_as_about_the_card(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("信用卡逾期了", mem)
    # "明天天气" read in overlapping pairs has "天天", as in "银行天天打电话催": it re-answered the card question.
    assert answerer.answer("明天天气怎么样", mem).kind == "no_answer"
    mem = Memory()
    answerer.answer("跟银行谈好了个性化分期 客服电话里答应的", mem)
    written = answerer.answer("要不要书面的 口头行不行", mem)  # "头行" is unheard too, but the rest is not
    assert written.kind == "answer" and written.sources[0].section == "谈好的方案一定要书面确认吗？", written.render()


def test_a_misspelt_english_follow_up_is_not_taken_for_a_foreign_word(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("collectors phoned my boss at work", mem)
    allowed = answerer.answer("is that allowd?", mem)  # "allowd" is no word of the articles: "outside what I know"
    picked = allowed.choices[:1] if allowed.kind == "clarify" else [allowed.sources[0].section]
    # The workplace section (English since 8650e04) opens with the verdict too: "…crosses the line for collectors".
    assert allowed.kind in ("answer", "clarify") and ("employer" in picked[0] or "workplace" in picked[0]), \
        allowed.render()


def test_a_question_retyped_after_a_clarifying_question_narrows_it(answerer: Answerer) -> None:
    # "网贷借了一万 到手八千" asks which of two questions; "我应该按多少还" then got "not in what I know".
    mem = Memory()
    first = answerer.answer("网贷借两万到手一万六", mem)
    assert first.kind == "clarify", first.render()  # if it now answers outright, pick another ambiguous pair
    follow = answerer.answer("我应该按多少还", mem)
    assert follow.kind == "answer" and opened_from(follow) == "upfront-deduction", follow.render()
    mem = Memory()
    answerer.answer("网贷借两万到手一万六", mem)
    assert answerer.answer("明天天气怎么样", mem).kind == "no_answer"


@pytest.mark.parametrize(("first", "off"), [
    ("my credit card is 2 months overdue", "what's the weather"),
    ("my credit card is 2 months overdue", "what is the weather going to be like tomorrow"),
    ("信用卡逾期两个月了", "今天星期几"),
])
def test_an_off_topic_message_after_a_topic_is_not_answered_from_the_topic(answerer: Answerer, first: str,
                                                                           off: str) -> None:
    # Short enough to read as a follow-up, "what's the weather" got a card-cash-out answer from the earlier topic.
    mem = Memory()
    answerer.answer(first, mem)
    assert answerer.answer(off, mem).kind == "no_answer"


@pytest.mark.parametrize(("question", "hub"), [
    ("信用卡逾期了怎么办", "card-overdue-what-to-do"), ("网贷逾期三个月了怎么办", "online-loan-overdue-what-to-do"),
    ("欠了好几个平台还不上了", "many-debts-cannot-pay"), ("被起诉了怎么办", "sued-what-to-do"),
    ("收到传票了怎么办", "sued-what-to-do"), ("催收说要上门怎么办", "collector-threats-what-to-do"),
    ("爆通讯录怎么办", "collector-threats-what-to-do"), ("银行不同意协商怎么办", "lender-refuses-negotiation"),
])
def test_the_broad_messages_of_issue_10_get_first_steps_from_their_hub(answerer: Answerer, question: str,
                                                                       hub: str) -> None:
    # "被起诉了怎么办" opened on a fake-threats section and "收到传票了怎么办" asked back between two sections, while
    # the same borrower phrasing sat on several sections at once.
    ans = answerer.answer(question, Memory())
    assert ans.kind == "answer" and opened_from(ans) == hub, ans.render()
    assert "\n1. " in ans.text, ans.text  # the steps, in order


@pytest.mark.parametrize(("turns", "section"), [
    # "actually" is a filler: it matched "What actually helps?" and "Who actually lends me the money?"
    (["A collector threatened to come to my apartment.", "Can they actually do that?"], "visit"),
    # eight words do not stand alone: read in the conversation, not declined as outside finbot's field; and the
    # section for borrowers not yet sued ("can I still fly?") never answers one under a restriction
    (["I'm on the high consumption restriction list.", "Can I still fly home for the holidays?"], "restriction"),
    (["被限高了", "还能坐高铁吗"], "限制高消费"),
    # read in the conversation when any of the best few hits shares its words, not only the first (the list's removal)
    (["刚被列入失信被执行人", "还能坐高铁么"], "限制高消费"),
])
def test_an_english_follow_up_in_plain_words_stays_on_the_topic(answerer: Answerer, turns: list[str],
                                                                 section: str) -> None:
    ans = last_answer(answerer, turns)
    assert ans.kind == "answer", ans.text
    assert section in (ans.sources[0].section or "").lower() + ans.sources[0].title.lower(), ans.sources[0]


def test_a_follow_up_in_words_no_article_uses_stays_on_the_topic(answerer: Answerer) -> None:
    # "去掉" is in no article: read alone, "怎么才能去掉" opened on lifting a court restriction, not on disputing a
    # loan the borrower never took out.
    ans = last_answer(answerer, ["征信上有一条不是我办的贷款", "怎么才能去掉"])
    assert ans.kind == "answer" and opened_from(ans) == "credit-dispute", ans.render()


def test_a_borrower_whose_lender_agreed_is_not_told_what_to_do_when_it_refuses(answerer: Answerer) -> None:
    # "同意" is in the question and in "银行说没有协商政策、不同意分期，怎么办？": the missed instalment of an agreed
    # plan opened "第一次被拒很常见；问清拒绝理由…".
    ans = last_answer(answerer, ["银行同意停息挂账了 分60期", "中途有一期还不上怎么办"])
    offered = [*(s.section or "" for s in ans.sources[:1]), *ans.choices]
    assert ans.kind in ("answer", "clarify") and offered, ans.render()
    assert not any("不同意" in q for q in offered), offered
    assert any("还不上" in q or "违约" in q for q in offered), offered


def test_what_if_they_refuse_after_asking_for_a_plan_is_answered_from_a_refusal(answerer: Answerer) -> None:
    # Asked back before: "what if they refuse?" alone shares no word with "What if the bank says no?", and the
    # applying and asking sections of the installment article outranked it.
    turns = ["I asked the bank for an installment plan on my overdue card.", "what if they refuse?"]
    ans = last_answer(answerer, turns)
    assert ans.kind == "answer", ans.render()
    assert "says no" in (ans.sources[0].section or ""), ans.render()


def test_a_borrower_who_may_refuse_an_inheritance_is_not_a_refused_borrower() -> None:
    # The borrower's own refusal, or a court's, is no answer from the lender: those sections stay out of the
    # refused-plan preference (bot/engine/match.py).
    assert words.lender_answer("Can I refuse the inheritance so that I don't have to pay?") == set()
    assert words.lender_answer("Can a court refuse or reduce service fees?") == set()
    assert words.lender_answer("房贷不批怎么办") == set()
    assert words.lender_answer("My loan application was rejected because of my credit report. What now?") == set()
    assert words.lender_answer("what if they refuse?") == {"refused"}
    assert words.lender_answer("分期申请不批怎么办") == {"refused"}
    # a mortgage or an application turned down is no refused plan ("bank turned down my mortgage because of lian san
    # lei liu" was answered from "My legal aid application was turned down"); a request turned down is
    assert words.lender_answer("bank turned down my mortgage because of lian san lei liu") == set()
    assert words.lender_answer("the bank rejected my credit card application") == set()
    assert words.lender_answer("the bank turned down my request for an installment plan") == {"refused"}


def test_a_mortgage_turned_down_for_the_credit_reports_jargon_is_answered_with_it(answerer: Answerer) -> None:
    """Was "outside what I know" (a mortgage, no debt word), and once in the field opened on legal aid."""
    ans = last_answer(answerer, ["bank turned down my mortgage because of lian san lei liu, is that actually a law"])
    assert ans.kind == "answer" and ans.sources[0].id == "credit-report-terms-en", ans.render()


def test_is_this_lawful_after_a_threat_is_about_the_collector(answerer: Answerer) -> None:
    # "这样算合法吗" kept "样算" (this + count-as) as a word of its own, and only two fee sections use it ("…也这样
    # 算吗"): a borrower threatened by a collector was told how to compute a fee's yearly rate.
    ans = last_answer(answerer, ["催收打电话威胁我，说要找人收拾我", "他们这样算合法吗"])
    assert ans.kind in ("answer", "clarify"), ans.render()
    offered = [opened_from(ans)] if ans.kind == "answer" else ans.choices
    assert not any("fee" in o or "费" in o or "算" in o for o in offered), ans.render()


def test_is_this_lawful_two_turns_after_the_topic_is_about_the_turn_before(answerer: Answerer) -> None:
    # "他们这样算合法吗" after "网贷逾期了 / 催收在电话里骂我还说要弄死我" asked back between being chased at all and
    # contacting family: the combined reading held the first turn alone, and only the reading with the turn before
    # knew the threat; "这样做" left "做" as a word of the question (it opened on being told to borrow more).
    ans = last_answer(answerer, ["网贷逾期了", "催收在电话里骂我，还说要弄死我", "他们这样做合法吗"])
    assert ans.kind == "answer" and "威胁" in (ans.sources[0].section or ""), ans.render()


def test_they_refuse_is_read_as_the_lender_saying_no(answerer: Answerer) -> None:
    # The English sections ask "What if the lender says no?": "what if they refuse?" after a card-debt turn was asked
    # back among a late-fee, a card-rate and a membership-fee section.
    ans = last_answer(answerer, ["my credit card is overdue", "what if they refuse?"])
    assert ans.kind == "answer" and opened_from(ans) == "negotiate-repayment-en", ans.render()


@pytest.mark.parametrize("between", ["谢谢", "1", "👍"])
def test_small_talk_between_turns_keeps_the_topic(answerer: Answerer, between: str) -> None:
    # A "谢谢" (or a "1" with nothing to pick) became the turn before: the follow-up that comes after was asked back
    # between the negotiation script and the card hub's lawsuit section, instead of being answered.
    ans = last_answer(answerer, ["信用卡逾期了怎么办", between, "那我该怎么跟银行谈"])
    assert ans.kind == "answer" and opened_from(ans) == "negotiate-repayment", ans.render()


@pytest.mark.parametrize(("number", "lang"), [("1", "zh"), ("2", "en")])
def test_a_number_with_nothing_to_pick_says_so(answerer: Answerer, number: str, lang: str) -> None:
    # "1" after an answer (its follow-ups are bullets or buttons, not numbered) was read as a follow-up and gave
    # the same answer again; with no conversation it was "outside what I know" and went to /gaps.
    first = "信用卡逾期了怎么办" if lang == "zh" else "my credit card is overdue, what should I do?"
    ans = last_answer(answerer, [first, number])
    assert ans.kind == "no_answer" and ans.via == "small_talk", ans.render()
    assert ("没有待选的选项" if lang == "zh" else "no list to choose from") in ans.text
    assert answerer.answer(number, Memory()).via == "small_talk"


def test_a_request_for_stock_tips_is_outside_finbot_not_a_growth_calculation(answerer: Answerer) -> None:
    # "翻倍" (doubling) is a growth cue: the calculator asked for an interest rate.
    assert answerer.answer("推荐几只能快速翻倍的股票，我想赚钱还债", Memory()).kind == "no_answer"


@pytest.mark.parametrize("message", ["那个", "那笔钱呢", "what about that one?"])
def test_a_pointer_with_nothing_before_it_asks_which_debt(answerer: Answerer, message: str) -> None:
    # "那个" lost its "那" as if it were "那信用卡呢" and came back as "你想了解个的哪方面？ … 个逾期会上征信吗？".
    ans = answerer.answer(message, Memory())
    assert ans.kind == "clarify"
    assert ans.text.startswith(("你说的是哪一笔欠款", "Which debt or question")), ans.text
    assert not any(c.startswith("个") for c in ans.choices)



def test_asking_how_a_judgment_is_enforced_without_money_is_not_a_crisis(answerer: Answerer) -> None:
    # "我没钱他们会怎么执行" after a judgment sat near a crisis exemplar ("执行"), and got the hotline reply.
    mem = Memory()
    answerer.answer("被法院判了要还十二万", mem)
    assert answerer.answer("我没钱他们会怎么执行", mem).kind == "answer"


@pytest.mark.parametrize("question", ["征信花了怎么办", "正信花了怎么办"])
def test_a_damaged_credit_report_gets_what_to_do_not_a_choice_of_definitions(answerer: Answerer, question: str) -> None:
    # The slang gloss "征信花了（征信查询记录多）" pulled the question towards the section defining the phrase, and the
    # borrower was asked to choose between "what does it mean" and two ways to recover.
    ans = answerer.answer(question, Memory())
    assert ans.kind == "answer", ans.text
    assert "申请" in ans.text.split("\n")[0]


def test_a_collectors_threat_retold_is_answered_from_the_articles_and_an_offer_still_checked(
        answerer: Answerer) -> None:
    # "催收说再不还就抓我坐牢 真的假的" went to the scam check ("这条消息有可疑的地方。先别付款…"): a retold threat asks
    # whether the threat is real; an offer retold the same way is still the check's.
    threat = answerer.answer("催收说再不还就抓我坐牢 真的假的", Memory())
    assert threat.kind == "answer" and threat.check is None
    assert "吓唬" in threat.text.split("\n")[0]
    offer = answerer.answer("中介说交3000保证金就能下款，是真的吗", Memory())
    assert offer.check is not None and "骗局" in offer.text.split("\n")[0]


def test_numbers_the_calculator_cannot_use_are_named_not_skipped(answerer: Answerer) -> None:
    """"借了-5000，日息abc" was read as a question about Huabei costs and asked which of three articles was meant."""
    ans = answerer.answer("借了-5000，日息abc", Memory())
    assert ans.kind == "calculation", ans.text
    assert "-5000" in ans.text and "日息abc" in ans.text and "日息万五" in ans.text
    assert ans.needs_input == []  # nothing pending: the corrected message is read whole, not merged into this one
    fixed = answerer.answer("借了5000，日息万五，30天利息多少", Memory())
    assert fixed.kind == "calculation" and "75.00" in fixed.text


def test_after_a_hub_a_follow_up_sure_of_its_own_section_is_not_asked_back_among_hubs(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("My credit card is 4 months overdue, I owe about 60,000 yuan.", mem)
    talk = answerer.answer("How should I talk to the bank?", mem)
    assert talk.kind == "answer" and opened_from(talk) == "negotiate-repayment-en", talk.render()


def test_an_english_question_with_a_chinese_slang_word_is_answered_in_english(answerer: Answerer) -> None:
    """"what does 上岸 mean" was read as Chinese (its gloss added Chinese) and asked back with Chinese choices."""
    ans = answerer.answer("what does 上岸 mean", Memory())
    assert ans.kind == "answer" and ans.language == "en", ans.text
    assert "out of debt" in ans.text and ans.sources[0].lang == "en"


def test_an_elliptical_follow_up_asks_the_question_before_about_its_new_subject(answerer: Answerer) -> None:
    """"花呗逾期了一个月 / 会上征信吗 / 那借呗呢" gave the Huabei hub again on the third turn: the topic (the first
    question) was read with 借呗, and the question asked just before (会上征信吗) was lost."""
    mem = Memory()
    answerer.answer("花呗逾期了一个月", mem)
    answerer.answer("会上征信吗", mem)
    ans = answerer.answer("那借呗呢", mem)
    assert ans.kind == "answer" and "征信" in ans.sources[0].section, ans.sources[0].section


@pytest.mark.parametrize("turns", [
    ["老公欠了好多网贷，我完全不知道", "我要帮他还吗"],
    ["我老婆背着我借了几个网贷", "我需要替她还吗"],
    # "得" and "必须" ask whether one must, like "要": neither is a word the conversation has not heard of
    ["老公欠了好多网贷", "我得帮他还吗"], ["老公欠了好多网贷", "我必须帮他还吗"],
    # "这债" points back as "这笔" does (it was read alone: no_answer)
    ["我老公瞒着我借网贷 我们要离婚", "离婚后这债我要还吗"],
])
def test_he_or_she_in_a_follow_up_is_the_person_the_conversation_is_about(answerer: Answerer,
                                                                          turns: list[str]) -> None:
    """"我要帮他还吗" after a husband's loans was read alone and asked back among guarantors and siblings: "他"
    points back at the conversation as "他们" does."""
    mem = Memory()
    for turn in turns:
        ans = answerer.answer(turn, mem)
    assert ans.kind == "answer" and ans.sources[0].id == "family-not-liable", ans.text[:80]
    assert "配偶" in ans.sources[0].section


@pytest.mark.parametrize("question", ["爸爸欠了信用卡", "my dad owes credit card debt"])
def test_a_living_parents_debt_is_never_answered_as_a_dead_ones(answerer: Answerer, question: str) -> None:
    """"爸爸欠了信用卡" opened with "家人去世了，留下的欠款…": a section about a borrower who died told the asker their
    father was dead. Such a section answers only a message (or conversation) that says so."""
    ans = answerer.answer(question, Memory())
    first = shown(ans)
    assert not any(w in s for s in first for w in ("去世", "died")), first
    mem = Memory()
    answerer.answer("我爸走了，留下一堆网贷" if question[0] == "爸" else "my dad passed away and left loans", mem)
    assert any(w in answerer.answer(question, mem).text for w in ("去世", "died", "继承", "estate", "inherit"))


@pytest.mark.parametrize("question", ["我老公死了 留下一堆网贷 我要还吗", "我爸没了，他的信用卡欠款要我还吗"])
def test_a_death_said_plainly_is_answered_from_the_sections_on_debts_left_behind(answerer: Answerer,
                                                                                 question: str) -> None:
    """"我老公死了…" was answered with the living spouses' joint-debt rule: 死了 / 没了 after a person is a death
    (not 烦死了, not 没了工作)."""
    ans = answerer.answer(question, Memory())
    assert ans.kind == "answer" and "去世" in ans.sources[0].section, ans.sources[0].section


def test_one_phrasing_about_a_death_does_not_hide_a_section_from_the_living(answerer: Answerer) -> None:
    """The guarantor's section lists "借款人死了，债务要我来还吗" among its phrasings; once "死了" read as a death,
    the whole section was kept from every living guarantor (the stand-in lost eight items)."""
    ans = answerer.answer("我给别人做了担保人 他不还了 我要还吗", Memory())
    assert ans.kind == "answer" and ans.sources[0].section == "给别人做了担保，他不还钱，我要替他还吗？"


def test_a_follow_up_asking_only_whether_one_must_is_about_the_conversations_debt(answerer: Answerer) -> None:
    """"我一定要还吗" after a father's debts was read alone and answered with a guarantor's duty: it names nothing
    but the question, so it is the conversation's."""
    mem = Memory()
    answerer.answer("爸爸去世了留下网贷", mem)
    ans = answerer.answer("我一定要还吗", mem)
    assert ans.kind == "answer" and "去世" in ans.sources[0].section, ans.sources[0].section


@pytest.mark.parametrize(("first", "follow_up", "section_says"), [
    # Read alone (seven words was the English limit), it was answered with exit bans; the list's own section says
    # what it stops.
    ("I'm on the high consumption restriction list.", "Can I still fly home for the holidays?", "spending restriction"),
    # The readings agreed on the guarantor's section, but the filter for elliptical follow-ups ("那信用卡呢": only
    # sections naming the new word) kept only sections that say 连累 — a spouse's or parents' credit.
    ("我的贷款有担保人 现在逾期了", "会不会连累担保人", "担保"),
])
def test_a_follow_up_opens_on_the_section_it_asks_about(answerer: Answerer, first: str, follow_up: str,
                                                        section_says: str) -> None:
    mem = Memory()
    answerer.answer(first, mem)
    ans = answerer.answer(follow_up, mem)
    assert ans.kind == "answer" and section_says in ans.sources[0].section, ans.sources[0].section


@pytest.mark.parametrize(("question", "article"), [
    ("我想注销网贷账户 怎么弄", "settlement-certificate"),
    ("how do I close my loan app account after paying off", "settlement-certificate-en"),
    ("接到电话说我的账户要注销 不然影响征信 让我转账", "common-frauds"),
])
def test_closing_an_account_oneself_is_not_answered_as_the_closing_scam(answerer: Answerer, question: str,
                                                                         article: str) -> None:
    """"我想注销网贷账户" was told "是骗局，马上挂断" — the scam where a caller demands a closure; the borrower's
    own closure is answered from the article on settling up."""
    ans = answerer.answer(question, Memory())
    assert ans.kind == "answer" and opened_from(ans) == article, ans.render()


def test_a_stated_rate_asked_about_is_judged_in_the_first_line(answerer: Answerer) -> None:
    """"借了朋友3万 约定月息3分 合法吗" opened with the 1分/1分5/2分 list, which never names 3分 (36% a year)."""
    first = answerer.answer("借了朋友3万 约定月息3分 合法吗", Memory()).text.splitlines()[0]
    assert "36%" in first and "12%" in first and "超过" in first, first
    # a rate the section's own opening already names is not said twice
    two = answerer.answer("亲戚借给我钱 借条上写月息2分 合法吗", Memory()).text.splitlines()
    assert two[0].startswith("月息1分是年12%"), two[0]
    # asked as a follow-up, the rate said before is the one judged
    mem = Memory()
    answerer.answer("借条约定月息3分", mem)
    later = answerer.answer("合法吗", mem).text.splitlines()[0]
    assert "36%" in later and "超过" in later, later
    # in English too: the section's "12%" is not the "2%" a month the borrower said
    english = answerer.answer("my friend's IOU says 2% a month, is that legal?", Memory()).text.splitlines()[0]
    assert english.startswith("The rate you mention, 2% a month, is about 24% a year"), english


def test_asking_how_to_get_proof_of_a_repayment_is_not_refused(answerer: Answerer) -> None:
    """"I paid off my loan" then "how do I get proof?" was refused as a request to forge a document (the semantic
    screen's nearest exemplar was "make me a fake proof of income")."""
    mem = Memory()
    answerer.answer("I paid off my loan", mem)
    ans = answerer.answer("how do I get proof?", mem)
    assert ans.kind in ("answer", "clarify"), ans.render()
    assert answerer.answer("help me fake a proof of repayment", Memory()).kind == "refusal"


def test_wanting_to_repay_when_the_app_will_not_open_is_not_refused(answerer: Answerer) -> None:
    """The semantic screen's nearest exemplar was "借了网贷就不打算还，怎么操作": a borrower who cannot reach the lender
    to pay was told finbot would not help them avoid repaying."""
    ans = answerer.answer("逾期后手机号被拉黑了 借款app打不开了 怎么还钱", Memory())
    assert ans.kind == "answer" and "还" in ans.text.splitlines()[0], ans.render()
    assert answerer.answer("借了网贷就不打算还了，怎么操作", Memory()).kind == "refusal"


@pytest.mark.parametrize(("question", "says"), [
    ("哪个app能借到钱 急用", "我不推荐具体的借款平台"),
    ("帮我推荐一只基金", "我不推荐股票、基金"),
    ("where can I borrow 5000 quickly", "I don't recommend lenders"),
    ("which loan app gives the biggest amount for foreigners with a residence permit?", "I don't recommend lenders"),
    ("should I buy Moutai shares now to make back my losses", "I don't recommend shares"),
    # held-out #43: both were answered with the pig-butchering scam section
    ("帮我推荐几只今年能涨的股票，想赚点钱还网贷", "我不推荐股票、基金"),
    ("明天A股能涨吗，想把钱投进去回本", "我不推荐股票、基金"),
])
def test_asked_to_recommend_a_lender_or_an_investment_finbot_names_none(answerer: Answerer, question: str,
                                                                         says: str) -> None:
    """These were answered from a neighbouring article (a visa question, a pig-butchering scam) or refused as a
    request for no-credit-check loans or for borrowing without repaying."""
    ans = answerer.answer(question, Memory())
    assert ans.kind == "no_answer" and ans.text.startswith(says), ans.render()


def test_a_stock_tip_a_scammer_gave_is_asked_about_not_declined(answerer: Answerer) -> None:
    ans = answerer.answer("群里老师推荐的股票亏了，还借了网贷加仓，怎么办", Memory())
    assert ans.kind == "answer" and opened_from(ans) == "common-frauds", ans.render()


def test_a_request_for_no_credit_check_loans_is_still_refused(answerer: Answerer) -> None:
    assert answerer.answer("推荐一个不看征信的口子 急用", Memory()).kind == "refusal"
    # a collector recommending a lender is a question about the collector, not a request
    ans = answerer.answer("催收让我再去借一个新平台的钱来还他们，还给我推荐了平台，要听吗", Memory())
    assert ans.kind in ("answer", "clarify"), ans.render()


def test_a_long_english_follow_up_about_them_is_read_in_the_conversation(answerer: Answerer) -> None:
    """Twelve words starting with "they" were read alone (the pointer rule stopped at ten) and got no_answer."""
    mem = Memory()
    answerer.answer("I asked the loan app for an instalment plan", mem)
    ans = answerer.answer("they said no and want the full amount in 3 days. what now", mem)
    assert ans.kind == "answer" and opened_from(ans) == "lender-refuses-negotiation-en", ans.render()


@pytest.mark.parametrize("question", ["信用咔愈期了五天 会不会影响房贷",
                                      "credit card 5 days late, will it affect my mortgage application"])
def test_a_few_days_late_and_a_mortgage_later_is_answered_as_asked(answerer: Answerer, question: str) -> None:
    """It opened on when a late payment is reported ("逾期几天会上征信？"), not on a mortgage later."""
    ans = answerer.answer(question, Memory())
    first = ans.text.splitlines()[0]
    assert ans.kind == "answer" and (first.startswith("可能有影响") or first.startswith("It may")), ans.render()


def test_a_mortgage_with_bad_credit_is_in_finbots_field(answerer: Answerer) -> None:
    """"mortgage" alone marks a neighbouring field; "bad credit" (not only "credit report") puts it back in this one —
    it was "outside what I know"."""
    ans = answerer.answer("can i get a mortgage w bad credit in china", Memory())
    assert ans.kind in ("answer", "clarify"), ans.render()


def test_a_pasted_loan_ad_that_names_a_lender_is_checked_not_declined(answerer: Answerer) -> None:
    """An ad asking "哪个平台额度高" is a request for a lender by its words, but pasted and asked about it is the
    scam check's (it was told finbot recommends no lenders)."""
    ans = answerer.answer("收到短信：【XX金融】哪个平台额度高？我们秒下款，点击链接 http://x.cn 这是真的吗", Memory())
    assert ans.kind == "answer" and ans.text.startswith("这很可能是骗局"), ans.render()


@pytest.mark.parametrize(("turns", "asked_about"), [
    (["花呗逾期了", "那借呗呢"], "借呗"),
    (["my credit card is 2 months overdue", "what about Huabei"], "huabei"),
])
def test_another_debt_named_alone_asks_the_earlier_question_about_it(answerer: Answerer, turns: list[str],
                                                                    asked_about: str) -> None:
    # "那借呗呢" had given the 花呗 section again: read with both debts named, the earlier one won.
    ans = last_answer(answerer, turns)
    assert ans.kind == "answer" and asked_about in ans.sources[0].section.lower(), ans.text


def test_a_card_called_in_whole_is_answered_in_english(answerer: Answerer) -> None:
    # Only the Chinese articles had the section; in English it opened on who may get a personalised instalment plan.
    ans = answerer.answer("the bank stopped my card and says I must pay the whole balance at once, is that allowed",
                          Memory())
    assert ans.kind == "answer" and ans.language == "en" and "whole balance" in ans.sources[0].section, ans.text


@pytest.mark.parametrize("turns", [
    ["my credit card is overdue", "what should i do now"],
    ["I'm a foreigner working in Shanghai, my ICBC credit card is overdue", "what should i do first"],
])
def test_what_to_do_now_is_asked_about_the_conversations_debt(answerer: Answerer, turns: list[str]) -> None:
    # "now" / "first" say when, not what: read alone, "what should i do now" matched every what-to-do heading.
    ans = last_answer(answerer, turns)
    assert ans.kind == "answer" and ans.sources[0].id.startswith("card-overdue"), ans.text


@pytest.mark.parametrize("question", ["whats the usd to rmb exchange rate today", "催收员一般提成多少啊 我想去应聘"])
def test_exchange_rates_and_collector_jobs_are_outside_what_finbot_knows(answerer: Answerer, question: str) -> None:
    # "rate" and "催收" had let them through: an annualised-rate answer, and one on posting a collector's details online
    assert answerer.answer(question, Memory()).kind == "no_answer"


@pytest.mark.parametrize(("question", "opens"), [
    ("网上有人说花钱能删征信逾期记录 是真的吗", "不能删掉"),
    ("有人说能帮我停息挂账，先交2000服务费，靠谱吗", "不建议"),
    ("someone offered to fix my credit report for a fee, is it legit", "No one can"),
])
def test_an_offer_told_in_ones_own_words_is_answered_before_it_is_checked(answerer: Answerer, question: str,
                                                                         opens: str) -> None:
    # It opened "这条消息有可疑的地方" — there was no message — or on how such agents charge. Asked "我要不要交",
    # a likely scam still opens "这很可能是骗局，不要付钱" (tests/test_answer_check.py).
    ans = answerer.answer(question, Memory())
    first = ans.text.split("\n", 1)[0]
    assert ans.kind == "answer" and opens in first and first.endswith("[1]"), ans.text
    assert ans.check is not None and ans.check["flags"][0]["text"][:12] in ans.text, ans.text  # the check follows


def test_the_chunk_search_is_exact_so_a_restart_cannot_change_an_answer(answerer: Answerer) -> None:
    # Chroma's HNSW search is approximate at its default candidate list; which chunk it missed changed from one start
    # to the next, and "714高炮 不还可以吗" was answered after one start and asked back after another.
    index = answerer.index
    ids, vectors = index.vectors()
    questions = [item.q for item in load_eval_sets([KNOWLEDGE / "eval" / "questions.yaml"])][:60]
    for question in questions:
        vector = np.asarray(index.embedder.embed_query(question), dtype=np.float32)
        found = {hit.chunk_id for hit in index.search(question, k=12, vector=vector)}
        scores = vectors @ vector
        twelfth = np.sort(scores)[-12]
        nearer = {ids[i] for i in np.flatnonzero(scores > twelfth + 1e-5)}  # ties at the 12th may go either way
        assert nearer <= found, (question, nearer - found)


@pytest.mark.parametrize("turns", [
    ["I finally paid off my overdue credit card last month", "How long until I can get a mortgage?"],
    ["I cleared my overdue loan last week", "how soon could I get a mortgage?"],
])
def test_a_short_follow_up_in_the_articles_words_is_read_with_its_topic(answerer: Answerer,
                                                                      turns: list[str]) -> None:
    # Alone it passed no gate and got "outside what I know"; with its topic it found the right section, but shared
    # no word with it ("mortgage" against "loan"), which had been the only test that it belongs to the topic.
    ans = last_answer(answerer, turns)
    assert ans.kind == "answer" and ans.sources[0].id == "credit-record-retention-en", ans.render()


@pytest.mark.parametrize("turns", [["信用卡逾期会上征信吗", "网贷也一样吗"],
                                   ["花呗逾期三天会上征信吗", "借呗也是这样吗"]])
def test_the_same_question_about_another_debt_is_asked_about_it(answerer: Answerer, turns: list[str]) -> None:
    # "网贷也一样吗" was read as a question of its own and opened on whether online loans fall under the 4×LPR cap.
    ans = last_answer(answerer, turns)
    assert ans.kind == "answer" and ans.sources[0].id == "when-overdue-reported", ans.render()


@pytest.mark.parametrize(("question", "articles", "about"), [
    # a threat to message one's contacts: whether that is lawful, or what to do about it — a section on the contacts
    ("the loan app says they will bao tongxunlu if I don't pay tomorrow",
     ("contacts-exposure-en", "collector-threats-what-to-do-en"), "contacts"),
    ("i did lu kouzi on like 10 apps, now cant pay any", ("many-debts-cannot-pay-en",), ""),
])
def test_chinese_slang_typed_in_pinyin_is_understood(answerer: Answerer, question: str, articles: tuple[str, ...],
                                                     about: str) -> None:
    # The slang lists knew 爆通讯录 and 撸口子 in characters only; English speakers type them in pinyin.
    ans = answerer.answer(question, Memory())
    assert ans.kind == "answer" and ans.sources[0].id in articles, ans.render()
    assert about in (ans.sources[0].section or "").lower(), ans.render()


@pytest.mark.parametrize("question", ["花呗逾期的已经还上了", "信用卡逾期的已经还上了"])
def test_a_borrower_who_has_paid_off_is_not_told_what_to_do_when_they_cannot_pay(answerer: Answerer,
                                                                                 question: str) -> None:
    # It opened "花呗、白条这期还不上，先在App里看清本期应还…" (the section for a bill one cannot pay this month).
    ans = answerer.answer(question, Memory())
    assert ans.kind in ("answer", "clarify"), ans.render()
    for heading in [*(s.section for s in ans.sources), *ans.choices]:
        assert "还不上" not in heading and "凑不齐" not in heading, ans.render()


@pytest.mark.parametrize("question", ["can my bank pause interest on my overdue credit card?",
                                      "is a stop the interest deal with the bank real?"])
def test_stopping_the_interest_in_english_is_the_personalised_instalment_plan(answerer: Answerer,
                                                                              question: str) -> None:
    # "停息挂账" in English ("pause / stop / freeze the interest") was read as a question about card rates or about
    # paid debt agencies; the slang list now glosses it as the personalised instalment plan.
    mem = Memory()
    ans = answerer.answer(question, mem)
    articles = [s.id for s in ans.sources] if ans.kind == "answer" else [c[0] for c in mem.choices]
    assert articles and set(articles) == {"card-personalized-installment-en"}, ans.render()


def test_a_longer_english_follow_up_pointing_back_is_read_in_its_conversation(answerer: Answerer) -> None:
    """A 14-word follow-up with "they" after a mother's overdue loans was read alone (ten words was the limit)
    and offered a loan contract's court and a contact-list permission: it asks about the collectors just named."""
    first = shown(last_answer(answerer, ["my mum has several online loans overdue and the collectors ring me every day",
                                         "Are they even allowed to phone me when I never signed anything"]))
    assert first and "ollector" in first[0] and ("family" in first[0] or "relatives" in first[0]), first


def test_a_longer_message_about_her_after_a_mother_died_stays_with_the_death(answerer: Answerer) -> None:
    """"我妈上个月走了" then a 28-character message opening with "她" was read alone (a message pointing back was at
    most 20 characters), and offered the asker's own card and online-loan first steps: one that opens with the
    person said before is about them, up to 40 characters."""
    first = shown(last_answer(answerer, ["我妈上个月走了",
                                         "她留下好几张信用卡和网贷没还完，催收天天打电话，我们要还吗"]))
    assert first and ("去世" in first[0] or "死者" in first[0]), first


def test_a_follow_up_naming_the_debt_a_dead_parent_left_stays_with_the_death(answerer: Answerer) -> None:
    """"我爸上个月去世了" then "他留下好多网贷，催收天天打我电话，怎么办" was answered as the asker's own overdue
    online loans: its "，" read as ", " made it longer than a message that points back ("他"), and naming a debt
    the topic had not named read it as a new topic."""
    first = shown(last_answer(answerer, ["我妈前几天去世了", "她留下几笔网贷，催收天天打我电话，怎么办"]))
    assert first and ("去世" in first[0] or "死者" in first[0]), first


def test_a_friends_loan_asked_about_after_a_question_asked_back_is_judged_as_private_lending(
        answerer: Answerer) -> None:
    """"朋友找我借5万，说给我年息24%" is asked back; "这合法吗" after it opened on the 24% line for licensed lenders:
    a topic set by a question asked back knew no debt, and an empty set of debts kept the matcher from reading the
    friend in the question. Between private persons the line is four times the LPR, which 24% is above."""
    first = shown(last_answer(answerer, ["朋友找我借5万，说给我年息24%", "这合法吗"]))
    assert first and "网贷" not in first[0] and "24%" not in first[0], first


def test_a_child_s_civil_service_exam_is_answered_with_a_verdict_not_a_collectors_threat(answerer: Answerer) -> None:
    """"信用卡愈期会不会影响孩子考公务员" opened "这多半是夸大的催收话术", though the asker named no collector."""
    ans = last_answer(answerer, ["信用卡愈期会不会影响孩子考公务员"])
    assert ans.kind == "answer" and ans.text.startswith("一般不会"), ans.render()


def test_a_shops_cut_for_cashing_out_a_card_is_answered_not_converted_as_a_yearly_rate(answerer: Answerer) -> None:
    """"…pay some shop 5% to swipe my card…, bad idea?" was read as 5% a year ("pay" taken for "p.a.") and
    answered with a rate conversion: it asks about cashing out a card on a POS terminal."""
    ans = last_answer(answerer, ["a friend says i can pay some shop 5% to swipe my card on their POS and get cash out,"
                                 " bad idea?"])
    assert ans.kind == "answer" and ans.sources[0].id == "card-cash-advance-en", ans.render()


@pytest.mark.parametrize("turns", [
    ["借钱的时候被强制买了保险 合法吗"], ["还清后多久能再申请房贷"], ["宽限期过了 房贷还差两千没凑齐"],
    ["can i get the insurance fee they charged with my loan refunded"],
    ["behind on jd baitiao and jintiao and some agency keeps ringing me about it"],
    ["debt collectors called my parents back home in the Philippines, are they allowed to do that?"],
    ["cs说明天上门", "上门合法马"],
    ["我老公信用卡欠了十万", "我们没离婚，这个钱算我的吗"],
])
def test_borrowers_questions_that_name_a_neighbouring_field_are_answered(answerer: Answerer, turns: list[str]) -> None:
    """Each was "outside what I know": insurance bundled with a loan, a mortgage after paying off, a mortgage
    payment missed, a platform named in pinyin, parents abroad, 马 typed for 吗, "这个钱" after a husband's debt
    with divorce named (its "没离" was taken for a word no article uses, so the message for a new topic)."""
    ans = last_answer(answerer, turns)
    assert ans.kind in ("answer", "clarify"), ans.render()


def test_a_total_told_with_where_to_start_is_not_a_penalty_calculation(answerer: Answerer) -> None:
    """"we owe 80k in total. where do we even start" was taken for a request to compute a total ("in total") and
    asked what kind of debt it is, its rate and its days overdue: it asks where to start with many debts."""
    ans = last_answer(answerer, ["my wife just found out about my secret loans. we owe 80k in total. "
                                 "where do we even start"])
    assert ans.kind == "answer", ans.render()
