"""The scam checker (bot/engine/scam) and `finbot check`: rules as data, grounded flags, verdicts one can act on."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bot.engine.lexicon import entries
from bot.engine.scam import Catalog, Checker, ScamScreen, definitions
from bot.engine.scam.parts import families
from bot.engine.scam.rules import asks_if_genuine, looks_pasted, only_asks, reports_offer
from ingest.articles import load_articles

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
TUNING = KNOWLEDGE / "eval" / "scam_tuning.yaml"
LISTS = ("scam_flags", "scam_topics", "scam_warnings", "scam_asks", "scam_parts")
CONTRACT_KEYS = {"verdict", "flags", "advice", "sources", "language"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.from_articles(KNOWLEDGE)


@pytest.fixture(scope="module")
def rules_only(catalog: Catalog) -> Checker:
    return Checker(catalog)


@pytest.fixture(scope="module")
def with_semantic(catalog: Catalog) -> Checker:
    from bot.engine.scam import use_screen

    return Checker(catalog, use_screen())


def tuning() -> list[dict]:
    return yaml.safe_load(TUNING.read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the data


@pytest.mark.parametrize("name", LISTS)
def test_every_example_is_caught_by_its_own_entry(name: str) -> None:
    for entry in entries(name):
        assert re.search(entry.key, unicodedata.normalize("NFKC", entry.example), re.IGNORECASE), (name, entry)


def test_every_flag_pattern_has_a_definition_and_every_definition_a_pattern_in_both_languages() -> None:
    flags = definitions().flags
    patterns: dict[str, list[str]] = {}
    for entry in entries("scam_flags"):
        patterns.setdefault(entry.value, []).append(entry.example)
    raised_by_parts = {f.flag for f in families()}  # bot/engine/scam/families.yaml: parts in both languages
    assert set(patterns) | raised_by_parts == set(flags)
    for name, examples in [*patterns.items(), *_part_examples().items()]:
        assert any(re.search(r"[\u4e00-\u9fff]", e) for e in examples), f"{name}: no Chinese pattern"
        assert any(e.isascii() for e in examples), f"{name}: no English pattern"


def _part_examples() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in entries("scam_parts"):
        out.setdefault(entry.value, []).append(entry.example)
    return out
    assert {e.value for e in entries("scam_topics")} == set(definitions().topics)


def test_every_citation_is_a_section_of_the_knowledge_base() -> None:
    articles = {a.id: a for a in load_articles(KNOWLEDGE).articles}
    d = definitions()
    for where, cite in [*((f, x.cite) for f, x in d.flags.items()), *((t, x.cite) for t, x in d.topics.items())]:
        for lang, c in cite.items():
            assert c.article in articles, f"{where}: no article {c.article}"
            assert articles[c.article].lang == lang, f"{where}: {c.article} is not {lang}"
            assert c.section in [s.heading for s in articles[c.article].sections], f"{where}: {c}"


# ------------------------------------------------------------------ the tuning set (regression figures)


def test_tuning_set_no_genuine_message_gets_a_flag_and_scams_are_caught(rules_only: Checker) -> None:
    items = tuning()
    genuine = [i for i in items if i.get("genuine")]
    scams = [i for i in items if i["expect"] == "likely_scam"]
    assert len(genuine) >= 25 and len(scams) >= 35
    for item in genuine:
        result = rules_only.check(item["message"])
        assert result.verdict == "no_red_flags", (item["message"], [f.id for f in result.flags])
    caught = [i for i in scams if rules_only.check(i["message"]).verdict == "likely_scam"]
    assert len(caught) == len(scams), [i["message"] for i in scams if i not in caught]
    for item in items:
        got = {f.id for f in rules_only.check(item["message"]).flags}
        assert set(item.get("flags", [])) <= got, (item["message"], got)


def test_the_semantic_layer_catches_wording_no_rule_knows_and_spares_genuine_messages(with_semantic: Checker,
                                                                                       rules_only: Checker) -> None:
    items = tuning()
    unruled = [i for i in items if i["expect"] != "no_red_flags" and not rules_only.check(i["message"]).flags]
    assert len(unruled) >= 7  # the "六位数字念给我" wording has had a rule since the fifth held-out run
    flagged = [i for i in unruled if with_semantic.check(i["message"]).verdict == "suspicious"]
    assert len(flagged) >= len(unruled) - 2, [i["message"] for i in unruled if i not in flagged]
    for item in items:
        if item.get("genuine"):
            assert with_semantic.check(item["message"]).verdict == "no_red_flags", item["message"]


# ------------------------------------------------------------------ what a borrower reads


def test_the_issues_example_is_a_likely_scam_with_grounded_flags(rules_only: Checker) -> None:
    result = rules_only.check("你已涉嫌恶意透支，24小时内不还将移交公安")
    assert result.verdict == "likely_scam"
    assert {f.id for f in result.flags} == {"arrest_threat", "hours_deadline"}
    assert result.sources and all(f.source is not None for f in result.flags)
    cited = {s.id for s in result.sources}
    assert "fake-legal-threats" in cited
    assert "110" in result.advice and "96110" in result.advice and "12378" in result.advice
    assert result.body().startswith("这很可能是骗局，不要付钱")


def test_a_real_court_notice_pointing_to_12368_is_not_a_scam_and_says_how_to_verify(rules_only: Checker) -> None:
    notice = ("【深圳市福田区人民法院】你与XX银行信用卡纠纷一案已立案，案号（2027）粤0304民初5521号，"
              "定于6月3日9时开庭，请登录人民法院在线服务平台查收文书，或拨打12368核实。")
    result = rules_only.check(notice)
    assert result.verdict == "no_red_flags" and result.flags == []
    assert "12368" in result.advice and "不要打消息里留的号码" in result.advice
    assert result.sources[0].id == "fake-legal-threats"


def test_a_warning_against_a_practice_raises_no_flag(rules_only: Checker) -> None:
    sms = "【建设银行】您的验证码为120934，请勿将验证码告诉他人。本行不会要求您转账到安全账户或开启屏幕共享。"
    assert rules_only.check(sms).flags == []
    assert [f.id for f in rules_only.check("客服让我把验证码告诉他，说这样才能退款。").flags] == ["codes_screen"]


def test_a_courts_own_account_is_not_a_personal_one(rules_only: Checker) -> None:
    notice = ("【XX区人民法院】判决已生效，请于十日内将执行款汇入指定账户：户名XX区人民法院，开户行XX银行，"
              "账号4400 1234 5678 9012 345。咨询电话12368。")
    assert rules_only.check(notice).verdict == "no_red_flags"
    demand = "【XX区人民法院】请于十日内将执行款转入以下账户：户名：李明，卡号6222021234567890123。"
    assert rules_only.check(demand).verdict == "likely_scam"


@pytest.mark.parametrize(("text", "flag"), [
    ("我舅舅在人民银行上班，你那三条逾期他能给你弄掉，里面要打点一下，先给2000。", "insider"),
    ("您名下两条信用卡逾期可以帮您申请消除，处理费每条1200，今天提交三天出新报告。", "record_fee"),
    ("专业洗白 包下款 不成功不收费 先交800押金", "record_fee"),
    ("首次借款需购买一份履约保险，保费1500元，购买成功后即可放款。", "upfront_loan_fee"),
    ("技术人员需要远程帮您调一下，把屏幕上的识别码发给我。", "codes_screen"),
    ("签约后你就先停止还款，所有电话转给我们，服务费每月付。", "agency_fee"),
    ("律师函：请于接函后将欠款支付至本所代收账户（户名：赵某某，开户行：某银行，账号：6214 1111 2222 3333）。",
     "personal_account"),
    ("逾期不处理就拉入央行黑名单，你孩子以后考公政审都过不了。", "family_threat"),
    ("If you do not pay by 6pm today we will report you to the police and you will be detained.", "arrest_threat"),
    ("For a fee of RMB 2,500 we get the overdue marks taken off your credit report.", "record_fee"),
    ("To receive the funds, please pay a refundable activation deposit to our loan officer.", "upfront_loan_fee"),
])
def test_scams_worded_in_new_ways_are_likely_scams(rules_only: Checker, text: str, flag: str) -> None:
    result = rules_only.check(text)
    assert result.verdict == "likely_scam" and flag in {f.id for f in result.flags}, [f.id for f in result.flags]


@pytest.mark.parametrize("text", [
    # warnings that name the scams, in lists a clause-level warning alone would not cover
    "【某银行】警惕！不法分子冒充银行、征信中心工作人员，以“注销校园贷”“修复征信”为由，诱导转账至所谓“安全账户”或下载屏幕共享软件。",
    "Our bank will never ask you to move money to a \"safe account\", share your screen, or read out an SMS code.",
    "征信中心从未委托任何机构开展“征信修复”业务，请勿上当。",
    "【某仲裁委员会】案件已受理，请登录本会官网核对案号，本会不通过个人账户收取任何费用。",
    # lawful notices that carry the words the rules look for
    "【某银行】您申请的分期需在48小时内登录某银行App确认，逾期视为放弃。",
    "【某消费金融】本期扣款失败，请于今日22:00前存入足额资金，系统将再次尝试扣款。",
    "【某银行】您的信用卡已逾期，还清后不良记录保留5年，5年后自动删除。",
    "【某人民法院】本院已冻结你名下存款，请于3日内履行，履行后本院将依法解除冻结，执行款请汇入本院执行款专户。",
    "【某银行】个性化分期协议期间请按月还款，不要停止还款，否则协议失效。",
    "[A Bank] If you do not repay, we may take legal action and the overdue record stays on your report for 5 years.",
    # the parts a scam family is read from (parts.py), in genuine messages
    "【锦城银行】您申请的个性化分期已通过，首期款请于15日前存入您的信用卡账户，无需支付任何手续费。",
    "公司财务通知：本月报销款已转入各位工资卡，请查收。",
    "您好，我是城东派出所民警，提醒您近期冒充客服诈骗高发，请勿向陌生账户转账。",
    "【云海航空】您的航班已取消，可在App内免费退改，退款原路退回，无需支付任何费用。",
    "请各位同事于周五前在OA系统登记银行卡号，用于发放交通补贴。",
    "【税务】个税年度汇算：您有退税款，请登录个人所得税App确认银行卡后申请。",
    "爸，我换了新号码，存一下。周末回家吃饭。",
    "老板在开会，让我跟你说下午的会改到三点。",
    "【某某人民法院】你申请的诉讼费退费已审批，退费将于7个工作日内转入你提供的账户。",
    "本行不会让您把验证码念给任何人，也不会要求您转账到指定账户。",
    "【某消费金融】借款已审批，款项将于2小时内发放至您尾号1234的银行卡，放款前不收取任何费用。",
    "【反诈提醒】不转账、不透露验证码、不点陌生链接，如已被骗请拨打110。",
    "We charge no deposit or unfreezing fee before paying out your loan.",
    "We have not authorised any agent to repair credit records; your report is free on the official site.",
    "【某快递】您的包裹已到驿站，请于今日21:00前凭取件码到驿站取件。",
    "The loan will be paid to your card ending 1234 within 2 hours; we charge no fees.",
    "Your parcel is in locker 5. Pickup code 1234. Please collect within 24 hours.",
    "【某人民法院】执行款应缴入本院执行款专户（户名：某区人民法院），请于7日内履行。",
    "I'm in a meeting, can you call me back in an hour?",
    "Your refund of RMB 120 has been returned to your original payment method.",
    # a borrower's own plan, and a real student loan account: no one asks them for anything
    "Should I take out a loan and pay off my credit card?",
    "I have a student loan account, must I close it before graduation?",
])
def test_genuine_messages_with_scam_words_are_not_called_scams(with_semantic: Checker, text: str) -> None:
    result = with_semantic.check(text)
    assert result.verdict == "no_red_flags", [(f.id, f.evidence) for f in result.flags]


def test_a_warning_list_ends_where_the_message_asks_for_something(rules_only: Checker) -> None:
    sms = "我们不会要求您提供密码，只需把收到的验证码告诉我就能退款。"
    assert "codes_screen" in {f.id for f in rules_only.check(sms).flags}


@pytest.mark.parametrize(("text", "flagged"), [
    ("请于今天18:00前还款，否则后果自负", True), ("今天下午5点前必须处理", True), ("限你2小时内还清", True),
    ("今天是还款日，请于今日24点前存入足额款项", False), ("请在今日23:59前完成还款", False),
])
def test_a_deadline_in_hours_is_a_flag_but_the_end_of_the_due_day_is_not(rules_only: Checker, text: str,
                                                                          flagged: bool) -> None:
    assert ("hours_deadline" in {f.id for f in rules_only.check(text).flags}) is flagged


def test_each_flag_quotes_the_sentence_that_raised_it(rules_only: Checker) -> None:
    result = rules_only.check("您好，这里是平台客服。请把刚收到的短信验证码告诉我。谢谢配合！")
    assert [(f.id, f.evidence) for f in result.flags] == [("codes_screen", "请把刚收到的短信验证码告诉我。")]


def test_the_most_decisive_flag_comes_first(rules_only: Checker) -> None:
    result = rules_only.check("今天18点前处理，否则后果自负。请扫描下方二维码缴纳执行款即可撤诉，"
                              "案号（2026）民初第88号。")
    assert result.flags[0].id == "court_link"


def test_json_is_exactly_the_contract(rules_only: Checker) -> None:
    out = rules_only.check("专业征信修复，内部渠道删除逾期记录，先交定金").to_json()
    assert set(out) == CONTRACT_KEYS
    assert out["verdict"] == "likely_scam" and out["language"] == "zh"
    assert all(set(f) == {"id", "text", "evidence"} for f in out["flags"])
    assert all(set(s) == {"id", "title", "section"} for s in out["sources"])
    json.dumps(out)


def test_english_message_gets_english_flags_and_sources(rules_only: Checker) -> None:
    result = rules_only.check("Pay a 3,000 yuan unfreezing fee before we can release your loan.")
    assert result.language == "en" and result.verdict == "likely_scam"
    assert result.flags[0].text.startswith("A fee before the loan")
    assert all(s.lang == "en" for s in result.sources)


def test_the_readers_language_can_differ_from_the_messages(rules_only: Checker) -> None:
    result = rules_only.check("请把收到的验证码告诉我们", lang="en")
    assert result.language == "en" and "verification code" in result.flags[0].text
    assert result.flags[0].evidence == "请把收到的验证码告诉我们"


def test_a_missing_english_article_falls_back_to_the_chinese_one(tmp_path: Path) -> None:
    (tmp_path / "zh").mkdir()
    for name in ("fake-legal-threats.md", "bank-account-frozen.md"):
        (tmp_path / "zh" / name).write_text((KNOWLEDGE / "zh" / name).read_text(encoding="utf-8"), encoding="utf-8")
    result = Checker(Catalog.from_articles(tmp_path)).check("Transfer everything to a safe account now.", "en")
    assert result.flags[0].id == "safe_account"
    assert [s.id for s in result.sources] == ["bank-account-frozen"]


def test_a_citation_missing_from_the_knowledge_base_is_left_out_not_invented(tmp_path: Path) -> None:
    result = Checker(Catalog.from_articles(tmp_path)).check("专业征信修复，先交定金")
    assert result.verdict == "likely_scam" and result.sources == [] and result.flags[0].source is None
    assert "[" not in result.body()


def test_a_broken_embedder_leaves_the_rules_in_charge(catalog: Catalog) -> None:
    class Broken:
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            raise RuntimeError("model file missing")

    checker = Checker(catalog, ScamScreen(Broken(), "use"))
    assert checker.check("你已涉嫌恶意透支，24小时内不还将移交公安").verdict == "likely_scam"
    assert checker.check("一段没有任何问题的普通文字，说的是今天天气很好。").verdict == "no_red_flags"
    assert not checker.screen.available


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂", "\x00\x01", "。。。！！！", "a" * 20000, "【】" * 300])
def test_no_input_crashes(rules_only: Checker, text: str) -> None:
    assert rules_only.check(text).verdict in ("likely_scam", "suspicious", "no_red_flags")


@pytest.mark.parametrize("text", ["a" * 20000, "1" * 20000, "a-" * 10000, "http://" + "a." * 5000, "a.gov" * 4000,
                                  "点击" * 5000, "62" * 5000])
def test_a_long_odd_message_does_not_hang_the_check(rules_only: Checker, text: str) -> None:
    import time

    started = time.perf_counter()
    rules_only.check(text)
    # A hang guard, not a speed target (benchmarks/ hold those): a pattern that backtracks quadratically takes
    # minutes on 20,000 characters, a linear check well under a second. At 1.0 s it failed once on a loaded machine.
    assert time.perf_counter() - started < 5.0


# ------------------------------------------------------------------ when a message is "about a message"


@pytest.mark.parametrize(("text", "asks", "reported", "pasted", "alone"), [
    ("有个征信修复公司说能删记录，要先交一半定金，我要不要交", True, True, False, False),
    ("征信修复靠谱吗", True, False, False, False),
    ("这是真的吗？", True, False, False, True),
    ("is this real?", True, False, False, True),
    ("【XX法院】您已被起诉，详见 http://x.cc 。这是真的吗", True, False, True, False),
    ("逾期三天会上征信吗", False, False, False, False),
])
def test_reading_what_a_message_asks(text: str, asks: bool, reported: bool, pasted: bool, alone: bool) -> None:
    assert (asks_if_genuine(text), reports_offer(text), looks_pasted(text), only_asks(text)) == \
        (asks, reported, pasted, alone)


# ------------------------------------------------------------------ finbot check


def test_cli_json_returns_verdict_flags_and_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.cli.main import cli

    monkeypatch.setenv("FINBOT_KNOWLEDGE_DIR", str(KNOWLEDGE))
    message = "【XX市人民法院】您已被起诉，传票详见 http://fy-chuanpiao.cc/d/1 ，请于今日18点前联系书记员处理。"
    got = CliRunner().invoke(cli, ["check", "--json"], input=message)
    assert got.exit_code == 0, got.output
    out = json.loads(got.output)
    assert set(out) == CONTRACT_KEYS and out["verdict"] == "likely_scam"
    assert {"court_link", "hours_deadline"} <= {f["id"] for f in out["flags"]}
    assert "fake-legal-threats" in {s["id"] for s in out["sources"]}


def test_cli_text_output_lists_the_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.cli.main import cli

    monkeypatch.setenv("FINBOT_KNOWLEDGE_DIR", str(KNOWLEDGE))
    sms = "【招商银行】您尾号3321的信用卡本期账单已出，到期还款日03月15日，如已还款请忽略。"
    got = CliRunner().invoke(cli, ["check"], input=sms)
    assert got.exit_code == 0
    assert got.output.startswith("没有发现常见的诈骗信号") and "来源：\n[1]" in got.output


def test_eval_reads_sets_written_in_other_shapes_and_reports_the_figures(tmp_path: Path, rules_only: Checker) -> None:
    from bot.eval.scam import ScamSetError, evaluate, load

    path = tmp_path / "set.yaml"
    path.write_text(yaml.safe_dump({"messages": [
        {"text": "你已涉嫌恶意透支，24小时内不还将移交公安", "label": "scam"},
        {"sms": "【招商银行】您的信用卡账单已出，到期还款日03月15日，如已还款请忽略。", "genuine": True},
        {"input": "请今天18点前还款", "verdict": "suspicious|likely_scam"},
    ]}, allow_unicode=True), encoding="utf-8")
    summary = evaluate(rules_only, load(path), "t").summary()
    assert (summary["likely_scam_recall"], summary["genuine_called_likely_scam"], summary["verdict_accuracy"]) == \
        (1.0, 0, 1.0)
    path.write_text("- {text: hello}\n", encoding="utf-8")
    with pytest.raises(ScamSetError, match="item 1 needs"):
        load(path)


def test_cli_empty_input_says_what_to_do() -> None:
    from bot.cli.main import cli

    got = CliRunner().invoke(cli, ["check", "--json"], input="  \n")
    assert got.exit_code == 2 and "paste the text" in got.output


# ------------------------------------------------------------------ the learned layer (learned.py, model.json)


@pytest.fixture(scope="module")
def learned(catalog: Catalog) -> Checker:
    from bot.engine.scam import load_model, use_screen

    model = load_model()
    assert model is not None, "bot/engine/scam/model.json is missing: python benchmarks/scam_model.py --write"
    return Checker(catalog, use_screen(), model)


def test_the_stored_model_loads_and_speaks_only_of_defined_flags() -> None:
    from bot.engine.scam import load_model
    from bot.engine.scam.learned import NONE

    model = load_model()
    assert model is not None and set(model.classes) - {NONE} <= set(definitions().flags)
    assert 0 < model.thresholds.sentence <= 1 and 0 < model.thresholds.promote <= 1


# Since held-out #6 cross-validation puts the sentence threshold at 0.9, where new wording rarely reaches it (this
# "activation charge" sentence scores 0.75): the layer shows itself by promoting a message a rule has flagged.
@pytest.mark.parametrize("text", [
    "你这笔款要放出来，得先补一笔流水证明的钱，五百块，今天下午五点前办好。",
    "先打一笔风险准备金到财务，款马上下来，今天18点前。",
])
def test_a_pay_first_wording_no_rule_knows_is_promoted_from_its_one_pressure_flag(rules_only: Checker,
                                                                                  learned: Checker, text: str) -> None:
    assert [f.id for f in rules_only.check(text).flags] == ["hours_deadline"]  # only the deadline has a rule
    assert rules_only.check(text).verdict == "suspicious" and learned.check(text).verdict == "likely_scam"


@pytest.mark.parametrize("text", [
    "刚才96110的民警打电话提醒我，最近有冒充客服让人下载会议软件、共享屏幕的诈骗，问我有没有遇到，让我有事打110。",
    "【禾悦消费金融】您好，受本公司委托，安信信息服务将与您联系还款事宜，请通过禾悦消费金融App还款，勿向任何个人转账。",
    "【启明银行】您的信用卡本期账单已出，应还3,200.00元，请于12月20日前通过手机银行还款。",
    "【某某区人民法院】你与某银行借款合同纠纷一案已立案，请登录人民法院在线服务查看起诉状，咨询12368。",
    "【某银行】近期有不法分子以“征信修复”“注销校园贷”为由诱导转账，本行不会索要验证码，请勿向个人账户转账。",
])
def test_genuine_messages_stay_below_likely_scam_with_the_learned_layer(learned: Checker, text: str) -> None:
    assert learned.check(text).verdict != "likely_scam"


def test_without_the_model_file_the_rules_decide_and_a_warning_is_logged(
        catalog: Catalog, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from bot.engine.scam import load_model, use_screen

    with caplog.at_level("WARNING"):
        assert load_model(tmp_path / "model.json") is None
        (tmp_path / "broken.json").write_text("{\"sentence\": 1}", encoding="utf-8")
        assert load_model(tmp_path / "broken.json") is None
    assert "model.json is missing" in caplog.text and "cannot be read" in caplog.text
    checker = Checker(catalog, use_screen(), None)
    result = checker.check("你已涉嫌恶意透支，24小时内不还将移交公安")
    assert result.verdict == "likely_scam" and result.probability is None


THIRD_RUN_MISSED = [
    ("恭喜，您的理赔款已核准，赔付前需先缴纳300元手续费，缴纳后原路到账。", "upfront_loan_fee"),
    ("额度已批，开通VIP会员后即可优先放款，会员费99元。", "upfront_loan_fee"),
    ("还不上网贷？做兼职刷单，日结佣金，一周就能把欠款还清。", "upfront_loan_fee"),
    ("协商期间要把你的手机银行登录密码发给我们，我们替你操作。", "codes_screen"),
    ("把身份证正反面照片发给我们，马上帮你办理。", "codes_screen"),
    ("你得把借呗额度借出来冲正，系统核对后原路退回。", "new_loan"),
    ("代办非恶意逾期证明，每份收费1800元，出证后逾期记录同步删除。", "record_fee"),
]


@pytest.mark.parametrize("text", [
    "96110反诈中心来电，问我有没有人让我转账或者下载会议软件，提醒我不要转账。",
    "【安信信息服务】受禾悦消费金融有限公司委托提醒您还款，请通过禾悦消费金融APP还款，委托关系可致电客服核实。",
])
def test_an_anti_fraud_call_and_collection_on_a_lenders_behalf_raise_no_flag(rules_only: Checker, text: str) -> None:
    assert rules_only.check(text).verdict == "no_red_flags"


# ------------------------------------------------------------------ what the fourth held-out run showed (our wording)


FOURTH_RUN_MISSED = [
    ("【花呗】经系统排查，您的账户存在利息多收情况，可申请退还利息2,380元。请回复支付宝账号和收到的短信验证码，我们将原路返还。",
     "codes_screen"),
    ("根据最新LPR政策，您的借呗利率可下调至3.2%，需下载“借呗利率调整专属版”："
     "http://mybank-rate.example.top/jb.apk", "click_link"),
    ("【微粒贷】你的贷款利率超过国家规定，可以申请退还超额利息，需要先缴纳300元手续费用于资金审核。",
     "upfront_loan_fee"),
    ("网上有个“债务化解中心”说现在政策允许免还网贷本金，要我先交2000块的名额费才能报上去，这是真的吗？", "agency_fee"),
    ("Good news: under the new scheme your online loans will be written off once you pay the 600 yuan filing fee.",
     "agency_fee"),
    ("宝贝，我表哥在投资公司有内部数据，稳赚不赔，你先投一万进去，赚了就能把那些网贷全还了。", "upfront_loan_fee"),
    ("我有个叔叔在银行有熟人，能帮你把信用卡和网贷的欠款都处理掉，你先给他转3000打点一下。", "insider"),
    ("法院的调解员说只要我把8000元和解金打到他给的卡上就可以撤诉，户名是他私人名字，还叫我别打电话问法院。",
     "personal_account"),
    ("This is the court's mediation officer: pay a good-faith deposit of 5,000 yuan to my account today and the "
     "bank will withdraw the lawsuit.", "court_link"),
    ("专业代还各类信用卡，费率0.5%，把卡和取款密码给我们，当天帮你还上再刷出来。", "codes_screen"),
    ("We repay your credit cards for you with our own funds and swipe them back out. Just mail us the card and PIN.",
     "card_repay_service"),
    ("在家兼职点赞关注，日结300，进阶任务需要先垫付本金，完成后连本带佣金返还，轻松还清网贷。", "upfront_loan_fee"),
    ("Struggling with loans? Review products from home. For the VIP task you prepay 2,000, which is returned with a "
     "30% commission in ten minutes.", "upfront_loan_fee"),
]


FIFTH_RUN_MISSED = [
    ("银行卡和U盾借我们公司走几天账，每张一天给250，完事就寄回给你。", "card_rental"),
    ("我是你二舅，这是我新微信号，你先帮我转五千给我一个朋友，我这边限额了。", "relative_impersonation"),
    ("【安康保险】您的免费保障体验期已到期，次月起每月扣费360元，如需取消请拨打专员电话。", "cancel_account"),
    ("系统发来的动态码请提供给我们的客服，用于核实身份。", "codes_screen"),
    ("页面上要求填写每张银行卡的卡号和取款密码才能办理。", "codes_screen"),
    ("这次是组合单，必须连着垫付两单才能把本金和佣金一起返还。", "upfront_loan_fee"),
    ("我们团队可以帮你协商停息，签约前先交咨询服务费3000元。", "agency_fee"),
    ("【电子送达】您的诉讼文书请到 case-doc.example.net 填写银行卡号签收。", "court_link"),
    ("Your free trial period has ended; to stop the monthly charge, call our agent today.", "cancel_account"),
]


SIXTH_RUN_MISSED = [
    ("【暖心纾困】网贷逾期可申请免息分期，需先交档案服务费560元，资格今日截止。", "agency_fee"),
    ("他自称是借款平台的，说我的扣款卡要重新绑定，让我把手机上刚来的六位数报给他。", "codes_screen"),
    ("This is the security desk of your lender; we just sent a one-time code to your phone, please read it back to me.",
     "codes_screen"),
    ("额度已审批，需要先开通“极速会员”才能放款，会员费499元。", "upfront_loan_fee"),
    ("【星海银行】您的手机盾证书今日过期，过期后将无法转账，请访问 xinghai-cert.example.com 更新。", "lookalike_link"),
    ("催收说现在可以用USDT结清，打六折，币转到他给的钱包地址就算还清。", "crypto_payment"),
    ("You can clear the whole debt at 40% off if you pay in USDT to the TRC20 address below.", "crypto_payment"),
    ("平台说我账户里的收益要提现，得先交20%的个人所得税。", "upfront_loan_fee"),
    ("She said I should take out a loan and put it into the trading account, and she guarantees the returns.",
     "new_loan"),
    ("您的借款符合降息条件，可下调到年化6%，需先缴纳降息服务费800元。", "agency_fee"),
    ("贷款早还清了，对方说账户没注销会一直影响征信，要交一笔注销费到他的对私账户。", "cancel_account"),
    ("自称反诈民警的人让我把存款转到国家资金安全监管账户，说查清楚后退回。", "safe_account"),
    ("Through our partner channel with the credit system we can have your late marks removed; RMB 1,500 per mark.",
     "insider"),
    ("Lend us your debit card for a month; we use it to receive payments from overseas buyers and pay you 2,000.",
     "card_rental"),
    # the SMS's own 请勿泄露 warns in its clause only; a caller's "criminals" does not cover what he then asks for
    ("客服让我把短信里的6位数字念给他，短信上写着“请勿泄露”。", "codes_screen"),
    ("He said fraudsters were after my savings and told me to move them to a safe account.", "safe_account"),
]


# A tuning question the checker passed as "none of the usual scam signs" (2026-12-07): a fake customer-service call.
SEVENTH_READ_MISSED = [
    ("Got a call from 'JD customer service' saying I opened a student account years ago and must cancel it.",
     "cancel_account"),
    ("They want me to take loans and transfer the money to them.", "new_loan"),
]


@pytest.mark.parametrize(("text", "flag"), THIRD_RUN_MISSED + FOURTH_RUN_MISSED + FIFTH_RUN_MISSED + SIXTH_RUN_MISSED
                                           + SEVENTH_READ_MISSED)
def test_what_earlier_held_out_runs_missed_is_flagged_in_our_own_wording(rules_only: Checker, text: str,
                                                                         flag: str) -> None:
    result = rules_only.check(text)
    assert flag in {f.id for f in result.flags} and result.verdict == "likely_scam"


@pytest.mark.parametrize("text", [
    # anti-fraud notices that list the tactics — framed from both ends, or disowned by the next sentence
    "【招商银行反诈提示】凡是自称银行客服要您开启屏幕共享、转账到安全账户、告知短信验证码的，一律是诈骗，请立即挂断。",
    "【某市公安反诈中心】提醒您：凡是要求您从网贷平台借款“验证流水”、注销学生账户、下载会议软件的都是诈骗。",
    "如遇有人自称法院工作人员要求您把钱转到个人银行卡，立即挂断电话并拨打12368核实。",
    "[Anti-fraud notice] Fraudsters often claim to be from the court or your bank. They might ask you to install a "
    "screen-sharing app, move your savings to a \"safe account\" or read out the code we text you. We never do this.",
    "Reminder from your card issuer: anyone who asks you to share a one-time password or to transfer money to a safe "
    "account is a scammer.",
    "网传“国家政策网贷全部清零”“交钱申请债务纾困”均为谣言，凡是收取申报费的都是诈骗，请勿轻信。",
    # court papers that give the court's own landline for a judge, clerk or mediator
    "【某某县人民法院】传票：钱某某，你与星河银行金融借款合同纠纷一案，案号(2026)湘0000民初4410号，定于2027年2月3日9时在"
    "本院第二法庭开庭。承办法官：周法官，联系电话：0731-0000-5521。",
    "执行裁定书 (2026)鲁0000执902号 本院依法冻结被执行人名下存款。如有异议，可联系执行员刘某，电话0531-0000-1188。",
    "本院已委派调解员进行诉前调解，调解不收取任何费用，调解员联系电话：020-0000-7714，也可拨打12368核实。",
    # a bank's call that points to its own app
    "刚才有个自称交通银行信用卡中心的女士来电，说我这期账单逾期了3天，让我在买单吧App里还款就行，还提醒我别相信任何让我转到"
    "私人账户的人。",
    "Got a call from my bank's collections team: they knew my card's last four digits and told me to pay in the "
    "bank's own app; they said they'd never take payment to anyone's personal account.",
    # real rate cuts and fee waivers need no download and no fee
    "【光大银行】根据LPR调整，您的房贷利率将于1月1日起自动下调，无需办理任何手续，详情请登录光大银行手机银行查询。",
    "【农业银行】本行LPR利率调整已自动生效，无需下载其他App，无需点击任何链接。",
    "【建设银行】您的信用卡账单已逾期，您可以让家人代还，也可在建行生活App还款，请勿将卡片和密码交给他人。",
    # a police warning that says real platforms need no download, and a retelling of what a bank did *not* ask for
    "派出所提醒：骗子常以降息为由诱导下载陌生软件；正规平台办理降息不需要下载其他软件，也不用点任何链接。",
    "兴业银行的客服来电提醒我还款，让我在官方App里操作，没让我转账，也没要验证码。",
    # a bank naming card rental, a relative on a new number with nothing asked, an insurer's renewal
    "【某某银行】出租、出借银行卡和U盾“走账”是违法行为，凡是以日结报酬收卡的都是骗局。",
    "我舅舅换了新手机号，叫我存一下，周末来家里吃饭。",
    "【某某保险】您的车险将于下月到期，续保请通过本公司App办理或拨打官方客服95500。",
    # the same words in lawful use (after the sixth held-out run): a certificate renewed in the app, a closed account,
    # a police warning about USDT, a rate cut with no fee, a lender's corporate account, a hospital's 建档费
    "【某某银行】您的手机银行证书将于下月到期，请在本行App内自助更新，本行不会发送任何更新链接。",
    "【某某消费金融】您的借款已全部结清，账户无需注销，也不收取任何费用。",
    "警方提醒：凡是要求用USDT或其他虚拟币还网贷的都是诈骗。",
    "我打客服电话申请降低利率，银行同意下调，没有收任何手续费。",
    "The law firm's letter says to repay in the app or to the lender's corporate account; the account name matches "
    "the lender.",
    "医院说产检要先交建档费，下周去办。",
    # after the seventh held-out run: a warning worded "不会以…要求您", and "your loan account" (no card is lent)
    "【某某社保中心】今年的缴费请通过官方App办理，工作人员不会以电话或短信链接要求您提供银行卡密码。",
    "Your loan account is 40 days overdue. Please repay in the lender's app; our agency takes no payments.",
])
def test_genuine_warnings_court_papers_and_bank_calls_raise_nothing(rules_only: Checker, learned: Checker,
                                                                    text: str) -> None:
    assert rules_only.check(text).verdict == "no_red_flags"
    assert learned.check(text).verdict != "likely_scam"


def test_a_warning_frame_does_not_cover_a_request_outside_it(rules_only: Checker) -> None:
    # the frame covers "凡是…的，都是诈骗"; the request before it is still the sender's own
    result = rules_only.check("把收到的验证码发给我，凡是要收费的都是诈骗，我们不收费。")
    assert "codes_screen" in {f.id for f in result.flags}


def test_a_court_landline_is_no_private_contact_but_a_wechat_still_is(learned: Checker) -> None:
    landline = learned.check("传票 案号(2026)苏0000民初3307号，应到处所：本院第三审判庭。"
                             "联系电话：本院立案庭 0512-0000-6320。")
    assert "private_contact" not in {f.id for f in landline.flags}
    wechat = learned.check("【某某法院】你的案件已立案，承办法官电话0512-0000-6320，请加法官微信fy_judge2026私下处理。")
    assert "private_contact" in {f.id for f in wechat.flags}


def test_a_paid_card_repayment_service_is_explained_as_card_cash_out_and_cites_its_own_section() -> None:
    # It used to read as "take a new loan" and cite the 以贷养贷 section: the borrower was told the wrong risk.
    from bot.engine.scam import check

    report = check("朋友圈有人说可以帮我代还信用卡，每次收2%手续费，靠谱吗")
    flags = {f.id for f in report.flags}
    assert "card_repay_service" in flags and "new_loan" not in flags
    assert "套现" in report.flags[0].text
    assert any("代还信用卡" in (s.section or "") for s in report.sources)


@pytest.mark.parametrize("text", [
    # Own wording of the structures genuine bank warnings in held-out #8 and #9 were called scams for.
    "本行不收任何代办费用，也未委托任何机构办理“征信修复”。",
    "任何公司都无法花钱“修复”或“洗白”征信上的逾期记录。",
    "提醒：骗子常冒充客服，以“注销学生贷”为由，要求您共享屏幕、提供验证码、借款后转入“安全账户”。",
    'Notice: scammers may call and claim your card is "frozen", that you must cancel a "student loan account", or '
    'that you must transfer money to a "safe account".',
])
def test_a_warning_that_lists_what_scammers_say_raises_no_flag(text: str) -> None:
    from bot.engine.scam import check

    assert check(text).verdict == "no_red_flags"


def test_on_the_latest_blind_held_out_set_scams_are_caught_and_no_genuine_message_is_called_a_scam(
        learned: Checker) -> None:
    """Issue #15's bar, on held-out #13 as it was run once (docs/quality.md): likely_scam recall ≥ 90%, no genuine
    message called likely_scam. Seen since that run: this guards it, it no longer measures anything new."""
    from bot.eval.scam import evaluate, load

    summary = evaluate(learned, load(KNOWLEDGE / "eval" / "scam_heldout13.yaml"), "#13").summary()
    assert summary["likely_scam_recall"] >= 0.9, summary
    assert summary["genuine_called_likely_scam"] == 0, summary
