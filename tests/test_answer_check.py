"""The answer engine and the scam check: which messages get the check, and what they read (a real index over the
knowledge base's scam-related articles)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine.answer import Answerer
from bot.engine.memory import Memory

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
ARTICLES = ("credit-repair-scam", "fake-legal-threats", "bank-account-frozen", "debt-agency-scams",
            "credit-complaint-12363", "collector-threats-what-to-do", "online-loan-overdue-what-to-do",
            "when-overdue-reported")


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    from bot.config import Settings

    root = tmp_path_factory.mktemp("scam-engine")
    for lang in ("zh", "en"):
        (root / "knowledge" / lang).mkdir(parents=True)
    for article in ARTICLES:
        shutil.copy(KNOWLEDGE / "zh" / f"{article}.md", root / "knowledge" / "zh")
        en = KNOWLEDGE / "en" / f"{article}-en.md"
        if en.exists():
            shutil.copy(en, root / "knowledge" / "en")
    settings = Settings(_env_file=None, FINBOT_DATA_DIR=str(root / "data"),
                        FINBOT_KNOWLEDGE_DIR=str(root / "knowledge"), FINBOT_EMBEDDING="use", CHROMA_HOST="",
                        FINBOT_LLM_BASE_URL="", FINBOT_LLM_MODEL="")
    return Answerer.from_settings(settings, echo=lambda _msg: None, use_llm=False)


def test_a_question_about_an_offer_gets_dont_pay_and_why(answerer: Answerer) -> None:
    ans = answerer.answer("有个征信修复公司说能删记录，要先交一半定金，我要不要交", Memory())
    assert ans.kind == "answer" and ans.check is not None and ans.check["verdict"] == "likely_scam"
    assert ans.text.startswith("这很可能是骗局，不要付钱")
    assert "任何公司、任何人都无权删除" in ans.text and "[1]" in ans.text
    assert ans.sources[0].id == "credit-repair-scam" and ans.sources[0].basis


def test_an_offer_someone_made_is_never_refused(answerer: Answerer) -> None:
    for question in ("有人说花钱能帮我洗白征信，要不要交钱", "征信修复公司说先交5000定金就能删除逾期记录，我要交吗"):
        ans = answerer.answer(question, Memory())
        assert ans.kind == "answer" and ans.check is not None, (question, ans.kind, ans.text[:60])


def test_a_general_question_about_a_practice_is_answered_from_the_article(answerer: Answerer) -> None:
    ans = answerer.answer("征信修复靠谱吗", Memory())
    assert ans.kind == "answer" and ans.check is None and ans.sources[0].id == "credit-repair-scam"


def test_a_pasted_genuine_message_with_is_this_real_gets_what_to_verify(answerer: Answerer) -> None:
    sms = "【招商银行】您尾号3321的信用卡本期账单4,562.30元，到期还款日03月15日，如已还款请忽略。"
    ans = answerer.answer(sms + "这是真的吗？", Memory())
    assert ans.check is not None and ans.check["verdict"] == "no_red_flags"
    assert "卡背面" in ans.text


def test_is_this_real_on_its_own_checks_the_message_sent_just_before(answerer: Answerer) -> None:
    mem = Memory()
    answerer.answer("【XX市人民法院】您已被起诉，传票详见 http://fy-chuanpiao.cc/d/88231 ，请于今日18点前处理。", mem)
    ans = answerer.answer("这是真的吗？", mem)
    assert ans.check is not None and ans.check["verdict"] == "likely_scam"
    assert "court_link" in {f["id"] for f in ans.check["flags"]}


def test_a_forwarded_message_is_checked_and_crisis_still_comes_first(answerer: Answerer) -> None:
    checked = answerer.check("您好，我们是平台风控部，请下载腾讯会议，开启屏幕共享，按我们的指导操作。")
    assert checked.kind == "answer" and checked.check is not None and checked.check["verdict"] == "likely_scam"
    crisis = answerer.check("催收天天打电话，我真的撑不下去了，不想活了")
    assert crisis.kind == "crisis" and "12356" in crisis.text


def test_an_ordinary_question_is_untouched(answerer: Answerer) -> None:
    ans = answerer.answer("逾期三天会上征信吗？", Memory())
    assert ans.check is None and ans.sources[0].id == "when-overdue-reported"
